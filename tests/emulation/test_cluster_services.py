"""Clusters: formed by a unit, members joining and leaving on record, a head and a deputy each
year with the minutes; the agreement, its signatures, the year-end scores, the ranking with its
tie-breaks, and the proposal of the leading unit."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from audit.models import AuditEvent, EventType
from common.exceptions import DomainConflict, DomainPermissionError, DomainValidationError
from emulation.choices import AgreementStatus, ScoreSheetStatus
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import ClusterMembership, ClusterOfficer, ClusterRankingEntry, ScoreLine
from emulation.services import (
    IndicatorScore,
    IndicatorSpec,
    agreement_sign,
    cluster_agreement_create,
    cluster_create,
    cluster_member_add,
    cluster_member_remove,
    cluster_officer_elect,
    cluster_ranking_finalise,
    lead_proposal_record,
    score_sheet_check,
    score_sheet_submit,
)

from .conftest import YEAR, agreement_specs, pdf, self_assess


def events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


# --- clusters and members ------------------------------------------------------------------------


def test_a_unit_forms_a_cluster_of_units_under_it(cluster, tree, district_clerk, cdcs_a1z):
    assert cluster.parent_unit == tree.district_a1
    assert set(cluster.memberships.values_list("unit", flat=True)) == {
        tree.cdcs_a1x.pk,
        tree.cdcs_a1y.pk,
        cdcs_a1z.pk,
    }
    assert events(EventType.CLUSTER_CREATED).get().actor == district_clerk
    assert events(EventType.CLUSTER_MEMBER_ADDED).count() == 3
    assert cluster.history.get().history_user == district_clerk


def test_only_the_forming_units_staff_forms_and_changes_clusters(tree, clerk, cluster):
    with pytest.raises(DomainPermissionError):
        cluster_create(
            actor=clerk,
            parent_unit=tree.district_a1,
            name="Cụm khác",
            kind="region",
            formed_on=datetime.date(2025, 1, 1),
        )
    with pytest.raises(DomainPermissionError):
        cluster_member_remove(
            actor=clerk,
            membership=cluster.memberships.first(),
            left_on=datetime.date(2025, 6, 30),
            reason="Sáp nhập",
        )


def test_members_come_from_under_the_forming_unit_and_sit_in_one_cluster_at_a_time(
    cluster, district_clerk, tree
):
    other = cluster_create(
        actor=district_clerk,
        parent_unit=tree.district_a1,
        name="Cụm thi đua số 2",
        kind="region",
        formed_on=datetime.date(2024, 1, 1),
    )

    with pytest.raises(DomainValidationError) as outside:
        cluster_member_add(
            actor=district_clerk,
            cluster=other,
            unit=tree.cdcs_a2x,
            joined_on=datetime.date(2025, 1, 1),
        )
    with pytest.raises(DomainValidationError) as twice:
        cluster_member_add(
            actor=district_clerk,
            cluster=other,
            unit=tree.cdcs_a1x,
            joined_on=datetime.date(2025, 1, 1),
        )

    assert outside.value.code == Code.UNIT_NOT_UNDER_PARENT
    assert twice.value.code == Code.ALREADY_MEMBER


def test_a_unit_that_leaves_and_joins_another_cluster_keeps_both_memberships(
    cluster, district_clerk, tree
):
    # given
    other = cluster_create(
        actor=district_clerk,
        parent_unit=tree.district_a1,
        name="Cụm thi đua số 2",
        kind="region",
        formed_on=datetime.date(2024, 1, 1),
    )
    membership = cluster.memberships.get(unit=tree.cdcs_a1x)

    # when
    with pytest.raises(DomainValidationError) as no_reason:
        cluster_member_remove(
            actor=district_clerk,
            membership=membership,
            left_on=datetime.date(2025, 6, 30),
            reason="",
        )
    cluster_member_remove(
        actor=district_clerk,
        membership=membership,
        left_on=datetime.date(2025, 6, 30),
        reason="Chuyển cụm theo địa bàn mới",
    )
    cluster_member_add(
        actor=district_clerk,
        cluster=other,
        unit=tree.cdcs_a1x,
        joined_on=datetime.date(2025, 7, 1),
        reason="Chuyển từ Cụm số 1",
    )

    # then
    assert no_reason.value.code == Code.REASON_REQUIRED
    rows = ClusterMembership.objects.filter(unit=tree.cdcs_a1x).order_by("joined_on")
    assert [(m.cluster.name, m.left_on, m.leave_reason) for m in rows] == [
        ("Cụm thi đua số 1", datetime.date(2025, 6, 30), "Chuyển cụm theo địa bàn mới"),
        ("Cụm thi đua số 2", None, ""),
    ]
    assert membership.history.count() == 2
    assert events(EventType.CLUSTER_MEMBER_REMOVED).get().reason == "Chuyển cụm theo địa bàn mới"
    with pytest.raises(DomainConflict) as again:
        cluster_member_remove(
            actor=district_clerk,
            membership=membership,
            left_on=datetime.date(2025, 7, 1),
            reason="x",
        )
    assert again.value.code == Code.MEMBERSHIP_ENDED


# --- officers ------------------------------------------------------------------------------------


def test_the_head_and_deputy_are_recorded_with_the_minutes(officers, tree, cluster):
    head, deputy = officers

    assert (head.unit, head.position, head.method) == (tree.cdcs_a1y, "head", "election")
    assert (deputy.unit, deputy.method) == (tree.cdcs_a1x, "rotation")
    assert events(EventType.CLUSTER_OFFICER_ELECTED).count() == 2


def test_minutes_are_required_and_may_be_a_file(cluster, district_clerk, tree):
    with pytest.raises(DomainValidationError) as error:
        cluster_officer_elect(
            actor=district_clerk,
            cluster=cluster,
            year=YEAR,
            unit=tree.cdcs_a1y,
            chosen_on=datetime.date(2024, 12, 20),
        )
    officer = cluster_officer_elect(
        actor=district_clerk,
        cluster=cluster,
        year=YEAR,
        unit=tree.cdcs_a1y,
        chosen_on=datetime.date(2024, 12, 20),
        minutes_file=pdf("bien-ban-bau-cum-truong.pdf"),
    )

    assert error.value.code == Code.MINUTES_REQUIRED
    assert officer.minutes_file_name == "bien-ban-bau-cum-truong.pdf"
    assert events(EventType.CLUSTER_OFFICER_ELECTED).get().changes["minutes_file"]["size"] > 0


def test_one_head_per_cluster_and_year_and_only_members(officers, cluster, district_clerk, tree):
    with pytest.raises(DomainConflict) as taken:
        cluster_officer_elect(
            actor=district_clerk,
            cluster=cluster,
            year=YEAR,
            unit=tree.cdcs_a1x,
            chosen_on=datetime.date(2024, 12, 20),
            minutes_number="BB 08/2024",
        )
    with pytest.raises(DomainValidationError) as outsider:
        cluster_officer_elect(
            actor=district_clerk,
            cluster=cluster,
            year=YEAR + 1,
            unit=tree.cdcs_a2x,
            chosen_on=datetime.date(2025, 12, 20),
            minutes_number="BB 09/2025",
        )
    # the database holds the line too
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterOfficer.objects.create(
            cluster=cluster,
            year=YEAR,
            unit=tree.cdcs_a1x,
            position="head",
            method="election",
            chosen_on=datetime.date(2024, 12, 20),
            recorded_by=district_clerk,
        )

    assert taken.value.code == Code.OFFICER_TAKEN
    assert outsider.value.code == Code.NOT_A_MEMBER


def test_the_outgoing_head_records_next_years_choice(officers, cluster, clerk_a1y, clerk_a1z, tree):
    officer = cluster_officer_elect(
        actor=clerk_a1y,
        cluster=cluster,
        year=YEAR + 1,
        unit=tree.cdcs_a1x,
        method="rotation",
        chosen_on=datetime.date(YEAR, 12, 18),
        minutes_number="BB 10/2025",
    )

    assert officer.unit == tree.cdcs_a1x
    with pytest.raises(DomainPermissionError):  # a member that is not head
        cluster_officer_elect(
            actor=clerk_a1z,
            cluster=cluster,
            year=YEAR + 1,
            unit=tree.cdcs_a1x,
            position="deputy",
            chosen_on=datetime.date(YEAR, 12, 18),
            minutes_number="BB 10/2025",
        )


# --- the agreement -------------------------------------------------------------------------------


def test_the_head_draws_up_the_agreement(agreement, clerk_a1y, tree):
    assert agreement.status == AgreementStatus.OPEN
    assert list(agreement.indicators.values_list("code", "sort_order")) == [
        ("doan-vien", 1),
        ("van-hoa", 2),
        ("hoat-dong", 3),
    ]
    assert agreement.tie_breaks == ["fewer_penalties", "indicator:hoat-dong"]
    event = events(EventType.AGREEMENT_CREATED).get()
    assert (event.actor, event.actor_unit_id) == (clerk_a1y, tree.cdcs_a1y.pk)


def test_an_agreement_is_made_once_a_year_by_the_head_or_the_forming_unit(
    agreement, cluster, clerk, clerk_a1y
):
    indicators, _ = agreement_specs()
    with pytest.raises(DomainPermissionError):  # the deputy
        cluster_agreement_create(
            actor=clerk,
            cluster=cluster,
            year=YEAR + 1,
            title="Giao ước 2026",
            indicators=indicators,
        )
    with pytest.raises(DomainConflict) as twice:
        cluster_agreement_create(
            actor=clerk_a1y, cluster=cluster, year=YEAR, title="Giao ước", indicators=indicators
        )
    assert twice.value.code == Code.AGREEMENT_EXISTS


def test_rules_that_cannot_score_are_refused_when_the_agreement_is_made(
    cluster, officers, clerk_a1y
):
    broken = [
        IndicatorSpec(
            code="a",
            name="A",
            max_points=Decimal(10),
            scoring_method="linear",
            target_value=Decimal(10),
            floor_value=Decimal(20),
        ),
        IndicatorSpec(
            code="b",
            name="B",
            max_points=Decimal(10),
            scoring_method="bands",
            bands=[["50", "12"]],
        ),
        IndicatorSpec(code="c", name="C", max_points=Decimal(10), scoring_method="assessed"),
    ]
    good = [IndicatorSpec(code="c", name="C", max_points=Decimal(10), scoring_method="assessed")]

    with pytest.raises(DomainValidationError) as rules:
        cluster_agreement_create(
            actor=clerk_a1y, cluster=cluster, year=YEAR, title="G", indicators=broken
        )
    with pytest.raises(DomainValidationError) as tie:
        cluster_agreement_create(
            actor=clerk_a1y,
            cluster=cluster,
            year=YEAR,
            title="G",
            indicators=good,
            tie_breaks=["indicator:doan-vien"],
        )
    with pytest.raises(DomainValidationError) as empty:
        cluster_agreement_create(
            actor=clerk_a1y, cluster=cluster, year=YEAR, title="G", indicators=[]
        )

    assert rules.value.code == Code.RULE_INVALID
    assert set(rules.value.details) == {"a", "b"}
    assert tie.value.code == Code.TIE_BREAK_INVALID
    assert empty.value.code == Code.AGREEMENT_EMPTY


def test_members_sign_with_their_targets(signed, tree):
    signature = signed.signatures.get(unit=tree.cdcs_a1x)

    assert [(t.indicator.code, t.target_value) for t in signature.targets.all()] == [
        ("doan-vien", Decimal(50))
    ]
    assert events(EventType.AGREEMENT_SIGNED).count() == 3


def test_signing_needs_membership_targets_and_happens_once(agreement, clerk, clerk_a2x, tree):
    with pytest.raises(DomainValidationError) as targets:
        agreement_sign(
            actor=clerk,
            agreement=agreement,
            unit=tree.cdcs_a1x,
            signed_on=datetime.date(YEAR, 1, 15),
        )
    with pytest.raises(DomainValidationError) as outsider:
        agreement_sign(
            actor=clerk_a2x,
            agreement=agreement,
            unit=tree.cdcs_a2x,
            signed_on=datetime.date(YEAR, 1, 15),
            targets={"doan-vien": Decimal(10)},
        )
    agreement_sign(
        actor=clerk,
        agreement=agreement,
        unit=tree.cdcs_a1x,
        signed_on=datetime.date(YEAR, 1, 15),
        targets={"doan-vien": Decimal(50)},
    )
    with pytest.raises(DomainConflict) as twice:
        agreement_sign(
            actor=clerk,
            agreement=agreement,
            unit=tree.cdcs_a1x,
            signed_on=datetime.date(YEAR, 1, 16),
            targets={"doan-vien": Decimal(50)},
        )

    assert targets.value.code == Code.TARGETS_REQUIRED
    assert targets.value.details == {"targets": ["doan-vien"]}
    assert outsider.value.code == Code.NOT_A_MEMBER
    assert twice.value.code == Code.ALREADY_SIGNED


def test_a_registered_target_must_suit_the_scoring_method(agreement, clerk, tree):
    with pytest.raises(DomainValidationError) as error:
        agreement_sign(
            actor=clerk,
            agreement=agreement,
            unit=tree.cdcs_a1x,
            signed_on=datetime.date(YEAR, 1, 15),
            targets={"doan-vien": Decimal(0)},  # proportional to zero cannot be computed
        )

    assert error.value.code == Code.TARGET_UNFIT
    assert error.value.details == {"targets": {"doan-vien": ["target must be positive"]}}


# --- scores --------------------------------------------------------------------------------------


def test_a_self_assessment_scores_each_result_against_the_members_own_target(self_assessed, tree):
    x, y, z = self_assessed

    assert (x.self_total, y.self_total, z.self_total) == (Decimal(95), Decimal(92), Decimal(65))
    line = ScoreLine.objects.get(sheet=z, indicator__code="doan-vien")
    # 30 new members against its own target of 60: half of 30 points
    assert (line.target_value, line.self_result, line.self_points) == (
        Decimal(60),
        Decimal(30),
        Decimal(15),
    )
    assert line.evidence == "Sổ đoàn viên"
    assert events(EventType.SCORE_SHEET_SUBMITTED).count() == 3


def test_a_self_assessment_covers_every_indicator_within_its_points(signed, clerk, tree):
    with pytest.raises(DomainValidationError) as incomplete:
        score_sheet_submit(
            actor=clerk,
            agreement=signed,
            unit=tree.cdcs_a1x,
            scores={"doan-vien": IndicatorScore(result=Decimal(50))},
        )
    with pytest.raises(DomainValidationError) as too_many:
        self_assess(clerk, signed, tree.cdcs_a1x, 50, 90, 51)

    assert incomplete.value.code == Code.SCORES_INCOMPLETE
    assert incomplete.value.details == {"scores": ["hoat-dong", "van-hoa"]}
    assert too_many.value.code == Code.POINTS_INVALID


def test_only_signatories_are_scored(agreement, clerk, tree):
    with pytest.raises(DomainValidationError) as error:
        self_assess(clerk, agreement, tree.cdcs_a1x, 50, 90, 45)

    assert error.value.code == Code.NOT_SIGNED


def test_a_member_may_resubmit_until_the_check(self_assessed, clerk, clerk_a1y, tree):
    x, _, _ = self_assessed
    x = self_assess(clerk, x.agreement, tree.cdcs_a1x, 50, 90, 46)
    assert x.self_total == Decimal(91)  # 30 + 15 + 46: the bonus claimed before is dropped

    score_sheet_check(actor=clerk_a1y, sheet=x)
    with pytest.raises(DomainConflict) as error:
        self_assess(clerk, x.agreement, tree.cdcs_a1x, 50, 90, 50)
    assert error.value.code == Code.SHEET_CHECKED


def test_the_cross_check_corrects_lines_and_keeps_the_rest(checked, clerk_a1y, tree):
    x, y, z = checked

    assert (x.status, x.checked_total, x.checking_unit) == (
        ScoreSheetStatus.CROSS_CHECKED,
        Decimal(92),
        tree.cdcs_a1y,
    )
    line = x.lines.get(indicator__code="hoat-dong")
    assert (line.self_points, line.checked_points, line.check_note) == (
        Decimal(48),
        Decimal(45),
        "Thiếu minh chứng 2 mục",
    )
    assert (y.checked_total, y.checking_unit) == (Decimal(92), tree.cdcs_a1x)
    assert z.checked_total == z.self_total
    corrected = events(EventType.SCORE_SHEET_CHECKED).filter(object_id=str(x.pk)).get()
    assert corrected.changes["corrected"] == {"hoat-dong": ["48.00", "45.00"]}


def test_a_unit_never_checks_its_own_score(self_assessed, clerk_a1y, clerk_a1z):
    x, y, _ = self_assessed

    with pytest.raises(DomainPermissionError) as own:
        score_sheet_check(actor=clerk_a1y, sheet=y)  # the head's own sheet
    with pytest.raises(DomainPermissionError):
        score_sheet_check(actor=clerk_a1z, sheet=x)  # a plain member

    assert own.value.code == Code.CHECK_OWN_SHEET


# --- ranking and proposal ------------------------------------------------------------------------


def test_the_ranking_orders_by_score_and_breaks_the_tie_as_agreed(
    checked, clerk_a1y, tree, cdcs_a1z
):
    # when
    agreement = cluster_ranking_finalise(actor=clerk_a1y, agreement=checked[0].agreement)

    # then A1X and A1Y tie at 92; A1X has no penalty, A1Y one
    ranking = [
        (e.unit, e.position, e.rank, e.score, e.decided_by)
        for e in ClusterRankingEntry.objects.filter(agreement=agreement)
    ]
    assert ranking == [
        (tree.cdcs_a1x, 1, 1, Decimal(92), "total"),
        (tree.cdcs_a1y, 2, 2, Decimal(92), "fewer_penalties"),
        (cdcs_a1z, 3, 3, Decimal(65), "total"),
    ]
    assert agreement.status == AgreementStatus.RANKED
    assert set(agreement.score_sheets.values_list("status", flat=True)) == {ScoreSheetStatus.FINAL}
    event = events(EventType.CLUSTER_RANKING_FINALISED).get()
    assert event.changes["ranking"][1] == [2, 2, tree.cdcs_a1y.pk, "92.00", "fewer_penalties"]


def test_the_ranking_waits_for_every_signatorys_checked_score(
    self_assessed, clerk_a1y, tree, cdcs_a1z
):
    x, _, _ = self_assessed
    score_sheet_check(actor=clerk_a1y, sheet=x)

    with pytest.raises(DomainValidationError) as error:
        cluster_ranking_finalise(actor=clerk_a1y, agreement=x.agreement)

    assert error.value.code == Code.SHEETS_MISSING
    assert error.value.details == {"units": [tree.cdcs_a1y.name, cdcs_a1z.name]}
    assert not ClusterRankingEntry.objects.exists()


def test_nothing_is_signed_or_scored_after_the_ranking(checked, clerk, clerk_a1y, tree):
    agreement = cluster_ranking_finalise(actor=clerk_a1y, agreement=checked[0].agreement)

    with pytest.raises(DomainConflict) as error:
        score_sheet_check(actor=clerk_a1y, sheet=checked[0])

    assert error.value.code == Code.AGREEMENT_NOT_OPEN
    assert agreement.status == AgreementStatus.RANKED


def test_the_cluster_proposes_its_leader_with_the_minutes(checked, clerk_a1y, tree):
    agreement = cluster_ranking_finalise(actor=clerk_a1y, agreement=checked[0].agreement)

    proposal = lead_proposal_record(
        actor=clerk_a1y,
        agreement=agreement,
        units=[tree.cdcs_a1x],
        meeting_on=datetime.date(YEAR, 12, 18),
        minutes_number="BB 11/2025",
        minutes_file=pdf("bien-ban-suy-ton.pdf"),
    )

    assert [u.unit for u in proposal.units.all()] == [tree.cdcs_a1x]
    assert proposal.minutes_file_name == "bien-ban-suy-ton.pdf"
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PROPOSED
    event = events(EventType.LEAD_PROPOSAL_RECORDED).get()
    assert event.changes["units"] == [[tree.cdcs_a1x.pk, 1]]
    with pytest.raises(DomainConflict) as twice:
        lead_proposal_record(
            actor=clerk_a1y,
            agreement=agreement,
            units=[tree.cdcs_a1x],
            meeting_on=datetime.date(YEAR, 12, 18),
            minutes_number="BB 12/2025",
        )
    assert twice.value.code == Code.ALREADY_PROPOSED


def test_a_proposal_follows_the_ranking_the_number_and_the_minutes(
    checked, self_assessed, clerk_a1y, tree
):
    agreement = checked[0].agreement
    common = {"actor": clerk_a1y, "meeting_on": datetime.date(YEAR, 12, 18)}

    with pytest.raises(DomainConflict) as early:
        lead_proposal_record(
            agreement=agreement, units=[tree.cdcs_a1x], minutes_number="BB", **common
        )
    agreement = cluster_ranking_finalise(actor=clerk_a1y, agreement=agreement)
    with pytest.raises(DomainValidationError) as many:
        lead_proposal_record(
            agreement=agreement,
            units=[tree.cdcs_a1x, tree.cdcs_a1y],
            minutes_number="BB",
            **common,
        )
    with pytest.raises(DomainValidationError) as minutes:
        lead_proposal_record(agreement=agreement, units=[tree.cdcs_a1x], **common)
    with pytest.raises(DomainValidationError) as outsider:
        lead_proposal_record(
            agreement=agreement, units=[tree.cdcs_a2x], minutes_number="BB", **common
        )
    with pytest.raises(DomainValidationError) as lower:
        lead_proposal_record(
            agreement=agreement, units=[tree.cdcs_a1y], minutes_number="BB", **common
        )
    proposal = lead_proposal_record(
        agreement=agreement,
        units=[tree.cdcs_a1y],
        minutes_number="BB",
        reason="Hội nghị cụm biểu quyết suy tôn đơn vị cụm trưởng",
        **common,
    )

    assert early.value.code == Code.AGREEMENT_NOT_RANKED
    assert many.value.code == Code.TOO_MANY_LEADERS
    assert minutes.value.code == Code.MINUTES_REQUIRED
    assert outsider.value.code == Code.LEADER_NOT_RANKED
    assert lower.value.code == Code.REASON_FOR_LOWER_RANK
    assert proposal.reason == "Hội nghị cụm biểu quyết suy tôn đơn vị cụm trưởng"
