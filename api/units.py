"""Units of the union tree, as far as the reader's scope reaches."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.filters import StrictBooleanFilter, code_filter, id_filter
from organizations.models import Sector, Unit, UnitKind, UnitLevel
from organizations.selectors import (
    unit_ancestors,
    unit_children_visible_to,
    unit_get_visible,
    unit_list_visible_to,
)

TAGS = ["units"]

# --- input -------------------------------------------------------------------------------------


class UnitFilter(django_filters.FilterSet):
    under = id_filter(help_text=_("Only this unit and the units under it (a unit id)."))
    kind = code_filter(
        queryset=UnitKind.objects.all(),
        help_text=_("Only units of this kind (its code, e.g. cdcs)."),
    )
    level = code_filter(
        queryset=UnitLevel.objects.all(),
        help_text=_("Only units at this level (its code)."),
    )
    sector = django_filters.ChoiceFilter(
        choices=Sector.choices, help_text=_("Only units of this sector.")
    )
    search = django_filters.CharFilter(help_text=_("Part of the name or code."))
    include_dissolved = StrictBooleanFilter(
        help_text=_("Also list dissolved and merged units (default: false).")
    )

    class Meta:
        model = Unit
        fields: list[str] = []


# --- output ------------------------------------------------------------------------------------


class UnitKindOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    abbreviation = serializers.CharField()


class UnitLevelOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    rank = serializers.IntegerField(help_text=_("0 is the top of the tree."))


class UnitListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    kind = UnitKindOutput()
    level = UnitLevelOutput(source="kind.level")
    parent_id = serializers.IntegerField(allow_null=True)
    sector = serializers.ChoiceField(choices=Sector.choices, allow_blank=True)
    sector_label = label_of("sector")
    headcount = serializers.IntegerField(allow_null=True)
    women_share = serializers.FloatField(
        allow_null=True, help_text=_("Share of women in the headcount, from 0 to 1.")
    )
    dissolved_on = serializers.DateField(allow_null=True)


class UnitChildOutput(UnitListOutput):
    child_count = serializers.IntegerField(help_text=_("How many units sit directly under it."))


class UnitDetailOutput(UnitListOutput):
    parent = UnitRefOutput(allow_null=True)
    ancestors = serializers.SerializerMethodField(
        help_text=_("The units above it, from the top of the tree down.")
    )
    women_headcount = serializers.IntegerField(allow_null=True)
    member_count = serializers.IntegerField(allow_null=True)
    established_on = serializers.DateField(allow_null=True)
    is_active = serializers.BooleanField()
    merged_into = UnitRefOutput(allow_null=True)
    note = serializers.CharField()

    @extend_schema_field(UnitRefOutput(many=True))
    def get_ancestors(self, unit: Unit) -> list[dict[str, Any]]:
        return UnitRefOutput(self.context["ancestors"], many=True).data


# --- endpoints ---------------------------------------------------------------------------------


@extend_schema(
    tags=TAGS,
    description=_("Units the reader may read, top levels first."),
    responses=responses(UnitListOutput(many=True), 400, 401),
)
class UnitListApi(SelectorListApi):
    serializer_class = UnitListOutput
    filterset_class = UnitFilter

    def select(self, **filters: Any) -> QuerySet[Unit]:
        return unit_list_visible_to(self.request.user, **filters)


class UnitDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("One unit with its place in the tree."),
        responses=responses(UnitDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        unit = unit_get_visible(request.user, pk)
        context = {"ancestors": unit_ancestors(unit)}
        return Response(UnitDetailOutput(unit, context=context).data)


@extend_schema(
    tags=TAGS,
    description=_(
        "The units directly under a unit, those the reader may read; dissolved ones last."
    ),
    responses=responses(UnitChildOutput(many=True), 401, 404),
)
class UnitChildrenApi(generics.ListAPIView):
    serializer_class = UnitChildOutput
    filter_backends: list[Any] = []  # no query parameters

    def get_queryset(self) -> QuerySet[Unit]:
        if getattr(self, "swagger_fake_view", False):
            return Unit.objects.none()
        unit = unit_get_visible(self.request.user, self.kwargs["pk"])
        return unit_children_visible_to(self.request.user, unit)
