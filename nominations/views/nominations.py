"""The nominations list, the nomination form (new draft, or edit a draft or returned one), the
nominee lookup of the form and the printable proposal of one nomination."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.views import FilteredListView, ServiceFormView
from nominations.forms import (
    NominationEditForm,
    NominationFilterForm,
    NominationForm,
    clerk_units,
    nomination_initial,
)
from nominations.models import Nomination
from nominations.selectors import nomination_get_visible, nomination_list_visible_to
from nominations.services import nomination_create, nomination_update
from organizations.selectors import person_list_visible_to


def _nominee_kind(nomination: Nomination) -> str:
    return str(_("Collective") if nomination.nominee_unit_id else _("Person"))


NOMINATION_EXPORT_COLUMNS = [
    (gettext_lazy("No."), lambda n: n.pk),
    (gettext_lazy("Nominee"), lambda n: str(n.nominee)),
    (gettext_lazy("Person or collective"), _nominee_kind),
    (gettext_lazy("Award"), lambda n: n.award_type.name),
    (gettext_lazy("Year"), lambda n: n.year),
    (gettext_lazy("Phase or campaign"), lambda n: n.period_label),
    (gettext_lazy("Nominating unit"), lambda n: n.nominating_unit.name),
    (gettext_lazy("Status"), lambda n: n.get_status_display()),
    (gettext_lazy("Now at"), lambda n: n.current_unit.name if n.current_unit else ""),
    (gettext_lazy("Deciding unit"), lambda n: n.deciding_unit.name if n.deciding_unit else ""),
    (gettext_lazy("First submitted"), lambda n: n.submitted_at),
    (gettext_lazy("Times returned"), lambda n: n.return_count),
]


class NominationListView(FilteredListView):
    template_name = "nominations/nomination_list.html"
    filter_form_class = NominationFilterForm
    export_name = "de-nghi-khen-thuong"
    export_title = gettext_lazy("Nominations")
    export_columns = NOMINATION_EXPORT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def select(self, **filters: Any) -> QuerySet[Nomination]:
        return nomination_list_visible_to(self.request.user, **filters)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = clerk_units(self.request.user).exists()
        return context


class NominationFormMixin:
    """The form re-renders itself (HTMX, `_refresh`) when a choice that others depend on
    changes: the nominating unit, the kind of nominee, the nominee, the date or the award."""

    request: HttpRequest
    refresh_template = "nominations/_nomination_fields.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["user"] = self.request.user
        return kwargs

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("_refresh"):
            # An unbound form that starts from what is on the screen: new choices, no errors yet.
            form_kwargs = self.get_form_kwargs()
            form_kwargs.pop("data", None)
            form_kwargs.pop("files", None)
            form_kwargs["initial"] = {
                name: request.POST.getlist(name)
                if name in NominationForm.citation_fields
                else request.POST.get(name)
                for name in request.POST
            }
            form = self.get_form_class()(**form_kwargs)  # type: ignore[attr-defined]
            return render(request, self.refresh_template, {"form": form})
        return super().post(request, *args, **kwargs)  # type: ignore[misc]


class NominationCreateView(NominationFormMixin, ServiceFormView):
    template_name = "nominations/nomination_form.html"
    form_class = NominationForm
    success_message = gettext_lazy(
        "The draft was saved. Now attach the documents of the dossier, then submit it."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not clerk_units(request.user).exists():
            raise PermissionDenied(_("Only the clerks of a unit file nominations."))
        return super().dispatch(request, *args, **kwargs)

    # What a link may fill in (the eligibility finder's "file a nomination for it"); the form
    # still offers only what the clerk may choose, so a stale or forged value is not kept.
    PREFILLED = ("nominating_unit", "nominee_kind", "nominee_person", "nominee_unit", "award_type")

    def get_initial(self) -> dict[str, Any]:
        today = timezone.localdate()
        initial: dict[str, Any] = {"year": today.year, "reference_date": today}
        initial.update({k: v for k in self.PREFILLED if (v := self.request.GET.get(k))})
        if (year := _int(self.request.GET.get("year"))) is not None:
            initial["year"] = year
        return initial

    def perform(self, form: NominationForm) -> Nomination:
        data = form.cleaned_data
        self.created = nomination_create(
            actor=self.request.user,
            nominating_unit=data["nominating_unit"],
            nominee_person=data["nominee_person"],
            nominee_unit=data["nominee_unit"],
            award_type=data["award_type"],
            topic=data.get("topic"),
            year=data["year"],
            reference_date=data["reference_date"],
            period_label=data["period_label"],
            achievements=data["achievements"],
            ratings=data.get("ratings") or [],
            initiatives=data.get("initiatives") or [],
            prior_awards=data.get("prior_awards") or [],
        )
        return self.created

    def get_success_url(self) -> str:
        return reverse("nominations:detail", args=[self.created.pk]) + "#dossier"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("New nomination")
        return context


class NominationUpdateView(NominationFormMixin, ServiceFormView):
    template_name = "nominations/nomination_form.html"
    form_class = NominationEditForm
    success_message = gettext_lazy("The nomination was saved.")

    def get_nomination(self) -> Nomination:
        if not hasattr(self, "_nomination"):
            self._nomination = nomination_get_visible(self.request.user, self.kwargs["pk"])
        return self._nomination

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "nomination": self.get_nomination()}

    def get_initial(self) -> dict[str, Any]:
        return nomination_initial(self.get_nomination())

    def perform(self, form: NominationEditForm) -> Nomination:
        data = form.cleaned_data
        changes = {
            name: data[name]
            for name in ("award_type", "year", "reference_date", "period_label", "achievements")
        }
        # No topic field: the award has no topics, so any earlier topic no longer applies.
        changes["topic"] = data.get("topic")
        for name in NominationForm.citation_fields:
            if name in form.fields:
                changes[name] = data[name]
        return nomination_update(
            actor=self.request.user, nomination=self.get_nomination(), **changes
        )

    def get_success_url(self) -> str:
        return reverse("nominations:detail", args=[self.get_nomination().pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        nomination = self.get_nomination()
        context.update(
            nomination=nomination,
            title=_("Edit the nomination of %(nominee)s") % {"nominee": nomination.nominee},
        )
        return context


class PersonLookupView(LoginRequiredMixin, View):
    """HTMX fragment for the nominee picker: up to 30 current members of the nominating unit
    (and its sub-units) matching the search."""

    def get(self, request: HttpRequest) -> HttpResponse:
        query = (request.GET.get("person_search") or request.GET.get("q") or "").strip()
        unit = clerk_units(request.user).filter(pk=_int(request.GET.get("nominating_unit")))
        unit = unit.first()
        if unit is None:
            return HttpResponse(
                format_html('<option value="">{}</option>', _("Choose the nominating unit first"))
            )
        people = list(person_list_visible_to(request.user, under=unit, search=query)[:30])
        if not people:
            return HttpResponse(
                format_html('<option value="">{}</option>', _("No member matches the search"))
            )
        return HttpResponse(
            format_html_join(
                "",
                '<option value="{}">{} ({})</option>',
                ((person.pk, person.full_name, person.code) for person in people),
            )
        )


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class NominationPrintView(LoginRequiredMixin, TemplateView):
    """A printable proposal (tờ trình) for one nomination, for a unit that sends it alone."""

    template_name = "nominations/print_letter.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        nomination = nomination_get_visible(self.request.user, self.kwargs["pk"])
        context.update(
            unit=nomination.nominating_unit,
            to_unit=nomination.current_unit or nomination.nominating_unit.parent,
            nominations=[nomination],
            subject=_("Proposal to award %(award)s") % {"award": nomination.award_type.name},
            number="",
            today=timezone.localdate(),
            back_url=reverse("nominations:detail", args=[nomination.pk]),
        )
        return context
