"""Registrations (đăng ký thi đua) for emulation campaigns and the units' progress reports
(issue 4 §5).

A unit's staff registers it (or one of its people) for a launched campaign and a year with the
targets and titles it commits to; the unit it is filed with acknowledges it or returns it with
the reasons, and the unit files it again. The units taking part report their values per period
with evidence files; filing again corrects a report and keeps its first filing time.

Every write is one service call (emulation.services) on an object first looked up through the
reader's scope (emulation.selectors): one outside it is a 404, one the reader may not act on a
403 from the service, a step no longer possible a 409. Campaigns themselves are in
api/campaigns.py.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import PersonRefOutput, SelectorListApi, UnitRefOutput, label_of, responses
from api.campaigns import CampaignRefOutput
from api.emulation_fields import decimal_field, reason_field
from api.filters import id_filter, year_filter
from api.nominations import (
    FILE,
    REQUIRED,
    YEAR,
    AwardRefOutput,
    ScopedRelatedField,
    UserRefOutput,
    award_types,
    people_visible_to,
    units_visible_to,
    validated,
    write_responses,
)
from emulation.choices import RegistrationStatus
from emulation.models import Campaign, ProgressReport, Registration, ReportingPeriod
from emulation.selectors import (
    campaign_list_visible_to,
    progress_report_get_visible,
    progress_report_list_visible_to,
    registration_get_visible,
    registration_list_visible_to,
    reporting_period_list_visible_to,
)
from emulation.services import (
    progress_report_submit,
    registration_acknowledge,
    registration_return,
    registration_submit,
)

TAGS = ["emulation registrations and reports"]
# JSON, or multipart when evidence files come with the fields.
PARSERS = [JSONParser, MultiPartParser, FormParser]


def campaigns_visible_to(user: Any) -> QuerySet[Campaign]:
    return campaign_list_visible_to(user)


def periods_visible_to(user: Any) -> QuerySet[ReportingPeriod]:
    return reporting_period_list_visible_to(user)


# --- input -------------------------------------------------------------------------------------


class RegistrationFilter(django_filters.FilterSet):
    campaign = id_filter(help_text=_("Only the registrations for this campaign (an id)."))
    year = year_filter(help_text=_("The year registered for."))
    status = django_filters.ChoiceFilter(
        choices=RegistrationStatus.choices, help_text=_("submitted, acknowledged or returned.")
    )
    unit = id_filter(help_text=_("Only those filed by this unit (a unit id)."))
    reviewing_unit = id_filter(
        help_text=_("Only those filed with this unit for acknowledgement (a unit id).")
    )

    class Meta:
        model = Registration
        fields: list[str] = []


class TitleInput(serializers.Serializer):
    award_type = ScopedRelatedField(
        select=award_types,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("An award of the catalogue (an id), or empty with a named title."),
    )
    title = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=255,
        help_text=_("A title not in the catalogue, e.g. Tập thể lao động xuất sắc."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("award_type") is None and not attrs.get("title", "").strip():
            raise serializers.ValidationError(
                {"title": [_("Name the award (award_type) or write the title.")]}
            )
        return attrs


class CommitmentInput(serializers.Serializer):
    commitment = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("What the unit commits to.")
    )
    targets = serializers.DictField(
        child=decimal_field(),
        required=False,
        default=dict,
        help_text=_('The committed target per indicator code, e.g. {"doan-vien-moi": 900}.'),
    )
    titles = TitleInput(many=True, required=False, default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # The service takes an award or a named title for each title aimed for.
        attrs["titles"] = [row["award_type"] or row["title"] for row in attrs.get("titles", [])]
        return attrs


class RegistrationCreateInput(CommitmentInput):
    campaign = ScopedRelatedField(
        select=campaigns_visible_to, error_messages=REQUIRED, help_text=_("The campaign (an id).")
    )
    year = serializers.IntegerField(error_messages=YEAR, help_text=_("The year registered for."))
    unit = ScopedRelatedField(
        select=units_visible_to,
        error_messages=REQUIRED,
        help_text=_("The registering unit; for a person, the unit they belong to (an id)."),
    )
    person = ScopedRelatedField(
        select=people_visible_to,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The person registering (an id); empty for the unit itself."),
    )


class ReturnInput(serializers.Serializer):
    reason = reason_field(_("Required: what the unit must change before filing it again."))


class ProgressReportFilter(django_filters.FilterSet):
    campaign = id_filter(help_text=_("Only the reports for this campaign (an id)."))
    period = id_filter(help_text=_("Only the reports for this reporting period (an id)."))
    unit = id_filter(help_text=_("Only the reports of this unit (a unit id)."))

    class Meta:
        model = ProgressReport
        fields: list[str] = []


class ProgressReportInput(serializers.Serializer):
    period = ScopedRelatedField(
        select=periods_visible_to,
        error_messages=REQUIRED,
        help_text=_("The reporting period (an id, from the campaign's reporting_periods)."),
    )
    unit = ScopedRelatedField(
        select=units_visible_to, error_messages=REQUIRED, help_text=_("The reporting unit.")
    )
    values = serializers.DictField(
        child=decimal_field(allow_null=True),
        required=False,
        default=dict,
        help_text=_(
            "The value per indicator code: counts and amounts whole, percentages 0-100, yes/no "
            "1 or 0; null for nothing to report yet. In multipart: values.<code>=<value>."
        ),
    )
    notes = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text=_("An explanation per indicator code, where useful."),
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, error_messages=FILE),
        required=False,
        default=list,
        help_text=_("Evidence files (multipart): PDF, Word, Excel, OpenDocument, JPEG or PNG."),
    )


class EvidenceInput(serializers.Serializer):
    # Empty files reach the service, which explains the refusal in the dossier's own words.
    file = serializers.FileField(allow_empty_file=True, error_messages=FILE)


# --- output ------------------------------------------------------------------------------------


class RegistrationListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    campaign = CampaignRefOutput()
    year = serializers.IntegerField()
    unit = UnitRefOutput(help_text=_("The registering unit, or the person's unit."))
    person = PersonRefOutput(allow_null=True)
    reviewing_unit = UnitRefOutput(help_text=_("The unit that acknowledges it."))
    status = serializers.CharField(help_text=_("submitted, acknowledged or returned."))
    status_label = label_of("status")
    commitment = serializers.CharField()
    submitted_at = serializers.DateTimeField(help_text=_("The first filing: it decides lateness."))
    resubmitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    return_reason = serializers.CharField(help_text=_("What to change, when it was returned."))


class IndicatorRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class RegistrationTargetOutput(serializers.Serializer):
    indicator = IndicatorRefOutput()
    target_value = serializers.DecimalField(max_digits=18, decimal_places=2)
    note = serializers.CharField()


class RegistrationTitleOutput(serializers.Serializer):
    award = AwardRefOutput(source="award_type", allow_null=True)
    title = serializers.CharField(help_text=_("A named title, when it is not a catalogue award."))


class RegistrationDetailOutput(RegistrationListOutput):
    targets = RegistrationTargetOutput(many=True, source="targets.all")
    titles = RegistrationTitleOutput(many=True, source="titles.all")
    submitted_by = UserRefOutput()
    reviewed_by = UserRefOutput(allow_null=True)


class PeriodRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()
    due_on = serializers.DateField()
    campaign = CampaignRefOutput()


class ProgressReportListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    period = PeriodRefOutput()
    unit = UnitRefOutput()
    summary = serializers.CharField()
    submitted_at = serializers.DateTimeField(help_text=_("The first filing: it decides lateness."))
    submitted_by = UserRefOutput()
    revised_at = serializers.DateTimeField(allow_null=True)


class ReportValueOutput(serializers.Serializer):
    indicator = IndicatorRefOutput()
    value = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    note = serializers.CharField()


class ReportAttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    original_name = serializers.CharField(help_text=_("The uploader's file name, cleaned."))
    content_type = serializers.CharField(help_text=_("The type read from the file's content."))
    size = serializers.IntegerField(help_text=_("In bytes."))
    sha256 = serializers.CharField()
    uploaded_by = UserRefOutput()
    created_at = serializers.DateTimeField()


class ProgressReportDetailOutput(ProgressReportListOutput):
    values = ReportValueOutput(many=True, source="values.all")
    attachments = ReportAttachmentOutput(many=True, source="attachments.all")


# --- registrations -----------------------------------------------------------------------------


def _registration_detail(request: Request, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    registration = registration_get_visible(request.user, pk)
    return Response(RegistrationDetailOutput(registration).data, status=code)


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "Registrations (đăng ký thi đua) the reader sees: of their units, filed with their "
            "units, or for their units' campaigns."
        ),
        responses=responses(RegistrationListOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "A unit's staff registers it (or one of its people) for a launched campaign and a "
            "year, with the targets and titles it commits to; it is filed with the upper unit "
            "(a person's with their own unit). 201 when new; 200 when a returned registration "
            "is filed again."
        ),
        request=RegistrationCreateInput,
        responses={
            **write_responses(RegistrationDetailOutput, created=True),
            200: OpenApiResponse(RegistrationDetailOutput, description=_("Filed again.")),
        },
    ),
)
class RegistrationListApi(SelectorListApi):
    serializer_class = RegistrationListOutput
    filterset_class = RegistrationFilter

    def select(self, **filters: Any) -> QuerySet[Registration]:
        return registration_list_visible_to(self.request.user, **filters)

    def post(self, request: Request) -> Response:
        data = validated(RegistrationCreateInput, request)
        registration = registration_submit(actor=request.user, **data)
        again = registration.resubmitted_at is not None
        code = status.HTTP_200_OK if again else status.HTTP_201_CREATED
        return _registration_detail(request, registration.pk, code=code)


class RegistrationDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("One registration with its committed targets and titles."),
        responses=responses(RegistrationDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _registration_detail(request, pk)


class RegistrationResubmitApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "File a returned registration again with its corrected commitments (they replace "
            "the earlier ones); its first filing time still decides whether it was on time."
        ),
        request=CommitmentInput,
        responses=write_responses(RegistrationDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        registration = registration_get_visible(request.user, pk)
        data = validated(CommitmentInput, request)
        registration_submit(
            actor=request.user,
            campaign=registration.campaign,
            year=registration.year,
            unit=registration.unit,
            person=registration.person,
            **data,
        )
        return _registration_detail(request, pk)


class RegistrationAcknowledgeApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("The unit it is filed with acknowledges a registration awaiting it."),
        request=None,
        responses=write_responses(RegistrationDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        registration = registration_get_visible(request.user, pk)
        registration_acknowledge(actor=request.user, registration=registration)
        return _registration_detail(request, pk)


class RegistrationReturnApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The unit it is filed with returns a registration with the reasons; the unit files "
            "it again (POST …/resubmit/)."
        ),
        request=ReturnInput,
        responses=write_responses(RegistrationDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        registration = registration_get_visible(request.user, pk)
        data = validated(ReturnInput, request)
        registration_return(actor=request.user, registration=registration, **data)
        return _registration_detail(request, pk)


# --- progress reports --------------------------------------------------------------------------


def _report_detail(request: Request, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    report = progress_report_get_visible(request.user, pk)
    return Response(ProgressReportDetailOutput(report).data, status=code)


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "Progress reports the reader sees: of their units, of the units under them, or for "
            "their units' campaigns; by due date."
        ),
        responses=responses(ProgressReportListOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "A unit taking part files its report for a period: a value per indicator code, "
            "explanations and evidence files (multipart). Filing again corrects it: the values "
            "sent replace those stored, the first filing time stays. 201 when new, 200 when "
            "corrected."
        ),
        request=ProgressReportInput,
        responses={
            **write_responses(ProgressReportDetailOutput, created=True),
            200: OpenApiResponse(ProgressReportDetailOutput, description=_("Corrected.")),
        },
    ),
)
class ProgressReportListApi(SelectorListApi):
    serializer_class = ProgressReportListOutput
    filterset_class = ProgressReportFilter
    parser_classes = PARSERS

    def select(self, **filters: Any) -> QuerySet[ProgressReport]:
        return progress_report_list_visible_to(self.request.user, **filters)

    def post(self, request: Request) -> Response:
        data = validated(ProgressReportInput, request)
        report = progress_report_submit(actor=request.user, **data)
        code = status.HTTP_200_OK if report.revised_at is not None else status.HTTP_201_CREATED
        return _report_detail(request, report.pk, code=code)


class ProgressReportDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("One report with its values per indicator and its evidence files."),
        responses=responses(ProgressReportDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _report_detail(request, pk)


class ProgressReportEvidenceApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=TAGS,
        description=_(
            "Add an evidence file to a report (multipart). The file is judged by its content, "
            "whatever its name says: PDF, Word, Excel, OpenDocument, JPEG or PNG. The values "
            "and summary stay as they are."
        ),
        request=EvidenceInput,
        responses=write_responses(ProgressReportDetailOutput, created=True),
    )
    def post(self, request: Request, pk: int) -> Response:
        report = progress_report_get_visible(request.user, pk)
        data = validated(EvidenceInput, request)
        progress_report_submit(
            actor=request.user,
            period=report.period,
            unit=report.unit,
            values={},
            summary=report.summary,
            files=[data["file"]],
        )
        return _report_detail(request, pk, code=status.HTTP_201_CREATED)
