"""The tree changes: create, move, merge, dissolve — with closure table, history and audit."""

import datetime

import pytest

from audit.models import AuditEvent, EventType
from audit.selectors import audit_chain_verify
from awards.models import AwardRecord
from common.exceptions import DomainPermissionError, DomainValidationError
from organizations.exceptions import OrganizationErrorCode
from organizations.models import AnnualRating, Membership, RoleAssignment, Unit, UnitClosure
from organizations.selectors import (
    person_list_visible_to,
    unit_ancestors,
    unit_list_visible_to,
    unit_subtree_ids,
)
from organizations.services import unit_create, unit_dissolve, unit_merge, unit_move, unit_update
from tests.factories import (
    AnnualRatingFactory,
    AwardRecordFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UnitFactory,
    UserFactory,
    kind,
)


def closure_pairs() -> set[tuple[str, str, int]]:
    return set(UnitClosure.objects.values_list("ancestor__code", "descendant__code", "depth"))


def expected_closure() -> set[tuple[str, str, int]]:
    """The closure recomputed from `parent` alone, to compare with the maintained one."""
    units = {unit.pk: unit for unit in Unit.objects.all()}
    pairs = set()
    for unit in units.values():
        depth, current = 0, unit
        while current is not None:
            pairs.add((current.code, unit.code, depth))
            current = units.get(current.parent_id)
            depth += 1
    return pairs


def test_unit_create_links_the_new_unit_to_every_ancestor(tree, unit_admin):
    # when
    unit = unit_create(
        actor=unit_admin,
        code="CDCS-NEW",
        name="CĐCS mới",
        kind=kind("cdcs"),
        parent=tree.district_a1,
    )

    # then
    assert [a.code for a in unit_ancestors(unit)] == ["TLD", "LDLD-A", "LDLD-A1"]
    assert closure_pairs() == expected_closure()
    event = AuditEvent.objects.get(event_type=EventType.UNIT_CREATED, object_id=str(unit.pk))
    assert event.actor == unit_admin
    assert event.actor_role == "admin"
    assert event.actor_unit_id == tree.province_a.pk
    assert unit.history.get().history_user == unit_admin


def test_unit_create_refuses_a_parent_of_a_lower_level(tree, unit_admin):
    with pytest.raises(DomainValidationError) as error:
        unit_create(
            actor=unit_admin,
            code="HUYEN-UNDER-CDCS",
            name="LĐLĐ huyện sai chỗ",
            kind=kind("ldld-huyen"),
            parent=tree.cdcs_a1x,
        )

    assert error.value.code == OrganizationErrorCode.UNIT_LEVEL_ORDER


def test_unit_create_with_a_duplicate_code_names_the_field(tree, unit_admin):
    with pytest.raises(DomainValidationError) as error:
        unit_create(
            actor=unit_admin,
            code="CDCS-A1X",
            name="Trùng mã",
            kind=kind("cdcs"),
            parent=tree.district_a1,
        )

    assert "code" in error.value.details


def test_unit_create_outside_the_admin_subtree_is_refused(tree, unit_admin):
    with pytest.raises(DomainPermissionError):
        unit_create(
            actor=unit_admin, code="X", name="X", kind=kind("cdcs"), parent=tree.district_b1
        )


def test_auditor_reads_but_cannot_write(tree, auditor):
    # given: the auditor reads the whole province
    assert unit_list_visible_to(auditor).filter(pk=tree.cdcs_a1x.pk).exists()

    # when / then: every write is refused
    with pytest.raises(DomainPermissionError):
        unit_update(actor=auditor, unit=tree.cdcs_a1x, name="Đổi tên")
    with pytest.raises(DomainPermissionError):
        unit_create(actor=auditor, code="Y", name="Y", kind=kind("cdcs"), parent=tree.district_a1)
    assert not AuditEvent.objects.filter(actor=auditor).exists()


def test_moving_a_unit_keeps_its_people_records_history_and_scope(tree, system):
    """The 2025 reform: a district federation is dissolved; its grassroots unions move."""
    # given a CĐCS of district A1 with a person, a rating, an award and a history
    person = PersonFactory(unit=tree.cdcs_a1x)
    AnnualRatingFactory(person=person, year=2024)
    AwardRecordFactory(person=person, year=2024)
    unit_update(actor=system, unit=tree.cdcs_a1x, name="CĐCS Trường Tiểu học A1-X (đổi tên)")
    new_parent = UnitFactory(
        code="CD-VC-A", name="CĐ Viên chức tỉnh A", kind=kind("cdvc-tinh"), parent=tree.province_a
    )
    clerk_of_new_parent = UserFactory()
    RoleAssignmentFactory(user=clerk_of_new_parent, role="reviewer", unit=new_parent)
    reviewer_of_old_district = UserFactory()
    RoleAssignmentFactory(user=reviewer_of_old_district, role="reviewer", unit=tree.district_a1)

    # when
    unit_move(
        actor=system, unit=tree.cdcs_a1x, new_parent=new_parent, reason="Sắp xếp tổ chức 2025"
    )

    # then the unit, its sub-unit and everything attached moved together
    tree.cdcs_a1x.refresh_from_db()
    assert tree.cdcs_a1x.parent == new_parent
    assert closure_pairs() == expected_closure()
    assert set(
        Unit.objects.filter(id__in=unit_subtree_ids(new_parent)).values_list("code", flat=True)
    ) == {
        "CD-VC-A",
        "CDCS-A1X",
        "TO-A1X-1",
    }
    assert Membership.objects.get(person=person).unit == tree.cdcs_a1x
    assert AnnualRating.objects.filter(person=person).count() == 1
    assert AwardRecord.objects.filter(person=person).count() == 1
    # the new parent's readers see the unit and its people; the old district's no longer do
    assert person in person_list_visible_to(clerk_of_new_parent)
    assert person not in person_list_visible_to(reviewer_of_old_district)
    # history keeps where it was and its old name
    parents = list(
        tree.cdcs_a1x.history.order_by("history_date").values_list("parent_id", flat=True)
    )
    assert parents[0] == tree.district_a1.pk
    assert parents[-1] == new_parent.pk
    assert tree.cdcs_a1x.history.filter(name="Công đoàn cơ sở Trường Tiểu học A1-X").exists()
    moved = AuditEvent.objects.get(event_type=EventType.UNIT_MOVED)
    assert moved.changes == {"parent": [tree.district_a1.pk, new_parent.pk]}
    assert moved.reason == "Sắp xếp tổ chức 2025"


def test_a_unit_cannot_move_under_its_own_subtree(tree, unit_admin):
    with pytest.raises(DomainValidationError) as error:
        unit_move(actor=unit_admin, unit=tree.district_a1, new_parent=tree.cdcs_a1x, reason="sai")

    assert error.value.code == OrganizationErrorCode.UNIT_CYCLE


def test_moving_needs_rights_over_both_places(tree, unit_admin):
    with pytest.raises(DomainPermissionError):
        unit_move(actor=unit_admin, unit=tree.cdcs_a1x, new_parent=tree.district_b1, reason="x")


def test_dissolving_a_district_moves_its_unions_and_ends_its_roles(tree, system):
    # given
    reviewer = UserFactory()
    assignment = RoleAssignmentFactory(user=reviewer, role="reviewer", unit=tree.district_a1)

    # when
    unit_dissolve(
        actor=system,
        unit=tree.district_a1,
        on=datetime.date(2025, 7, 1),
        reason="Giải thể LĐLĐ cấp huyện",
        children_to=tree.province_a,
    )

    # then
    tree.district_a1.refresh_from_db()
    assert tree.district_a1.dissolved_on == datetime.date(2025, 7, 1)
    assert set(tree.province_a.children.values_list("code", flat=True)) >= {"CDCS-A1X", "CDCS-A1Y"}
    assert closure_pairs() == expected_closure()
    assignment.refresh_from_db()
    assert assignment.revoked_at is not None
    assert AuditEvent.objects.filter(
        event_type=EventType.ROLE_REVOKED, object_id=str(assignment.pk)
    ).exists()
    assert AuditEvent.objects.filter(event_type=EventType.UNIT_DISSOLVED).count() == 1
    # the dissolved unit stays readable for the province
    assert (
        unit_list_visible_to(
            RoleAssignmentFactory(role="reviewer", unit=tree.province_a).user,
            include_dissolved=True,
        )
        .filter(pk=tree.district_a1.pk)
        .exists()
    )


def test_dissolving_with_active_children_needs_a_destination(tree, system):
    with pytest.raises(DomainValidationError) as error:
        unit_dissolve(actor=system, unit=tree.district_a1, on=datetime.date(2025, 7, 1), reason="x")

    assert error.value.code == OrganizationErrorCode.UNIT_HAS_ACTIVE_CHILDREN
    assert not AuditEvent.objects.filter(event_type=EventType.UNIT_DISSOLVED).exists()


def test_merging_two_unions_moves_members_and_keeps_the_source_readable(tree, system):
    # given
    member = PersonFactory(unit=tree.cdcs_a1y, unit__started_on=datetime.date(2010, 1, 1))
    on = datetime.date(2025, 1, 1)

    # when
    unit_merge(actor=system, source=tree.cdcs_a1y, target=tree.cdcs_a1x, on=on, reason="Sáp nhập")

    # then
    tree.cdcs_a1y.refresh_from_db()
    assert tree.cdcs_a1y.dissolved_on == on
    assert tree.cdcs_a1y.merged_into == tree.cdcs_a1x
    memberships = list(Membership.objects.filter(person=member).order_by("started_on"))
    assert [(m.unit.code, m.ended_on) for m in memberships] == [
        ("CDCS-A1Y", datetime.date(2024, 12, 31)),
        ("CDCS-A1X", None),
    ]
    # the target's clerk now sees the merged unit's past
    clerk = RoleAssignmentFactory(role="clerk", unit=tree.cdcs_a1x).user
    assert unit_list_visible_to(clerk, include_dissolved=True).filter(pk=tree.cdcs_a1y.pk).exists()
    assert closure_pairs() == expected_closure()


def test_merging_units_of_different_levels_is_refused(tree, system):
    with pytest.raises(DomainValidationError) as error:
        unit_merge(
            actor=system,
            source=tree.cdcs_a2x,
            target=tree.district_a1,
            on=datetime.date(2025, 1, 1),
            reason="x",
        )

    assert error.value.code == OrganizationErrorCode.MERGE_LEVEL_MISMATCH


def test_a_failed_service_leaves_no_event_and_no_change(tree, unit_admin):
    before = AuditEvent.objects.count()

    with pytest.raises(DomainValidationError):
        unit_update(actor=unit_admin, unit=tree.cdcs_a1x, headcount=10, women_headcount=20)

    assert AuditEvent.objects.count() == before
    tree.cdcs_a1x.refresh_from_db()
    assert tree.cdcs_a1x.headcount == 40


def test_every_tree_change_extends_an_intact_audit_chain(tree, system):
    unit_move(actor=system, unit=tree.cdcs_a2x, new_parent=tree.district_a1, reason="x")
    unit_update(actor=system, unit=tree.cdcs_a2x, name="Tên mới")

    assert audit_chain_verify() is None


@pytest.mark.parametrize("role", ["clerk", "reviewer", "auditor", "council_member", "signer"])
def test_only_administrators_change_the_tree(tree, role):
    actor = UserFactory()
    RoleAssignmentFactory(user=actor, role=role, unit=tree.province_a)

    with pytest.raises(DomainPermissionError):
        unit_update(actor=actor, unit=tree.province_a, name="x")


def test_roles_at_a_dissolved_unit_cannot_be_granted(tree, system):
    from organizations.services import role_grant

    unit_dissolve(
        actor=system,
        unit=tree.cdcs_a2x,
        on=datetime.date(2025, 1, 1),
        reason="Doanh nghiệp giải thể",
    )

    with pytest.raises(DomainValidationError):
        role_grant(actor=system, user=UserFactory(), role="clerk", unit=tree.cdcs_a2x)
    assert not RoleAssignment.objects.filter(unit=tree.cdcs_a2x).exists()
