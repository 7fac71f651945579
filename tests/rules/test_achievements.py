"""Ratings in a row, initiatives, beneficial value, scores and the head of a collective."""

from decimal import Decimal

import pytest

from awards.rules.facts import FactsMissing, InitiativeFact, PersonFacts, ScoreFact
from awards.rules.result import Outcome
from awards.rules.types.achievements import (
    BeneficialValueParams,
    ConsecutiveRatingsParams,
    HeadFollowsCollectiveParams,
    InitiativesParams,
    MinScoreParams,
    ValueTier,
    check_beneficial_value,
    check_consecutive_ratings,
    check_head_follows_collective,
    check_initiatives,
    check_min_score,
)
from tests.rules.builders import D, case, person, unit

PASSED, FAILED = Outcome.PASSED, Outcome.FAILED

# --- consecutive ratings (BKTLD-01) ------------------------------------------------------------

TWO_YEARS = ConsecutiveRatingsParams(years=2)


def test_consecutive_ratings_pass_with_exactly_two_years_counting_the_proposal_year():
    # given HTXSNV in 2024 and in 2025, the proposal year
    facts = person(ratings={2024: "HTXSNV", 2025: "HTXSNV"})

    # when
    result = check_consecutive_ratings(facts, TWO_YEARS)

    # then
    assert result.outcome is PASSED
    assert result.facts == {
        "years": {2024: "HTXSNV", 2025: "HTXSNV"},
        "needed": 2,
        "run": 2,
        "min_rating": "HTXSNV",
    }


def test_consecutive_ratings_fail_with_one_year_and_say_which_year_to_fix():
    # given HTXSNV in 2025 only; 2024 was HTTNV
    facts = person(ratings={2024: "HTTNV", 2025: "HTXSNV"})

    # when
    result = check_consecutive_ratings(facts, TWO_YEARS)

    # then
    assert result.outcome is FAILED
    assert result.facts["run"] == 1
    assert "2024" in result.hint


@pytest.mark.parametrize(
    ("ratings", "params", "outcome", "run"),
    [
        # the older years do not make up for a missing proposal year
        ({2023: "HTXSNV", 2024: "HTXSNV"}, TWO_YEARS, FAILED, 0),
        # a gap breaks the run
        (
            {2022: "HTXSNV", 2023: "HTXSNV", 2025: "HTXSNV"},
            ConsecutiveRatingsParams(years=3),
            FAILED,
            1,
        ),
        # "or better": HTXSNV counts when HTTNV is enough
        (
            {2024: "HTXSNV", 2025: "HTTNV"},
            ConsecutiveRatingsParams(years=2, min_rating="HTTNV"),
            PASSED,
            2,
        ),
        # HTNV is below HTTNV
        (
            {2024: "HTNV", 2025: "HTTNV"},
            ConsecutiveRatingsParams(years=2, min_rating="HTTNV"),
            FAILED,
            1,
        ),
        # a run ending the year before, when the proposal year is not rated yet
        (
            {2023: "HTXSNV", 2024: "HTXSNV"},
            ConsecutiveRatingsParams(years=2, include_proposal_year=False),
            PASSED,
            2,
        ),
        ({}, ConsecutiveRatingsParams(years=1), FAILED, 0),
    ],
)
def test_consecutive_ratings_table(ratings, params, outcome, run):
    # given / when
    result = check_consecutive_ratings(person(ratings=ratings), params)

    # then
    assert (result.outcome, result.facts["run"]) == (outcome, run)


def test_consecutive_ratings_read_a_collectives_ratings_too():
    # given / when
    result = check_consecutive_ratings(unit(ratings={2024: "HTXSNV", 2025: "HTXSNV"}), TWO_YEARS)

    # then
    assert result.outcome is PASSED


# --- initiatives in a window (BKTLD-02) --------------------------------------------------------

TWO_IN_TWO_YEARS = InitiativesParams(window_years=2, min_count=2)


def initiative(id, year, **fields):
    return InitiativeFact(id=id, year=year, **fields)


@pytest.mark.parametrize(
    ("initiatives", "outcome", "count"),
    [
        ((initiative("a", 2024), initiative("b", 2025)), PASSED, 2),
        ((initiative("a", 2025),), FAILED, 1),
        # 2023 is outside the two years counting the proposal year
        ((initiative("a", 2023), initiative("b", 2025)), FAILED, 1),
        # not applied: does not count
        ((initiative("a", 2024, applied=False), initiative("b", 2025)), FAILED, 1),
        # recognised higher than grassroots counts
        ((initiative("a", 2024, recognition_level="national"), initiative("b", 2025)), PASSED, 2),
    ],
)
def test_initiatives_in_window_table(initiatives, outcome, count):
    # given / when
    result = check_initiatives(person(initiatives=initiatives), TWO_IN_TWO_YEARS)

    # then
    assert (result.outcome, result.facts["count"]) == (outcome, count)


def test_initiatives_below_the_required_recognition_level_do_not_count():
    # given two grassroots initiatives, and a rule asking for provincial recognition
    facts = person(initiatives=(initiative("a", 2024), initiative("b", 2025)))
    params = InitiativesParams(window_years=2, min_count=1, min_recognition_level="provincial")

    # when
    result = check_initiatives(facts, params)

    # then
    assert result.outcome is FAILED


def test_initiatives_total_value_is_a_boundary_too():
    # given initiatives worth 60,000,000 + 59,999,999 VND and a total of 120 million needed
    facts = person(
        initiatives=(
            initiative("a", 2024, value=60_000_000),
            initiative("b", 2025, value=59_999_999),
        )
    )
    params = InitiativesParams(window_years=2, min_total_value=120_000_000)

    # when
    short = check_initiatives(facts, params)
    enough = check_initiatives(
        person(initiatives=(*facts.person().initiatives, initiative("c", 2025, value=1))), params
    )

    # then
    assert short.outcome is FAILED
    assert enough.outcome is PASSED
    assert enough.facts["total_value"] == 120_000_000


# --- beneficial value by category (LDST-02) ----------------------------------------------------

LDST = BeneficialValueParams(
    tiers=(
        ValueTier(
            label="leader",
            leader=True,
            min_single_value=200_000_000,
            alternative_kind="management_solution",
            alternative_min_level="provincial",
        ),
        ValueTier(
            label="university or above",
            leader=False,
            min_education="university",
            min_single_value=150_000_000,
        ),
        ValueTier(
            label="college or below",
            leader=False,
            max_education="college",
            min_single_value=80_000_000,
            consecutive_years=3,
            min_total_value=120_000_000,
        ),
    )
)


def worker(*initiatives, education="college", leader=False):
    return person(education_level=education, is_leader=leader, initiatives=initiatives)


@pytest.mark.parametrize(
    ("facts", "outcome", "tier"),
    [
        (worker(initiative("a", 2025, value=80_000_000)), PASSED, "college or below"),
        (worker(initiative("a", 2025, value=79_999_999)), FAILED, "college or below"),
        # the single solution must be of the proposal year
        (worker(initiative("a", 2024, value=90_000_000)), FAILED, "college or below"),
        # or three consecutive years up to the proposal year, 120 million in total
        (
            worker(*(initiative(str(y), y, value=40_000_000) for y in (2023, 2024, 2025))),
            PASSED,
            "college or below",
        ),
        (  # a year without a solution breaks the three years
            worker(
                initiative("a", 2023, value=60_000_000), initiative("b", 2025, value=60_000_000)
            ),
            FAILED,
            "college or below",
        ),
        (  # vocational is below college: same tier
            worker(initiative("a", 2025, value=80_000_000), education="vocational"),
            PASSED,
            "college or below",
        ),
        (
            worker(initiative("a", 2025, value=149_999_999), education="university"),
            FAILED,
            "university or above",
        ),
        (
            worker(initiative("a", 2025, value=150_000_000), education="master"),
            PASSED,
            "university or above",
        ),
        (worker(initiative("a", 2025, value=199_000_000), leader=True), FAILED, "leader"),
        (worker(initiative("a", 2025, value=200_000_000), leader=True), PASSED, "leader"),
        (  # a leader's management improvement recognised at provincial level
            worker(
                initiative("m", 2025, kind="management_solution", recognition_level="provincial"),
                leader=True,
            ),
            PASSED,
            "leader",
        ),
        (  # ... but not at grassroots level
            worker(initiative("m", 2025, kind="management_solution"), leader=True),
            FAILED,
            "leader",
        ),
    ],
)
def test_beneficial_value_by_category_table(facts, outcome, tier):
    # given / when
    result = check_beneficial_value(facts, LDST)

    # then
    assert (result.outcome, result.facts["tier"]) == (outcome, tier)


def test_beneficial_value_without_education_level_fails_and_asks_for_it():
    # given a non-leader whose education is not recorded
    facts = worker(initiative("a", 2025, value=500_000_000), education="")

    # when
    result = check_beneficial_value(facts, LDST)

    # then
    assert result.outcome is FAILED
    assert result.facts["tier"] is None
    assert "education" in result.hint


def test_beneficial_value_of_a_leader_needs_no_education_level():
    # given / when
    result = check_beneficial_value(
        worker(initiative("a", 2025, value=200_000_000), education="", leader=True), LDST
    )

    # then
    assert result.outcome is PASSED


# --- a score on a scoring sheet (XSD-03) -------------------------------------------------------

XSD = MinScoreParams(sheet="xanh-sach-dep-atvsld", min_points=96)


@pytest.mark.parametrize(
    ("points", "outcome"), [("96", PASSED), ("95.5", FAILED), ("95.99", FAILED), ("100", PASSED)]
)
def test_min_score_boundary(points, outcome):
    # given
    facts = unit(
        scores=(ScoreFact(sheet="xanh-sach-dep-atvsld", year=2025, points=Decimal(points)),)
    )

    # when
    result = check_min_score(facts, XSD)

    # then
    assert result.outcome is outcome


def test_min_score_of_another_year_or_sheet_does_not_count():
    # given
    facts = unit(
        scores=(
            ScoreFact(sheet="xanh-sach-dep-atvsld", year=2024, points=Decimal(99)),
            ScoreFact(sheet="van-hoa-the-thao", year=2025, points=Decimal(99)),
        )
    )

    # when
    result = check_min_score(facts, XSD)

    # then
    assert result.outcome is FAILED
    assert result.facts["points"] is None


# --- the head follows the collective (HEAD-01) -------------------------------------------------


@pytest.mark.parametrize(
    ("nominee", "outcome"),
    [
        (PersonFacts(), PASSED),
        (PersonFacts(heads_collective=True, collective_ratings={2025: "HTXSNV"}), PASSED),
        (PersonFacts(heads_collective=True, collective_ratings={2025: "HTTNV"}), FAILED),
        (PersonFacts(heads_collective=True, collective_ratings={2024: "HTXSNV"}), FAILED),
    ],
)
def test_head_follows_collective_table(nominee, outcome):
    # given / when
    result = check_head_follows_collective(case(nominee), HeadFollowsCollectiveParams())

    # then
    assert result.outcome is outcome


def test_initiatives_read_individuals_only():
    # given / when / then
    with pytest.raises(FactsMissing):
        check_initiatives(unit(), TWO_IN_TWO_YEARS)


def test_ratings_window_dates_do_not_depend_on_the_reference_date():
    # given a check made in January 2026 about the 2025 proposal
    facts = case(
        PersonFacts(ratings={2024: "HTXSNV", 2025: "HTXSNV"}),
        proposal={"reference_date": D(2026, 1, 15)},
    )

    # when / then
    assert check_consecutive_ratings(facts, TWO_YEARS).outcome is PASSED
