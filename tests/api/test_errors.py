"""Every failure answers with the same body: {"code", "message", "details"}."""

import pytest
from django.utils import translation

from api.exceptions import ApiErrorCode


def _vietnamese(label) -> str:
    with translation.override("vi"):
        return str(label)


def test_request_without_credentials_is_401_with_the_error_body(anonymous, tree):
    # when
    response = anonymous.get("/api/v1/units/")

    # then
    assert response.status_code == 401
    assert response.json() == {
        "code": "not_authenticated",
        "message": _vietnamese(ApiErrorCode.NOT_AUTHENTICATED.label),
        "details": {},
    }
    assert response["WWW-Authenticate"].startswith("Token")


def test_error_message_reads_in_vietnamese(anonymous, tree):
    response = anonymous.get("/api/v1/units/")

    assert response.json()["message"].startswith("Hãy đăng nhập")


def test_unknown_token_is_401_authentication_failed(anonymous, tree):
    anonymous.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")

    response = anonymous.get("/api/v1/units/")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_session_of_a_signed_in_user_is_accepted(anonymous, tree, clerk):
    # given a browser session, as the pages use
    anonymous.force_login(clerk)

    # when
    response = anonymous.get("/api/v1/me/")

    # then
    assert response.status_code == 200
    assert response.json()["username"] == "clerk"


def test_unknown_address_under_api_is_404_with_the_error_body(api_as, reviewer):
    response = api_as(reviewer).get("/api/v1/no-such-resource/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert set(response.json()) == {"code", "message", "details"}


def test_non_numeric_id_is_404_with_the_error_body(api_as, reviewer):
    response = api_as(reviewer).get("/api/v1/units/abc/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_write_to_a_read_endpoint_is_405_naming_the_allowed_methods(api_as, reviewer):
    response = api_as(reviewer).post("/api/v1/units/", {"name": "x"}, format="json")

    assert response.status_code == 405
    body = response.json()
    assert body["code"] == "method_not_allowed"
    assert "GET" in body["details"]["allowed"]
    assert "POST" not in body["details"]["allowed"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("under=abc", "under"),
        ("under=0", "under"),
        ("include_dissolved=maybe", "include_dissolved"),
        ("kind=no-such-kind", "kind"),
        ("sector=space", "sector"),
    ],
)
def test_bad_filter_value_is_400_naming_the_field(api_as, reviewer, query, field):
    response = api_as(reviewer).get(f"/api/v1/units/?{query}")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_input"
    assert list(body["details"]) == [field]
    assert body["details"][field]  # a message saying what is wrong


def test_bad_date_filter_is_400_naming_the_field(api_as, reviewer):
    response = api_as(reviewer).get("/api/v1/award-types/?on=notadate")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input"
    assert list(response.json()["details"]) == ["on"]


def test_page_beyond_the_last_is_404_with_the_error_body(api_as, reviewer):
    response = api_as(reviewer).get("/api/v1/units/?page=99")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_malformed_json_body_is_400_parse_error(anonymous, db):
    response = anonymous.post(
        "/api/v1/auth/token/", data="{not json", content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
