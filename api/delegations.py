"""Delegations: while a role holder is away, a delegate works that role's tasks at that unit."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import colleagues_of
from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.nominations import REQUIRED, ScopedRelatedField, UserRefOutput, validated, write_responses
from organizations.models import Role
from workflows.models import Delegation
from workflows.selectors import (
    delegable_assignments,
    delegation_get_visible,
    delegation_list_visible_to,
)
from workflows.services import delegation_create, delegation_end

TAGS = ["delegations"]


# --- input -------------------------------------------------------------------------------------


class DelegationFilter(django_filters.FilterSet):
    # No filters yet: every delegation the caller gave, received or oversees.

    class Meta:
        model = Delegation
        fields: list[str] = []


class DelegationCreateInput(serializers.Serializer):
    assignment = ScopedRelatedField(
        select=delegable_assignments,
        error_messages=REQUIRED,
        help_text=_("The role assignment delegated (an id, from /me/ or the unit's roles)."),
    )
    delegate = ScopedRelatedField(
        select=colleagues_of,
        error_messages=REQUIRED,
        help_text=_("Who stands in (a user id): another active user of the same unit."),
    )
    starts_on = serializers.DateField(error_messages=REQUIRED)
    ends_on = serializers.DateField(error_messages=REQUIRED)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


# --- output ------------------------------------------------------------------------------------


class DelegatedRoleOutput(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=Role.choices)
    role_label = label_of("role")
    unit = UnitRefOutput()
    user = UserRefOutput(help_text=_("The role holder who is away."))


class DelegationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    assignment = DelegatedRoleOutput()
    delegate = UserRefOutput()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    reason = serializers.CharField()
    revoked_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When it was ended early; empty otherwise.")
    )
    created_at = serializers.DateTimeField()


# --- endpoints ---------------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "Delegations the caller gave or received, and those at the units whose roles they "
            "administer or audit; the newest first."
        ),
        responses=responses(DelegationOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "A role holder who will be away names a delegate for that role at that unit; an "
            "administrator of the unit may do it for them."
        ),
        request=DelegationCreateInput,
        responses=write_responses(DelegationOutput, created=True),
    ),
)
class DelegationListApi(SelectorListApi):
    serializer_class = DelegationOutput
    filterset_class = DelegationFilter

    def select(self, **filters: Any) -> QuerySet[Delegation]:
        return delegation_list_visible_to(self.request.user)

    def post(self, request: Request) -> Response:
        data = validated(DelegationCreateInput, request)
        delegation = delegation_create(actor=request.user, **data)
        return Response(DelegationOutput(delegation).data, status=status.HTTP_201_CREATED)


class DelegationEndApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "End a delegation now (the holder or an administrator of the unit). Ending one "
            "already ended changes nothing."
        ),
        request=None,
        responses=write_responses(DelegationOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        delegation = delegation_get_visible(request.user, pk)
        ended = delegation_end(actor=request.user, delegation=delegation)
        return Response(DelegationOutput(ended).data)
