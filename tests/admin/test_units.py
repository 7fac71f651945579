"""Units are created, edited and moved through the services; they are merged and dissolved by
actions, never deleted."""

import datetime

from audit.models import AuditEvent, EventType
from organizations.models import Membership, RoleAssignment, Unit, UnitClosure
from tests.admin.utils import action_data, admin_url, change_form_data, messages_of
from tests.factories import PersonFactory, kind


def test_saving_a_unit_with_a_new_parent_moves_it(client, tree, unit_admin):
    # given
    client.force_login(unit_admin)
    unit = tree.cdcs_a1y
    page = client.get(admin_url(Unit, "change", unit.pk))

    # when
    response = client.post(
        admin_url(Unit, "change", unit.pk),
        change_form_data(page, parent=tree.district_a2.pk, change_reason="Sắp xếp lại"),
    )

    # then the tree, the closure table and the audit log all say so
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.parent == tree.district_a2
    ancestors = set(
        UnitClosure.objects.filter(descendant=unit).values_list("ancestor__code", flat=True)
    )
    assert ancestors == {"CDCS-A1Y", "LDLD-A2", "LDLD-A", "TLD"}
    event = AuditEvent.objects.get(event_type=EventType.UNIT_MOVED, object_id=str(unit.pk))
    assert event.changes == {"parent": [tree.district_a1.pk, tree.district_a2.pk]}
    assert event.reason == "Sắp xếp lại"
    assert event.actor == unit_admin


def test_editing_a_unit_records_only_what_changed(client, tree, unit_admin):
    client.force_login(unit_admin)
    unit = tree.cdcs_a1x
    page = client.get(admin_url(Unit, "change", unit.pk))

    response = client.post(admin_url(Unit, "change", unit.pk), change_form_data(page, headcount=45))

    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type=EventType.UNIT_UPDATED, object_id=str(unit.pk))
    assert event.changes == {"headcount": [40, 45]}
    assert not AuditEvent.objects.filter(event_type=EventType.UNIT_MOVED).exists()


def test_unit_administrator_edits_its_own_unit_under_a_parent_outside_the_subtree(
    client, tree, unit_admin
):
    # given province A, whose parent (TLĐ) the administrator does not administer
    client.force_login(unit_admin)
    page = client.get(admin_url(Unit, "change", tree.province_a.pk))

    # when
    response = client.post(
        admin_url(Unit, "change", tree.province_a.pk),
        change_form_data(page, short_name="LĐLĐ tỉnh A"),
    )

    # then it is renamed, not moved
    assert response.status_code == 302
    tree.province_a.refresh_from_db()
    assert tree.province_a.short_name == "LĐLĐ tỉnh A"
    assert tree.province_a.parent == tree.tld


def test_adding_a_unit_creates_it_in_the_tree(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.post(
        admin_url(Unit, "add"),
        {
            "code": "CDCS-A2Y",
            "name": "Công đoàn cơ sở Trường THCS A2-Y",
            "kind": kind("cdcs").pk,
            "parent": tree.district_a2.pk,
            "sector": "public_service",
            "ratings-TOTAL_FORMS": "0",
            "ratings-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    unit = Unit.objects.get(code="CDCS-A2Y")
    assert UnitClosure.objects.filter(ancestor=tree.province_a, descendant=unit).exists()
    assert AuditEvent.objects.filter(event_type=EventType.UNIT_CREATED, object_id=str(unit.pk))


def test_a_move_the_service_refuses_is_shown_on_the_form(client, tree, unit_admin):
    # given a district moved under one of its own grassroots unions
    client.force_login(unit_admin)
    district = tree.district_a1
    page = client.get(admin_url(Unit, "change", district.pk))

    # when
    response = client.post(
        admin_url(Unit, "change", district.pk),
        change_form_data(page, parent=tree.cdcs_a1x.pk, headcount=12),
    )

    # then the form explains, and nothing changed (the edit made with it is rolled back too)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]
    district.refresh_from_db()
    assert district.parent == tree.province_a
    assert district.headcount is None
    assert not AuditEvent.objects.filter(
        event_type__in=[EventType.UNIT_UPDATED, EventType.UNIT_MOVED]
    ).exists()


def test_a_unit_cannot_be_taken_out_of_the_tree(client, tree, unit_admin):
    client.force_login(unit_admin)
    page = client.get(admin_url(Unit, "change", tree.cdcs_a1y.pk))

    response = client.post(
        admin_url(Unit, "change", tree.cdcs_a1y.pk), change_form_data(page, parent=None)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]


def test_units_are_never_deleted(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.post(admin_url(Unit, "delete", tree.cdcs_a1y.pk), {"post": "yes"})

    assert response.status_code == 403
    assert Unit.objects.filter(pk=tree.cdcs_a1y.pk).exists()


def test_merge_action_asks_for_the_target_and_merges(client, tree, unit_admin):
    # given a member of the grassroots union that merges
    member = PersonFactory(unit=tree.cdcs_a1y)
    client.force_login(unit_admin)
    url = admin_url(Unit, "changelist")

    # when
    page = client.post(url, action_data("merge_into", tree.cdcs_a1y))
    response = client.post(
        url,
        action_data(
            "merge_into", tree.cdcs_a1y, target=tree.cdcs_a1x.pk, on="2025-07-01", reason="Sáp nhập"
        ),
        follow=True,
    )

    # then
    assert page.status_code == 200
    assert page.context["objects"] == [tree.cdcs_a1y]
    assert response.status_code == 200
    tree.cdcs_a1y.refresh_from_db()
    assert tree.cdcs_a1y.merged_into == tree.cdcs_a1x
    assert tree.cdcs_a1y.dissolved_on == datetime.date(2025, 7, 1)
    assert Membership.objects.get(person=member, ended_on__isnull=True).unit == tree.cdcs_a1x
    event = AuditEvent.objects.get(event_type=EventType.UNIT_MERGED)
    assert event.reason == "Sáp nhập"
    assert messages_of(response)


def test_dissolving_a_unit_with_sub_units_needs_their_new_parent(client, tree, unit_admin):
    client.force_login(unit_admin)
    url = admin_url(Unit, "changelist")
    confirm = {"on": "2025-07-01", "reason": "Giải thể cấp huyện"}

    # when no new parent is given for its grassroots unions
    refused = client.post(url, action_data("dissolve", tree.district_a1, **confirm))

    # then the page says so and nothing happened
    assert refused.status_code == 200
    assert refused.context["form"].non_field_errors()
    tree.district_a1.refresh_from_db()
    assert tree.district_a1.is_active

    # when they go to the other district
    done = client.post(
        url,
        action_data("dissolve", tree.district_a1, children_to=tree.district_a2.pk, **confirm),
    )

    # then
    assert done.status_code == 302
    tree.district_a1.refresh_from_db()
    assert tree.district_a1.dissolved_on == datetime.date(2025, 7, 1)
    assert set(tree.district_a2.children.values_list("code", flat=True)) == {
        "CDCS-A2X",
        "CDCS-A1X",
        "CDCS-A1Y",
    }
    assert AuditEvent.objects.filter(event_type=EventType.UNIT_DISSOLVED).count() == 1


def test_dissolve_action_from_the_unit_page(client, tree, unit_admin):
    # given a role held at the unit, which dissolving ends
    RoleAssignment.objects.create(user=unit_admin, role="clerk", unit=tree.cdcs_a2x)
    client.force_login(unit_admin)
    url = admin_url(Unit, "change", tree.cdcs_a2x.pk)
    data = {
        "CHANGE_FORM-action": "dissolve",
        "_selected_action": str(tree.cdcs_a2x.pk),
    }

    # when
    page = client.post(url, data)
    response = client.post(
        url, {**data, "_confirmed": "1", "confirm-on": "2025-07-01", "confirm-reason": "Giải thể"}
    )

    # then
    assert page.status_code == 200
    assert response.status_code == 302
    assert response["Location"] == url
    tree.cdcs_a2x.refresh_from_db()
    assert not tree.cdcs_a2x.is_active
    assert not RoleAssignment.objects.filter(unit=tree.cdcs_a2x, revoked_at__isnull=True).exists()
