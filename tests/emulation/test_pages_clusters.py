"""The cluster pages, driven role by role: the district forms a cluster of its grassroots unions
and records the year's head and deputy; the head draws up the agreement, the members sign it
with their targets and score themselves, the head and deputy cross-check, the head finalises the
ranking and records the proposal of the leading unit. Internal results stay inside the
cluster; each page stays in a bounded number of queries."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from emulation.choices import AgreementStatus, ScoreSheetStatus
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import (
    AgreementSignature,
    Cluster,
    ClusterAgreement,
    ClusterMembership,
    ClusterOfficer,
    ScoreSheet,
)
from emulation.services import agreement_sign, cluster_create, cluster_member_add
from tests.factories import UnitFactory

from .conftest import YEAR, actor_at


def message(code):
    return escape(str(code.label))


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def cluster_page(cluster, year=YEAR):
    return reverse("emulation:cluster_detail", args=[cluster.pk]) + f"?year={year}"


def agreement_page(agreement):
    return reverse("emulation:agreement_detail", args=[agreement.pk])


def grassroots(tree, number):
    return UnitFactory(
        code=f"CDCS-A1-{number:02d}",
        name=f"Công đoàn cơ sở A1 số {number:02d}",
        parent=tree.district_a1,
    )


# --- clusters ------------------------------------------------------------------------------------


def test_cluster_list_is_scoped_and_costs_the_same_with_more_clusters(
    client, cluster, tree, district_clerk, clerk_b1x, django_assert_max_num_queries
):
    client.force_login(district_clerk)
    url = reverse("emulation:cluster_list")
    few = page_queries(client, url)
    for number in range(8):
        cluster_create(
            actor=district_clerk,
            parent_unit=tree.district_a1,
            name=f"Khối thi đua số {number}",
            kind="sector",
            formed_on=datetime.date(2024, 1, 1),
        )

    with django_assert_max_num_queries(few):
        response = client.get(url)

    assert len(response.context["object_list"]) == 9
    assert response.context["can_create"]
    client.force_login(clerk_b1x)
    assert not client.get(url).context["object_list"]


def test_cluster_page_shows_the_forming_unit_and_the_members_what_they_may_do(
    client, officers, cluster, district_clerk, clerk, clerk_a1y, clerk_b1x
):
    # the forming unit keeps the members and records the officers
    client.force_login(district_clerk)
    response = client.get(cluster_page(cluster))
    assert response.context["can_manage"]
    assert response.context["year_officers"]["head"].unit.code == "CDCS-A1Y"
    assert response.context["can_draw_up"]

    # the head of the year draws up the agreement; a member only reads
    client.force_login(clerk_a1y)
    assert client.get(cluster_page(cluster)).context["can_draw_up"]
    client.force_login(clerk)
    response = client.get(cluster_page(cluster))
    assert not response.context["can_manage"] and not response.context["can_draw_up"]

    # a unit of another province does not see it
    client.force_login(clerk_b1x)
    assert client.get(cluster_page(cluster)).status_code == 404


def test_cluster_page_costs_the_same_with_more_members(
    client, cluster, tree, district_clerk, django_assert_max_num_queries
):
    client.force_login(district_clerk)
    few = page_queries(client, cluster_page(cluster))
    for number in range(10):
        cluster_member_add(
            actor=district_clerk,
            cluster=cluster,
            unit=grassroots(tree, number),
            joined_on=datetime.date(2025, 1, 1),
        )

    with django_assert_max_num_queries(few):
        response = client.get(cluster_page(cluster))

    assert len(response.context["current"]) == 13


def test_forming_a_cluster_through_the_page_with_its_founding_members(client, tree, district_clerk):
    client.force_login(district_clerk)
    data = {
        "parent_unit": tree.district_a1.pk,
        "name": "Cụm thi đua trường học",
        "kind": "region",
        "formed_on": "2025-01-01",
        "formed_by_decision": "15/QĐ-LĐLĐ",
        "members": "CDCS-A1X\nCDCS-A1Y",
    }

    # an unknown code is refused on the field, the input kept
    refused = client.post(reverse("emulation:cluster_create"), {**data, "members": "CDCS-B1X"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["members"]
    assert "Cụm thi đua trường học" in refused.text

    response = client.post(reverse("emulation:cluster_create"), data, follow=True)

    cluster = Cluster.objects.get(name="Cụm thi đua trường học")
    assert sorted(m.unit.code for m in cluster.memberships.all()) == ["CDCS-A1X", "CDCS-A1Y"]
    assert response.context["cluster"] == cluster


def test_a_member_joins_and_leaves_with_its_reason_kept(client, cluster, tree, district_clerk):
    newcomer = grassroots(tree, 1)
    client.force_login(district_clerk)

    client.post(
        reverse("emulation:cluster_member_add", args=[cluster.pk]),
        {"unit": newcomer.pk, "joined_on": "2025-03-01", "reason": "Thành lập mới"},
    )
    membership = ClusterMembership.objects.get(unit=newcomer)
    leave = reverse("emulation:cluster_member_remove", args=[cluster.pk, membership.pk])

    # leaving needs a reason
    refused = client.post(leave, {"left_on": "2025-09-30", "reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]

    client.post(leave, {"left_on": "2025-09-30", "reason": "Giải thể do sáp nhập"})

    membership.refresh_from_db()
    assert membership.left_on == datetime.date(2025, 9, 30)
    assert membership.leave_reason == "Giải thể do sáp nhập"
    page = client.get(cluster_page(cluster))
    assert [m.pk for m in page.context["past"]] == [membership.pk]


def test_a_member_of_another_cluster_of_the_kind_is_refused_on_the_page(
    client, cluster, tree, district_clerk
):
    other = cluster_create(
        actor=district_clerk,
        parent_unit=tree.district_a1,
        name="Cụm thi đua số 2",
        kind="region",
        formed_on=datetime.date(2024, 1, 1),
    )
    client.force_login(district_clerk)

    response = client.post(
        reverse("emulation:cluster_member_add", args=[other.pk]),
        {"unit": tree.cdcs_a1x.pk, "joined_on": "2025-01-01", "reason": "Chuyển cụm"},
    )

    # the choice is not offered (it is a member of the first cluster), so the form says so
    assert response.status_code == 200
    assert response.context["refusal_messages"]
    assert "Chuyển cụm" in response.text
    assert not other.memberships.exists()


def test_the_head_is_recorded_with_the_minutes_through_the_page(
    client, cluster, tree, district_clerk
):
    client.force_login(district_clerk)
    url = reverse("emulation:cluster_officer_create", args=[cluster.pk]) + f"?year={YEAR}"
    data = {
        "year": YEAR,
        "unit": tree.cdcs_a1y.pk,
        "position": "head",
        "method": "election",
        "chosen_on": "2024-12-20",
        "note": "Bầu tại hội nghị tổng kết",
    }

    refused = client.post(url, data)
    assert message(Code.MINUTES_REQUIRED) in refused.text
    assert "Bầu tại hội nghị tổng kết" in refused.text

    client.post(url, {**data, "minutes_number": "BB 07/2024"})

    officer = ClusterOfficer.objects.get(cluster=cluster, year=YEAR)
    assert (officer.unit, officer.minutes_number) == (tree.cdcs_a1y, "BB 07/2024")


# --- a cluster's year, end to end ----------------------------------------------------------------

AGREEMENT_FORM = {
    "year": YEAR,
    "title": "Giao ước thi đua Cụm số 1 năm 2025",
    "leaders_to_propose": 1,
    "tie_breaks": "fewer_penalties\nindicator:hoat-dong",
    "ind-TOTAL_FORMS": 4,
    "ind-INITIAL_FORMS": 0,
    "ind-MIN_NUM_FORMS": 0,
    "ind-MAX_NUM_FORMS": 1000,
    "ind-0-code": "doan-vien",
    "ind-0-name": "Phát triển đoàn viên mới so với chỉ tiêu đăng ký",
    "ind-0-max_points": "30",
    "ind-0-weight": "1",
    "ind-0-scoring_method": "proportional",
    "ind-0-direction": "at_least",
    "ind-1-code": "van-hoa",
    "ind-1-name": "Tỷ lệ gia đình văn hóa",
    "ind-1-max_points": "20",
    "ind-1-weight": "1",
    "ind-1-scoring_method": "bands",
    "ind-1-direction": "at_least",
    "ind-1-bands": "70:10; 85:15; 95:20",
    "ind-2-code": "hoat-dong",
    "ind-2-name": "Tổ chức các hoạt động phong trào",
    "ind-2-max_points": "50",
    "ind-2-weight": "1",
    "ind-2-scoring_method": "assessed",
    "ind-2-direction": "at_least",
    # a blank row left as offered
    "ind-3-weight": "1",
    "ind-3-scoring_method": "proportional",
    "ind-3-direction": "at_least",
    "adj-TOTAL_FORMS": 3,
    "adj-INITIAL_FORMS": 0,
    "adj-MIN_NUM_FORMS": 0,
    "adj-MAX_NUM_FORMS": 1000,
    "adj-0-kind": "bonus",
    "adj-0-code": "dot-xuat",
    "adj-0-name": "Được khen thưởng đột xuất",
    "adj-0-points": "2",
    "adj-0-max_points": "4",
    "adj-1-kind": "penalty",
    "adj-1-code": "vi-pham",
    "adj-1-name": "Báo cáo chậm",
    "adj-1-points": "5",
    "adj-2-kind": "bonus",
}


def test_a_cluster_year_run_through_the_pages_from_agreement_to_proposal(
    client, officers, cluster, tree, cdcs_a1z, district_clerk, clerk, clerk_a1y, clerk_a1z
):
    # the head draws up the agreement
    client.force_login(clerk_a1y)
    editor = reverse("emulation:agreement_create", args=[cluster.pk]) + f"?year={YEAR}"
    assert client.get(editor).status_code == 200
    response = client.post(editor, AGREEMENT_FORM, follow=True)
    agreement = ClusterAgreement.objects.get(cluster=cluster, year=YEAR)
    assert [i.code for i in agreement.indicators.all()] == ["doan-vien", "van-hoa", "hoat-dong"]
    assert agreement.tie_breaks == ["fewer_penalties", "indicator:hoat-dong"]
    assert response.context["to_sign"] == [tree.cdcs_a1y]

    # every member signs with its own target of new members
    for actor, unit, target in [
        (clerk, tree.cdcs_a1x, "50"),
        (clerk_a1y, tree.cdcs_a1y, "40"),
        (clerk_a1z, cdcs_a1z, "60"),
    ]:
        client.force_login(actor)
        client.post(
            reverse("emulation:agreement_sign", args=[agreement.pk]),
            {"unit": unit.pk, "signed_on": "2025-01-15", "target_doan-vien": target},
        )
    assert AgreementSignature.objects.filter(agreement=agreement).count() == 3

    # at year end each scores itself
    def self_assess(actor, unit, members, culture, activities, **claims):
        client.force_login(actor)
        data = {
            "unit": unit.pk,
            "line_doan-vien": members,
            "evidence_doan-vien": "Sổ đoàn viên",
            "line_van-hoa": culture,
            "line_hoat-dong": activities,
            "evidence_hoat-dong": "Báo cáo năm",
        }
        data.update({f"count_{code}": count for code, count in claims.items()})
        url = reverse("emulation:agreement_score", args=[agreement.pk]) + f"?unit={unit.pk}"
        return client.post(url, data)

    self_assess(clerk, tree.cdcs_a1x, "50", "90", "48", **{"dot-xuat": 1})
    self_assess(clerk_a1y, tree.cdcs_a1y, "40", "96", "47", **{"vi-pham": 1})
    self_assess(clerk_a1z, cdcs_a1z, "30", "80", "40")
    sheets = {s.unit.code: s for s in ScoreSheet.objects.filter(agreement=agreement)}
    assert {code: s.self_total for code, s in sheets.items()} == {
        "CDCS-A1X": Decimal(95),
        "CDCS-A1Y": Decimal(92),
        "CDCS-A1Z": Decimal(65),
    }

    # the head cross-checks the others (correcting A1X), the deputy checks the head's own
    def check(actor, sheet, **changes):
        client.force_login(actor)
        page = client.get(reverse("emulation:sheet_detail", args=[sheet.pk]))
        assert page.context["check_form"] is not None
        data = {
            name: value if value is not None else ""
            for name, value in page.context["check_form"].initial.items()
        }
        data.update(changes)
        return client.post(reverse("emulation:sheet_check", args=[sheet.pk]), data)

    check(
        clerk_a1y,
        sheets["CDCS-A1X"],
        **{"line_hoat-dong": "45", "evidence_hoat-dong": "Thiếu minh chứng 2 mục"},
    )
    check(clerk_a1y, sheets["CDCS-A1Z"])
    client.force_login(clerk_a1y)
    own = client.get(reverse("emulation:sheet_detail", args=[sheets["CDCS-A1Y"].pk]))
    assert own.context["check_form"] is None  # a unit never checks its own sheet
    check(clerk, sheets["CDCS-A1Y"])
    checked = {s.unit.code: s for s in ScoreSheet.objects.filter(agreement=agreement)}
    assert {code: s.checked_total for code, s in checked.items()} == {
        "CDCS-A1X": Decimal(92),
        "CDCS-A1Y": Decimal(92),
        "CDCS-A1Z": Decimal(65),
    }
    assert all(s.status == ScoreSheetStatus.CROSS_CHECKED for s in checked.values())

    # the head finalises the ranking: the tie goes to fewer penalties
    client.force_login(clerk_a1y)
    response = client.post(reverse("emulation:ranking_finalise", args=[agreement.pk]), follow=True)
    ranking = [(e.unit.code, e.rank) for e in response.context["ranking"]]
    assert ranking == [("CDCS-A1X", 1), ("CDCS-A1Y", 2), ("CDCS-A1Z", 3)]
    assert response.context["can_propose"]

    # and records the proposal of the leading unit with the minutes
    propose = reverse("emulation:proposal_create", args=[agreement.pk])
    form = client.get(propose)
    assert [u.pk for u in form.context["form"].initial["units"]] == [tree.cdcs_a1x.pk]
    response = client.post(
        propose,
        {"units": [tree.cdcs_a1x.pk], "meeting_on": "2025-12-18", "minutes_number": "BB 12/2025"},
        follow=True,
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PROPOSED
    proposal = response.context["proposal"]
    assert [item.unit.code for item in proposal.units.all()] == ["CDCS-A1X"]
    assert "BB 12/2025" in response.text

    # the forming unit reads it all
    client.force_login(district_clerk)
    page = client.get(agreement_page(agreement))
    assert page.context["internals"] and len(page.context["ranking"]) == 3


def test_agreement_editor_more_rows_keeps_what_was_typed(client, officers, cluster, clerk_a1y):
    client.force_login(clerk_a1y)
    editor = reverse("emulation:agreement_create", args=[cluster.pk]) + f"?year={YEAR}"

    response = client.post(editor, {**AGREEMENT_FORM, "more_rows": "1"})

    indicators = response.context["indicators"]
    assert [f.initial.get("code") for f in indicators.forms[:3]] == [
        "doan-vien",
        "van-hoa",
        "hoat-dong",
    ]
    assert len(indicators.forms) == 6  # three typed, three blank
    assert not ClusterAgreement.objects.exists()


def test_agreement_editor_shows_a_rule_that_cannot_work_on_its_row(
    client, officers, cluster, clerk_a1y
):
    client.force_login(clerk_a1y)
    editor = reverse("emulation:agreement_create", args=[cluster.pk]) + f"?year={YEAR}"

    response = client.post(editor, {**AGREEMENT_FORM, "ind-1-bands": ""})

    assert response.status_code == 200
    row = response.context["indicators"].forms[1]
    assert row.non_field_errors()
    assert message(Code.RULE_INVALID) in response.text
    assert "Tổ chức các hoạt động phong trào" in response.text  # the input is kept
    assert not ClusterAgreement.objects.exists()


def test_agreement_editor_starts_from_last_years_agreement(
    client, agreement, cluster, tree, district_clerk
):
    client.force_login(district_clerk)

    response = client.get(
        reverse("emulation:agreement_create", args=[cluster.pk]) + f"?year={YEAR + 1}"
    )

    assert response.context["copied"] == agreement
    assert [f.initial["code"] for f in response.context["indicators"].forms] == [
        "doan-vien",
        "van-hoa",
        "hoat-dong",
    ]


def test_a_signature_without_its_target_is_refused_on_the_target_field(
    client, agreement, tree, clerk
):
    client.force_login(clerk)

    response = client.post(
        reverse("emulation:agreement_sign", args=[agreement.pk]),
        {"unit": tree.cdcs_a1x.pk, "signed_on": "2025-01-15", "signatory": "Chủ tịch CĐCS"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["target_doan-vien"]
    assert "Chủ tịch CĐCS" in response.text
    assert not AgreementSignature.objects.exists()


def test_finalising_before_every_sheet_is_checked_is_refused_naming_the_units(
    client, self_assessed, clerk_a1y
):
    agreement = self_assessed[0].agreement
    client.force_login(clerk_a1y)

    response = client.post(reverse("emulation:ranking_finalise", args=[agreement.pk]))

    assert response.status_code == 200
    assert message(Code.SHEETS_MISSING) in response.text
    assert "Công ty May A1-Y" in " ".join(response.context["refusal_messages"])
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.OPEN


def test_checking_ones_own_sheet_is_forbidden(client, self_assessed, clerk_a1y):
    own = self_assessed[1]
    client.force_login(clerk_a1y)

    response = client.post(reverse("emulation:sheet_check", args=[own.pk]), {"note": ""})

    assert response.status_code == 403


def test_internal_results_are_not_found_outside_the_cluster_or_its_year(
    client, checked, cluster, tree, district_clerk, clerk_a2x
):
    agreement = checked[0].agreement
    sheet = checked[0]
    # a unit elsewhere sees neither the agreement nor a sheet
    client.force_login(clerk_a2x)
    assert client.get(agreement_page(agreement)).status_code == 404
    assert client.get(reverse("emulation:sheet_detail", args=[sheet.pk])).status_code == 404

    # a unit that joined the year after sees the agreement, not the year's results
    newcomer = grassroots(tree, 7)
    cluster_member_add(
        actor=district_clerk, cluster=cluster, unit=newcomer, joined_on=datetime.date(2026, 1, 1)
    )
    client.force_login(actor_at("clerk_new", "clerk", newcomer))
    page = client.get(agreement_page(agreement))
    assert page.status_code == 200
    assert not page.context["internals"] and not page.context["sheets"]
    assert client.get(reverse("emulation:sheet_detail", args=[sheet.pk])).status_code == 404


def test_agreement_page_costs_the_same_with_more_members(
    client, signed, cluster, tree, district_clerk, system_admin, django_assert_max_num_queries
):
    client.force_login(district_clerk)
    few = page_queries(client, agreement_page(signed))
    for number in range(8):
        unit = grassroots(tree, number)
        cluster_member_add(
            actor=district_clerk, cluster=cluster, unit=unit, joined_on=datetime.date(2025, 1, 1)
        )
        agreement_sign(
            actor=system_admin,
            agreement=signed,
            unit=unit,
            signed_on=datetime.date(2025, 1, 20),
            targets={"doan-vien": Decimal(30)},
        )

    with django_assert_max_num_queries(few):
        response = client.get(agreement_page(signed))

    assert len(response.context["signatures"]) == 11
