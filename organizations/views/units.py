"""Pages of the organisation tree: list, tree, detail, and the administrator's changes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.history import history_entries
from common.views import FilteredListView, ServiceFormView
from organizations.forms import (
    UnitDissolveForm,
    UnitFilterForm,
    UnitForm,
    UnitMergeForm,
    UnitMoveForm,
)
from organizations.models import Role, Unit
from organizations.permissions import (
    PEOPLE_WRITE_ROLES,
    can_manage_people_at,
    can_manage_unit,
    visible_unit_ids,
)
from organizations.selectors import (
    person_list_visible_to,
    unit_ancestors,
    unit_children_visible_to,
    unit_get_visible,
    unit_list_visible_to,
    unit_roots_visible_to,
)
from organizations.services import unit_create, unit_dissolve, unit_merge, unit_move, unit_update
from organizations.widgets import unit_options_html

UNIT_EXPORT_COLUMNS = [
    (gettext_lazy("Code"), lambda u: u.code),
    (gettext_lazy("Name"), lambda u: u.name),
    (gettext_lazy("Kind"), lambda u: u.kind.name),
    (gettext_lazy("Level"), lambda u: u.kind.level.name),
    (gettext_lazy("Parent unit"), lambda u: u.parent.name if u.parent else ""),
    (gettext_lazy("Sector"), lambda u: u.get_sector_display()),
    (gettext_lazy("Headcount"), lambda u: u.headcount),
    (gettext_lazy("Women"), lambda u: u.women_headcount),
    (gettext_lazy("Union members"), lambda u: u.member_count),
    (gettext_lazy("Dissolved on"), lambda u: u.dissolved_on),
]


class UnitListView(FilteredListView):
    template_name = "organizations/unit_list.html"
    filter_form_class = UnitFilterForm
    export_name = "don-vi"
    export_title = gettext_lazy("Units")
    export_columns = UNIT_EXPORT_COLUMNS

    def select(self, **filters: Any) -> QuerySet[Unit]:
        return unit_list_visible_to(self.request.user, **filters)


class UnitTreeView(LoginRequiredMixin, TemplateView):
    """The tree from the top units of the reader's scope; branches open in place (HTMX)."""

    template_name = "organizations/unit_tree.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        roots = unit_roots_visible_to(self.request.user)
        context["branches"] = [
            (root, unit_children_visible_to(self.request.user, root)) for root in roots
        ]
        return context


class UnitChildrenView(LoginRequiredMixin, View):
    """HTMX fragment: the visible children of one unit."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        unit = unit_get_visible(request.user, pk)
        return render(
            request,
            "organizations/_unit_children.html",
            {"children": unit_children_visible_to(request.user, unit)},
        )


class UnitLookupView(LoginRequiredMixin, View):
    """HTMX fragment for the unit picker: up to 30 units of the user's scope matching `q`."""

    PURPOSE_ROLES = {"read": None, "manage": {Role.ADMIN}, "people": PEOPLE_WRITE_ROLES}

    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.get("q", "").strip()
        roles = self.PURPOSE_ROLES.get(request.GET.get("purpose", "read"))
        scope = (
            visible_unit_ids(request.user)
            if roles is None
            else visible_unit_ids(request.user, roles)
        )
        units = Unit.objects.filter(id__in=scope, dissolved_on__isnull=True)
        if query:
            units = units.filter(name__icontains=query) | units.filter(code__icontains=query)
        return HttpResponse(unit_options_html(list(units.order_by("name")[:30])))


class UnitDetailView(LoginRequiredMixin, TemplateView):
    template_name = "organizations/unit_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        unit = unit_get_visible(user, self.kwargs["pk"])
        context.update(
            unit=unit,
            ancestors=unit_ancestors(unit),
            children=unit_children_visible_to(user, unit),
            people_count=person_list_visible_to(user, unit=unit).count(),
            ratings=unit.ratings.order_by("-year")[:10],
            award_records=unit.award_records.select_related("deciding_unit").order_by("-year")[:20],
            can_manage=can_manage_unit(user, unit),
            can_manage_people=can_manage_people_at(user, unit),
            history=history_entries(unit, limit=20),
        )
        return context


class UnitActionMixin:
    """Loads the unit the page acts on (404 outside the reader's scope)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    def get_unit(self) -> Unit:
        if not hasattr(self, "_unit"):
            self._unit = unit_get_visible(self.request.user, self.kwargs["pk"])
        return self._unit

    def get_success_url(self) -> str:
        return reverse("organizations:unit_detail", args=[self.get_unit().pk])

    # The page's texts; `title` may name the unit with %(unit)s.
    title: Any = ""
    explanation: Any = ""
    submit_label: Any = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        unit = self.get_unit()
        context.update(
            unit=unit,
            title=str(self.title) % {"unit": unit.name},
            explanation=self.explanation,
            submit_label=self.submit_label,
        )
        return context


class UnitCreateView(UnitActionMixin, ServiceFormView):
    """Create a sub-unit of the unit in the URL."""

    template_name = "organizations/unit_form.html"
    form_class = UnitForm
    title = gettext_lazy("New sub-unit of %(unit)s")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["parent"] = self.get_unit()
        return kwargs

    def perform(self, form: UnitForm) -> Unit:
        data = dict(form.cleaned_data)
        self.created = unit_create(
            actor=self.request.user,
            parent=self.get_unit(),
            code=data.pop("code"),
            name=data.pop("name"),
            kind=data.pop("kind"),
            **data,
        )
        return self.created

    def get_success_url(self) -> str:
        return reverse("organizations:unit_detail", args=[self.created.pk])


class UnitUpdateView(UnitActionMixin, ServiceFormView):
    template_name = "organizations/unit_form.html"
    form_class = UnitForm
    title = gettext_lazy("Edit %(unit)s")
    success_message = gettext_lazy("The unit was saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_unit()
        kwargs["parent"] = self.get_unit().parent
        return kwargs

    def perform(self, form: UnitForm) -> Unit:
        # A fresh copy: the form has not touched it, the service applies the changes.
        unit = Unit.objects.get(pk=self.get_unit().pk)
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        return unit_update(actor=self.request.user, unit=unit, **changes)


class UnitMoveView(UnitActionMixin, ServiceFormView):
    template_name = "organizations/unit_action.html"
    form_class = UnitMoveForm
    title = gettext_lazy("Move %(unit)s to another parent")
    explanation = gettext_lazy(
        "The unit keeps its people, records, nominations and history; the administrators "
        "and reviewers of the new parent will see it from now on."
    )
    submit_label = gettext_lazy("Move the unit")
    success_message = gettext_lazy("The unit and its sub-units were moved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form: UnitMoveForm) -> Unit:
        return unit_move(
            actor=self.request.user,
            unit=self.get_unit(),
            new_parent=form.cleaned_data["new_parent"],
            reason=form.cleaned_data["reason"],
        )


class UnitMergeView(UnitActionMixin, ServiceFormView):
    template_name = "organizations/unit_action.html"
    form_class = UnitMergeForm
    title = gettext_lazy("Merge %(unit)s into another unit")
    explanation = gettext_lazy(
        "Its sub-units move to the unit you choose, its current members become members of it "
        "from the date, its roles end. The merged unit stays, dissolved, with all its history."
    )
    submit_label = gettext_lazy("Merge")
    success_message = gettext_lazy("The units were merged.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form: UnitMergeForm) -> Unit:
        self.target = unit_merge(
            actor=self.request.user,
            source=self.get_unit(),
            target=form.cleaned_data["target"],
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
        )
        return self.target

    def get_success_url(self) -> str:
        return reverse("organizations:unit_detail", args=[self.target.pk])


class UnitDissolveView(UnitActionMixin, ServiceFormView):
    template_name = "organizations/unit_action.html"
    form_class = UnitDissolveForm
    title = gettext_lazy("Dissolve %(unit)s")
    explanation = gettext_lazy(
        "The unit stops taking new members and nominations from the date; its current "
        "memberships and roles end. Its history and records stay readable."
    )
    submit_label = gettext_lazy("Dissolve the unit")
    success_message = gettext_lazy("The unit was dissolved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        unit = self.get_unit()
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "has_children": unit.children.filter(dissolved_on__isnull=True).exists(),
        }

    def perform(self, form: UnitDissolveForm) -> Unit:
        return unit_dissolve(
            actor=self.request.user,
            unit=self.get_unit(),
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
            children_to=form.cleaned_data.get("children_to"),
        )
