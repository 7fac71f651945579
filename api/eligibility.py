"""The eligibility finder and quota use (issue 5 §4), read only.

`GET eligibility/?person=<id>&year=<year>` (or `unit=<id>`): every award of the regulation in
force that fits the nominee, with its verdict and the rules behind it — what it misses, what is
to confirm, what it meets — each with its citation and the facts it judged. `GET quotas/`: per
unit, award or topic and year, each quota's limit, what is awarded, pending and left.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import PersonRefOutput, UnitRefOutput, responses
from api.filters import IdFilter, YearFilter, parse_filters
from api.nominations import AwardRefOutput, CheckResultOutput
from audit.services import person_records_viewed
from awards.models import AwardType, QuotaScope
from nominations.eligibility import AwardEligibility, Eligibility, eligibility_for
from nominations.selectors_quotas import QuotaUsage, quota_usage_visible_to
from organizations.selectors import person_get_visible, unit_get_visible

TAGS = ["eligibility"]


# --- input -------------------------------------------------------------------------------------


class EligibilityFilter(django_filters.FilterSet):
    person = IdFilter(help_text=_("The person to check (an id); or give `unit`."))
    unit = IdFilter(help_text=_("The collective to check (a unit id); or give `person`."))
    year = YearFilter(
        help_text=_(
            "The year of the achievements; the latest year the nominee was rated when absent."
        )
    )
    reference_date = django_filters.DateFilter(
        help_text=_(
            "The day it is judged on (regulation in force, sanctions and complaints open); "
            "today when absent, or the end of the next year for an earlier year."
        )
    )
    award = django_filters.CharFilter(help_text=_("Only this award (its code)."))

    class Meta:
        model = AwardType
        fields: list[str] = []


class QuotaFilter(django_filters.FilterSet):
    year = YearFilter(help_text=_("The year counted; this year when absent."))
    under = IdFilter(
        help_text=_("Only this unit and the units under it (a unit id); all yours when absent.")
    )
    award = django_filters.CharFilter(help_text=_("Only this award (its code)."))

    class Meta:
        model = AwardType
        fields: list[str] = []


# --- output ------------------------------------------------------------------------------------


class DocumentNeededOutput(serializers.Serializer):
    code = serializers.CharField(source="document_type.code")
    name = serializers.CharField(source="document_type.name")
    mandatory = serializers.BooleanField(source="is_mandatory")
    copies = serializers.IntegerField()


class ExistingNominationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


class AwardEligibilityOutput(serializers.Serializer):
    award = AwardRefOutput()
    regulation = serializers.CharField(source="award.regulation.number")
    verdict = serializers.CharField(
        help_text=_(
            "eligible: every rule met; to_confirm: nothing blocks but a rule warns or could "
            "not be decided; not_eligible: a blocking rule fails."
        )
    )
    deciding_unit = UnitRefOutput()
    failed = CheckResultOutput(many=True, help_text=_("The blocking rules it fails."))
    to_confirm = CheckResultOutput(
        many=True, help_text=_("Rules that warn, or that the records could not decide.")
    )
    passed = CheckResultOutput(many=True)
    documents = DocumentNeededOutput(many=True, help_text=_("The dossier a nomination needs."))
    existing = ExistingNominationOutput(
        many=True, help_text=_("Open nominations of the nominee for this award and year.")
    )


class EligibilityOutput(serializers.Serializer):
    person = PersonRefOutput(allow_null=True)
    unit = UnitRefOutput(allow_null=True)
    year = serializers.IntegerField()
    reference_date = serializers.DateField()
    nominating_unit = UnitRefOutput(
        allow_null=True, help_text=_("The unit that would file; empty: the person has no unit.")
    )
    awards = AwardEligibilityOutput(many=True)


class QuotaUsageOutput(serializers.Serializer):
    award = AwardRefOutput(source="quota.award_type")
    scope = serializers.ChoiceField(choices=QuotaScope.choices, source="quota.scope")
    scope_label = serializers.CharField(source="quota.get_scope_display")
    citation = serializers.CharField(source="quota.citation")
    unit = UnitRefOutput(allow_null=True, help_text=_("Empty: the whole country."))
    topic = serializers.CharField(source="topic.name", allow_null=True, default=None)
    limit = serializers.IntegerField(
        allow_null=True, help_text=_("Empty: the size the percentage is of is not recorded.")
    )
    awarded = serializers.IntegerField()
    pending = serializers.IntegerField(help_text=_("On their way, returned ones included."))
    remaining = serializers.IntegerField(allow_null=True)
    over_by = serializers.IntegerField()
    state = serializers.ChoiceField(
        choices=[("open", "open"), ("near", "near"), ("at", "at"), ("over", "over")]
    )


# --- the views ---------------------------------------------------------------------------------


class EligibilityApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Which awards a person or a collective qualifies for in a year, which it misses and "
            "why: each award of the regulation in force that fits it, with the rules it fails "
            "(citation and facts), those to confirm and those it meets. Reading a person's "
            "answer is logged (Decree 13/2023/NĐ-CP)."
        ),
        parameters=[
            OpenApiParameter("person", OpenApiTypes.INT),
            OpenApiParameter("unit", OpenApiTypes.INT),
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("reference_date", OpenApiTypes.DATE),
            OpenApiParameter("award", OpenApiTypes.STR),
        ],
        responses=responses(EligibilityOutput, 400, 401, 404),
    )
    def get(self, request: Request) -> Response:
        filters = parse_filters(EligibilityFilter, request)
        if ("person" in filters) == ("unit" in filters):
            raise ValidationError({"person": [_("Give either a person or a unit.")]})
        person = unit = None
        if "person" in filters:
            person = person_get_visible(request.user, filters["person"])
        else:
            unit = unit_get_visible(request.user, filters["unit"])
        answer: Eligibility = eligibility_for(
            year=filters.get("year"),
            person=person,
            unit=unit,
            reference_date=filters.get("reference_date"),
            award_code=filters.get("award", ""),
        )
        if person is not None:
            person_records_viewed(actor=request.user, person=person, channel="api")
        return Response(EligibilityOutput(_as_output(answer)).data)


def _as_output(answer: Eligibility) -> dict[str, Any]:
    def award(row: AwardEligibility) -> dict[str, Any]:
        return {
            "award": row.award,
            "verdict": row.verdict,
            "deciding_unit": row.deciding_unit,
            "failed": [r.as_dict() for r in row.failed],
            "to_confirm": [r.as_dict() for r in row.to_confirm],
            "passed": [r.as_dict() for r in row.passed],
            "documents": row.documents,
            "existing": row.existing,
        }

    return {
        "person": answer.person,
        "unit": answer.unit,
        "year": answer.year,
        "reference_date": answer.reference_date,
        "nominating_unit": answer.nominating_unit,
        "awards": [award(row) for row in answer.awards],
    }


class QuotaUsageApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Each quota of the award catalogue for a year: national rows for the whole country, "
            "unit rows for the reader's units (the unit proposing to the deciding unit, or the "
            "nominating unit for a share of its headcount), with the limit and what is awarded, "
            "pending and left. Fullest first."
        ),
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("under", OpenApiTypes.INT),
            OpenApiParameter("award", OpenApiTypes.STR),
        ],
        responses=responses(QuotaUsageOutput(many=True), 400, 401, 404),
    )
    def get(self, request: Request) -> Response:
        filters = parse_filters(QuotaFilter, request)
        under = unit_get_visible(request.user, filters["under"]) if "under" in filters else None
        rows: list[QuotaUsage] = quota_usage_visible_to(
            request.user,
            year=filters.get("year") or timezone.localdate().year,
            under=under,
            award_code=filters.get("award", ""),
        )
        return Response(QuotaUsageOutput(rows, many=True).data)
