"""The event log in the admin is read-only, for system administrators and auditors."""

from audit.models import AuditEvent
from tests.admin.utils import admin_url
from tests.factories import RoleAssignmentFactory


def test_system_administrator_reads_every_event(client, tree, system_admin):
    client.force_login(system_admin)

    response = client.get(admin_url(AuditEvent, "changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_count == AuditEvent.objects.count()


def test_administrator_with_an_auditor_role_reads_the_events_of_that_subtree(
    client, tree, unit_admin
):
    # given the provincial administrator also audits district A1
    RoleAssignmentFactory(user=unit_admin, role="auditor", unit=tree.district_a1)
    client.force_login(unit_admin)

    # when
    response = client.get(admin_url(AuditEvent, "changelist"))

    # then: the creation of the district and its units, nothing of province B
    units = {event.unit_id for event in response.context["cl"].result_list}
    assert response.status_code == 200
    assert units == {tree.district_a1.pk, tree.cdcs_a1x.pk, tree.team_a1x.pk, tree.cdcs_a1y.pk}


def test_events_cannot_be_added_changed_or_deleted(client, tree, system_admin):
    client.force_login(system_admin)
    event = AuditEvent.objects.first()

    page = client.get(admin_url(AuditEvent, "change", event.pk))

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert client.get(admin_url(AuditEvent, "add")).status_code == 403
    assert client.post(admin_url(AuditEvent, "change", event.pk), {}).status_code == 403
    assert (
        client.post(admin_url(AuditEvent, "delete", event.pk), {"post": "yes"}).status_code == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()
