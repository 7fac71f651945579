"""Administration of user accounts: administrators manage the accounts whose home unit lies in
their subtree. What an account may do comes from its roles (organizations admin), so the
superuser, staff, group and permission flags are shown but never edited here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin as AuthUserAdmin
from django.contrib.auth.forms import SetPasswordMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from accounts.models import User
from accounts.selectors import user_list_visible_to
from accounts.services import (
    USER_EDITABLE_FIELDS,
    user_admin_grant,
    user_create,
    user_set_password,
    user_update,
)
from common.admin import (
    ServiceAdminForm,
    ServiceModelAdmin,
    admin_site,
    changed_values,
    fresh,
    permitted,
    render_form_page,
)
from common.exceptions import DomainError
from common.views import add_domain_error
from organizations.admin import ScopeChoicesMixin
from organizations.permissions import is_administrator


class UserAddForm(SetPasswordMixin, ServiceAdminForm):
    """A new account (user_create). Without a password it cannot sign in until one is set."""

    password1 = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Leave both empty to set the password later."),
    )
    password2 = forms.CharField(
        label=_("Password confirmation"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = ("username", "home_unit", "full_name", "email", "phone")

    def limit_choices(self, request: HttpRequest) -> None:
        # Optional on the model (system accounts have none), required for the accounts an
        # administrator creates: it decides who manages them.
        self.fields["home_unit"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 or password2:
            if not (password1 and password2):
                self.add_error("password2", self.error_messages["password_mismatch"])
            self.validate_passwords()
            # The instance is filled in only after clean(); the validators compare the
            # password with the account's name and e-mail.
            candidate = User(
                username=cleaned.get("username", ""),
                full_name=cleaned.get("full_name", ""),
                email=cleaned.get("email", ""),
            )
            self.validate_password_for_user(candidate)
        return cleaned


class UserChangeAdminForm(ServiceAdminForm):
    class Meta:
        model = User
        fields = ("full_name", "email", "phone", "home_unit", "is_active")


class AdminSetPasswordForm(SetPasswordMixin, forms.Form):
    """An administrator sets an account's password (user_set_password)."""

    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        self.validate_passwords()
        self.validate_password_for_user(self.user)
        return super().clean()


@admin.register(User, site=admin_site)
class UserAdmin(ScopeChoicesMixin, ServiceModelAdmin, AuthUserAdmin):
    form = UserChangeAdminForm
    add_form = UserAddForm
    list_display = ("username", "full_name", "email", "home_unit", "is_active", "last_login")
    list_select_related = ("home_unit",)
    list_filter = ("is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    autocomplete_fields = ("home_unit",)
    ordering = ("username",)
    filter_horizontal = ()
    fieldsets = (
        (None, {"fields": ("username", "password_status")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone")}),
        (_("Unit and roles"), {"fields": ("home_unit", "is_active", "roles")}),
        (
            _("Important dates"),
            {"fields": ("last_login", "date_joined", "is_superuser", "is_system")},
        ),
        (None, {"fields": ("change_reason",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "home_unit",
                    "full_name",
                    "email",
                    "phone",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = change_readonly_fields = (
        "username",
        "password_status",
        "roles",
        "last_login",
        "date_joined",
        "is_superuser",
        "is_system",
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return user_list_visible_to(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.change_readonly_fields if obj is not None else ()

    @admin.display(description=_("password"))
    def password_status(self, obj: User) -> str:
        url = reverse(f"{self.admin_site.name}:auth_user_password_change", args=[obj.pk])
        state = (
            gettext("A password is set.")
            if obj.has_usable_password()
            else gettext("No password yet: this account cannot sign in.")
        )
        return format_html('{} <a href="{}">{}</a>', state, url, gettext("Set a new password"))

    @admin.display(description=_("active roles"))
    def roles(self, obj: User) -> str:
        assignments = obj.role_assignments.filter(revoked_at__isnull=True).select_related("unit")
        return (
            format_html_join(", ", "{} – {}", ((a.get_role_display(), a.unit) for a in assignments))
            or "—"
        )

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return is_administrator(request.user)
        return permitted(lambda: user_admin_grant(request.user, obj))

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        return user_create(
            actor=request.user,
            username=data["username"],
            home_unit=data["home_unit"],
            full_name=data.get("full_name", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            password=data.get("password1") or None,
        )

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        user = fresh(obj)
        changes = changed_values(form, USER_EDITABLE_FIELDS)
        if not changes:
            return user
        return user_update(
            actor=request.user,
            user=user,
            reason=form.cleaned_data.get("change_reason", ""),
            **changes,
        )

    @method_decorator(sensitive_post_parameters())
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Django's page saves the form itself; this one calls the service, which checks the
        # actor manages the account and records the change (without the password).
        user = self.get_object(request, unquote(id))
        if not self.has_change_permission(request, user):
            raise PermissionDenied
        form = AdminSetPasswordForm(user, request.POST if request.method == "POST" else None)
        change_url = reverse(f"{self.admin_site.name}:accounts_user_change", args=[user.pk])
        if form.is_bound and form.is_valid():
            try:
                user_set_password(
                    actor=request.user, user=user, password=form.cleaned_data["password1"]
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                if user.pk == request.user.pk:
                    # Changing one's own password must not sign one out.
                    update_session_auth_hash(request, user)
                messages.success(request, gettext("Password changed successfully."))
                return HttpResponseRedirect(change_url)
        return render_form_page(
            self,
            request,
            form=form,
            title=gettext("Set the password of %(user)s") % {"user": user.get_username()},
            submit_label=gettext("Set password"),
            next_step=gettext(
                "Enter the new password twice, then tell it to the person in private. They "
                "can change it themselves after signing in."
            ),
            objects=[user],
            carried=[],
            cancel_url=change_url,
        )
