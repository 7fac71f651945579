"""The roll-up of an indicator over units, and the comparison with a target: pure functions,
no database."""

from decimal import Decimal as D

import pytest

from emulation.choices import Direction, Rollup
from emulation.rollup import indicator_rollup, meets, roll_up

# --- comparison with a target ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "direction", "expected"),
    [
        (D(80), Direction.AT_LEAST, True),
        (D("79.99"), Direction.AT_LEAST, False),
        (D(80), Direction.MORE_THAN, False),
        (D("80.01"), Direction.MORE_THAN, True),
        (D(80), Direction.AT_MOST, True),
        (D("80.01"), Direction.AT_MOST, False),
        (D(80), Direction.LESS_THAN, False),
        (D("79.99"), Direction.LESS_THAN, True),
    ],
)
def test_meets_compares_a_value_with_its_target_in_each_direction(value, direction, expected):
    assert meets(value, D(80), direction) is expected


@pytest.mark.parametrize("direction", list(Direction))
def test_meets_is_never_true_without_a_value(direction):
    assert meets(None, D(0), direction) is False


def test_meets_refuses_an_unknown_direction():
    with pytest.raises(ValueError, match="unknown direction"):
        meets(D(1), D(1), "sideways")


# --- sum -------------------------------------------------------------------------------------


def test_sum_adds_the_values_reported_and_ignores_units_without_one():
    # given the new members reported by three district federations, one not yet reported
    values = [D(800), D(700), None, D(650)]

    # when
    value, meeting = roll_up(values, method=Rollup.SUM)

    # then
    assert value == D(2150)
    assert meeting is None


def test_sum_of_nothing_reported_is_no_value_not_zero():
    assert roll_up([None, None], method=Rollup.SUM) == (None, None)
    assert roll_up([], method=Rollup.SUM) == (None, None)


def test_sum_keeps_money_exact():
    values = [D("350000000.50"), D("350000000.25"), D("0.25")]

    assert roll_up(values, method=Rollup.SUM)[0] == D("700000001.00")


# --- average ---------------------------------------------------------------------------------


def test_average_is_the_plain_mean_of_the_units_that_reported():
    values = [D(80), D(90), D(100), None]

    assert roll_up(values, method=Rollup.AVERAGE)[0] == D("90.00")


def test_average_rounds_half_up_to_two_places():
    assert roll_up([D(1), D(1), D(2)], method=Rollup.AVERAGE)[0] == D("1.33")
    assert roll_up([D(1), D(2), D(2)], method=Rollup.AVERAGE)[0] == D("1.67")
    assert roll_up([D("0.005"), D("0.005")], method=Rollup.AVERAGE)[0] == D("0.01")


def test_average_of_nothing_reported_is_no_value():
    assert roll_up([None], method=Rollup.AVERAGE) == (None, None)


# --- share of units meeting ------------------------------------------------------------------


def test_share_counts_units_meeting_the_unit_threshold_over_those_expected():
    # given five grassroots unions, four rated strong (1), one not (0)
    values = [D(1), D(1), D(0), D(1), D(1)]

    # when
    value, meeting = roll_up(values, method=Rollup.SHARE_MEETING, unit_threshold=D(1))

    # then
    assert (value, meeting) == (D("80.00"), 4)


def test_share_counts_a_unit_that_did_not_report_as_not_meeting():
    # given four units expected, two reported and meet it, one reported and fails, one silent
    values = [D(1), D(1), D(0), None]

    value, meeting = roll_up(values, method=Rollup.SHARE_MEETING, unit_threshold=D(1))

    assert (value, meeting) == (D("50.00"), 2)


def test_share_uses_the_expected_count_when_units_are_not_listed():
    value, meeting = roll_up(
        [D(1), D(1)], method=Rollup.SHARE_MEETING, unit_threshold=D(1), expected=8
    )

    assert (value, meeting) == (D("25.00"), 2)


def test_share_never_divides_by_fewer_units_than_were_given():
    value, _ = roll_up(
        [D(1), D(1), D(1)], method=Rollup.SHARE_MEETING, unit_threshold=D(1), expected=2
    )

    assert value == D("100.00")


def test_share_honours_the_unit_direction():
    # given the share of units with at most 2 workplace accidents
    values = [D(0), D(2), D(3), D(5)]

    value, meeting = roll_up(
        values,
        method=Rollup.SHARE_MEETING,
        unit_threshold=D(2),
        unit_direction=Direction.AT_MOST,
    )

    assert (value, meeting) == (D("50.00"), 2)


def test_share_rounds_half_up():
    value, _ = roll_up([D(1), D(0), D(0)], method=Rollup.SHARE_MEETING, unit_threshold=D(1))

    assert value == D("33.33")


def test_share_of_no_units_is_no_value():
    assert roll_up([], method=Rollup.SHARE_MEETING, unit_threshold=D(1)) == (None, 0)


def test_share_needs_a_unit_threshold():
    with pytest.raises(ValueError, match="unit threshold"):
        roll_up([D(1)], method=Rollup.SHARE_MEETING)


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown roll-up"):
        roll_up([D(1)], method="median")


# --- an indicator against its target -----------------------------------------------------------


def test_indicator_rollup_reports_value_counts_and_whether_the_target_is_met():
    # given "2,000 new members": three of four units reported
    result = indicator_rollup(
        [D(800), D(700), None, D(650)],
        method=Rollup.SUM,
        target=D(2000),
        direction=Direction.AT_LEAST,
    )

    assert result.value == D(2150)
    assert (result.reported, result.expected) == (3, 4)
    assert result.target_met is True
    assert result.is_complete is False


def test_indicator_rollup_over_80_percent_strong_is_not_met_at_exactly_80():
    result = indicator_rollup(
        [D(1), D(1), D(1), D(1), D(0)],
        method=Rollup.SHARE_MEETING,
        target=D(80),
        direction=Direction.MORE_THAN,
        unit_threshold=D(1),
    )

    assert (result.value, result.meeting, result.target_met) == (D("80.00"), 4, False)


def test_indicator_rollup_none_weak_is_a_sum_at_most_zero():
    met = indicator_rollup(
        [D(0), D(0)], method=Rollup.SUM, target=D(0), direction=Direction.AT_MOST
    )
    missed = indicator_rollup(
        [D(0), D(1)], method=Rollup.SUM, target=D(0), direction=Direction.AT_MOST
    )

    assert (met.target_met, missed.target_met) == (True, False)


def test_indicator_rollup_without_any_value_does_not_say_met_or_missed():
    result = indicator_rollup(
        [None, None], method=Rollup.AVERAGE, target=D(90), direction=Direction.AT_LEAST, expected=5
    )

    assert (result.value, result.target_met, result.reported, result.expected) == (None, None, 0, 5)
