"""A cluster's year end: the score sheets, the final ranking and the proposal of the leading
units (suy tôn).

1. Each member that signed submits its self-assessment with evidence; the cluster cross-checks
   each sheet, keeping or correcting each line. Points come from emulation/scoring.py and are
   stored with the lines, against the member's own registered target.
2. The ranking is finalised from the cross-checked scores, with the agreement's tie-breaks, once
   every signatory is checked; it is stored and no longer changes.
3. The cluster records whom it proposes, with the meeting's minutes (CL-03); a unit ranked below
   the number the agreement allows needs written reasons.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from audit.models import EventType
from audit.services import audit_record
from common.exceptions import DomainConflict, DomainPermissionError, DomainValidationError
from common.services import service
from common.validation import clean_or_raise
from emulation import scoring
from emulation.choices import (
    AgreementStatus,
    ScoreSheetStatus,
    ScoringMethod,
)
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import (
    AgreementAdjustment,
    AgreementIndicator,
    AgreementSignature,
    ClusterAgreement,
    ClusterRankingEntry,
    LeadProposal,
    LeadProposalUnit,
    ScoreAdjustmentLine,
    ScoreLine,
    ScoreSheet,
    SignatureTarget,
)
from emulation.permissions import (
    require_staff,
    score_checking_grant,
    staff_grant,
)
from emulation.services.agreements import (
    adjustment_rule,
    agreement_lead_grant,
    expect_agreement_open,
    indicator_rule,
    lock_agreement,
)
from emulation.services.common import (
    before_change,
    lock,
    save_recorded,
    store_evidence,
)
from organizations.models import Unit


@dataclass(frozen=True)
class IndicatorScore:
    """A line of a score sheet: the result reached (or, for an assessed indicator, the points)
    and the evidence or the checker's note."""

    result: Decimal | None = None
    points: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class AdjustmentClaim:
    count: int
    note: str = ""


# --- score sheets --------------------------------------------------------------------------------


def _member_targets(agreement: ClusterAgreement, unit_id: int) -> dict[int, Decimal]:
    return dict(
        SignatureTarget.objects.filter(
            signature__agreement=agreement, signature__unit_id=unit_id
        ).values_list("indicator_id", "target_value")
    )


def _score(indicator: AgreementIndicator, target: Decimal | None, given: IndicatorScore) -> Decimal:
    rule = indicator_rule(indicator, target)
    try:
        if indicator.scoring_method == ScoringMethod.ASSESSED:
            return scoring.points_for(rule, None, assessed=given.points)
        return scoring.points_for(rule, given.result)
    except scoring.ScoringError as exc:
        raise DomainValidationError(
            Code.POINTS_INVALID, details={indicator.code: [str(exc)]}
        ) from exc


def _claims(
    agreement: ClusterAgreement, adjustments: Mapping[str, AdjustmentClaim | int]
) -> dict[str, tuple[AgreementAdjustment, AdjustmentClaim]]:
    items = {item.code: item for item in agreement.adjustments.all()}
    unknown = sorted(set(adjustments) - set(items))
    if unknown:
        raise DomainValidationError(
            Code.INDICATOR_NOT_OF_AGREEMENT, details={"adjustments": unknown}
        )
    claims: dict[str, tuple[AgreementAdjustment, AdjustmentClaim]] = {}
    for code, claim in adjustments.items():
        claim = claim if isinstance(claim, AdjustmentClaim) else AdjustmentClaim(int(claim))
        if claim.count < 0:
            raise DomainValidationError(Code.POINTS_INVALID, details={code: [str(claim.count)]})
        claims[code] = (items[code], claim)
    return claims


def _sheet_total(sheet: ScoreSheet, *, checked: bool) -> scoring.ScoreTotal:
    lines = sheet.lines.select_related("indicator")
    pairs = [
        (
            line.checked_points
            if checked and line.checked_points is not None
            else line.self_points,
            line.indicator.weight,
        )
        for line in lines
    ]
    adjustments = [
        line.checked_points if checked and line.checked_points is not None else line.self_points
        for line in sheet.adjustment_lines.all()
    ]
    return scoring.total(pairs, adjustments)


@service
def score_sheet_submit(
    *,
    actor: Any,
    agreement: ClusterAgreement,
    unit: Unit,
    scores: Mapping[str, IndicatorScore],
    adjustments: Mapping[str, AdjustmentClaim | int] | None = None,
    note: str = "",
) -> ScoreSheet:
    """A member's self-assessment: a line for every indicator (the result reached, or the points
    of an assessed indicator, with the evidence) and the bonus and penalty items it claims.
    It may be submitted again until the cluster cross-checks it."""
    grant = require_staff(actor, unit)
    locked = lock_agreement(agreement)
    expect_agreement_open(locked)
    if not AgreementSignature.objects.filter(agreement=locked, unit=unit).exists():
        raise DomainValidationError(Code.NOT_SIGNED, details={"unit": [str(unit)]})
    indicators = {i.code: i for i in locked.indicators.all()}
    unknown = sorted(set(scores) - set(indicators))
    if unknown:
        raise DomainValidationError(Code.INDICATOR_NOT_OF_AGREEMENT, details={"scores": unknown})
    missing = sorted(set(indicators) - set(scores))
    if missing:
        raise DomainValidationError(Code.SCORES_INCOMPLETE, details={"scores": missing})
    claims = _claims(locked, adjustments or {})
    targets = _member_targets(locked, unit.pk)

    sheet = ScoreSheet.objects.filter(agreement=locked, unit=unit).first()
    now = timezone.now()
    if sheet is not None and sheet.status != ScoreSheetStatus.SELF_ASSESSED:
        raise DomainConflict(Code.SHEET_CHECKED, details={"status": [sheet.get_status_display()]})
    if sheet is None:
        sheet = ScoreSheet(agreement=locked, unit=unit, self_total=Decimal(0))
    sheet.self_note = note.strip()
    sheet.self_submitted_at = now
    sheet.self_submitted_by = actor
    sheet.save()
    stored = {line.indicator_id: line for line in sheet.lines.all()}
    recorded: dict[str, Any] = {}
    for code, indicator in indicators.items():
        given = scores[code]
        target = targets.get(indicator.pk, indicator.target_value)
        line = stored.get(indicator.pk) or ScoreLine(sheet=sheet, indicator=indicator)
        line.target_value = target
        line.self_result = given.result
        line.self_points = _score(indicator, target, given)
        line.evidence = given.note.strip()
        line.save()
        recorded[code] = [
            str(given.result) if given.result is not None else None,
            str(line.self_points),
        ]
    stored_claims = {line.item_id: line for line in sheet.adjustment_lines.all()}
    for code, (item, claim) in claims.items():
        adjustment = stored_claims.pop(item.pk, None) or ScoreAdjustmentLine(sheet=sheet, item=item)
        adjustment.self_count = claim.count
        adjustment.self_points = scoring.adjustment_points(adjustment_rule(item), claim.count)
        adjustment.evidence = claim.note.strip()
        adjustment.save()
        recorded[code] = [claim.count, str(adjustment.self_points)]
    for dropped in stored_claims.values():  # claimed before, not any more
        dropped.delete()
    sheet.self_total = _sheet_total(sheet, checked=False).total
    sheet.save(update_fields=["self_total", "updated_at"])
    audit_record(
        actor=actor,
        event_type=EventType.SCORE_SHEET_SUBMITTED,
        obj=sheet,
        via=grant,
        unit=unit.pk,
        changes={"self_total": str(sheet.self_total), "lines": recorded},
    )
    return sheet


@service
def score_sheet_check(
    *,
    actor: Any,
    sheet: ScoreSheet,
    scores: Mapping[str, IndicatorScore] | None = None,
    adjustments: Mapping[str, AdjustmentClaim | int] | None = None,
    note: str = "",
) -> ScoreSheet:
    """The cluster cross-checks a member's sheet. Lines not given are kept as claimed; a line
    given replaces the claim (result or assessed points, with the checker's note). It may be
    checked again until the ranking is final."""
    grant = score_checking_grant(actor, sheet)
    if grant is None:
        if staff_grant(actor, sheet.unit_id) is not None:
            raise DomainPermissionError(Code.CHECK_OWN_SHEET)
        raise DomainPermissionError()
    locked_agreement = lock_agreement(sheet.agreement)
    expect_agreement_open(locked_agreement)
    locked = lock(sheet)
    scores = dict(scores or {})
    indicators = {i.code: i for i in locked_agreement.indicators.all()}
    unknown = sorted(set(scores) - set(indicators))
    if unknown:
        raise DomainValidationError(Code.INDICATOR_NOT_OF_AGREEMENT, details={"scores": unknown})
    claims = _claims(locked_agreement, adjustments or {})
    corrected: dict[str, Any] = {}
    for line in locked.lines.select_related("indicator"):
        code = line.indicator.code
        if code in scores:
            given = scores[code]
            line.checked_result = given.result
            line.checked_points = _score(line.indicator, line.target_value, given)
            line.check_note = given.note.strip()
        else:
            line.checked_result = line.self_result
            line.checked_points = line.self_points
            line.check_note = ""
        if line.checked_points != line.self_points or line.checked_result != line.self_result:
            corrected[code] = [str(line.self_points), str(line.checked_points)]
        line.save()
    by_item = {line.item_id: line for line in locked.adjustment_lines.select_related("item")}
    for item, claim in claims.values():
        adjustment = by_item.get(item.pk) or ScoreAdjustmentLine(
            sheet=locked, item=item, self_count=0, self_points=Decimal(0)
        )
        adjustment.checked_count = claim.count
        adjustment.checked_points = scoring.adjustment_points(adjustment_rule(item), claim.count)
        adjustment.check_note = claim.note.strip()
        by_item[item.pk] = adjustment
    for adjustment in by_item.values():
        if adjustment.item.code not in claims:  # kept as claimed
            adjustment.checked_count = adjustment.self_count
            adjustment.checked_points = adjustment.self_points
            adjustment.check_note = ""
        adjustment.save()
        if adjustment.checked_points != adjustment.self_points:
            corrected[adjustment.item.code] = [
                str(adjustment.self_points),
                str(adjustment.checked_points),
            ]
    before = before_change(locked)
    locked.status = ScoreSheetStatus.CROSS_CHECKED
    locked.checked_total = _sheet_total(locked, checked=True).total
    locked.check_note = note.strip()
    locked.checking_unit_id = grant.unit_id
    locked.checked_at = timezone.now()
    locked.checked_by = actor
    return save_recorded(
        actor=actor,
        instance=locked,
        event_type=EventType.SCORE_SHEET_CHECKED,
        via=grant,
        unit=locked.unit_id,
        before=before,
        extra={"corrected": corrected},
    )


# --- ranking and proposal ------------------------------------------------------------------------


def _candidate(sheet: ScoreSheet) -> scoring.Candidate:
    lines = list(sheet.lines.all())
    adjustments = [line.checked_points or Decimal(0) for line in sheet.adjustment_lines.all()]
    totals = scoring.total(
        [(line.checked_points or Decimal(0), line.indicator.weight) for line in lines], adjustments
    )
    share = sheet.unit.women_share
    return scoring.Candidate(
        unit_id=sheet.unit_id,
        label=sheet.unit.name,
        total=sheet.checked_total if sheet.checked_total is not None else totals.total,
        bonus=totals.bonus,
        penalty=totals.penalty,
        indicator_points={
            line.indicator.code: (line.checked_points or Decimal(0)) * line.indicator.weight
            for line in lines
        },
        indicators_met=sum(1 for line in lines if line.checked_points == line.indicator.max_points),
        women_share=Decimal(str(share)) if share is not None else None,
    )


@service
def cluster_ranking_finalise(*, actor: Any, agreement: ClusterAgreement) -> ClusterAgreement:
    """Rank the members that signed, by their cross-checked scores and the agreement's tie-break
    rules, and make the ranking final."""
    grant = agreement_lead_grant(actor, agreement)
    locked = lock_agreement(agreement)
    expect_agreement_open(locked)
    signed = {
        s.unit_id: s.unit for s in locked.signatures.select_related("unit").order_by("unit__name")
    }
    sheets = {
        sheet.unit_id: sheet
        for sheet in locked.score_sheets.select_related("unit").prefetch_related(
            "lines__indicator", "adjustment_lines"
        )
    }
    unchecked = [
        str(unit)
        for unit_id, unit in signed.items()
        if unit_id not in sheets or sheets[unit_id].status != ScoreSheetStatus.CROSS_CHECKED
    ]
    if not signed or unchecked:
        raise DomainValidationError(Code.SHEETS_MISSING, details={"units": unchecked})
    ranked = scoring.rank(
        [_candidate(sheets[unit_id]) for unit_id in signed], list(locked.tie_breaks)
    )
    for entry in ranked:
        sheet = sheets[entry.candidate.unit_id]
        sheet.status = ScoreSheetStatus.FINAL
        sheet.final_total = entry.candidate.total
        sheet.save(update_fields=["status", "final_total", "updated_at"])
        ClusterRankingEntry.objects.create(
            agreement=locked,
            unit_id=entry.candidate.unit_id,
            sheet=sheet,
            position=entry.position,
            rank=entry.rank,
            score=entry.candidate.total,
            decided_by=entry.decided_by,
        )
    before = before_change(locked)
    locked.status = AgreementStatus.RANKED
    locked.ranked_at = timezone.now()
    return save_recorded(
        actor=actor,
        instance=locked,
        event_type=EventType.CLUSTER_RANKING_FINALISED,
        via=grant,
        unit=locked.cluster.parent_unit_id,
        before=before,
        extra={
            "ranking": [
                [e.position, e.rank, e.candidate.unit_id, str(e.candidate.total), e.decided_by]
                for e in ranked
            ]
        },
    )


@service
def lead_proposal_record(
    *,
    actor: Any,
    agreement: ClusterAgreement,
    units: Iterable[Unit],
    meeting_on: datetime.date,
    minutes_number: str = "",
    minutes_file: UploadedFile | None = None,
    reason: str = "",
) -> LeadProposal:
    """Record the units the cluster proposes as its leaders (suy tôn), in order, with the
    meeting's minutes. At most the agreement's number; a unit ranked below that number needs
    written reasons."""
    grant = agreement_lead_grant(actor, agreement)
    locked = lock_agreement(agreement)
    if locked.status == AgreementStatus.PROPOSED:
        raise DomainConflict(Code.ALREADY_PROPOSED)
    if locked.status != AgreementStatus.RANKED:
        raise DomainConflict(Code.AGREEMENT_NOT_RANKED)
    proposed = list(dict.fromkeys(units))
    if not proposed:
        raise DomainValidationError.on_field(Code.NO_LEADERS, "units")
    if len(proposed) > locked.leaders_to_propose:
        raise DomainValidationError(
            Code.TOO_MANY_LEADERS, details={"units": [str(locked.leaders_to_propose)]}
        )
    if not minutes_number.strip() and minutes_file is None:
        raise DomainValidationError.on_field(Code.MINUTES_REQUIRED, "minutes_number")
    ranks = dict(locked.ranking.values_list("unit_id", "rank"))
    outside = [str(unit) for unit in proposed if unit.pk not in ranks]
    if outside:
        raise DomainValidationError(Code.LEADER_NOT_RANKED, details={"units": outside})
    below = [str(unit) for unit in proposed if ranks[unit.pk] > locked.leaders_to_propose]
    if below and not reason.strip():
        raise DomainValidationError(Code.REASON_FOR_LOWER_RANK, details={"reason": below})
    proposal = LeadProposal(
        agreement=locked,
        meeting_on=meeting_on,
        minutes_number=minutes_number.strip(),
        reason=reason.strip(),
        recorded_by=actor,
    )
    extra: dict[str, Any] = {}
    if minutes_file is not None:
        extra["minutes_file"] = store_evidence(proposal, minutes_file, field="minutes_file")
    clean_or_raise(proposal)
    proposal.save()
    for position, unit in enumerate(proposed, start=1):
        LeadProposalUnit.objects.create(proposal=proposal, unit=unit, position=position)
    before = before_change(locked)
    locked.status = AgreementStatus.PROPOSED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        event_type=EventType.LEAD_PROPOSAL_RECORDED,
        obj=proposal,
        via=grant,
        unit=locked.cluster.parent_unit_id,
        changes={
            "units": [[unit.pk, ranks[unit.pk]] for unit in proposed],
            "meeting_on": meeting_on,
            "minutes_number": proposal.minutes_number,
            "status": [before["status"], locked.status],
            **extra,
        },
        reason=reason,
    )
    return proposal
