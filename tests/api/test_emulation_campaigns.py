"""Emulation campaigns, registrations and progress reports through the API, role by role: the
province drafts and launches, the district registers and reports, the province acknowledges,
returns and reads the roll-up and who is missing, each with their own token."""

import datetime
from decimal import Decimal

import pytest

from audit.models import AuditEvent, EventType
from emulation.choices import CampaignStatus, RegistrationStatus
from emulation.models import Campaign, CampaignPhase, Registration, TargetIndicator
from emulation.services import progress_report_submit, registration_submit
from tests.emulation import conftest as emulation
from tests.emulation.conftest import YEAR, pdf
from tests.factories import AwardTypeFactory
from tests.factories.emulation import CampaignFactory, ProgressReportFactory, RegistrationFactory

# The emulation tests' fixtures: a launched provincial campaign and the staff filing for it.
draft_campaign = emulation.draft_campaign
campaign = emulation.campaign
half_year = emulation.half_year
year_period = emulation.year_period
district_a2_clerk = emulation.district_a2_clerk
clerk_a1y = emulation.clerk_a1y

CAMPAIGNS = "/api/v1/campaigns/"
REGISTRATIONS = "/api/v1/registrations/"
REPORTS = "/api/v1/progress-reports/"


def url(base: str, pk: int, action: str = "") -> str:
    return f"{base}{pk}/{action + '/' if action else ''}"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()


def error(response, status: int) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    return body


def register(actor, campaign, unit, **kw):
    kw.setdefault("targets", {"doan-vien-moi": Decimal(900)})
    return registration_submit(actor=actor, campaign=campaign, year=YEAR, unit=unit, **kw)


# --- campaigns ---------------------------------------------------------------------------------


def test_a_campaign_is_drafted_built_and_launched_through_the_api(api_as, reviewer, tree):
    province = api_as(reviewer)
    award = AwardTypeFactory(name="Cờ thi đua của LĐLĐ tỉnh")

    # the province drafts the campaign for its district federations
    created = ok(
        province.post(
            CAMPAIGNS,
            {
                "launching_unit": tree.province_a.pk,
                "name": "Phong trào thi đua năm 2025",
                "plan_number": "05/KH-LĐLĐ",
                "plan_date": "2025-02-07",
                "starts_on": "2025-01-01",
                "ends_on": "2025-12-31",
                "participant_levels": ["cap-tren-co-so"],
                "registration_deadline": "2025-02-28",
            },
            format="json",
        ),
        201,
    )
    pk = created["id"]
    assert created["status"] == "draft"
    assert created["launching_unit"]["code"] == "LDLD-A"
    assert [row["code"] for row in created["participant_levels"]] == ["cap-tren-co-so"]

    # adds a phase, a target, a planned award and a reporting period for the phase
    phase = ok(
        province.post(
            url(CAMPAIGNS, pk, "phases"),
            {"number": 1, "name": "Đợt 1", "starts_on": "2025-01-01", "ends_on": "2025-06-30"},
            format="json",
        ),
        201,
    )
    indicator = ok(
        province.post(
            url(CAMPAIGNS, pk, "indicators"),
            {
                "code": "doan-vien-moi",
                "name": "Số đoàn viên phát triển mới",
                "measure": "count",
                "target_value": "2000",
                "level": "cap-tren-co-so",
            },
            format="json",
        ),
        201,
    )
    planned = ok(
        province.post(
            url(CAMPAIGNS, pk, "planned-awards"),
            {"award_type": award.pk, "planned_count": 3},
            format="json",
        ),
        201,
    )
    period = ok(
        province.post(
            url(CAMPAIGNS, pk, "reporting-periods"),
            {
                "kind": "phase",
                "phase": phase["id"],
                "name": "Báo cáo đợt 1",
                "starts_on": "2025-01-01",
                "ends_on": "2025-06-30",
                "due_on": "2025-07-15",
            },
            format="json",
        ),
        201,
    )
    assert (indicator["rollup"], indicator["direction"], indicator["level"]["code"]) == (
        "sum",
        "at_least",
        "cap-tren-co-so",
    )
    assert planned["award"]["id"] == award.pk and planned["planned_count"] == 3
    assert period["phase"]["id"] == phase["id"]

    # renames it, then launches it
    renamed = ok(
        province.patch(
            url(CAMPAIGNS, pk),
            {"name": "Phong trào thi đua “Năm vì lợi ích đoàn viên” 2025", "reason": "Theo KH"},
            format="json",
        )
    )
    launched = ok(province.post(url(CAMPAIGNS, pk, "launch")))

    assert renamed["name"].startswith("Phong trào thi đua “Năm")
    assert launched["status"] == "launched" and launched["launched_at"]
    assert [p["name"] for p in launched["phases"]] == ["Đợt 1"]
    assert [i["code"] for i in launched["indicators"]] == ["doan-vien-moi"]
    assert len(launched["planned_awards"]) == 1 and len(launched["reporting_periods"]) == 1
    recorded = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {
        EventType.CAMPAIGN_CREATED,
        EventType.CAMPAIGN_PHASE_SAVED,
        EventType.TARGET_INDICATOR_SAVED,
        EventType.PLANNED_AWARD_SAVED,
        EventType.REPORTING_PERIOD_SAVED,
        EventType.CAMPAIGN_UPDATED,
        EventType.CAMPAIGN_LAUNCHED,
    } <= recorded


def test_a_campaign_moves_on_and_closes_with_a_note(api_as, reviewer, campaign):
    province = api_as(reviewer)

    started = ok(province.post(url(CAMPAIGNS, campaign.pk, "start")))
    closed = ok(
        province.post(
            url(CAMPAIGNS, campaign.pk, "close"), {"note": "Tổng kết năm 2025"}, format="json"
        )
    )
    again = error(province.post(url(CAMPAIGNS, campaign.pk, "close"), {}, format="json"), 409)

    assert started["status"] == "in_progress"
    assert (closed["status"], closed["closing_note"]) == ("closed", "Tổng kết năm 2025")
    assert again["code"] == "campaign_closed"


def test_campaign_input_errors_name_the_fields(api_as, reviewer, tree):
    province = api_as(reviewer)

    missing = error(province.post(CAMPAIGNS, {"launching_unit": tree.province_a.pk}), 400)
    reversed_dates = error(
        province.post(
            CAMPAIGNS,
            {
                "launching_unit": tree.province_a.pk,
                "name": "Thi đua",
                "starts_on": "2025-12-31",
                "ends_on": "2025-01-01",
            },
            format="json",
        ),
        400,
    )
    unknown_level = error(
        province.post(
            CAMPAIGNS,
            {
                "launching_unit": tree.province_a.pk,
                "name": "Thi đua",
                "starts_on": "2025-01-01",
                "ends_on": "2025-12-31",
                "participant_levels": ["khong-co"],
            },
            format="json",
        ),
        400,
    )

    assert missing["code"] == "invalid_input"
    assert {"name", "starts_on", "ends_on"} <= set(missing["details"])
    assert reversed_dates["code"] == "dates_out_of_order"
    assert set(reversed_dates["details"]) == {"ends_on"}
    assert set(unknown_level["details"]) == {"participant_levels"}
    assert not Campaign.objects.exists()


def test_campaigns_are_listed_within_scope_with_filters(
    api_as, reviewer, reviewer_b, clerk, campaign, tree, django_assert_max_num_queries
):
    for n in range(3):
        CampaignFactory(launching_unit=tree.province_b, name=f"Thi đua tỉnh B {n}")
    CampaignFactory(launching_unit=tree.province_a, status=CampaignStatus.CLOSED, name="Cũ")
    province = api_as(reviewer)

    with django_assert_max_num_queries(8):
        mine = ok(province.get(CAMPAIGNS))
    launched = ok(province.get(CAMPAIGNS, {"status": "launched", "year": YEAR}))
    theirs = ok(api_as(reviewer_b).get(CAMPAIGNS))
    below = ok(api_as(clerk).get(CAMPAIGNS, {"search": "2025"}))
    bad = error(province.get(CAMPAIGNS, {"status": "old", "year": "next"}), 400)

    assert {row["name"] for row in mine["results"]} == {campaign.name, "Cũ"}
    assert [row["id"] for row in launched["results"]] == [campaign.pk]
    assert theirs["count"] == 3
    assert [row["id"] for row in below["results"]] == [campaign.pk]
    assert set(bad["details"]) == {"status", "year"}


def test_a_campaign_outside_the_readers_scope_is_not_found(
    api_as, reviewer_b, clerk, draft_campaign
):
    # another province, and a grassroots union before the campaign is launched
    for outsider in (reviewer_b, clerk):
        client = api_as(outsider)
        assert error(client.get(url(CAMPAIGNS, draft_campaign.pk)), 404)["code"] == "not_found"
        error(client.post(url(CAMPAIGNS, draft_campaign.pk, "launch")), 404)


def test_only_the_launching_units_staff_runs_the_campaign(api_as, clerk, campaign):
    below = api_as(clerk)

    seen = ok(below.get(url(CAMPAIGNS, campaign.pk)))
    refused = error(below.post(url(CAMPAIGNS, campaign.pk, "close"), {}, format="json"), 403)

    assert seen["id"] == campaign.pk
    assert refused["code"] == "permission_denied"


def test_the_parts_of_a_draft_change_and_are_removed(api_as, reviewer, draft_campaign):
    province = api_as(reviewer)
    phase = draft_campaign.phases.get(number=2)
    indicator = draft_campaign.indicators.get(code="quy-mai-am")
    other = CampaignFactory(launching_unit=draft_campaign.launching_unit, status="draft")
    foreign = CampaignPhase.objects.create(
        campaign=other,
        number=1,
        name="Đợt 1",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 6, 30),
    )

    changed = ok(
        province.put(
            url(CAMPAIGNS, draft_campaign.pk, f"phases/{phase.pk}"),
            {
                "number": 2,
                "name": "Đợt 2: Tăng tốc",
                "starts_on": "2025-07-01",
                "ends_on": "2025-12-31",
            },
            format="json",
        )
    )
    removed = province.delete(
        url(CAMPAIGNS, draft_campaign.pk, f"indicators/{indicator.pk}") + "?reason=Bỏ"
    )
    elsewhere = error(
        province.delete(url(CAMPAIGNS, draft_campaign.pk, f"phases/{foreign.pk}")), 404
    )
    outside = error(
        province.post(
            url(CAMPAIGNS, draft_campaign.pk, "phases"),
            {"number": 3, "name": "Đợt 3", "starts_on": "2026-01-01", "ends_on": "2026-03-01"},
            format="json",
        ),
        400,
    )

    assert changed["name"] == "Đợt 2: Tăng tốc"
    assert removed.status_code == 204
    assert not TargetIndicator.objects.filter(pk=indicator.pk).exists()
    assert elsewhere["code"] == "not_found"
    assert outside["code"] == "outside_campaign_period"
    assert AuditEvent.objects.get(event_type=EventType.TARGET_INDICATOR_REMOVED).reason == "Bỏ"


def test_a_launched_campaigns_parts_are_fixed(api_as, reviewer, campaign):
    province = api_as(reviewer)

    refused = error(
        province.post(
            url(CAMPAIGNS, campaign.pk, "indicators"),
            {"code": "moi", "name": "Mới", "measure": "count", "target_value": "1"},
            format="json",
        ),
        409,
    )
    fixed = error(
        province.patch(url(CAMPAIGNS, campaign.pk), {"starts_on": "2025-02-01"}, format="json"),
        409,
    )

    assert refused["code"] == fixed["code"] == "campaign_not_draft"


# --- registrations -----------------------------------------------------------------------------


def test_a_registration_is_filed_returned_filed_again_and_acknowledged(
    api_as, district_clerk, reviewer, campaign, tree
):
    district, province = api_as(district_clerk), api_as(reviewer)
    award = AwardTypeFactory(name="Cờ thi đua của LĐLĐ tỉnh")

    # the district registers its targets and titles with the province
    filed = ok(
        district.post(
            REGISTRATIONS,
            {
                "campaign": campaign.pk,
                "year": YEAR,
                "unit": tree.district_a1.pk,
                "commitment": "Hoàn thành xuất sắc nhiệm vụ",
                "targets": {"doan-vien-moi": "900", "quy-mai-am": "300000000"},
                "titles": [{"award_type": award.pk}, {"title": "Tập thể lao động xuất sắc"}],
            },
            format="json",
        ),
        201,
    )
    pk = filed["id"]
    assert filed["status"] == "submitted"
    assert filed["reviewing_unit"]["code"] == "LDLD-A"
    assert {t["indicator"]["code"]: t["target_value"] for t in filed["targets"]} == {
        "doan-vien-moi": "900.00",
        "quy-mai-am": "300000000.00",
    }
    assert [(t["award"] or {}).get("id") for t in filed["titles"]] == [award.pk, None]

    # the province returns it without a reason: refused; with one: returned
    no_reason = error(province.post(url(REGISTRATIONS, pk, "return"), {}, format="json"), 400)
    returned = ok(
        province.post(
            url(REGISTRATIONS, pk, "return"),
            {"reason": "Chỉ tiêu đoàn viên thấp hơn năm trước"},
            format="json",
        )
    )
    assert no_reason["code"] == "reason_required" and "reason" in no_reason["details"]
    assert (returned["status"], returned["return_reason"]) == (
        "returned",
        "Chỉ tiêu đoàn viên thấp hơn năm trước",
    )

    # the district files it again with a higher target; the province acknowledges it
    again = ok(
        district.post(
            url(REGISTRATIONS, pk, "resubmit"),
            {"targets": {"doan-vien-moi": "1100"}},
            format="json",
        )
    )
    acknowledged = ok(province.post(url(REGISTRATIONS, pk, "acknowledge")))
    twice = error(province.post(url(REGISTRATIONS, pk, "acknowledge")), 409)

    assert again["status"] == "submitted" and again["resubmitted_at"]
    assert again["submitted_at"] == filed["submitted_at"]
    assert [t["target_value"] for t in again["targets"]] == ["1100.00"]
    assert acknowledged["status"] == "acknowledged"
    assert acknowledged["reviewed_by"]["username"] == reviewer.username
    assert twice["code"] == "registration_not_pending"


def test_a_returned_registration_posted_again_is_filed_again(
    api_as, district_clerk, reviewer, campaign, tree
):
    registration = register(district_clerk, campaign, tree.district_a1)
    api_as(reviewer).post(url(REGISTRATIONS, registration.pk, "return"), {"reason": "Sửa"})
    body = {"campaign": campaign.pk, "year": YEAR, "unit": tree.district_a1.pk}

    again = ok(api_as(district_clerk).post(REGISTRATIONS, body, format="json"))
    twice = error(api_as(district_clerk).post(REGISTRATIONS, body, format="json"), 409)

    assert again["id"] == registration.pk and again["status"] == "submitted"
    assert twice["code"] == "already_registered"


def test_registration_refusals_say_what_to_fix(
    api_as, district_clerk, reviewer, reviewer_b, campaign, tree
):
    body = {"campaign": campaign.pk, "year": YEAR, "unit": tree.district_a1.pk}

    wrong_year = error(
        api_as(district_clerk).post(REGISTRATIONS, {**body, "year": 2027}, format="json"), 400
    )
    unknown_code = error(
        api_as(district_clerk).post(
            REGISTRATIONS, {**body, "targets": {"khong-co": "1"}}, format="json"
        ),
        400,
    )
    empty_title = error(
        api_as(district_clerk).post(REGISTRATIONS, {**body, "titles": [{}]}, format="json"), 400
    )
    not_staff = error(api_as(reviewer).post(REGISTRATIONS, body, format="json"), 403)
    outside = error(api_as(reviewer_b).post(REGISTRATIONS, body, format="json"), 400)

    assert wrong_year["code"] == "year_outside_campaign" and "year" in wrong_year["details"]
    assert unknown_code["code"] == "indicator_not_of_campaign"
    assert unknown_code["details"] == {"targets": ["khong-co"]}
    assert "titles" in empty_title["details"]
    assert not_staff["code"] == "permission_denied"
    # another province's campaign and unit read as not found
    assert set(outside["details"]) == {"campaign", "unit"}
    assert not Registration.objects.exists()


def test_registrations_are_listed_within_scope(
    api_as,
    district_clerk,
    district_a2_clerk,
    reviewer,
    reviewer_b,
    campaign,
    tree,
    django_assert_max_num_queries,
):
    register(district_clerk, campaign, tree.district_a1)
    register(district_a2_clerk, campaign, tree.district_a2)
    for unit in (tree.cdcs_a1x, tree.cdcs_a1y):
        RegistrationFactory(campaign=campaign, unit=unit)

    province = api_as(reviewer)

    with django_assert_max_num_queries(6):
        everything = ok(province.get(REGISTRATIONS))
    with_province = ok(api_as(reviewer).get(REGISTRATIONS, {"reviewing_unit": tree.province_a.pk}))
    district = ok(api_as(district_clerk).get(REGISTRATIONS))
    other = ok(api_as(reviewer_b).get(REGISTRATIONS))
    hidden = Registration.objects.get(unit=tree.district_a1)

    assert everything["count"] == 4
    assert {row["unit"]["code"] for row in with_province["results"]} == {"LDLD-A1", "LDLD-A2"}
    # the district's own registration and those filed with it
    assert {row["unit"]["code"] for row in district["results"]} == {
        "LDLD-A1",
        "CDCS-A1X",
        "CDCS-A1Y",
    }
    assert other["count"] == 0
    assert error(api_as(reviewer_b).get(url(REGISTRATIONS, hidden.pk)), 404)
    assert error(api_as(reviewer_b).post(url(REGISTRATIONS, hidden.pk, "acknowledge")), 404)


def test_who_has_not_registered_and_who_was_late(
    api_as, reviewer, district_clerk, campaign, tree, django_assert_max_num_queries
):
    # given the district registered after the deadline (28 February), the others not at all
    RegistrationFactory(
        campaign=campaign, unit=tree.district_a1, submitted_on=datetime.date(YEAR, 3, 3)
    )
    province = api_as(reviewer)
    after = {"year": YEAR, "as_of": "2025-03-10"}

    # a fixed number of queries, whatever the number of units
    with django_assert_max_num_queries(13):
        missing = ok(province.get(url(CAMPAIGNS, campaign.pk, "registrations-missing"), after))
    with django_assert_max_num_queries(13):
        late = ok(province.get(url(CAMPAIGNS, campaign.pk, "registrations-late"), after))
    early = ok(
        province.get(url(CAMPAIGNS, campaign.pk, "registrations-missing"), {"as_of": "2025-02-01"})
    )

    assert {row["unit"]["code"] for row in missing["results"]} == {
        "LDLD-A2",
        "CDCS-A1X",
        "CDCS-A1Y",
        "CDCS-A2X",
    }
    assert {row["state"] for row in missing["results"]} == {"overdue"}
    assert all(row["record_id"] is None for row in missing["results"])
    (row,) = late["results"]
    assert (row["unit"]["code"], row["state"]) == ("LDLD-A1", "late")
    assert row["record_id"] == Registration.objects.get().pk
    assert {row["state"] for row in early["results"]} == {"not_yet_due"}


# --- progress reports --------------------------------------------------------------------------


def test_a_district_reports_corrects_and_adds_evidence(
    api_as, district_clerk, reviewer, half_year, tree
):
    district = api_as(district_clerk)
    body = {
        "period": half_year.pk,
        "unit": tree.district_a1.pk,
        "values": {"doan-vien-moi": "1200", "quy-mai-am": "450000000"},
        "notes": {"doan-vien-moi": "Theo sổ đoàn viên"},
        "summary": "Sáu tháng đầu năm",
    }

    filed = ok(district.post(REPORTS, body, format="json"), 201)
    corrected = ok(
        district.post(REPORTS, {**body, "values": {"doan-vien-moi": "1250"}}, format="json")
    )
    with_file = ok(
        district.post(url(REPORTS, filed["id"], "evidence"), {"file": pdf()}, format="multipart"),
        201,
    )

    assert filed["period"]["id"] == half_year.pk and filed["unit"]["code"] == "LDLD-A1"
    values = {v["indicator"]["code"]: v["value"] for v in corrected["values"]}
    assert values == {"doan-vien-moi": "1250.00", "quy-mai-am": "450000000.00"}
    assert corrected["revised_at"] and corrected["submitted_at"] == filed["submitted_at"]
    (attachment,) = with_file["attachments"]
    assert (attachment["original_name"], attachment["content_type"]) == (
        "minh-chung.pdf",
        "application/pdf",
    )
    assert with_file["summary"] == "Sáu tháng đầu năm"
    assert values == {v["indicator"]["code"]: v["value"] for v in with_file["values"]}
    assert AuditEvent.objects.filter(event_type=EventType.PROGRESS_REPORT_SUBMITTED).count() == 3
    # the province reads it
    assert ok(api_as(reviewer).get(url(REPORTS, filed["id"])))["id"] == filed["id"]


def test_a_report_with_its_files_in_one_multipart_request(api_as, clerk, half_year, tree):
    filed = ok(
        api_as(clerk).post(
            REPORTS,
            {
                "period": half_year.pk,
                "unit": tree.cdcs_a1x.pk,
                "values.cdcs-vung-manh": "1",
                "values.gia-dinh-van-hoa": "92.5",
                "files": [pdf("bao-cao.pdf"), pdf("danh-sach.pdf")],
            },
            format="multipart",
        ),
        201,
    )

    assert {v["indicator"]["code"]: v["value"] for v in filed["values"]} == {
        "cdcs-vung-manh": "1.00",
        "gia-dinh-van-hoa": "92.50",
    }
    assert sorted(a["original_name"] for a in filed["attachments"]) == [
        "bao-cao.pdf",
        "danh-sach.pdf",
    ]


def test_report_refusals_name_the_values(api_as, clerk, reviewer, half_year, tree):
    unfit = error(
        api_as(clerk).post(
            REPORTS,
            {
                "period": half_year.pk,
                "unit": tree.cdcs_a1x.pk,
                "values": {"gia-dinh-van-hoa": "120"},
            },
            format="json",
        ),
        400,
    )
    wrong_level = error(
        api_as(clerk).post(
            REPORTS,
            {"period": half_year.pk, "unit": tree.cdcs_a1x.pk, "values": {"doan-vien-moi": "5"}},
            format="json",
        ),
        400,
    )
    not_a_number = error(
        api_as(clerk).post(
            REPORTS,
            {"period": half_year.pk, "unit": tree.cdcs_a1x.pk, "values": {"doan-vien-moi": "x"}},
            format="json",
        ),
        400,
    )
    # the province reads the grassroots union but does not report for it
    not_staff = error(
        api_as(reviewer).post(
            REPORTS, {"period": half_year.pk, "unit": tree.cdcs_a1x.pk}, format="json"
        ),
        403,
    )

    assert unfit["code"] == "value_invalid" and unfit["details"] == {"gia-dinh-van-hoa": ["120.00"]}
    assert wrong_level["code"] == "indicator_not_for_unit"
    assert not_a_number["code"] == "invalid_input" and "values" in not_a_number["details"]
    assert not_staff["code"] == "permission_denied"


def test_reports_are_listed_within_scope(
    api_as,
    district_clerk,
    district_a2_clerk,
    reviewer,
    reviewer_b,
    half_year,
    year_period,
    tree,
    django_assert_max_num_queries,
):
    for actor, unit in ((district_clerk, tree.district_a1), (district_a2_clerk, tree.district_a2)):
        for period in (half_year, year_period):
            progress_report_submit(
                actor=actor, period=period, unit=unit, values={"doan-vien-moi": Decimal(10)}
            )

    province = api_as(reviewer)

    with django_assert_max_num_queries(6):
        everything = ok(province.get(REPORTS))
    one_period = ok(api_as(reviewer).get(REPORTS, {"period": half_year.pk}))
    district = ok(api_as(district_a2_clerk).get(REPORTS))
    other = ok(api_as(reviewer_b).get(REPORTS))

    assert everything["count"] == 4
    assert one_period["count"] == 2
    assert {row["unit"]["code"] for row in district["results"]} == {"LDLD-A2"}
    assert other["count"] == 0
    report = everything["results"][0]["id"]
    assert error(api_as(reviewer_b).get(url(REPORTS, report)), 404)["code"] == "not_found"


def test_the_province_reads_each_target_rolled_up(
    api_as,
    reviewer,
    district_clerk,
    district_a2_clerk,
    clerk,
    clerk_a1y,
    reviewer_b,
    half_year,
    tree,
    django_assert_max_num_queries,
):
    progress_report_submit(
        actor=district_clerk,
        period=half_year,
        unit=tree.district_a1,
        values={"doan-vien-moi": Decimal(1200)},
    )
    progress_report_submit(
        actor=district_a2_clerk,
        period=half_year,
        unit=tree.district_a2,
        values={"doan-vien-moi": Decimal(900)},
    )
    progress_report_submit(
        actor=clerk, period=half_year, unit=tree.cdcs_a1x, values={"cdcs-vung-manh": Decimal(1)}
    )
    progress_report_submit(
        actor=clerk_a1y, period=half_year, unit=tree.cdcs_a1y, values={"cdcs-vung-manh": 0}
    )
    progress = url(CAMPAIGNS, half_year.campaign_id, "progress")

    province = api_as(reviewer)

    # a fixed number of queries, whatever the number of units
    with django_assert_max_num_queries(15):
        whole = ok(province.get(progress, {"period": half_year.pk}))
    district = ok(
        api_as(reviewer).get(progress, {"period": half_year.pk, "under": tree.district_a1.pk})
    )
    no_period = error(api_as(reviewer).get(progress), 400)
    outside = error(api_as(reviewer_b).get(progress, {"period": half_year.pk}), 404)

    rows = {row["indicator"]["code"]: row["result"] for row in whole["indicators"]}
    assert whole["under"]["code"] == "LDLD-A"
    assert rows["doan-vien-moi"] == {
        "value": "2100.00",
        "reported": 2,
        "expected": 2,
        "meeting": None,
        "target_met": True,
        "is_complete": True,
    }
    # one of the three grassroots unions is strong: a share of 33.33%, not 50%
    assert rows["cdcs-vung-manh"]["value"] == "33.33"
    assert (rows["cdcs-vung-manh"]["reported"], rows["cdcs-vung-manh"]["expected"]) == (2, 3)
    assert rows["cdcs-vung-manh"]["target_met"] is False
    assert rows["quy-mai-am"]["value"] is None and rows["quy-mai-am"]["target_met"] is None
    district_rows = {row["indicator"]["code"]: row["result"] for row in district["indicators"]}
    assert district_rows["doan-vien-moi"]["value"] == "1200.00"
    assert district_rows["cdcs-vung-manh"]["value"] == "50.00"
    assert "period" in no_period["details"]
    assert outside["code"] == "not_found"


def test_who_has_not_reported_and_who_was_late(
    api_as, reviewer, half_year, tree, django_assert_max_num_queries
):
    # given the district reported three days after the due date (15 July 2025)
    ProgressReportFactory(
        period=half_year, unit=tree.district_a1, submitted_on=datetime.date(YEAR, 7, 18)
    )
    campaign = half_year.campaign
    after = {"period": half_year.pk, "as_of": "2025-07-20"}
    province = api_as(reviewer)

    with django_assert_max_num_queries(13):
        missing = ok(province.get(url(CAMPAIGNS, campaign.pk, "reports-missing"), after))
    with django_assert_max_num_queries(13):
        late = ok(province.get(url(CAMPAIGNS, campaign.pk, "reports-late"), after))
    no_period = error(province.get(url(CAMPAIGNS, campaign.pk, "reports-late")), 400)
    other_period = error(
        province.get(url(CAMPAIGNS, campaign.pk, "reports-late"), {"period": 999999}), 404
    )

    assert [row["unit"]["code"] for row in late["results"]] == ["LDLD-A1"]
    assert {row["unit"]["code"] for row in missing["results"]} == {
        "LDLD-A2",
        "CDCS-A1X",
        "CDCS-A1Y",
        "CDCS-A2X",
    }
    assert {row["state"] for row in missing["results"]} == {"overdue"}
    assert "period" in no_period["details"]
    assert other_period["code"] == "not_found"


@pytest.mark.parametrize(
    "path", ["", "progress", "registrations-missing", "reports-missing", "reports-late"]
)
def test_a_campaigns_reads_are_not_found_outside_scope(api_as, reviewer_b, half_year, path):
    params = {"period": half_year.pk}
    response = api_as(reviewer_b).get(url(CAMPAIGNS, half_year.campaign_id, path), params)

    assert error(response, 404)["code"] == "not_found"


def test_a_registration_status_is_one_of_the_documented_values(
    api_as, district_clerk, campaign, tree
):
    registration = register(district_clerk, campaign, tree.district_a1)

    body = ok(api_as(district_clerk).get(url(REGISTRATIONS, registration.pk)))

    assert body["status"] in RegistrationStatus.values
    assert body["status_label"]
