"""Union service: calendar arithmetic, effective service years (19.5 vs 20), committee terms."""

from decimal import Decimal
from fractions import Fraction

import pytest

from awards.rules.facts import SanctionFact, ServicePeriodFact
from awards.rules.result import Outcome
from awards.rules.types.service import (
    CommitteeTermsParams,
    ServiceYearsParams,
    add_months,
    check_committee_terms,
    check_service_years,
    effective_service,
    years_between,
)
from tests.rules.builders import D, person

PASSED, FAILED = Outcome.PASSED, Outcome.FAILED
TWENTY_YEARS = ServiceYearsParams(min_years=Decimal(20))


def period(start, end=None, **fields):
    return ServicePeriodFact(start=start, end=end, **fields)


def effective(facts, params=TWENTY_YEARS):
    return effective_service(facts, params)[0]


# --- calendar arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "stop", "years"),
    [
        (D(2005, 3, 1), D(2025, 3, 1), Fraction(20)),  # five leap days inside: still 20
        (D(2001, 1, 1), D(2002, 1, 1), Fraction(1)),  # a common year
        (D(2004, 1, 1), D(2005, 1, 1), Fraction(1)),  # a leap year
        (D(2025, 1, 1), D(2025, 7, 2), Fraction(182, 365)),
        (D(2004, 2, 29), D(2005, 3, 1), Fraction(1)),  # 29 February's anniversary is 1 March
        (D(2025, 1, 1), D(2025, 1, 1), Fraction(0)),
    ],
)
def test_years_between_counts_calendar_years_exactly(start, stop, years):
    assert years_between(start, stop) == years


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [(D(2025, 1, 1), 6, D(2025, 7, 1)), (D(2025, 8, 31), 6, D(2026, 2, 28))],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


# --- effective service years (KNC-02, KNC-03) ------------------------------------------------


def test_service_years_pass_at_exactly_twenty_years():
    # given full-time service from 2 November 2005 to the reference date, 1 November 2025
    facts = person(service_periods=(period(D(2005, 11, 2)),))

    # when
    result = check_service_years(facts, TWENTY_YEARS)

    # then
    assert result.outcome is PASSED
    assert result.facts["effective_years"] == Decimal("20.00")


def test_service_years_fail_one_day_short_of_twenty_years():
    # given the same service starting a day later
    facts = person(service_periods=(period(D(2005, 11, 3)),))

    # when
    result = check_service_years(facts, TWENTY_YEARS)

    # then: 19.997… years, shown rounded down
    assert result.outcome is FAILED
    assert result.facts["effective_years"] == Decimal("19.99")


def test_service_years_fail_at_nineteen_and_a_half():
    # given 13 years of part-time service (×1.5 = 19.5)
    facts = person(service_periods=(period(D(2012, 11, 2), mode="part_time"),))

    # when
    result = check_service_years(facts, TWENTY_YEARS)

    # then
    assert result.outcome is FAILED
    assert effective(facts) == Fraction(39, 2)
    assert result.facts["years_by_kind"] == {"part_time": Decimal("13.00")}


@pytest.mark.parametrize(
    ("periods", "years"),
    [
        # part-time in a non-state enterprise's grassroots union ×2: 10 years = 20
        (
            (period(D(2015, 11, 2), mode="part_time", unit_category="grassroots_non_state"),),
            Fraction(20),
        ),
        # full-time in a non-state enterprise is still ×1
        ((period(D(2015, 11, 2), unit_category="grassroots_non_state"),), Fraction(10)),
        # 12 years part-time then 2 years full-time: 18 + 2
        (
            (
                period(D(2011, 11, 2), D(2023, 11, 1), mode="part_time"),
                period(D(2023, 11, 2)),
            ),
            Fraction(20),
        ),
        # a period split into two rows measures as one
        ((period(D(2005, 11, 2), D(2015, 3, 31)), period(D(2015, 4, 1))), Fraction(20)),
        # overlapping rows count each day once, at the best multiplier
        (
            (
                period(D(2015, 11, 2)),
                period(D(2015, 11, 2), mode="part_time", unit_category="grassroots_non_state"),
            ),
            Fraction(20),
        ),
        # a period that has not started by the reference date counts nothing
        ((period(D(2026, 1, 1)),), Fraction(0)),
        # an open period runs to the reference date only
        ((period(D(2024, 11, 2), D(2030, 1, 1)),), Fraction(1)),
    ],
)
def test_service_years_multipliers_table(periods, years):
    assert effective(person(service_periods=periods)) == years


@pytest.mark.parametrize(
    ("start", "outcome"),
    [
        (D(2012, 7, 2), PASSED),  # 13 years and 4 months: 13.34 × 1.5 = 20.01
        (D(2012, 8, 2), FAILED),  # 13 years and 3 months: 13.25 × 1.5 = 19.87
    ],
)
def test_part_time_service_counts_one_and_a_half(start, outcome):
    # given part-time service in a union body up to the reference date
    facts = person(service_periods=(period(start, mode="part_time"),))

    # when / then
    assert check_service_years(facts, TWENTY_YEARS).outcome is outcome


def test_sanction_periods_do_not_count_towards_service():
    # given 21 years of full-time service with a one-year sanction (lifted) in the middle
    facts = person(
        service_periods=(period(D(2004, 11, 2)),),
        sanctions=(SanctionFact(start=D(2010, 1, 1), end=D(2010, 12, 31)),),
    )

    # when
    result = check_service_years(facts, TWENTY_YEARS)

    # then: 21 − 1 = 20
    assert result.outcome is PASSED
    assert result.facts["sanctioned_years"] == Decimal("1.00")
    assert effective(facts) == Fraction(20)


def test_sanction_subtraction_can_be_turned_off():
    # given
    facts = person(
        service_periods=(period(D(2005, 11, 2)),),
        sanctions=(SanctionFact(start=D(2010, 1, 1), end=D(2010, 12, 31)),),
    )

    # when / then
    assert effective(facts) < 20
    assert (
        effective(facts, ServiceYearsParams(min_years=Decimal(20), subtract_sanctions=False)) == 20
    )


def test_service_years_can_count_only_some_kinds_of_unit():
    # given 25 years in a union public-service unit and 5 in a union body
    facts = person(
        service_periods=(
            period(D(1995, 11, 2), D(2000, 11, 1)),
            period(D(2000, 11, 2), unit_category="union_public_service"),
        )
    )
    params = ServiceYearsParams(min_years=Decimal(25), unit_categories=("union_public_service",))

    # when / then
    assert check_service_years(facts, params).outcome is PASSED
    assert effective(facts, params) == 25


# --- committee terms (KNC-02) ------------------------------------------------------------------

TWO_TLD_TERMS = CommitteeTermsParams(
    committees=("executive", "inspection"), terms=2, body_levels=("trung-uong",)
)


def seat(term, *, full_term=True, body_level="trung-uong", committee="executive"):
    return period(
        D(2000 + 5 * term, 1, 1),
        D(2004 + 5 * term, 12, 31),
        committee=committee,
        term=term,
        full_term=full_term,
        body_level=body_level,
    )


@pytest.mark.parametrize(
    ("seats", "outcome"),
    [
        ((seat(11), seat(12)), PASSED),
        ((seat(11), seat(12, committee="inspection")), PASSED),
        ((seat(11),), FAILED),
        ((seat(10), seat(12)), FAILED),  # not consecutive
        ((seat(11), seat(12, full_term=False)), FAILED),
        ((seat(11), seat(12, body_level="tinh-nganh")), FAILED),  # a provincial committee
    ],
)
def test_committee_terms_table(seats, outcome):
    assert check_committee_terms(person(service_periods=seats), TWO_TLD_TERMS).outcome is outcome
