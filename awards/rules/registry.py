"""The rule types by stable code, their parameter schemas, and running a rule-pack row.

A rule pack (later: versioned data tied to a regulation document) is a list of rows: a rule id
("BKTLD-01"), a type code ("consecutive_ratings"), parameters, a severity, a confidence tag and a
citation. `validate_params` checks a row's parameters when an administrator saves it; `evaluate`
runs a row on a nomination's facts and stamps the row's id, citation and effective severity on
the result. See docs/decisions/0010-rule-types.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.rules.facts import CaseFacts, FactsMissing
from awards.rules.params import ParamError, Params, ParamSpec, param, parse, schema
from awards.rules.result import (
    Confidence,
    Outcome,
    RuleResult,
    Severity,
    effective_severity,
)
from awards.rules.types import (
    achievements,
    clusters,
    history,
    procedure,
    quotas,
    ranking,
    service,
    standing,
)
from awards.rules.types.base import failed, passed


class InvalidParams(ValueError):
    def __init__(self, errors: list[ParamError]) -> None:
        super().__init__(" ".join(str(e) for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class RuleType:
    code: str
    check: Callable[[CaseFacts, Any], RuleResult]
    params: type[Params]
    family: str
    rules: tuple[str, ...] = ()  # the regulations.md §E rules it serves
    advisory: bool = False  # a ranking aid or information: never more than INFO

    def schema(self) -> tuple[ParamSpec, ...]:
        return schema(self.params)


# --- the composite -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleRef(Params):
    type: str = param(help=gettext_lazy("A rule type's code."))
    params: Mapping[str, Any] = param(help=gettext_lazy("Its parameters."))

    def problems(self) -> list[ParamError]:
        if self.type not in RULE_TYPES:
            return [ParamError("type", unknown_type(self.type))]
        return validate_params(self.type, self.params, path="params")


@dataclass(frozen=True)
class AnyOfParams(Params):
    rules: tuple[RuleRef, ...] = param(
        help=gettext_lazy("The alternatives; one is enough."), min_items=2
    )


def check_any_of(facts: CaseFacts, params: AnyOfParams) -> RuleResult:
    """Alternatives: KNC-02's routes (20 effective years, or 25 years in public service, or two
    terms on the TLĐ committees, or a full Presidium term); LDST-02's branches."""
    routes: list[dict[str, Any]] = []
    undecided: list[FactsMissing] = []
    for ref in params.rules:
        try:
            result = run(ref.type, facts, ref.params)
        except FactsMissing as missing:
            undecided.append(missing)
            routes.append(
                {"type": ref.type, "outcome": str(Outcome.WARNING), "message": missing.message}
            )
            continue
        routes.append(
            {
                "type": ref.type,
                "outcome": str(result.outcome),
                "message": result.message,
                "hint": result.hint,
                "facts": result.facts,
            }
        )
        if result.passed:
            return passed("any_of", result.message, {"met_by": ref.type, "routes": routes})
    if len(undecided) == len(routes):
        raise undecided[0]
    return failed(
        "any_of",
        _("None of the ways to qualify is met: %(routes)s")
        % {"routes": " ".join(f"({i}) {r['message']}" for i, r in enumerate(routes, start=1))},
        _("Any one of them is enough."),
        {"met_by": None, "routes": routes},
    )


# --- the registry --------------------------------------------------------------------------------

ACHIEVEMENTS, HISTORY, STANDING, QUOTAS, PROCEDURE, CLUSTERS, RANKING, COMPOSITE = (
    "achievements",
    "history",
    "standing",
    "quotas",
    "procedure",
    "clusters",
    "ranking",
    "composite",
)

_TYPES = [
    RuleType("consecutive_ratings", achievements.check_consecutive_ratings,
             achievements.ConsecutiveRatingsParams, ACHIEVEMENTS, ("BKTLD-01",)),
    RuleType("initiatives", achievements.check_initiatives, achievements.InitiativesParams,
             ACHIEVEMENTS, ("BKTLD-02", "LDST-03")),
    RuleType("beneficial_value", achievements.check_beneficial_value,
             achievements.BeneficialValueParams, ACHIEVEMENTS, ("LDST-02",)),
    RuleType("min_score", achievements.check_min_score, achievements.MinScoreParams,
             ACHIEVEMENTS, ("XSD-03",)),
    RuleType("head_follows_collective", achievements.check_head_follows_collective,
             achievements.HeadFollowsCollectiveParams, ACHIEVEMENTS, ("HEAD-01",)),
    RuleType("prior_award", history.check_prior_award, history.PriorAwardParams, HISTORY,
             ("BKTLD-03", "XSD-02", "ROUTE-03")),
    RuleType("never_received", history.check_never_received, history.NeverReceivedParams,
             HISTORY, ("KNC-01", "NVL-01")),
    RuleType("same_year_combination", history.check_same_year_combination,
             history.SameYearCombinationParams, HISTORY, ("DUP-01",)),
    RuleType("achievement_not_reused", history.check_achievement_not_reused,
             history.AchievementNotReusedParams, HISTORY, ("DUP-02",)),
    RuleType("service_years", service.check_service_years, service.ServiceYearsParams,
             STANDING, ("KNC-02", "KNC-03")),
    RuleType("committee_terms", service.check_committee_terms, service.CommitteeTermsParams,
             STANDING, ("KNC-02",)),
    RuleType("no_sanction", standing.check_no_sanction, standing.NoSanctionParams, STANDING,
             ("KNC-03",)),
    RuleType("no_pending_case", standing.check_no_pending_case, standing.NoPendingCaseParams,
             STANDING, ("KNC-04",)),
    RuleType("membership", standing.check_membership, standing.MembershipParams, STANDING,
             ("LDST-01", "NVL-01")),
    RuleType("transfer_comments", standing.check_transfer_comments,
             standing.TransferCommentsParams, STANDING, ("TRANS-01",)),
    RuleType("training_year", standing.check_training_year, standing.TrainingYearParams,
             STANDING, ("TRAIN-01",), advisory=True),
    RuleType("no_incident", standing.check_no_incident, standing.NoIncidentParams, STANDING,
             ("XSD-01",)),
    RuleType("recipient_kind", standing.check_recipient_kind, standing.RecipientKindParams,
             STANDING, ("BKCD-03",)),
    RuleType("quota_count", quotas.check_quota_count, quotas.QuotaCountParams, QUOTAS,
             ("BKCD-01", "BKCD-02")),
    RuleType("quota_percent", quotas.check_quota_percent, quotas.QuotaPercentParams, QUOTAS),
    RuleType("dossier_complete", procedure.check_dossier_complete,
             procedure.DossierCompleteParams, PROCEDURE,
             ("DOS-01", "DOS-02", "DOS-03", "DOS-05")),
    RuleType("dossier_sets", procedure.check_dossier_sets, procedure.DossierSetsParams,
             PROCEDURE, ("DOS-04",)),
    RuleType("deciding_authority", procedure.check_deciding_authority,
             procedure.DecidingAuthorityParams, PROCEDURE, ("AUTH-01",)),
    RuleType("direct_upper_level", procedure.check_direct_upper_level,
             procedure.DirectUpperLevelParams, PROCEDURE, ("ROUTE-01",)),
    RuleType("deadline_window", procedure.check_deadline_window, procedure.DeadlineWindowParams,
             PROCEDURE, ("KNC-05",)),
    RuleType("days_after_event", procedure.check_days_after_event,
             procedure.DaysAfterEventParams, PROCEDURE),
    RuleType("public_posting", procedure.check_public_posting, procedure.PublicPostingParams,
             PROCEDURE, ("PUB-01",)),
    RuleType("council_composition", procedure.check_council_composition,
             procedure.CouncilCompositionParams, PROCEDURE, ("HD-01",)),
    RuleType("vote_threshold", procedure.check_vote_threshold, procedure.VoteThresholdParams,
             PROCEDURE, ("VOTE-01", "VOTE-02")),
    RuleType("cluster_rank", clusters.check_cluster_rank, clusters.ClusterRankParams, CLUSTERS,
             ("ROUTE-02", "ROUTE-03")),
    RuleType("cluster_participation", clusters.check_cluster_participation,
             clusters.ClusterParticipationParams, CLUSTERS, ("CL-01",)),
    RuleType("cluster_documented", clusters.check_cluster_documented,
             clusters.ClusterDocumentedParams, CLUSTERS, ("CL-03",)),
    RuleType("cluster_head_rotation", clusters.check_cluster_head_rotation,
             clusters.ClusterHeadRotationParams, CLUSTERS, ("CL-02",)),
    RuleType("campaign_registered", clusters.check_campaign_registered,
             clusters.CampaignRegisteredParams, CLUSTERS),
    RuleType("tie_break_priority", ranking.check_tie_break_priority, ranking.TieBreakParams,
             RANKING, ("PRIO-01",), advisory=True),
    RuleType("any_of", check_any_of, AnyOfParams, COMPOSITE, ("KNC-02", "LDST-02")),
]  # fmt: skip

RULE_TYPES: dict[str, RuleType] = {t.code: t for t in _TYPES}


# --- validating and running ----------------------------------------------------------------------


def parse_params(type_code: str, params: Any, *, path: str = "") -> tuple[Any, list[ParamError]]:
    rule_type = RULE_TYPES.get(type_code)
    if rule_type is None:
        return None, [ParamError(path, unknown_type(type_code))]
    return parse(rule_type.params, params, path=path)


def unknown_type(type_code: str) -> str:
    return _("Unknown rule type %(type)s.") % {"type": type_code}


def validate_params(type_code: str, params: Any, *, path: str = "") -> list[ParamError]:
    """Every problem of a rule-pack row's parameters; empty when the row can run."""
    return parse_params(type_code, params, path=path)[1]


def run(type_code: str, facts: CaseFacts, params: Any) -> RuleResult:
    """Run one rule type with raw parameters. Raises InvalidParams, FactsMissing."""
    parsed, errors = parse_params(type_code, params)
    if errors:
        raise InvalidParams(errors)
    return RULE_TYPES[type_code].check(facts, parsed)


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One row of a rule pack. Severity and confidence may come as the stored strings; an
    unknown one raises ValueError when the row is built (a pack is checked when it is saved)."""

    rule_id: str
    type: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    severity: Severity = Severity.BLOCK
    confidence: Confidence = Confidence.VERIFIED
    citation: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))
        object.__setattr__(self, "confidence", Confidence(self.confidence))


def evaluate(rule: Rule, facts: CaseFacts) -> RuleResult:
    """Run a rule-pack row. Never raises for bad data: a misconfigured row, or facts the rule
    cannot be decided on, give a WARNING result saying what to fix."""
    rule_type = RULE_TYPES.get(rule.type)
    severity = effective_severity(rule.severity, rule.confidence)
    if rule_type is not None and rule_type.advisory:
        severity = Severity.INFO

    def stamped(result: RuleResult) -> RuleResult:
        return dataclasses.replace(
            result,
            rule_id=rule.rule_id,
            severity=severity,
            citation=rule.citation,
            confidence=rule.confidence,
        )

    def warning(message: str, hint: str, details: Mapping[str, Any]) -> RuleResult:
        return stamped(
            RuleResult(
                rule_id=rule.rule_id,
                rule_type=rule.type,
                outcome=Outcome.WARNING,
                message=message,
                hint=hint,
                facts=details,
            )
        )

    errors = validate_params(rule.type, rule.params)
    if errors:
        return warning(
            _("The rule is misconfigured and was not checked: %(errors)s")
            % {"errors": " ".join(str(e) for e in errors)},
            _("An administrator must correct this rule in the rule pack."),
            {"errors": [str(e) for e in errors]},
        )
    try:
        return stamped(run(rule.type, facts, rule.params))
    except FactsMissing as missing:
        return warning(
            _("Not checked: %(reason)s") % {"reason": missing.message},
            missing.hint or _("It is checked again at a later step, once the data is there."),
            {"missing": missing.message},
        )


def evaluate_all(rules: Iterable[Rule], facts: CaseFacts) -> list[RuleResult]:
    return [evaluate(rule, facts) for rule in rules]
