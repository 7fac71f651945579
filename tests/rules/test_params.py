"""Rule-pack parameters: parsed from stored dicts, every problem reported with its path."""

import datetime
from decimal import Decimal

import pytest

from awards.rules import parse_params, validate_params
from awards.rules.params import month_day_in
from awards.rules.registry import RULE_TYPES


def errors(type_code, params):
    return {e.path: e.message for e in validate_params(type_code, params)}


@pytest.mark.parametrize(
    ("value", "parsed"),
    [(96, Decimal(96)), ("95.5", Decimal("95.5")), (95.5, Decimal("95.5")), (" 96 ", Decimal(96))],
)
def test_decimal_params_accept_json_numbers_and_text(value, parsed):
    # given / when
    params, problems = parse_params("min_score", {"sheet": "xsd", "min_points": value})

    # then
    assert problems == []
    assert params.min_points == parsed


@pytest.mark.parametrize("value", ["abc", True, "NaN", None, [96]])
def test_decimal_params_refuse_what_is_not_a_number(value):
    assert "min_points" in errors("min_score", {"sheet": "xsd", "min_points": value})


@pytest.mark.parametrize(("value", "ok"), [(2, True), ("2", True), (2.5, False), (True, False)])
def test_int_params_take_whole_numbers_only(value, ok):
    assert (errors("consecutive_ratings", {"years": value}) == {}) is ok


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"years": "Required."}),
        ({"years": 0}, {"years": "Must be at least 1."}),
        ({"years": 2, "min_rating": "Good"},
         {"min_rating": "Must be one of: HTXSNV, HTTNV, HTNV, KHTNV."}),
        ({"years": 2, "colour": "red"}, {"colour": "Unknown parameter."}),
        ({"years": 2, "include_proposal_year": "yes"},
         {"include_proposal_year": "Must be true or false."}),
    ],
)  # fmt: skip
def test_consecutive_ratings_params_table(params, expected):
    assert errors("consecutive_ratings", params) == expected


def test_params_must_be_an_object():
    assert errors("consecutive_ratings", [2]) == {"": "Must be an object with named parameters."}


def test_list_params_refuse_text_and_check_each_item():
    # given / when / then
    assert errors("prior_award", {"award_codes": "bang-khen-ldld"}) == {
        "award_codes": "Must be a list."
    }
    assert errors("prior_award", {"award_codes": []}) == {
        "award_codes": "Must hold at least 1 items."
    }
    assert errors("no_pending_case", {"kinds": ["complaint", "gossip"]}) == {
        "kinds[1]": "Must be one of: disciplinary_review, complaint, denunciation, legal_case."
    }


def test_nested_tiers_report_the_path_of_each_problem():
    # given a second tier with a bad value and a half-set branch
    params = {
        "tiers": [
            {"label": "leader", "leader": True, "min_single_value": 200_000_000},
            {"label": "worker", "min_single_value": -1, "consecutive_years": 3},
        ]
    }

    # when / then
    assert errors("beneficial_value", params) == {
        "tiers[1].min_single_value": "Must be at least 0."
    }
    params["tiers"][1]["min_single_value"] = 80_000_000
    assert errors("beneficial_value", params) == {
        "tiers[1].min_total_value": "Set both the years and the total, or neither."
    }


def test_any_of_validates_each_alternative():
    # given
    params = {
        "rules": [
            {"type": "service_years", "params": {"min_years": "twenty"}},
            {"type": "no_such_type", "params": {}},
        ]
    }

    # when / then
    assert errors("any_of", params) == {
        "rules[0].params.min_years": "Must be a number.",
        "rules[1].type": "Unknown rule type no_such_type.",
    }
    assert errors("any_of", {"rules": [{"type": "no_sanction", "params": {}}]}) == {
        "rules": "Must hold at least 2 items."
    }


@pytest.mark.parametrize(
    ("type_code", "params", "path"),
    [
        ("initiatives", {"window_years": 2}, "min_count"),  # neither a count nor a total
        ("deadline_window", {"opens": "12-31", "closes": "01-15"}, "opens"),
        ("deadline_window", {"closes": "12/20"}, "closes"),
        ("deadline_window", {"closes": "13-01"}, "closes"),
        ("council_composition", {"min_members": 5, "max_members": 3}, "max_members"),
        ("vote_threshold", {"threshold_pct": 101}, "threshold_pct"),
        ("quota_count", {"scope": "worldwide", "max_count": 4}, "scope"),
    ],
)
def test_cross_field_and_format_problems_table(type_code, params, path):
    assert path in errors(type_code, params)


def test_valid_params_parse_to_the_typed_dataclass_with_defaults():
    # given / when
    params, problems = parse_params("service_years", {"min_years": 20})

    # then
    assert problems == []
    assert (params.min_years, params.part_time, params.part_time_non_state) == (
        Decimal(20),
        Decimal("1.5"),
        Decimal(2),
    )


def test_schema_describes_nested_objects_for_a_form():
    # given / when
    (tiers,) = RULE_TYPES["beneficial_value"].schema()

    # then
    assert (tiers.name, tiers.type, tiers.required) == ("tiers", "list[object]", True)
    fields = {spec.name: spec for spec in tiers.fields}
    assert fields["min_single_value"].type == "int"
    assert fields["min_education"].choices[1:] == (
        "general",
        "vocational",
        "college",
        "university",
        "master",
        "doctorate",
    )


def test_29_february_falls_on_28_february_in_a_common_year():
    assert month_day_in(2025, "02-29") == datetime.date(2025, 2, 28)
    assert month_day_in(2024, "02-29") == datetime.date(2024, 2, 29)
