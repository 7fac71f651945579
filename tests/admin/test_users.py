"""Accounts are created, edited and given passwords through the account services."""

from django.contrib.auth import authenticate
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent, EventType
from tests.admin.utils import admin_url, change_form_data
from tests.factories import UserFactory


def test_adding_an_account_in_the_subtree(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.post(
        admin_url(User, "add"),
        {
            "username": "vanthu_a1x",
            "home_unit": tree.cdcs_a1x.pk,
            "full_name": "Lê Thị Hoa",
            "email": "hoa@example.org",
            "password1": "Khen-thuong-2025!",
            "password2": "Khen-thuong-2025!",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="vanthu_a1x")
    assert user.home_unit == tree.cdcs_a1x
    assert authenticate(username="vanthu_a1x", password="Khen-thuong-2025!") == user
    event = AuditEvent.objects.get(event_type=EventType.USER_CREATED)
    assert "password" not in event.changes


def test_an_account_needs_a_home_unit_and_matching_passwords(client, tree, unit_admin):
    client.force_login(unit_admin)

    response = client.post(
        admin_url(User, "add"),
        {"username": "x", "password1": "Khen-thuong-2025!", "password2": "khac"},
    )

    errors = response.context["adminform"].form.errors
    assert response.status_code == 200
    assert {"home_unit", "password2"} <= set(errors)
    assert not User.objects.filter(username="x").exists()


def test_editing_an_account_records_the_change(client, tree, unit_admin):
    account = UserFactory(username="vanthu_a1x", home_unit=tree.cdcs_a1x)
    client.force_login(unit_admin)
    page = client.get(admin_url(User, "change", account.pk))

    response = client.post(
        admin_url(User, "change", account.pk),
        change_form_data(page, phone="0905123456", is_active=False),
    )

    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.phone, account.is_active) == ("0905123456", False)
    event = AuditEvent.objects.get(event_type=EventType.USER_UPDATED)
    assert event.changes == {"phone": ["", "0905123456"], "is_active": [True, False]}


def test_setting_a_password_goes_through_the_service(client, tree, unit_admin):
    # given
    account = UserFactory(username="vanthu_a1x", home_unit=tree.cdcs_a1x)
    client.force_login(unit_admin)
    url = reverse("admin:auth_user_password_change", args=[account.pk])

    # when
    page = client.get(url)
    response = client.post(
        url, {"password1": "Mat-khau-moi-2025", "password2": "Mat-khau-moi-2025"}
    )

    # then
    assert page.status_code == 200
    assert response.status_code == 302
    assert authenticate(username="vanthu_a1x", password="Mat-khau-moi-2025") == account
    event = AuditEvent.objects.get(event_type=EventType.USER_UPDATED, object_id=str(account.pk))
    assert event.changes == {"password": ["***", "***"]}


def test_password_of_an_account_outside_the_subtree_is_not_found(client, tree, unit_admin):
    other = UserFactory(username="vanthu_b", home_unit=tree.cdcs_b1x)
    client.force_login(unit_admin)

    response = client.post(
        reverse("admin:auth_user_password_change", args=[other.pk]),
        {"password1": "Mat-khau-moi-2025", "password2": "Mat-khau-moi-2025"},
    )

    assert response.status_code == 404
    assert authenticate(username="vanthu_b", password="Mat-khau-moi-2025") is None


def test_superuser_flags_are_not_editable(client, tree, unit_admin):
    account = UserFactory(username="vanthu_a1x", home_unit=tree.cdcs_a1x)
    client.force_login(unit_admin)
    page = client.get(admin_url(User, "change", account.pk))

    client.post(
        admin_url(User, "change", account.pk),
        {**change_form_data(page), "is_superuser": "on", "is_staff": "on"},
    )

    account.refresh_from_db()
    assert not account.is_superuser
    assert not account.is_staff


def test_a_username_taken_in_another_case_is_refused_on_the_form(client, tree, unit_admin):
    # given: the form's own uniqueness check is case-sensitive, the service's is not
    client.force_login(unit_admin)

    response = client.post(
        admin_url(User, "add"), {"username": "Unit_Admin", "home_unit": tree.cdcs_a1x.pk}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["username"]
    assert not User.objects.filter(username="Unit_Admin").exists()
