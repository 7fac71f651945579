"""Registrations (đăng ký thi đua) and progress reports: what the units taking part file.

A unit's staff registers it (or one of its people) for a campaign and a year, with the targets
and titles it commits to; the unit it is filed with acknowledges it or returns it with reasons,
and a returned registration is filed again with the same service. Reports carry a value per
indicator and evidence files; a corrected report replaces its values and keeps its first
submission time. Lateness is read from the dates (emulation.selectors), not stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from audit.models import EventType
from audit.services import audit_record, diff
from awards.models import AwardType
from common.exceptions import DomainConflict, DomainValidationError
from common.services import service
from common.validation import clean_or_raise
from emulation.choices import CampaignStatus, Measure, RegistrationStatus
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import (
    Campaign,
    ProgressReport,
    Registration,
    RegistrationTarget,
    RegistrationTitle,
    ReportAttachment,
    ReportingPeriod,
    ReportValue,
    TargetIndicator,
)
from emulation.permissions import require_staff
from emulation.selectors import campaign_participants
from emulation.services.common import (
    before_change,
    check_active,
    lock,
    require_reason,
    save_recorded,
    store_evidence,
)
from organizations.models import Membership, Person, Unit, UnitClosure

OPEN_STATUSES = (CampaignStatus.LAUNCHED, CampaignStatus.IN_PROGRESS)
HUNDRED = Decimal(100)


def _expect_open(campaign: Campaign) -> None:
    if campaign.status not in OPEN_STATUSES:
        raise DomainConflict(
            Code.CAMPAIGN_NOT_OPEN, details={"status": [campaign.get_status_display()]}
        )


def _indicators(campaign: Campaign, codes: Iterable[str], field: str) -> dict[str, TargetIndicator]:
    known = {indicator.code: indicator for indicator in campaign.indicators.select_related("level")}
    unknown = sorted(set(codes) - set(known))
    if unknown:
        raise DomainValidationError(Code.INDICATOR_NOT_OF_CAMPAIGN, details={field: unknown})
    return known


def _check_registrant(campaign: Campaign, unit: Unit, person: Person | None) -> None:
    if person is None:
        if not campaign_participants(campaign).filter(pk=unit.pk).exists():
            raise DomainValidationError(Code.NOT_A_PARTICIPANT, details={"unit": [str(unit)]})
        return
    current = (
        Membership.objects.filter(person=person, ended_on__isnull=True)
        .values_list("unit_id", flat=True)
        .first()
    )
    if current != unit.pk:
        raise DomainValidationError(Code.PERSON_NOT_IN_UNIT, details={"person": [str(person)]})
    under_launcher = UnitClosure.objects.filter(
        ancestor_id=campaign.launching_unit_id, descendant_id=unit.pk, depth__gt=0
    ).exists()
    if not under_launcher:
        raise DomainValidationError(Code.NOT_A_PARTICIPANT, details={"unit": [str(unit)]})


def _upper_unit_id(campaign: Campaign, unit: Unit) -> int:
    """The unit a registration is filed with: the direct upper unit (a unit taking part is
    always under the launching unit, so it has one)."""
    return unit.parent_id or campaign.launching_unit_id


def _title_rows(titles: Iterable[AwardType | str]) -> list[tuple[AwardType | None, str]]:
    rows: list[tuple[AwardType | None, str]] = []
    for title in titles:
        if isinstance(title, AwardType):
            rows.append((title, ""))
        elif str(title).strip():
            rows.append((None, str(title).strip()))
    return rows


def _commitments(registration: Registration) -> dict[str, Any]:
    return {
        "targets": {
            t.indicator.code: str(t.target_value)
            for t in registration.targets.select_related("indicator")
        },
        "titles": [
            t.award_type.code if t.award_type_id and t.award_type else t.title
            for t in registration.titles.select_related("award_type")
        ],
    }


@service
def registration_submit(
    *,
    actor: Any,
    campaign: Campaign,
    year: int,
    unit: Unit,
    person: Person | None = None,
    commitment: str = "",
    targets: Mapping[str, Decimal] | None = None,
    titles: Iterable[AwardType | str] = (),
) -> Registration:
    """Register `unit` (or `person`, a member of it) for the campaign and year with the targets
    (by indicator code) and titles it commits to. A returned registration is filed again here."""
    grant = require_staff(actor, unit)
    campaign = Campaign.objects.get(pk=campaign.pk)
    _expect_open(campaign)
    if year not in campaign.years:
        raise DomainValidationError.on_field(Code.YEAR_OUTSIDE_CAMPAIGN, "year")
    check_active(unit, "unit")
    _check_registrant(campaign, unit, person)
    targets = dict(targets or {})
    indicators = _indicators(campaign, targets, "targets")
    existing = (
        Registration.objects.select_for_update(of=("self",))
        .filter(campaign=campaign, year=year, unit=unit, person=person)
        .first()
    )
    now = timezone.now()
    if existing is not None:
        if existing.status != RegistrationStatus.RETURNED:
            raise DomainConflict(Code.ALREADY_REGISTERED, details={"unit": [str(unit)]})
        registration = existing
        before = {**before_change(registration), **_commitments(registration)}
        registration.resubmitted_at = now
        registration.return_reason = ""
    else:
        registration = Registration(
            campaign=campaign,
            year=year,
            unit=unit,
            person=person,
            reviewing_unit_id=unit.pk if person is not None else _upper_unit_id(campaign, unit),
            submitted_at=now,
            submitted_by=actor,
        )
        before = {}
    registration.commitment = commitment.strip()
    registration.status = RegistrationStatus.SUBMITTED
    clean_or_raise(registration)
    registration.save()
    # The commitments are replaced as a whole; their history rows keep the earlier ones.
    for old in registration.targets.all():
        old.delete()
    for old_title in registration.titles.all():
        old_title.delete()
    for code, value in targets.items():
        RegistrationTarget.objects.create(
            registration=registration, indicator=indicators[code], target_value=value
        )
    for award_type, title in _title_rows(titles):
        RegistrationTitle.objects.create(
            registration=registration, award_type=award_type, title=title
        )
    audit_record(
        actor=actor,
        event_type=EventType.REGISTRATION_SUBMITTED,
        obj=registration,
        via=grant,
        unit=unit.pk,
        changes=diff(before, {**before_change(registration), **_commitments(registration)}),
    )
    return registration


def _review(
    *, actor: Any, registration: Registration, status: str, event_type: EventType, reason: str = ""
) -> Registration:
    grant = require_staff(actor, registration.reviewing_unit)
    locked = lock(registration)
    if locked.status != RegistrationStatus.SUBMITTED:
        raise DomainConflict(
            Code.REGISTRATION_NOT_PENDING, details={"status": [locked.get_status_display()]}
        )
    if locked.campaign.status == CampaignStatus.CLOSED:
        raise DomainConflict(Code.CAMPAIGN_CLOSED)
    before = before_change(locked)
    locked.status = status
    locked.reviewed_at = timezone.now()
    locked.reviewed_by = actor
    locked.return_reason = reason
    return save_recorded(
        actor=actor,
        instance=locked,
        event_type=event_type,
        via=grant,
        unit=locked.unit_id,
        before=before,
        reason=reason,
    )


@service
def registration_acknowledge(*, actor: Any, registration: Registration) -> Registration:
    """The upper unit acknowledges a registration filed with it."""
    return _review(
        actor=actor,
        registration=registration,
        status=RegistrationStatus.ACKNOWLEDGED,
        event_type=EventType.REGISTRATION_ACKNOWLEDGED,
    )


@service
def registration_return(*, actor: Any, registration: Registration, reason: str) -> Registration:
    """The upper unit returns a registration with the reasons; the unit files it again."""
    return _review(
        actor=actor,
        registration=registration,
        status=RegistrationStatus.RETURNED,
        event_type=EventType.REGISTRATION_RETURNED,
        reason=require_reason(reason),
    )


# --- progress reports ----------------------------------------------------------------------------


def value_fits(measure: str, value: Decimal | None) -> bool:
    """Whether a reported value fits its indicator's measure (empty always does)."""
    if value is None:
        return True
    if measure == Measure.YES_NO:
        return value in (0, 1)
    if measure == Measure.PERCENT:
        return 0 <= value <= HUNDRED
    if measure == Measure.COUNT:
        return value >= 0 and value == value.to_integral_value()
    return value >= 0


@service
def progress_report_submit(
    *,
    actor: Any,
    period: ReportingPeriod,
    unit: Unit,
    values: Mapping[str, Decimal | None],
    notes: Mapping[str, str] | None = None,
    summary: str = "",
    files: Iterable[UploadedFile] = (),
) -> ProgressReport:
    """File (or correct) `unit`'s report for `period`: a value per indicator code, an
    explanation per code where useful, and evidence files (checked by their content)."""
    grant = require_staff(actor, unit)
    period = ReportingPeriod.objects.select_related("campaign").get(pk=period.pk)
    campaign = period.campaign
    _expect_open(campaign)
    check_active(unit, "unit")
    if not campaign_participants(campaign).filter(pk=unit.pk).exists():
        raise DomainValidationError(Code.NOT_A_PARTICIPANT, details={"unit": [str(unit)]})
    notes = dict(notes or {})
    indicators = _indicators(campaign, [*values, *notes], "values")
    level_id = unit.kind.level_id
    elsewhere = sorted(
        code
        for code in values
        if indicators[code].level_id is not None and indicators[code].level_id != level_id
    )
    if elsewhere:
        raise DomainValidationError(Code.INDICATOR_NOT_FOR_UNIT, details={"values": elsewhere})
    unfit = {
        code: [str(value)]
        for code, value in values.items()
        if not value_fits(indicators[code].measure, value)
    }
    if unfit:
        raise DomainValidationError(Code.VALUE_INVALID, details=unfit)

    now = timezone.now()
    report = (
        ProgressReport.objects.select_for_update(of=("self",))
        .filter(period=period, unit=unit)
        .first()
    )
    if report is None:
        report = ProgressReport(period=period, unit=unit, submitted_at=now, submitted_by=actor)
        before: dict[str, Any] = {}
    else:
        before = before_change(report)
        report.revised_at = now
    report.summary = summary.strip()
    clean_or_raise(report)
    report.save()
    stored = {v.indicator_id: v for v in report.values.all()}
    changed: dict[str, list[Any]] = {}
    for code in sorted(set(values) | set(notes)):
        indicator = indicators[code]
        row = stored.get(indicator.pk) or ReportValue(report=report, indicator=indicator)
        old = [str(row.value) if row.value is not None else None, row.note] if row.pk else None
        if code in values:
            row.value = values[code]
        if code in notes:
            row.note = notes[code].strip()
        new = [str(row.value) if row.value is not None else None, row.note]
        if old != new:
            row.save()
            changed[code] = [old, new]
    evidence = []
    for file in files:
        attachment = ReportAttachment(report=report, uploaded_by=actor)
        evidence.append(store_evidence(attachment, file))
        attachment.save()
    record: dict[str, Any] = diff(before, before_change(report))
    record.update({"values": changed, "files": evidence})
    audit_record(
        actor=actor,
        event_type=EventType.PROGRESS_REPORT_SUBMITTED,
        obj=report,
        via=grant,
        unit=unit.pk,
        changes=record,
    )
    return report
