"""What the launching unit follows in a campaign (issue 4 §5): each target rolled up over the
units reporting it, and who has not registered or reported, or did so late.

Reads only: each answer comes from one selector of emulation.selectors, through the reader's
scope; a campaign, period or unit outside it is a 404.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import UnitRefOutput, responses
from api.campaigns import TAGS, CampaignRefOutput, IndicatorOutput, ReportingPeriodOutput
from api.emulation_fields import RowListApi, part_of
from api.filters import IdFilter, YearFilter, parse_filters
from emulation.choices import DeadlineState
from emulation.models import Campaign
from emulation.selectors import (
    DeadlineRow,
    IndicatorRollupRow,
    campaign_get_visible,
    campaign_rollup,
    progress_report_list_late,
    progress_report_list_missing,
    registration_list_late,
    registration_list_missing,
)
from organizations.selectors import unit_get_visible


def this_year_within(campaign: Campaign) -> int:
    """The current year, or the campaign's nearest year when it does not run this year."""
    years = campaign.years
    return min(max(timezone.localdate().year, years[0]), years[-1])


# --- input -------------------------------------------------------------------------------------


class ProgressFilter(django_filters.FilterSet):
    period = IdFilter(
        required=True, help_text=_("The reporting period (an id of the campaign's periods).")
    )
    under = IdFilter(
        help_text=_("Only the units under this unit (a unit id); the whole campaign when absent.")
    )

    class Meta:
        model = Campaign
        fields: list[str] = []


class RegistrationDeadlineFilter(django_filters.FilterSet):
    year = YearFilter(help_text=_("The year registered for; this year when absent."))
    as_of = django_filters.DateFilter(
        help_text=_("Read the list as it stood on this day; today when absent.")
    )

    class Meta:
        model = Campaign
        fields: list[str] = []


class ReportDeadlineFilter(django_filters.FilterSet):
    period = IdFilter(
        required=True, help_text=_("The reporting period (an id of the campaign's periods).")
    )
    as_of = django_filters.DateFilter(
        help_text=_("Read the list as it stood on this day; today when absent.")
    )

    class Meta:
        model = Campaign
        fields: list[str] = []


# --- output ------------------------------------------------------------------------------------


class RollupOutput(serializers.Serializer):
    value = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        allow_null=True,
        help_text=_("The rolled-up value; empty while no unit has reported."),
    )
    reported = serializers.IntegerField(help_text=_("Units that gave a value."))
    expected = serializers.IntegerField(help_text=_("Units expected to give one."))
    meeting = serializers.IntegerField(
        allow_null=True, help_text=_("For share_meeting: the units meeting the unit threshold.")
    )
    target_met = serializers.BooleanField(
        allow_null=True, help_text=_("Empty while there is no value.")
    )
    is_complete = serializers.BooleanField(help_text=_("Every unit expected has reported."))


class ProgressRowOutput(serializers.Serializer):
    indicator = IndicatorOutput()
    result = RollupOutput()


class ProgressOutput(serializers.Serializer):
    campaign = CampaignRefOutput()
    period = ReportingPeriodOutput()
    under = UnitRefOutput(help_text=_("The unit whose subtree is rolled up."))
    indicators = ProgressRowOutput(many=True)


class DeadlineRowOutput(serializers.Serializer):
    unit = UnitRefOutput()
    state = serializers.CharField(help_text=_("on_time, late, overdue or not_yet_due."))
    state_label = serializers.SerializerMethodField()
    filed_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When it was first filed; empty while it is missing.")
    )
    record_id = serializers.SerializerMethodField(
        help_text=_("The registration or report filed, when there is one.")
    )

    def get_state_label(self, row: DeadlineRow) -> str:
        return str(DeadlineState(row.state).label)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_record_id(self, row: DeadlineRow) -> int | None:
        return row.record.pk if row.record is not None else None


# --- what the launching unit follows -------------------------------------------------------------


class CampaignProgressApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Each target rolled up over the units reporting it in a period, against the "
            "campaign's target: the value, how many units reported of those expected, and "
            "whether the target is met. A unit that has not reported never improves a share."
        ),
        parameters=[
            OpenApiParameter(
                "period",
                OpenApiTypes.INT,
                required=True,
                description=_("The reporting period (an id of the campaign's periods)."),
            ),
            OpenApiParameter(
                "under",
                OpenApiTypes.INT,
                description=_(
                    "Only the units under this unit (a unit id); the whole campaign when absent."
                ),
            ),
        ],
        responses=responses(ProgressOutput, 400, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        filters = parse_filters(ProgressFilter, request)
        campaign = campaign_get_visible(request.user, pk)
        period = part_of(campaign.reporting_periods.all(), filters["period"])
        under = unit_get_visible(request.user, filters["under"]) if "under" in filters else None
        rows: list[IndicatorRollupRow] = campaign_rollup(
            request.user, campaign, period, under=under
        )
        body = {
            "campaign": campaign,
            "period": period,
            "under": under or campaign.launching_unit,
            "indicators": rows,
        }
        return Response(ProgressOutput(body).data)


class CampaignDeadlineListApi(RowListApi):
    serializer_class = DeadlineRowOutput

    def campaign(self) -> Campaign:
        return campaign_get_visible(self.request.user, self.kwargs["pk"])


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "The units taking part (those the reader follows) that have not registered for the "
            "year: overdue once the registration deadline has passed, not yet due before."
        ),
        responses=responses(DeadlineRowOutput(many=True), 400, 401, 404),
    )
)
class RegistrationMissingApi(CampaignDeadlineListApi):
    filterset_class = RegistrationDeadlineFilter

    def rows(self, **filters: Any) -> list[DeadlineRow]:
        campaign = self.campaign()
        year = filters.get("year") or this_year_within(campaign)
        return registration_list_missing(
            self.request.user, campaign, year, as_of=filters.get("as_of")
        )


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_("The units taking part that registered for the year after the deadline."),
        responses=responses(DeadlineRowOutput(many=True), 400, 401, 404),
    )
)
class RegistrationLateApi(CampaignDeadlineListApi):
    filterset_class = RegistrationDeadlineFilter

    def rows(self, **filters: Any) -> list[DeadlineRow]:
        campaign = self.campaign()
        year = filters.get("year") or this_year_within(campaign)
        return registration_list_late(self.request.user, campaign, year, as_of=filters.get("as_of"))


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "The units taking part (those the reader follows) without a report for the period: "
            "overdue once its due date has passed, not yet due before."
        ),
        responses=responses(DeadlineRowOutput(many=True), 400, 401, 404),
    )
)
class ReportMissingApi(CampaignDeadlineListApi):
    filterset_class = ReportDeadlineFilter

    def rows(self, **filters: Any) -> list[DeadlineRow]:
        period = part_of(self.campaign().reporting_periods.all(), filters["period"])
        return progress_report_list_missing(self.request.user, period, as_of=filters.get("as_of"))


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_("The units taking part that reported for the period after its due date."),
        responses=responses(DeadlineRowOutput(many=True), 400, 401, 404),
    )
)
class ReportLateApi(CampaignDeadlineListApi):
    filterset_class = ReportDeadlineFilter

    def rows(self, **filters: Any) -> list[DeadlineRow]:
        period = part_of(self.campaign().reporting_periods.all(), filters["period"])
        return progress_report_list_late(self.request.user, period, as_of=filters.get("as_of"))
