"""Signing in to the API: a token for a username and password, and who the caller is."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from api.base import UnitRefOutput, responses
from api.exceptions import ApiErrorCode
from api.services import api_token_issue
from common.exceptions import DomainValidationError
from organizations.models import Role, RoleAssignment
from organizations.permissions import is_system_admin
from organizations.selectors import user_roles_summary

TAGS = ["authentication"]

_REQUIRED = {
    "required": _("This field is required."),
    "blank": _("This field is required."),
    "null": _("This field is required."),
}


class TokenIssueInput(serializers.Serializer):
    username = serializers.CharField(max_length=150, error_messages=_REQUIRED)
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, write_only=True, error_messages=_REQUIRED
    )


class TokenOutput(serializers.Serializer):
    token = serializers.CharField(
        help_text=_("Send it on every request in the header “Authorization: Token <token>”.")
    )


class TokenIssueThrottle(AnonRateThrottle):
    """Slows down password guessing: a few attempts per minute from one address.

    The rate is generous because the offices of a union often share one public address.
    """

    scope = "api_token"
    rate = "20/minute"


class TokenIssueApi(APIView):
    # Anyone may ask; the credentials in the body are the authentication. Without
    # authenticators, a browser session does not make this POST need a CSRF token.
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenIssueThrottle]

    @extend_schema(
        tags=TAGS,
        description=_("Exchange a username and password for the user's API token."),
        request=TokenIssueInput,
        responses=responses(TokenOutput, 400),
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = _validated(TokenIssueInput, request.data)
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None:
            # authenticate() has already logged the failed attempt (accounts.signals).
            raise DomainValidationError(ApiErrorCode.INVALID_CREDENTIALS)
        token = api_token_issue(actor=user)
        return Response(TokenOutput({"token": token.key}).data)


class RoleOutput(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)
    role_label = serializers.CharField(source="get_role_display")
    unit = UnitRefOutput()


class MeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()
    email = serializers.CharField()
    home_unit = UnitRefOutput(allow_null=True)
    is_system_admin = serializers.SerializerMethodField(
        help_text=_("A system administrator reads and manages everything.")
    )
    roles = serializers.SerializerMethodField(help_text=_("The active roles, each at a unit."))

    def get_is_system_admin(self, user: Any) -> bool:
        return is_system_admin(user)

    @extend_schema_field(RoleOutput(many=True))
    def get_roles(self, user: Any) -> list[dict[str, Any]]:
        assignments: list[RoleAssignment] = user_roles_summary(user)
        return RoleOutput(assignments, many=True).data


class MeApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("The signed-in user and the roles they hold."),
        responses=responses(MeOutput, 401),
    )
    def get(self, request: Request) -> Response:
        return Response(MeOutput(request.user).data)


def _validated(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
