"""The campaign pages: the list, the plan (create, edit), the campaign's page with its progress
against each target, who has registered and reported, and every action its reader may take; and
the draft's phases, targets, planned awards and reporting calendar.

The page reads through the emulation selectors (scope: a 404 outside it) and shows a button only
to whom the emulation permission helpers allow; the services decide anyway.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from common.exceptions import DomainNotFound
from common.views import FilteredListView
from emulation.choices import (
    HIGHER_IS_BETTER,
    CampaignStatus,
    DeadlineState,
    RegistrationStatus,
)
from emulation.deadlines import MISSING_STATES
from emulation.forms import (
    CampaignCloseForm,
    CampaignFilterForm,
    CampaignForm,
    DeadlineFilterForm,
    IndicatorForm,
    PeriodForm,
    PhaseForm,
    PlannedAwardForm,
    RemoveForm,
)
from emulation.models import (
    Campaign,
    CampaignPhase,
    PlannedAward,
    ReportingPeriod,
    TargetIndicator,
)
from emulation.permissions import can_manage_campaign
from emulation.rollup import RollupResult
from emulation.selectors import (
    DeadlineRow,
    campaign_get_visible,
    campaign_list_visible_to,
    campaign_rollup,
    progress_report_status_list,
    registration_list_visible_to,
    registration_status_list,
    staff_unit_list,
)
from emulation.services import (
    campaign_close,
    campaign_create,
    campaign_launch,
    campaign_phase_remove,
    campaign_phase_save,
    campaign_start,
    campaign_update,
    planned_award_remove,
    planned_award_save,
    reporting_period_remove,
    reporting_period_save,
    target_indicator_remove,
    target_indicator_save,
)
from emulation.views.base import (
    ActionView,
    EmulationFormView,
    int_or_none,
    refusal_messages,
    xlsx_rows,
)
from organizations.models import Unit

OPEN = (CampaignStatus.LAUNCHED, CampaignStatus.IN_PROGRESS)
# How many names a section of the campaign's page lists before pointing to the full list.
NAMES_SHOWN = 12

CAMPAIGN_EXPORT_COLUMNS = [
    (gettext_lazy("Campaign"), lambda c: c.name),
    (gettext_lazy("Launched by"), lambda c: c.launching_unit.name),
    (gettext_lazy("Plan number"), lambda c: c.plan_number),
    (gettext_lazy("Plan date"), lambda c: c.plan_date),
    (gettext_lazy("Starts on"), lambda c: c.starts_on),
    (gettext_lazy("Ends on"), lambda c: c.ends_on),
    (gettext_lazy("Registration deadline"), lambda c: c.registration_deadline),
    (gettext_lazy("Status"), lambda c: c.get_status_display()),
]


class CampaignListView(FilteredListView):
    template_name = "emulation/campaign_list.html"
    filter_form_class = CampaignFilterForm
    export_name = "phong-trao-thi-dua"
    export_title = gettext_lazy("Emulation campaigns")
    export_columns = CAMPAIGN_EXPORT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def select(self, **filters: Any) -> QuerySet[Campaign]:
        return campaign_list_visible_to(self.request.user, **filters)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = staff_unit_list(self.request.user).exists()
        return context


# --- the plan ------------------------------------------------------------------------------------


def participant_codes(campaign: Campaign) -> str:
    return "\n".join(unit.code for unit in campaign.participants.all())


class CampaignCreateView(EmulationFormView):
    template_name = "emulation/form.html"
    form_class = CampaignForm
    success_message = gettext_lazy(
        "The campaign is saved as a draft. Add its phases, targets, planned awards and "
        "reporting calendar, then launch it: the units taking part can then register."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not staff_unit_list(request.user).exists():
            raise PermissionDenied(_("Only the emulation staff of a unit launch campaigns."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict[str, Any]:
        year = timezone.localdate().year
        only = list(staff_unit_list(self.request.user)[:2])
        return {
            "launching_unit": only[0].pk if len(only) == 1 else None,
            "starts_on": datetime.date(year, 1, 1),
            "ends_on": datetime.date(year, 12, 31),
        }

    def perform(self, form: CampaignForm) -> Campaign:
        data = form.cleaned_data
        self.created = campaign_create(
            actor=self.request.user,
            launching_unit=data["launching_unit"],
            name=data["name"],
            theme=data["theme"],
            plan_number=data["plan_number"],
            plan_date=data["plan_date"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            scope=data["scope"],
            participant_levels=data["participant_levels"],
            participants=data["participants"],
            registration_deadline=data["registration_deadline"],
        )
        return self.created

    def get_success_url(self) -> str:
        return reverse("emulation:campaign_detail", args=[self.created.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("New emulation campaign"),
            next_step=_(
                "Write the plan as it was issued: its number and date are the legal basis. "
                "Choose who takes part: the units of some levels under your unit, or chosen "
                "units. Nothing is sent to the units until you launch it."
            ),
            back_url=reverse("emulation:campaign_list"),
            submit_label=_("Save the draft"),
        )
        return context


class CampaignMixin:
    """A view about one campaign the reader sees (a 404 otherwise); `manage_only` views are
    for the launching unit's staff (a 403 for anyone else)."""

    request: HttpRequest
    kwargs: dict[str, Any]
    manage_only = True

    def get_campaign(self) -> Campaign:
        if not hasattr(self, "_campaign"):
            try:
                self._campaign = campaign_get_visible(self.request.user, self.kwargs["pk"])
            except DomainNotFound as exc:
                raise Http404(exc.message) from exc
        return self._campaign

    def check_manager(self) -> None:
        if self.manage_only and not can_manage_campaign(self.request.user, self.get_campaign()):
            raise PermissionDenied(_("Only the launching unit's emulation staff run a campaign."))


class CampaignUpdateView(CampaignMixin, EmulationFormView):
    template_name = "emulation/form.html"
    form_class = CampaignForm
    success_message = gettext_lazy("The campaign was saved.")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.check_manager()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "campaign": self.get_campaign(),
        }

    def get_initial(self) -> dict[str, Any]:
        campaign = self.get_campaign()
        return {
            "name": campaign.name,
            "theme": campaign.theme,
            "plan_number": campaign.plan_number,
            "plan_date": campaign.plan_date,
            "starts_on": campaign.starts_on,
            "ends_on": campaign.ends_on,
            "registration_deadline": campaign.registration_deadline,
            "scope": campaign.scope,
            "participant_levels": list(campaign.participant_levels.all()),
            "participants": participant_codes(campaign),
        }

    def perform(self, form: CampaignForm) -> Campaign:
        return campaign_update(
            actor=self.request.user,
            campaign=self.get_campaign(),
            reason=form.cleaned_data.get("reason", ""),
            **form.changes(),
        )

    def get_success_url(self) -> str:
        return reverse("emulation:campaign_detail", args=[self.get_campaign().pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        campaign = self.get_campaign()
        context.update(
            campaign=campaign,
            title=_("Edit the campaign"),
            next_step=(
                _("The campaign is a draft: everything can still change.")
                if campaign.status == CampaignStatus.DRAFT
                else _(
                    "The campaign is launched: who takes part and its start are fixed; its "
                    "name, theme, end and deadline may change, each change on record. Give "
                    "the reason."
                )
            ),
            back_url=reverse("emulation:campaign_detail", args=[campaign.pk]),
            submit_label=_("Save the campaign"),
        )
        return context


# --- the campaign's page -------------------------------------------------------------------------


@dataclass
class ProgressRow:
    """An indicator's roll-up, with what the page draws: the share of the target achieved."""

    indicator: TargetIndicator
    result: RollupResult

    @property
    def higher_is_better(self) -> bool:
        return self.indicator.direction in HIGHER_IS_BETTER

    @property
    def percent(self) -> Decimal | None:
        value, target = self.result.value, self.indicator.target_value
        if value is None or not target or not self.higher_is_better:
            return None
        return (value * 100 / target).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def bar(self) -> int:
        """The width of the bar, 0..100: the share of the target (capped); for a "no more
        than" target, full when met."""
        if self.percent is not None:
            return int(min(self.percent, Decimal(100)))
        return 100 if self.result.target_met else 0

    @property
    def reporting(self) -> int:
        return int(self.result.reported * 100 / self.result.expected) if self.result.expected else 0


@dataclass
class PeriodStatus:
    period: ReportingPeriod
    rows: list[DeadlineRow]

    @property
    def filed(self) -> list[DeadlineRow]:
        return [r for r in self.rows if r.record is not None]

    @property
    def late(self) -> list[DeadlineRow]:
        return [r for r in self.rows if r.state == DeadlineState.LATE]

    @property
    def missing(self) -> list[DeadlineRow]:
        return [r for r in self.rows if r.state in MISSING_STATES]

    @property
    def overdue(self) -> list[DeadlineRow]:
        return [r for r in self.rows if r.state == DeadlineState.OVERDUE]


@dataclass
class RegistrationSummary:
    year: int
    rows: list[DeadlineRow]

    def _with(self, status: str) -> list[DeadlineRow]:
        return [r for r in self.rows if r.record is not None and r.record.status == status]

    @property
    def filed(self) -> list[DeadlineRow]:
        return [r for r in self.rows if r.record is not None]

    @property
    def acknowledged(self) -> list[DeadlineRow]:
        return self._with(RegistrationStatus.ACKNOWLEDGED)

    @property
    def awaiting(self) -> list[DeadlineRow]:
        return self._with(RegistrationStatus.SUBMITTED)

    @property
    def returned(self) -> list[DeadlineRow]:
        return self._with(RegistrationStatus.RETURNED)

    @property
    def late(self) -> list[DeadlineRow]:
        return [r for r in self.rows if r.state == DeadlineState.LATE]

    @property
    def missing(self) -> list[DeadlineRow]:
        return [r for r in self.rows if r.state in MISSING_STATES]


def campaign_year(campaign: Campaign, asked: Any) -> int:
    """The registration year the page shows: the one asked, this year while the campaign runs,
    else its first or last year."""
    year = int_or_none(asked)
    if year in campaign.years:
        return int(year)  # type: ignore[arg-type]
    today = timezone.localdate().year
    if today in campaign.years:
        return today
    return campaign.starts_on.year if today < campaign.starts_on.year else campaign.ends_on.year


def campaign_period(campaign: Campaign, asked: Any) -> ReportingPeriod | None:
    """The reporting period the progress is shown for: the one asked, else the latest that has
    started (the first while none has)."""
    periods = sorted(campaign.reporting_periods.all(), key=lambda p: (p.due_on, p.kind))
    wanted = int_or_none(asked)
    for period in periods:
        if period.pk == wanted:
            return period
    today = timezone.localdate()
    started = [p for p in periods if p.starts_on <= today]
    if started:
        # the one running now or just finished: the latest due among those started
        return started[-1]
    return periods[0] if periods else None


def progress_for(
    user: Any, campaign: Campaign, period: ReportingPeriod | None, under: Unit | None
) -> tuple[list[ProgressRow] | None, Unit | None]:
    """The roll-up over the launching unit's subtree, or over `under` (the reader's own unit
    when the reader does not follow the whole campaign); None when the reader may read neither."""
    if period is None:
        return None, None
    candidates = [under] if under is not None else [None, getattr(user, "home_unit", None)]
    for root in candidates:
        try:
            rows = campaign_rollup(user, campaign, period, under=root)
        except DomainNotFound:
            continue
        return [ProgressRow(row.indicator, row.result) for row in rows], (
            root or campaign.launching_unit
        )
    return None, None


def next_step_for(context: dict[str, Any]) -> str:
    campaign: Campaign = context["campaign"]
    status = campaign.status
    deadline = campaign.registration_deadline
    if status == CampaignStatus.DRAFT:
        if context["can_manage"]:
            return _(
                "Add the phases, the targets with how units add up, the planned awards and the "
                "reporting calendar, then launch the campaign: the units taking part can then "
                "register and report."
            )
        return _("This campaign is a draft: the units see it once it is launched.")
    if status == CampaignStatus.CLOSED:
        return _("The campaign is closed: its registrations, reports and progress are kept here.")
    if context["units_to_register"]:
        if deadline:
            return _(
                "Register your unit for %(year)s by %(deadline)s: the targets it commits to and "
                "the titles it aims for. Its upper unit then acknowledges it."
            ) % {"year": context["year"], "deadline": deadline.strftime("%d/%m/%Y")}
        return _(
            "Register your unit for %(year)s: the targets it commits to and the titles it aims "
            "for. Its upper unit then acknowledges it."
        ) % {"year": context["year"]}
    if context["awaiting_mine"]:
        return _(
            "%(count)s registrations filed with your unit await acknowledgement: open each, "
            "then acknowledge it or return it with the reasons."
        ) % {"count": context["awaiting_mine"]}
    if context["my_units"]:
        return _(
            "File your unit's report for each reporting period before its due date, with the "
            "evidence. The progress below adds up the reports received."
        )
    if context["can_manage"] and status == CampaignStatus.LAUNCHED:
        return _(
            "Registration is open. Follow below who has registered and who has not; when "
            "registration is over, mark the campaign as in progress."
        )
    if context["can_manage"]:
        return _(
            "Follow the progress against each target and the late and missing reports below; "
            "close the campaign after its year-end summing-up."
        )
    return _("Follow the campaign's progress against each target below.")


def campaign_context(
    request: HttpRequest,
    campaign: Campaign,
    *,
    forms: dict[str, forms.Form] | None = None,
    refusal: Any = None,
) -> dict[str, Any]:
    user = request.user
    year = campaign_year(campaign, request.GET.get("year"))
    period = campaign_period(campaign, request.GET.get("period"))
    is_draft = campaign.status == CampaignStatus.DRAFT
    # a draft has no report yet: its page lists the targets to edit instead of their progress
    progress, progress_root = (
        (None, None) if is_draft else progress_for(user, campaign, period, None)
    )
    registrations = RegistrationSummary(year, registration_status_list(user, campaign, year))
    periods = sorted(campaign.reporting_periods.all(), key=lambda p: (p.due_on, p.kind))
    reports = [PeriodStatus(p, progress_report_status_list(user, p)) for p in periods]
    is_open = campaign.status in OPEN
    participants = [row.unit.pk for row in registrations.rows]
    my_units = list(staff_unit_list(user).filter(pk__in=participants)) if participants else []
    mine = {unit.pk for unit in my_units}
    units_to_register = [
        row
        for row in registrations.rows
        if row.unit.pk in mine
        and (row.record is None or row.record.status == RegistrationStatus.RETURNED)
    ]
    awaiting_mine = (
        registration_list_visible_to(user, campaign=campaign, status=RegistrationStatus.SUBMITTED)
        .filter(reviewing_unit__in=staff_unit_list(user))
        .count()
        if is_open
        else 0
    )
    can_manage = can_manage_campaign(user, campaign)
    forms = forms or {}
    context = {
        "campaign": campaign,
        "can_manage": can_manage,
        "is_draft": is_draft,
        "is_open": is_open,
        "can_launch": can_manage and campaign.status == CampaignStatus.DRAFT,
        "can_start": can_manage and campaign.status == CampaignStatus.LAUNCHED,
        "can_close": can_manage and campaign.status != CampaignStatus.CLOSED,
        "year": year,
        "years": list(campaign.years),
        "period": period,
        "periods": periods,
        "progress": progress,
        "progress_root": progress_root,
        "registrations": registrations,
        "reports": reports,
        "my_units": my_units,
        "units_to_register": units_to_register,
        "awaiting_mine": awaiting_mine,
        "names_shown": NAMES_SHOWN,
        "close_form": forms.get("close") or CampaignCloseForm(),
        "forms": forms,
        "refusal": refusal,
        "refusal_messages": refusal_messages(forms),
    }
    context["next_step"] = next_step_for(context)
    return context


class CampaignDetailView(CampaignMixin, LoginRequiredMixin, TemplateView):
    template_name = "emulation/campaign_detail.html"
    manage_only = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(campaign_context(self.request, self.get_campaign()))
        return context


def render_campaign(
    request: HttpRequest, campaign: Campaign, forms: dict[str, forms.Form], refusal: Any
) -> HttpResponse:
    context = campaign_context(request, campaign, forms=forms, refusal=refusal)
    return render(request, "emulation/campaign_detail.html", context)


class CampaignActionView(CampaignMixin, ActionView):
    """A POST from the campaign's page; a refusal renders the page again with its message."""

    manage_only = False  # the service decides; the page shows the button to whom it may

    def get_object(self) -> Campaign:
        self.__dict__.pop("_campaign", None)
        return self.get_campaign()

    def success_url(self, obj: Campaign) -> str:
        return reverse("emulation:campaign_detail", args=[obj.pk])

    def render_page(self, obj: Campaign, forms: dict[str, Any], refusal: Any) -> HttpResponse:
        return render_campaign(self.request, obj, forms, refusal)


class CampaignLaunchView(CampaignActionView):
    form_key = "launch"

    def perform(self, obj: Campaign, form: Any) -> str:
        campaign_launch(actor=self.request.user, campaign=obj)
        deadline = obj.registration_deadline
        if deadline:
            return _(
                "The campaign is launched. The units taking part can register until %(deadline)s "
                "and report per period; follow them on this page."
            ) % {"deadline": deadline.strftime("%d/%m/%Y")}
        return _(
            "The campaign is launched. The units taking part can register and report; follow "
            "them on this page."
        )


class CampaignStartView(CampaignActionView):
    form_key = "start"

    def perform(self, obj: Campaign, form: Any) -> str:
        campaign_start(actor=self.request.user, campaign=obj)
        return _(
            "The campaign is in progress. Units keep reporting per period; a late registration "
            "is still accepted and shown as late."
        )


class CampaignCloseView(CampaignActionView):
    form_class = CampaignCloseForm
    form_key = "close"

    def perform(self, obj: Campaign, form: CampaignCloseForm) -> str:
        campaign_close(actor=self.request.user, campaign=obj, note=form.cleaned_data["note"])
        return _("The campaign is closed. Its records stay on this page.")


# --- the draft's parts: phases, targets, planned awards, the reporting calendar ------------------


class CampaignPartFormView(CampaignMixin, EmulationFormView):
    """Add or change one part of a campaign (`part` names the related list, `item_pk` the entry
    being changed); the service says whether the campaign still allows it."""

    template_name = "emulation/form.html"
    part = ""
    section = ""
    add_title: Any = ""
    edit_title: Any = ""
    hint: Any = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.check_manager()
        return super().dispatch(request, *args, **kwargs)

    def get_item(self) -> Any:
        pk = self.kwargs.get("item_pk")
        if pk is None:
            return None
        for item in getattr(self.get_campaign(), self.part).all():
            if item.pk == pk:
                return item
        raise Http404

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.form_class in (PlannedAwardForm, PeriodForm):
            kwargs["campaign"] = self.get_campaign()
        return kwargs

    def get_success_url(self) -> str:
        url = reverse("emulation:campaign_detail", args=[self.get_campaign().pk])
        return f"{url}#{self.section}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        campaign = self.get_campaign()
        context.update(
            campaign=campaign,
            title=self.edit_title if self.get_item() is not None else self.add_title,
            next_step=self.hint,
            back_url=self.get_success_url(),
            submit_label=_("Save"),
        )
        return context


class PhaseSaveView(CampaignPartFormView):
    form_class = PhaseForm
    part = "phases"
    section = "phases"
    add_title = gettext_lazy("Add a phase")
    edit_title = gettext_lazy("Edit the phase")
    hint = gettext_lazy(
        "A phase (đợt) runs within the campaign's period, with its own theme: for example "
        "Đợt 1 from 01/01 to 30/6."
    )
    success_message = gettext_lazy("The phase was saved.")

    def get_initial(self) -> dict[str, Any]:
        phase = self.get_item()
        if phase is None:
            return {"number": len(self.get_campaign().phases.all()) + 1}
        return {f: getattr(phase, f) for f in ("number", "name", "theme", "starts_on", "ends_on")}

    def perform(self, form: PhaseForm) -> CampaignPhase:
        return campaign_phase_save(
            actor=self.request.user,
            campaign=self.get_campaign(),
            phase=self.get_item(),
            **form.cleaned_data,
        )


class IndicatorSaveView(CampaignPartFormView):
    form_class = IndicatorForm
    part = "indicators"
    section = "targets"
    add_title = gettext_lazy("Add a target")
    edit_title = gettext_lazy("Edit the target")
    hint = gettext_lazy(
        "A target (chỉ tiêu) says what each unit reports and how the values add up: a sum "
        "(2,000 new members), an average (90% of families) or the share of units meeting a "
        "threshold (over 80% of grassroots unions rated strong: each reports 1 or 0)."
    )
    success_message = gettext_lazy("The target was saved.")

    FIELDS = (
        "code",
        "name",
        "measure",
        "direction",
        "target_value",
        "level",
        "rollup",
        "unit_threshold",
        "unit_direction",
        "sort_order",
        "note",
    )

    def get_initial(self) -> dict[str, Any]:
        indicator = self.get_item()
        if indicator is None:
            return {"sort_order": len(self.get_campaign().indicators.all()) + 1}
        return {f: getattr(indicator, f) for f in self.FIELDS}

    def perform(self, form: IndicatorForm) -> TargetIndicator:
        data = dict(form.cleaned_data)
        data["sort_order"] = data["sort_order"] or 0
        return target_indicator_save(
            actor=self.request.user,
            campaign=self.get_campaign(),
            indicator=self.get_item(),
            **data,
        )


class PlannedAwardSaveView(CampaignPartFormView):
    form_class = PlannedAwardForm
    part = "planned_awards"
    section = "awards"
    add_title = gettext_lazy("Plan an award")
    edit_title = gettext_lazy("Edit the planned award")
    hint = gettext_lazy("The awards the campaign plans to give at its summing-up, and how many.")
    success_message = gettext_lazy("The planned award was saved.")

    def get_initial(self) -> dict[str, Any]:
        planned = self.get_item()
        if planned is None:
            return {}
        return {f: getattr(planned, f) for f in ("award_type", "planned_count", "note")}

    def perform(self, form: PlannedAwardForm) -> PlannedAward:
        return planned_award_save(
            actor=self.request.user,
            campaign=self.get_campaign(),
            planned_award=self.get_item(),
            **form.cleaned_data,
        )


class PeriodSaveView(CampaignPartFormView):
    form_class = PeriodForm
    part = "reporting_periods"
    section = "calendar"
    add_title = gettext_lazy("Add a reporting period")
    edit_title = gettext_lazy("Edit the reporting period")
    hint = gettext_lazy(
        "When units report and by which day: a phase report, a six-monthly or a yearly report. "
        "Once the campaign is launched only the name and the due date may change."
    )
    success_message = gettext_lazy("The reporting period was saved.")

    def get_initial(self) -> dict[str, Any]:
        period = self.get_item()
        if period is None:
            return {}
        fields = ("kind", "phase", "name", "starts_on", "ends_on", "due_on")
        return {f: getattr(period, f) for f in fields}

    def perform(self, form: PeriodForm) -> ReportingPeriod:
        return reporting_period_save(
            actor=self.request.user,
            campaign=self.get_campaign(),
            period=self.get_item(),
            **form.cleaned_data,
        )


class PartRemoveView(CampaignActionView):
    """Remove a phase, target, planned award or reporting period of a draft."""

    form_class = RemoveForm
    part = ""
    section = ""

    @property
    def form_key(self) -> str:  # type: ignore[override]
        return f"remove-{self.part}-{self.kwargs['item_pk']}"

    def item(self, campaign: Campaign) -> Any:
        for entry in getattr(campaign, self.part).all():
            if entry.pk == self.kwargs["item_pk"]:
                return entry
        raise Http404

    def build_form(self, obj: Campaign) -> forms.Form:
        self.item(obj)
        return RemoveForm(self.request.POST)

    def perform(self, obj: Campaign, form: RemoveForm) -> str:
        entry = self.item(obj)
        reason = form.cleaned_data["reason"]
        actor = self.request.user
        if self.part == "phases":
            campaign_phase_remove(actor=actor, phase=entry, reason=reason)
        elif self.part == "indicators":
            target_indicator_remove(actor=actor, indicator=entry, reason=reason)
        elif self.part == "planned_awards":
            planned_award_remove(actor=actor, planned_award=entry, reason=reason)
        else:
            reporting_period_remove(actor=actor, period=entry, reason=reason)
        return _("“%(entry)s” was removed.") % {"entry": entry}


class PhaseRemoveView(PartRemoveView):
    part = "phases"
    section = "phases"


class IndicatorRemoveView(PartRemoveView):
    part = "indicators"
    section = "targets"


class PlannedAwardRemoveView(PartRemoveView):
    part = "planned_awards"
    section = "awards"


class PeriodRemoveView(PartRemoveView):
    part = "reporting_periods"
    section = "calendar"


# --- deadline lists: who has registered, who has reported ----------------------------------------


def deadline_columns(record_status: bool) -> list[Any]:
    columns = [
        (gettext_lazy("Unit"), lambda r: r.unit.name),
        (gettext_lazy("Code"), lambda r: r.unit.code),
        (gettext_lazy("Upper unit"), lambda r: r.unit.parent.name if r.unit.parent else ""),
        (gettext_lazy("Where it stands"), lambda r: DeadlineState(r.state).label),
        (gettext_lazy("Filed at"), lambda r: r.filed_at),
    ]
    if record_status:
        columns.append(
            (
                gettext_lazy("Status"),
                lambda r: r.record.get_status_display() if r.record is not None else "",
            )
        )
    return columns


class DeadlineListView(CampaignMixin, LoginRequiredMixin, TemplateView):
    """Every participant the reader follows against one deadline, filterable by where it
    stands, exportable to Excel."""

    template_name = "emulation/deadline_list.html"
    manage_only = False
    export_name = ""
    record_status = False

    def rows(self, campaign: Campaign) -> list[DeadlineRow]:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        campaign = self.get_campaign()
        self.filter_form = DeadlineFilterForm(request.GET or None, states=DeadlineState.choices)
        rows = self.rows(campaign)
        state = ""
        if self.filter_form.is_bound and self.filter_form.is_valid():
            state = self.filter_form.cleaned_data["state"]
        if state:
            rows = [row for row in rows if row.state == state]
        self.object_list = rows
        if request.GET.get("export") == "xlsx":
            return xlsx_rows(
                request,
                name=self.export_name,
                title=self.title(),
                columns=deadline_columns(self.record_status),
                rows=rows,
            )
        return super().get(request, *args, **kwargs)

    def title(self) -> str:
        raise NotImplementedError

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("export", None)
        context.update(
            campaign=self.get_campaign(),
            rows=self.object_list,
            filter_form=self.filter_form,
            export_query=query.urlencode(),
            title=self.title(),
            record_status=self.record_status,
        )
        return context


class RegistrationDeadlineView(DeadlineListView):
    export_name = "dang-ky-thi-dua"
    record_status = True

    def rows(self, campaign: Campaign) -> list[DeadlineRow]:
        self.year = campaign_year(campaign, self.request.GET.get("year"))
        return registration_status_list(self.request.user, campaign, self.year)

    def title(self) -> str:
        return _("Registrations for %(year)s") % {"year": self.year}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        campaign = self.get_campaign()
        deadline = campaign.registration_deadline
        context.update(
            year=self.year,
            years=list(campaign.years),
            due_on=deadline,
            next_step=_(
                "Units not registered yet are listed as missing; after the deadline, as overdue. "
                "A unit that registered after the deadline is listed as late."
            ),
        )
        return context


class ReportDeadlineView(DeadlineListView):
    export_name = "bao-cao-thi-dua"

    def rows(self, campaign: Campaign) -> list[DeadlineRow]:
        self.period = campaign_period(campaign, self.request.GET.get("period"))
        if self.period is None:
            raise Http404
        return progress_report_status_list(self.request.user, self.period)

    def title(self) -> str:
        return str(self.period)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        campaign = self.get_campaign()
        context.update(
            period=self.period,
            periods=sorted(campaign.reporting_periods.all(), key=lambda p: (p.due_on, p.kind)),
            due_on=self.period.due_on,
            next_step=_(
                "Units without a report are listed as missing; after the due date, as overdue. "
                "A report filed after the due date is listed as late."
            ),
        )
        return context
