"""Quotas: per proposing unit and topic, national caps, percentages. Counts leave out the
nomination under check."""

from decimal import Decimal

import pytest

from awards.rules.facts import FactsMissing, PersonFacts, QuotaFacts
from awards.rules.result import Outcome
from awards.rules.types.quotas import (
    QuotaCountParams,
    QuotaPercentParams,
    check_quota_count,
    check_quota_percent,
)
from tests.rules.builders import case

PASSED, FAILED = Outcome.PASSED, Outcome.FAILED
FOUR_PER_TOPIC = QuotaCountParams(scope="per_proposing_unit", max_count=4, per_topic=True)
NATIONAL_300 = QuotaCountParams(scope="national", max_count=300, per_topic=True)


def with_quota(**counts):
    return case(
        PersonFacts(),
        quota=QuotaFacts(proposing_unit="LDLD-A", **counts),
        proposal={"topic": "van-hoa-the-thao"},
    )


def test_quota_allows_the_fourth_topic_certificate_from_one_federation():
    # given three others from LĐLĐ A for the topic this year
    facts = with_quota(by_proposing_unit_topic=3)

    # when
    result = check_quota_count(facts, FOUR_PER_TOPIC)

    # then
    assert result.outcome is PASSED
    assert result.facts["this_one"] == 4


def test_quota_blocks_the_fifth_topic_certificate_from_one_federation():
    # given four others
    facts = with_quota(by_proposing_unit_topic=4)

    # when
    result = check_quota_count(facts, FOUR_PER_TOPIC)

    # then
    assert result.outcome is FAILED
    assert result.facts == {
        "scope": "per_proposing_unit",
        "topic": "van-hoa-the-thao",
        "others": 4,
        "this_one": 5,
        "limit": 4,
        "exempt": False,
    }


@pytest.mark.parametrize(
    ("counts", "params", "outcome"),
    [
        # other topics do not count against this topic's limit
        ({"by_proposing_unit": 9, "by_proposing_unit_topic": 0}, FOUR_PER_TOPIC, PASSED),
        # an exempt (large) federation
        (
            {"by_proposing_unit_topic": 4},
            QuotaCountParams(
                scope="per_proposing_unit", max_count=4, per_topic=True, exempt_units=("LDLD-A",)
            ),
            PASSED,
        ),
        # the national cap of 300 per topic
        ({"national_topic": 299}, NATIONAL_300, PASSED),
        ({"national_topic": 300}, NATIONAL_300, FAILED),
        # exemption lists are for proposing units, not for the national cap
        (
            {"national": 300},
            QuotaCountParams(scope="national", max_count=300, exempt_units=("LDLD-A",)),
            FAILED,
        ),
        ({}, QuotaCountParams(scope="per_proposing_unit", max_count=0), FAILED),
    ],
)
def test_quota_count_table(counts, params, outcome):
    assert check_quota_count(with_quota(**counts), params).outcome is outcome


@pytest.mark.parametrize(
    ("counts", "params", "outcome", "allowed"),
    [
        # 15% of 10 units allows 1 ("không quá"): the 1st passes, the 2nd fails
        ({"in_subtree": 0, "subtree_units": 10}, ("percent_of_units", "15"), PASSED, 1),
        ({"in_subtree": 1, "subtree_units": 10}, ("percent_of_units", "15"), FAILED, 1),
        # 20% of 10 allows exactly 2
        ({"in_subtree": 1, "subtree_units": 10}, ("percent_of_units", "20"), PASSED, 2),
        ({"in_subtree": 2, "subtree_units": 10}, ("percent_of_units", "20"), FAILED, 2),
        # a share of a unit's headcount
        ({"in_subtree": 11, "headcount": 40}, ("percent_of_headcount", "30"), PASSED, 12),
        ({"in_subtree": 12, "headcount": 40}, ("percent_of_headcount", "30"), FAILED, 12),
    ],
)
def test_quota_percent_table(counts, params, outcome, allowed):
    # given
    scope, percent = params

    # when
    result = check_quota_percent(
        with_quota(**counts), QuotaPercentParams(scope=scope, max_percent=Decimal(percent))
    )

    # then
    assert (result.outcome, result.facts["allowed"]) == (outcome, allowed)


def test_quota_without_counts_cannot_be_decided():
    with pytest.raises(FactsMissing):
        check_quota_count(case(PersonFacts()), FOUR_PER_TOPIC)
    with pytest.raises(FactsMissing):
        check_quota_percent(
            with_quota(in_subtree=1),
            QuotaPercentParams(scope="percent_of_units", max_percent=Decimal(10)),
        )
