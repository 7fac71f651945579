"""A cluster's year (issue 4 §5): the agreement (giao ước) its head draws up, the members'
signatures with the targets they register, their score sheets and the cluster's cross-check, the
final ranking and the proposal of the leading units (suy tôn).

An agreement is read by whoever sees its cluster (api/clusters.py). The score sheets and the
ranking are internal: only the readers of the forming unit and of the units that were members in
the agreement's year see them; anyone else gets a 404. Every write is one service call
(emulation.services): a 403 for who may not act, a 409 for a step no longer possible (the ranking
is final, the sheet was cross-checked).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import django_filters
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.clusters import PARSERS, TAGS, AgreementRefOutput, ClusterRefOutput
from api.emulation_fields import (
    ChildRefField,
    date_field,
    decimal_field,
    points_field,
    reason_field,
)
from api.nominations import (
    CHOICE,
    FILE,
    REQUIRED,
    YEAR,
    ScopedRelatedField,
    UserRefOutput,
    units_visible_to,
    validated,
    write_responses,
)
from emulation.choices import (
    AdjustmentKind,
    Direction,
    ScoringMethod,
)
from emulation.models import ClusterAgreement, ScoreSheet
from emulation.selectors_clusters import (
    cluster_agreement_get_visible,
    cluster_get_visible,
    cluster_members_in,
    cluster_ranking_visible_to,
    score_sheet_get_visible,
    score_sheet_list_visible_to,
)
from emulation.services import (
    AdjustmentClaim,
    AdjustmentSpec,
    IndicatorScore,
    IndicatorSpec,
    agreement_sign,
    cluster_agreement_create,
    cluster_ranking_finalise,
    lead_proposal_record,
    score_sheet_check,
    score_sheet_submit,
)


def _year_members(context: dict[str, Any]) -> Iterable[Model]:
    """The units that were members of the agreement's cluster in its year."""
    agreement = context["agreement"]
    return cluster_members_in(agreement.cluster_id, agreement.year)


# --- input -------------------------------------------------------------------------------------


class ScoreSheetFilter(django_filters.FilterSet):
    # No filters: every sheet of the agreement, by unit name.

    class Meta:
        model = ScoreSheet
        fields: list[str] = []


class IndicatorSpecInput(serializers.Serializer):
    code = serializers.SlugField(max_length=60, error_messages=REQUIRED)
    name = serializers.CharField(max_length=500, error_messages=REQUIRED)
    max_points = points_field(help_text=_("The points for the indicator fully met."))
    weight = serializers.DecimalField(
        max_digits=6, decimal_places=2, default=1, help_text=_("Points count this many times.")
    )
    scoring_method = serializers.ChoiceField(
        choices=ScoringMethod.choices,
        error_messages=CHOICE,
        help_text=_("achieved, proportional, linear, bands or assessed."),
    )
    direction = serializers.ChoiceField(
        choices=Direction.choices, default=Direction.AT_LEAST, error_messages=CHOICE
    )
    target_value = decimal_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The target for every member; empty for each member's registered target."),
    )
    floor_value = decimal_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("For linear: the result that earns no points."),
    )
    bands = serializers.ListField(
        child=serializers.ListField(child=decimal_field(), min_length=2, max_length=2),
        required=False,
        default=list,
        help_text=_("For bands: [[threshold, points], ...], e.g. [[70, 10], [85, 15]]."),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AdjustmentSpecInput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=AdjustmentKind.choices, error_messages=CHOICE, help_text=_("bonus or penalty.")
    )
    code = serializers.SlugField(max_length=60, error_messages=REQUIRED)
    name = serializers.CharField(max_length=500, error_messages=REQUIRED)
    points = points_field(help_text=_("Points for each occurrence."))
    max_points = points_field(
        required=False, allow_null=True, default=None, help_text=_("At most this many in all.")
    )


class AgreementCreateInput(serializers.Serializer):
    year = serializers.IntegerField(error_messages=YEAR)
    title = serializers.CharField(max_length=300, error_messages=REQUIRED)
    indicators = IndicatorSpecInput(
        many=True, help_text=_("What is scored, in order; at least one.")
    )
    adjustments = AdjustmentSpecInput(many=True, required=False, default=list)
    leaders_to_propose = serializers.IntegerField(
        min_value=1, default=1, help_text=_("How many leading units the cluster proposes.")
    )
    tie_breaks = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text=_(
            "The rules that order equal totals, in order: fewer_penalties, more_bonus, "
            "more_indicators_met, indicator:<code>, women_majority[:pct], higher_women_share."
        ),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs["indicators"] = [IndicatorSpec(**row) for row in attrs["indicators"]]
        attrs["adjustments"] = [AdjustmentSpec(**row) for row in attrs.get("adjustments", [])]
        return attrs


class SignInput(serializers.Serializer):
    unit = ScopedRelatedField(
        select=units_visible_to,
        error_messages=REQUIRED,
        help_text=_("The member unit signing (an id)."),
    )
    signed_on = date_field()
    signatory = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=255,
        help_text=_("Who signed, with their title."),
    )
    targets = serializers.DictField(
        child=decimal_field(allow_null=True),
        required=False,
        default=dict,
        help_text=_(
            "The unit's registered target per indicator code (CL-01); required for each "
            "indicator scored against a target the agreement does not set."
        ),
    )


class IndicatorScoreInput(serializers.Serializer):
    result = decimal_field(
        required=False, allow_null=True, default=None, help_text=_("The result reached.")
    )
    points = points_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("For an assessed indicator: the points given."),
    )
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("The evidence, or why.")
    )


class AdjustmentClaimInput(serializers.Serializer):
    count = serializers.IntegerField(min_value=0, help_text=_("How many times it applies."))
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _scores(rows: dict[str, Any]) -> dict[str, IndicatorScore]:
    return {code: IndicatorScore(**row) for code, row in rows.items()}


def _claims(rows: dict[str, Any]) -> dict[str, AdjustmentClaim]:
    return {code: AdjustmentClaim(**row) for code, row in rows.items()}


class ScoresInput(serializers.Serializer):
    scores = serializers.DictField(
        child=IndicatorScoreInput(),
        required=False,
        default=dict,
        help_text=_('A line per indicator code: {"doan-vien": {"result": 50, "note": …}}.'),
    )
    adjustments = serializers.DictField(
        child=AdjustmentClaimInput(),
        required=False,
        default=dict,
        help_text=_('The bonus and penalty items that apply, per code: {"count": 1}.'),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs["scores"] = _scores(attrs.get("scores", {}))
        attrs["adjustments"] = _claims(attrs.get("adjustments", {}))
        return attrs


class ScoreSubmitInput(ScoresInput):
    unit = ScopedRelatedField(
        select=units_visible_to,
        error_messages=REQUIRED,
        help_text=_("The member unit assessing itself (an id)."),
    )


class LeadProposalInput(serializers.Serializer):
    units = serializers.ListField(
        child=ChildRefField(among=_year_members),
        help_text=_("The units proposed, in order (ids of the ranked members)."),
    )
    meeting_on = date_field(help_text=_("The day of the cluster's meeting."))
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
    reason = reason_field(
        _("Required when a unit ranked below the places the agreement allows is proposed.")
    )


# --- output ------------------------------------------------------------------------------------


class AgreementIndicatorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    sort_order = serializers.IntegerField()
    max_points = serializers.DecimalField(max_digits=9, decimal_places=2)
    weight = serializers.DecimalField(max_digits=6, decimal_places=2)
    scoring_method = serializers.CharField(
        help_text=_("achieved, proportional, linear, bands or assessed.")
    )
    scoring_method_label = label_of("scoring_method")
    direction = serializers.CharField()
    target_value = serializers.DecimalField(
        max_digits=18,
        decimal_places=2,
        allow_null=True,
        help_text=_("Empty when each member registers its own target."),
    )
    floor_value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    bands = serializers.JSONField(help_text=_("[[threshold, points], ...] for bands."))
    note = serializers.CharField()


class AgreementAdjustmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_("bonus or penalty."))
    kind_label = label_of("kind")
    code = serializers.CharField()
    name = serializers.CharField()
    points = serializers.DecimalField(max_digits=9, decimal_places=2)
    max_points = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)


class SignatureOutput(serializers.Serializer):
    id = serializers.IntegerField()
    unit = UnitRefOutput()
    signed_on = serializers.DateField()
    signatory = serializers.CharField()


class SignatureTargetOutput(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code", help_text=_("The code."))
    target_value = serializers.DecimalField(max_digits=18, decimal_places=2)


class SignatureDetailOutput(SignatureOutput):
    targets = SignatureTargetOutput(
        many=True, source="targets.all", help_text=_("The targets the unit registered.")
    )


class AgreementDetailOutput(serializers.Serializer):
    id = serializers.IntegerField()
    cluster = ClusterRefOutput()
    year = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField(help_text=_("open, ranked or proposed."))
    status_label = label_of("status")
    leaders_to_propose = serializers.IntegerField()
    tie_breaks = serializers.ListField(child=serializers.CharField())
    ranked_at = serializers.DateTimeField(allow_null=True)
    indicators = AgreementIndicatorOutput(many=True, source="indicators.all")
    adjustments = AgreementAdjustmentOutput(many=True, source="adjustments.all")
    signatures = SignatureOutput(many=True, source="signatures.all")
    created_at = serializers.DateTimeField()


class ScoreLineOutput(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code", help_text=_("The code."))
    indicator_name = serializers.CharField(source="indicator.name")
    target_value = serializers.DecimalField(
        max_digits=18,
        decimal_places=2,
        allow_null=True,
        help_text=_("The target the points were computed against."),
    )
    self_result = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    self_points = serializers.DecimalField(max_digits=9, decimal_places=2)
    evidence = serializers.CharField()
    checked_result = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    checked_points = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    check_note = serializers.CharField()


class ScoreAdjustmentLineOutput(serializers.Serializer):
    item = serializers.CharField(source="item.code", help_text=_("The code."))
    item_name = serializers.CharField(source="item.name")
    kind = serializers.CharField(source="item.kind", help_text=_("bonus or penalty."))
    self_count = serializers.IntegerField()
    self_points = serializers.DecimalField(
        max_digits=9, decimal_places=2, help_text=_("Negative for a penalty.")
    )
    evidence = serializers.CharField()
    checked_count = serializers.IntegerField(allow_null=True)
    checked_points = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    check_note = serializers.CharField()


class ScoreSheetOutput(serializers.Serializer):
    id = serializers.IntegerField()
    agreement_id = serializers.IntegerField()
    unit = UnitRefOutput()
    status = serializers.CharField(help_text=_("self_assessed, cross_checked or final."))
    status_label = label_of("status")
    self_total = serializers.DecimalField(max_digits=9, decimal_places=2)
    self_note = serializers.CharField()
    self_submitted_at = serializers.DateTimeField()
    checked_total = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    check_note = serializers.CharField()
    checking_unit = UnitRefOutput(allow_null=True, help_text=_("The unit that cross-checked."))
    checked_at = serializers.DateTimeField(allow_null=True)
    final_total = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    lines = ScoreLineOutput(many=True, source="lines.all")
    adjustment_lines = ScoreAdjustmentLineOutput(many=True, source="adjustment_lines.all")


class RankingEntryOutput(serializers.Serializer):
    position = serializers.IntegerField(help_text=_("1..n, no gaps."))
    rank = serializers.IntegerField(help_text=_("Shared by members no rule could separate."))
    unit = UnitRefOutput()
    score = serializers.DecimalField(max_digits=9, decimal_places=2)
    decided_by = serializers.CharField(
        help_text=_("What placed it below the member above: total, a tie-break rule, or tied.")
    )


class ProposedUnitOutput(serializers.Serializer):
    position = serializers.IntegerField()
    unit = UnitRefOutput()


class LeadProposalOutput(serializers.Serializer):
    id = serializers.IntegerField()
    meeting_on = serializers.DateField()
    minutes_number = serializers.CharField()
    minutes_file_name = serializers.CharField()
    reason = serializers.CharField()
    units = ProposedUnitOutput(many=True, source="units.all")
    recorded_by = UserRefOutput()
    created_at = serializers.DateTimeField()


class RankingOutput(serializers.Serializer):
    agreement = AgreementRefOutput()
    ranked_at = serializers.DateTimeField(allow_null=True)
    leaders_to_propose = serializers.IntegerField()
    entries = RankingEntryOutput(many=True, help_text=_("Empty until the ranking is final."))
    lead_proposal = LeadProposalOutput(allow_null=True)


# --- agreements --------------------------------------------------------------------------------


def _agreement_detail(request: Request, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    agreement = cluster_agreement_get_visible(request.user, pk)
    return Response(AgreementDetailOutput(agreement).data, status=code)


class AgreementCreateApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The head unit of the year (or the forming unit) draws up the cluster's agreement: "
            "indicators with their points, weight and scoring method, bonus and penalty items, "
            "how many leading units to propose and the tie-break rules. Every rule is checked "
            "now: rule_invalid lists the problems per indicator."
        ),
        request=AgreementCreateInput,
        responses=write_responses(AgreementDetailOutput, created=True),
    )
    def post(self, request: Request, pk: int) -> Response:
        cluster = cluster_get_visible(request.user, pk)
        data = validated(AgreementCreateInput, request)
        agreement = cluster_agreement_create(actor=request.user, cluster=cluster, **data)
        return _agreement_detail(request, agreement.pk, code=status.HTTP_201_CREATED)


class AgreementDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One agreement with its indicators, bonus and penalty items and who has signed."
        ),
        responses=responses(AgreementDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _agreement_detail(request, pk)


class AgreementSignApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "A member signs the agreement with the targets it registers (CL-01), by indicator "
            "code; each target is checked against its indicator's scoring method."
        ),
        request=SignInput,
        responses=write_responses(SignatureDetailOutput, created=True),
    )
    def post(self, request: Request, pk: int) -> Response:
        agreement = cluster_agreement_get_visible(request.user, pk)
        data = validated(SignInput, request)
        signature = agreement_sign(actor=request.user, agreement=agreement, **data)
        return Response(SignatureDetailOutput(signature).data, status=status.HTTP_201_CREATED)


# --- score sheets, ranking, proposal -----------------------------------------------------------


def _sheet_detail(request: Request, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    sheet = score_sheet_get_visible(request.user, pk)
    return Response(ScoreSheetOutput(sheet).data, status=code)


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "The agreement's score sheets with their lines: the claims and the cross-check. "
            "Internal to the cluster: a 404 for a reader outside the units that were members "
            "that year (and the forming unit)."
        ),
        responses=responses(ScoreSheetOutput(many=True), 400, 401, 404),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "A member that signed assesses itself: a line for every indicator (the result, or "
            "the points of an assessed indicator, with the evidence) and the bonus and penalty "
            "items that apply. Points are computed against its own registered target. Sending "
            "it again replaces it, until the cluster cross-checks it (409 after)."
        ),
        request=ScoreSubmitInput,
        responses=write_responses(ScoreSheetOutput, created=True),
    ),
)
class ScoreSheetListApi(SelectorListApi):
    serializer_class = ScoreSheetOutput
    filterset_class = ScoreSheetFilter

    def agreement(self) -> ClusterAgreement:
        return cluster_agreement_get_visible(self.request.user, self.kwargs["pk"])

    def select(self, **filters: Any) -> QuerySet[ScoreSheet]:
        return score_sheet_list_visible_to(self.request.user, self.agreement())

    def post(self, request: Request, pk: int) -> Response:
        agreement = self.agreement()
        data = validated(ScoreSubmitInput, request)
        sheet = score_sheet_submit(actor=request.user, agreement=agreement, **data)
        return _sheet_detail(request, sheet.pk, code=status.HTTP_201_CREATED)


class ScoreSheetDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One score sheet. Internal to the cluster: a 404 outside the members of its year."
        ),
        responses=responses(ScoreSheetOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _sheet_detail(request, pk)


class ScoreSheetCheckApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The cluster cross-checks a member's sheet: the head unit's staff (the deputy's for "
            "the head's own sheet) or the forming unit's; never the unit's own. Lines not sent "
            "are kept as claimed; a line sent replaces the claim, with the checker's note."
        ),
        request=ScoresInput,
        responses=write_responses(ScoreSheetOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        sheet = score_sheet_get_visible(request.user, pk)
        data = validated(ScoresInput, request)
        score_sheet_check(actor=request.user, sheet=sheet, **data)
        return _sheet_detail(request, pk)


def _ranking(request: Request, agreement: ClusterAgreement) -> Response:
    entries = cluster_ranking_visible_to(request.user, agreement)
    body = {
        "agreement": agreement,
        "ranked_at": agreement.ranked_at,
        "leaders_to_propose": agreement.leaders_to_propose,
        "entries": entries,
        "lead_proposal": getattr(agreement, "lead_proposal", None),
    }
    return Response(RankingOutput(body).data)


class RankingApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The final ranking of the agreement's year, each place with the rule that decided "
            "it, and the proposal of the leading units once recorded. Internal to the cluster: "
            "a 404 outside the members of that year."
        ),
        responses=responses(RankingOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _ranking(request, cluster_agreement_get_visible(request.user, pk))


class RankingFinaliseApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Rank the members that signed by their cross-checked scores and the agreement's "
            "tie-breaks, and make it final: it is never recomputed. Refused with "
            "sheets_missing until every signatory's sheet is cross-checked; 409 once final."
        ),
        request=None,
        responses=write_responses(RankingOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        agreement = cluster_agreement_get_visible(request.user, pk)
        cluster_ranking_finalise(actor=request.user, agreement=agreement)
        return _ranking(request, cluster_agreement_get_visible(request.user, pk))


class LeadProposalApi(APIView):
    parser_classes = PARSERS

    @extend_schema(
        tags=TAGS,
        description=_(
            "Record the units the cluster proposes as its leaders (suy tôn), in order, with the "
            "meeting's minutes (number, signed file in multipart, or both; CL-03). At most the "
            "agreement's number; a unit ranked below it needs written reasons."
        ),
        request=LeadProposalInput,
        responses=write_responses(LeadProposalOutput, created=True),
    )
    def post(self, request: Request, pk: int) -> Response:
        agreement = cluster_agreement_get_visible(request.user, pk)
        data = validated(LeadProposalInput, request, agreement=agreement)
        proposal = lead_proposal_record(actor=request.user, agreement=agreement, **data)
        return Response(LeadProposalOutput(proposal).data, status=status.HTTP_201_CREATED)
