"""The result type: severity by confidence, blocking, JSON for storage."""

import datetime
import json
from decimal import Decimal

import pytest

from awards.rules.result import Confidence, Outcome, RuleResult, Severity, effective_severity


@pytest.mark.parametrize(
    ("severity", "confidence", "effective"),
    [
        (Severity.BLOCK, Confidence.VERIFIED, Severity.BLOCK),
        (Severity.BLOCK, Confidence.HISTORICAL, Severity.WARN),
        (Severity.BLOCK, Confidence.UNCERTAIN, Severity.WARN),
        (Severity.WARN, Confidence.UNCERTAIN, Severity.WARN),
        (Severity.INFO, Confidence.UNCERTAIN, Severity.INFO),
        ("block", "uncertain", Severity.WARN),  # as stored
    ],
)
def test_effective_severity_ships_unverified_rules_as_warnings(severity, confidence, effective):
    assert effective_severity(severity, confidence) is effective


@pytest.mark.parametrize(
    ("outcome", "severity", "blocks"),
    [
        (Outcome.FAILED, Severity.BLOCK, True),
        (Outcome.FAILED, Severity.WARN, False),
        (Outcome.WARNING, Severity.BLOCK, False),
        (Outcome.PASSED, Severity.BLOCK, False),
        (Outcome.INFO, Severity.BLOCK, False),
    ],
)
def test_only_a_failed_blocking_rule_blocks(outcome, severity, blocks):
    result = RuleResult(rule_id="R", rule_type="t", outcome=outcome, message="", severity=severity)
    assert result.blocks is blocks


def test_as_dict_is_json_ready_and_keeps_the_check_result_keys():
    # given
    result = RuleResult(
        rule_id="KNC-02",
        rule_type="service_years",
        outcome=Outcome.FAILED,
        message="19,5 năm",
        facts={
            "effective_years": Decimal("19.50"),
            "as_of": datetime.date(2025, 7, 28),
            "years": {2024: "HTXSNV"},
            "terms": (11, 12),
        },
    )

    # when
    data = result.as_dict()

    # then
    assert json.loads(json.dumps(data)) == data
    assert {"rule", "outcome", "message", "citation", "blocking", "facts"} <= set(data)
    assert data["facts"] == {
        "effective_years": "19.50",
        "as_of": "2025-07-28",
        "years": {"2024": "HTXSNV"},
        "terms": [11, 12],
    }
    assert (data["outcome"], data["severity"], data["blocking"], data["blocks"]) == (
        "failed",
        "block",
        True,
        True,
    )
