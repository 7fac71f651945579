"""What a rule says about a nomination: `RuleResult`, its outcome and its severity.

Outcome is *what was found*; severity is *what a failure means* for the step:

- PASSED: the condition holds.
- FAILED: the condition does not hold. With severity BLOCK the step stops (a reviewer with the
  right role may override with a written justification); with WARN it goes on with a visible
  warning; with INFO it is shown for information.
- WARNING: the rule could not be decided (a section of the facts is not available yet, or the
  rule-pack row is misconfigured). Never blocks.
- INFO: an informational result that is neither a pass nor a failure (a ranking aid, how a year
  of training counts). Never blocks.

See docs/decisions/0010-rule-types.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    WARNING = "warning"
    INFO = "info"


class Severity(StrEnum):
    """What a FAILED outcome means for the step, weakest first."""

    INFO = "info"
    WARN = "warn"
    BLOCK = "block"

    @property
    def weight(self) -> int:
        return list(Severity).index(self)


class Confidence(StrEnum):
    """How sure we are of the provision a rule enforces (regulations.md §0). The values are
    those of `awards.models.Confidence`, which rule packs store."""

    VERIFIED = "verified"
    HISTORICAL = "historical"
    UNCERTAIN = "uncertain"


def effective_severity(severity: Severity | str, confidence: Confidence | str) -> Severity:
    """The severity a rule runs with. Only a verified provision may block: a rule taken from an
    older regulation ([H]) or an unconfirmed one ([U]) ships as a warning at most, until an
    administrator has checked it against the regulation in force and marked it verified
    (regulations.md §E, "Version handling")."""
    severity = Severity(severity)
    if Confidence(confidence) is Confidence.VERIFIED:
        return severity
    return min(severity, Severity.WARN, key=lambda s: s.weight)


@dataclass(frozen=True, kw_only=True)
class RuleResult:
    """One rule's verdict on one nomination.

    `rule_id` is the rule-pack row (e.g. "BKTLD-01"); a type function called on its own uses
    its type code. `facts` says what was seen and what was needed, so that a reviewer (and an
    auditor, years later) can follow the verdict without the database.
    """

    rule_id: str
    rule_type: str
    outcome: Outcome
    message: str
    severity: Severity = Severity.BLOCK
    hint: str = ""
    citation: str = ""
    confidence: Confidence = Confidence.VERIFIED
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def blocks(self) -> bool:
        return self.outcome is Outcome.FAILED and self.severity is Severity.BLOCK

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.PASSED

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready. The keys of `nominations.checks.CheckResult.as_dict` keep their meaning
        ("blocking": the rule blocks when it fails), plus "blocks": it blocks now."""
        return {
            "rule": self.rule_id,
            "rule_type": self.rule_type,
            "outcome": str(self.outcome),
            "severity": str(self.severity),
            "blocking": self.severity is Severity.BLOCK,
            "blocks": self.blocks,
            "message": self.message,
            "hint": self.hint,
            "citation": self.citation,
            "confidence": str(self.confidence),
            "facts": jsonable(self.facts),
        }


def jsonable(value: Any) -> Any:
    """Plain JSON values: dates as ISO strings, decimals and fractions as strings, mapping keys
    as strings, tuples and sets as lists."""
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(jsonable(item) for item in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Fraction):
        return str(Decimal(value.numerator) / Decimal(value.denominator))
    if isinstance(value, StrEnum):
        return str(value)
    return value
