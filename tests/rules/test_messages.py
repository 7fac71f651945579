"""Messages: numbers in the reader's format, every failure says how to fix it."""

from decimal import Decimal

import pytest
from django.utils import translation

from awards.rule_packs.tld_1689 import PACK
from awards.rules import Outcome, Rule, evaluate_all, run
from awards.rules.facts import (
    ClusterFacts,
    CouncilFacts,
    DossierFacts,
    PersonFacts,
    QuotaFacts,
    RoutingFacts,
    ScoreFact,
    UnitFacts,
)
from tests.rules.builders import case, person, unit

EVERYTHING_MISSING = {
    "quota": QuotaFacts(by_proposing_unit=10, by_proposing_unit_topic=10, national_topic=300),
    "cluster": ClusterFacts(cluster="CUM-1", year=2025, head_terms_without_election=3),
    "routing": RoutingFacts(proposing_unit="A", proposing_unit_parent="B", submitted_to="C"),
    "dossier": DossierFacts(),
    "council": CouncilFacts(members=12, present=5, yes=1, ballot="open"),
}


@pytest.mark.parametrize("language", ["en", "vi"])
@pytest.mark.parametrize("nominee", [PersonFacts(), UnitFacts(kind="ldld-huyen")])
def test_every_failure_of_the_pack_has_a_message_and_a_hint(language, nominee):
    # given a nominee that meets nothing, with every section of the facts present
    facts = case(nominee, **EVERYTHING_MISSING)

    # when
    with translation.override(language):
        results = evaluate_all([Rule(**row) for row in PACK], facts)

    # then
    failed = [r for r in results if r.outcome is Outcome.FAILED]
    assert len(failed) > 20
    assert all(r.message and r.hint and r.citation for r in failed)


def test_numbers_follow_the_readers_language():
    # given 95.5 points where 96 are needed
    facts = unit(scores=(ScoreFact(sheet="xsd", year=2025, points=Decimal("95.5")),))

    # when
    with translation.override("vi"):
        vietnamese = run("min_score", facts, {"sheet": "xsd", "min_points": 96}).message
    english = run("min_score", facts, {"sheet": "xsd", "min_points": 96}).message

    # then
    assert "95,5" in vietnamese
    assert "95.5" in english


def test_messages_use_the_catalogues_names_for_codes():
    # given the display names the check point passes with the facts
    facts = case(
        PersonFacts(),
        names={"bang-khen-ldld": "Bằng khen của LĐLĐ tỉnh", "co-thi-dua-ldld": "Cờ thi đua"},
    )

    # when
    result = run("prior_award", facts, {"award_codes": ["bang-khen-ldld", "co-thi-dua-ldld"]})

    # then
    assert result.message == (
        "Needs Bằng khen của LĐLĐ tỉnh or Cờ thi đua received in 2024; none is on record."
    )
    assert result.facts["award_codes"] == ["bang-khen-ldld", "co-thi-dua-ldld"]


def test_money_is_grouped():
    # given
    result = run("initiatives", person(), {"window_years": 1, "min_total_value": 120_000_000})

    # then
    assert "120,000,000 VND" in result.message
