"""Roles are granted on the add page and revoked by an action; both are audited."""

from audit.models import AuditEvent, EventType
from organizations.models import RoleAssignment
from tests.admin.utils import action_data, admin_url
from tests.factories import RoleAssignmentFactory, UserFactory


def test_granting_a_role_through_the_admin_is_audited(client, tree, unit_admin):
    # given an account of district A1
    staff = UserFactory(username="nv_a1", home_unit=tree.district_a1)
    client.force_login(unit_admin)

    # when
    response = client.post(
        admin_url(RoleAssignment, "add"),
        {"user": staff.pk, "role": "reviewer", "unit": tree.district_a1.pk, "note": "Thẩm định"},
    )

    # then
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=staff)
    assert (assignment.role, assignment.unit, assignment.granted_by) == (
        "reviewer",
        tree.district_a1,
        unit_admin,
    )
    event = AuditEvent.objects.get(event_type=EventType.ROLE_GRANTED)
    assert event.actor == unit_admin
    assert event.changes == {"user": staff.pk, "role": "reviewer", "unit": tree.district_a1.pk}


def test_a_role_cannot_be_granted_outside_the_subtree(client, tree, unit_admin):
    staff = UserFactory(username="nv_a1", home_unit=tree.district_a1)
    client.force_login(unit_admin)

    response = client.post(
        admin_url(RoleAssignment, "add"),
        {"user": staff.pk, "role": "reviewer", "unit": tree.province_b.pk},
    )

    assert response.status_code == 200
    assert "unit" in response.context["adminform"].form.errors
    assert not RoleAssignment.objects.filter(user=staff).exists()


def test_granting_a_role_twice_is_refused_on_the_form(client, tree, unit_admin):
    staff = UserFactory(username="nv_a1", home_unit=tree.district_a1)
    RoleAssignmentFactory(user=staff, role="clerk", unit=tree.district_a1)
    client.force_login(unit_admin)

    response = client.post(
        admin_url(RoleAssignment, "add"),
        {"user": staff.pk, "role": "clerk", "unit": tree.district_a1.pk},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert RoleAssignment.objects.filter(user=staff).count() == 1


def test_revoking_a_role_through_the_admin_is_audited(client, tree, unit_admin, clerk):
    # given
    assignment = RoleAssignment.objects.get(user=clerk)
    client.force_login(unit_admin)
    url = admin_url(RoleAssignment, "changelist")

    # when
    page = client.post(url, action_data("revoke", assignment))
    response = client.post(url, action_data("revoke", assignment, reason="Nghỉ hưu"))

    # then
    assert page.status_code == 200
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.revoked_by == unit_admin
    assert assignment.revoke_reason == "Nghỉ hưu"
    event = AuditEvent.objects.get(event_type=EventType.ROLE_REVOKED)
    assert (event.actor, event.reason) == (unit_admin, "Nghỉ hưu")


def test_revoke_needs_a_reason(client, tree, unit_admin, clerk):
    assignment = RoleAssignment.objects.get(user=clerk)
    client.force_login(unit_admin)

    response = client.post(
        admin_url(RoleAssignment, "changelist"), action_data("revoke", assignment, reason="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assignment.refresh_from_db()
    assert assignment.is_active


def test_role_assignments_are_neither_edited_nor_deleted(client, tree, unit_admin, clerk):
    assignment = RoleAssignment.objects.get(user=clerk)
    client.force_login(unit_admin)

    page = client.get(admin_url(RoleAssignment, "change", assignment.pk))
    edit = client.post(admin_url(RoleAssignment, "change", assignment.pk), {"role": "admin"})
    delete = client.post(admin_url(RoleAssignment, "delete", assignment.pk), {"post": "yes"})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert edit.status_code == 403
    assert delete.status_code == 403
    assignment.refresh_from_db()
    assert assignment.role == "clerk"
