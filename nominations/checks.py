"""The one place where a step checks the nomination (issue 5 §2, §3, §5).

A step's checks are the built-in DOS-01 (every mandatory document of the award, from the
catalogue: Law 06/2022 art. 84) and the rules of the award's rule pack (`awards.models.AwardRule`)
in the regulation version of the nomination's award — the version in force on its reference
date, so an older nomination keeps the pack of its date. The facts are gathered once for the
whole batch (nominations/facts.py), then every rule runs in memory (awards.rules.evaluate):
checking one nomination or a thousand, with five rules or forty, costs the same queries.

A result blocks when it failed, its effective severity is "block" (only verified rules block)
and no override of the rule holds for the facts it saw now (nominations.services.checks).
Reading checks writes nothing; the step services store each run (`CheckRun`).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _

from awards.models import AwardRule, CheckStep, RuleNominees
from awards.rules import Confidence, Rule, Severity, evaluate
from awards.rules.result import RuleResult, jsonable
from nominations.facts import DOSSIER, case_facts_for, nominations_for_facts, sections_for
from nominations.models import CheckOverride, Nomination, NominationStatus

# The document type a signed submission letter stands for.
SUBMISSION_LETTER_TYPE = "to-trinh"
S = NominationStatus

# The step whose checks matter next, by status (closed nominations have none).
NEXT_CHECK_STEP: dict[str, str] = {
    S.DRAFT: CheckStep.SUBMIT,
    S.RETURNED: CheckStep.SUBMIT,
    S.IN_REVIEW: CheckStep.REVIEW,
    S.AT_COUNCIL: CheckStep.COUNCIL,
    S.AWAITING_DECISION: CheckStep.DECISION,
}


def next_check_step(nomination: Nomination) -> str | None:
    return NEXT_CHECK_STEP.get(nomination.status)


class Outcome:
    PASSED = "passed"
    FAILED = "failed"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class CheckResult:
    """One rule's verdict on one nomination, as the pages, the API and the stored runs show it.
    `blocking`: a failure of the rule stops the step; `blocks`: it stops it now (failed, and
    not overridden)."""

    rule: str
    outcome: str
    message: str
    citation: str = ""
    blocking: bool = False
    facts: Mapping[str, Any] = field(default_factory=dict)
    rule_type: str = ""
    severity: str = Severity.BLOCK
    hint: str = ""
    confidence: str = Confidence.VERIFIED
    overridden: Mapping[str, Any] | None = None
    # An earlier override of the rule no longer holds: what the rule sees has changed since.
    override_lapsed: bool = False

    @property
    def fails_blocking(self) -> bool:
        return self.blocking and self.outcome == Outcome.FAILED

    @property
    def blocks(self) -> bool:
        return self.fails_blocking and self.overridden is None

    @property
    def facts_hash(self) -> str:
        return facts_hash(self.facts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "rule_type": self.rule_type,
            "outcome": self.outcome,
            "severity": self.severity,
            "blocking": self.blocking,
            "blocks": self.blocks,
            "message": self.message,
            "hint": self.hint,
            "citation": self.citation,
            "confidence": self.confidence,
            "facts": jsonable(self.facts),
            "overridden": dict(self.overridden) if self.overridden else None,
            "override_lapsed": self.override_lapsed,
        }

    @classmethod
    def of(cls, result: RuleResult, *, message: str = "") -> CheckResult:
        failed = result.outcome == Outcome.FAILED
        return cls(
            rule=result.rule_id,
            outcome=str(result.outcome),
            message=message if message and failed else result.message,
            citation=result.citation,
            blocking=result.severity is Severity.BLOCK,
            facts=jsonable(result.facts),
            rule_type=result.rule_type,
            severity=str(result.severity),
            hint=result.hint,
            confidence=str(result.confidence),
        )


def facts_hash(facts: Any) -> str:
    """A fingerprint of what a rule saw, leaving out words (messages and hints are in the
    reader's language): an override holds while it is the same."""

    def strip(value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: strip(v) for k, v in value.items() if k not in ("message", "hint")}
        if isinstance(value, list | tuple):
            return [strip(v) for v in value]
        return value

    text = json.dumps(strip(jsonable(facts)), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def dossier_rule() -> Rule:
    """DOS-01, built in: every mandatory document the catalogue lists for the award."""
    return Rule(
        rule_id="DOS-01",
        type="dossier_complete",
        params={"use_catalogue": True},
        severity=Severity.BLOCK,
        confidence=Confidence.VERIFIED,
        citation=_("Law on Emulation and Commendation 06/2022/QH15, art. 84"),
    )


# --- which rules -------------------------------------------------------------------------------


def _applies(rule: AwardRule, nomination: Nomination, steps: Collection[str]) -> bool:
    on = nomination.reference_date
    if rule.nominees == RuleNominees.INDIVIDUALS and nomination.nominee_person_id is None:
        return False
    if rule.nominees == RuleNominees.COLLECTIVES and nomination.nominee_unit_id is None:
        return False
    return (
        any(step in steps for step in rule.steps or ())
        and (not rule.award_codes or nomination.award_type.code in rule.award_codes)
        and (rule.valid_from is None or rule.valid_from <= on)
        and (rule.valid_to is None or on <= rule.valid_to)
    )


def rules_for(
    nominations: Iterable[Nomination], step: str | Collection[str], *, dossier: bool = True
) -> dict[int, list[tuple[AwardRule | None, Rule]]]:
    """The enabled rules of each nomination's pack that run at `step` (or at any of several
    steps), after the built-in DOS-01 unless `dossier` is false (one query for the batch)."""
    steps = (step,) if isinstance(step, str) else tuple(step)
    nominations = list(nominations)
    versions = {n.award_type.regulation_id for n in nominations}
    pack: dict[int, list[AwardRule]] = defaultdict(list)
    for row in AwardRule.objects.filter(regulation_id__in=versions, enabled=True).order_by(
        "rule_id"
    ):
        pack[row.regulation_id].append(row)
    chosen: dict[int, list[tuple[AwardRule | None, Rule]]] = {}
    for nomination in nominations:
        rows: list[tuple[AwardRule | None, Rule]] = [(None, dossier_rule())] if dossier else []
        for row in pack.get(nomination.award_type.regulation_id, []):
            if _applies(row, nomination, steps):
                rows.append((row, as_rule(row)))
        chosen[nomination.pk] = rows
    return chosen


def as_rule(row: AwardRule) -> Rule:
    try:
        return Rule(
            rule_id=row.rule_id,
            type=row.rule_type,
            params=row.params if isinstance(row.params, dict) else {},
            severity=Severity(row.severity),
            confidence=Confidence(row.confidence),
            citation=row.citation,
        )
    except ValueError:
        # A stored severity or confidence the code does not know: run it as a warning, which
        # `evaluate` reports as misconfigured through the type check.
        return Rule(
            rule_id=row.rule_id,
            type=row.rule_type,
            params=row.params if isinstance(row.params, dict) else {},
            severity=Severity.WARN,
            confidence=Confidence.UNCERTAIN,
            citation=row.citation,
        )


# --- running them ------------------------------------------------------------------------------


@dataclass
class StepChecks:
    """The checks of one step on one nomination, as they come out now."""

    nomination_id: int
    step: str
    regulation_id: int
    results: list[CheckResult]

    @property
    def passed(self) -> bool:
        return not any(result.blocks for result in self.results)

    @property
    def blocked(self) -> list[CheckResult]:
        return [result for result in self.results if result.blocks]


def _overrides(ids: list[int]) -> dict[tuple[int, str], CheckOverride]:
    """The latest override of each (nomination, rule)."""
    latest: dict[tuple[int, str], CheckOverride] = {}
    rows = CheckOverride.objects.filter(nomination_id__in=ids).select_related("overridden_by")
    for row in rows.order_by("at", "pk"):
        latest[(row.nomination_id, row.rule_id)] = row
    return latest


def override_summary(override: CheckOverride) -> dict[str, Any]:
    by = override.overridden_by
    return {
        "by": (by.get_full_name() or by.get_username()) if by is not None else "",
        "by_id": override.overridden_by_id,
        "role": override.actor_role,
        "at": override.at.isoformat(),
        "step": override.step,
        "justification": override.justification,
    }


def checks_evaluate(nominations: Iterable[Nomination], step: str) -> dict[int, StepChecks]:
    """The checks of `step` on each nomination, by id. A bounded number of queries: the
    nominations, the packs, the facts (one query per table the rules read) and the overrides."""
    loaded = nominations_for_facts(n.pk for n in nominations)
    if not loaded:
        return {}
    chosen = rules_for(loaded, step)
    needs = {DOSSIER}
    for rows in chosen.values():
        for _row, rule in rows:
            needs |= sections_for(rule.type, rule.params)
    facts = case_facts_for(loaded, step, needs=needs, loaded=True)
    overrides = _overrides([n.pk for n in loaded])
    evaluated = {}
    for nomination in loaded:
        results = []
        for row, rule in chosen[nomination.pk]:
            result = CheckResult.of(
                evaluate(rule, facts[nomination.pk]), message=row.message if row else ""
            )
            if result.fails_blocking:
                override = overrides.get((nomination.pk, result.rule))
                if override is not None:
                    if override.facts_hash == result.facts_hash:
                        result = _with(result, overridden=override_summary(override))
                    else:
                        result = _with(result, override_lapsed=True)
            results.append(result)
        evaluated[nomination.pk] = StepChecks(
            nomination_id=nomination.pk,
            step=step,
            regulation_id=nomination.award_type.regulation_id,
            results=results,
        )
    return evaluated


def _with(result: CheckResult, **changes: Any) -> CheckResult:
    return replace(result, **changes)


def checks_for_step(nomination: Nomination, *, step: str) -> list[CheckResult]:
    """Run the checks of a step (submit, review, council, decision) on the nomination as it is
    now. Writes nothing."""
    return checks_evaluate([nomination], step)[nomination.pk].results
