"""The rule checker's building blocks: pure rule types over plain facts.

    from awards.rules import CaseFacts, Rule, evaluate

Facts in (awards/rules/facts.py), results out (awards/rules/result.py); the types by family in
awards/rules/types/, named by stable codes in awards/rules/registry.py. No database, no request,
no viewflow. See docs/decisions/0010-rule-types.md.
"""

from awards.rules.facts import CaseFacts, FactsMissing
from awards.rules.params import ParamError, ParamSpec
from awards.rules.registry import (
    RULE_TYPES,
    InvalidParams,
    Rule,
    RuleType,
    evaluate,
    evaluate_all,
    parse_params,
    run,
    validate_params,
)
from awards.rules.result import Confidence, Outcome, RuleResult, Severity, effective_severity

__all__ = [
    "RULE_TYPES",
    "CaseFacts",
    "Confidence",
    "FactsMissing",
    "InvalidParams",
    "Outcome",
    "ParamError",
    "ParamSpec",
    "Rule",
    "RuleResult",
    "RuleType",
    "Severity",
    "effective_severity",
    "evaluate",
    "evaluate_all",
    "parse_params",
    "run",
    "validate_params",
]
