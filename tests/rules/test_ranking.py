"""The tie-break of 1689 art. 4: a ranking aid, never a block."""

from decimal import Decimal

import pytest

from awards.rules.facts import PersonFacts, UnitFacts
from awards.rules.registry import Rule, evaluate
from awards.rules.result import Outcome, Severity
from awards.rules.types.ranking import (
    PLACED_BY_PRIORITY,
    PLACED_BY_SCORE,
    TIED,
    WOMAN,
    WOMEN_MAJORITY,
    Candidate,
    TieBreakParams,
    check_tie_break_priority,
    rank_for_quota,
)
from tests.rules.builders import case


def candidate(id, score, **fields):
    return Candidate(id=id, score=Decimal(score), label=id, **fields)


def test_rank_for_quota_orders_by_score_then_women_then_women_majority():
    # given four candidates, three of them tied on score
    candidates = [
        candidate("man", 90, sex="male"),
        candidate("collective-72", 90, women_share_pct=Decimal(72)),
        candidate("best", 95, sex="male"),
        candidate("woman", 90, sex="female"),
    ]

    # when
    ranked = rank_for_quota(candidates)

    # then
    assert [(r.candidate.id, r.rank, r.priority, r.placed_by) for r in ranked] == [
        ("best", 1, "", ""),
        ("woman", 2, WOMAN, PLACED_BY_SCORE),
        ("collective-72", 3, WOMEN_MAJORITY, PLACED_BY_PRIORITY),
        ("man", 4, "", PLACED_BY_PRIORITY),
    ]


@pytest.mark.parametrize(("share", "priority"), [("70", WOMEN_MAJORITY), ("69.9", "")])
def test_women_majority_starts_at_seventy_percent(share, priority):
    ranked = rank_for_quota([candidate("c", 90, women_share_pct=Decimal(share))])
    assert ranked[0].priority == priority


def test_candidates_still_equal_share_a_rank_whatever_the_input_order():
    # given
    a, b, c = candidate("a", 90, sex="female"), candidate("b", 90, sex="female"), candidate("c", 80)

    # when
    one, other = rank_for_quota([a, b, c]), rank_for_quota([c, b, a])

    # then
    assert one == other
    assert [(r.candidate.id, r.rank, r.placed_by) for r in one] == [
        ("a", 1, ""),
        ("b", 1, TIED),
        ("c", 3, PLACED_BY_SCORE),
    ]


@pytest.mark.parametrize(
    ("nominee", "priority"),
    [
        (PersonFacts(sex="female"), WOMAN),
        (PersonFacts(sex="male"), None),
        (UnitFacts(headcount=500, women_headcount=420), WOMEN_MAJORITY),  # 84%
        (UnitFacts(headcount=40, women_headcount=27), None),  # 67.5%
        (UnitFacts(), None),  # headcount unknown
    ],
)
def test_tie_break_priority_is_information(nominee, priority):
    # given / when
    result = check_tie_break_priority(case(nominee), TieBreakParams())

    # then
    assert result.outcome is Outcome.INFO
    assert result.facts["priority"] == priority


def test_tie_break_never_blocks_even_if_a_pack_says_block():
    # given a row misconfigured with a blocking severity
    rule = Rule(rule_id="PRIO-01", type="tie_break_priority", severity=Severity.BLOCK)

    # when
    result = evaluate(rule, case(PersonFacts(sex="male")))

    # then
    assert result.severity is Severity.INFO
    assert not result.blocks
