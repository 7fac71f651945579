"""The administration site and the building blocks every app's admin.py uses.

Who may open the site is a question for our scoped roles (an administrator role anywhere, or a
superuser), not for Django's `is_staff` flag or model permissions: `KhenThuongAdminSite` and
`ScopedAdminMixin` ask `organizations.permissions`.

Writes go through the services, as everywhere else (services are the only writers):
`ServiceModelAdmin` turns the admin's save, delete and inline hooks into calls of the methods
`create_through_service`, `update_through_service` and `delete_through_service` that each
ModelAdmin implements, and shows a service's domain error on the form instead of a 500.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.utils import unquote
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.exceptions import CommonErrorCode, DomainError, DomainNotFound
from common.views import add_domain_error
from organizations.permissions import can_manage_catalogue, is_administrator

# --- the site ------------------------------------------------------------------------------------


class AdministratorAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, asking for an administrator role instead of `is_staff`."""

    def confirm_login_allowed(self, user: Any) -> None:
        # AuthenticationForm's own check (the account is active), then ours in place of
        # AdminAuthenticationForm's is_staff check.
        AuthenticationForm.confirm_login_allowed(self, user)
        if not is_administrator(user):
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class KhenThuongAdminSite(admin.AdminSite):
    site_header = _("Emulation and commendation administration")
    site_title = _("Commendation administration")
    index_title = _("Data administration")
    login_form = AdministratorAuthenticationForm

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and is_administrator(request.user))

    def password_change(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # People change their own password on the sign-in pages, in one place.
        return redirect("accounts:password_change")

    def password_change_done(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        return redirect("accounts:password_change_done")


admin_site = KhenThuongAdminSite(name="admin")
# Django's bulk delete removes rows with a raw QuerySet.delete(); each ModelAdmin that may delete
# offers `delete_selected_through_service` instead, which asks for a reason and calls a service
# per object.
admin_site.disable_action("delete_selected")


# --- permissions and scope -----------------------------------------------------------------------


class ScopedAdminMixin:
    """Permissions from our roles; what a user may see is what `get_queryset` returns.

    Everything is read-only unless a subclass says otherwise. An object outside the queryset
    (outside the user's scope) answers 404, as in every other page, instead of the admin's
    redirect to the index.
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is None:
            raise Http404(str(CommonErrorCode.NOT_FOUND.label))
        return obj


class CatalogueAdminMixin:
    """Reference data that system administrators edit and every administrator may read."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return can_manage_catalogue(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_catalogue(request.user)


def permitted(check: Callable[[], Any]) -> bool:
    """Turn a service's permission check (raising DomainError) into a yes/no answer."""
    try:
        check()
    except DomainError:
        return False
    return True


# --- forms ---------------------------------------------------------------------------------------


class ServiceAdminForm(forms.ModelForm):
    """The base of every admin form: the request it serves and the reason for a change.

    `ServiceModelAdmin.get_form` sets `admin_request` on the form class it builds for the request,
    so that `limit_choices` can narrow extra fields to the user's scope (on the instance's fields:
    the declared fields are shared between requests), and `service_error` when the service
    refused the previous submission, so that the form shows why.
    """

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the audit log with the change."),
    )

    admin_request: HttpRequest | None = None
    service_error: DomainError | None = None
    service_error_fields: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.admin_request is not None:
            self.limit_choices(self.admin_request)

    def limit_choices(self, request: HttpRequest) -> None:
        """Narrow the querysets of fields that are not model fields (those go through
        ModelAdmin.formfield_for_foreignkey)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.service_error is not None:
            add_domain_error(self, remap_details(self.service_error, self.service_error_fields))
        return cleaned


def remap_details(error: DomainError, fields: dict[str, str]) -> DomainError:
    """The same error with its detail keys renamed to the form's fields (a service speaks of
    `new_parent` where the unit form has `parent`)."""
    if not fields or not error.details:
        return error
    remapped = type(error).__new__(type(error))
    remapped.__dict__.update(error.__dict__)
    remapped.details = {fields.get(name, name): value for name, value in error.details.items()}
    return remapped


def error_text(error: DomainError, model: type[models.Model] | None = None) -> str:
    """One line for a message: the error, then its details with the fields' labels."""
    parts = []
    for name, problems in (error.details or {}).items():
        label = name
        # A detail that is not a field keeps its name.
        if model is not None:
            with contextlib.suppress(FieldDoesNotExist):
                label = str(model._meta.get_field(name).verbose_name)
        listed = problems if isinstance(problems, list | tuple) else [problems]
        parts.append(f"{label}: {', '.join(str(p) for p in listed)}")
    return f"{error.message} ({'; '.join(parts)})" if parts else error.message


def date_field(label: Any, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=admin.widgets.AdminDateWidget, **kwargs)


def reason_field(*, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        required=required,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("Recorded in the audit log."),
    )


# --- intermediate pages for actions --------------------------------------------------------------

CONFIRM_FIELD = "_confirmed"
FORM_PREFIX = "confirm"


def confirm_action(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: Iterable[Any],
    *,
    form_class: type[forms.Form],
    title: Any,
    submit_label: Any,
    next_step: Any,
    perform: Callable[[Any, dict[str, Any]], Any],
    success_message: Callable[[list[Any]], str],
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse | None:
    """An action that asks for more (a date, a target, a reason) on a page of its own.

    The first POST (from the action menu) shows the form; the second applies `perform(obj,
    cleaned_data)` to every selected object in one transaction: if a service refuses one
    object, nothing is applied and the form shows why. `success_message` receives what each
    `perform` returned. Returns None when done, so the admin goes back to the page the action
    came from.
    """
    objects = list(queryset)
    confirmed = CONFIRM_FIELD in request.POST
    form = form_class(
        request.POST if confirmed else None, prefix=FORM_PREFIX, **(form_kwargs or {})
    )
    if confirmed and form.is_valid():
        current = None
        results = []
        try:
            with transaction.atomic():
                for current in objects:
                    results.append(perform(current, form.cleaned_data))
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainError as exc:
            form.add_error(None, f"{current}: {error_text(exc)}")
        else:
            modeladmin.message_user(request, success_message(results), messages.SUCCESS)
            return None
    action_keys = ("action", f"{ActionLocation.CHANGE_FORM.value}-action")
    return render_form_page(
        modeladmin,
        request,
        form=form,
        title=title,
        submit_label=submit_label,
        next_step=next_step,
        objects=objects,
        # What the admin needs to route the second POST back to this action.
        carried=[(key, request.POST[key]) for key in action_keys if key in request.POST]
        + [(helpers.ACTION_CHECKBOX_NAME, obj.pk) for obj in objects],
    )


def render_form_page(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    *,
    form: forms.Form,
    title: Any,
    submit_label: Any,
    next_step: Any,
    objects: list[Any],
    carried: list[tuple[str, Any]],
    cancel_url: str = "",
) -> TemplateResponse:
    """A page with one form in the admin's layout (action pages, the password page)."""
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": opts,
        "objects": objects,
        "adminform": helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {}),
        "form": form,
        "errors": helpers.AdminErrorList(form, []),
        "media": modeladmin.media + form.media,
        "carried": carried,
        "confirm_field": CONFIRM_FIELD,
        "submit_label": submit_label,
        "next_step": next_step,
        "cancel_url": cancel_url
        or reverse(f"{modeladmin.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist"),
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "common/admin/action_form.html", context)


class ReasonForm(forms.Form):
    reason = reason_field()


# --- history -------------------------------------------------------------------------------------


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages, kept inside the user's scope and read-only.

    simple-history would show the history of an object the queryset hides (it falls back to
    the history table) and would save a historical version back over the object ("revert"),
    a raw write that skips the services; both are closed here.
    """

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self.get_object(request, unquote(object_id))  # 404 outside the scope
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        self.get_object(request, unquote(object_id))
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def get_history_queryset(
        self, request: HttpRequest, history_manager: Any, pk_name: str, object_id: Any
    ) -> Any:
        # simple-history's own version calls select_related() with no field names for models
        # without foreign keys, which Django 6.1 deprecates (it would join every relation).
        related = [
            field.name
            for field in history_manager.model.tracked_fields
            if isinstance(field, models.ForeignKey)
        ]
        return history_manager.filter(**{pk_name: object_id}).select_related(
            "history_user", *related
        )


# --- writes through services ---------------------------------------------------------------------


def adopt(target: models.Model, saved: models.Model) -> None:
    """Give the admin's unsaved form instance the identity and values of what a service saved
    (the admin goes on to log and redirect with its own instance)."""
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False
    target._state.db = saved._state.db


def model_data(instance: models.Model) -> dict[str, Any]:
    """The editable values of an unsaved instance, for services that take `data=`."""
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
        and field.editable
        and field.name not in {"created_at", "updated_at"}
    }


def fresh(instance: models.Model) -> Any:
    """The stored version of an instance the admin form has already changed in memory: services
    check permission against, and diff from, what is stored."""
    return type(instance)._default_manager.get(pk=instance.pk)


class ServiceModelAdmin(ScopedAdminMixin, ScopedHistoryAdmin):
    """A ModelAdmin whose every write is a service call.

    Subclasses implement `create_through_service(request, obj, form)` and
    `update_through_service(request, obj, form)` (returning the saved object), and, where deleting
    is allowed, `delete_through_service(request, obj, reason)`. Inlines declare the same methods
    (see ServiceInlineMixin).
    """

    form = ServiceAdminForm
    delete_confirmation_template = "common/admin/delete_confirmation.html"
    actions: list[Any] = []
    # Bookkeeping that pages show and nobody edits.
    readonly_fields: Any = ("created_at", "updated_at")

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        # modelform_factory made this class for this call alone: setting attributes on it does
        # not leak into other requests.
        form.admin_request = request
        form.service_error = getattr(request, "_service_error", None)
        return form

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        # A reason makes sense only when changing something that exists.
        if obj is None or not self.has_change_permission(request, obj):
            fieldsets = [
                (name, {**options, "fields": without_reason(options["fields"])})
                for name, options in fieldsets
            ]
            fieldsets = [(name, options) for name, options in fieldsets if options["fields"]]
        return fieldsets

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        try:
            # The admin runs a POST in a transaction: a refusal rolls everything back.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainError as exc:
            # Show the same submission again, with the service's answer on the form; the form
            # is invalid this time, so nothing is saved.
            request._service_error = exc  # type: ignore[attr-defined]
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            saved = self.update_through_service(request, obj, form)
        else:
            saved = self.create_through_service(request, obj, form)
        if saved is not None and saved is not obj:
            adopt(obj, saved)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Not form.save_m2m(): many-to-many values go through the service in save_model.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        inline = getattr(formset, "admin_inline", None)
        reason = form.cleaned_data.get("change_reason", "")
        formset.save(commit=False)  # fills new/changed/deleted_objects and links the parent
        if inline is None:
            # A read-only inline (ReadOnlyInlineMixin): the admin treats its rows as unchanged,
            # so anything to write here came from a forged submission.
            if formset.new_objects or formset.changed_objects or formset.deleted_objects:
                raise PermissionDenied
            return
        try:
            for obj in formset.deleted_objects:
                inline.delete_through_service(request, obj, reason)
            for obj in formset.new_objects:
                inline.create_through_service(request, obj)
            for obj, changed in formset.changed_objects:
                inline.update_through_service(request, obj, changed, reason)
        except DomainError as exc:
            # The parent form shows it: name the record, since its own row is not marked.
            raise type(exc)(
                exc.code, f"{formset.model._meta.verbose_name}: {error_text(exc, formset.model)}"
            ) from exc

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_through_service(request, obj, request.POST.get("reason", "").strip())

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainError as exc:
            messages.error(request, error_text(exc, self.model))
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    args=[object_id],
                )
            )

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        raise PermissionDenied

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        raise PermissionDenied

    def delete_through_service(self, request: HttpRequest, obj: Any, reason: str) -> None:
        raise PermissionDenied

    @admin.action(
        permissions=["delete"],
        description=_("Delete selected %(verbose_name_plural)s…"),
    )
    def delete_selected_through_service(
        self, request: HttpRequest, queryset: Any
    ) -> HttpResponse | None:
        return confirm_action(
            self,
            request,
            queryset,
            form_class=ReasonForm,
            title=_("Delete the selected entries"),
            submit_label=_("Delete"),
            next_step=_(
                "Check the list, give the reason for deleting and confirm. Each entry is "
                "deleted through its own check and recorded in the audit log; if one cannot be "
                "deleted, none is."
            ),
            perform=lambda obj, data: self.delete_through_service(request, obj, data["reason"]),
            success_message=lambda done: (
                gettext("Entries deleted: %(count)d.") % {"count": len(done)}
            ),
        )


def without_reason(fields: Iterable[Any]) -> list[Any]:
    return [field for field in fields if field != "change_reason"]


def changed_values(form: forms.ModelForm, fields: Iterable[str]) -> dict[str, Any]:
    """{field: new value} for the fields among `fields` that the user changed."""
    allowed = set(fields)
    return {name: form.cleaned_data[name] for name in form.changed_data if name in allowed}


# --- inlines -------------------------------------------------------------------------------------


class ServiceInlineMixin:
    """An inline whose rows are written through services by its parent's save_formset.

    Subclasses implement `create_through_service(request, obj)`,
    `update_through_service(request, obj, changed_fields, reason)` and
    `delete_through_service(request, obj, reason)`. Read permission follows the site; write
    permission is `can_write(request, parent)`, and the services check again per row.
    """

    extra = 0
    show_change_link = False

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        # A fresh class per call: the parent's save_formset finds the inline through it.
        formset.admin_inline = self
        return formset

    def can_write(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.can_write(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.can_write(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.can_write(request, obj)

    def create_through_service(self, request: HttpRequest, obj: Any) -> Any:
        raise PermissionDenied

    def update_through_service(
        self, request: HttpRequest, obj: Any, changed: list[str], reason: str
    ) -> Any:
        raise PermissionDenied

    def delete_through_service(self, request: HttpRequest, obj: Any, reason: str) -> None:
        raise PermissionDenied


class ReadOnlyInlineMixin:
    """An inline that only shows rows (they change through an action or another page)."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


__all__ = [
    "CatalogueAdminMixin",
    "KhenThuongAdminSite",
    "ReadOnlyInlineMixin",
    "ReasonForm",
    "ScopedAdminMixin",
    "ScopedHistoryAdmin",
    "ServiceAdminForm",
    "ServiceInlineMixin",
    "ServiceModelAdmin",
    "admin_site",
    "adopt",
    "changed_values",
    "confirm_action",
    "date_field",
    "error_text",
    "fresh",
    "model_data",
    "permitted",
    "reason_field",
    "render_form_page",
]
