"""The campaign pages, driven role by role: the province drafts and launches a campaign in the
shape of the Tuyên Quang 2017 plan, the units register and the upper units acknowledge or
return, the units report with evidence, and the campaign's page adds the reports up against
each target. Each page stays in the reader's scope and in a bounded number of queries."""

import datetime
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from audit.models import AuditEvent, EventType
from emulation.choices import CampaignStatus, RegistrationStatus
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import Campaign, ProgressReport, Registration
from emulation.selectors import staff_unit_list
from emulation.services import registration_submit
from tests.factories import (
    CampaignFactory,
    ProgressReportFactory,
    RegistrationFactory,
    ReportValueFactory,
    UnitFactory,
    level,
)

from .conftest import YEAR, pdf


def detail(campaign, **query):
    url = reverse("emulation:campaign_detail", args=[campaign.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def message(code):
    """A service's message as the page shows it (in the active language, escaped)."""
    return escape(str(code.label))


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def progress_of(response):
    return {
        row.indicator.code: (row.result.value, row.result.reported, row.result.expected)
        for row in response.context["progress"]
    }


# --- who may do what -----------------------------------------------------------------------------


def test_staff_units_are_the_units_where_staff_grant_allows(
    tree, clerk, district_clerk, reviewer, unit_admin, system_admin
):
    # given the usual actors
    from emulation.permissions import staff_grant

    units = list(tree.__dict__.values())
    for user in (clerk, district_clerk, reviewer, unit_admin, system_admin):
        # when the pages list the units the user works for
        listed = {unit.pk for unit in staff_unit_list(user)}
        # then they are exactly those the permission helper allows
        assert listed >= {u.pk for u in units if staff_grant(user, u) is not None}
        assert {u.pk for u in units if u.pk in listed} == {
            u.pk for u in units if staff_grant(user, u) is not None
        }


# --- the list ------------------------------------------------------------------------------------


def test_campaign_list_is_scoped_and_its_queries_do_not_grow_with_rows(
    client, tree, reviewer, reviewer_b, django_assert_max_num_queries
):
    # given two campaigns of province A and one of province B
    for _ in range(2):
        CampaignFactory(launching_unit=tree.province_a)
    other = CampaignFactory(launching_unit=tree.province_b, name="Phong trào của tỉnh B")
    client.force_login(reviewer)
    few = page_queries(client, reverse("emulation:campaign_list"))

    # when ten more are launched
    for _ in range(10):
        CampaignFactory(launching_unit=tree.province_a)
    with django_assert_max_num_queries(few):
        response = client.get(reverse("emulation:campaign_list"))

    # then the page costs the same and shows only province A's, with the way to draft one
    assert len(response.context["object_list"]) == 12
    assert other.name not in response.text
    assert response.context["can_create"]
    client.force_login(reviewer_b)
    assert other.name in client.get(reverse("emulation:campaign_list")).text


def test_campaign_list_filters_by_status_and_exports_to_excel(
    client, draft_campaign, tree, reviewer
):
    launched = CampaignFactory(launching_unit=tree.province_a, name="Phong trào đã phát động")
    client.force_login(reviewer)

    response = client.get(reverse("emulation:campaign_list"), {"status": "draft"})
    assert [c.pk for c in response.context["object_list"]] == [draft_campaign.pk]

    export = client.get(
        reverse("emulation:campaign_list"), {"status": "launched", "export": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [launched.name]
    exported = AuditEvent.objects.filter(event_type=EventType.EXPORT_DOWNLOADED, actor=reviewer)
    assert exported.exists()


# --- the campaign's page -------------------------------------------------------------------------


def test_campaign_page_shows_each_reader_what_it_may_do(
    client, campaign, reviewer, district_clerk, clerk, reviewer_b
):
    # the launching unit's staff runs it
    client.force_login(reviewer)
    response = client.get(detail(campaign))
    assert response.context["can_manage"]
    assert reverse("emulation:campaign_start", args=[campaign.pk]) in response.text
    assert response.context["progress"] is not None

    # a district federation registers itself
    client.force_login(district_clerk)
    response = client.get(detail(campaign))
    assert not response.context["can_manage"]
    assert [row.unit.code for row in response.context["units_to_register"]] == ["LDLD-A1"]
    register = reverse("emulation:registration_create", args=[campaign.pk])
    assert f"{register}?unit={response.context['units_to_register'][0].unit.pk}" in response.text
    assert reverse("emulation:campaign_launch", args=[campaign.pk]) not in response.text

    # a grassroots union registers itself and sees the progress over its own unit
    client.force_login(clerk)
    response = client.get(detail(campaign))
    assert [row.unit.code for row in response.context["units_to_register"]] == ["CDCS-A1X"]
    assert response.context["progress_root"].code == "CDCS-A1X"

    # another province does not see it at all
    client.force_login(reviewer_b)
    assert client.get(detail(campaign)).status_code == 404


def test_a_draft_is_shown_only_to_the_launching_unit(client, draft_campaign, reviewer, clerk):
    client.force_login(clerk)
    assert client.get(detail(draft_campaign)).status_code == 404

    client.force_login(reviewer)
    response = client.get(detail(draft_campaign))
    assert response.status_code == 200
    assert reverse("emulation:campaign_launch", args=[draft_campaign.pk]) in response.text
    assert response.context["progress"] is None  # its targets are listed to edit instead
    indicator = draft_campaign.indicators.first()
    edit = reverse("emulation:indicator_update", args=[draft_campaign.pk, indicator.pk])
    assert edit in response.text


def test_campaign_page_queries_do_not_grow_with_units_registrations_and_reports(
    client, campaign, half_year, tree, reviewer, django_assert_max_num_queries
):
    # given the campaign with its five participants, two of them registered and reporting
    indicator = campaign.indicators.get(code="doan-vien-moi")
    for unit in (tree.district_a1, tree.district_a2):
        RegistrationFactory(campaign=campaign, unit=unit)
        report = ProgressReportFactory(period=half_year, unit=unit)
        ReportValueFactory(report=report, indicator=indicator, value=Decimal(500))
    client.force_login(reviewer)
    few = page_queries(client, detail(campaign, period=half_year.pk))

    # when twenty more district federations take part, register and report
    for number in range(20):
        unit = UnitFactory(
            code=f"LDLD-A{number + 3}",
            name=f"Liên đoàn Lao động huyện A{number + 3}",
            kind=tree.district_a1.kind,
            parent=tree.province_a,
        )
        RegistrationFactory(campaign=campaign, unit=unit)
        report = ProgressReportFactory(period=half_year, unit=unit)
        ReportValueFactory(report=report, indicator=indicator, value=Decimal(10))
    with django_assert_max_num_queries(few):
        response = client.get(detail(campaign, period=half_year.pk))

    # then the page costs the same, and adds everything up
    assert progress_of(response)["doan-vien-moi"] == (Decimal(1200), 22, 22)
    assert len(response.context["registrations"].filed) == 22


def test_staff_drafts_a_campaign_through_the_pages_then_launches_it(
    client, reference_data, tree, reviewer
):
    client.force_login(reviewer)

    # the plan
    response = client.post(
        reverse("emulation:campaign_create"),
        {
            "launching_unit": tree.province_a.pk,
            "name": "Phát động thi đua năm 2017",
            "theme": "Năm vì lợi ích đoàn viên",
            "plan_number": "05/KH-LĐLĐ",
            "plan_date": "2017-02-07",
            "starts_on": "2017-01-01",
            "ends_on": "2017-12-31",
            "registration_deadline": "2017-03-15",
            "scope": "subtree",
            "participant_levels": [level("cap-tren-co-so").pk],
        },
    )
    campaign = Campaign.objects.get(name="Phát động thi đua năm 2017")
    assert response.status_code == 302
    assert campaign.status == CampaignStatus.DRAFT

    # a phase, a target, a planned award and a reporting period
    assert (
        client.post(
            reverse("emulation:phase_create", args=[campaign.pk]),
            {"number": 1, "name": "Đợt 1", "starts_on": "2017-01-01", "ends_on": "2017-06-30"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("emulation:indicator_create", args=[campaign.pk]),
            {
                "code": "doan-vien-moi",
                "name": "Số đoàn viên phát triển mới",
                "measure": "count",
                "direction": "at_least",
                "target_value": "2000",
                "rollup": "sum",
                "unit_direction": "at_least",
                "sort_order": "1",
            },
        ).status_code
        == 302
    )
    form = client.get(reverse("emulation:award_create", args=[campaign.pk])).context["form"]
    award = form.fields["award_type"].queryset.first()  # from the catalogue the form offers
    assert (
        client.post(
            reverse("emulation:award_create", args=[campaign.pk]),
            {"award_type": award.pk, "planned_count": 3},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("emulation:period_create", args=[campaign.pk]),
            {
                "kind": "year",
                "name": "Báo cáo năm 2017",
                "starts_on": "2017-01-01",
                "ends_on": "2017-12-31",
                "due_on": "2017-12-15",
            },
        ).status_code
        == 302
    )

    # when the campaign is launched from its page
    response = client.post(reverse("emulation:campaign_launch", args=[campaign.pk]), follow=True)

    # then it is open for registration, and the page says so
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.LAUNCHED
    assert "15/03/2017" in response.text
    assert [i.code for i in response.context["campaign"].indicators.all()] == ["doan-vien-moi"]


def test_a_phase_outside_the_campaign_is_refused_with_the_message_and_the_input_kept(
    client, draft_campaign, reviewer
):
    client.force_login(reviewer)

    response = client.post(
        reverse("emulation:phase_create", args=[draft_campaign.pk]),
        {
            "number": 3,
            "name": "Đợt 3 (sai năm)",
            "starts_on": "2026-01-01",
            "ends_on": "2026-03-31",
        },
    )

    assert response.status_code == 200
    assert message(Code.OUTSIDE_CAMPAIGN_PERIOD) in response.text
    assert "Đợt 3 (sai năm)" in response.text
    assert draft_campaign.phases.count() == 2


def test_launching_a_campaign_for_chosen_units_without_any_is_refused_on_its_page(
    client, tree, reviewer
):
    # given a draft for chosen units, none chosen
    from emulation.services import campaign_create

    draft = campaign_create(
        actor=reviewer,
        launching_unit=tree.province_a,
        name="Phong trào chuyên đề",
        starts_on=datetime.date(YEAR, 1, 1),
        ends_on=datetime.date(YEAR, 12, 31),
        scope="chosen_units",
    )
    client.force_login(reviewer)

    # when it is launched
    response = client.post(reverse("emulation:campaign_launch", args=[draft.pk]))

    # then the campaign's page comes back with the service's answer, and it stays a draft
    assert response.status_code == 200
    assert message(Code.NO_PARTICIPANTS) in response.text
    draft.refresh_from_db()
    assert draft.status == CampaignStatus.DRAFT


def test_the_campaign_is_edited_by_the_launching_unit_only(client, campaign, district_clerk):
    client.force_login(district_clerk)

    assert client.get(reverse("emulation:campaign_update", args=[campaign.pk])).status_code == 403
    assert client.get(reverse("emulation:phase_create", args=[campaign.pk])).status_code == 403


# --- end to end: the Tuyên Quang-like campaign, from launch to the year-end roll-up --------------


def test_a_campaign_followed_through_the_pages_from_launch_to_the_year_end_roll_up(
    client,
    draft_campaign,
    tree,
    reviewer,
    district_clerk,
    district_a2_clerk,
    clerk,
    clerk_a1y,
    clerk_a2x,
):
    # the province launches its plan (two phases, four targets, a phase and a yearly report)
    campaign = draft_campaign
    half_year = campaign.reporting_periods.get(kind="phase")
    year_end = campaign.reporting_periods.get(kind="year")
    client.force_login(reviewer)
    client.post(reverse("emulation:campaign_launch", args=[campaign.pk]))
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.LAUNCHED

    # the district federation registers, with its committed targets
    client.force_login(district_clerk)
    response = client.post(
        reverse("emulation:registration_create", args=[campaign.pk]),
        {
            "who": "unit",
            "unit": tree.district_a1.pk,
            "year": YEAR,
            "commitment": "Phấn đấu vượt các chỉ tiêu được giao.",
            "target_doan-vien-moi": "1200",
            "target_quy-mai-am": "400000000",
            "other_titles": "Cờ thi đua của LĐLĐ tỉnh",
        },
        follow=True,
    )
    registration = Registration.objects.get(unit=tree.district_a1)
    assert "Liên đoàn Lao động tỉnh A" in response.text  # filed with the province
    assert {t.indicator.code: t.target_value for t in registration.targets.all()} == {
        "doan-vien-moi": Decimal(1200),
        "quy-mai-am": Decimal(400_000_000),
    }

    # the province acknowledges it
    client.force_login(reviewer)
    page = client.get(reverse("emulation:registration_detail", args=[registration.pk]))
    assert page.context["can_review"]
    client.post(reverse("emulation:registration_acknowledge", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACKNOWLEDGED

    # a grassroots union registers; its district returns it, it files it again, it is acknowledged
    client.force_login(clerk)
    client.post(
        reverse("emulation:registration_create", args=[campaign.pk]),
        {"who": "unit", "unit": tree.cdcs_a1x.pk, "year": YEAR, "target_gia-dinh-van-hoa": "85"},
    )
    grassroots = Registration.objects.get(unit=tree.cdcs_a1x, person__isnull=True)
    client.force_login(district_clerk)
    client.post(
        reverse("emulation:registration_return", args=[grassroots.pk]),
        {"reason": "Chỉ tiêu gia đình văn hóa thấp hơn mức của tỉnh (90%)."},
    )
    client.force_login(clerk)
    page = client.get(reverse("emulation:registration_detail", args=[grassroots.pk]))
    assert page.context["can_refile"]
    assert "thấp hơn mức của tỉnh" in page.text
    refile = reverse("emulation:registration_refile", args=[grassroots.pk])
    assert 'value="85' in client.get(refile).text  # starts from what was filed
    client.post(refile, {"target_gia-dinh-van-hoa": "92"})
    client.force_login(district_clerk)
    client.post(reverse("emulation:registration_acknowledge", args=[grassroots.pk]))
    grassroots.refresh_from_db()
    assert grassroots.status == RegistrationStatus.ACKNOWLEDGED
    assert grassroots.targets.get().target_value == Decimal(92)

    # the units report on the first phase, with evidence
    def report(user, unit, values, files=()):
        client.force_login(user)
        url = reverse("emulation:report_file", args=[campaign.pk])
        url += f"?period={half_year.pk}&unit={unit.pk}"
        form = client.get(url)
        assert form.status_code == 200 and form.context["form"] is not None
        data = {f"value_{code}": value for code, value in values.items()}
        if files:
            data["files"] = list(files)
        return client.post(url, data, follow=True)

    response = report(
        district_clerk,
        tree.district_a1,
        {"doan-vien-moi": "1200", "quy-mai-am": "400000000"},
        files=[pdf("bao-cao-dot-1.pdf")],
    )
    assert response.status_code == 200
    report(district_a2_clerk, tree.district_a2, {"doan-vien-moi": "900", "quy-mai-am": "350000000"})
    report(clerk, tree.cdcs_a1x, {"cdcs-vung-manh": "1", "gia-dinh-van-hoa": "92"})
    report(clerk_a1y, tree.cdcs_a1y, {"cdcs-vung-manh": "0", "gia-dinh-van-hoa": "88"})
    district_report = ProgressReport.objects.get(unit=tree.district_a1)
    assert district_report.attachments.get().original_name == "bao-cao-dot-1.pdf"

    # then the province's page adds the reports up against each target
    client.force_login(reviewer)
    response = client.get(detail(campaign, period=half_year.pk))
    assert progress_of(response) == {
        "doan-vien-moi": (Decimal(2100), 2, 2),
        "cdcs-vung-manh": (Decimal("33.33"), 2, 3),  # a unit without a report does not count
        "gia-dinh-van-hoa": (Decimal(90), 2, 3),
        "quy-mai-am": (Decimal(750_000_000), 2, 2),
    }
    met = {row.indicator.code: row.result.target_met for row in response.context["progress"]}
    assert met == {
        "doan-vien-moi": True,
        "cdcs-vung-manh": False,
        "gia-dinh-van-hoa": True,
        "quy-mai-am": True,
    }
    assert "2.100" in response.text and "750.000.000" in response.text
    first = next(s for s in response.context["reports"] if s.period == half_year)
    assert [row.unit.code for row in first.missing] == ["CDCS-A2X"]
    assert len(response.context["registrations"].acknowledged) == 2

    # and the report's page and its evidence are there for the province
    report_page = reverse("emulation:report_detail", args=[district_report.pk])
    assert "bao-cao-dot-1.pdf" in client.get(report_page).text
    attachment = district_report.attachments.get()
    download = reverse("emulation:report_attachment", args=[district_report.pk, attachment.pk])
    assert client.get(download).status_code == 200

    # at year end every unit reports on the year
    def year_report(user, unit, values):
        client.force_login(user)
        url = reverse("emulation:report_file", args=[campaign.pk])
        client.post(url + f"?period={year_end.pk}&unit={unit.pk}", values)

    year_report(
        district_clerk,
        tree.district_a1,
        {"value_doan-vien-moi": "1300", "value_quy-mai-am": "420000000"},
    )
    year_report(
        district_a2_clerk,
        tree.district_a2,
        {"value_doan-vien-moi": "1000", "value_quy-mai-am": "330000000"},
    )
    for user, unit, strong, families in [
        (clerk, tree.cdcs_a1x, "1", "93"),
        (clerk_a1y, tree.cdcs_a1y, "1", "91"),
        (clerk_a2x, tree.cdcs_a2x, "0", "89"),
    ]:
        year_report(
            user, unit, {"value_cdcs-vung-manh": strong, "value_gia-dinh-van-hoa": families}
        )

    # then the campaign's page shows the year-end roll-up (the latest period, by default)
    client.force_login(reviewer)
    response = client.get(detail(campaign))
    assert response.context["period"] == year_end
    assert progress_of(response) == {
        "doan-vien-moi": (Decimal(2300), 2, 2),
        "cdcs-vung-manh": (Decimal("66.67"), 3, 3),
        "gia-dinh-van-hoa": (Decimal(91), 3, 3),
        "quy-mai-am": (Decimal(750_000_000), 2, 2),
    }
    year_status = next(s for s in response.context["reports"] if s.period == year_end)
    assert not year_status.missing

    # and the province closes the campaign after its summing-up
    response = client.post(
        reverse("emulation:campaign_close", args=[campaign.pk]),
        {"note": "Tổng kết theo Quyết định 120/QĐ-LĐLĐ"},
        follow=True,
    )
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    assert "120/QĐ-LĐLĐ" in response.text


def test_a_corrected_report_starts_from_its_values_and_replaces_them(
    client, campaign, half_year, tree, district_clerk
):
    client.force_login(district_clerk)
    url = reverse("emulation:report_file", args=[campaign.pk])
    url += f"?period={half_year.pk}&unit={tree.district_a1.pk}"
    client.post(url, {"value_doan-vien-moi": "1000"})

    form = client.get(url)
    assert form.context["report"] is not None
    assert 'value="1000' in form.text

    client.post(url, {"value_doan-vien-moi": "1100"})
    report = ProgressReport.objects.get(unit=tree.district_a1)
    assert report.values.get(indicator__code="doan-vien-moi").value == Decimal(1100)
    assert report.revised_at is not None


def test_a_report_value_that_does_not_fit_is_refused_on_its_field(
    client, campaign, half_year, tree, clerk
):
    client.force_login(clerk)
    url = reverse("emulation:report_file", args=[campaign.pk])
    url += f"?period={half_year.pk}&unit={tree.cdcs_a1x.pk}"

    response = client.post(url, {"value_gia-dinh-van-hoa": "120", "summary": "Tóm tắt đợt 1"})

    assert response.status_code == 200
    assert response.context["form"].errors["value_gia-dinh-van-hoa"]
    assert "Tóm tắt đợt 1" in response.text
    assert not ProgressReport.objects.exists()


def test_a_return_without_reasons_keeps_the_registration_waiting(
    client, campaign, tree, clerk, district_clerk
):
    registration = registration_submit(
        actor=clerk, campaign=campaign, year=YEAR, unit=tree.cdcs_a1x
    )
    client.force_login(district_clerk)

    response = client.post(
        reverse("emulation:registration_return", args=[registration.pk]), {"reason": "  "}
    )

    assert response.status_code == 200
    assert response.context["registration"].pk == registration.pk
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_registering_twice_is_refused_with_the_message(client, campaign, tree, clerk):
    registration_submit(actor=clerk, campaign=campaign, year=YEAR, unit=tree.cdcs_a1x)
    client.force_login(clerk)

    response = client.post(
        reverse("emulation:registration_create", args=[campaign.pk]),
        {"who": "unit", "unit": tree.cdcs_a1x.pk, "year": YEAR, "commitment": "Lần hai"},
    )

    assert response.status_code == 200
    assert message(Code.ALREADY_REGISTERED) in response.text
    assert "Lần hai" in response.text


def test_a_person_is_registered_by_their_unit(client, campaign, tree, clerk):
    from tests.factories import PersonFactory

    person = PersonFactory(unit=tree.cdcs_a1x, full_name="Trần Văn Bình")
    client.force_login(clerk)
    lookup = client.get(
        reverse("emulation:person_lookup"), {"unit": tree.cdcs_a1x.pk, "person_search": "Bình"}
    )
    assert "Trần Văn Bình" in lookup.text

    client.post(
        reverse("emulation:registration_create", args=[campaign.pk]),
        {
            "who": "person",
            "unit": tree.cdcs_a1x.pk,
            "person": person.pk,
            "year": YEAR,
            "other_titles": "Lao động tiên tiến",
        },
    )

    registration = Registration.objects.get(person=person)
    assert registration.reviewing_unit == tree.cdcs_a1x
    assert registration.titles.get().title == "Lao động tiên tiến"


# --- lists and scope -----------------------------------------------------------------------------


def test_registration_list_is_scoped_filtered_and_costs_the_same_with_more_rows(
    client, campaign, tree, reviewer, district_clerk, clerk_b1x, django_assert_max_num_queries
):
    RegistrationFactory(campaign=campaign, unit=tree.district_a1)
    RegistrationFactory(campaign=campaign, unit=tree.cdcs_a1x)
    client.force_login(district_clerk)
    url = reverse("emulation:registration_list")
    few = page_queries(client, url)
    for number in range(10):
        unit = UnitFactory(parent=tree.district_a1, code=f"CDCS-A1-{number}")
        RegistrationFactory(campaign=campaign, unit=unit)

    with django_assert_max_num_queries(few):
        response = client.get(url)
    # the district sees its own registration and those filed with it
    assert len(response.context["object_list"]) == 12
    filed_with_me = client.get(url, {"to_acknowledge": "on", "status": "submitted"})
    assert tree.district_a1.pk not in {
        r.unit_id for r in filed_with_me.context["object_list"]
    }  # its own is filed with the province
    assert len(filed_with_me.context["object_list"]) == 11

    export = client.get(url, {"export": "xlsx"})
    assert len(list(load_workbook(io.BytesIO(export.content)).active.iter_rows())) == 13

    client.force_login(clerk_b1x)
    assert not client.get(url).context["object_list"]


def test_report_list_is_scoped_and_costs_the_same_with_more_rows(
    client, campaign, half_year, tree, reviewer, django_assert_max_num_queries
):
    ProgressReportFactory(period=half_year, unit=tree.district_a1)
    client.force_login(reviewer)
    url = reverse("emulation:report_list")
    few = page_queries(client, url)
    for number in range(10):
        unit = UnitFactory(parent=tree.district_a2, code=f"CDCS-A2-{number}")
        ProgressReportFactory(period=half_year, unit=unit)

    with django_assert_max_num_queries(few):
        response = client.get(url)

    assert len(response.context["object_list"]) == 11


def test_deadline_lists_show_who_has_not_registered_or_reported_and_export(
    client, campaign, half_year, tree, reviewer
):
    RegistrationFactory(campaign=campaign, unit=tree.district_a1)
    ProgressReportFactory(period=half_year, unit=tree.district_a1)
    client.force_login(reviewer)

    registrations = client.get(
        reverse("emulation:registration_status", args=[campaign.pk]), {"state": "overdue"}
    )
    reports = client.get(
        reverse("emulation:report_status", args=[campaign.pk]), {"period": half_year.pk}
    )
    export = client.get(
        reverse("emulation:report_status", args=[campaign.pk]),
        {"period": half_year.pk, "export": "xlsx"},
    )

    assert sorted(row.unit.code for row in registrations.context["rows"]) == [
        "CDCS-A1X",
        "CDCS-A1Y",
        "CDCS-A2X",
        "LDLD-A2",
    ]
    assert len(reports.context["rows"]) == 5
    assert len(list(load_workbook(io.BytesIO(export.content)).active.iter_rows())) == 6


def test_records_outside_the_readers_scope_are_not_found(
    client, campaign, half_year, tree, clerk, reviewer_b
):
    registration = registration_submit(
        actor=clerk, campaign=campaign, year=YEAR, unit=tree.cdcs_a1x
    )
    report = ProgressReportFactory(period=half_year, unit=tree.cdcs_a1x)
    client.force_login(reviewer_b)

    for url in (
        reverse("emulation:registration_detail", args=[registration.pk]),
        reverse("emulation:registration_refile", args=[registration.pk]),
        reverse("emulation:report_detail", args=[report.pk]),
        reverse("emulation:registration_status", args=[campaign.pk]),
        reverse("emulation:report_file", args=[campaign.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("emulation:registration_acknowledge", args=[registration.pk])
        ).status_code
        == 404
    )


def test_the_menu_leads_to_the_emulation_pages(client, clerk):
    client.force_login(clerk)

    response = client.get(reverse("emulation:campaign_list"))

    assert f'href="{reverse("emulation:campaign_list")}"' in response.text
    assert reverse("emulation:cluster_list") in response.text


def test_deadline_list_costs_the_same_with_more_units(
    client, campaign, tree, reviewer, django_assert_max_num_queries
):
    client.force_login(reviewer)
    url = reverse("emulation:registration_status", args=[campaign.pk])
    few = page_queries(client, url)
    for number in range(10):
        unit = UnitFactory(parent=tree.district_a2, code=f"CDCS-A2-{number}")
        RegistrationFactory(campaign=campaign, unit=unit)

    with django_assert_max_num_queries(few):
        response = client.get(url)

    assert len(response.context["rows"]) == 15


def test_a_launched_campaign_keeps_who_takes_part_and_changes_its_deadline_on_record(
    client, campaign, tree, reviewer
):
    client.force_login(reviewer)
    url = reverse("emulation:campaign_update", args=[campaign.pk])
    form = client.get(url).context["form"]
    assert form.fields["scope"].disabled and form.fields["starts_on"].disabled

    response = client.post(
        url,
        {
            "name": campaign.name,
            "theme": campaign.theme,
            "plan_number": campaign.plan_number,
            "plan_date": "2025-02-07",
            "ends_on": "2025-12-31",
            "registration_deadline": "2025-03-31",
            "scope": "chosen_units",  # ignored: fixed once launched
            "reason": "Gia hạn theo Công văn 12/LĐLĐ",
        },
    )

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.registration_deadline == datetime.date(2025, 3, 31)
    assert campaign.scope == "subtree"
    event = AuditEvent.objects.filter(event_type=EventType.CAMPAIGN_UPDATED).latest("pk")
    assert event.reason == "Gia hạn theo Công văn 12/LĐLĐ"
