"""Accounts: sign-in audit, and administrators managing the accounts of their units."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.services import user_create, user_update
from audit.models import AuditEvent, EventType
from common.exceptions import DomainConflict, DomainPermissionError
from tests.factories import UserFactory


def test_signing_in_is_recorded(client, tree, clerk):
    response = client.post(
        reverse("accounts:login"), {"username": "clerk", "password": "matkhau-demo-123"}
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type=EventType.USER_SIGNED_IN)
    assert event.actor == clerk


def test_a_failed_sign_in_is_recorded_without_the_password(client, tree, clerk):
    response = client.post(
        reverse("accounts:login"), {"username": "clerk", "password": "sai-mat-khau"}
    )

    assert response.status_code == 200
    event = AuditEvent.objects.get(event_type=EventType.USER_SIGN_IN_FAILED)
    assert event.changes == {"username": "clerk"}
    assert "sai-mat-khau" not in str(event.changes)


def test_unit_admin_creates_an_account_in_its_subtree(tree, unit_admin):
    user = user_create(
        actor=unit_admin,
        username="nv-a1x",
        home_unit=tree.cdcs_a1x,
        full_name="Phạm Văn Bình",
        password="Mk!2026xyz",
    )

    assert user.check_password("Mk!2026xyz")
    event = AuditEvent.objects.get(event_type=EventType.USER_CREATED)
    assert "password" not in event.changes


def test_unit_admin_cannot_create_accounts_elsewhere(tree, unit_admin):
    with pytest.raises(DomainPermissionError):
        user_create(actor=unit_admin, username="nv-b", home_unit=tree.cdcs_b1x)


def test_usernames_are_unique_regardless_of_case(tree, unit_admin):
    UserFactory(username="hoa.nt")

    with pytest.raises(DomainConflict):
        user_create(actor=unit_admin, username="Hoa.NT", home_unit=tree.cdcs_a1x)


def test_unit_admin_cannot_edit_an_account_of_another_province(tree, unit_admin):
    other = UserFactory(home_unit=tree.cdcs_b1x)

    with pytest.raises(DomainPermissionError):
        user_update(actor=unit_admin, user=other, is_active=False)


def test_user_pages(client, tree, unit_admin, django_assert_max_num_queries):
    for n in range(10):
        UserFactory(home_unit=tree.cdcs_a1x, username=f"user-a-{n}")
    UserFactory(home_unit=tree.cdcs_b1x, username="user-b")
    client.force_login(unit_admin)

    with django_assert_max_num_queries(10):
        listing = client.get(reverse("accounts:user_list"))
    created = client.post(
        reverse("accounts:user_create"),
        {
            "username": "moi-tao",
            "full_name": "Người Mới",
            "password": "Mk!2026-khong-de-doan",
            "home_unit": tree.district_a2.pk,
        },
    )

    assert "user-a-1" in listing.text
    assert "user-b" not in listing.text
    assert created.status_code == 302
    assert User.objects.get(username="moi-tao").home_unit == tree.district_a2


def test_account_of_another_province_is_not_found(client, tree, unit_admin):
    other = UserFactory(home_unit=tree.cdcs_b1x)
    client.force_login(unit_admin)

    assert client.get(reverse("accounts:user_update", args=[other.pk])).status_code == 404


def test_admin_sets_a_password(client, tree, unit_admin):
    user = UserFactory(home_unit=tree.cdcs_a1x)
    client.force_login(unit_admin)

    response = client.post(
        reverse("accounts:user_set_password", args=[user.pk]), {"password": "Mk!2026-moi-hoan-toan"}
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Mk!2026-moi-hoan-toan")
