"""Emulation campaigns (phong trào thi đua) (issue 4 §5): the launching unit's staff drafts a
campaign for the units under it, adds its phases, target indicators, planned awards and
reporting calendar while it is a draft, launches it, moves it on and closes it.

Every write is one service call (emulation.services) on a campaign first looked up through the
reader's scope (emulation.selectors), so one outside it is a 404; one the reader sees but may not
act on is a 403 from the service, and a step no longer possible a 409. What the launching unit
follows is in api/campaign_progress.py; registrations and reports in api/registrations.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import django_filters
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.emulation_fields import (
    NUMBER,
    ChildRefField,
    PlainChoiceField,
    date_field,
    decimal_field,
    part_of,
)
from api.filters import id_filter, year_filter
from api.nominations import (
    CHOICE,
    REQUIRED,
    AwardRefOutput,
    ScopedRelatedField,
    UserRefOutput,
    award_types,
    units_visible_to,
    validated,
    write_responses,
)
from emulation.choices import (
    CampaignScope,
    CampaignStatus,
    Direction,
    Measure,
    ReportingKind,
    Rollup,
)
from emulation.models import Campaign
from emulation.selectors import (
    campaign_get_visible,
    campaign_list_visible_to,
)
from emulation.services import (
    campaign_close,
    campaign_create,
    campaign_launch,
    campaign_phase_remove,
    campaign_phase_save,
    campaign_start,
    campaign_update,
    planned_award_remove,
    planned_award_save,
    reporting_period_remove,
    reporting_period_save,
    target_indicator_remove,
    target_indicator_save,
)
from organizations.models import UnitLevel

TAGS = ["emulation campaigns"]

# --- input -------------------------------------------------------------------------------------


class CampaignFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=CampaignStatus.choices,
        help_text=_("draft, launched, in_progress or closed."),
    )
    year = year_filter(help_text=_("Only the campaigns running in this year."))
    launching_unit = id_filter(help_text=_("Only the campaigns of this unit (a unit id)."))
    search = django_filters.CharFilter(help_text=_("Part of the name, theme or plan number."))

    class Meta:
        model = Campaign
        fields: list[str] = []


class CampaignUpdateInput(serializers.Serializer):
    # What a campaign lets its launching unit change; who takes part and the start only while it
    # is a draft. Only the fields sent change.
    name = serializers.CharField(max_length=300, error_messages=REQUIRED)
    theme = serializers.CharField(required=False, allow_blank=True)
    plan_number = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=80,
        help_text=_("The plan that launches it, e.g. 05/KH-LĐLĐ."),
    )
    plan_date = date_field(required=False, allow_null=True)
    starts_on = date_field()
    ends_on = date_field()
    scope = PlainChoiceField(
        choices=CampaignScope.choices,
        required=False,
        error_messages=CHOICE,
        help_text=_("subtree (the units under the launching unit) or chosen_units."),
    )
    participant_levels = serializers.SlugRelatedField(
        slug_field="code",
        queryset=UnitLevel.objects.all(),
        many=True,
        required=False,
        help_text=_(
            "For a subtree campaign: the codes of the levels whose units take part; none for "
            "the launching unit's direct sub-units."
        ),
    )
    participants = ScopedRelatedField(
        select=units_visible_to,
        many=True,
        required=False,
        help_text=_("For a campaign for chosen units: the units taking part (ids)."),
    )
    registration_deadline = date_field(required=False, allow_null=True)


class CampaignPatchInput(CampaignUpdateInput):
    name = serializers.CharField(max_length=300, required=False, error_messages=REQUIRED)
    starts_on = date_field(required=False)
    ends_on = date_field(required=False)
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Why it changes, for the history.")
    )


class CampaignCreateInput(CampaignUpdateInput):
    launching_unit = ScopedRelatedField(
        select=units_visible_to,
        error_messages=REQUIRED,
        help_text=_("The unit that launches the campaign for the units under it (an id)."),
    )


class CampaignCloseInput(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("How the campaign ended, for the record."),
    )


class RemoveInput(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Why, for the history.")
    )


class PhaseInput(serializers.Serializer):
    number = serializers.IntegerField(min_value=1, error_messages=NUMBER)
    name = serializers.CharField(max_length=255, error_messages=REQUIRED)
    theme = serializers.CharField(required=False, allow_blank=True, default="")
    starts_on = date_field()
    ends_on = date_field()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class IndicatorInput(serializers.Serializer):
    code = serializers.SlugField(
        max_length=60,
        error_messages=REQUIRED,
        help_text=_("A short code the units report against, e.g. doan-vien-moi."),
    )
    name = serializers.CharField(max_length=500, error_messages=REQUIRED)
    measure = serializers.ChoiceField(
        choices=Measure.choices,
        error_messages=CHOICE,
        help_text=_("count, percent, money (VND) or yes_no."),
    )
    target_value = decimal_field(help_text=_("The campaign's target."))
    direction = serializers.ChoiceField(
        choices=Direction.choices,
        default=Direction.AT_LEAST,
        error_messages=CHOICE,
        help_text=_("How the value compares with the target: at_least, more_than, ..."),
    )
    level = serializers.SlugRelatedField(
        slug_field="code",
        queryset=UnitLevel.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The code of the level whose units report it; empty for every unit."),
    )
    rollup = serializers.ChoiceField(
        choices=Rollup.choices,
        default=Rollup.SUM,
        error_messages=CHOICE,
        help_text=_("How the units' values add up: sum, average or share_meeting."),
    )
    unit_threshold = decimal_field(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("For share_meeting: what each unit must reach, e.g. 1 for yes."),
    )
    unit_direction = PlainChoiceField(
        choices=Direction.choices,
        default=Direction.AT_LEAST,
        error_messages=CHOICE,
        help_text=_("How a unit's value compares with the threshold, as direction."),
    )
    sort_order = serializers.IntegerField(min_value=0, default=0)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PlannedAwardInput(serializers.Serializer):
    award_type = ScopedRelatedField(
        select=award_types, error_messages=REQUIRED, help_text=_("The award (an id).")
    )
    planned_count = serializers.IntegerField(
        min_value=1, error_messages=NUMBER, help_text=_("How many are planned.")
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


def _phases(context: dict[str, Any]) -> Iterable[Model]:
    return context["campaign"].phases.all()


class ReportingPeriodInput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ReportingKind.choices,
        error_messages=CHOICE,
        help_text=_("phase, half_year or year."),
    )
    phase = ChildRefField(
        among=_phases,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("For a phase report: the phase (an id of this campaign's phases)."),
    )
    name = serializers.CharField(max_length=255, error_messages=REQUIRED)
    starts_on = date_field()
    ends_on = date_field()
    due_on = date_field(help_text=_("The last day the report is on time."))
    reason = serializers.CharField(required=False, allow_blank=True, default="")


# --- output ------------------------------------------------------------------------------------


class CodeNameOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CampaignRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    launching_unit_id = serializers.IntegerField()


class CampaignListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    theme = serializers.CharField()
    launching_unit = UnitRefOutput()
    plan_number = serializers.CharField(help_text=_("The plan that launched it."))
    plan_date = serializers.DateField(allow_null=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    # Plain strings: an enum here would clash with the statuses of other resources.
    status = serializers.CharField(help_text=_("draft, launched, in_progress or closed."))
    status_label = label_of("status")
    scope = serializers.CharField(help_text=_("subtree or chosen_units."))
    scope_label = label_of("scope")
    registration_deadline = serializers.DateField(allow_null=True)
    launched_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


class PhaseOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()
    theme = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class IndicatorOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    measure = serializers.CharField(help_text=_("count, percent, money or yes_no."))
    measure_label = label_of("measure")
    direction = serializers.CharField(help_text=_("at_least, more_than, at_most or less_than."))
    direction_label = label_of("direction")
    target_value = serializers.DecimalField(max_digits=18, decimal_places=2)
    level = CodeNameOutput(allow_null=True, help_text=_("Reported by units of this level."))
    rollup = serializers.CharField(help_text=_("sum, average or share_meeting."))
    rollup_label = label_of("rollup")
    unit_threshold = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    unit_direction = serializers.CharField()
    sort_order = serializers.IntegerField()
    note = serializers.CharField()


class PlannedAwardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    award = AwardRefOutput(source="award_type")
    planned_count = serializers.IntegerField()
    note = serializers.CharField()


class PhaseRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    name = serializers.CharField()


class ReportingPeriodOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField(help_text=_("phase, half_year or year."))
    kind_label = label_of("kind")
    phase = PhaseRefOutput(allow_null=True)
    name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    due_on = serializers.DateField(help_text=_("The last day a report is on time."))


class CampaignDetailOutput(CampaignListOutput):
    participant_levels = CodeNameOutput(many=True, source="participant_levels.all")
    participants = UnitRefOutput(many=True, source="participants.all")
    closing_note = serializers.CharField()
    phases = PhaseOutput(many=True, source="phases.all")
    indicators = IndicatorOutput(many=True, source="indicators.all")
    planned_awards = PlannedAwardOutput(many=True, source="planned_awards.all")
    reporting_periods = ReportingPeriodOutput(many=True, source="reporting_periods.all")
    created_by = UserRefOutput()
    created_at = serializers.DateTimeField()


# --- campaigns ---------------------------------------------------------------------------------


def _campaign_detail(request: Request, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    """The campaign as it is now, read again through the reader's scope with all its parts."""
    campaign = campaign_get_visible(request.user, pk)
    return Response(CampaignDetailOutput(campaign).data, status=code)


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "Campaigns the reader sees: those of the units they may read, and once launched "
            "those their units take part in; the latest first."
        ),
        responses=responses(CampaignListOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "The launching unit's staff drafts a campaign for the units under it; then adds its "
            "phases, indicators, planned awards and reporting periods, and launches it."
        ),
        request=CampaignCreateInput,
        responses=write_responses(CampaignDetailOutput, created=True),
    ),
)
class CampaignListApi(SelectorListApi):
    serializer_class = CampaignListOutput
    filterset_class = CampaignFilter

    def select(self, **filters: Any) -> QuerySet[Campaign]:
        return campaign_list_visible_to(self.request.user, **filters)

    def post(self, request: Request) -> Response:
        data = validated(CampaignCreateInput, request)
        campaign = campaign_create(actor=request.user, **data)
        return _campaign_detail(request, campaign.pk, code=status.HTTP_201_CREATED)


class CampaignDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One campaign with its legal basis, who takes part, its phases, target indicators, "
            "planned awards and reporting calendar."
        ),
        responses=responses(CampaignDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _campaign_detail(request, pk)

    @extend_schema(
        tags=TAGS,
        description=_(
            "Change a campaign that is not closed. Who takes part and its start change only "
            "while it is a draft (409 after). Only the fields sent change."
        ),
        request=CampaignPatchInput,
        responses=write_responses(CampaignDetailOutput),
    )
    def patch(self, request: Request, pk: int) -> Response:
        campaign = campaign_get_visible(request.user, pk)
        data = validated(CampaignPatchInput, request, partial=True)
        campaign_update(actor=request.user, campaign=campaign, **data)
        return _campaign_detail(request, pk)


class CampaignLaunchApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Launch a draft: the units taking part may now register and report. Its "
            "participants and indicators are then fixed."
        ),
        request=None,
        responses=write_responses(CampaignDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        campaign = campaign_get_visible(request.user, pk)
        campaign_launch(actor=request.user, campaign=campaign)
        return _campaign_detail(request, pk)


class CampaignStartApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Mark a launched campaign as in progress: registration is over (late ones still "
            "count) and units report."
        ),
        request=None,
        responses=write_responses(CampaignDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        campaign = campaign_get_visible(request.user, pk)
        campaign_start(actor=request.user, campaign=campaign)
        return _campaign_detail(request, pk)


class CampaignCloseApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Close the campaign (a draft that will not be launched, too): nothing more is "
            "registered or reported. 409 once closed."
        ),
        request=CampaignCloseInput,
        responses=write_responses(CampaignDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        campaign = campaign_get_visible(request.user, pk)
        data = validated(CampaignCloseInput, request)
        campaign_close(actor=request.user, campaign=campaign, **data)
        return _campaign_detail(request, pk)


# --- the parts of a draft: phases, indicators, planned awards, reporting periods ---------------


@dataclass(frozen=True)
class CampaignPart:
    """A kind of part of a draft campaign: its input and output, the campaign's related name,
    the services that save and remove one, and the argument that names it in them."""

    input_class: type[serializers.Serializer]
    output_class: type[serializers.Serializer]
    related: str
    argument: str
    save: Callable[..., Any]
    remove: Callable[..., None]


PHASE = CampaignPart(
    PhaseInput, PhaseOutput, "phases", "phase", campaign_phase_save, campaign_phase_remove
)
INDICATOR = CampaignPart(
    IndicatorInput,
    IndicatorOutput,
    "indicators",
    "indicator",
    target_indicator_save,
    target_indicator_remove,
)
PLANNED_AWARD = CampaignPart(
    PlannedAwardInput,
    PlannedAwardOutput,
    "planned_awards",
    "planned_award",
    planned_award_save,
    planned_award_remove,
)
REPORTING_PERIOD = CampaignPart(
    ReportingPeriodInput,
    ReportingPeriodOutput,
    "reporting_periods",
    "period",
    reporting_period_save,
    reporting_period_remove,
)


class CampaignPartAddApi(APIView):
    """Adds a part to a draft campaign."""

    part: CampaignPart

    def post(self, request: Request, pk: int) -> Response:
        campaign = campaign_get_visible(request.user, pk)
        data = validated(self.part.input_class, request, campaign=campaign)
        saved = self.part.save(actor=request.user, campaign=campaign, **data)
        return Response(self.part.output_class(saved).data, status=status.HTTP_201_CREATED)


class CampaignPartApi(APIView):
    """Changes (PUT, every field sent) or removes (DELETE) one part of a draft campaign; a part
    of another campaign is not found."""

    part: CampaignPart

    def _part_of(self, campaign: Campaign, item_pk: int) -> Any:
        return part_of(getattr(campaign, self.part.related).all(), item_pk)

    def put(self, request: Request, pk: int, item_pk: int) -> Response:
        campaign = campaign_get_visible(request.user, pk)
        item = self._part_of(campaign, item_pk)
        data = validated(self.part.input_class, request, campaign=campaign)
        saved = self.part.save(
            actor=request.user, campaign=campaign, **{self.part.argument: item}, **data
        )
        return Response(self.part.output_class(saved).data)

    def delete(self, request: Request, pk: int, item_pk: int) -> Response:
        campaign = campaign_get_visible(request.user, pk)
        item = self._part_of(campaign, item_pk)
        data = RemoveInput(data=request.data or request.query_params)
        data.is_valid(raise_exception=True)
        self.part.remove(actor=request.user, **{self.part.argument: item}, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


_REMOVED = {
    204: OpenApiResponse(description=_("Removed.")),
    **{code: answer for code, answer in write_responses(None).items() if code != 200},
}
_REASON_PARAMETER = OpenApiParameter(
    "reason", OpenApiTypes.STR, description=_("Why it is removed, for the history.")
)


def _add_schema(part: CampaignPart, description: Any) -> Any:
    return extend_schema_view(
        post=extend_schema(
            tags=TAGS,
            description=description,
            request=part.input_class,
            responses=write_responses(part.output_class, created=True),
        )
    )


def _part_schema(part: CampaignPart, change: Any, remove: Any) -> Any:
    return extend_schema_view(
        put=extend_schema(
            tags=TAGS,
            description=change,
            request=part.input_class,
            responses=write_responses(part.output_class),
        ),
        delete=extend_schema(
            tags=TAGS,
            description=remove,
            parameters=[_REASON_PARAMETER],
            request=None,
            responses=_REMOVED,
        ),
    )


@_add_schema(PHASE, _("Add a phase (đợt) with its dates, within the campaign's period."))
class PhaseAddApi(CampaignPartAddApi):
    part = PHASE


@_part_schema(
    PHASE,
    _("Change a phase of a draft campaign (send every field)."),
    _(
        "Remove a phase of a draft campaign that no reporting period names. The reason may "
        "also be sent in a JSON body."
    ),
)
class PhaseApi(CampaignPartApi):
    part = PHASE


@_add_schema(
    INDICATOR,
    _(
        "Add a target indicator (chỉ tiêu): what the units report, the campaign's target and "
        "how the units' values add up to it."
    ),
)
class IndicatorAddApi(CampaignPartAddApi):
    part = INDICATOR


@_part_schema(
    INDICATOR,
    _("Change a target indicator of a draft campaign (send every field)."),
    _("Remove a target indicator of a draft campaign. The reason may also be sent in a body."),
)
class IndicatorApi(CampaignPartApi):
    part = INDICATOR


@_add_schema(PLANNED_AWARD, _("Plan a number of an award for a draft campaign."))
class PlannedAwardAddApi(CampaignPartAddApi):
    part = PLANNED_AWARD


@_part_schema(
    PLANNED_AWARD,
    _("Change a planned award of a draft campaign (send every field)."),
    _("Remove a planned award of a draft campaign. The reason may also be sent in a body."),
)
class PlannedAwardApi(CampaignPartApi):
    part = PLANNED_AWARD


@_add_schema(
    REPORTING_PERIOD,
    _("Add a reporting period (a phase, six-monthly or yearly report) and its due date."),
)
class ReportingPeriodAddApi(CampaignPartAddApi):
    part = REPORTING_PERIOD


@_part_schema(
    REPORTING_PERIOD,
    _(
        "Change a reporting period (send every field). Once the campaign is launched only its "
        "name and due date may change: a deadline extended, on record."
    ),
    _(
        "Remove a reporting period of a draft campaign that has no report. The reason may also "
        "be sent in a body."
    ),
)
class ReportingPeriodApi(CampaignPartApi):
    part = REPORTING_PERIOD
