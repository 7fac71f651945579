"""Reads: who sees which campaign and cluster, who has not registered or reported (or did so
late), the roll-up of each target over a subtree, and what the award rules read."""

import datetime
from decimal import Decimal

import pytest

from common.exceptions import DomainNotFound
from emulation.choices import CampaignScope, DeadlineState, RegistrationStatus
from emulation.models import ClusterMembership
from emulation.selectors import (
    campaign_get_visible,
    campaign_list_visible_to,
    campaign_participants,
    campaign_registered,
    campaign_rollup,
    progress_report_list_late,
    progress_report_list_missing,
    progress_report_list_visible_to,
    progress_report_status_list,
    registered_campaign_list,
    registration_list_late,
    registration_list_missing,
    registration_list_visible_to,
    registration_status_list,
)
from emulation.selectors_clusters import (
    cluster_get_visible,
    cluster_list_visible_to,
    cluster_ranking_visible_to,
    cluster_result_for,
    score_sheet_get_visible,
    score_sheet_list_visible_to,
)
from emulation.services import (
    campaign_create,
    campaign_launch,
    cluster_create,
    cluster_ranking_finalise,
    lead_proposal_record,
)
from tests.factories import (
    CampaignFactory,
    PersonFactory,
    ProgressReportFactory,
    RegistrationFactory,
    ReportValueFactory,
    UnitFactory,
)

from .conftest import YEAR, actor_at


def codes(units):
    return sorted(unit.code for unit in units)


def states(rows):
    return {row.unit.code: row.state for row in rows}


# --- campaigns -----------------------------------------------------------------------------------


def test_participants_are_the_units_of_the_chosen_levels_under_the_launching_unit(campaign):
    assert codes(campaign_participants(campaign)) == [
        "CDCS-A1X",
        "CDCS-A1Y",
        "CDCS-A2X",
        "LDLD-A1",
        "LDLD-A2",
    ]


def test_without_levels_the_participants_are_the_direct_sub_units(tree):
    campaign = CampaignFactory(launching_unit=tree.province_a)

    assert codes(campaign_participants(campaign)) == ["LDLD-A1", "LDLD-A2"]


def test_campaigns_are_seen_by_the_launching_unit_and_once_launched_by_the_units_below(
    draft_campaign, reviewer, clerk, reviewer_b, tree
):
    # given a launched campaign of province A and a draft one
    launched = CampaignFactory(launching_unit=tree.province_a, name="Thi đua chuyên đề ATVSLĐ")

    # then
    assert set(campaign_list_visible_to(reviewer)) == {draft_campaign, launched}
    assert list(campaign_list_visible_to(clerk)) == [launched]
    assert not campaign_list_visible_to(reviewer_b).exists()
    with pytest.raises(DomainNotFound):
        campaign_get_visible(clerk, draft_campaign.pk)
    with pytest.raises(DomainNotFound):
        campaign_get_visible(reviewer_b, launched.pk)


def test_a_campaign_for_chosen_units_is_seen_by_those_units_only(tree, reviewer, clerk, clerk_a2x):
    campaign = campaign_create(
        actor=reviewer,
        launching_unit=tree.province_a,
        name="Thi đua chuyên đề",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        scope=CampaignScope.CHOSEN_UNITS,
        participants=[tree.cdcs_a2x],
    )
    campaign_launch(actor=reviewer, campaign=campaign)

    assert list(campaign_list_visible_to(clerk_a2x)) == [campaign]
    assert not campaign_list_visible_to(clerk).exists()


def test_campaign_list_filters_and_costs_two_queries(
    campaign, reviewer, tree, django_assert_max_num_queries
):
    CampaignFactory(
        launching_unit=tree.province_a,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    CampaignFactory(launching_unit=tree.district_a1)

    with django_assert_max_num_queries(2):  # the reader's roles, the campaigns
        found = list(campaign_list_visible_to(reviewer, year=YEAR, search="2025"))

    assert campaign in found and len(found) == 2
    assert (
        campaign_list_visible_to(reviewer, launching_unit=tree.district_a1).get().launching_unit
        == tree.district_a1
    )


# --- registration deadlines ----------------------------------------------------------------------


@pytest.fixture
def registrations(campaign, tree):
    """District A1 on 10/02, CĐCS A1X on the deadline (28/02), CĐCS A1Y late on 05/03; district
    A2 and CĐCS A2X never. A person's registration does not stand for its unit."""
    RegistrationFactory(
        campaign=campaign, unit=tree.district_a1, submitted_on=datetime.date(YEAR, 2, 10)
    )
    RegistrationFactory(
        campaign=campaign, unit=tree.cdcs_a1x, submitted_on=datetime.date(YEAR, 2, 28)
    )
    RegistrationFactory(
        campaign=campaign,
        unit=tree.cdcs_a1y,
        submitted_on=datetime.date(YEAR, 3, 5),
        status=RegistrationStatus.RETURNED,
    )
    RegistrationFactory(
        campaign=campaign,
        unit=tree.cdcs_a2x,
        person=PersonFactory(unit=tree.cdcs_a2x),
        reviewing_unit=tree.cdcs_a2x,
        submitted_on=datetime.date(YEAR, 2, 1),
    )
    return campaign


def test_after_the_deadline_missing_and_late_registrations_are_listed(
    registrations, reviewer, django_assert_max_num_queries
):
    as_of = datetime.date(YEAR, 3, 10)

    with django_assert_max_num_queries(4):  # roles, the levels, the participants, registrations
        rows = registration_status_list(reviewer, registrations, YEAR, as_of=as_of)

    assert states(rows) == {
        "LDLD-A1": DeadlineState.ON_TIME,
        "CDCS-A1X": DeadlineState.ON_TIME,  # on the deadline day
        "CDCS-A1Y": DeadlineState.LATE,  # returned later, but received late
        "LDLD-A2": DeadlineState.OVERDUE,
        "CDCS-A2X": DeadlineState.OVERDUE,  # its member's registration does not count
    }
    assert codes(
        r.unit for r in registration_list_missing(reviewer, registrations, YEAR, as_of=as_of)
    ) == [
        "CDCS-A2X",
        "LDLD-A2",
    ]
    assert codes(
        r.unit for r in registration_list_late(reviewer, registrations, YEAR, as_of=as_of)
    ) == ["CDCS-A1Y"]


def test_before_the_deadline_nobody_is_overdue_yet(registrations, reviewer):
    rows = registration_status_list(reviewer, registrations, YEAR, as_of=datetime.date(YEAR, 2, 20))

    assert states(rows) == {
        "LDLD-A1": DeadlineState.ON_TIME,
        "CDCS-A1X": DeadlineState.NOT_YET_DUE,  # filed later than the day we look from
        "CDCS-A1Y": DeadlineState.NOT_YET_DUE,
        "LDLD-A2": DeadlineState.NOT_YET_DUE,
        "CDCS-A2X": DeadlineState.NOT_YET_DUE,
    }
    assert not registration_list_late(
        reviewer, registrations, YEAR, as_of=datetime.date(YEAR, 2, 20)
    )


def test_a_district_follows_its_own_registration_and_its_grassroots_unions(
    registrations, district_clerk, clerk
):
    rows = registration_status_list(
        district_clerk, registrations, YEAR, as_of=datetime.date(YEAR, 3, 10)
    )
    own = registration_status_list(clerk, registrations, YEAR, as_of=datetime.date(YEAR, 3, 10))

    assert sorted(states(rows)) == ["CDCS-A1X", "CDCS-A1Y", "LDLD-A1"]
    assert sorted(states(own)) == ["CDCS-A1X"]


def test_registrations_are_read_by_the_filer_the_upper_unit_and_the_launcher(
    registrations, district_clerk, reviewer, reviewer_b, clerk_a2x
):
    assert codes(
        r.unit for r in registration_list_visible_to(district_clerk, campaign=registrations)
    ) == [
        "CDCS-A1X",
        "CDCS-A1Y",
        "LDLD-A1",
    ]
    assert registration_list_visible_to(reviewer, campaign=registrations).count() == 4
    assert registration_list_visible_to(clerk_a2x).get().person is not None
    assert not registration_list_visible_to(reviewer_b).exists()


# --- report deadlines ----------------------------------------------------------------------------


def test_missing_and_late_reports_per_period(half_year, year_period, reviewer, tree):
    # given the half-year report due 15/07: A1 on 10/07, A2 late on 20/07, CĐCS A1X on 15/07
    ProgressReportFactory(
        period=half_year, unit=tree.district_a1, submitted_on=datetime.date(YEAR, 7, 10)
    )
    ProgressReportFactory(
        period=half_year, unit=tree.district_a2, submitted_on=datetime.date(YEAR, 7, 20)
    )
    ProgressReportFactory(
        period=half_year, unit=tree.cdcs_a1x, submitted_on=datetime.date(YEAR, 7, 15)
    )
    # and a yearly report, which does not count for the half-year
    ProgressReportFactory(
        period=year_period, unit=tree.cdcs_a1y, submitted_on=datetime.date(YEAR, 7, 1)
    )
    as_of = datetime.date(YEAR, 8, 1)

    # then
    assert states(progress_report_status_list(reviewer, half_year, as_of=as_of)) == {
        "LDLD-A1": DeadlineState.ON_TIME,
        "LDLD-A2": DeadlineState.LATE,
        "CDCS-A1X": DeadlineState.ON_TIME,
        "CDCS-A1Y": DeadlineState.OVERDUE,
        "CDCS-A2X": DeadlineState.OVERDUE,
    }
    assert codes(
        r.unit for r in progress_report_list_missing(reviewer, half_year, as_of=as_of)
    ) == [
        "CDCS-A1Y",
        "CDCS-A2X",
    ]
    assert codes(r.unit for r in progress_report_list_late(reviewer, half_year, as_of=as_of)) == [
        "LDLD-A2"
    ]
    # the yearly report is not yet due on 01/08
    assert {
        row.state for row in progress_report_list_missing(reviewer, year_period, as_of=as_of)
    } == {DeadlineState.NOT_YET_DUE}


def test_reports_are_read_within_scope(half_year, tree, district_clerk, reviewer_b):
    ProgressReportFactory(period=half_year, unit=tree.cdcs_a1x)
    ProgressReportFactory(period=half_year, unit=tree.cdcs_a2x)

    assert codes(r.unit for r in progress_report_list_visible_to(district_clerk)) == ["CDCS-A1X"]
    assert not progress_report_list_visible_to(reviewer_b).exists()


# --- roll-up -------------------------------------------------------------------------------------


@pytest.fixture
def reported(half_year, campaign, tree):
    """Half-year values: new members A1 800, A2 700; fund A1 400 million, A2 nothing;
    rated strong A1X yes, A1Y yes, A2X no; cultural families A1X 92%, A1Y 88%, A2X nothing."""
    indicators = {i.code: i for i in campaign.indicators.all()}
    values = {
        tree.district_a1: {"doan-vien-moi": 800, "quy-mai-am": 400_000_000},
        tree.district_a2: {"doan-vien-moi": 700},
        tree.cdcs_a1x: {"cdcs-vung-manh": 1, "gia-dinh-van-hoa": 92},
        tree.cdcs_a1y: {"cdcs-vung-manh": 1, "gia-dinh-van-hoa": 88},
        tree.cdcs_a2x: {"cdcs-vung-manh": 0},
    }
    for unit, by_code in values.items():
        report = ProgressReportFactory(period=half_year, unit=unit)
        for code, value in by_code.items():
            ReportValueFactory(report=report, indicator=indicators[code], value=Decimal(value))
    return half_year


def rollup_table(rows):
    return {
        row.indicator.code: (
            row.result.value,
            row.result.reported,
            row.result.expected,
            row.result.target_met,
        )
        for row in rows
    }


def test_the_launching_unit_sees_each_target_rolled_up_over_its_subtree(
    reported, campaign, reviewer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        rows = campaign_rollup(reviewer, campaign, reported)

    assert rollup_table(rows) == {
        # sum over the district federations: 1,500 of 2,000
        "doan-vien-moi": (Decimal(1500), 2, 2, False),
        # share of grassroots unions rated strong: 2 of 3, not over 80%
        "cdcs-vung-manh": (Decimal("66.67"), 3, 3, False),
        # average of those that reported: (92 + 88) / 2 = 90, at least 90
        "gia-dinh-van-hoa": (Decimal("90.00"), 2, 3, True),
        "quy-mai-am": (Decimal(400_000_000), 1, 2, False),
    }


def test_the_roll_up_over_a_district_counts_only_its_units(
    reported, campaign, district_clerk, tree
):
    rows = campaign_rollup(district_clerk, campaign, reported, under=tree.district_a1)

    assert rollup_table(rows) == {
        "doan-vien-moi": (Decimal(800), 1, 1, False),
        "cdcs-vung-manh": (Decimal("100.00"), 2, 2, True),
        "gia-dinh-van-hoa": (Decimal("90.00"), 2, 2, True),
        "quy-mai-am": (Decimal(400_000_000), 1, 1, False),
    }


def test_the_roll_up_is_not_found_outside_the_readers_scope(
    reported, campaign, district_clerk, reviewer_b, tree
):
    with pytest.raises(DomainNotFound):
        campaign_rollup(district_clerk, campaign, reported)  # over the whole province
    with pytest.raises(DomainNotFound):
        campaign_rollup(reviewer_b, campaign, reported)
    with pytest.raises(DomainNotFound):
        campaign_rollup(district_clerk, campaign, reported, under=tree.district_a2)


# --- clusters ------------------------------------------------------------------------------------


@pytest.fixture
def second_cluster(cluster, district_clerk, tree):
    """Cụm thi đua số 2 of district A1, with one grassroots union of its own."""
    cdcs_a1w = UnitFactory(
        code="CDCS-A1W", name="Công đoàn cơ sở Chợ A1-W", parent=tree.district_a1
    )
    return cluster_create(
        actor=district_clerk,
        parent_unit=tree.district_a1,
        name="Cụm thi đua số 2",
        kind="region",
        formed_on=datetime.date(2024, 1, 1),
        members=[cdcs_a1w],
    )


@pytest.fixture
def clerk_a1w(second_cluster):
    return actor_at("clerk_a1w", "clerk", second_cluster.memberships.get().unit)


def test_clusters_are_seen_by_the_forming_unit_and_their_members(
    cluster,
    second_cluster,
    district_clerk,
    reviewer,
    clerk,
    clerk_a1w,
    reviewer_b,
    django_assert_max_num_queries,
):
    with django_assert_max_num_queries(2):
        seen_by_district = list(cluster_list_visible_to(district_clerk))

    assert seen_by_district == [cluster, second_cluster]
    assert list(cluster_list_visible_to(reviewer)) == [cluster, second_cluster]
    assert list(cluster_list_visible_to(clerk)) == [cluster]
    assert list(cluster_list_visible_to(clerk_a1w)) == [second_cluster]
    assert not cluster_list_visible_to(reviewer_b).exists()
    with pytest.raises(DomainNotFound):
        cluster_get_visible(clerk_a1w, cluster.pk)
    assert cluster_get_visible(clerk, cluster.pk).memberships.count() == 3


def test_a_unit_outside_the_cluster_cannot_see_its_internal_scores(
    checked,
    second_cluster,
    clerk_a1w,
    clerk_a1z,
    clerk_a1y,
    district_clerk,
    reviewer_b,
    django_assert_max_num_queries,
):
    x, _, _ = checked
    agreement = x.agreement
    cluster_ranking_finalise(actor=clerk_a1y, agreement=agreement)

    # a member and the forming unit see every member's sheet and the ranking
    with django_assert_max_num_queries(6):
        sheets = list(score_sheet_list_visible_to(clerk_a1z, agreement))
        [
            (line.indicator.code, line.checked_points)
            for sheet in sheets
            for line in sheet.lines.all()
        ]
    assert len(sheets) == 3
    assert score_sheet_get_visible(clerk_a1z, x.pk) == x
    assert cluster_ranking_visible_to(district_clerk, agreement).count() == 3

    # a unit of another cluster of the same district, or of another province, sees none of it
    for outsider in (clerk_a1w, reviewer_b):
        with pytest.raises(DomainNotFound):
            score_sheet_list_visible_to(outsider, agreement)
        with pytest.raises(DomainNotFound):
            score_sheet_get_visible(outsider, x.pk)
        with pytest.raises(DomainNotFound):
            cluster_ranking_visible_to(outsider, agreement)


def test_a_unit_that_joins_later_does_not_see_the_years_before(
    checked, clerk_a1w, second_cluster, cluster
):
    # given CĐCS A1W leaves cluster 2 and joins cluster 1 in the next year
    membership = second_cluster.memberships.get()
    membership.left_on = datetime.date(YEAR, 12, 31)
    membership.save()
    ClusterMembership.objects.create(
        cluster=cluster, unit=membership.unit, joined_on=datetime.date(YEAR + 1, 1, 1)
    )

    # then it sees the cluster, not its 2025 scores
    assert cluster in cluster_list_visible_to(clerk_a1w)
    with pytest.raises(DomainNotFound):
        score_sheet_list_visible_to(clerk_a1w, checked[0].agreement)


# --- what the award rules read -------------------------------------------------------------------


def test_cluster_result_gives_rank_score_lead_and_signature(
    checked, campaign, clerk_a1y, tree, cdcs_a1z, django_assert_max_num_queries
):
    agreement = cluster_ranking_finalise(actor=clerk_a1y, agreement=checked[0].agreement)
    lead_proposal_record(
        actor=clerk_a1y,
        agreement=agreement,
        units=[tree.cdcs_a1x],
        meeting_on=datetime.date(YEAR, 12, 18),
        minutes_number="BB 11/2025",
    )
    RegistrationFactory(campaign=campaign, unit=tree.cdcs_a1x)

    with django_assert_max_num_queries(7):
        leader = cluster_result_for(tree.cdcs_a1x, YEAR)
    runner = cluster_result_for(cdcs_a1z, YEAR)

    assert (leader.cluster, leader.rank, leader.score, leader.ranked_count, leader.members) == (
        agreement.cluster,
        1,
        Decimal(92),
        3,
        3,
    )
    assert (leader.led, leader.proposed, leader.signed, leader.registered) == (True,) * 4
    assert (leader.campaign_registered, leader.ranking_final, leader.has_scoring_sheet) == (
        True,
    ) * 3
    assert (leader.has_minutes, leader.proposal_minutes) == (True, "BB 11/2025")
    assert (leader.head, leader.head_terms_without_election) == (tree.cdcs_a1y, 1)
    assert (runner.rank, runner.led, runner.campaign_registered) == (3, False, False)


def test_cluster_result_before_the_ranking_and_outside_any_cluster(signed, tree):
    result = cluster_result_for(tree.cdcs_a1x, YEAR)

    assert (result.signed, result.ranking_final, result.rank, result.led) == (
        True,
        False,
        None,
        False,
    )
    assert (result.has_scoring_sheet, result.has_minutes) == (False, False)
    assert cluster_result_for(tree.cdcs_a2x, YEAR) is None
    assert cluster_result_for(tree.cdcs_a1x, 2023) is None  # before the cluster was formed


def test_a_head_not_chosen_again_counts_its_terms(officers, tree):
    # given cdcs_a1y was chosen head for 2025 and nobody for 2026 or 2027
    later = cluster_result_for(tree.cdcs_a1x, YEAR + 2)

    assert later.agreement is None
    assert (later.head, later.head_terms_without_election) == (tree.cdcs_a1y, 3)
    assert (later.signed, later.registered, later.rank) == (False, False, None)


def test_campaign_registered_by_campaign_or_year(campaign, tree):
    RegistrationFactory(campaign=campaign, unit=tree.district_a1)
    RegistrationFactory(
        campaign=campaign, unit=tree.district_a2, status=RegistrationStatus.RETURNED
    )
    member = PersonFactory(unit=tree.cdcs_a2x)
    RegistrationFactory(
        campaign=campaign, unit=tree.cdcs_a2x, person=member, reviewing_unit=tree.cdcs_a2x
    )

    assert campaign_registered(tree.district_a1, campaign) is True
    assert campaign_registered(tree.district_a1.pk, YEAR) is True
    assert campaign_registered(tree.district_a1, YEAR + 1) is False
    assert campaign_registered(tree.district_a2, campaign) is False  # returned
    assert campaign_registered(tree.cdcs_a2x, YEAR) is False  # only a member registered
    assert campaign_registered(member, campaign) is True
    assert list(registered_campaign_list(tree.district_a1, year=YEAR)) == [campaign]
    assert list(registered_campaign_list(member)) == [campaign]
    assert not registered_campaign_list(tree.district_a2).exists()
