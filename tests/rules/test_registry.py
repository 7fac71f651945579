"""The registry of rule types, running rule-pack rows, and §E written as a pack."""

import pytest

from awards.rule_packs.tld_1689 import BANG_KHEN_TLD, PACK
from awards.rules import RULE_TYPES, Rule, evaluate, evaluate_all, run, validate_params
from awards.rules.facts import (
    AwardFact,
    InitiativeFact,
    PersonFacts,
    ServicePeriodFact,
    UnitFacts,
)
from awards.rules.registry import InvalidParams
from awards.rules.result import Confidence, Outcome, Severity
from tests.rules.builders import D, case, person

# The rule ids of regulations.md §E, in its order.
SECTION_E = {
    *("AUTH-01", "ROUTE-01", "ROUTE-02", "ROUTE-03"),
    *("BKTLD-01", "BKTLD-02", "BKTLD-03", "BKCD-01", "BKCD-02", "BKCD-03"),
    *("DUP-01", "DUP-02", "TRANS-01", "TRAIN-01"),
    *("KNC-01", "KNC-02", "KNC-03", "KNC-04", "KNC-05", "LDST-01", "LDST-02", "LDST-03"),
    *("NVL-01", "XSD-01", "XSD-02", "XSD-03", "PRIO-01", "HEAD-01"),
    *("DOS-01", "DOS-02", "DOS-03", "DOS-04", "DOS-05", "HD-01", "VOTE-01", "VOTE-02"),
    *("PUB-01", "REV-01", "CL-01", "CL-02", "CL-03"),
}


def rules(ids=None):
    return [Rule(**r) for r in PACK if ids is None or r["rule_id"] in ids]


# --- the registry ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(RULE_TYPES))
def test_every_rule_type_has_a_schema_that_validation_follows(code):
    # given
    rule_type = RULE_TYPES[code]

    # when
    schema = rule_type.schema()
    errors = validate_params(code, {})

    # then: every parameter explains itself, and an empty row misses exactly the required ones
    assert rule_type.code == code
    assert all(spec.help for spec in schema)
    assert {e.path for e in errors} == {spec.name for spec in schema if spec.required}


def test_a_type_result_names_its_type():
    # given / when
    for code, params, facts in [
        ("consecutive_ratings", {"years": 1}, person()),
        ("no_sanction", {}, person()),
        ("no_incident", {}, case(UnitFacts())),
        ("tie_break_priority", {}, person()),
    ]:
        result = run(code, facts, params)

        # then
        assert (result.rule_type, result.rule_id) == (code, code)


def test_run_refuses_bad_params():
    with pytest.raises(InvalidParams) as raised:
        run("consecutive_ratings", person(), {"years": 0})
    assert [e.path for e in raised.value.errors] == ["years"]


# --- evaluating a pack row ----------------------------------------------------------------------


def test_evaluate_stamps_the_rows_id_citation_and_severity():
    # given
    rule = Rule(
        rule_id="BKTLD-01",
        type="consecutive_ratings",
        params={"years": 2},
        citation="QĐ 1689/QĐ-TLĐ, điều 14",
    )

    # when
    result = evaluate(rule, person(ratings={2025: "HTXSNV"}))

    # then
    assert (result.rule_id, result.rule_type, result.citation) == (
        "BKTLD-01",
        "consecutive_ratings",
        "QĐ 1689/QĐ-TLĐ, điều 14",
    )
    assert result.outcome is Outcome.FAILED
    assert result.blocks


@pytest.mark.parametrize(
    ("confidence", "severity", "blocks"),
    [("verified", Severity.BLOCK, True), ("historical", Severity.WARN, False),
     ("uncertain", Severity.WARN, False)],
)  # fmt: skip
def test_only_verified_rules_block(confidence, severity, blocks):
    # given a failing blocking rule at each confidence
    rule = Rule(
        rule_id="BKTLD-01",
        type="consecutive_ratings",
        params={"years": 2},
        confidence=Confidence(confidence),
    )

    # when
    result = evaluate(rule, person())

    # then
    assert (result.outcome, result.severity, result.blocks) == (Outcome.FAILED, severity, blocks)


def test_a_misconfigured_row_warns_and_never_blocks():
    # given
    rule = Rule(rule_id="X-1", type="consecutive_ratings", params={"years": "two", "yeras": 2})

    # when
    result = evaluate(rule, person())

    # then
    assert result.outcome is Outcome.WARNING
    assert not result.blocks
    assert result.facts["errors"] == ["yeras: Unknown parameter.", "years: Must be a whole number."]
    assert result.hint


def test_a_row_takes_severity_and_confidence_as_stored():
    # given / when
    rule = Rule(rule_id="R", type="no_sanction", severity="warn", confidence="uncertain")

    # then
    assert (rule.severity, rule.confidence) == (Severity.WARN, Confidence.UNCERTAIN)
    with pytest.raises(ValueError):
        Rule(rule_id="R", type="no_sanction", severity="fatal")


def test_an_unknown_rule_type_warns():
    result = evaluate(Rule(rule_id="X-2", type="no_such_type"), person())
    assert result.outcome is Outcome.WARNING
    assert "no_such_type" in result.message


def test_a_rule_that_cannot_be_decided_yet_warns_and_says_why():
    # given the council rule before the council met
    rule = Rule(rule_id="VOTE-01", type="vote_threshold", params={"threshold_pct": 90})

    # when
    result = evaluate(rule, person())

    # then
    assert result.outcome is Outcome.WARNING
    assert result.severity is Severity.BLOCK  # what it will be once it can be checked
    assert not result.blocks


def test_a_person_rule_on_a_collective_warns():
    result = evaluate(Rule(rule_id="KNC-03", type="no_sanction"), case(UnitFacts()))
    assert result.outcome is Outcome.WARNING


# --- any_of ---------------------------------------------------------------------------------------

KNC_02 = next(Rule(**r) for r in PACK if r["rule_id"] == "KNC-02")


@pytest.mark.parametrize(
    ("periods", "outcome", "met_by"),
    [
        # 20 effective years through the first route
        ((ServicePeriodFact(start=D(2005, 11, 2)),), Outcome.PASSED, "service_years"),
        # two consecutive full terms on the TLĐ Executive Committee
        (
            tuple(
                ServicePeriodFact(
                    start=D(2013 + 5 * i, 10, 1), end=D(2018 + 5 * i, 9, 30), mode="part_time",
                    committee="executive", body_level="trung-uong", term=11 + i, full_term=True,
                )
                for i in range(2)
            ),
            Outcome.PASSED,
            "committee_terms",
        ),
        ((ServicePeriodFact(start=D(2010, 1, 1)),), Outcome.FAILED, None),
    ],
)  # fmt: skip
def test_any_of_passes_on_the_first_route_met(periods, outcome, met_by):
    # given / when
    result = evaluate(KNC_02, person(service_periods=periods))

    # then
    assert (result.outcome, result.facts["met_by"]) == (outcome, met_by)
    assert result.rule_id == "KNC-02"


def test_any_of_that_cannot_decide_any_route_warns():
    # given the individual routes of KNC-02 on a collective
    result = evaluate(KNC_02, case(UnitFacts()))

    # then
    assert result.outcome is Outcome.WARNING
    assert "rule pack" in result.hint


def test_any_of_on_failure_lists_every_route():
    result = evaluate(KNC_02, person(service_periods=(ServicePeriodFact(start=D(2010, 1, 1)),)))
    assert len(result.facts["routes"]) == 6
    assert "(6)" in result.message


# --- regulations.md §E as a pack -----------------------------------------------------------------


def test_every_mechanical_rule_of_section_e_is_a_valid_pack_row():
    # given the pack's rows (NVL-01 takes two: never received, and a union official)
    in_pack = {r["rule_id"].rstrip("ab") for r in PACK}

    # when
    problems = {r["rule_id"]: validate_params(r["type"], r["params"]) for r in PACK}

    # then
    assert not {k: v for k, v in problems.items() if v}
    assert in_pack == SECTION_E - {"REV-01"}  # REV-01 is an action on an award, not a check


def test_every_rule_type_is_used_by_the_pack_but_three_beyond_section_e():
    # given the types the rows use, alternatives of any_of included
    used = {r["type"] for r in PACK} | {
        ref["type"] for r in PACK if r["type"] == "any_of" for ref in r["params"]["rules"]
    }

    # then: the others serve issue 5's list beyond §E (percentage quotas, ad-hoc deadlines,
    # campaign registration)
    assert set(RULE_TYPES) - used == {"quota_percent", "days_after_event", "campaign_registered"}


def test_a_good_bang_khen_tld_candidate_passes_its_rules():
    # given a woman rated HTXSNV in 2024 and 2025, with two initiatives and the provincial
    # Bằng khen of 2024
    facts = person(
        sex="female",
        ratings={2024: "HTXSNV", 2025: "HTXSNV"},
        initiatives=(InitiativeFact(id="a", year=2024), InitiativeFact(id="b", year=2025)),
        prior_awards=(AwardFact(code="bang-khen-ldld", year=2024, deciding_level="tinh-nganh"),),
    )

    # when
    results = evaluate_all(rules(BANG_KHEN_TLD), facts)

    # then
    assert {r.rule_id: r.outcome for r in results} == {
        "BKTLD-01": Outcome.PASSED,
        "BKTLD-02": Outcome.PASSED,
        "BKTLD-03": Outcome.PASSED,
        "DUP-01": Outcome.PASSED,
        "DUP-02": Outcome.PASSED,
        "HEAD-01": Outcome.PASSED,
        "PRIO-01": Outcome.INFO,
    }
    assert not any(r.blocks for r in results)


def test_a_candidate_with_one_good_year_is_blocked_with_a_reason():
    # given
    facts = person(ratings={2025: "HTXSNV"})

    # when
    blocking = [r for r in evaluate_all(rules(BANG_KHEN_TLD), facts) if r.blocks]

    # then
    assert [r.rule_id for r in blocking] == ["BKTLD-01", "BKTLD-02", "BKTLD-03"]
    assert all(r.message and r.hint and r.citation for r in blocking)


def test_the_unverified_rules_of_the_pack_never_block():
    # given a nominee that fails nearly everything
    facts = case(PersonFacts(sanctions=()))

    # when
    results = evaluate_all(rules(), facts)

    # then
    by_confidence = {r.rule_id: r for r in results}
    for row in PACK:
        if row["confidence"] != "verified":
            assert not by_confidence[row["rule_id"]].blocks, row["rule_id"]
