"""Registrations (đăng ký thi đua): a unit registers itself or one of its people with the targets
and titles it commits to; the unit it is filed with acknowledges it or returns it with the
reasons, and a returned registration is filed again. Lists are scoped, filterable, exportable."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.exceptions import DomainNotFound
from common.views import FilteredListView
from emulation.choices import CampaignStatus, RegistrationStatus
from emulation.deadlines import deadline_state
from emulation.forms import RegistrationFilterForm, RegistrationForm, ReturnForm
from emulation.models import Campaign, Registration
from emulation.permissions import staff_grant
from emulation.selectors import (
    campaign_get_visible,
    campaign_list_visible_to,
    registration_get_visible,
    registration_list_visible_to,
    staff_unit_list,
)
from emulation.services import (
    registration_acknowledge,
    registration_return,
    registration_submit,
)
from emulation.views.base import (
    ActionView,
    EmulationFormView,
    int_or_none,
    refusal_messages,
)
from emulation.views.campaigns import campaign_year
from organizations.selectors import person_list_visible_to

OPEN = (CampaignStatus.LAUNCHED, CampaignStatus.IN_PROGRESS)

REGISTRATION_EXPORT_COLUMNS = [
    (gettext_lazy("Campaign"), lambda r: r.campaign.name),
    (gettext_lazy("Year"), lambda r: r.year),
    (gettext_lazy("Unit"), lambda r: r.unit.name),
    (gettext_lazy("Person"), lambda r: r.person.full_name if r.person_id else ""),
    (gettext_lazy("Filed with"), lambda r: r.reviewing_unit.name),
    (gettext_lazy("Status"), lambda r: r.get_status_display()),
    (gettext_lazy("Submitted at"), lambda r: r.submitted_at),
    (gettext_lazy("Filed again at"), lambda r: r.resubmitted_at),
    (gettext_lazy("Acknowledged or returned at"), lambda r: r.reviewed_at),
    (gettext_lazy("Reasons for returning"), lambda r: r.return_reason),
]


class RegistrationListView(FilteredListView):
    template_name = "emulation/registration_list.html"
    filter_form_class = RegistrationFilterForm
    export_name = "dang-ky-thi-dua"
    export_title = gettext_lazy("Emulation registrations")
    export_columns = REGISTRATION_EXPORT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"campaigns": campaign_list_visible_to(self.request.user)}

    def select(
        self,
        *,
        status: str = "",
        year: int | None = None,
        campaign: Campaign | None = None,
        to_acknowledge: bool = False,
    ) -> QuerySet[Registration]:
        user = self.request.user
        registrations = registration_list_visible_to(
            user, campaign=campaign, year=year, status=status
        )
        if to_acknowledge:  # narrows the scoped result to those filed with the reader's units
            registrations = registrations.filter(reviewing_unit__in=staff_unit_list(user))
        return registrations


class PersonLookupView(LoginRequiredMixin, View):
    """HTMX fragment for the person picker: up to 30 current members of the registering unit
    (one the reader files for) matching the search."""

    def get(self, request: HttpRequest) -> HttpResponse:
        query = (request.GET.get("person_search") or "").strip()
        unit_id = int_or_none(request.GET.get("unit"))
        unit = staff_unit_list(request.user).filter(pk=unit_id).first() if unit_id else None
        if unit is None:
            return HttpResponse(
                format_html('<option value="">{}</option>', _("Choose the registering unit first"))
            )
        people = list(person_list_visible_to(request.user, unit=unit, search=query)[:30])
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


class RegistrationCreateView(EmulationFormView):
    template_name = "emulation/registration_form.html"
    form_class = RegistrationForm

    def get_campaign(self) -> Campaign:
        if not hasattr(self, "_campaign"):
            try:
                self._campaign = campaign_get_visible(self.request.user, self.kwargs["pk"])
            except DomainNotFound as exc:
                raise Http404(exc.message) from exc
        return self._campaign

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not staff_unit_list(request.user).exists():
            raise PermissionDenied(_("Only the emulation staff of a unit taking part register it."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        campaign = self.get_campaign()
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "campaign": campaign,
            "indicators": list(campaign.indicators.all()),
        }

    def get_initial(self) -> dict[str, Any]:
        campaign = self.get_campaign()
        return {
            "unit": int_or_none(self.request.GET.get("unit")),
            "year": campaign_year(campaign, self.request.GET.get("year")),
        }

    def perform(self, form: RegistrationForm) -> Registration:
        data = form.cleaned_data
        self.registration = registration_submit(
            actor=self.request.user,
            campaign=self.get_campaign(),
            year=data["year"],
            unit=data["unit"],
            person=form.person(),
            commitment=data["commitment"],
            targets=form.targets(),
            titles=form.titles(),
        )
        return self.registration

    def get_success_message(self) -> str:
        return _(
            "The registration was filed with %(unit)s. It waits for their acknowledgement; if "
            "they return it, this page shows why and you file it again."
        ) % {"unit": self.registration.reviewing_unit.name}

    def get_success_url(self) -> str:
        return reverse("emulation:registration_detail", args=[self.registration.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        campaign = self.get_campaign()
        deadline = campaign.registration_deadline
        context.update(
            campaign=campaign,
            title=_("Register for the campaign"),
            deadline=deadline,
            back_url=reverse("emulation:campaign_detail", args=[campaign.pk]),
        )
        return context


class RegistrationMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_registration(self) -> Registration:
        if not hasattr(self, "_registration"):
            try:
                self._registration = registration_get_visible(self.request.user, self.kwargs["pk"])
            except DomainNotFound as exc:
                raise Http404(exc.message) from exc
        return self._registration


class RegistrationRefileView(RegistrationMixin, EmulationFormView):
    """A returned registration, changed as the reasons ask and filed again."""

    template_name = "emulation/registration_form.html"
    form_class = RegistrationForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            registration = self.get_registration()
            if staff_grant(request.user, registration.unit) is None:
                raise PermissionDenied(_("Only the registering unit's staff file it again."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        registration = self.get_registration()
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "campaign": registration.campaign,
            "indicators": list(registration.campaign.indicators.all()),
            "fixed_unit": registration.unit,
        }

    def get_initial(self) -> dict[str, Any]:
        registration = self.get_registration()
        initial: dict[str, Any] = {
            "who": RegistrationForm.PERSON if registration.person_id else RegistrationForm.UNIT,
            "unit": registration.unit,
            "person": registration.person,
            "year": registration.year,
            "commitment": registration.commitment,
            "award_types": [t.award_type for t in registration.titles.all() if t.award_type_id],
            "other_titles": "\n".join(t.title for t in registration.titles.all() if t.title),
        }
        for target in registration.targets.all():
            initial[f"target_{target.indicator.code}"] = target.target_value
        return initial

    def perform(self, form: RegistrationForm) -> Registration:
        registration = self.get_registration()
        return registration_submit(
            actor=self.request.user,
            campaign=registration.campaign,
            year=registration.year,
            unit=registration.unit,
            person=registration.person,
            commitment=form.cleaned_data["commitment"],
            targets=form.targets(),
            titles=form.titles(),
        )

    def get_success_message(self) -> str:
        return _("The registration was filed again. It waits for acknowledgement.")

    def get_success_url(self) -> str:
        return reverse("emulation:registration_detail", args=[self.get_registration().pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        registration = self.get_registration()
        context.update(
            campaign=registration.campaign,
            registration=registration,
            title=_("File the registration again"),
            deadline=registration.campaign.registration_deadline,
            back_url=reverse("emulation:registration_detail", args=[registration.pk]),
        )
        return context


def registration_context(
    request: HttpRequest,
    registration: Registration,
    *,
    forms: dict[str, Any] | None = None,
    refusal: Any = None,
) -> dict[str, Any]:
    user = request.user
    campaign = registration.campaign
    status = registration.status
    is_open = campaign.status in OPEN
    can_review = (
        status == RegistrationStatus.SUBMITTED
        and campaign.status != CampaignStatus.CLOSED
        and staff_grant(user, registration.reviewing_unit) is not None
    )
    can_refile = (
        status == RegistrationStatus.RETURNED
        and is_open
        and staff_grant(user, registration.unit) is not None
    )
    state = deadline_state(
        timezone.localdate(registration.submitted_at),
        campaign.registration_deadline,
        as_of=timezone.localdate(),
    )
    if can_review:
        next_step = _(
            "Check the targets and titles against the campaign, then acknowledge the "
            "registration, or return it with the reasons so the unit can fix it."
        )
    elif can_refile:
        next_step = _(
            "The registration was returned. Change it as the reasons ask, then file it again."
        )
    elif status == RegistrationStatus.SUBMITTED:
        next_step = _("The registration waits for %(unit)s to acknowledge it.") % {
            "unit": registration.reviewing_unit.name
        }
    elif status == RegistrationStatus.RETURNED:
        next_step = _("The registration was returned; the unit's staff files it again.")
    else:
        next_step = _(
            "The registration is acknowledged. The unit now reports its results per period."
        )
    forms = forms or {}
    targets = {t.indicator_id: t for t in registration.targets.all()}
    return {
        "registration": registration,
        "campaign": campaign,
        "indicators": [
            (indicator, targets.get(indicator.pk)) for indicator in campaign.indicators.all()
        ],
        "can_review": can_review,
        "can_refile": can_refile,
        "deadline_state": state,
        "return_form": forms.get("return") or ReturnForm(),
        "refusal": refusal,
        "refusal_messages": refusal_messages(forms),
        "next_step": next_step,
    }


class RegistrationDetailView(RegistrationMixin, LoginRequiredMixin, TemplateView):
    template_name = "emulation/registration_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(registration_context(self.request, self.get_registration()))
        return context


class RegistrationActionView(RegistrationMixin, ActionView):
    def get_object(self) -> Registration:
        self.__dict__.pop("_registration", None)
        return self.get_registration()

    def success_url(self, obj: Registration) -> str:
        return reverse("emulation:registration_detail", args=[obj.pk])

    def render_page(self, obj: Registration, forms: dict[str, Any], refusal: Any) -> HttpResponse:
        context = registration_context(self.request, obj, forms=forms, refusal=refusal)
        return render(self.request, "emulation/registration_detail.html", context)


class RegistrationAcknowledgeView(RegistrationActionView):
    form_key = "acknowledge"

    def perform(self, obj: Registration, form: Any) -> str:
        registration_acknowledge(actor=self.request.user, registration=obj)
        return _("The registration of %(subject)s is acknowledged.") % {
            "subject": obj.person or obj.unit
        }


class RegistrationReturnView(RegistrationActionView):
    form_class = ReturnForm
    form_key = "return"

    def perform(self, obj: Registration, form: ReturnForm) -> str:
        registration_return(
            actor=self.request.user, registration=obj, reason=form.cleaned_data["reason"]
        )
        return _(
            "The registration was returned with your reasons; %(unit)s changes it and files it "
            "again."
        ) % {"unit": obj.unit.name}
