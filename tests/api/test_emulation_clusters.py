"""Clusters (cụm thi đua) through the API, role by role: the district forms the cluster and records
its officers, the head draws up the agreement, each member signs and scores itself with its own
token, the head cross-checks, ranks and records the proposal; the award rules read the result.
Internal scores stay inside the cluster: a 404 for anyone else."""

import datetime

import pytest

from audit.models import AuditEvent, EventType
from emulation.models import ClusterMembership, ScoreSheet
from emulation.services import cluster_member_add, cluster_ranking_finalise
from organizations.models import Role
from tests.emulation import conftest as emulation
from tests.emulation.conftest import YEAR, actor_at, pdf
from tests.factories import UnitFactory
from tests.factories.emulation import ClusterFactory

# The emulation tests' fixtures: cluster 1 of district A1 (A1X, A1Y, A1Z), its 2025 officers and
# agreement, signed, self-assessed and cross-checked.
cdcs_a1z = emulation.cdcs_a1z
clerk_a1y = emulation.clerk_a1y
clerk_a1z = emulation.clerk_a1z
clerk_a2x = emulation.clerk_a2x
cluster = emulation.cluster
officers = emulation.officers
agreement = emulation.agreement
signed = emulation.signed
self_assessed = emulation.self_assessed
checked = emulation.checked

CLUSTERS = "/api/v1/clusters/"
AGREEMENTS = "/api/v1/agreements/"
SHEETS = "/api/v1/score-sheets/"
RESULTS = "/api/v1/clusters/results/"


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


AGREEMENT_BODY = {
    "year": YEAR,
    "title": "Giao ước thi đua Cụm số 1 năm 2025",
    "indicators": [
        {
            "code": "doan-vien",
            "name": "Phát triển đoàn viên mới so với chỉ tiêu đăng ký",
            "max_points": "30",
            "scoring_method": "proportional",
        },
        {
            "code": "van-hoa",
            "name": "Tỷ lệ gia đình văn hóa",
            "max_points": "20",
            "scoring_method": "bands",
            "bands": [["70", "10"], ["85", "15"], ["95", "20"]],
        },
        {
            "code": "hoat-dong",
            "name": "Tổ chức các hoạt động phong trào",
            "max_points": "50",
            "scoring_method": "assessed",
        },
    ],
    "adjustments": [
        {"kind": "bonus", "code": "dot-xuat", "name": "Khen thưởng đột xuất", "points": "2"},
        {"kind": "penalty", "code": "vi-pham", "name": "Báo cáo chậm", "points": "5"},
    ],
    "leaders_to_propose": 1,
    "tie_breaks": ["fewer_penalties", "indicator:hoat-dong"],
}


def scores(members, culture, activities, note="Báo cáo năm"):
    return {
        "doan-vien": {"result": str(members), "note": "Sổ đoàn viên"},
        "van-hoa": {"result": str(culture)},
        "hoat-dong": {"points": str(activities), "note": note},
    }


# --- a whole year ------------------------------------------------------------------------------


def test_a_clusters_year_runs_through_the_api(
    api_as, district_clerk, clerk, clerk_a1y, clerk_a1z, reviewer, tree, cdcs_a1z
):
    district = api_as(district_clerk)
    head, deputy, third = api_as(clerk_a1y), api_as(clerk), api_as(clerk_a1z)

    # the district forms the cluster with its three grassroots unions
    formed = ok(
        district.post(
            CLUSTERS,
            {
                "parent_unit": tree.district_a1.pk,
                "name": "Cụm thi đua số 1",
                "kind": "region",
                "formed_on": "2024-01-01",
                "formed_by_decision": "12/QĐ-LĐLĐ",
                "members": [tree.cdcs_a1x.pk, tree.cdcs_a1y.pk, cdcs_a1z.pk],
            },
            format="json",
        ),
        201,
    )
    pk = formed["id"]
    assert formed["kind"] == "region" and formed["year"] == 2024
    assert {m["code"] for m in formed["members"]} == {"CDCS-A1X", "CDCS-A1Y", "CDCS-A1Z"}

    # records the head and the deputy chosen for 2025, the head's minutes as a signed file
    elected = ok(
        district.post(
            url(CLUSTERS, pk, "officers"),
            {
                "year": YEAR,
                "unit": tree.cdcs_a1y.pk,
                "position": "head",
                "method": "election",
                "chosen_on": "2024-12-20",
                "minutes_file": pdf("bien-ban-bau-cum-truong.pdf"),
            },
            format="multipart",
        ),
        201,
    )
    ok(
        district.post(
            url(CLUSTERS, pk, "officers"),
            {
                "year": YEAR,
                "unit": tree.cdcs_a1x.pk,
                "position": "deputy",
                "method": "rotation",
                "chosen_on": "2024-12-20",
                "minutes_number": "BB 07/2024",
            },
            format="json",
        ),
        201,
    )
    assert (elected["position"], elected["minutes_file_name"]) == (
        "head",
        "bien-ban-bau-cum-truong.pdf",
    )

    # the head draws up the agreement; each member signs with its own target
    drawn = ok(head.post(url(CLUSTERS, pk, "agreements"), AGREEMENT_BODY, format="json"), 201)
    agreement_pk = drawn["id"]
    assert [i["code"] for i in drawn["indicators"]] == ["doan-vien", "van-hoa", "hoat-dong"]
    assert drawn["indicators"][1]["bands"][0] == ["70.00", "10.00"]
    for client, unit, target in (
        (deputy, tree.cdcs_a1x, 50),
        (head, tree.cdcs_a1y, 40),
        (third, cdcs_a1z, 60),
    ):
        signature = ok(
            client.post(
                url(AGREEMENTS, agreement_pk, "sign"),
                {"unit": unit.pk, "signed_on": "2025-01-15", "targets": {"doan-vien": target}},
                format="json",
            ),
            201,
        )
        assert signature["targets"] == [{"indicator": "doan-vien", "target_value": f"{target}.00"}]

    # each member assesses itself
    sheets = {}
    for client, unit, body in (
        (
            deputy,
            tree.cdcs_a1x,
            {"scores": scores(50, 90, 48), "adjustments": {"dot-xuat": {"count": 1}}},
        ),
        (
            head,
            tree.cdcs_a1y,
            {"scores": scores(40, 96, 47), "adjustments": {"vi-pham": {"count": 1}}},
        ),
        (third, cdcs_a1z, {"scores": scores(30, 80, 40)}),
    ):
        sheet = ok(
            client.post(
                url(AGREEMENTS, agreement_pk, "score-sheets"),
                {"unit": unit.pk, **body},
                format="json",
            ),
            201,
        )
        sheets[unit.code] = sheet
    assert [s["self_total"] for s in sheets.values()] == ["95.00", "92.00", "65.00"]

    # the head cross-checks the others, the deputy the head's own sheet
    corrected = ok(
        head.post(
            url(SHEETS, sheets["CDCS-A1X"]["id"], "check"),
            {"scores": {"hoat-dong": {"points": "45", "note": "Thiếu minh chứng 2 mục"}}},
            format="json",
        )
    )
    ok(head.post(url(SHEETS, sheets["CDCS-A1Z"]["id"], "check"), {}, format="json"))
    ok(deputy.post(url(SHEETS, sheets["CDCS-A1Y"]["id"], "check"), {}, format="json"))
    assert (corrected["status"], corrected["checked_total"]) == ("cross_checked", "92.00")
    assert corrected["checking_unit"]["code"] == "CDCS-A1Y"

    # the head finalises the ranking: A1X and A1Y tie at 92, A1X has no penalty
    ranking = ok(head.post(url(AGREEMENTS, agreement_pk, "finalise")))
    assert [
        (e["unit"]["code"], e["position"], e["rank"], e["score"], e["decided_by"])
        for e in ranking["entries"]
    ] == [
        ("CDCS-A1X", 1, 1, "92.00", "total"),
        ("CDCS-A1Y", 2, 2, "92.00", "fewer_penalties"),
        ("CDCS-A1Z", 3, 3, "65.00", "total"),
    ]
    assert ranking["agreement"]["status"] == "ranked" and ranking["lead_proposal"] is None

    # and records the proposal of the leading unit with the minutes
    proposal = ok(
        head.post(
            url(AGREEMENTS, agreement_pk, "lead-proposal"),
            {"units": [tree.cdcs_a1x.pk], "meeting_on": "2025-12-18", "minutes_number": "BB 11"},
            format="json",
        ),
        201,
    )
    assert [u["unit"]["code"] for u in proposal["units"]] == ["CDCS-A1X"]
    final = ok(district.get(url(AGREEMENTS, agreement_pk, "ranking")))
    assert final["agreement"]["status"] == "proposed"
    assert final["lead_proposal"]["minutes_number"] == "BB 11"

    # the province's reviewer reads what the award rules need about A1X
    result = ok(api_as(reviewer).get(RESULTS, {"unit": tree.cdcs_a1x.pk, "year": YEAR}))
    assert result["cluster"]["id"] == pk and result["agreement"]["id"] == agreement_pk
    assert (result["rank"], result["score"], result["ranked_count"]) == (1, "92.00", 3)
    assert result["led"] and result["signed"] and result["registered"]
    assert result["has_scoring_sheet"] and result["has_minutes"]
    assert result["head"]["code"] == "CDCS-A1Y" and result["head_terms_without_election"] == 1
    recorded = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {
        EventType.CLUSTER_CREATED,
        EventType.CLUSTER_OFFICER_ELECTED,
        EventType.AGREEMENT_CREATED,
        EventType.AGREEMENT_SIGNED,
        EventType.SCORE_SHEET_SUBMITTED,
        EventType.SCORE_SHEET_CHECKED,
        EventType.CLUSTER_RANKING_FINALISED,
        EventType.LEAD_PROPOSAL_RECORDED,
    } <= recorded


# --- clusters ----------------------------------------------------------------------------------


def test_clusters_are_listed_for_the_forming_unit_and_the_members(
    api_as,
    district_clerk,
    clerk,
    clerk_a2x,
    reviewer_b,
    cluster,
    tree,
    django_assert_max_num_queries,
):
    for n in range(3):
        member = UnitFactory(parent=tree.district_b1, code=f"CDCS-B1-{n}")
        ClusterFactory(parent_unit=tree.district_b1, members=[member])
    district = api_as(district_clerk)

    with django_assert_max_num_queries(6):
        mine = ok(district.get(CLUSTERS))
    seen_by_member = ok(api_as(clerk).get(CLUSTERS, {"kind": "region", "year": YEAR}))
    outside = ok(api_as(clerk_a2x).get(CLUSTERS))
    other_province = ok(api_as(reviewer_b).get(CLUSTERS))
    blocs = ok(district.get(CLUSTERS, {"kind": "sector"}))

    assert [row["id"] for row in mine["results"]] == [cluster.pk]
    assert [row["id"] for row in seen_by_member["results"]] == [cluster.pk]
    assert outside["count"] == 0
    assert other_province["count"] == 3
    assert blocs["count"] == 0
    assert error(api_as(clerk_a2x).get(url(CLUSTERS, cluster.pk)), 404)["code"] == "not_found"


def test_a_clusters_detail_shows_the_members_and_officers_of_the_year(
    api_as, district_clerk, clerk, officers, cluster, tree, cdcs_a1z
):
    # given A1Z leaves at the end of 2025
    membership = cluster.memberships.get(unit=cdcs_a1z)
    ok(
        api_as(district_clerk).post(
            url(CLUSTERS, cluster.pk, f"members/{membership.pk}/remove"),
            {"left_on": "2025-12-31", "reason": "Sáp nhập"},
            format="json",
        )
    )

    this = ok(api_as(clerk).get(url(CLUSTERS, cluster.pk), {"year": YEAR}))
    next_year = ok(api_as(clerk).get(url(CLUSTERS, cluster.pk), {"year": YEAR + 1}))

    assert {m["code"] for m in this["members"]} == {"CDCS-A1X", "CDCS-A1Y", "CDCS-A1Z"}
    assert {(o["position"], o["unit"]["code"]) for o in this["officers"]} == {
        ("head", "CDCS-A1Y"),
        ("deputy", "CDCS-A1X"),
    }
    assert {m["code"] for m in next_year["members"]} == {"CDCS-A1X", "CDCS-A1Y"}
    assert next_year["officers"] == []
    left = next(m for m in next_year["memberships"] if m["unit"]["code"] == "CDCS-A1Z")
    assert (left["left_on"], left["leave_reason"]) == ("2025-12-31", "Sáp nhập")


def test_members_join_and_leave_with_reasons_kept(
    api_as, district_clerk, clerk, cluster, tree, cdcs_a1z
):
    district = api_as(district_clerk)
    membership = cluster.memberships.get(unit=cdcs_a1z)
    remove = url(CLUSTERS, cluster.pk, f"members/{membership.pk}/remove")

    no_reason = error(district.post(remove, {"left_on": "2025-06-30"}, format="json"), 400)
    not_staff = error(
        api_as(clerk).post(remove, {"left_on": "2025-06-30", "reason": "Rời"}, format="json"),
        403,
    )
    left = ok(district.post(remove, {"left_on": "2025-06-30", "reason": "Chuyển cụm"}))
    twice = error(district.post(remove, {"left_on": "2025-07-31", "reason": "Lại"}), 409)
    rejoined = ok(
        district.post(
            url(CLUSTERS, cluster.pk, "members"),
            {"unit": cdcs_a1z.pk, "joined_on": "2026-01-01", "reason": "Quay lại"},
            format="json",
        ),
        201,
    )
    again = error(
        district.post(
            url(CLUSTERS, cluster.pk, "members"),
            {"unit": cdcs_a1z.pk, "joined_on": "2026-02-01"},
            format="json",
        ),
        400,
    )

    assert no_reason["code"] == "reason_required" and "reason" in no_reason["details"]
    assert not_staff["code"] == "permission_denied"
    assert (left["left_on"], left["leave_reason"]) == ("2025-06-30", "Chuyển cụm")
    assert twice["code"] == "membership_ended"
    assert rejoined["join_reason"] == "Quay lại"
    assert again["code"] == "already_member"
    assert ClusterMembership.objects.filter(unit=cdcs_a1z).count() == 2
    other = error(district.post(url(CLUSTERS, cluster.pk, "members/999999/remove"), {}), 404)
    assert other["code"] == "not_found"


def test_an_officer_needs_minutes_and_a_member(api_as, district_clerk, cluster, tree):
    district = api_as(district_clerk)
    body = {"year": YEAR, "chosen_on": "2024-12-20"}

    no_minutes = error(
        district.post(
            url(CLUSTERS, cluster.pk, "officers"), {**body, "unit": tree.cdcs_a1x.pk}, format="json"
        ),
        400,
    )
    outsider = error(
        district.post(
            url(CLUSTERS, cluster.pk, "officers"),
            {**body, "unit": tree.cdcs_a2x.pk, "minutes_number": "BB"},
            format="json",
        ),
        400,
    )

    assert no_minutes["code"] == "minutes_required" and "minutes_number" in no_minutes["details"]
    assert outsider["code"] == "invalid_input" and "unit" in outsider["details"]


# --- agreements and scores ---------------------------------------------------------------------


def test_an_agreement_with_a_rule_that_cannot_score_is_refused(
    api_as, clerk_a1y, officers, cluster
):
    body = {
        **AGREEMENT_BODY,
        "indicators": [
            {"code": "x", "name": "X", "max_points": "10", "scoring_method": "bands"},
        ],
        "tie_breaks": [],
    }

    refused = error(
        api_as(clerk_a1y).post(url(CLUSTERS, cluster.pk, "agreements"), body, format="json"), 400
    )
    empty = error(
        api_as(clerk_a1y).post(
            url(CLUSTERS, cluster.pk, "agreements"), {**body, "indicators": []}, format="json"
        ),
        400,
    )
    unknown_tie_break = error(
        api_as(clerk_a1y).post(
            url(CLUSTERS, cluster.pk, "agreements"),
            {**AGREEMENT_BODY, "tie_breaks": ["indicator:khong-co"]},
            format="json",
        ),
        400,
    )

    assert refused["code"] == "rule_invalid" and set(refused["details"]) == {"x"}
    assert empty["code"] == "agreement_empty"
    assert unknown_tie_break["code"] == "tie_break_invalid"


def test_an_agreement_is_drawn_up_once_a_year_by_the_head(
    api_as, clerk, clerk_a1y, agreement, cluster
):
    twice = error(
        api_as(clerk_a1y).post(
            url(CLUSTERS, cluster.pk, "agreements"), AGREEMENT_BODY, format="json"
        ),
        409,
    )
    by_a_member = error(
        api_as(clerk).post(
            url(CLUSTERS, cluster.pk, "agreements"),
            {**AGREEMENT_BODY, "year": YEAR + 1},
            format="json",
        ),
        403,
    )

    assert twice["code"] == "agreement_exists"
    assert by_a_member["code"] == "permission_denied"


def test_signing_needs_the_targets_and_happens_once(api_as, clerk, signed, tree):
    sign = url(AGREEMENTS, signed.pk, "sign")

    twice = error(
        api_as(clerk).post(
            sign,
            {"unit": tree.cdcs_a1x.pk, "signed_on": "2025-01-20", "targets": {"doan-vien": 1}},
            format="json",
        ),
        409,
    )

    assert twice["code"] == "already_signed"


def test_a_member_without_its_target_cannot_sign(api_as, clerk, agreement, tree):
    refused = error(
        api_as(clerk).post(
            url(AGREEMENTS, agreement.pk, "sign"),
            {"unit": tree.cdcs_a1x.pk, "signed_on": "2025-01-20"},
            format="json",
        ),
        400,
    )

    assert refused["code"] == "targets_required"
    assert refused["details"] == {"targets": ["doan-vien"]}


def test_score_sheets_are_listed_for_the_cluster_within_a_budget(
    api_as, clerk_a1z, district_clerk, checked, django_assert_max_num_queries
):
    member = api_as(clerk_a1z)
    sheets_url = url(AGREEMENTS, checked[0].agreement_id, "score-sheets")

    # a fixed number of queries, whatever the number of sheets and lines
    with django_assert_max_num_queries(12):
        listed = ok(member.get(sheets_url))
    forming = ok(api_as(district_clerk).get(sheets_url))

    assert listed["count"] == 3 == forming["count"]
    x = next(row for row in listed["results"] if row["unit"]["code"] == "CDCS-A1X")
    lines = {line["indicator"]: line for line in x["lines"]}
    assert (lines["hoat-dong"]["self_points"], lines["hoat-dong"]["checked_points"]) == (
        "48.00",
        "45.00",
    )
    assert lines["doan-vien"]["target_value"] == "50.00"
    assert [(a["item"], a["kind"], a["self_points"]) for a in x["adjustment_lines"]] == [
        ("dot-xuat", "bonus", "2.00")
    ]


def test_internal_scores_are_not_found_outside_the_cluster(
    api_as, clerk_a2x, reviewer_b, clerk_a1y, checked, tree
):
    x, _, _ = checked
    agreement = cluster_ranking_finalise(actor=clerk_a1y, agreement=x.agreement)
    # a grassroots union of district A1 that joins the cluster only in 2026
    newcomer = UnitFactory(code="CDCS-A1W", name="Công đoàn cơ sở A1-W", parent=tree.district_a1)
    cluster_member_add(
        actor=actor_at("district_a1_clerk_2", Role.CLERK, tree.district_a1),
        cluster=agreement.cluster,
        unit=newcomer,
        joined_on=datetime.date(YEAR + 1, 1, 1),
    )
    clerk_a1w = actor_at("clerk_a1w", Role.CLERK, newcomer)

    for outsider in (clerk_a2x, reviewer_b, clerk_a1w):
        client = api_as(outsider)
        for path in (
            url(AGREEMENTS, agreement.pk, "score-sheets"),
            url(AGREEMENTS, agreement.pk, "ranking"),
            url(SHEETS, x.pk),
        ):
            assert error(client.get(path), 404)["code"] == "not_found"
        error(client.post(url(SHEETS, x.pk, "check"), {}, format="json"), 404)
    # the newcomer sees the cluster and its agreement, not the scores of a year before it joined
    newcomer_client = api_as(clerk_a1w)
    assert ok(newcomer_client.get(url(CLUSTERS, agreement.cluster_id)))["id"]
    assert ok(newcomer_client.get(url(AGREEMENTS, agreement.pk)))["id"] == agreement.pk


def test_a_unit_never_cross_checks_its_own_sheet(api_as, clerk_a1y, self_assessed):
    _, own, _ = self_assessed

    refused = error(api_as(clerk_a1y).post(url(SHEETS, own.pk, "check"), {}, format="json"), 403)

    assert refused["code"] == "check_own_sheet"


def test_a_checked_sheet_can_no_longer_be_changed_by_its_unit(api_as, clerk, checked, tree):
    x, _, _ = checked

    refused = error(
        api_as(clerk).post(
            url(AGREEMENTS, x.agreement_id, "score-sheets"),
            {"unit": tree.cdcs_a1x.pk, "scores": scores(60, 99, 50)},
            format="json",
        ),
        409,
    )
    incomplete = error(
        api_as(clerk).post(
            url(AGREEMENTS, x.agreement_id, "score-sheets"),
            {"unit": tree.cdcs_a1x.pk, "scores": {"doan-vien": {"result": "1"}}},
            format="json",
        ),
        400,
    )

    assert refused["code"] == "sheet_checked"
    assert incomplete["code"] == "scores_incomplete"
    assert ScoreSheet.objects.get(pk=x.pk).self_total == x.self_total


def test_the_ranking_waits_for_every_check_and_is_final_once(
    api_as, clerk_a1y, self_assessed, tree
):
    x, _, _ = self_assessed
    head = api_as(clerk_a1y)
    finalise = url(AGREEMENTS, x.agreement_id, "finalise")

    early = error(head.post(finalise), 400)
    before = ok(head.get(url(AGREEMENTS, x.agreement_id, "ranking")))

    assert early["code"] == "sheets_missing" and len(early["details"]["units"]) == 3
    assert before["entries"] == [] and before["ranked_at"] is None


def test_a_proposal_follows_the_ranking(
    api_as, clerk_a1y, district_clerk, checked, tree, django_assert_max_num_queries
):
    agreement = checked[0].agreement
    head = api_as(clerk_a1y)
    propose = url(AGREEMENTS, agreement.pk, "lead-proposal")
    body = {"meeting_on": "2025-12-18", "minutes_number": "BB 11"}

    early = error(head.post(propose, {**body, "units": [tree.cdcs_a1x.pk]}, format="json"), 409)
    ok(head.post(url(AGREEMENTS, agreement.pk, "finalise")))
    lower = error(head.post(propose, {**body, "units": [tree.cdcs_a1y.pk]}, format="json"), 400)
    outsider = error(head.post(propose, {**body, "units": [tree.cdcs_a2x.pk]}, format="json"), 400)
    with_file = ok(
        head.post(
            propose,
            {
                "units": [tree.cdcs_a1x.pk],
                "meeting_on": "2025-12-18",
                "minutes_file": pdf("bb.pdf"),
            },
            format="multipart",
        ),
        201,
    )

    assert early["code"] == "agreement_not_ranked"
    assert lower["code"] == "reason_for_lower_rank"
    assert outsider["code"] == "invalid_input" and "units" in outsider["details"]
    assert with_file["minutes_file_name"] == "bb.pdf"
    forming = api_as(district_clerk)
    with django_assert_max_num_queries(12):
        ranking = ok(forming.get(url(AGREEMENTS, agreement.pk, "ranking")))
    assert [e["unit"]["code"] for e in ranking["entries"]] == ["CDCS-A1X", "CDCS-A1Y", "CDCS-A1Z"]
    assert ranking["lead_proposal"]["units"][0]["unit"]["code"] == "CDCS-A1X"


# --- what the award rules read -----------------------------------------------------------------


def test_the_cluster_result_is_read_within_scope(
    api_as, reviewer, reviewer_b, clerk_a1y, checked, tree, django_assert_max_num_queries
):
    cluster_ranking_finalise(actor=clerk_a1y, agreement=checked[0].agreement)
    province = api_as(reviewer)

    with django_assert_max_num_queries(12):
        result = ok(province.get(RESULTS, {"unit": tree.cdcs_a1y.pk, "year": YEAR}))
    nowhere = ok(province.get(RESULTS, {"unit": tree.cdcs_a2x.pk, "year": YEAR}))
    outside = error(api_as(reviewer_b).get(RESULTS, {"unit": tree.cdcs_a1y.pk, "year": YEAR}), 404)
    missing = error(province.get(RESULTS), 400)

    assert (result["unit"]["code"], result["rank"], result["score"]) == ("CDCS-A1Y", 2, "92.00")
    assert result["signed"] and result["registered"] and result["ranking_final"]
    assert not result["led"] and not result["has_minutes"]
    assert result["campaign_registered"] is False
    assert nowhere["cluster"] is None and nowhere["rank"] is None
    assert nowhere["signed"] is False and nowhere["campaign_registered"] is None
    assert outside["code"] == "not_found"
    assert set(missing["details"]) == {"unit", "year"}


@pytest.mark.parametrize("path", ["", "sign", "ranking", "score-sheets"])
def test_an_agreement_outside_scope_is_not_found(api_as, clerk_a2x, agreement, path):
    response = (
        api_as(clerk_a2x).get(url(AGREEMENTS, agreement.pk, path))
        if path != "sign"
        else api_as(clerk_a2x).post(url(AGREEMENTS, agreement.pk, path), {}, format="json")
    )

    assert error(response, 404)["code"] == "not_found"
