"""The caller's in-app notifications, and marking them read."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, responses
from api.filters import StrictBooleanFilter
from api.nominations import ID, validated
from notifications.models import Notification
from notifications.selectors import notification_list_for
from notifications.services import notifications_mark_read

TAGS = ["notifications"]

# --- input -------------------------------------------------------------------------------------


class NotificationFilter(django_filters.FilterSet):
    unread = StrictBooleanFilter(help_text=_("true: only the unread ones (default: all)."))

    class Meta:
        model = Notification
        fields: list[str] = []


class MarkReadInput(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, error_messages=ID),
        required=False,
        allow_empty=False,
        help_text=_("The notifications to mark read (ids)."),
    )
    all = serializers.BooleanField(
        required=False,
        default=False,
        error_messages={"invalid": _("Enter true or false.")},
        help_text=_("true: mark every notification read."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Asked explicitly, so that a client that forgets the ids does not empty the inbox.
        if "ids" not in attrs and not attrs["all"]:
            message = _("Give the ids of the notifications to mark read, or all: true.")
            raise serializers.ValidationError({"ids": [message]})
        return attrs


# --- output ------------------------------------------------------------------------------------


class NotificationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    body = serializers.CharField()
    url = serializers.CharField(help_text=_("The page it is about, on this site."))
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class MarkReadOutput(serializers.Serializer):
    marked = serializers.IntegerField(help_text=_("How many were unread and are now read."))


# --- endpoints ---------------------------------------------------------------------------------


@extend_schema(
    tags=TAGS,
    description=_("The caller's notifications, the newest first."),
    responses=responses(NotificationOutput(many=True), 400, 401),
)
class NotificationListApi(SelectorListApi):
    serializer_class = NotificationOutput
    filterset_class = NotificationFilter

    def select(self, *, unread: bool = False) -> QuerySet[Notification]:
        return notification_list_for(self.request.user, unread_only=unread)


class NotificationsReadApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("Mark some of the caller's notifications read, or all of them."),
        request=MarkReadInput,
        responses=responses(MarkReadOutput, 400, 401),
    )
    def post(self, request: Request) -> Response:
        data = validated(MarkReadInput, request)
        ids = None if data["all"] else data["ids"]
        marked = notifications_mark_read(actor=request.user, ids=ids)
        return Response(MarkReadOutput({"marked": marked}).data)
