"""People and their records over the API, within the reader's scope."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import Gender, Membership
from organizations.services import person_transfer
from tests.factories import (
    AnnualRatingFactory,
    AwardRecordFactory,
    DisciplinarySanctionFactory,
    InitiativeFactory,
    PendingCaseFactory,
    PersonFactory,
    ServicePeriodFactory,
)


def _names(response) -> set[str]:
    assert response.status_code == 200, response.json()
    return {person["full_name"] for person in response.json()["results"]}


def test_cdcs_clerk_lists_only_the_people_of_its_unit(api_as, tree, clerk):
    # given
    PersonFactory(full_name="Nguyễn Thị Lan", unit=tree.cdcs_a1x)
    PersonFactory(full_name="Trần Văn Tổ", unit=tree.team_a1x)
    PersonFactory(full_name="Lê Văn May", unit=tree.cdcs_a1y)
    PersonFactory(full_name="Phạm Thị Bình", unit=tree.cdcs_b1x)

    # when
    response = api_as(clerk).get("/api/v1/people/")

    # then
    assert _names(response) == {"Nguyễn Thị Lan", "Trần Văn Tổ"}


def test_list_shows_each_persons_current_unit_and_position(api_as, tree, reviewer):
    PersonFactory(full_name="Nguyễn Thị Lan", unit=tree.cdcs_a1y, unit__position="Tổ trưởng")

    person = api_as(reviewer).get("/api/v1/people/").json()["results"][0]

    assert person["current"]["unit"]["code"] == "CDCS-A1Y"
    assert person["current"]["position"] == "Tổ trưởng"
    assert person["gender"] == "female"


def test_provincial_reviewer_gets_404_for_a_person_of_another_province(api_as, tree, reviewer):
    elsewhere = PersonFactory(unit=tree.cdcs_b1x)

    response = api_as(reviewer).get(f"/api/v1/people/{elsewhere.pk}/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_reviewer_of_the_other_province_reads_that_person(api_as, tree, reviewer_b):
    person = PersonFactory(unit=tree.cdcs_b1x)

    response = api_as(reviewer_b).get(f"/api/v1/people/{person.pk}/")

    assert response.status_code == 200
    assert response.json()["code"] == person.code


def test_filters_by_unit_subtree_search_gender_and_leadership(api_as, tree, reviewer):
    # given
    PersonFactory(full_name="Nguyễn Thị Lan", unit=tree.cdcs_a1x, unit__is_leader=True)
    PersonFactory(full_name="Trần Văn Hùng", gender=Gender.MALE, unit=tree.team_a1x)
    PersonFactory(full_name="Lê Thị Mai", unit=tree.cdcs_a2x)
    client = api_as(reviewer)

    # then
    assert _names(client.get(f"/api/v1/people/?unit={tree.cdcs_a1x.pk}")) == {"Nguyễn Thị Lan"}
    assert _names(client.get(f"/api/v1/people/?under={tree.cdcs_a1x.pk}")) == {
        "Nguyễn Thị Lan",
        "Trần Văn Hùng",
    }
    assert _names(client.get("/api/v1/people/?search=mai")) == {"Lê Thị Mai"}
    assert _names(client.get("/api/v1/people/?gender=male")) == {"Trần Văn Hùng"}
    assert _names(client.get("/api/v1/people/?is_leader=true")) == {"Nguyễn Thị Lan"}
    assert _names(client.get("/api/v1/people/?is_leader=false")) == {"Trần Văn Hùng", "Lê Thị Mai"}


def test_former_members_are_listed_only_on_request(api_as, tree, reviewer, unit_admin):
    # given a person who moved from district A1 to district A2
    person = PersonFactory(full_name="Võ Văn Chuyển", unit=tree.cdcs_a1x)
    person_transfer(
        actor=unit_admin, person=person, to_unit=tree.cdcs_a2x, on=datetime.date(2025, 1, 1)
    )
    client = api_as(reviewer)
    under_a1 = f"/api/v1/people/?under={tree.district_a1.pk}"

    # then
    assert _names(client.get(under_a1)) == set()
    former = client.get(f"{under_a1}&include_former=true").json()["results"]
    assert [p["full_name"] for p in former] == ["Võ Văn Chuyển"]
    assert former[0]["current"]["unit"]["code"] == "CDCS-A2X"


def test_bad_people_filter_is_400_naming_the_field(api_as, tree, reviewer):
    response = api_as(reviewer).get("/api/v1/people/?gender=other&unit=x")

    assert response.status_code == 400
    assert set(response.json()["details"]) == {"gender", "unit"}


def _give_records(person, unit, count: int) -> None:
    for n in range(count):
        AnnualRatingFactory(person=person, year=2000 + n)
        InitiativeFactory(person=person, year=2020)
        ServicePeriodFactory(person=person, unit=unit)
        DisciplinarySanctionFactory(person=person)
        PendingCaseFactory(person=person)
        AwardRecordFactory(person=person, deciding_unit=unit)
        Membership.objects.create(
            person=person,
            unit=unit,
            started_on=datetime.date(1990 + n, 1, 1),
            ended_on=datetime.date(1990 + n, 12, 31),
        )


def test_detail_shows_every_kind_of_record(api_as, tree, reviewer):
    # given
    person = PersonFactory(unit=tree.cdcs_a1x)
    _give_records(person, tree.district_a1, 1)

    # when
    response = api_as(reviewer).get(f"/api/v1/people/{person.pk}/")

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["current"]["unit"]["code"] == "CDCS-A1X"
    assert [m["unit"]["code"] for m in body["memberships"]] == ["CDCS-A1X", "LDLD-A1"]
    assert body["ratings"][0]["rating"] == "HTXSNV"
    assert body["initiatives"][0]["beneficial_value"] == 50_000_000
    assert body["service_periods"][0]["unit"]["code"] == "LDLD-A1"
    assert body["sanctions"][0]["form"] == "reprimand"
    assert body["pending_cases"][0]["kind"] == "complaint"
    assert body["award_records"][0]["deciding_unit"]["code"] == "LDLD-A1"


def test_person_detail_queries_do_not_grow_with_the_records(
    api_as, tree, reviewer, django_assert_max_num_queries
):
    # given two people, one with a record of each kind and one with twenty
    few = PersonFactory(unit=tree.cdcs_a1x)
    _give_records(few, tree.district_a1, 1)
    many = PersonFactory(unit=tree.cdcs_a1x)
    _give_records(many, tree.district_a1, 20)
    client = api_as(reviewer)

    # when
    with CaptureQueriesContext(connection) as with_few:
        client.get(f"/api/v1/people/{few.pk}/")
    # 13 reads, and 5 statements for the Decree 13 log of the opening (one audit event)
    with django_assert_max_num_queries(18), CaptureQueriesContext(connection) as with_many:
        response = client.get(f"/api/v1/people/{many.pk}/")

    # then
    assert len(response.json()["ratings"]) == 20
    assert len(with_many.captured_queries) == len(with_few.captured_queries)


def test_people_list_queries_do_not_grow_with_the_rows(
    api_as, tree, reviewer, django_assert_max_num_queries
):
    for _ in range(30):
        PersonFactory(unit=tree.cdcs_a1y)
    client = api_as(reviewer)

    # token, roles, count, page, current memberships
    with django_assert_max_num_queries(5):
        response = client.get("/api/v1/people/?page_size=100")
    assert response.json()["count"] == 30
