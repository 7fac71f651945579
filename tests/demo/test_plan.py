"""The demo plan: deterministic, big enough, realistic, and with the cases the rules need.

These tests read the plan only (no database), so they are fast; test_seed.py checks that the
seed writes exactly this plan.
"""

from collections import Counter

import pytest
from django.utils import translation

from demo import scenarios
from demo.data.tree import UNITS
from demo.logins import ACCOUNTS, DEMO_PASSWORD, demo_login_rows
from demo.plan import RATING_YEARS, build_plan, make_plan, plan_part
from organizations.models import Role


@pytest.fixture(scope="module")
def plan():
    return build_plan()


def _person(plan, name):
    return next(person for person in plan.people if person.full_name == name)


def test_plan_is_the_same_on_every_build():
    # when
    first, second = make_plan(), make_plan()

    # then
    assert first.people == second.people
    assert first.collectives == second.collectives


def test_plan_has_at_least_200_people_rated_for_three_years(plan):
    rated = [p for p in plan.people if {r.year for r in p.ratings} == set(RATING_YEARS)]

    assert len(rated) >= 200


def test_plan_has_initiatives_and_prior_awards_for_many_people(plan):
    assert sum(1 for p in plan.people if p.initiatives) >= 50
    assert sum(1 for p in plan.people if p.awards) >= 50


def test_every_unit_with_people_gets_them(plan):
    planned = Counter(person.unit for person in plan.people)

    assert all(planned[unit.code] >= unit.people for unit in UNITS if unit.people)


def test_codes_and_record_keys_are_unique(plan):
    # The seed finds existing records by these keys: a duplicate would be seeded only once.
    codes = [person.code for person in plan.people]
    assert len(codes) == len(set(codes))
    assert all(len(code) <= 40 for code in codes)
    for person in plan.people:
        assert len({r.year for r in person.ratings}) == len(person.ratings)
        assert len({i.title for i in person.initiatives}) == len(person.initiatives)
        assert len({(a.award_name, a.year) for a in person.awards}) == len(person.awards)
        assert len({(s.started_on, s.position) for s in person.service_periods}) == len(
            person.service_periods
        )
    for records in plan.collectives:
        assert len({(a.award_name, a.year) for a in records.awards}) == len(records.awards)


def test_ratings_are_mostly_good_and_rarely_failed(plan):
    ratings = Counter(r.rating for p in plan.people for r in p.ratings)
    total = sum(ratings.values())

    assert (ratings["HTXSNV"] + ratings["HTTNV"]) / total >= 0.8
    assert ratings["HTNV"] > 0
    assert 0 < ratings["KHTNV"] <= total * 0.02


def test_gender_balance_is_sensible_and_leaders_are_a_minority(plan):
    women = sum(1 for p in plan.people if p.gender == "female") / len(plan.people)
    leaders = sum(1 for p in plan.people if p.is_leader) / len(plan.people)

    assert 0.4 <= women <= 0.7
    assert 0.05 <= leaders <= 0.3


def test_initiative_values_fall_on_both_sides_of_the_creative_labour_thresholds(plan):
    values = [i.beneficial_value for p in plan.people for i in p.initiatives if i.beneficial_value]

    assert any(v >= 200_000_000 for v in values)
    assert any(150_000_000 <= v < 200_000_000 for v in values)
    assert any(80_000_000 <= v < 150_000_000 for v in values)
    assert any(v < 80_000_000 for v in values)
    # three consecutive years adding up to 120 million without a single one reaching 80
    series = _person(plan, "Bàn Thị Thoa").initiatives
    assert [i.year for i in series] == [2023, 2024, 2025]
    assert sum(i.beneficial_value for i in series) >= 120_000_000
    assert all(i.beneficial_value < 80_000_000 for i in series)


def test_plan_has_sanctions_in_force_and_expired_and_an_open_complaint(plan):
    sanctions = [s for p in plan.people for s in p.sanctions]
    cases = [c for p in plan.people for c in p.pending_cases]

    assert len(sanctions) >= 3
    assert any(s.effective_to and s.effective_to.year >= 2027 for s in sanctions)
    assert any(s.effective_to and s.effective_to.year <= 2024 for s in sanctions)
    assert any(c.kind == "complaint" and c.resolved_on is None for c in cases)


def test_former_huy_chuong_has_no_catalogue_code(plan):
    holder = _person(plan, scenarios.FORMER_HUY_CHUONG)

    medal = next(a for a in holder.awards if a.award_name.startswith("Huy chương"))

    assert medal.award_code == ""
    assert medal.year < 2019


def test_some_prior_awards_predate_the_2019_regulation(plan):
    years = [a.year for p in plan.people for a in p.awards]

    assert sum(1 for year in years if year < 2019) >= 5


def test_union_service_includes_part_time_in_non_state_enterprises(plan):
    periods = [s for p in plan.people for s in p.service_periods]

    assert any(s.mode == "full_time" for s in periods)
    assert any(s.mode == "part_time" and s.unit_category == "grassroots_non_state" for s in periods)


def test_grassroots_unions_are_rated_every_year(plan):
    rated = {records.unit: {r.year for r in records.ratings} for records in plan.collectives}

    for unit in UNITS:
        if unit.kind == "cdcs":
            assert rated[unit.code] == set(RATING_YEARS)


def test_units_carry_headcount_women_and_sector_including_non_state_enterprises(plan):
    grassroots = [unit for unit in plan.units if unit.kind == "cdcs"]

    assert all(u.headcount and u.women_headcount is not None and u.sector for u in grassroots)
    assert any(u.sector == "non_state_enterprise" for u in grassroots)


def test_every_role_has_a_demo_account_at_a_unit_of_the_tree(plan):
    units = {unit.code for unit in UNITS}

    assert {account.role for account in ACCOUNTS} == set(Role.values)
    assert all(account.unit in units for account in ACCOUNTS)
    assert len({account.username for account in ACCOUNTS}) == len(ACCOUNTS)


def test_hints_name_people_of_the_plan(plan):
    names = {person.full_name for person in plan.people}

    for name in (
        scenarios.BK_TLD_CANDIDATE,
        scenarios.BK_TLD_MISSING_PROVINCIAL,
        scenarios.LEADER_OVER_THRESHOLD,
    ):
        assert name in names


def test_login_rows_read_in_vietnamese():
    # given the English text of the rows
    with translation.override("en"):
        english = demo_login_rows()

    # when
    with translation.override("vi"):
        rows = demo_login_rows()

    # then every description and hint is translated, and the password is the shared one
    for row, source in zip(rows, english, strict=True):
        assert row.role != source.role
        assert row.try_first != source.try_first
        assert row.password == DEMO_PASSWORD


def test_part_of_the_plan_is_the_same_data_as_in_the_whole(plan):
    codes = {"TLD", "QNA", "QNA-DLO", "QNA-DLO-LTK", "QNA-DLO-NTR"}

    part = plan_part(codes)

    assert {unit.code for unit in part.units} == codes
    assert set(part.people) <= set(plan.people)
    assert {person.unit for person in part.people} <= codes
    assert any(person.previous_unit == "QNA-DLO-NTR" for person in part.people)
    assert set(part.collectives) <= set(plan.collectives)
    assert {account.unit for account in part.accounts} <= codes


def test_part_of_the_plan_needs_the_parents_of_its_units():
    with pytest.raises(ValueError):
        plan_part({"QNA-DLO"})
