"""Dossier, authority and routing, deadlines, public posting, council composition and votes."""

from decimal import Decimal

import pytest

from awards.rules.facts import (
    CouncilFacts,
    DocumentFact,
    DossierFacts,
    FactsMissing,
    PersonFacts,
    RoutingFacts,
)
from awards.rules.result import Outcome
from awards.rules.types.procedure import (
    CouncilCompositionParams,
    DaysAfterEventParams,
    DeadlineWindowParams,
    DecidingAuthorityParams,
    DirectUpperLevelParams,
    DossierCompleteParams,
    DossierSetsParams,
    PublicPostingParams,
    VoteThresholdParams,
    check_council_composition,
    check_days_after_event,
    check_deadline_window,
    check_deciding_authority,
    check_direct_upper_level,
    check_dossier_complete,
    check_dossier_sets,
    check_public_posting,
    check_vote_threshold,
)
from tests.rules.builders import D, case

PASSED, FAILED = Outcome.PASSED, Outcome.FAILED

# --- dossier (DOS-01..05) ------------------------------------------------------------------------

FORM_DOSSIER = (
    DocumentFact(code="to-trinh", name="Tờ trình"),
    DocumentFact(code="bao-cao-thanh-tich", name="Báo cáo thành tích", copies=2),
    DocumentFact(code="bien-ban-xet-khen-thuong", name="Biên bản"),
    DocumentFact(code="anh", name="Ảnh", mandatory=False),
)


def with_dossier(present, **fields):
    return case(
        PersonFacts(), dossier=DossierFacts(required=FORM_DOSSIER, present=present, **fields)
    )


ALL_THREE = {"to-trinh": 1, "bao-cao-thanh-tich": 1, "bien-ban-xet-khen-thuong": 1}


@pytest.mark.parametrize(
    ("present", "params", "outcome", "missing"),
    [
        (ALL_THREE, DossierCompleteParams(), PASSED, []),
        ({"to-trinh": 1, "bao-cao-thanh-tich": 1}, DossierCompleteParams(), FAILED,
         ["bien-ban-xet-khen-thuong"]),
        # a document the pack adds: the secret-ballot result (DOS-05)
        (ALL_THREE, DossierCompleteParams(documents=("ket-qua-bo-phieu-kin",)), FAILED,
         ["ket-qua-bo-phieu-kin"]),
        ({"ket-qua-bo-phieu-kin": 1}, DossierCompleteParams(documents=("ket-qua-bo-phieu-kin",),
                                                            use_catalogue=False), PASSED, []),
    ],
)  # fmt: skip
def test_dossier_complete_table(present, params, outcome, missing):
    # given / when
    result = check_dossier_complete(with_dossier(present), params)

    # then
    assert (result.outcome, result.facts["missing"]) == (outcome, missing)


def test_dossier_complete_names_the_missing_documents():
    # given
    result = check_dossier_complete(with_dossier({"to-trinh": 1}), DossierCompleteParams())

    # then
    assert "Báo cáo thành tích" in result.message
    assert "Biên bản" in result.message


def test_dossier_copies_are_checked_when_asked():
    # given one copy of a report needed twice
    facts = with_dossier(ALL_THREE)

    # when
    loose = check_dossier_complete(facts, DossierCompleteParams())
    strict = check_dossier_complete(facts, DossierCompleteParams(check_copies=True))

    # then
    assert loose.outcome is PASSED
    assert (strict.outcome, strict.facts["short_of_copies"]) == (FAILED, ["bao-cao-thanh-tich"])


@pytest.mark.parametrize(("sets", "outcome"), [(2, PASSED), (1, FAILED), (None, FAILED)])
def test_dossier_sets_boundary(sets, outcome):
    # given / when
    result = check_dossier_sets(with_dossier({}, sets=sets), DossierSetsParams(min_sets=2))

    # then
    assert result.outcome is outcome


# --- authority and routing (AUTH-01, ROUTE-01) ---------------------------------------------------


def routed(**fields):
    values = {
        "proposing_unit": "CDCS-A1X",
        "proposing_unit_parent": "LDLD-A1",
        "submitted_to": "LDLD-A1",
        "deciding_unit": "TLD",
        "deciding_unit_level": "trung-uong",
        "competent_levels": ("trung-uong",),
    }
    return case(PersonFacts(), routing=RoutingFacts(**{**values, **fields}))


@pytest.mark.parametrize(
    ("fields", "params", "outcome"),
    [
        ({}, DecidingAuthorityParams(), PASSED),
        ({"deciding_unit": "LDLD-A", "deciding_unit_level": "tinh-nganh"},
         DecidingAuthorityParams(), FAILED),
        # a pack may widen the catalogue's deciding level
        ({"deciding_unit": "LDLD-A", "deciding_unit_level": "tinh-nganh"},
         DecidingAuthorityParams(levels=("trung-uong", "tinh-nganh")), PASSED),
    ],
)  # fmt: skip
def test_deciding_authority_table(fields, params, outcome):
    assert check_deciding_authority(routed(**fields), params).outcome is outcome


@pytest.mark.parametrize(
    ("fields", "outcome"),
    [
        ({}, PASSED),
        ({"submitted_to": "LDLD-A"}, FAILED),  # skipped the district federation
        ({"proposing_unit_parent": None, "submitted_to": "X"}, FAILED),  # the top has no upper
    ],
)
def test_direct_upper_level_table(fields, outcome):
    assert check_direct_upper_level(routed(**fields), DirectUpperLevelParams()).outcome is outcome


def test_routing_rules_wait_for_the_route():
    with pytest.raises(FactsMissing):
        check_direct_upper_level(case(PersonFacts()), DirectUpperLevelParams())


# --- deadlines -----------------------------------------------------------------------------------

BY_20_DECEMBER = DeadlineWindowParams(closes="12-20")
AROUND_28_JULY = DeadlineWindowParams(
    opens="07-01", closes="07-31", date="decided", also_at_congress=True
)


@pytest.mark.parametrize(
    ("proposal", "params", "outcome"),
    [
        ({"submitted_on": D(2025, 12, 20)}, BY_20_DECEMBER, PASSED),  # the last day is allowed
        ({"submitted_on": D(2025, 12, 21)}, BY_20_DECEMBER, FAILED),
        ({"submitted_on": None}, BY_20_DECEMBER, PASSED),  # judged on the reference date, 1/11
        # the next year's window (year_offset)
        ({"submitted_on": D(2026, 1, 10)}, DeadlineWindowParams(closes="01-15", year_offset=1),
         PASSED),
        ({"decided_on": D(2025, 7, 1)}, AROUND_28_JULY, PASSED),
        ({"decided_on": D(2025, 6, 30)}, AROUND_28_JULY, FAILED),
        ({"decided_on": D(2025, 8, 1)}, AROUND_28_JULY, FAILED),
        ({"decided_on": D(2025, 10, 15), "at_congress": True}, AROUND_28_JULY, PASSED),
    ],
)  # fmt: skip
def test_deadline_window_table(proposal, params, outcome):
    assert check_deadline_window(case(PersonFacts(), proposal=proposal), params).outcome is outcome


@pytest.mark.parametrize(
    ("submitted_on", "outcome"),
    [(D(2025, 4, 15), PASSED), (D(2025, 4, 16), FAILED)],  # 45 vs 46 days after 1 March
)
def test_days_after_event_boundary(submitted_on, outcome):
    # given an ad-hoc feat on 1 March
    facts = case(
        PersonFacts(),
        proposal={"achievement_date": D(2025, 3, 1), "submitted_on": submitted_on},
    )

    # when / then
    assert check_days_after_event(facts, DaysAfterEventParams(max_days=45)).outcome is outcome


def test_days_after_event_without_a_date_fails_and_asks_for_it():
    result = check_days_after_event(case(PersonFacts()), DaysAfterEventParams(max_days=45))
    assert result.outcome is FAILED
    assert result.facts["event"] is None


@pytest.mark.parametrize(
    ("posted_on", "outcome"),
    [
        (D(2025, 10, 1), PASSED),
        (D(2025, 10, 22), PASSED),
        (D(2025, 10, 23), FAILED),
        (None, FAILED),
    ],
)
def test_public_posting_ten_days_before_submission(posted_on, outcome):
    # given submission on 1 November
    facts = case(
        PersonFacts(),
        proposal={"publicly_posted_on": posted_on, "submitted_on": D(2025, 11, 1)},
    )

    # when / then
    assert check_public_posting(facts, PublicPostingParams(min_days=10)).outcome is outcome


# --- council (HD-01, VOTE-01, VOTE-02) -----------------------------------------------------------

PROVINCIAL_COUNCIL = CouncilCompositionParams(max_members=9, chair_is_unit_chair=True)


@pytest.mark.parametrize(
    ("members", "chair", "outcome"),
    [(9, True, PASSED), (10, True, FAILED), (9, False, FAILED), (9, None, FAILED)],
)
def test_council_composition_at_most_nine_chaired_by_the_chairperson(members, chair, outcome):
    # given
    facts = case(PersonFacts(), council=CouncilFacts(members=members, chair_is_unit_chair=chair))

    # when / then
    assert check_council_composition(facts, PROVINCIAL_COUNCIL).outcome is outcome


CSTD_VOTE = VoteThresholdParams(threshold_pct=Decimal(90), base="all_members", secret_ballot=True)


def vote(percent, **fields):
    return VoteThresholdParams(threshold_pct=Decimal(percent), **fields)


def voted(members, yes, present=None, ballot="secret"):
    return case(
        PersonFacts(),
        council=CouncilFacts(members=members, present=present, yes=yes, ballot=ballot),
    )


@pytest.mark.parametrize(
    ("facts", "params", "outcome"),
    [
        (voted(9, 9), CSTD_VOTE, PASSED),
        (voted(9, 8), CSTD_VOTE, FAILED),  # 88.9% of all members
        (voted(10, 9), CSTD_VOTE, PASSED),  # exactly 90%
        (voted(10, 10, ballot="open"), CSTD_VOTE, FAILED),  # not a secret ballot
        # over those present: 5 of 9 present is 55.6% > 50%
        (voted(12, 5, present=9), vote(50), PASSED),
        # "more than half": 5 of 10 is not enough, 6 is
        (voted(12, 5, present=10), vote(50, strictly_more=True), FAILED),
        (voted(12, 6, present=10), vote(50, strictly_more=True), PASSED),
        # quorum as a share of all members, compared exactly: 8 of 12 is 66.666…%
        (voted(12, 8, present=8), vote(50, quorum_pct=Decimal("66.67")), FAILED),
        (voted(12, 8, present=8), vote(50, quorum_pct=Decimal("66.66")), PASSED),
        (voted(12, 7, present=7), vote(50, quorum_pct=Decimal("66.66")), FAILED),
        (voted(9, 0, present=0), vote(0), FAILED),  # nobody present
    ],
)  # fmt: skip
def test_vote_threshold_table(facts, params, outcome):
    assert check_vote_threshold(facts, params).outcome is outcome


@pytest.mark.parametrize(
    "council",
    # no session yet, no votes yet, no attendance over those present
    [None, CouncilFacts(members=9), CouncilFacts(members=9, yes=5)],
)
def test_vote_threshold_waits_for_the_votes(council):
    with pytest.raises(FactsMissing):
        check_vote_threshold(
            case(PersonFacts(), council=council), VoteThresholdParams(threshold_pct=Decimal(50))
        )
