"""Cluster results and campaign registration."""

import pytest

from awards.rules.facts import ClusterFacts, UnitFacts
from awards.rules.result import Outcome
from awards.rules.types.clusters import (
    CampaignRegisteredParams,
    ClusterDocumentedParams,
    ClusterHeadRotationParams,
    ClusterParticipationParams,
    ClusterRankParams,
    check_campaign_registered,
    check_cluster_documented,
    check_cluster_head_rotation,
    check_cluster_participation,
    check_cluster_rank,
)
from tests.rules.builders import case

PASSED, FAILED = Outcome.PASSED, Outcome.FAILED


def in_cluster(**fields):
    values = {"cluster": "CUM-5", "year": 2025, "members": 5}
    return case(
        UnitFacts(code="LDLD-HN", kind="ldld-tinh"), cluster=ClusterFacts(**{**values, **fields})
    )


@pytest.mark.parametrize(
    ("fields", "params", "outcome"),
    [
        ({"rank": 1}, ClusterRankParams(), PASSED),  # led its cluster
        ({"rank": 2}, ClusterRankParams(), FAILED),
        ({"rank": None}, ClusterRankParams(), FAILED),  # not ranked
        ({"rank": 3}, ClusterRankParams(max_rank=3), PASSED),  # top 3
        ({"rank": 4}, ClusterRankParams(max_rank=3), FAILED),
        ({"rank": 1}, ClusterRankParams(require_proposed=True), FAILED),  # not acclaimed
        ({"rank": 1, "proposed": True}, ClusterRankParams(require_proposed=True), PASSED),
        ({"rank": 1, "year": 2024}, ClusterRankParams(), FAILED),  # last year's result
    ],
)
def test_cluster_rank_table(fields, params, outcome):
    assert check_cluster_rank(in_cluster(**fields), params).outcome is outcome


def test_shared_ranks_count_for_the_top_k():
    # given two members tied at 2nd place (ranks 1, 2, 2, 4)
    assert check_cluster_rank(in_cluster(rank=2), ClusterRankParams(max_rank=2)).outcome is PASSED


def test_no_cluster_result_fails_and_says_what_to_record():
    # given a unit without a cluster result
    result = check_cluster_rank(case(UnitFacts(kind="ldld-tinh")), ClusterRankParams())

    # then
    assert result.outcome is FAILED
    assert result.facts["cluster"] is None
    assert result.hint


@pytest.mark.parametrize(
    ("fields", "params", "outcome"),
    [
        ({"registered": True}, ClusterParticipationParams(), PASSED),
        ({"registered": False}, ClusterParticipationParams(), FAILED),  # CL-01
        ({"registered": True}, ClusterParticipationParams(signed_agreement=True), FAILED),
        (
            {"registered": True, "signed_agreement": True},
            ClusterParticipationParams(signed_agreement=True),
            PASSED,
        ),
    ],
)
def test_cluster_participation_table(fields, params, outcome):
    assert check_cluster_participation(in_cluster(**fields), params).outcome is outcome


@pytest.mark.parametrize(
    ("fields", "outcome"),
    [
        ({"has_scoring_sheet": True, "has_minutes": True}, PASSED),
        ({"has_scoring_sheet": True}, FAILED),
        ({"has_minutes": True}, FAILED),
    ],
)
def test_cluster_documented_table(fields, outcome):
    assert (
        check_cluster_documented(in_cluster(**fields), ClusterDocumentedParams()).outcome is outcome
    )


@pytest.mark.parametrize(("terms", "outcome"), [(1, PASSED), (2, FAILED)])
def test_cluster_head_rotation_after_one_term(terms, outcome):
    facts = in_cluster(head_terms_without_election=terms)
    assert check_cluster_head_rotation(facts, ClusterHeadRotationParams()).outcome is outcome


@pytest.mark.parametrize(
    ("campaign", "registered", "outcome"),
    [
        ("PT-2025-GVN", ("PT-2025-GVN",), PASSED),
        ("PT-2025-GVN", ("PT-2024-GVN",), FAILED),
        ("", ("PT-2025-GVN",), FAILED),  # not linked to a campaign
    ],
)
def test_campaign_registered_table(campaign, registered, outcome):
    # given
    facts = case(UnitFacts(registered_campaigns=registered), proposal={"campaign": campaign})

    # when / then
    assert check_campaign_registered(facts, CampaignRegisteredParams()).outcome is outcome
