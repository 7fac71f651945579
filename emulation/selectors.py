"""Reads of campaigns, registrations and progress reports, through the reader's scope.

Who reads what (an object outside it is a 404, DomainNotFound):
- A campaign: the readers of its launching unit; once launched, also the readers of any unit
  under it (a subtree campaign) or of a unit taking part (a campaign for chosen units).
- A registration or a report: the readers of the unit that filed it, of the unit it is filed
  with, and of the launching unit.
- Deadline lists (who has not registered or reported, who was late): the participants the reader
  may read, or whose upper unit the reader may read (the unit that chases them).

Clusters are read in emulation/selectors_clusters.py. The rule-check reads at the end
(`campaign_registered`, `registered_campaign_list`) answer questions about a unit or a person
for the award rules, with no reader.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from common.exceptions import DomainNotFound
from emulation.choices import (
    CampaignScope,
    CampaignStatus,
    DeadlineState,
)
from emulation.deadlines import MISSING_STATES, deadline_state
from emulation.models import (
    STANDING_REGISTRATION,
    Campaign,
    ProgressReport,
    Registration,
    ReportingPeriod,
    ReportValue,
    TargetIndicator,
)
from emulation.rollup import RollupResult, indicator_rollup
from organizations.models import Person, Unit, UnitClosure
from organizations.permissions import is_system_admin, visible_unit_ids

# --- campaigns -----------------------------------------------------------------------------------


def campaign_participants(campaign: Campaign) -> QuerySet[Unit]:
    """The active units expected to register and report: the chosen units, or the units of the
    chosen levels under the launching unit (its direct sub-units when no level is chosen)."""
    qs = Unit.objects.filter(dissolved_on__isnull=True)
    if campaign.scope == CampaignScope.CHOSEN_UNITS:
        return qs.filter(campaigns_taking_part=campaign)
    levels = list(campaign.participant_levels.values_list("pk", flat=True))
    if not levels:
        return qs.filter(parent_id=campaign.launching_unit_id)
    under = UnitClosure.objects.filter(ancestor_id=campaign.launching_unit_id, depth__gt=0)
    return qs.filter(id__in=under.values("descendant_id"), kind__level_id__in=levels)


def campaign_list_visible_to(
    user: Any,
    *,
    status: str = "",
    year: int | None = None,
    launching_unit: Unit | int | None = None,
    search: str = "",
) -> QuerySet[Campaign]:
    visible = visible_unit_ids(user)
    qs = Campaign.objects.select_related("launching_unit")
    if not is_system_admin(user):
        reaches_reader = UnitClosure.objects.filter(
            ancestor_id=OuterRef("launching_unit_id"), depth__gt=0, descendant_id__in=visible
        )
        chosen_reader = Campaign.participants.through.objects.filter(
            campaign_id=OuterRef("pk"), unit_id__in=visible
        )
        qs = qs.filter(
            Q(launching_unit_id__in=visible)
            | (
                ~Q(status=CampaignStatus.DRAFT)
                & (
                    (Q(scope=CampaignScope.SUBTREE) & Exists(reaches_reader))
                    | (Q(scope=CampaignScope.CHOSEN_UNITS) & Exists(chosen_reader))
                )
            )
        )
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    if launching_unit is not None:
        qs = qs.filter(launching_unit=launching_unit)
    if search:
        qs = qs.filter(
            Q(name__icontains=search)
            | Q(theme__icontains=search)
            | Q(plan_number__icontains=search)
        )
    return qs.order_by("-starts_on", "name")


def campaign_get_visible(user: Any, pk: Any) -> Campaign:
    campaign = (
        campaign_list_visible_to(user)
        .filter(pk=pk)
        .prefetch_related(
            "phases",
            Prefetch("indicators", queryset=TargetIndicator.objects.select_related("level")),
            "planned_awards__award_type",
            "reporting_periods__phase",
            "participant_levels",
            "participants",
        )
        .first()
    )
    if campaign is None:
        raise DomainNotFound()
    return campaign


def _readable(user: Any, unit: Unit | int) -> bool:
    unit_id = getattr(unit, "pk", unit)
    return is_system_admin(user) or visible_unit_ids(user).filter(descendant_id=unit_id).exists()


@dataclass(frozen=True)
class IndicatorRollupRow:
    indicator: TargetIndicator
    result: RollupResult


def campaign_rollup(
    user: Any, campaign: Campaign, period: ReportingPeriod, *, under: Unit | None = None
) -> list[IndicatorRollupRow]:
    """Each indicator's value over the units reporting it in `period`, against its target.

    Over the whole campaign for the readers of the launching unit, or over the subtree of
    `under` (a unit the reader may read). The units counted are the participants at the
    indicator's level (every participant when it has none); see emulation/rollup.py for how a
    unit without a report counts. A fixed number of queries, whatever the number of units."""
    root = under or campaign.launching_unit
    if period.campaign_id != campaign.pk or not _readable(user, root):
        raise DomainNotFound()
    participants = campaign_participants(campaign).filter(
        id__in=UnitClosure.objects.filter(ancestor_id=root.pk).values("descendant_id")
    )
    level_of = dict(participants.values_list("pk", "kind__level_id"))
    values: dict[tuple[int, int], Decimal | None] = {
        (indicator_id, unit_id): value
        for indicator_id, unit_id, value in ReportValue.objects.filter(
            report__period=period, report__unit_id__in=list(level_of)
        ).values_list("indicator_id", "report__unit_id", "value")
    }
    rows = []
    for indicator in campaign.indicators.select_related("level").order_by("sort_order", "code"):
        units = [
            unit_id
            for unit_id, level_id in level_of.items()
            if indicator.level_id is None or indicator.level_id == level_id
        ]
        result = indicator_rollup(
            [values.get((indicator.pk, unit_id)) for unit_id in units],
            method=indicator.rollup,
            target=indicator.target_value,
            direction=indicator.direction,
            expected=len(units),
            unit_threshold=indicator.unit_threshold,
            unit_direction=indicator.unit_direction,
        )
        rows.append(IndicatorRollupRow(indicator=indicator, result=result))
    return rows


# --- registrations and reports -------------------------------------------------------------------


def registration_list_visible_to(
    user: Any,
    *,
    campaign: Campaign | int | None = None,
    year: int | None = None,
    status: str = "",
    unit: Unit | int | None = None,
    reviewing_unit: Unit | int | None = None,
) -> QuerySet[Registration]:
    qs = Registration.objects.select_related("campaign", "unit", "person", "reviewing_unit")
    if not is_system_admin(user):
        visible = visible_unit_ids(user)
        qs = qs.filter(
            Q(unit_id__in=visible)
            | Q(reviewing_unit_id__in=visible)
            | Q(campaign__launching_unit_id__in=visible)
        )
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(unit=unit)
    if reviewing_unit is not None:
        qs = qs.filter(reviewing_unit=reviewing_unit)
    return qs.order_by("campaign", "year", "unit__name", "person__full_name")


def registration_get_visible(user: Any, pk: Any) -> Registration:
    registration = (
        registration_list_visible_to(user)
        .filter(pk=pk)
        .prefetch_related("targets__indicator", "titles__award_type")
        .first()
    )
    if registration is None:
        raise DomainNotFound()
    return registration


def progress_report_list_visible_to(
    user: Any,
    *,
    campaign: Campaign | int | None = None,
    period: ReportingPeriod | int | None = None,
    unit: Unit | int | None = None,
) -> QuerySet[ProgressReport]:
    qs = ProgressReport.objects.select_related("period__campaign", "unit", "submitted_by")
    if not is_system_admin(user):
        visible = visible_unit_ids(user)
        qs = qs.filter(
            Q(unit_id__in=visible)
            | Q(unit__parent_id__in=visible)
            | Q(period__campaign__launching_unit_id__in=visible)
        )
    if campaign is not None:
        qs = qs.filter(period__campaign=campaign)
    if period is not None:
        qs = qs.filter(period=period)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("period__due_on", "unit__name")


def progress_report_get_visible(user: Any, pk: Any) -> ProgressReport:
    report = (
        progress_report_list_visible_to(user)
        .filter(pk=pk)
        .prefetch_related("values__indicator", "attachments__uploaded_by")
        .first()
    )
    if report is None:
        raise DomainNotFound()
    return report


@dataclass(frozen=True)
class DeadlineRow:
    """A participant against a deadline: its registration or report, if any, and its state."""

    unit: Unit
    state: str
    filed_at: datetime.datetime | None
    record: Any


def _chased_participants(user: Any, campaign: Campaign) -> list[Unit]:
    """The participants the reader follows: those it may read, or whose upper unit it may."""
    qs = campaign_participants(campaign).select_related("kind__level", "parent")
    if not is_system_admin(user):
        visible = visible_unit_ids(user)
        qs = qs.filter(Q(id__in=visible) | Q(parent_id__in=visible))
    return list(qs.order_by("name"))


def _deadline_rows(
    units: Iterable[Unit],
    filed: dict[int, Any],
    due_on: datetime.date | None,
    as_of: datetime.date | None,
) -> list[DeadlineRow]:
    today = as_of or timezone.localdate()
    rows = []
    for unit in units:
        record = filed.get(unit.pk)
        filed_at = record.submitted_at if record is not None else None
        filed_on = timezone.localdate(filed_at) if filed_at is not None else None
        rows.append(
            DeadlineRow(
                unit=unit,
                state=deadline_state(filed_on, due_on, as_of=today),
                filed_at=filed_at if filed_on is not None and filed_on <= today else None,
                record=record if filed_on is not None and filed_on <= today else None,
            )
        )
    return rows


def registration_status_list(
    user: Any, campaign: Campaign, year: int, *, as_of: datetime.date | None = None
) -> list[DeadlineRow]:
    """Every participant the reader follows, with its registration for the year (of the unit
    itself, not of its people) and where it stands against the registration deadline, as of
    `as_of` (today). A returned registration was received: its first submission counts."""
    units = _chased_participants(user, campaign)
    filed = {
        r.unit_id: r
        for r in Registration.objects.filter(
            campaign=campaign, year=year, person__isnull=True, unit_id__in=[u.pk for u in units]
        )
    }
    return _deadline_rows(units, filed, campaign.registration_deadline, as_of)


def registration_list_missing(
    user: Any, campaign: Campaign, year: int, *, as_of: datetime.date | None = None
) -> list[DeadlineRow]:
    """Participants that have not registered for the year (as of `as_of`): overdue once the
    deadline has passed, not yet due before."""
    return [
        row
        for row in registration_status_list(user, campaign, year, as_of=as_of)
        if row.state in MISSING_STATES
    ]


def registration_list_late(
    user: Any, campaign: Campaign, year: int, *, as_of: datetime.date | None = None
) -> list[DeadlineRow]:
    """Participants that registered for the year after the deadline."""
    return [
        row
        for row in registration_status_list(user, campaign, year, as_of=as_of)
        if row.state == DeadlineState.LATE
    ]


def progress_report_status_list(
    user: Any, period: ReportingPeriod, *, as_of: datetime.date | None = None
) -> list[DeadlineRow]:
    """Every participant the reader follows, with its report for `period` and where it stands
    against the period's due date, as of `as_of` (today)."""
    units = _chased_participants(user, period.campaign)
    filed = {
        r.unit_id: r
        for r in ProgressReport.objects.filter(period=period, unit_id__in=[u.pk for u in units])
    }
    return _deadline_rows(units, filed, period.due_on, as_of)


def progress_report_list_missing(
    user: Any, period: ReportingPeriod, *, as_of: datetime.date | None = None
) -> list[DeadlineRow]:
    return [
        row
        for row in progress_report_status_list(user, period, as_of=as_of)
        if row.state in MISSING_STATES
    ]


def progress_report_list_late(
    user: Any, period: ReportingPeriod, *, as_of: datetime.date | None = None
) -> list[DeadlineRow]:
    return [
        row
        for row in progress_report_status_list(user, period, as_of=as_of)
        if row.state == DeadlineState.LATE
    ]


# --- what the award rules read -------------------------------------------------------------------


def _registrations_of(subject: Unit | Person | int) -> QuerySet[Registration]:
    """Standing registrations of a unit (for itself) or of a person (an int is a unit's id)."""
    qs = Registration.objects.filter(status__in=STANDING_REGISTRATION)
    if isinstance(subject, Person):
        return qs.filter(person=subject)
    unit_id: int = subject.pk if isinstance(subject, Unit) else subject
    return qs.filter(unit_id=unit_id, person__isnull=True)


def campaign_registered(subject: Unit | Person | int, campaign_or_year: Campaign | int) -> bool:
    """Whether the unit (or person) has a standing registration (submitted or acknowledged, not
    returned): for that campaign (any year), or for that year (any campaign)."""
    qs = _registrations_of(subject)
    if isinstance(campaign_or_year, Campaign):
        return qs.filter(campaign=campaign_or_year).exists()
    return qs.filter(year=campaign_or_year).exists()


def registered_campaign_list(
    subject: Unit | Person | int, *, year: int | None = None
) -> QuerySet[Campaign]:
    """The campaigns the unit (or person) stands registered for, in `year` if given
    (NomineeFacts.registered_campaigns)."""
    qs = _registrations_of(subject)
    if year is not None:
        qs = qs.filter(year=year)
    return Campaign.objects.filter(id__in=qs.values("campaign_id")).order_by("-starts_on", "name")


# --- appended for the API (issue 4 §5) -----------------------------------------------------------


def reporting_period_list_visible_to(
    user: Any, *, campaign: Campaign | int | None = None
) -> QuerySet[ReportingPeriod]:
    """The reporting periods of the campaigns the reader sees (campaign_list_visible_to)."""
    qs = ReportingPeriod.objects.filter(
        campaign__in=campaign_list_visible_to(user).values("pk")
    ).select_related("campaign", "phase")
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.order_by("campaign", "due_on", "kind")


# --- appended for the pages (issue 4 §5) ---------------------------------------------------------


def staff_unit_list(user: Any) -> QuerySet[Unit]:
    """The units whose emulation work the user may do: the list form of
    `emulation.permissions.staff_grant` (a clerk or reviewer acting at the unit, delegations
    included; a clerk whose scope covers it; an administrator covering it). The pages offer
    these units in their forms; the services check each action again."""
    from nominations.permissions import acting_units
    from organizations.models import Role

    acting = acting_units(user, Role.CLERK) | acting_units(user, Role.REVIEWER)
    covered = visible_unit_ids(user, {Role.CLERK, Role.ADMIN})
    return (
        Unit.objects.filter(Q(pk__in=acting) | Q(pk__in=covered))
        .select_related("kind__level")
        .order_by("name")
    )
