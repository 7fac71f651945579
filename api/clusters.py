"""Emulation clusters and blocs (cụm, khối thi đua): their members and yearly officers, and the
cluster result the award rules read (issue 4 §5). A cluster's agreement, score sheets, ranking
and proposal are in api/agreements.py.

A cluster is seen by the readers of the unit that formed it and of its members, present or past.
Its internal results for a year — score sheets and ranking — only by the readers of the forming
unit and of the units that were members that year: anyone else gets a 404, as for anything
outside their scope. Every write is one service call (emulation.services); a reader who may not
act gets a 403 from the service, a step no longer possible a 409.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.emulation_fields import (
    DOES_NOT_EXIST,
    ChildRefField,
    PlainChoiceField,
    date_field,
    part_of,
    reason_field,
)
from api.filters import IdFilter, YearFilter, id_filter, parse_filters, year_filter
from api.nominations import (
    CHOICE,
    FILE,
    ID,
    REQUIRED,
    YEAR,
    ScopedRelatedField,
    units_visible_to,
    validated,
    write_responses,
)
from emulation.choices import (
    ClusterKind,
    OfficerMethod,
    OfficerPosition,
)
from emulation.models import Cluster
from emulation.selectors_clusters import (
    cluster_get_visible,
    cluster_list_visible_to,
    cluster_member_candidate_list,
    cluster_members_in,
    cluster_result_visible_to,
)
from emulation.services import (
    cluster_create,
    cluster_member_add,
    cluster_member_remove,
    cluster_officer_elect,
)

TAGS = ["emulation clusters"]
# JSON, or multipart when the signed minutes come with the fields.
PARSERS = [JSONParser, MultiPartParser, FormParser]


def _member_units(context: dict[str, Any]) -> Iterable[Model]:
    """The units that have been members of the cluster (its prefetched memberships)."""
    return [membership.unit for membership in context["cluster"].memberships.all()]


# --- input -------------------------------------------------------------------------------------


class ClusterFilter(django_filters.FilterSet):
    parent_unit = id_filter(help_text=_("Only the clusters formed by this unit (a unit id)."))
    kind = django_filters.ChoiceFilter(
        choices=ClusterKind.choices,
        help_text=_("region (a cluster) or sector (a bloc)."),
    )
    year = year_filter(help_text=_("Only the clusters that had members in this year."))
    search = django_filters.CharFilter(help_text=_("Part of the name."))

    class Meta:
        model = Cluster
        fields: list[str] = []


class ClusterYearFilter(django_filters.FilterSet):
    year = YearFilter(help_text=_("The year of the members and officers shown; this year."))

    class Meta:
        model = Cluster
        fields: list[str] = []


class ClusterResultFilter(django_filters.FilterSet):
    unit = IdFilter(required=True, help_text=_("The unit (an id)."))
    year = YearFilter(required=True, help_text=_("The year, e.g. 2025."))

    class Meta:
        model = Cluster
        fields: list[str] = []


class ClusterCreateInput(serializers.Serializer):
    parent_unit = ScopedRelatedField(
        select=units_visible_to,
        error_messages=REQUIRED,
        help_text=_("The unit that forms the cluster among the units under it (an id)."),
    )
    name = serializers.CharField(max_length=255, error_messages=REQUIRED)
    kind = serializers.ChoiceField(
        choices=ClusterKind.choices,
        error_messages=CHOICE,
        help_text=_("region (a cluster) or sector (a bloc)."),
    )
    formed_on = date_field()
    formed_by_decision = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=120,
        help_text=_("The decision that formed it, e.g. 12/QĐ-LĐLĐ."),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    members = serializers.ListField(
        child=serializers.IntegerField(min_value=1, error_messages=ID),
        required=False,
        default=list,
        help_text=_(
            "The founding members (ids of units under the forming unit): they join on the day "
            "it is formed."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Named among the units under the forming unit, which its clerk may not read otherwise.
        ids = attrs.get("members", [])
        found = {
            unit.pk: unit
            for unit in cluster_member_candidate_list(attrs["parent_unit"]).filter(pk__in=ids)
        }
        if len(found) != len(set(ids)):
            raise serializers.ValidationError({"members": [DOES_NOT_EXIST]})
        attrs["members"] = [found[pk] for pk in dict.fromkeys(ids)]
        return attrs


@extend_schema_field(OpenApiTypes.INT)
class CandidateField(serializers.PrimaryKeyRelatedField):
    """A unit under the unit that formed the cluster of the request (context "cluster")."""

    default_error_messages = {
        **REQUIRED,
        "does_not_exist": DOES_NOT_EXIST,
        "incorrect_type": _("Enter a number (the id)."),
    }

    def get_queryset(self) -> QuerySet[Any]:
        return cluster_member_candidate_list(self.context["cluster"].parent_unit_id)


class MemberAddInput(serializers.Serializer):
    unit = CandidateField(help_text=_("A unit under the forming unit (an id)."))
    joined_on = date_field()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class MemberRemoveInput(serializers.Serializer):
    left_on = date_field(help_text=_("The last day the unit is a member."))
    reason = reason_field(_("Required: why the unit leaves."))


class OfficerElectInput(serializers.Serializer):
    year = serializers.IntegerField(error_messages=YEAR, help_text=_("The year of the office."))
    unit = ChildRefField(
        among=_member_units,
        help_text=_("The member unit chosen (an id of the cluster's members)."),
    )
    # A plain string in the schema: councils' positions already own the name PositionEnum.
    position = PlainChoiceField(
        choices=OfficerPosition.choices,
        default=OfficerPosition.HEAD,
        error_messages=CHOICE,
        help_text=_("head or deputy."),
    )
    method = serializers.ChoiceField(
        choices=OfficerMethod.choices,
        default=OfficerMethod.ELECTION,
        error_messages=CHOICE,
        help_text=_("election or rotation."),
    )
    chosen_on = date_field(help_text=_("The day of the meeting that chose it."))
    minutes_number = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=120,
        help_text=_("The minutes' number; or send the signed file, or both."),
    )
    minutes_file = serializers.FileField(
        required=False, allow_empty_file=True, default=None, error_messages=FILE
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


# --- output ------------------------------------------------------------------------------------


class ClusterRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    parent_unit = UnitRefOutput()


class ClusterListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    # Plain strings: an enum here would clash with other fields named kind.
    kind = serializers.CharField(help_text=_("region (a cluster) or sector (a bloc)."))
    kind_label = label_of("kind")
    parent_unit = UnitRefOutput(help_text=_("The unit that formed it."))
    formed_on = serializers.DateField()
    formed_by_decision = serializers.CharField()
    dissolved_on = serializers.DateField(allow_null=True)


class ClusterMembershipOutput(serializers.Serializer):
    id = serializers.IntegerField()
    unit = UnitRefOutput()
    joined_on = serializers.DateField()
    join_reason = serializers.CharField()
    left_on = serializers.DateField(allow_null=True, help_text=_("Its last day as a member."))
    leave_reason = serializers.CharField()


class OfficerOutput(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    unit = UnitRefOutput()
    position = serializers.CharField(help_text=_("head or deputy."))
    position_label = label_of("position")
    method = serializers.CharField(help_text=_("election or rotation."))
    method_label = label_of("method")
    chosen_on = serializers.DateField()
    minutes_number = serializers.CharField()
    minutes_file_name = serializers.CharField(help_text=_("The signed minutes, when sent."))
    note = serializers.CharField()


class AgreementRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField(help_text=_("open, ranked or proposed."))
    status_label = label_of("status")


class ClusterDetailOutput(ClusterListOutput):
    note = serializers.CharField()
    year = serializers.SerializerMethodField(help_text=_("The year of members and officers."))
    members = serializers.SerializerMethodField(help_text=_("The members in that year."))
    officers = serializers.SerializerMethodField(help_text=_("The head and deputy of that year."))
    memberships = ClusterMembershipOutput(
        many=True,
        source="memberships.all",
        help_text=_("Every membership, past ones too, with the reasons of each change."),
    )
    agreements = AgreementRefOutput(many=True, source="agreements.all")

    def get_year(self, cluster: Cluster) -> int:
        return int(self.context["year"])

    @extend_schema_field(UnitRefOutput(many=True))
    def get_members(self, cluster: Cluster) -> list[dict[str, Any]]:
        return UnitRefOutput(self.context["members"], many=True).data

    @extend_schema_field(OfficerOutput(many=True))
    def get_officers(self, cluster: Cluster) -> list[dict[str, Any]]:
        year = self.context["year"]
        officers = [officer for officer in cluster.officers.all() if officer.year == year]
        return OfficerOutput(officers, many=True).data


class ClusterResultOutput(serializers.Serializer):
    unit = UnitRefOutput()
    year = serializers.IntegerField()
    cluster = ClusterRefOutput(
        allow_null=True, help_text=_("The cluster the unit belonged to (the last joined).")
    )
    agreement = AgreementRefOutput(allow_null=True)
    members = serializers.IntegerField(help_text=_("Units that were members in the year."))
    signed = serializers.BooleanField(help_text=_("It signed the year's agreement."))
    registered = serializers.BooleanField(
        help_text=_("It registered its indicators with the cluster head, by signing (CL-01).")
    )
    campaign_registered = serializers.BooleanField(
        allow_null=True,
        help_text=_(
            "It stands registered for an emulation campaign in the year; empty when it was in "
            "no cluster (see /registrations/)."
        ),
    )
    ranking_final = serializers.BooleanField()
    rank = serializers.IntegerField(allow_null=True, help_text=_("Shared ranks: 1, 2, 2, 4."))
    score = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    ranked_count = serializers.IntegerField()
    led = serializers.BooleanField(help_text=_("Proposed by the cluster as a leading unit."))
    has_scoring_sheet = serializers.BooleanField(
        help_text=_("Its cross-checked score stands in the final ranking (CL-03).")
    )
    has_minutes = serializers.BooleanField(
        help_text=_("The proposal was recorded with the meeting's minutes (CL-03).")
    )
    proposal_minutes = serializers.CharField()
    head = UnitRefOutput(allow_null=True, help_text=_("The cluster's head for the year."))
    head_terms_without_election = serializers.IntegerField(
        help_text=_("Years the head has served since it was last chosen (CL-02).")
    )


# What the result says of a unit that belonged to no cluster in the year.
NO_CLUSTER: dict[str, Any] = {
    "cluster": None,
    "agreement": None,
    "members": 0,
    "signed": False,
    "registered": False,
    "campaign_registered": None,
    "ranking_final": False,
    "rank": None,
    "score": None,
    "ranked_count": 0,
    "led": False,
    "has_scoring_sheet": False,
    "has_minutes": False,
    "proposal_minutes": "",
    "head": None,
    "head_terms_without_election": 0,
}


# --- clusters ----------------------------------------------------------------------------------


def _cluster_detail(
    request: Request, pk: int, *, year: int | None = None, code: int = status.HTTP_200_OK
) -> Response:
    """The cluster as it is now, with its members and officers of `year` (this year)."""
    cluster = cluster_get_visible(request.user, pk)
    year = year or timezone.localdate().year
    context = {"year": year, "members": cluster_members_in(cluster, year)}
    return Response(ClusterDetailOutput(cluster, context=context).data, status=code)


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "Clusters and blocs the reader sees: formed by a unit they may read, or with a "
            "member (present or past) they may read."
        ),
        responses=responses(ClusterListOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "The forming unit's staff forms a cluster (by region) or bloc (by sector) of units "
            "under it, with its founding members."
        ),
        request=ClusterCreateInput,
        responses=write_responses(ClusterDetailOutput, created=True),
    ),
)
class ClusterListApi(SelectorListApi):
    serializer_class = ClusterListOutput
    filterset_class = ClusterFilter

    def select(self, **filters: Any) -> QuerySet[Cluster]:
        return cluster_list_visible_to(self.request.user, **filters)

    def post(self, request: Request) -> Response:
        data = validated(ClusterCreateInput, request)
        cluster = cluster_create(actor=request.user, **data)
        return _cluster_detail(
            request, cluster.pk, year=cluster.formed_on.year, code=status.HTTP_201_CREATED
        )


class ClusterDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One cluster with its members and officers of a year, every membership with its "
            "reasons, and its agreements."
        ),
        parameters=[
            OpenApiParameter(
                "year",
                OpenApiTypes.INT,
                description=_("The year of the members and officers shown; this year."),
            )
        ],
        responses=responses(ClusterDetailOutput, 400, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        year = parse_filters(ClusterYearFilter, request).get("year")
        return _cluster_detail(request, pk, year=year)


class ClusterMemberAddApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "A unit under the forming unit joins the cluster from a day; a unit sits in one "
            "cluster (and one bloc) of the same forming unit at a time."
        ),
        request=MemberAddInput,
        responses=write_responses(ClusterMembershipOutput, created=True),
    )
    def post(self, request: Request, pk: int) -> Response:
        cluster = cluster_get_visible(request.user, pk)
        data = validated(MemberAddInput, request, cluster=cluster)
        membership = cluster_member_add(actor=request.user, cluster=cluster, **data)
        return Response(ClusterMembershipOutput(membership).data, status=status.HTTP_201_CREATED)


class ClusterMemberRemoveApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "A member leaves the cluster after a day, with the reason. The membership is kept: "
            "who was a member in any year stays known."
        ),
        request=MemberRemoveInput,
        responses=write_responses(ClusterMembershipOutput),
    )
    def post(self, request: Request, pk: int, membership_pk: int) -> Response:
        cluster = cluster_get_visible(request.user, pk)
        membership = part_of(cluster.memberships.all(), membership_pk)
        data = validated(MemberRemoveInput, request)
        left = cluster_member_remove(actor=request.user, membership=membership, **data)
        return Response(ClusterMembershipOutput(left).data)


class ClusterOfficerElectApi(APIView):
    parser_classes = PARSERS

    @extend_schema(
        tags=TAGS,
        description=_(
            "Record the member chosen as head (or deputy) for a year, by election or rotation, "
            "with the minutes: their number, the signed file (multipart), or both. The forming "
            "unit or the outgoing head records it."
        ),
        request=OfficerElectInput,
        responses=write_responses(OfficerOutput, created=True),
    )
    def post(self, request: Request, pk: int) -> Response:
        cluster = cluster_get_visible(request.user, pk)
        data = validated(OfficerElectInput, request, cluster=cluster)
        officer = cluster_officer_elect(actor=request.user, cluster=cluster, **data)
        return Response(OfficerOutput(officer).data, status=status.HTTP_201_CREATED)


class ClusterResultApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "What the award rules read about a unit's year in its cluster: the cluster (the "
            "last joined, if it moved), whether it signed and registered, its rank and score, "
            "whether it was proposed as a leading unit, and the head's terms. A unit outside "
            "the reader's scope is a 404; a unit in no cluster that year has an empty cluster."
        ),
        parameters=[
            OpenApiParameter(
                "unit", OpenApiTypes.INT, required=True, description=_("The unit (an id).")
            ),
            OpenApiParameter(
                "year", OpenApiTypes.INT, required=True, description=_("The year, e.g. 2025.")
            ),
        ],
        responses=responses(ClusterResultOutput, 400, 401, 404),
    )
    def get(self, request: Request) -> Response:
        filters = parse_filters(ClusterResultFilter, request)
        unit, result = cluster_result_visible_to(request.user, filters["unit"], filters["year"])
        body = {**NO_CLUSTER, **(vars(result) if result else {})}
        body.update(unit=unit, year=filters["year"])
        return Response(ClusterResultOutput(body).data)
