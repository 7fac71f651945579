"""The award catalogue (readable by every signed-in user) and award history (scoped)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import PersonRefOutput, SelectorListApi, UnitRefOutput, label_of, responses
from api.filters import StrictBooleanFilter, code_filter, id_filter, parse_filters, year_filter
from awards.exceptions import AwardErrorCode
from awards.models import (
    AwardCategory,
    AwardRecord,
    AwardRecordSource,
    AwardType,
    BallotType,
    Confidence,
    DocumentKind,
    Occasion,
    QuotaScope,
    RegulationDocument,
    Track,
    VoteBase,
)
from awards.selectors import (
    award_record_list_visible_to,
    award_type_get,
    award_type_list,
    regulation_get,
    regulation_in_force,
    regulation_list,
)
from common.exceptions import DomainNotFound
from organizations.models import UnitKind

CATALOGUE_TAGS = ["award catalogue"]
HISTORY_TAGS = ["award history"]


# --- input -------------------------------------------------------------------------------------


class RegulationFilter(django_filters.FilterSet):
    catalogue_only = StrictBooleanFilter(
        help_text=_("Only the regulations that set an award catalogue (catalogue versions).")
    )

    class Meta:
        model = RegulationDocument
        fields: list[str] = []


class RegulationInForceFilter(django_filters.FilterSet):
    on = django_filters.DateFilter()
    track = django_filters.ChoiceFilter(choices=Track.choices)

    class Meta:
        model = RegulationDocument
        fields: list[str] = []


class AwardTypeFilter(django_filters.FilterSet):
    on = django_filters.DateFilter(
        help_text=_(
            "Only the award types of the catalogue versions in force on this day (YYYY-MM-DD)."
        )
    )
    regulation = id_filter(help_text=_("Only the award types of this catalogue version (an id)."))
    track = django_filters.ChoiceFilter(choices=Track.choices)
    for_individuals = StrictBooleanFilter(
        help_text=_("true: awards for individuals; false: awards for collectives only.")
    )
    unit_kind = code_filter(
        queryset=UnitKind.objects.all(),
        help_text=_("Only awards for collectives of this unit kind (its code)."),
    )
    active_only = StrictBooleanFilter(help_text=_("Only award types open for nominations."))

    class Meta:
        model = AwardType
        fields: list[str] = []


class AwardRecordFilter(django_filters.FilterSet):
    year = year_filter(help_text=_("The year of the award."))
    award_code = django_filters.CharFilter(
        help_text=_("The catalogue code, the same across regulation versions.")
    )

    class Meta:
        model = AwardRecord
        fields: list[str] = []


# --- output ------------------------------------------------------------------------------------


class RegulationRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    number = serializers.CharField()


class RegulationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    number = serializers.CharField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    kind_label = label_of("kind")
    title = serializers.CharField()
    issuer = serializers.CharField()
    issued_on = serializers.DateField()
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)
    supersedes = RegulationRefOutput(allow_null=True)
    # A plain string: an enum here would give the track's choices a second name in the schema.
    catalogue_track = serializers.CharField(
        help_text=_("union or state when the regulation sets that track's award catalogue.")
    )
    confidence = serializers.ChoiceField(choices=Confidence.choices)
    source_url = serializers.CharField()
    note = serializers.CharField()


class NamedCodeOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AwardTypeListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text=_("The same across regulation versions."))
    name = serializers.CharField()
    short_name = serializers.CharField()
    regulation = RegulationRefOutput()
    track = serializers.ChoiceField(choices=Track.choices)
    category = serializers.ChoiceField(choices=AwardCategory.choices)
    category_label = label_of("category")
    occasion = serializers.ChoiceField(choices=Occasion.choices)
    occasion_label = label_of("occasion")
    for_individuals = serializers.BooleanField()
    collective_unit_kinds = NamedCodeOutput(many=True, source="collective_unit_kinds.all")
    deciding_level = NamedCodeOutput()
    amount_multiplier = serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        allow_null=True,
        help_text=_("The amount as a multiple of the base salary."),
    )
    confidence = serializers.ChoiceField(choices=Confidence.choices)
    is_active = serializers.BooleanField()


class DocumentRequirementOutput(serializers.Serializer):
    document_type = NamedCodeOutput()
    copies = serializers.IntegerField()
    is_mandatory = serializers.BooleanField()
    note = serializers.CharField()


class QuotaOutput(serializers.Serializer):
    scope = serializers.ChoiceField(choices=QuotaScope.choices)
    scope_label = label_of("scope")
    topic = NamedCodeOutput(allow_null=True)
    limit_count = serializers.IntegerField(allow_null=True)
    limit_percent = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    citation = serializers.CharField()
    confidence = serializers.ChoiceField(choices=Confidence.choices)
    note = serializers.CharField()


class VotingOutput(serializers.Serializer):
    requires_council_vote = serializers.BooleanField()
    ballot_type = serializers.ChoiceField(choices=BallotType.choices)
    vote_base = serializers.ChoiceField(
        choices=VoteBase.choices, help_text=_("What the threshold is counted over.")
    )
    vote_threshold_pct = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    quorum_pct = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class AwardTypeDetailOutput(AwardTypeListOutput):
    topics = NamedCodeOutput(many=True, source="topics.all")
    deciding_body = serializers.CharField()
    voting = VotingOutput(source="*")
    document_requirements = DocumentRequirementOutput(many=True, source="document_requirements.all")
    quotas = QuotaOutput(many=True, source="quotas.all")
    citation = serializers.CharField()
    note = serializers.CharField()


class AwardRecordOutput(serializers.Serializer):
    id = serializers.IntegerField()
    person = PersonRefOutput(allow_null=True)
    unit = UnitRefOutput(allow_null=True, help_text=_("The collective, for collective awards."))
    award_type_id = serializers.IntegerField(allow_null=True)
    award_code = serializers.CharField()
    award_name = serializers.CharField()
    year = serializers.IntegerField()
    decision_number = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    deciding_unit = UnitRefOutput(allow_null=True)
    deciding_body = serializers.CharField()
    source = serializers.ChoiceField(choices=AwardRecordSource.choices)
    revoked_on = serializers.DateField(allow_null=True)


# --- endpoints ---------------------------------------------------------------------------------


@extend_schema(
    tags=CATALOGUE_TAGS,
    description=_("Regulation documents; within a track, the newest first."),
    responses=responses(RegulationOutput(many=True), 400, 401),
)
class RegulationListApi(SelectorListApi):
    serializer_class = RegulationOutput
    filterset_class = RegulationFilter

    def select(self, **filters: Any) -> QuerySet[RegulationDocument]:
        return regulation_list(**filters)


class RegulationDetailApi(APIView):
    @extend_schema(
        tags=CATALOGUE_TAGS,
        description=_("One regulation document."),
        responses=responses(RegulationOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(RegulationOutput(regulation_get(pk)).data)


class RegulationInForceApi(APIView):
    @extend_schema(
        tags=CATALOGUE_TAGS,
        description=_("The catalogue version in force on a day: the one whose award types apply."),
        parameters=[
            OpenApiParameter(
                "on",
                OpenApiTypes.DATE,
                description=_("The day (YYYY-MM-DD); today when absent."),
            ),
            OpenApiParameter(
                "track",
                OpenApiTypes.STR,
                enum=Track.values,
                description=_("The catalogue's track; union when absent."),
            ),
        ],
        responses=responses(RegulationOutput, 400, 401, 404),
    )
    def get(self, request: Request) -> Response:
        filters = parse_filters(RegulationInForceFilter, request)
        on = filters.get("on") or timezone.localdate()
        version = regulation_in_force(track=filters.get("track", Track.UNION), on=on)
        if version is None:
            raise DomainNotFound(AwardErrorCode.NO_VERSION_IN_FORCE, details={"on": [str(on)]})
        return Response(RegulationOutput(version).data)


@extend_schema(
    tags=CATALOGUE_TAGS,
    description=_(
        "Award types of every catalogue version or, with on, of the versions in force that day."
    ),
    responses=responses(AwardTypeListOutput(many=True), 400, 401),
)
class AwardTypeListApi(SelectorListApi):
    serializer_class = AwardTypeListOutput
    filterset_class = AwardTypeFilter

    def select(self, **filters: Any) -> QuerySet[AwardType]:
        return award_type_list(**filters)


class AwardTypeDetailApi(APIView):
    @extend_schema(
        tags=CATALOGUE_TAGS,
        description=_("One award type with all that its regulation version sets for it."),
        responses=responses(AwardTypeDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(AwardTypeDetailOutput(award_type_get(pk)).data)


@extend_schema(
    tags=HISTORY_TAGS,
    description=_(
        "Awards received by people and collectives the reader may read, the newest first."
    ),
    responses=responses(AwardRecordOutput(many=True), 400, 401),
)
class AwardRecordListApi(SelectorListApi):
    serializer_class = AwardRecordOutput
    filterset_class = AwardRecordFilter

    def select(self, **filters: Any) -> QuerySet[AwardRecord]:
        return award_record_list_visible_to(self.request.user, **filters)
