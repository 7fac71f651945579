"""Units over the API: each reader sees the part of the tree their roles cover."""

import datetime

from organizations.services import unit_merge
from tests.factories import UnitFactory, kind

ALL_OF_PROVINCE_A = {"LDLD-A", "LDLD-A1", "CDCS-A1X", "TO-A1X-1", "CDCS-A1Y", "LDLD-A2", "CDCS-A2X"}


def _codes(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {unit["code"] for unit in response.json()["results"]}


def test_cdcs_clerk_lists_only_its_unit_and_its_internal_sub_units(api_as, tree, clerk):
    response = api_as(clerk).get("/api/v1/units/")

    assert _codes(response) == {"CDCS-A1X", "TO-A1X-1"}


def test_provincial_reviewer_lists_its_whole_subtree(api_as, tree, reviewer):
    response = api_as(reviewer).get("/api/v1/units/")

    assert _codes(response) == ALL_OF_PROVINCE_A
    assert response.json()["count"] == len(ALL_OF_PROVINCE_A)


def test_auditor_reads_units_of_its_subtree(api_as, tree, auditor):
    client = api_as(auditor)

    assert _codes(client.get("/api/v1/units/")) == ALL_OF_PROVINCE_A
    assert client.get(f"/api/v1/units/{tree.cdcs_a2x.pk}/").status_code == 200


def test_unit_of_another_province_is_404_with_the_error_body(api_as, tree, reviewer):
    # when
    response = api_as(reviewer).get(f"/api/v1/units/{tree.cdcs_b1x.pk}/")

    # then
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert set(response.json()) == {"code", "message", "details"}


def test_unit_above_a_clerks_unit_is_404(api_as, tree, clerk):
    response = api_as(clerk).get(f"/api/v1/units/{tree.district_a1.pk}/")

    assert response.status_code == 404


def test_under_filter_keeps_a_subtree(api_as, tree, reviewer):
    response = api_as(reviewer).get(f"/api/v1/units/?under={tree.district_a1.pk}")

    assert _codes(response) == {"LDLD-A1", "CDCS-A1X", "TO-A1X-1", "CDCS-A1Y"}


def test_under_a_unit_outside_scope_lists_nothing(api_as, tree, reviewer):
    response = api_as(reviewer).get(f"/api/v1/units/?under={tree.province_b.pk}")

    assert _codes(response) == set()


def test_kind_level_sector_and_search_filters(api_as, tree, reviewer):
    client = api_as(reviewer)

    assert _codes(client.get("/api/v1/units/?kind=ldld-huyen")) == {"LDLD-A1", "LDLD-A2"}
    assert _codes(client.get("/api/v1/units/?level=co-so")) == {"CDCS-A1X", "CDCS-A1Y", "CDCS-A2X"}
    assert _codes(client.get("/api/v1/units/?sector=non_state_enterprise")) == {"CDCS-A1Y"}
    assert _codes(client.get("/api/v1/units/?search=May")) == {"CDCS-A1Y"}
    assert _codes(client.get("/api/v1/units/?search=a2x")) == {"CDCS-A2X"}


def test_dissolved_units_are_listed_only_on_request(api_as, tree, reviewer):
    # given
    UnitFactory(code="CDCS-OLD", parent=tree.district_a2, dissolved_on=datetime.date(2024, 1, 1))
    client = api_as(reviewer)

    # then
    assert "CDCS-OLD" not in _codes(client.get("/api/v1/units/"))
    assert "CDCS-OLD" in _codes(client.get("/api/v1/units/?include_dissolved=true"))


def test_detail_shows_kind_level_path_sector_and_women_share(api_as, tree, reviewer):
    # when
    response = api_as(reviewer).get(f"/api/v1/units/{tree.cdcs_a1x.pk}/")

    # then
    assert response.status_code == 200
    unit = response.json()
    assert unit["kind"]["code"] == "cdcs"
    assert unit["level"]["code"] == "co-so"
    assert unit["parent"]["code"] == "LDLD-A1"
    assert [a["code"] for a in unit["ancestors"]] == ["TLD", "LDLD-A", "LDLD-A1"]
    assert unit["sector"] == "public_service"
    assert unit["sector_label"]
    assert unit["headcount"] == 40
    assert unit["women_headcount"] == 30
    assert unit["women_share"] == 0.75
    assert unit["is_active"] is True
    assert unit["merged_into"] is None


def test_detail_of_a_merged_unit_names_the_unit_it_became(api_as, tree, reviewer, unit_admin):
    # given
    unit_merge(
        actor=unit_admin,
        source=tree.cdcs_a1y,
        target=tree.cdcs_a1x,
        on=datetime.date(2025, 7, 1),
        reason="Sáp nhập",
    )

    # when
    unit = api_as(reviewer).get(f"/api/v1/units/{tree.cdcs_a1y.pk}/").json()

    # then
    assert unit["dissolved_on"] == "2025-07-01"
    assert unit["is_active"] is False
    assert unit["merged_into"]["code"] == "CDCS-A1X"


def test_children_lists_the_units_directly_under_with_their_child_counts(api_as, tree, reviewer):
    response = api_as(reviewer).get(f"/api/v1/units/{tree.district_a1.pk}/children/")

    assert response.status_code == 200
    counts = {u["code"]: u["child_count"] for u in response.json()["results"]}
    assert counts == {"CDCS-A1X": 1, "CDCS-A1Y": 0}


def test_children_of_a_unit_outside_scope_is_404(api_as, tree, reviewer):
    response = api_as(reviewer).get(f"/api/v1/units/{tree.province_b.pk}/children/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_unit_list_queries_do_not_grow_with_the_rows(
    api_as, tree, reviewer, django_assert_max_num_queries
):
    # given many units under the province
    for n in range(30):
        UnitFactory(code=f"CDCS-N{n}", parent=tree.district_a2)
    client = api_as(reviewer)

    # when / then: token, roles, count and page
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/units/?page_size=100")
    assert response.json()["count"] == len(ALL_OF_PROVINCE_A) + 30


def test_children_queries_do_not_grow_with_the_rows(
    api_as, tree, reviewer, django_assert_max_num_queries
):
    for n in range(30):
        UnitFactory(code=f"CDCS-N{n}", parent=tree.district_a2, kind=kind("cdcs"))
    client = api_as(reviewer)

    # token, roles, the parent (and its ancestors for scope), count and page
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/units/{tree.district_a2.pk}/children/?page_size=100")
    assert response.json()["count"] == 31


def test_unit_detail_queries_are_bounded(api_as, tree, reviewer, django_assert_max_num_queries):
    client = api_as(reviewer)

    with django_assert_max_num_queries(5):
        response = client.get(f"/api/v1/units/{tree.team_a1x.pk}/")
    assert len(response.json()["ancestors"]) == 4
