"""A cluster's agreement (giao ước) for a year and its signatures.

1. The head unit of the year (or the forming unit) draws up the agreement: indicators with their
   maximum points, weight and scoring method, bonus and penalty items, how many units to propose
   and the ordered tie-break rules. Every rule is checked when the agreement is made, so scoring
   never meets a rule that cannot work.
2. Each member signs it with its own targets (CL-01: registering with the cluster head); each
   target is checked against its indicator's method then.

The year-end scores, the ranking and the proposal are in emulation/services/scores.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from audit.models import EventType
from audit.services import audit_record
from common.exceptions import DomainConflict, DomainValidationError
from common.services import service
from common.validation import clean_or_raise
from emulation import scoring
from emulation.choices import (
    AgreementStatus,
    Direction,
    ScoringMethod,
)
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import (
    AgreementAdjustment,
    AgreementIndicator,
    AgreementSignature,
    Cluster,
    ClusterAgreement,
    SignatureTarget,
    TargetIndicator,
)
from emulation.permissions import (
    cluster_lead_grant,
    require_staff,
)
from emulation.selectors_clusters import cluster_members_in
from emulation.services.common import (
    lock,
)
from organizations.models import Unit
from organizations.permissions import Grant, require

# Methods that score a result against a target: a signatory registers its own target for them
# unless the agreement sets one for everybody.
TARGETED_METHODS = frozenset(
    {ScoringMethod.ACHIEVED, ScoringMethod.PROPORTIONAL, ScoringMethod.LINEAR}
)


@dataclass(frozen=True)
class IndicatorSpec:
    """An indicator of a new agreement."""

    code: str
    name: str
    max_points: Decimal
    scoring_method: str
    direction: str = Direction.AT_LEAST
    target_value: Decimal | None = None
    floor_value: Decimal | None = None
    bands: Sequence[Sequence[Any]] = ()
    weight: Decimal = Decimal(1)
    campaign_indicator: TargetIndicator | None = None
    note: str = ""


@dataclass(frozen=True)
class AdjustmentSpec:
    """A bonus or penalty item of a new agreement."""

    kind: str
    code: str
    name: str
    points: Decimal
    max_points: Decimal | None = None


def lock_agreement(agreement: ClusterAgreement) -> ClusterAgreement:
    return (
        ClusterAgreement.objects.select_for_update(of=("self",))
        .select_related("cluster__parent_unit")
        .get(pk=agreement.pk)
    )


def expect_agreement_open(agreement: ClusterAgreement) -> None:
    if agreement.status != AgreementStatus.OPEN:
        raise DomainConflict(
            Code.AGREEMENT_NOT_OPEN, details={"status": [agreement.get_status_display()]}
        )


def agreement_lead_grant(actor: Any, agreement: ClusterAgreement) -> Grant:
    return require(cluster_lead_grant(actor, agreement.cluster, agreement.year))


def indicator_rule(
    indicator: AgreementIndicator | IndicatorSpec, target: Decimal | None = None
) -> scoring.IndicatorRule:
    """The pure scoring rule of an indicator, against `target` (the agreement's by default)."""
    return scoring.IndicatorRule(
        method=indicator.scoring_method,
        max_points=Decimal(indicator.max_points),
        direction=indicator.direction,
        target=target if target is not None else indicator.target_value,
        floor=indicator.floor_value,
        bands=scoring.parse_bands(indicator.bands),
    )


def adjustment_rule(item: AgreementAdjustment) -> scoring.AdjustmentRule:
    return scoring.AdjustmentRule(kind=item.kind, points=item.points, max_points=item.max_points)


# --- the agreement -------------------------------------------------------------------------------


def _check_specs(
    indicators: Sequence[IndicatorSpec], adjustments: Sequence[AdjustmentSpec]
) -> None:
    if not indicators:
        raise DomainValidationError.on_field(Code.AGREEMENT_EMPTY, "indicators")
    for specs, name in ((indicators, "indicators"), (adjustments, "adjustments")):
        codes = [spec.code for spec in specs]
        if len(set(codes)) != len(codes):
            raise DomainValidationError(Code.DUPLICATE_CODE, details={name: sorted(codes)})
    problems: dict[str, Any] = {}
    for spec in indicators:
        try:
            found = scoring.rule_problems(indicator_rule(spec))
        except scoring.ScoringError as exc:
            found = [str(exc)]
        if spec.scoring_method in TARGETED_METHODS and spec.target_value is None:
            # each member registers its own target when it signs; checked then
            found = [problem for problem in found if problem != "target is required"]
        if spec.weight <= 0:
            found.append("weight must be positive")
        if found:
            problems[spec.code] = found
    for item in adjustments:
        if item.points <= 0 or (item.max_points is not None and item.max_points < 0):
            problems[item.code] = ["points must be positive"]
    if problems:
        raise DomainValidationError(Code.RULE_INVALID, details=problems)


@service
def cluster_agreement_create(
    *,
    actor: Any,
    cluster: Cluster,
    year: int,
    title: str,
    indicators: Sequence[IndicatorSpec],
    adjustments: Sequence[AdjustmentSpec] = (),
    leaders_to_propose: int = 1,
    tie_breaks: Sequence[str] = (),
) -> ClusterAgreement:
    """Draw up the cluster's agreement for `year`; its members then sign it."""
    grant = require(cluster_lead_grant(actor, cluster, year))
    locked = lock(cluster)
    if locked.dissolved_on is not None:
        raise DomainConflict(Code.CLUSTER_DISSOLVED, details={"cluster": [str(locked)]})
    if ClusterAgreement.objects.filter(cluster=locked, year=year).exists():
        raise DomainConflict(Code.AGREEMENT_EXISTS, details={"year": [str(year)]})
    _check_specs(indicators, adjustments)
    codes = {spec.code for spec in indicators}
    try:
        rules = [str(rule) for rule in tie_breaks]
        for rule in rules:
            scoring.parse_tie_break(rule, codes)
    except scoring.ScoringError as exc:
        raise DomainValidationError(
            Code.TIE_BREAK_INVALID, details={"tie_breaks": [str(exc)]}
        ) from exc
    agreement = ClusterAgreement(
        cluster=locked,
        year=year,
        title=title.strip(),
        leaders_to_propose=leaders_to_propose,
        tie_breaks=rules,
        created_by=actor,
    )
    clean_or_raise(agreement)
    agreement.save()
    for order, spec in enumerate(indicators, start=1):
        indicator = AgreementIndicator(
            agreement=agreement,
            code=spec.code,
            name=spec.name.strip(),
            sort_order=order,
            max_points=spec.max_points,
            weight=spec.weight,
            scoring_method=spec.scoring_method,
            direction=spec.direction,
            target_value=spec.target_value,
            floor_value=spec.floor_value,
            bands=[[str(threshold), str(points)] for threshold, points in spec.bands],
            campaign_indicator=spec.campaign_indicator,
            note=spec.note.strip(),
        )
        clean_or_raise(indicator)
        indicator.save()
    for item in adjustments:
        adjustment = AgreementAdjustment(
            agreement=agreement,
            kind=item.kind,
            code=item.code,
            name=item.name.strip(),
            points=item.points,
            max_points=item.max_points,
        )
        clean_or_raise(adjustment)
        adjustment.save()
    audit_record(
        actor=actor,
        event_type=EventType.AGREEMENT_CREATED,
        obj=agreement,
        via=grant,
        unit=locked.parent_unit_id,
        changes={
            "year": year,
            "leaders_to_propose": leaders_to_propose,
            "tie_breaks": rules,
            "indicators": {
                spec.code: [spec.scoring_method, str(spec.max_points), str(spec.weight)]
                for spec in indicators
            },
            "adjustments": {item.code: [item.kind, str(item.points)] for item in adjustments},
        },
    )
    return agreement


@service
def agreement_sign(
    *,
    actor: Any,
    agreement: ClusterAgreement,
    unit: Unit,
    signed_on: datetime.date,
    signatory: str = "",
    targets: Mapping[str, Decimal] | None = None,
) -> AgreementSignature:
    """A member signs the agreement with the targets it registers, by indicator code. A target
    is required for each indicator scored against one, unless the agreement sets it for all."""
    grant = require_staff(actor, unit)
    locked = lock_agreement(agreement)
    expect_agreement_open(locked)
    if not cluster_members_in(locked.cluster_id, locked.year).filter(pk=unit.pk).exists():
        raise DomainValidationError(Code.NOT_A_MEMBER, details={"unit": [str(unit)]})
    if AgreementSignature.objects.filter(agreement=locked, unit=unit).exists():
        raise DomainConflict(Code.ALREADY_SIGNED, details={"unit": [str(unit)]})
    targets = dict(targets or {})
    indicators = {i.code: i for i in locked.indicators.all()}
    unknown = sorted(set(targets) - set(indicators))
    if unknown:
        raise DomainValidationError(Code.INDICATOR_NOT_OF_AGREEMENT, details={"targets": unknown})
    missing = sorted(
        code
        for code, indicator in indicators.items()
        if indicator.scoring_method in TARGETED_METHODS
        and indicator.target_value is None
        and targets.get(code) is None
    )
    if missing:
        raise DomainValidationError(Code.TARGETS_REQUIRED, details={"targets": missing})
    unfit = {
        code: problems
        for code, value in targets.items()
        if value is not None
        and (problems := scoring.rule_problems(indicator_rule(indicators[code], value)))
    }
    if unfit:
        raise DomainValidationError(Code.TARGET_UNFIT, details={"targets": unfit})
    signature = AgreementSignature(
        agreement=locked,
        unit=unit,
        signed_on=signed_on,
        signatory=signatory.strip(),
        recorded_by=actor,
    )
    clean_or_raise(signature)
    signature.save()
    for code, value in targets.items():
        if value is not None:
            SignatureTarget.objects.create(
                signature=signature, indicator=indicators[code], target_value=value
            )
    audit_record(
        actor=actor,
        event_type=EventType.AGREEMENT_SIGNED,
        obj=signature,
        via=grant,
        unit=unit.pk,
        changes={
            "agreement": locked.pk,
            "signed_on": signed_on,
            "targets": {code: str(v) for code, v in targets.items() if v is not None},
        },
    )
    return signature
