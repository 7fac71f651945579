"""A campaign's life: drafted, launched (registration open), in progress, closed; and, while it is
a draft, its phases, target indicators, planned awards and reporting calendar.

The launching unit's staff runs it (emulation/permissions.py). A launched campaign keeps who takes
part and its indicators fixed, since units have registered and reported against them; its name,
theme, end and deadlines may still change, each change on record.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from audit.models import EventType
from audit.services import audit_record, diff
from awards.models import AwardType
from common.exceptions import CommonErrorCode, DomainConflict, DomainValidationError
from common.services import service
from common.validation import clean_or_raise
from emulation.choices import CampaignScope, CampaignStatus, Direction, ReportingKind, Rollup
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import (
    Campaign,
    CampaignPhase,
    PlannedAward,
    ProgressReport,
    ReportingPeriod,
    TargetIndicator,
)
from emulation.permissions import require_staff
from emulation.selectors import campaign_participants
from emulation.services.common import (
    before_change,
    check_active,
    check_dates,
    lock,
    save_recorded,
)
from organizations.models import Unit, UnitClosure, UnitLevel
from organizations.permissions import Grant

CAMPAIGN_FIELDS = frozenset(
    {
        "name",
        "theme",
        "plan_number",
        "plan_date",
        "starts_on",
        "ends_on",
        "scope",
        "participant_levels",
        "participants",
        "registration_deadline",
    }
)
# Who takes part and when it starts are fixed once units may have registered.
DRAFT_ONLY_FIELDS = frozenset({"scope", "participant_levels", "participants", "starts_on"})
M2M_FIELDS = ("participant_levels", "participants")


def _m2m_snapshot(campaign: Campaign) -> dict[str, list[int]]:
    return {
        name: sorted(getattr(campaign, name).values_list("pk", flat=True)) for name in M2M_FIELDS
    }


def _check_participants(launching_unit: Unit, units: Iterable[Unit]) -> None:
    ids = {unit.pk for unit in units}
    if not ids:
        return
    under = set(
        UnitClosure.objects.filter(
            ancestor_id=launching_unit.pk, descendant_id__in=ids, depth__gt=0
        ).values_list("descendant_id", flat=True)
    )
    outside = [str(unit) for unit in units if unit.pk not in under]
    if outside:
        raise DomainValidationError(
            Code.PARTICIPANT_OUTSIDE_SUBTREE, details={"participants": outside}
        )


def _check_within(campaign: Campaign, starts_on: datetime.date, ends_on: datetime.date) -> None:
    check_dates(starts_on, ends_on)
    if starts_on < campaign.starts_on or ends_on > campaign.ends_on:
        raise DomainValidationError.on_field(Code.OUTSIDE_CAMPAIGN_PERIOD, "starts_on")


def _others[M: models.Model](qs: QuerySet[M], instance: M | None) -> QuerySet[M]:
    """`qs` without `instance` (the entry being changed, when there is one)."""
    return qs if instance is None else qs.exclude(pk=instance.pk)


def _campaign_grant(actor: Any, campaign: Campaign) -> Grant:
    return require_staff(actor, campaign.launching_unit)


def _lock_draft(actor: Any, campaign: Campaign) -> tuple[Campaign, Grant]:
    grant = _campaign_grant(actor, campaign)
    locked = lock(campaign)
    if locked.status != CampaignStatus.DRAFT:
        raise DomainConflict(
            Code.CAMPAIGN_NOT_DRAFT, details={"status": [locked.get_status_display()]}
        )
    return locked, grant


# --- the campaign --------------------------------------------------------------------------------


@service
def campaign_create(
    *,
    actor: Any,
    launching_unit: Unit,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    theme: str = "",
    plan_number: str = "",
    plan_date: datetime.date | None = None,
    scope: str = CampaignScope.SUBTREE,
    participant_levels: Iterable[UnitLevel] = (),
    participants: Iterable[Unit] = (),
    registration_deadline: datetime.date | None = None,
) -> Campaign:
    """Draft a campaign of `launching_unit` for the units under it."""
    grant = require_staff(actor, launching_unit)
    check_active(launching_unit, "launching_unit")
    check_dates(starts_on, ends_on)
    chosen = list(participants)
    _check_participants(launching_unit, chosen)
    campaign = Campaign(
        launching_unit=launching_unit,
        name=name.strip(),
        theme=theme.strip(),
        plan_number=plan_number.strip(),
        plan_date=plan_date,
        starts_on=starts_on,
        ends_on=ends_on,
        scope=scope,
        registration_deadline=registration_deadline,
        created_by=actor,
    )
    clean_or_raise(campaign)
    campaign.save()
    campaign.participant_levels.set(list(participant_levels))
    campaign.participants.set(chosen)
    audit_record(
        actor=actor,
        event_type=EventType.CAMPAIGN_CREATED,
        obj=campaign,
        via=grant,
        unit=launching_unit.pk,
        changes=diff({}, {**before_change(campaign), **_m2m_snapshot(campaign)}),
    )
    return campaign


@service
def campaign_update(
    *, actor: Any, campaign: Campaign, reason: str = "", **changes: Any
) -> Campaign:
    """Change a campaign that is not closed. Who takes part and its start only while a draft."""
    grant = _campaign_grant(actor, campaign)
    unknown = set(changes) - CAMPAIGN_FIELDS
    if unknown:
        raise TypeError(f"campaign_update() got unexpected fields {sorted(unknown)}")
    locked = lock(campaign)
    if locked.status == CampaignStatus.CLOSED:
        raise DomainConflict(Code.CAMPAIGN_CLOSED)
    before = {**before_change(locked), **_m2m_snapshot(locked)}
    fixed = {name for name in DRAFT_ONLY_FIELDS & set(changes)}
    if locked.status != CampaignStatus.DRAFT and fixed:
        raise DomainConflict(
            Code.CAMPAIGN_NOT_DRAFT, details={name: [name] for name in sorted(fixed)}
        )
    for name, value in changes.items():
        if name not in M2M_FIELDS:
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
    check_dates(locked.starts_on, locked.ends_on)
    if "participants" in changes:
        _check_participants(locked.launching_unit, list(changes["participants"]))
    inner: list[CampaignPhase | ReportingPeriod] = [
        *locked.phases.all(),
        *locked.reporting_periods.all(),
    ]
    if any(item.starts_on < locked.starts_on or item.ends_on > locked.ends_on for item in inner):
        raise DomainValidationError.on_field(Code.OUTSIDE_CAMPAIGN_PERIOD, "ends_on")
    clean_or_raise(locked)
    locked.save()
    for name in M2M_FIELDS:
        if name in changes:
            getattr(locked, name).set(list(changes[name]))
    audit_record(
        actor=actor,
        event_type=EventType.CAMPAIGN_UPDATED,
        obj=locked,
        via=grant,
        unit=locked.launching_unit_id,
        changes=diff(before, {**before_change(locked), **_m2m_snapshot(locked)}),
        reason=reason,
    )
    return locked


def _transition(
    *,
    actor: Any,
    campaign: Campaign,
    allowed: tuple[str, ...],
    status: str,
    event_type: EventType,
    code: Code,
    reason: str = "",
) -> Campaign:
    grant = _campaign_grant(actor, campaign)
    locked = lock(campaign)
    if locked.status not in allowed:
        raise DomainConflict(code, details={"status": [locked.get_status_display()]})
    before = before_change(locked)
    locked.status = status
    if status == CampaignStatus.LAUNCHED:
        locked.launched_at = timezone.now()
    if status == CampaignStatus.CLOSED:
        locked.closed_at = timezone.now()
        locked.closing_note = reason.strip()
    return save_recorded(
        actor=actor,
        instance=locked,
        event_type=event_type,
        via=grant,
        unit=locked.launching_unit_id,
        before=before,
        reason=reason,
    )


@service
def campaign_launch(*, actor: Any, campaign: Campaign) -> Campaign:
    """Launch a draft: the units taking part may register (and report)."""
    locked = lock(campaign)
    if locked.scope == CampaignScope.CHOSEN_UNITS and not locked.participants.exists():
        raise DomainValidationError.on_field(Code.NO_PARTICIPANTS, "participants")
    if locked.status == CampaignStatus.DRAFT and not campaign_participants(locked).exists():
        raise DomainValidationError.on_field(Code.NO_PARTICIPANTS, "participant_levels")
    return _transition(
        actor=actor,
        campaign=locked,
        allowed=(CampaignStatus.DRAFT,),
        status=CampaignStatus.LAUNCHED,
        event_type=EventType.CAMPAIGN_LAUNCHED,
        code=Code.CAMPAIGN_NOT_DRAFT,
    )


@service
def campaign_start(*, actor: Any, campaign: Campaign) -> Campaign:
    """Mark a launched campaign as in progress (registration is over; late ones still count)."""
    return _transition(
        actor=actor,
        campaign=campaign,
        allowed=(CampaignStatus.LAUNCHED,),
        status=CampaignStatus.IN_PROGRESS,
        event_type=EventType.CAMPAIGN_STARTED,
        code=Code.CAMPAIGN_NOT_LAUNCHED,
    )


@service
def campaign_close(*, actor: Any, campaign: Campaign, note: str = "") -> Campaign:
    """Close the campaign (a draft that will not be launched, too): nothing more is filed."""
    return _transition(
        actor=actor,
        campaign=campaign,
        allowed=(CampaignStatus.DRAFT, CampaignStatus.LAUNCHED, CampaignStatus.IN_PROGRESS),
        status=CampaignStatus.CLOSED,
        event_type=EventType.CAMPAIGN_CLOSED,
        code=Code.CAMPAIGN_CLOSED,
        reason=note,
    )


# --- phases --------------------------------------------------------------------------------------


@service
def campaign_phase_save(
    *,
    actor: Any,
    campaign: Campaign,
    number: int,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    theme: str = "",
    phase: CampaignPhase | None = None,
    reason: str = "",
) -> CampaignPhase:
    """Add a phase to a draft campaign, or change one (`phase`)."""
    locked, grant = _lock_draft(actor, campaign)
    _check_within(locked, starts_on, ends_on)
    if phase is not None and phase.campaign_id != locked.pk:
        raise DomainValidationError.on_field(Code.PHASE_NOT_OF_CAMPAIGN, "phase")
    if _others(CampaignPhase.objects.filter(campaign=locked, number=number), phase).exists():
        raise DomainValidationError.on_field(Code.DUPLICATE_CODE, "number")
    instance = lock(phase) if phase is not None else CampaignPhase(campaign=locked)
    before = before_change(instance) if phase is not None else None
    instance.number = number
    instance.name = name.strip()
    instance.theme = theme.strip()
    instance.starts_on = starts_on
    instance.ends_on = ends_on
    return save_recorded(
        actor=actor,
        instance=instance,
        event_type=EventType.CAMPAIGN_PHASE_SAVED,
        via=grant,
        unit=locked.launching_unit_id,
        before=before,
        reason=reason,
    )


@service
def campaign_phase_remove(*, actor: Any, phase: CampaignPhase, reason: str = "") -> None:
    locked, grant = _lock_draft(actor, phase.campaign)
    if phase.reporting_periods.exists():
        raise DomainConflict(Code.IN_USE, details={"phase": [str(phase)]})
    audit_record(
        actor=actor,
        event_type=EventType.CAMPAIGN_PHASE_REMOVED,
        obj=locked,
        via=grant,
        unit=locked.launching_unit_id,
        changes={"phase": [phase.number, None], "name": [phase.name, None]},
        reason=reason,
    )
    phase.delete()


# --- target indicators ---------------------------------------------------------------------------


@service
def target_indicator_save(
    *,
    actor: Any,
    campaign: Campaign,
    code: str,
    name: str,
    measure: str,
    target_value: Decimal,
    direction: str = Direction.AT_LEAST,
    level: UnitLevel | None = None,
    rollup: str = Rollup.SUM,
    unit_threshold: Decimal | None = None,
    unit_direction: str = Direction.AT_LEAST,
    sort_order: int = 0,
    note: str = "",
    indicator: TargetIndicator | None = None,
    reason: str = "",
) -> TargetIndicator:
    """Add a target indicator to a draft campaign, or change one (`indicator`)."""
    locked, grant = _lock_draft(actor, campaign)
    if indicator is not None and indicator.campaign_id != locked.pk:
        raise DomainValidationError.on_field(Code.INDICATOR_NOT_OF_CAMPAIGN, "indicator")
    if _others(TargetIndicator.objects.filter(campaign=locked, code=code), indicator).exists():
        raise DomainValidationError.on_field(Code.DUPLICATE_CODE, "code")
    if rollup == Rollup.SHARE_MEETING and unit_threshold is None:
        raise DomainValidationError.on_field(Code.SHARE_NEEDS_THRESHOLD, "unit_threshold")
    instance = lock(indicator) if indicator is not None else TargetIndicator(campaign=locked)
    before = before_change(instance) if indicator is not None else None
    for field, value in {
        "code": code.strip(),
        "name": name.strip(),
        "measure": measure,
        "direction": direction,
        "target_value": target_value,
        "level": level,
        "rollup": rollup,
        "unit_threshold": unit_threshold,
        "unit_direction": unit_direction,
        "sort_order": sort_order,
        "note": note.strip(),
    }.items():
        setattr(instance, field, value)
    return save_recorded(
        actor=actor,
        instance=instance,
        event_type=EventType.TARGET_INDICATOR_SAVED,
        via=grant,
        unit=locked.launching_unit_id,
        before=before,
        reason=reason,
    )


@service
def target_indicator_remove(*, actor: Any, indicator: TargetIndicator, reason: str = "") -> None:
    locked, grant = _lock_draft(actor, indicator.campaign)
    audit_record(
        actor=actor,
        event_type=EventType.TARGET_INDICATOR_REMOVED,
        obj=locked,
        via=grant,
        unit=locked.launching_unit_id,
        changes={"indicator": [indicator.code, None], "name": [indicator.name, None]},
        reason=reason,
    )
    indicator.delete()


# --- planned awards ------------------------------------------------------------------------------


@service
def planned_award_save(
    *,
    actor: Any,
    campaign: Campaign,
    award_type: AwardType,
    planned_count: int,
    note: str = "",
    planned_award: PlannedAward | None = None,
    reason: str = "",
) -> PlannedAward:
    """Plan `planned_count` of an award for a draft campaign, or change a plan."""
    locked, grant = _lock_draft(actor, campaign)
    if _others(
        PlannedAward.objects.filter(campaign=locked, award_type=award_type), planned_award
    ).exists():
        raise DomainValidationError.on_field(Code.DUPLICATE_PLANNED_AWARD, "award_type")
    if planned_count < 1:
        raise DomainValidationError(
            CommonErrorCode.INVALID_INPUT, details={"planned_count": [str(planned_count)]}
        )
    instance = lock(planned_award) if planned_award is not None else PlannedAward(campaign=locked)
    before = before_change(instance) if planned_award is not None else None
    instance.award_type = award_type
    instance.planned_count = planned_count
    instance.note = note.strip()
    return save_recorded(
        actor=actor,
        instance=instance,
        event_type=EventType.PLANNED_AWARD_SAVED,
        via=grant,
        unit=locked.launching_unit_id,
        before=before,
        reason=reason,
    )


@service
def planned_award_remove(*, actor: Any, planned_award: PlannedAward, reason: str = "") -> None:
    locked, grant = _lock_draft(actor, planned_award.campaign)
    audit_record(
        actor=actor,
        event_type=EventType.PLANNED_AWARD_REMOVED,
        obj=locked,
        via=grant,
        unit=locked.launching_unit_id,
        changes={"award_type": [planned_award.award_type.code, None]},
        reason=reason,
    )
    planned_award.delete()


# --- reporting calendar --------------------------------------------------------------------------


@service
def reporting_period_save(
    *,
    actor: Any,
    campaign: Campaign,
    kind: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    due_on: datetime.date,
    phase: CampaignPhase | None = None,
    period: ReportingPeriod | None = None,
    reason: str = "",
) -> ReportingPeriod:
    """Add a reporting period to a draft campaign, or change one. Once the campaign is launched
    only the name and the due date of a period may change (a deadline extended, on record)."""
    grant = _campaign_grant(actor, campaign)
    locked = lock(campaign)
    if locked.status == CampaignStatus.CLOSED:
        raise DomainConflict(Code.CAMPAIGN_CLOSED)
    if period is not None and period.campaign_id != locked.pk:
        raise DomainValidationError(
            CommonErrorCode.INVALID_INPUT, details={"period": [str(period)]}
        )
    if locked.status != CampaignStatus.DRAFT:
        moved = period is None or (
            period.kind,
            period.starts_on,
            period.ends_on,
            period.phase_id,
        ) != (
            kind,
            starts_on,
            ends_on,
            getattr(phase, "pk", None),
        )
        if moved:
            raise DomainConflict(Code.CAMPAIGN_NOT_DRAFT, details={"kind": [kind]})
    _check_within(locked, starts_on, ends_on)
    if (kind == ReportingKind.PHASE) != (phase is not None):
        raise DomainValidationError.on_field(Code.PHASE_FOR_PHASE_REPORTS, "phase")
    if phase is not None and phase.campaign_id != locked.pk:
        raise DomainValidationError.on_field(Code.PHASE_NOT_OF_CAMPAIGN, "phase")
    if _others(
        ReportingPeriod.objects.filter(campaign=locked, kind=kind, starts_on=starts_on), period
    ).exists():
        raise DomainValidationError.on_field(Code.DUPLICATE_CODE, "starts_on")
    instance = lock(period) if period is not None else ReportingPeriod(campaign=locked)
    before = before_change(instance) if period is not None else None
    instance.kind = kind
    instance.phase = phase
    instance.name = name.strip()
    instance.starts_on = starts_on
    instance.ends_on = ends_on
    instance.due_on = due_on
    return save_recorded(
        actor=actor,
        instance=instance,
        event_type=EventType.REPORTING_PERIOD_SAVED,
        via=grant,
        unit=locked.launching_unit_id,
        before=before,
        reason=reason,
    )


@service
def reporting_period_remove(*, actor: Any, period: ReportingPeriod, reason: str = "") -> None:
    locked, grant = _lock_draft(actor, period.campaign)
    if ProgressReport.objects.filter(period=period).exists():
        raise DomainConflict(Code.IN_USE, details={"period": [str(period)]})
    audit_record(
        actor=actor,
        event_type=EventType.REPORTING_PERIOD_REMOVED,
        obj=locked,
        via=grant,
        unit=locked.launching_unit_id,
        changes={"period": [period.name, None], "due_on": [period.due_on, None]},
        reason=reason,
    )
    period.delete()
