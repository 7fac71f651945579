"""Scoring a member's results, totalling, and ranking a cluster: pure functions, no database."""

import random
from decimal import Decimal as D

import pytest

from emulation.choices import AdjustmentKind, Direction, ScoringMethod, TieBreak
from emulation.scoring import (
    PLACED_BY_TOTAL,
    TIED,
    AdjustmentRule,
    Candidate,
    IndicatorRule,
    ScoringError,
    adjustment_points,
    parse_bands,
    parse_tie_break,
    points_for,
    rank,
    rule_problems,
    total,
)

M = ScoringMethod


def rule(method, *, max_points="10", direction=Direction.AT_LEAST, target=None, **kw):
    return IndicatorRule(
        method=method,
        max_points=D(max_points),
        direction=direction,
        target=None if target is None else D(target),
        **kw,
    )


# --- all or nothing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "direction", "points"),
    [
        ("100", Direction.AT_LEAST, "10"),
        ("99.99", Direction.AT_LEAST, "0"),
        ("100", Direction.MORE_THAN, "0"),
        ("101", Direction.MORE_THAN, "10"),
        ("0", Direction.AT_MOST, "10"),
        ("100", Direction.AT_MOST, "10"),
        ("101", Direction.AT_MOST, "0"),
        ("100", Direction.LESS_THAN, "0"),
    ],
)
def test_achieved_gives_full_points_only_when_the_target_is_met(result, direction, points):
    assert points_for(rule(M.ACHIEVED, direction=direction, target="100"), D(result)) == D(points)


def test_a_missing_result_earns_nothing():
    for method, extra in [
        (M.ACHIEVED, {}),
        (M.PROPORTIONAL, {}),
        (M.LINEAR, {"floor": D(0)}),
        (M.BANDS, {"bands": ((D(0), D(5)),)}),
    ]:
        assert points_for(rule(method, target="100", **extra), None) == D(0), method


# --- proportional --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "points"),
    [("0", "0"), ("50", "5.00"), ("75", "7.50"), ("100", "10.00"), ("250", "10.00"), ("-5", "0")],
)
def test_proportional_grows_with_the_result_up_to_the_maximum(result, points):
    assert points_for(rule(M.PROPORTIONAL, target="100"), D(result)) == D(points)


def test_proportional_rounds_half_up_to_two_places():
    # 10 × 1/3 = 3.333…; 10 × 2/3 = 6.666…
    assert points_for(rule(M.PROPORTIONAL, target="3"), D(1)) == D("3.33")
    assert points_for(rule(M.PROPORTIONAL, target="3"), D(2)) == D("6.67")


@pytest.mark.parametrize(
    ("result", "points"), [("0", "10.00"), ("2", "10.00"), ("4", "5.00"), ("8", "2.50")]
)
def test_proportional_when_lower_is_better_gives_full_points_up_to_the_target(result, points):
    assert points_for(
        rule(M.PROPORTIONAL, direction=Direction.AT_MOST, target="2"), D(result)
    ) == D(points)


def test_proportional_with_a_zero_ceiling_gives_nothing_above_it():
    # "no fatal accident": 0 is the target, any accident loses everything
    r = rule(M.PROPORTIONAL, direction=Direction.AT_MOST, target="0")

    assert (points_for(r, D(0)), points_for(r, D(1))) == (D(10), D(0))


# --- linear -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "points"),
    [
        ("40", "0"),
        ("50", "0.00"),
        ("60", "2.00"),
        ("75", "5.00"),
        ("100", "10.00"),
        ("120", "10.00"),
    ],
)
def test_linear_runs_from_the_floor_to_the_target(result, points):
    r = rule(M.LINEAR, target="100", floor=D(50))

    assert points_for(r, D(result)) == D(points)


@pytest.mark.parametrize(
    ("result", "points"), [("10", "0.00"), ("6", "5.00"), ("2", "10.00"), ("0", "10.00")]
)
def test_linear_when_lower_is_better_has_its_floor_above_the_target(result, points):
    r = rule(M.LINEAR, direction=Direction.AT_MOST, target="2", floor=D(10))

    assert points_for(r, D(result)) == D(points)


# --- bands --------------------------------------------------------------------------------------


BANDS = parse_bands([["70", "4"], ["85", "7"], ["95", "10"]])


@pytest.mark.parametrize(
    ("result", "points"), [("69", "0"), ("70", "4"), ("84.9", "4"), ("85", "7"), ("99", "10")]
)
def test_bands_give_the_points_of_the_best_band_reached(result, points):
    assert points_for(rule(M.BANDS, bands=BANDS), D(result)) == D(points)


def test_bands_when_lower_is_better_reward_the_smallest_results():
    bands = parse_bands([[5, 3], [2, 6], [0, 10]])
    r = rule(M.BANDS, direction=Direction.AT_MOST, bands=bands)

    assert [points_for(r, D(v)) for v in ("7", "5", "1", "0")] == [D(0), D(3), D(6), D(10)]


def test_bands_are_read_in_any_order():
    shuffled = parse_bands([["95", "10"], ["70", "4"], ["85", "7"]])

    assert points_for(rule(M.BANDS, bands=shuffled), D(90)) == D(7)


def test_a_band_must_be_a_pair_of_numbers():
    with pytest.raises(ScoringError):
        parse_bands([["70"]])
    with pytest.raises(ScoringError):
        parse_bands([["seventy", "4"]])


# --- assessed -----------------------------------------------------------------------------------


def test_assessed_points_are_taken_as_given_within_the_maximum():
    r = rule(M.ASSESSED)

    assert points_for(r, None, assessed=D("8.5")) == D("8.50")
    for wrong in (D("-1"), D("10.01")):
        with pytest.raises(ScoringError):
            points_for(r, None, assessed=wrong)
    with pytest.raises(ScoringError):
        points_for(r, D(5))


# --- rules that cannot score --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (rule(M.ACHIEVED), "target is required"),
        (rule(M.PROPORTIONAL, target="0"), "target must be positive"),
        (rule(M.PROPORTIONAL, direction=Direction.AT_MOST, target="-1"), "cannot be negative"),
        (rule(M.LINEAR, target="10"), "floor is required"),
        (rule(M.LINEAR, target="10", floor=D(10)), "floor must be below"),
        (
            rule(M.LINEAR, direction=Direction.AT_MOST, target="10", floor=D(5)),
            "floor must be above",
        ),
        (rule(M.BANDS), "bands are required"),
        (rule(M.BANDS, bands=((D(1), D(11)),)), "between 0 and max_points"),
        (rule(M.ACHIEVED, max_points="0", target="1"), "max_points must be positive"),
        (rule("lottery"), "unknown method"),
    ],
)
def test_rule_problems_name_what_prevents_scoring(bad, problem):
    assert any(problem in p for p in rule_problems(bad))
    if bad.method != M.ASSESSED:
        with pytest.raises(ScoringError):
            points_for(bad, D(1))


def test_a_sound_rule_has_no_problems():
    assert rule_problems(rule(M.LINEAR, target="100", floor=D(0))) == []
    assert rule_problems(rule(M.ASSESSED)) == []


# --- bonus, penalty and total -------------------------------------------------------------------


def test_a_bonus_adds_points_per_occurrence_up_to_its_cap():
    item = AdjustmentRule(AdjustmentKind.BONUS, D(1), max_points=D(3))

    assert [adjustment_points(item, n) for n in (0, 1, 2, 5)] == [D(0), D(1), D(2), D(3)]


def test_a_penalty_is_negative_and_uncapped_unless_told():
    item = AdjustmentRule(AdjustmentKind.PENALTY, D(5))

    assert adjustment_points(item, 3) == D(-15)


def test_adjustment_refuses_negative_counts_and_non_positive_points():
    with pytest.raises(ScoringError):
        adjustment_points(AdjustmentRule(AdjustmentKind.BONUS, D(1)), -1)
    with pytest.raises(ScoringError):
        adjustment_points(AdjustmentRule(AdjustmentKind.BONUS, D(0)), 1)


def test_total_weighs_indicators_and_adds_bonus_minus_penalty():
    # given 8 points × 2, 5 points × 1, bonus 2, penalties 1 and 3
    result = total([(D(8), D(2)), (D(5), D(1))], [D(2), D(-1), D(-3)])

    assert (result.indicators, result.bonus, result.penalty, result.total) == (
        D(21),
        D(2),
        D(4),
        D(19),
    )


def test_total_is_not_floored_at_zero():
    assert total([(D(1), D(1))], [D(-5)]).total == D(-4)


def test_total_of_nothing_is_zero():
    assert total([]).total == D(0)


# --- ranking ------------------------------------------------------------------------------------


def c(unit_id, label, score, **kw):
    return Candidate(unit_id=unit_id, label=label, total=D(score), **kw)


def order(ranked):
    return [(r.candidate.label, r.rank) for r in ranked]


def test_rank_orders_by_total_highest_first():
    ranked = rank([c(1, "A", 80), c(2, "B", 95), c(3, "C", 90)])

    assert order(ranked) == [("B", 1), ("C", 2), ("A", 3)]
    assert [r.position for r in ranked] == [1, 2, 3]
    assert {r.decided_by for r in ranked} == {PLACED_BY_TOTAL}


def test_equal_totals_without_tie_breaks_share_a_rank_listed_by_label():
    ranked = rank([c(1, "Tỉnh C", 90), c(2, "Tỉnh A", 90), c(3, "Tỉnh B", 95), c(4, "Tỉnh D", 80)])

    assert order(ranked) == [("Tỉnh B", 1), ("Tỉnh A", 2), ("Tỉnh C", 2), ("Tỉnh D", 4)]
    assert ranked[2].decided_by == TIED


def test_tie_breaks_apply_in_the_configured_order():
    # given three units at 90: X has fewer penalties; Y and Z tie on penalties, Z more bonus
    x = c(1, "X", 90, penalty=D(0), bonus=D(1))
    y = c(2, "Y", 90, penalty=D(2), bonus=D(1))
    z = c(3, "Z", 90, penalty=D(2), bonus=D(3))

    # when
    ranked = rank([y, z, x], [TieBreak.FEWER_PENALTIES, TieBreak.MORE_BONUS])

    # then
    assert order(ranked) == [("X", 1), ("Z", 2), ("Y", 3)]
    assert [r.decided_by for r in ranked] == [PLACED_BY_TOTAL, "fewer_penalties", "more_bonus"]


def test_the_order_of_tie_breaks_changes_the_result():
    x = c(1, "X", 90, penalty=D(1), bonus=D(5))
    y = c(2, "Y", 90, penalty=D(0), bonus=D(0))

    assert order(rank([x, y], ["fewer_penalties", "more_bonus"]))[0] == ("Y", 1)
    assert order(rank([x, y], ["more_bonus", "fewer_penalties"]))[0] == ("X", 1)


def test_indicator_tie_break_prefers_more_points_on_that_indicator():
    x = c(1, "X", 90, indicator_points={"members": D(8)})
    y = c(2, "Y", 90, indicator_points={"members": D(10)})
    z = c(3, "Z", 90)  # no line on it counts as 0

    ranked = rank([x, y, z], ["indicator:members"])

    assert order(ranked) == [("Y", 1), ("X", 2), ("Z", 3)]
    assert ranked[1].decided_by == "indicator:members"


def test_more_indicators_met_tie_break():
    ranked = rank(
        [c(1, "X", 90, indicators_met=3), c(2, "Y", 90, indicators_met=5)],
        [TieBreak.MORE_INDICATORS_MET],
    )

    assert order(ranked) == [("Y", 1), ("X", 2)]


def test_women_majority_puts_collectives_with_70_percent_women_first():
    # given equal totals: X 65% women, Y 84% women, Z share unknown
    x = c(1, "X", 90, women_share=D("0.65"))
    y = c(2, "Y", 90, women_share=D("0.84"))
    z = c(3, "Z", 90)

    ranked = rank([x, y, z], [TieBreak.WOMEN_MAJORITY])

    assert order(ranked) == [("Y", 1), ("X", 2), ("Z", 2)]


def test_women_majority_takes_another_share_when_configured():
    x = c(1, "X", 90, women_share=D("0.65"))
    y = c(2, "Y", 90, women_share=D("0.50"))

    assert order(rank([y, x], ["women_majority:60"])) == [("X", 1), ("Y", 2)]


def test_higher_women_share_orders_by_share_and_unknown_last():
    x = c(1, "X", 90, women_share=D("0.65"))
    y = c(2, "Y", 90, women_share=D("0.84"))
    z = c(3, "Z", 90)

    assert order(rank([z, x, y], [TieBreak.HIGHER_WOMEN_SHARE])) == [("Y", 1), ("X", 2), ("Z", 3)]


def test_tie_breaks_never_overturn_a_higher_total():
    leader = c(1, "A", "90.01", penalty=D(10))
    runner = c(2, "B", 90, penalty=D(0))

    assert order(rank([runner, leader], ["fewer_penalties"])) == [("A", 1), ("B", 2)]


def test_ranking_does_not_depend_on_the_input_order():
    candidates = [
        c(i, f"Đơn vị {i:02d}", 90 + (i % 3), penalty=D(i % 2), bonus=D(i % 4))
        for i in range(1, 13)
    ]
    expected = rank(candidates, ["fewer_penalties", "more_bonus"])

    for seed in range(5):
        shuffled = candidates[:]
        random.Random(seed).shuffle(shuffled)
        assert rank(shuffled, ["fewer_penalties", "more_bonus"]) == expected


def test_same_label_is_ordered_by_id():
    assert [r.candidate.unit_id for r in rank([c(9, "A", 1), c(3, "A", 1)])] == [3, 9]


def test_rank_of_nobody_is_empty():
    assert rank([]) == []


@pytest.mark.parametrize(
    "bad",
    [
        "coin_toss",
        "indicator",
        "indicator:nope",
        "women_majority:abc",
        "women_majority:0",
        "more_bonus:2",
    ],
)
def test_unknown_or_malformed_tie_breaks_are_refused(bad):
    with pytest.raises(ScoringError):
        parse_tie_break(bad, indicator_codes={"members"})


def test_tie_break_parsing_splits_the_argument():
    assert parse_tie_break("indicator:members", {"members"}) == ("indicator", "members")
    assert parse_tie_break("women_majority") == ("women_majority", "")
