"""People and their records are written through the services, with reasons for the log."""

import datetime

from audit.models import AuditEvent, EventType
from organizations.models import AnnualRating, Initiative, Membership, Person
from tests.admin.utils import action_data, admin_url, change_form_data


def test_adding_a_person_registers_their_membership(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.post(
        admin_url(Person, "add"),
        {
            "code": "NV-0001",
            "full_name": "Nguyễn Thị Lan",
            "gender": "female",
            "birth_date": "1988-03-08",
            "education_level": "university",
            "unit": tree.cdcs_a1x.pk,
            "started_on": "2020-09-01",
            "position": "Giáo viên",
            "is_union_member": "on",
        },
    )

    assert response.status_code == 302
    person = Person.objects.get(code="NV-0001")
    membership = Membership.objects.get(person=person)
    assert (membership.unit, membership.started_on, membership.position) == (
        tree.cdcs_a1x,
        datetime.date(2020, 9, 1),
        "Giáo viên",
    )
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_CREATED, actor=unit_admin)


def test_editing_a_person_and_adding_a_rating_on_their_page(client, sample, unit_admin):
    # given
    person = sample.people_a[0]
    client.force_login(unit_admin)
    page = client.get(admin_url(Person, "change", person.pk))
    data = change_form_data(page, full_name="Trần Văn Minh", change_reason="Sai chính tả")
    data.update(
        {
            "ratings-TOTAL_FORMS": "2",
            "ratings-1-year": "2023",
            "ratings-1-rating": "HTTNV",
            "ratings-1-person": str(person.pk),
        }
    )

    # when
    response = client.post(admin_url(Person, "change", person.pk), data)

    # then
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Trần Văn Minh"
    assert AnnualRating.objects.get(person=person, year=2023).rating == "HTTNV"
    update = AuditEvent.objects.get(event_type=EventType.PERSON_UPDATED)
    assert update.reason == "Sai chính tả"
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_CREATED, actor=unit_admin)


def test_an_invalid_record_keeps_the_whole_page_unsaved(client, sample, unit_admin):
    # given an initiative dated before any plausible year, with a change to the person
    person = sample.people_a[0]
    client.force_login(unit_admin)
    page = client.get(admin_url(Person, "change", person.pk))
    data = change_form_data(page, full_name="Tên mới")
    data.update(
        {
            "initiatives-TOTAL_FORMS": "2",
            "initiatives-1-title": "Sáng kiến mới",
            "initiatives-1-kind": "initiative",
            "initiatives-1-recognition_level": "grassroots",
            "initiatives-1-year": "1900",
            "initiatives-1-is_applied": "on",
            "initiatives-1-person": str(person.pk),
        }
    )

    # when
    response = client.post(admin_url(Person, "change", person.pk), data)

    # then
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() or response.context["errors"]
    person.refresh_from_db()
    assert person.full_name != "Tên mới"
    assert not Initiative.objects.filter(title="Sáng kiến mới").exists()


def test_transfer_action_moves_people_to_another_unit(client, sample, tree, unit_admin):
    person = sample.people_a[0]
    client.force_login(unit_admin)
    url = admin_url(Person, "changelist")

    response = client.post(
        url,
        action_data(
            "transfer", person, to_unit=tree.cdcs_a2x.pk, on="2025-01-01", position="", reason=""
        ),
    )

    assert response.status_code == 302
    current = Membership.objects.get(person=person, ended_on__isnull=True)
    assert (current.unit, current.started_on) == (tree.cdcs_a2x, datetime.date(2025, 1, 1))
    assert current.position == "Chuyên viên"
    assert AuditEvent.objects.filter(event_type=EventType.PERSON_TRANSFERRED).count() == 1


def test_deleting_a_record_asks_for_a_reason_and_logs_it(client, sample, unit_admin):
    rating = sample.people_a[0].ratings.get()
    client.force_login(unit_admin)

    response = client.post(
        admin_url(AnnualRating, "delete", rating.pk), {"post": "yes", "reason": "Nhập trùng"}
    )

    assert response.status_code == 302
    assert not AnnualRating.objects.filter(pk=rating.pk).exists()
    event = AuditEvent.objects.get(event_type=EventType.RECORD_DELETED)
    assert event.reason == "Nhập trùng"


def test_bulk_delete_goes_through_the_service_for_each_record(client, sample, unit_admin):
    ratings = [person.ratings.get() for person in sample.people_a]
    client.force_login(unit_admin)
    url = admin_url(AnnualRating, "changelist")

    page = client.post(url, action_data("delete_selected_through_service", *ratings))
    response = client.post(
        url, action_data("delete_selected_through_service", *ratings, reason="Năm sai")
    )

    assert page.status_code == 200
    assert response.status_code == 302
    assert not AnnualRating.objects.filter(pk__in=[r.pk for r in ratings]).exists()
    assert AuditEvent.objects.filter(event_type=EventType.RECORD_DELETED).count() == 3


def test_people_are_not_deleted(client, sample, unit_admin):
    client.force_login(unit_admin)
    person = sample.people_a[0]

    response = client.post(admin_url(Person, "delete", person.pk), {"post": "yes"})

    assert response.status_code == 403


def test_editing_a_record_on_its_own_page_records_the_reason(client, sample, unit_admin):
    rating = sample.people_a[0].ratings.get()
    client.force_login(unit_admin)
    page = client.get(admin_url(AnnualRating, "change", rating.pk))

    response = client.post(
        admin_url(AnnualRating, "change", rating.pk),
        change_form_data(page, rating="HTTNV", change_reason="Theo quyết định sửa đổi"),
    )

    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.rating == "HTTNV"
    event = AuditEvent.objects.get(event_type=EventType.RECORD_UPDATED)
    assert (event.changes, event.reason) == (
        {"rating": ["HTXSNV", "HTTNV"]},
        "Theo quyết định sửa đổi",
    )
