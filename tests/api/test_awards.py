"""The award catalogue (any signed-in user) and award history (scoped) over the API."""

from awards import reference_data as catalogue_data
from awards.models import AwardType
from tests.factories import AwardRecordFactory, PersonFactory

N_AWARDS = len(catalogue_data.AWARD_TYPES_1689)


def _all_pages(client, url: str) -> list[dict]:
    results: list[dict] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        results += response.json()["results"]
        url = response.json()["next"]
    return results


def test_award_types_in_force_in_2023_are_those_of_qd_1689(api_as, reference_data, clerk):
    # when
    awards = _all_pages(api_as(clerk), "/api/v1/award-types/?on=2023-06-01")

    # then
    assert len(awards) == N_AWARDS
    assert {award["regulation"]["code"] for award in awards} == {"TLD-1689-2019"}


def test_award_types_in_force_in_2025_are_those_of_qd_999(api_as, reference_data, clerk):
    awards = _all_pages(api_as(clerk), "/api/v1/award-types/?on=2025-03-01")

    assert len(awards) == N_AWARDS
    assert {award["regulation"]["code"] for award in awards} == {"TLD-999-2024"}


def test_the_day_before_qd_999_still_applies_qd_1689(api_as, reference_data, clerk):
    awards = _all_pages(api_as(clerk), "/api/v1/award-types/?on=2024-05-28&track=union")

    assert {award["regulation"]["code"] for award in awards} == {"TLD-1689-2019"}


def test_without_a_date_every_version_is_listed(api_as, reference_data, clerk):
    response = api_as(clerk).get("/api/v1/award-types/")

    assert response.json()["count"] == 2 * N_AWARDS


def test_award_type_filters(api_as, reference_data, clerk):
    client = api_as(clerk)
    base = "/api/v1/award-types/?on=2023-06-01"

    individual = _all_pages(client, f"{base}&for_individuals=true")
    for_cdcs = _all_pages(client, f"{base}&unit_kind=cdcs")
    of_version = client.get(f"/api/v1/award-types/?regulation={individual[0]['regulation']['id']}")

    assert individual and all(award["for_individuals"] for award in individual)
    assert for_cdcs
    assert all("cdcs" in {k["code"] for k in a["collective_unit_kinds"]} for a in for_cdcs)
    assert of_version.json()["count"] == N_AWARDS


def test_award_type_detail_shows_what_its_version_sets(api_as, reference_data, clerk):
    # given
    award = AwardType.objects.get(code="bang-khen-chuyen-de-tld", regulation__code="TLD-1689-2019")

    # when
    response = api_as(clerk).get(f"/api/v1/award-types/{award.pk}/")

    # then
    assert response.status_code == 200
    body = response.json()
    assert {topic["code"] for topic in body["topics"]} >= {"xanh-sach-dep-atvsld"}
    assert {kind["code"] for kind in body["collective_unit_kinds"]} == {"cdcs", "nghiep-doan"}
    assert body["deciding_level"]["code"] == "trung-uong"
    assert body["document_requirements"]
    assert {quota["scope"] for quota in body["quotas"]} == {"national", "per_proposing_unit"}
    assert body["voting"]["requires_council_vote"] is True
    assert "vote_threshold_pct" in body["voting"]
    assert body["citation"] == "QĐ 1689/QĐ-TLĐ, Điều 15"
    assert body["confidence"] == "verified"
    assert "amount_multiplier" in body


def test_unknown_award_type_is_404(api_as, reference_data, clerk):
    response = api_as(clerk).get("/api/v1/award-types/999999/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_regulation_in_force_on_a_date(api_as, reference_data, clerk):
    client = api_as(clerk)

    in_2023 = client.get("/api/v1/regulations/in-force/?on=2023-01-01&track=union")
    in_2025 = client.get("/api/v1/regulations/in-force/?on=2025-01-01")

    assert in_2023.json()["number"] == "1689/QĐ-TLĐ"
    assert in_2025.json()["number"] == "999/QĐ-TLĐ"
    assert in_2025.json()["supersedes"]["code"] == "TLD-1689-2019"


def test_no_catalogue_in_force_is_404_with_its_own_code(api_as, reference_data, clerk):
    response = api_as(clerk).get("/api/v1/regulations/in-force/?on=2001-01-01")

    assert response.status_code == 404
    assert response.json()["code"] == "no_version_in_force"
    assert response.json()["details"] == {"on": ["2001-01-01"]}


def test_in_force_with_a_bad_date_or_track_is_400(api_as, reference_data, clerk):
    response = api_as(clerk).get("/api/v1/regulations/in-force/?on=29/02/2023&track=moon")

    assert response.status_code == 400
    assert set(response.json()["details"]) == {"on", "track"}


def test_regulation_list_and_detail(api_as, reference_data, clerk):
    client = api_as(clerk)

    versions = client.get("/api/v1/regulations/?catalogue_only=true").json()["results"]
    everything = client.get("/api/v1/regulations/?page_size=100").json()
    detail = client.get(f"/api/v1/regulations/{versions[0]['id']}/")

    assert {v["code"] for v in versions} == {"TLD-1689-2019", "TLD-999-2024"}
    assert everything["count"] == len(catalogue_data.REGULATION_DOCUMENTS)
    assert detail.json()["catalogue_track"] == "union"


def test_catalogue_is_readable_by_any_signed_in_user(api_as, reference_data, tree):
    from tests.factories import UserFactory

    roleless = api_as(UserFactory())

    assert roleless.get("/api/v1/award-types/?on=2025-01-01").status_code == 200
    assert roleless.get("/api/v1/regulations/").status_code == 200


def test_catalogue_needs_a_signed_in_user(anonymous, reference_data):
    assert anonymous.get("/api/v1/award-types/").status_code == 401


def test_award_records_are_scoped_to_the_reader(api_as, tree, reviewer):
    # given
    AwardRecordFactory(person=PersonFactory(unit=tree.cdcs_a1x), award_name="Bằng khen A")
    AwardRecordFactory(person=PersonFactory(unit=tree.cdcs_b1x), award_name="Bằng khen B")
    AwardRecordFactory(person=None, unit=tree.cdcs_a2x, award_name="Cờ thi đua A2")

    # when
    response = api_as(reviewer).get("/api/v1/award-records/")

    # then
    assert {r["award_name"] for r in response.json()["results"]} == {
        "Bằng khen A",
        "Cờ thi đua A2",
    }


def test_award_record_filters_by_year_and_code(api_as, tree, reviewer):
    person = PersonFactory(unit=tree.cdcs_a1x)
    AwardRecordFactory(person=person, year=2022, award_code="bang-khen-ldld")
    AwardRecordFactory(person=person, year=2023, award_code="bang-khen-ldld")
    AwardRecordFactory(person=person, year=2023, award_code="giay-khen-cd-cap-tren")
    client = api_as(reviewer)

    by_year = client.get("/api/v1/award-records/?year=2023").json()
    by_both = client.get("/api/v1/award-records/?year=2023&award_code=bang-khen-ldld").json()
    bad = client.get("/api/v1/award-records/?year=dau")

    assert by_year["count"] == 2
    assert by_both["count"] == 1
    assert by_both["results"][0]["person"]["id"] == person.pk
    assert bad.status_code == 400
    assert list(bad.json()["details"]) == ["year"]


def test_auditor_reads_award_history_of_its_subtree(api_as, tree, auditor):
    AwardRecordFactory(person=PersonFactory(unit=tree.cdcs_a2x))

    assert api_as(auditor).get("/api/v1/award-records/").json()["count"] == 1


def test_award_type_list_queries_do_not_grow_with_the_rows(
    api_as, reference_data, clerk, django_assert_max_num_queries
):
    client = api_as(clerk)

    # token, two versions in force, count, page, then topics, unit kinds, requirements
    # and their document types
    with django_assert_max_num_queries(10):
        response = client.get("/api/v1/award-types/?page_size=500")
    assert len(response.json()["results"]) == 2 * N_AWARDS


def test_regulation_list_queries_are_bounded(
    api_as, reference_data, clerk, django_assert_max_num_queries
):
    client = api_as(clerk)

    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/regulations/?page_size=100")
    assert response.json()["count"] == len(catalogue_data.REGULATION_DOCUMENTS)


def test_award_type_detail_queries_are_bounded(
    api_as, reference_data, clerk, django_assert_max_num_queries
):
    award = AwardType.objects.get(code="bang-khen-chuyen-de-tld", regulation__code="TLD-999-2024")
    client = api_as(clerk)

    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/award-types/{award.pk}/").status_code == 200


def test_award_record_list_queries_do_not_grow_with_the_rows(
    api_as, tree, reviewer, django_assert_max_num_queries
):
    for _ in range(30):
        AwardRecordFactory(person=PersonFactory(unit=tree.cdcs_a1y), deciding_unit=tree.province_a)
    client = api_as(reviewer)

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/award-records/?page_size=100")
    assert response.json()["count"] == 30
