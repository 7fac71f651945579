"""People (union members and officials) and the records the commendation rules read."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.filters import StrictBooleanFilter, id_filter
from audit.services import person_records_viewed
from awards.models import AwardRecordSource
from organizations.models import (
    Committee,
    EducationLevel,
    Gender,
    InitiativeKind,
    PendingCaseKind,
    Person,
    Rating,
    RecognitionLevel,
    SanctionForm,
    ServiceMode,
    ServiceUnitCategory,
)
from organizations.selectors import (
    person_current_membership,
    person_get_visible,
    person_list_visible_to,
)

TAGS = ["people"]

# --- input -------------------------------------------------------------------------------------


class PersonFilter(django_filters.FilterSet):
    unit = id_filter(help_text=_("Only members of this unit (a unit id)."))
    under = id_filter(help_text=_("Only members of this unit or of the units under it."))
    search = django_filters.CharFilter(help_text=_("Part of the name or person code."))
    gender = django_filters.ChoiceFilter(choices=Gender.choices)
    is_leader = StrictBooleanFilter(
        help_text=_("true: leaders and managers only; false: direct workers only.")
    )
    include_former = StrictBooleanFilter(
        help_text=_("Also list people who have left the units (default: false).")
    )

    class Meta:
        model = Person
        fields: list[str] = []


# --- output ------------------------------------------------------------------------------------


class CurrentMembershipOutput(serializers.Serializer):
    unit = UnitRefOutput()
    started_on = serializers.DateField()
    position = serializers.CharField()
    is_leader = serializers.BooleanField()


class PersonListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    full_name = serializers.CharField()
    gender = serializers.ChoiceField(choices=Gender.choices)
    gender_label = label_of("gender")
    current = serializers.SerializerMethodField(
        help_text=_("The unit the person belongs to now, with the position held there.")
    )

    @extend_schema_field(CurrentMembershipOutput(allow_null=True))
    def get_current(self, person: Person) -> dict[str, Any] | None:
        membership = person_current_membership(person)
        return CurrentMembershipOutput(membership).data if membership is not None else None


class MembershipOutput(serializers.Serializer):
    unit = UnitRefOutput()
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    position = serializers.CharField()
    is_leader = serializers.BooleanField()
    is_union_member = serializers.BooleanField()


class RatingOutput(serializers.Serializer):
    year = serializers.IntegerField()
    rating = serializers.ChoiceField(choices=Rating.choices)
    rating_label = label_of("rating")
    decided_by = serializers.CharField()
    decision_number = serializers.CharField()
    note = serializers.CharField()


class InitiativeOutput(serializers.Serializer):
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=InitiativeKind.choices)
    kind_label = label_of("kind")
    recognition_level = serializers.ChoiceField(choices=RecognitionLevel.choices)
    recognition_level_label = label_of("recognition_level")
    year = serializers.IntegerField()
    recognized_by = serializers.CharField()
    decision_number = serializers.CharField()
    beneficial_value = serializers.IntegerField(
        allow_null=True, help_text=_("Beneficial value in VND; empty when not quantified.")
    )
    is_applied = serializers.BooleanField()
    co_authors = serializers.CharField()


class ServicePeriodOutput(serializers.Serializer):
    unit = UnitRefOutput(allow_null=True)
    unit_name = serializers.CharField(help_text=_("The unit's name as it was then."))
    unit_category = serializers.ChoiceField(choices=ServiceUnitCategory.choices)
    unit_category_label = label_of("unit_category")
    mode = serializers.ChoiceField(choices=ServiceMode.choices)
    mode_label = label_of("mode")
    position = serializers.CharField()
    committee = serializers.ChoiceField(choices=Committee.choices, allow_blank=True)
    term_label = serializers.CharField()
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)


class SanctionOutput(serializers.Serializer):
    form = serializers.ChoiceField(choices=SanctionForm.choices)
    form_label = label_of("form")
    decision_number = serializers.CharField()
    decided_on = serializers.DateField()
    effective_from = serializers.DateField()
    effective_to = serializers.DateField(allow_null=True)
    issuer = serializers.CharField()
    reason = serializers.CharField()


class PendingCaseOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=PendingCaseKind.choices)
    kind_label = label_of("kind")
    opened_on = serializers.DateField()
    resolved_on = serializers.DateField(allow_null=True, help_text=_("Empty while still open."))
    summary = serializers.CharField()
    resolution = serializers.CharField()


class PersonAwardOutput(serializers.Serializer):
    # Only what the person prefetch brings (the deciding unit), so that records cost no query.
    id = serializers.IntegerField()
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


class PersonDetailOutput(PersonListOutput):
    birth_date = serializers.DateField(allow_null=True)
    education_level = serializers.ChoiceField(choices=EducationLevel.choices, allow_blank=True)
    education_level_label = label_of("education_level")
    note = serializers.CharField()
    memberships = MembershipOutput(source="all_memberships", many=True)
    ratings = RatingOutput(source="ratings.all", many=True)
    initiatives = InitiativeOutput(source="initiatives.all", many=True)
    service_periods = ServicePeriodOutput(source="service_periods.all", many=True)
    sanctions = SanctionOutput(source="sanctions.all", many=True)
    pending_cases = PendingCaseOutput(source="pending_cases.all", many=True)
    award_records = PersonAwardOutput(source="award_records.all", many=True)


# --- endpoints ---------------------------------------------------------------------------------


@extend_schema(
    tags=TAGS,
    description=_(
        "People who belong (or, with include_former, belonged) to units the reader may read."
    ),
    responses=responses(PersonListOutput(many=True), 400, 401),
)
class PersonListApi(SelectorListApi):
    serializer_class = PersonListOutput
    filterset_class = PersonFilter

    def select(self, **filters: Any) -> QuerySet[Person]:
        return person_list_visible_to(self.request.user, **filters)


class PersonDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One person with every record: memberships, annual ratings, initiatives, union "
            "service, sanctions, pending cases and awards."
        ),
        responses=responses(PersonDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        person = person_get_visible(request.user, pk, with_records=True)
        person_records_viewed(actor=request.user, person=person, channel="api")  # Decree 13/2023
        return Response(PersonDetailOutput(person).data)
