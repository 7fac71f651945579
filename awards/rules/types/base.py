"""Small helpers the rule types share: building results and formatting numbers for messages."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.utils import formats

from awards.rules.result import Outcome, RuleResult


def passed(rule_type: str, message: str, facts: Mapping[str, Any]) -> RuleResult:
    return RuleResult(
        rule_id=rule_type, rule_type=rule_type, outcome=Outcome.PASSED, message=message, facts=facts
    )


def failed(rule_type: str, message: str, hint: str, facts: Mapping[str, Any]) -> RuleResult:
    return RuleResult(
        rule_id=rule_type,
        rule_type=rule_type,
        outcome=Outcome.FAILED,
        message=message,
        hint=hint,
        facts=facts,
    )


def info(rule_type: str, message: str, facts: Mapping[str, Any]) -> RuleResult:
    return RuleResult(
        rule_id=rule_type, rule_type=rule_type, outcome=Outcome.INFO, message=message, facts=facts
    )


def verdict(
    ok: bool, rule_type: str, *, ok_message: str, fail_message: str, hint: str, facts: Any
) -> RuleResult:
    if ok:
        return passed(rule_type, ok_message, facts)
    return failed(rule_type, fail_message, hint, facts)


def number(value: int | Decimal | Fraction) -> str:
    """A number in the active language's format (95,5 in Vietnamese), without trailing zeros."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.01")).normalize()
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def vnd(value: int) -> str:
    return f"{number(value)} VND"


def day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def years_text(years: list[int] | tuple[int, ...]) -> str:
    return ", ".join(str(year) for year in years)
