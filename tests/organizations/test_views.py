"""The organisation pages: reachable by the right users, scoped, bounded in queries."""

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent, EventType
from organizations.models import AnnualRating, Membership, Person, RoleAssignment
from tests.factories import (
    AnnualRatingFactory,
    AwardRecordFactory,
    InitiativeFactory,
    PendingCaseFactory,
    PersonFactory,
    ServicePeriodFactory,
    UnitFactory,
    UserFactory,
)


@pytest.fixture
def people(tree):
    """Thirty people in province A, each with a few records."""
    result = []
    for n in range(30):
        unit = tree.cdcs_a1x if n % 2 else tree.cdcs_a2x
        person = PersonFactory(unit=unit)
        AnnualRatingFactory(person=person, year=2024)
        InitiativeFactory(person=person)
        result.append(person)
    return result


def test_home_shows_the_users_roles_and_scope(client, tree, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert tree.province_a.name in response.text


def test_pages_need_a_signed_in_user(client, tree):
    response = client.get(reverse("organizations:unit_list"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_unit_list_is_scoped_and_bounded_in_queries(
    client, tree, reviewer, django_assert_max_num_queries
):
    for n in range(20):
        UnitFactory(parent=tree.district_a2, name=f"CĐCS thêm {n}")
    client.force_login(reviewer)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("organizations:unit_list"))

    assert response.status_code == 200
    assert tree.cdcs_a1x.name in response.text
    assert tree.cdcs_b1x.name not in response.text


def test_unit_list_filters_by_search(client, tree, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("organizations:unit_list"), {"search": "A1-Y"})

    assert tree.cdcs_a1y.name in response.text
    assert tree.cdcs_a1x.name not in response.text


def test_unit_list_exports_to_excel_and_the_export_is_audited(client, tree, reviewer):
    import io

    from openpyxl import load_workbook

    client.force_login(reviewer)

    response = client.get(reverse("organizations:unit_list"), {"export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert codes == {"LDLD-A", "LDLD-A1", "CDCS-A1X", "TO-A1X-1", "CDCS-A1Y", "LDLD-A2", "CDCS-A2X"}
    event = AuditEvent.objects.get(event_type=EventType.EXPORT_DOWNLOADED)
    assert event.actor == reviewer
    assert event.changes["rows"] == 7


def test_unit_detail_of_another_province_is_not_found(client, tree, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("organizations:unit_detail", args=[tree.cdcs_b1x.pk]))

    assert response.status_code == 404


def test_unit_detail_and_tree_render(client, tree, reviewer, django_assert_max_num_queries):
    client.force_login(reviewer)

    with django_assert_max_num_queries(20):
        detail = client.get(reverse("organizations:unit_detail", args=[tree.district_a1.pk]))
    tree_page = client.get(reverse("organizations:unit_tree"))
    children = client.get(reverse("organizations:unit_children", args=[tree.district_a1.pk]))

    assert detail.status_code == tree_page.status_code == children.status_code == 200
    assert tree.cdcs_a1x.name in children.text


def test_unit_lookup_offers_only_units_in_scope(client, tree, reviewer):
    client.force_login(reviewer)

    response = client.get(reverse("organizations:unit_lookup"), {"q": "Công đoàn cơ sở"})

    assert tree.cdcs_a1x.name in response.text
    assert "B1-X" not in response.text


def test_administrator_moves_a_unit_from_its_page(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.post(
        reverse("organizations:unit_move", args=[tree.cdcs_a2x.pk]),
        {"new_parent": tree.district_a1.pk, "reason": "Sắp xếp lại"},
    )

    assert response.status_code == 302
    tree.cdcs_a2x.refresh_from_db()
    assert tree.cdcs_a2x.parent == tree.district_a1
    assert AuditEvent.objects.filter(event_type=EventType.UNIT_MOVED, actor=unit_admin).exists()


def test_a_refused_move_is_shown_on_the_form(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.post(
        reverse("organizations:unit_move", args=[tree.district_a1.pk]),
        {"new_parent": tree.cdcs_a1x.pk, "reason": "vòng lặp"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_parent"]
    tree.district_a1.refresh_from_db()
    assert tree.district_a1.parent == tree.province_a


def test_clerk_cannot_open_the_move_page_of_its_unit(client, tree, clerk):
    client.force_login(clerk)

    response = client.post(
        reverse("organizations:unit_move", args=[tree.cdcs_a1x.pk]),
        {"new_parent": tree.cdcs_a1x.pk, "reason": "x"},
    )

    # the clerk can read the unit but the parent field offers nothing it administers
    assert response.status_code == 200
    assert "new_parent" in response.context["form"].errors


def test_administrator_creates_a_sub_unit(client, tree, unit_admin):
    client.force_login(unit_admin)
    from tests.factories import kind

    response = client.post(
        reverse("organizations:unit_create", args=[tree.district_a2.pk]),
        {
            "code": "CDCS-A2Y",
            "name": "CĐCS Trạm Y tế xã",
            "kind": kind("cdcs").pk,
            "sector": "public_service",
        },
    )

    assert response.status_code == 302
    assert tree.district_a2.children.filter(code="CDCS-A2Y").exists()


def test_person_list_is_scoped_and_bounded(
    client, tree, people, clerk, django_assert_max_num_queries
):
    PersonFactory(unit=tree.cdcs_b1x, full_name="Người tỉnh B")
    client.force_login(clerk)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("organizations:person_list"))

    assert response.status_code == 200
    assert len(response.context["object_list"]) == 15
    assert "Người tỉnh B" not in response.text


def test_person_list_exports_to_excel(client, tree, people, reviewer):
    client.force_login(reviewer)

    response = client.get(
        reverse("organizations:person_list"), {"export": "xlsx", "search": people[0].code}
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_person_detail_shows_all_records_in_a_bounded_number_of_queries(
    client, tree, clerk, django_assert_max_num_queries
):
    person = PersonFactory(unit=tree.cdcs_a1x)
    for year in (2023, 2024, 2025):
        AnnualRatingFactory(person=person, year=year)
        InitiativeFactory(person=person, year=year)
        AwardRecordFactory(person=person, year=year)
    ServicePeriodFactory(person=person)
    PendingCaseFactory(person=person)
    client.force_login(clerk)

    with django_assert_max_num_queries(25):
        response = client.get(reverse("organizations:person_detail", args=[person.pk]))

    assert response.status_code == 200
    assert "HTXSNV" in response.text


def test_person_of_another_unit_is_not_found_for_a_clerk(client, tree, clerk):
    other = PersonFactory(unit=tree.cdcs_a1y)
    client.force_login(clerk)

    assert client.get(reverse("organizations:person_detail", args=[other.pk])).status_code == 404


def test_clerk_registers_a_member_and_adds_a_rating(client, tree, clerk):
    client.force_login(clerk)

    created = client.post(
        reverse("organizations:person_create", args=[tree.cdcs_a1x.pk]),
        {
            "code": "DV-100",
            "full_name": "Lê Thị Mai",
            "gender": "female",
            "started_on": "2021-09-01",
            "position": "Giáo viên",
            "is_union_member": "on",
        },
    )
    person = Person.objects.get(code="DV-100")
    rating = client.post(
        reverse("organizations:record_create", args=[person.pk, "rating"]),
        {"year": 2025, "rating": "HTXSNV", "decided_by": "Hiệu trưởng"},
    )

    assert created.status_code == rating.status_code == 302
    assert Membership.objects.get(person=person).unit == tree.cdcs_a1x
    assert AnnualRating.objects.get(person=person).rating == "HTXSNV"


def test_a_duplicate_rating_is_explained_on_the_form(client, tree, clerk):
    person = PersonFactory(unit=tree.cdcs_a1x)
    AnnualRatingFactory(person=person, year=2025)
    client.force_login(clerk)

    response = client.post(
        reverse("organizations:record_create", args=[person.pk, "rating"]),
        {"year": 2025, "rating": "HTTNV"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert AnnualRating.objects.filter(person=person).count() == 1


def test_reviewer_cannot_add_records(client, tree, reviewer):
    person = PersonFactory(unit=tree.cdcs_a1x)
    client.force_login(reviewer)

    response = client.post(
        reverse("organizations:record_create", args=[person.pk, "rating"]),
        {"year": 2025, "rating": "HTTNV"},
    )

    assert response.status_code == 403
    assert not AnnualRating.objects.filter(person=person).exists()


def test_record_delete_asks_for_a_reason_and_is_audited(client, tree, clerk):
    rating = AnnualRatingFactory(person=PersonFactory(unit=tree.cdcs_a1x))
    client.force_login(clerk)

    response = client.post(
        reverse("organizations:record_delete", args=["rating", rating.pk]), {"reason": "Nhập trùng"}
    )

    assert response.status_code == 302
    assert AuditEvent.objects.get(event_type=EventType.RECORD_DELETED).reason == "Nhập trùng"


def test_record_of_an_unseen_person_is_not_found(client, tree, clerk):
    rating = AnnualRatingFactory(person=PersonFactory(unit=tree.cdcs_b1x))
    client.force_login(clerk)

    response = client.get(reverse("organizations:record_update", args=["rating", rating.pk]))

    assert response.status_code == 404


def test_person_transfer_page(client, tree, system_admin):
    person = PersonFactory(unit=tree.cdcs_a1x)
    client.force_login(system_admin)

    response = client.post(
        reverse("organizations:person_transfer", args=[person.pk]),
        {"to_unit": tree.cdcs_b1x.pk, "on": "2025-05-01"},
    )

    assert response.status_code == 302
    assert Membership.objects.get(person=person, ended_on__isnull=True).unit == tree.cdcs_b1x


def test_role_pages_grant_and_revoke(client, tree, unit_admin, django_assert_max_num_queries):
    newcomer = UserFactory(home_unit=tree.district_a2)
    client.force_login(unit_admin)

    granted = client.post(
        reverse("organizations:role_grant"),
        {"user": newcomer.pk, "role": "reviewer", "unit": tree.district_a2.pk},
    )
    assignment = RoleAssignment.objects.get(user=newcomer)
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("organizations:role_list"))
    revoked = client.post(
        reverse("organizations:role_revoke", args=[assignment.pk]), {"reason": "Nghỉ hưu"}
    )

    assert granted.status_code == revoked.status_code == 302
    assert newcomer.username in listing.text
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None


def test_role_list_of_a_clerk_is_empty(client, tree, clerk):
    client.force_login(clerk)

    response = client.get(reverse("organizations:role_list"))

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []


def test_dissolve_page_asks_where_the_sub_units_go(client, tree, unit_admin):
    client.force_login(unit_admin)

    page = client.get(reverse("organizations:unit_dissolve", args=[tree.district_a1.pk]))
    done = client.post(
        reverse("organizations:unit_dissolve", args=[tree.district_a1.pk]),
        {"on": "2025-07-01", "children_to": tree.province_a.pk, "reason": "Giải thể cấp huyện"},
    )

    assert "children_to" in page.context["form"].fields
    assert done.status_code == 302
    tree.district_a1.refresh_from_db()
    assert tree.district_a1.dissolved_on == datetime.date(2025, 7, 1)
