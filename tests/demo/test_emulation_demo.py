"""The demo's emulation (demo.data.emulation): the campaigns of the five seed plans with their
phases and targets, Tuyên Quang 2017 from launch to its year-end roll-up, three clusters with a
signed agreement, scores, a final ranking and a leading unit, and a second seed that adds nothing.

The seed runs once for this module (conftest.demo_seeded); every test reads it through `demo`.
"""

import datetime
from decimal import Decimal

import pytest

from accounts.models import User
from audit.models import AuditEvent
from common.exceptions import DomainNotFound
from demo.data import emulation as data
from demo.emulation import EMULATION_SUMMARY_KEYS, demo_emulation_seed
from demo.services import SeedResult
from emulation.choices import (
    AgreementStatus,
    CampaignScope,
    CampaignStatus,
    OfficerPosition,
    RegistrationStatus,
    ScoreSheetStatus,
)
from emulation.models import (
    AgreementSignature,
    Campaign,
    Cluster,
    ClusterAgreement,
    ClusterOfficer,
    ProgressReport,
    Registration,
    ReportAttachment,
    ScoreSheet,
)
from emulation.selectors import (
    campaign_list_visible_to,
    campaign_participants,
    campaign_rollup,
    progress_report_list_missing,
    registration_list_visible_to,
)
from emulation.selectors_clusters import (
    cluster_list_visible_to,
    cluster_ranking_visible_to,
    cluster_result_for,
)
from organizations.models import RoleAssignment, Unit

CAMPAIGNS = {spec.key: spec for spec in data.CAMPAIGNS}
D = datetime.date


def campaign(key: str) -> Campaign:
    spec = CAMPAIGNS[key]
    return Campaign.objects.get(launching_unit__code=spec.launching_unit, name=spec.name)


def agreement_of(spec: data.ClusterSpec) -> ClusterAgreement:
    return ClusterAgreement.objects.get(
        cluster__parent_unit__code=spec.parent_unit,
        cluster__name=spec.name,
        year=spec.agreement.year,
    )


def user(username: str) -> User:
    return User.objects.get(username=username)


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


# --- the campaigns of the five plans -------------------------------------------------------------


def test_every_seed_campaign_is_there_with_its_phases_targets_and_reporting_calendar(demo):
    for spec in data.CAMPAIGNS:
        launched = campaign(spec.key)

        assert (launched.plan_number, launched.plan_date) == (spec.plan_number, spec.plan_date)
        assert (launched.starts_on, launched.ends_on) == (spec.starts_on, spec.ends_on)
        assert launched.status == CampaignStatus.CLOSED
        assert list(
            launched.phases.order_by("number").values_list(
                "number", "name", "theme", "starts_on", "ends_on"
            )
        ) == [(p.number, p.name, p.theme, p.starts_on, p.ends_on) for p in spec.phases]
        assert list(
            launched.indicators.order_by("sort_order").values_list(
                "code", "name", "measure", "direction", "target_value", "rollup"
            )
        ) == [(t.code, t.name, t.measure, t.direction, t.target, t.rollup) for t in spec.targets]
        assert sorted(launched.reporting_periods.values_list("kind", "due_on")) == sorted(
            (p.kind, p.due_on) for p in spec.periods
        )


def test_the_campaigns_carry_the_plans_own_dates_and_legal_bases(demo):
    # CĐVC Việt Nam 2017: two phases, 01/01–30/6 and 01/7–31/12
    assert list(campaign("cdvc-2017").phases.values_list("starts_on", "ends_on")) == [
        (D(2017, 1, 1), D(2017, 6, 30)),
        (D(2017, 7, 1), D(2017, 12, 31)),
    ]
    # the ten-year review of the campaign of KH 145/KH-CĐVC: reports due 15/05/2017
    review = campaign("vh8h")
    assert (review.plan_number, review.plan_date) == ("145/KH-CĐVC", D(2007, 7, 4))
    assert review.reporting_periods.get().due_on == D(2017, 5, 15)
    # CĐVC tỉnh Quảng Nam, 01/KH-CĐN of 18/01/2019: to 31/7, then from 01/8
    quang_nam = campaign("qn-2019")
    assert (quang_nam.plan_number, quang_nam.plan_date) == ("01/KH-CĐN", D(2019, 1, 18))
    assert list(quang_nam.phases.values_list("ends_on", flat=True)) == [
        D(2019, 7, 31),
        D(2019, 12, 31),
    ]
    # Đại Lộc: from the fourth quarter of 2019 to 2023, for its agencies and public services
    dai_loc = campaign("dl-vhcs")
    assert (dai_loc.starts_on, dai_loc.ends_on) == (D(2019, 10, 1), D(2023, 12, 31))
    assert dai_loc.scope == CampaignScope.CHOSEN_UNITS
    assert "733/QĐ-TTg" in dai_loc.theme
    assert set(dai_loc.participants.values_list("code", flat=True)) == {
        "QNA-DLO-LTK",
        "QNA-DLO-NTR",
        "QNA-DLO-MNAN",
        "QNA-DLO-TTYT",
        "QNA-DLO-DHI",
    }
    # Tuyên Quang, plan of 07/02/2017
    assert campaign("tq-2017").plan_date == D(2017, 2, 7)


def test_tuyen_quang_2017_carries_every_target_of_its_plan(demo):
    indicators = {
        i.code: (i.target_value, i.direction, i.rollup, i.level.code if i.level else "")
        for i in campaign("tq-2017").indicators.select_related("level")
    }

    assert len(indicators) == 26  # section II, items 1 to 9đ, one figure each
    assert indicators["doan-vien-moi"] == (2000, "at_least", "sum", "cap-tren-co-so")
    assert indicators["cdcs-moi"] == (15, "at_least", "sum", "cap-tren-co-so")
    assert indicators["cdcs-vung-manh"] == (80, "more_than", "share_meeting", "co-so")
    assert indicators["cdcs-yeu"] == (0, "at_most", "sum", "co-so")
    assert indicators["gia-dinh-van-hoa"] == (90, "at_least", "average", "co-so")
    assert indicators["gioi-viec-nuoc"] == (85, "at_least", "average", "co-so")
    assert indicators["quy-mai-am"] == (700_000_000, "at_least", "sum", "cap-tren-co-so")
    assert indicators["nha-mai-am"] == (30, "at_least", "sum", "cap-tren-co-so")
    assert indicators["thu-hut-doan-vien"][:2] == (85, "more_than")
    assert indicators["kiem-tra-dn"][:2] == (70, "at_least")


# --- Tuyên Quang 2017, from launch to the year-end roll-up ---------------------------------------


def test_every_unit_of_tuyen_quang_registered_for_2017_and_was_acknowledged(demo):
    tuyen_quang = campaign("tq-2017")
    participants = set(campaign_participants(tuyen_quang).values_list("code", flat=True))
    registrations = Registration.objects.filter(campaign=tuyen_quang, year=2017)

    assert len(participants) == 13  # four upper-level unions and their nine grassroots unions
    assert set(registrations.filter(person__isnull=True).values_list("unit__code", flat=True)) == (
        participants
    )
    assert set(registrations.values_list("status", flat=True)) == {RegistrationStatus.ACKNOWLEDGED}
    assert set(
        registrations.filter(person__isnull=False).values_list("person__full_name", flat=True)
    ) == {"Hoàng Công Lộc", "Nông Thị Hiền"}
    # the upper-level unions' commitments add up to the province's targets
    committed = registrations.filter(unit__code__in=data.TQ_UPPER, person__isnull=True)
    for code, target in (("doan-vien-moi", 2000), ("cdcs-moi", 15), ("nha-mai-am", 30)):
        assert sum(
            committed.filter(targets__indicator__code=code).values_list(
                "targets__target_value", flat=True
            )
        ) == Decimal(target)


def test_the_returned_registration_was_filed_again_with_the_provinces_figure(demo):
    registration = Registration.objects.get(
        campaign=campaign("tq-2017"), unit__code="TQU-KCN", person__isnull=True
    )

    assert registration.status == RegistrationStatus.ACKNOWLEDGED
    assert registration.resubmitted_at is not None
    assert registration.targets.get(indicator__code="doan-vien-moi").target_value == 1100
    returned = registration.history.filter(status=RegistrationStatus.RETURNED).get()
    assert "1.100" in returned.return_reason
    assert returned.history_user == user("demo-reviewer-tq")


def test_tuyen_quang_2017_year_end_roll_up_meets_most_targets_and_misses_two(demo):
    # given
    tuyen_quang = campaign("tq-2017")
    year = tuyen_quang.reporting_periods.get(kind="year")

    # when
    rows = {
        row.indicator.code: row.result
        for row in campaign_rollup(user("demo-reviewer-tq"), tuyen_quang, year)
    }

    # then
    assert rows["doan-vien-moi"].value == 2181 and rows["doan-vien-moi"].target_met
    assert rows["cdcs-moi"].value == 17 and rows["cdcs-moi"].target_met
    assert rows["quy-mai-am"].value == 738_500_000 and rows["quy-mai-am"].target_met
    assert rows["nha-mai-am"].value == 32 and rows["nha-mai-am"].target_met
    strong = rows["cdcs-vung-manh"]
    assert (strong.value, strong.meeting, strong.expected) == (Decimal("88.89"), 8, 9)
    assert strong.target_met
    assert rows["cdcs-yeu"].value == 0 and rows["cdcs-yeu"].target_met
    assert rows["gia-dinh-van-hoa"].value == Decimal("92.33")
    assert rows["gia-dinh-van-hoa"].target_met
    # missed: women "Giỏi việc nước, đảm việc nhà", training of new committee members
    assert {code for code, result in rows.items() if not result.target_met} == {
        "gioi-viec-nuoc",
        "tap-huan-bch-moi",
    }
    assert rows["gioi-viec-nuoc"].value == Decimal("83.83")
    # every unit reported at year end; the education union has no enterprise to report on
    assert all(result.reported == result.expected for result in (strong, rows["cdcs-moi"]))
    assert (rows["thoa-uoc"].reported, rows["thoa-uoc"].expected) == (3, 4)


def test_tuyen_quang_six_monthly_report_of_the_tea_company_is_missing(demo):
    # given
    tuyen_quang = campaign("tq-2017")
    half_year = tuyen_quang.reporting_periods.get(kind="half_year")
    reviewer = user("demo-reviewer-tq")

    # when
    missing = progress_report_list_missing(reviewer, half_year)
    rows = {
        row.indicator.code: row.result for row in campaign_rollup(reviewer, tuyen_quang, half_year)
    }

    # then
    assert [row.unit.code for row in missing] == [data.TQ_HALF_MISSING]
    assert (rows["doan-vien-uu-tu"].reported, rows["doan-vien-uu-tu"].expected) == (8, 9)
    assert rows["doan-vien-moi"].value == 1032 and not rows["doan-vien-moi"].target_met
    assert ProgressReport.objects.filter(period__campaign=tuyen_quang).count() == 12 + 13


def test_year_end_and_ten_year_reports_carry_their_evidence(demo):
    year_reports = ProgressReport.objects.filter(
        period__campaign=campaign("tq-2017"), period__kind="year", unit__code__in=data.TQ_UPPER
    )
    review_reports = ProgressReport.objects.filter(period__campaign=campaign("vh8h"))

    assert ReportAttachment.objects.filter(report__in=year_reports).count() == 4
    assert ReportAttachment.objects.filter(report__in=review_reports).count() == 3
    assert set(
        ReportAttachment.objects.filter(report__in=review_reports).values_list(
            "content_type", flat=True
        )
    ) == {"application/pdf"}


def test_each_unit_files_through_its_own_staff_and_its_upper_unit_acknowledges(demo):
    roles = set(
        RoleAssignment.objects.filter(revoked_at__isnull=True).values_list("user_id", "unit_id")
    )

    for registration in Registration.objects.all():
        assert (registration.submitted_by_id, registration.unit_id) in roles
        assert (registration.reviewed_by_id, registration.reviewing_unit_id) in roles
    for report in ProgressReport.objects.all():
        assert (report.submitted_by_id, report.unit_id) in roles
    for sheet in ScoreSheet.objects.all():
        assert (sheet.self_submitted_by_id, sheet.unit_id) in roles
        assert (sheet.checked_by_id, sheet.checking_unit_id) in roles
        assert sheet.checking_unit_id != sheet.unit_id


def test_readers_follow_the_campaigns_of_their_own_tree(demo, django_assert_max_num_queries):
    # given
    clerk_tq = user("demo-clerk-tq")

    school_clerk = user("staff-clerk-ltk")
    garment_clerk = user("demo-clerk")
    son_duong = user("staff-reviewer-sdg")

    # when
    with django_assert_max_num_queries(8):
        seen_in_tuyen_quang = list(campaign_list_visible_to(clerk_tq))
        seen_by_the_school = list(campaign_list_visible_to(school_clerk))
        seen_by_the_garment_union = list(campaign_list_visible_to(garment_clerk))
        filed_with_son_duong = list(registration_list_visible_to(son_duong))

    # then
    assert [c.name for c in seen_in_tuyen_quang] == [CAMPAIGNS["tq-2017"].name]
    # "văn hóa công sở" is for the district's agencies and public services, not its enterprises
    assert [c.name for c in seen_by_the_school] == [CAMPAIGNS["dl-vhcs"].name]
    assert seen_by_the_garment_union == []
    assert {r.unit.code for r in filed_with_son_duong} == {
        "TQU-SDG",
        "TQU-SDG-TTYT",
        "TQU-SDG-TTR",
        "TQU-SDG-CHE",
    }


# --- clusters ----------------------------------------------------------------------------------


def test_two_clusters_of_five_or_more_have_a_signed_agreement_scores_ranking_and_leader(demo):
    large = [spec for spec in data.CLUSTERS if len(spec.members) >= 5]

    assert len(large) >= 2
    for spec in large:
        agreement = agreement_of(spec)
        members = set(spec.members)
        assert agreement.status == AgreementStatus.PROPOSED
        assert set(agreement.signatures.values_list("unit__code", flat=True)) == members
        assert (
            set(
                agreement.score_sheets.filter(status=ScoreSheetStatus.FINAL).values_list(
                    "unit__code", flat=True
                )
            )
            == members
        )
        assert agreement.ranking.count() == len(members)
        leaders = list(agreement.lead_proposal.units.values_list("unit__code", flat=True))
        assert leaders == [agreement.ranking.get(position=1).unit.code]
        assert agreement.lead_proposal.minutes_number


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            data.TQ_CLUSTER,
            [
                ("TQU-TP", 1, "99.00", "total"),
                ("TQU-KCN", 2, "99.00", "fewer_penalties"),
                ("TQU-SDG", 3, "98.00", "total"),
                ("TQU-GD", 4, "94.60", "total"),
            ],
        ),
        (
            data.DL_BLOC,
            [
                ("QNA-DLO-MNAN", 1, "98.00", "total"),
                ("QNA-DLO-LTK", 2, "98.00", "women_majority"),
                ("QNA-DLO-NTR", 3, "88.00", "total"),
                ("QNA-DLO-TTYT", 4, "86.67", "total"),
                ("QNA-DLO-DHI", 5, "51.00", "total"),
            ],
        ),
        (
            data.CDVC_BLOC,
            [
                ("CDVCVN-BTP-DHL", 1, "98.29", "total"),
                ("CDVCVN-VHL-VSH", 2, "94.14", "total"),
                ("CDVCVN-BTP-HVTP", 3, "94.00", "total"),
                ("CDVCVN-VHL-VNNH", 4, "84.33", "total"),
                ("CDVCVN-KHCN-NLNT", 5, "83.43", "total"),
            ],
        ),
    ],
    ids=["tuyen-quang-2017", "dai-loc-2020", "cdvc-2017"],
)
def test_each_ranking_is_what_the_agreement_scores(demo, spec, expected):
    ranking = agreement_of(spec).ranking.select_related("unit").order_by("position")

    assert [(e.unit.code, e.rank, str(e.score), e.decided_by) for e in ranking] == expected


def test_the_cross_check_corrects_claims_and_the_deputy_checks_the_head(demo):
    dai_loc = agreement_of(data.DL_BLOC)
    head_sheet = dai_loc.score_sheets.get(unit__code="QNA-DLO-TTYT")
    commune_sheet = dai_loc.score_sheets.get(unit__code="QNA-DLO-DHI")

    assert head_sheet.checking_unit.code == "QNA-DLO-LTK"  # the deputy
    assert (head_sheet.self_total, head_sheet.final_total) == (Decimal("87.67"), Decimal("86.67"))
    assert (commune_sheet.self_total, commune_sheet.final_total) == (Decimal(54), Decimal(51))
    assert commune_sheet.adjustment_lines.get(item__code="vi-pham").checked_count == 1


def test_the_tuyen_quang_cluster_links_its_agreement_to_the_campaign(demo):
    agreement = agreement_of(data.TQ_CLUSTER)
    linked = agreement.indicators.exclude(campaign_indicator=None).select_related(
        "campaign_indicator__campaign"
    )
    signature = AgreementSignature.objects.get(agreement=agreement, unit__code="TQU-KCN")

    assert {i.code for i in linked} == {"doan-vien-moi", "cdcs-moi", "quy-mai-am", "nha-mai-am"}
    assert {i.campaign_indicator.campaign.name for i in linked} == {CAMPAIGNS["tq-2017"].name}
    # the member signs with the targets it registered for the campaign
    assert signature.targets.get(indicator__code="doan-vien-moi").target_value == 1100
    # the head of 2016 organised the choice of 2017's
    officers = ClusterOfficer.objects.filter(cluster=agreement.cluster)
    assert officers.get(year=2016, position=OfficerPosition.HEAD).unit.code == "TQU-TP"
    elected = officers.get(year=2017, position=OfficerPosition.HEAD)
    assert (elected.unit.code, elected.recorded_by.username) == ("TQU-SDG", "staff-clerk-tqtp")


def test_the_cluster_result_tells_the_award_rules_who_led(demo):
    # when
    leader = cluster_result_for(unit("QNA-DLO-MNAN"), 2020)
    runner_up = cluster_result_for(unit("TQU-KCN"), 2017)

    # then
    assert leader is not None and runner_up is not None
    assert (leader.led, leader.rank, leader.members, leader.ranked_count) == (True, 1, 5, 5)
    assert leader.has_minutes and leader.has_scoring_sheet and leader.signed
    assert leader.campaign_registered  # registered for "văn hóa công sở" in 2020
    assert (leader.head.code, leader.head_terms_without_election) == ("QNA-DLO-TTYT", 1)
    assert (runner_up.led, runner_up.rank) == (False, 2)
    assert cluster_result_for(unit("QNA-DLO-MAY"), 2020) is None  # not in the bloc


def test_cluster_results_are_read_only_inside_the_cluster(demo, django_assert_max_num_queries):
    # given
    bloc = agreement_of(data.DL_BLOC)
    district_reviewer = user("demo-reviewer-huyen")

    # when
    with django_assert_max_num_queries(6):
        clusters = list(cluster_list_visible_to(district_reviewer))
        ranking = list(cluster_ranking_visible_to(district_reviewer, bloc))

    # then
    assert [c.name for c in clusters] == [data.DL_BLOC.name]
    assert len(ranking) == 5
    with pytest.raises(DomainNotFound):  # the garment union is not in the bloc
        cluster_ranking_visible_to(user("demo-clerk"), bloc)


# --- idempotency ---------------------------------------------------------------------------------


def test_a_second_run_creates_no_emulation(demo, django_assert_max_num_queries):
    # given
    models = (Campaign, Registration, ProgressReport, Cluster, ClusterAgreement, ScoreSheet)
    counts = {model: model.objects.count() for model in models}
    last_event = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
    result = SeedResult()

    # when
    with django_assert_max_num_queries(3):
        demo_emulation_seed(actor=demo.system, plan=demo.plan, result=result)

    # then
    assert not any(result.created.values())
    assert result.skipped == []
    assert {model: model.objects.count() for model in models} == counts
    assert AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() == last_event


def test_the_first_run_counted_what_it_created(demo):
    assert {key: demo.created.get(key, 0) for key in EMULATION_SUMMARY_KEYS} == {
        "emulation_accounts": len(data.STAFF),
        "campaigns": 5,
        "registrations": sum(len(c.registrations) for c in data.CAMPAIGNS),
        "progress_reports": sum(len(c.reports) for c in data.CAMPAIGNS),
        "clusters": 3,
        "cluster_agreements": 3,
    }
