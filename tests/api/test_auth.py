"""Signing in to the API with a token, and asking who one is."""

import pytest
from rest_framework.authtoken.models import Token

from api.services import api_token_issue
from audit.models import AuditEvent, EventType
from common.exceptions import DomainPermissionError
from tests.factories import RoleAssignmentFactory, UserFactory

PASSWORD = "matkhau-demo-123"  # what UserFactory sets


def test_good_credentials_give_a_token_that_authenticates(anonymous, clerk):
    # when
    response = anonymous.post(
        "/api/v1/auth/token/", {"username": "clerk", "password": PASSWORD}, format="json"
    )

    # then
    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(user=clerk).key == key
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert anonymous.get("/api/v1/me/").json()["username"] == "clerk"


def test_issuing_a_token_is_audited_without_the_key(anonymous, clerk):
    # when
    response = anonymous.post(
        "/api/v1/auth/token/", {"username": "clerk", "password": PASSWORD}, format="json"
    )

    # then
    event = AuditEvent.objects.get(event_type=EventType.API_TOKEN_ISSUED)
    assert event.actor == clerk
    assert event.object_id == str(clerk.pk)
    assert event.unit_id == clerk.home_unit_id
    assert event.changes == {"token": [None, "***"]}
    assert response.json()["token"] not in str(event.changes) + event.object_repr


def test_asking_again_returns_the_same_token_and_is_audited_again(anonymous, clerk):
    first = anonymous.post(
        "/api/v1/auth/token/", {"username": "clerk", "password": PASSWORD}, format="json"
    )
    second = anonymous.post(
        "/api/v1/auth/token/", {"username": "clerk", "password": PASSWORD}, format="json"
    )

    assert first.json()["token"] == second.json()["token"]
    events = AuditEvent.objects.filter(event_type=EventType.API_TOKEN_ISSUED).order_by("seq")
    assert [event.changes for event in events] == [{"token": [None, "***"]}, {}]


def test_wrong_password_is_400_invalid_credentials_in_vietnamese(anonymous, clerk):
    # when
    response = anonymous.post(
        "/api/v1/auth/token/", {"username": "clerk", "password": "sai-mat-khau"}, format="json"
    )

    # then
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_credentials"
    assert body["message"].startswith("Sai tên đăng nhập hoặc mật khẩu")
    assert not Token.objects.exists()
    assert not AuditEvent.objects.filter(event_type=EventType.API_TOKEN_ISSUED).exists()
    # the failed attempt is in the log, as a failed sign-in on the pages would be
    failed = AuditEvent.objects.get(event_type=EventType.USER_SIGN_IN_FAILED)
    assert failed.changes == {"username": "clerk"}


def test_unknown_user_is_400_invalid_credentials(anonymous, db):
    response = anonymous.post(
        "/api/v1/auth/token/", {"username": "nobody", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


def test_locked_account_gets_no_token(anonymous, tree):
    UserFactory(username="locked", is_active=False)

    response = anonymous.post(
        "/api/v1/auth/token/", {"username": "locked", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_credentials"


def test_missing_credentials_are_400_naming_both_fields(anonymous, db):
    response = anonymous.post("/api/v1/auth/token/", {}, format="json")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert set(body["details"]) == {"username", "password"}


def test_token_endpoint_slows_down_password_guessing(anonymous, clerk):
    # given the allowed attempts from one address are used up
    for _ in range(20):
        anonymous.post(
            "/api/v1/auth/token/", {"username": "clerk", "password": "doan"}, format="json"
        )

    # when
    response = anonymous.post(
        "/api/v1/auth/token/", {"username": "clerk", "password": PASSWORD}, format="json"
    )

    # then
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert response.json()["details"]["retry_after_seconds"] > 0


def test_a_revoked_token_stops_working(api_as, clerk):
    client = api_as(clerk)
    Token.objects.filter(user=clerk).delete()

    assert client.get("/api/v1/me/").status_code == 401


def test_token_service_refuses_a_locked_account(db):
    user = UserFactory(is_active=False)

    with pytest.raises(DomainPermissionError):
        api_token_issue(actor=user)

    assert not Token.objects.filter(user=user).exists()


def test_token_service_refuses_the_system_account(system):
    with pytest.raises(DomainPermissionError):
        api_token_issue(actor=system)


def test_me_lists_active_roles_with_their_labels_and_units(api_as, tree, clerk, unit_admin):
    # given the clerk also reviews for province B, and held a role that was revoked
    RoleAssignmentFactory(user=clerk, role="reviewer", unit=tree.province_b)
    from organizations.services import role_revoke

    revoked = RoleAssignmentFactory(user=clerk, role="auditor", unit=tree.province_a)
    role_revoke(actor=unit_admin, assignment=revoked, reason="Hết nhiệm kỳ")

    # when
    response = api_as(clerk).get("/api/v1/me/")

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["home_unit"]["id"] == tree.cdcs_a1x.pk
    assert body["is_system_admin"] is False
    roles = {(r["role"], r["unit"]["code"]) for r in body["roles"]}
    assert roles == {("clerk", "CDCS-A1X"), ("reviewer", "LDLD-B")}
    assert all(r["role_label"] and r["unit"]["name"] for r in body["roles"])


def test_me_of_a_system_administrator(api_as, system_admin):
    body = api_as(system_admin).get("/api/v1/me/").json()

    assert body["is_system_admin"] is True
    assert body["roles"] == []
    assert body["home_unit"] is None


def test_me_needs_authentication(anonymous, db):
    assert anonymous.get("/api/v1/me/").status_code == 401
