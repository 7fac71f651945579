"""People, memberships and records through their services."""

import datetime

import pytest

from audit.models import AuditEvent, EventType
from common.exceptions import DomainPermissionError, DomainValidationError
from organizations.models import AnnualRating, Initiative, Membership, Person, Rating
from organizations.selectors import person_list_visible_to
from organizations.services import (
    person_create,
    person_transfer,
    person_update,
    record_create,
    record_delete,
    record_update,
    role_grant,
)
from tests.factories import AnnualRatingFactory, PersonFactory


def test_clerk_registers_a_member_of_its_unit(tree, clerk):
    # when
    person = person_create(
        actor=clerk,
        unit=tree.cdcs_a1x,
        code="DV-0001",
        full_name="Nguyễn Thị Hoa",
        gender="female",
        started_on=datetime.date(2020, 9, 1),
        position="Giáo viên",
    )

    # then
    membership = Membership.objects.get(person=person)
    assert (membership.unit, membership.ended_on, membership.position) == (
        tree.cdcs_a1x,
        None,
        "Giáo viên",
    )
    event = AuditEvent.objects.get(event_type=EventType.PERSON_CREATED)
    assert (event.actor, event.actor_role, event.unit_id) == (clerk, "clerk", tree.cdcs_a1x.pk)
    assert person.history.get().history_user == clerk


def test_clerk_cannot_register_members_elsewhere(tree, clerk):
    with pytest.raises(DomainPermissionError):
        person_create(
            actor=clerk,
            unit=tree.cdcs_a1y,
            code="DV-0002",
            full_name="Trần Văn Nam",
            gender="male",
            started_on=datetime.date(2020, 1, 1),
        )
    assert not Person.objects.filter(code="DV-0002").exists()


def test_reviewer_reads_people_but_cannot_edit_them(tree, reviewer):
    person = PersonFactory(unit=tree.cdcs_a1x)

    assert person in person_list_visible_to(reviewer)
    with pytest.raises(DomainPermissionError):
        person_update(actor=reviewer, person=person, full_name="Tên khác")


def test_transfer_closes_the_old_membership_and_keeps_records(tree, system):
    # given
    person = PersonFactory(unit=tree.cdcs_a1x)
    AnnualRatingFactory(person=person, year=2024)

    # when
    person_transfer(
        actor=system, person=person, to_unit=tree.cdcs_b1x, on=datetime.date(2025, 3, 1)
    )

    # then
    rows = list(
        Membership.objects.filter(person=person)
        .order_by("started_on")
        .values_list("unit__code", "ended_on")
    )
    assert rows == [("CDCS-A1X", datetime.date(2025, 2, 28)), ("CDCS-B1X", None)]
    assert AnnualRating.objects.filter(person=person).count() == 1
    event = AuditEvent.objects.get(event_type=EventType.PERSON_TRANSFERRED)
    assert event.changes["unit"] == [tree.cdcs_a1x.pk, tree.cdcs_b1x.pk]


def test_former_unit_still_sees_its_former_member_in_the_full_list(tree, system, clerk):
    person = PersonFactory(unit=tree.cdcs_a1x)
    person_transfer(
        actor=system, person=person, to_unit=tree.cdcs_b1x, on=datetime.date(2025, 3, 1)
    )

    assert person not in person_list_visible_to(clerk)
    assert person in person_list_visible_to(clerk, include_former=True)


def test_transfer_needs_rights_over_both_units(tree, clerk):
    person = PersonFactory(unit=tree.cdcs_a1x)

    with pytest.raises(DomainPermissionError):
        person_transfer(
            actor=clerk, person=person, to_unit=tree.cdcs_b1x, on=datetime.date(2025, 3, 1)
        )


def test_clerk_records_a_rating_with_history_and_audit(tree, clerk):
    person = PersonFactory(unit=tree.cdcs_a1x)

    rating = record_create(
        actor=clerk,
        model=AnnualRating,
        data={"person": person, "year": 2025, "rating": Rating.EXCELLENT},
    )

    assert rating.history.get().history_user == clerk
    event = AuditEvent.objects.get(event_type=EventType.RECORD_CREATED)
    assert event.changes["rating"] == [None, "HTXSNV"]
    assert event.unit_id == tree.cdcs_a1x.pk


def test_a_second_rating_for_the_same_year_is_refused_with_details(tree, clerk):
    person = PersonFactory(unit=tree.cdcs_a1x)
    AnnualRatingFactory(person=person, year=2025)

    with pytest.raises(DomainValidationError) as error:
        record_create(
            actor=clerk,
            model=AnnualRating,
            data={"person": person, "year": 2025, "rating": Rating.GOOD},
        )

    assert error.value.details
    assert AnnualRating.objects.filter(person=person).count() == 1


def test_record_update_and_delete_are_audited_with_the_reason(tree, clerk):
    person = PersonFactory(unit=tree.cdcs_a1x)
    initiative = record_create(
        actor=clerk,
        model=Initiative,
        data={
            "person": person,
            "title": "Phần mềm quản lý thư viện",
            "recognition_level": "grassroots",
            "year": 2024,
        },
    )

    initiative_id = initiative.pk

    record_update(
        actor=clerk,
        record=initiative,
        data={"beneficial_value": 90_000_000},
        reason="Bổ sung giá trị",
    )
    record_delete(actor=clerk, record=initiative, reason="Nhập nhầm")

    updated = AuditEvent.objects.get(event_type=EventType.RECORD_UPDATED)
    assert updated.changes == {"beneficial_value": [None, 90_000_000]}
    deleted = AuditEvent.objects.get(event_type=EventType.RECORD_DELETED)
    assert deleted.reason == "Nhập nhầm"
    assert not Initiative.objects.filter(pk=initiative_id).exists()
    assert Initiative.history.filter(id=initiative_id, history_type="-").exists()


def test_collective_rating_is_kept_by_the_units_clerk(tree, clerk):
    rating = record_create(
        actor=clerk,
        model=AnnualRating,
        data={"unit": tree.cdcs_a1x, "year": 2025, "rating": Rating.EXCELLENT},
    )

    assert rating.unit == tree.cdcs_a1x


def test_a_record_about_nobody_is_refused(tree, clerk):
    with pytest.raises(DomainValidationError):
        record_create(actor=clerk, model=AnnualRating, data={"year": 2025, "rating": Rating.GOOD})


def test_auditor_cannot_write_records(tree, auditor):
    person = PersonFactory(unit=tree.cdcs_a1x)

    with pytest.raises(DomainPermissionError):
        record_create(
            actor=auditor,
            model=AnnualRating,
            data={"person": person, "year": 2025, "rating": "HTTNV"},
        )


def test_role_grant_is_audited_and_gives_scope_at_once(tree, unit_admin):
    from tests.factories import UserFactory

    user = UserFactory()

    role_grant(actor=unit_admin, user=user, role="reviewer", unit=tree.district_a2)

    assert set(person_list_visible_to(user)) == set()
    event = AuditEvent.objects.get(event_type=EventType.ROLE_GRANTED)
    assert event.changes == {"user": user.pk, "role": "reviewer", "unit": tree.district_a2.pk}


def test_granting_the_same_role_twice_is_a_conflict(tree, unit_admin, clerk):
    from common.exceptions import DomainConflict

    with pytest.raises(DomainConflict):
        role_grant(actor=unit_admin, user=clerk, role="clerk", unit=tree.cdcs_a1x)
