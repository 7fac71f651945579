"""Who may open the administration site: administrators (by role) and superusers, without
needing Django's is_staff flag or model permissions."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent, EventType


@pytest.mark.parametrize("actor", ["clerk", "auditor", "reviewer", "signer"])
def test_users_without_an_administrator_role_cannot_open_the_admin(request, client, actor):
    # given
    client.force_login(request.getfixturevalue(actor))

    # when
    response = client.get(reverse("admin:index"))

    # then: sent to the admin's sign-in page, which tells them they lack access
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_users_without_an_administrator_role_cannot_open_a_changelist(client, clerk):
    client.force_login(clerk)

    response = client.get(reverse("admin:organizations_unit_changelist"))

    assert response.status_code == 302


def test_unit_administrator_opens_the_admin_without_staff_flag(client, unit_admin):
    # given an administrator by role only
    assert not unit_admin.is_staff
    client.force_login(unit_admin)

    # when
    response = client.get(reverse("admin:index"))

    # then
    assert response.status_code == 200
    assert "organizations" in {app["app_label"] for app in response.context["app_list"]}


def test_unit_administrator_signs_in_on_the_admin_sign_in_page(client, unit_admin):
    response = client.post(
        reverse("admin:login"),
        {"username": "unit_admin", "password": "matkhau-demo-123", "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert AuditEvent.objects.filter(event_type=EventType.USER_SIGNED_IN, actor=unit_admin).exists()


def test_clerk_is_refused_on_the_admin_sign_in_page(client, clerk):
    response = client.post(
        reverse("admin:login"), {"username": "clerk", "password": "matkhau-demo-123"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_event_log_is_hidden_from_unit_administrators_without_an_auditor_role(client, unit_admin):
    client.force_login(unit_admin)

    index = client.get(reverse("admin:index"))
    changelist = client.get(reverse("admin:audit_auditevent_changelist"))

    assert "audit" not in {app["app_label"] for app in index.context["app_list"]}
    assert changelist.status_code == 403


def test_own_password_change_goes_to_the_sign_in_pages(client, unit_admin):
    client.force_login(unit_admin)

    response = client.get(reverse("admin:password_change"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change")
