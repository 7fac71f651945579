"""Award decisions (quyết định khen thưởng): drafting from the nominations that wait for them,
editing a draft, issuing under the next number of the unit and year, and revoking an award.

Every write is one service call on a decision first looked up through the reader's scope, so one
outside it is a 404. A decision is readable by whoever reads its deciding unit, and by the units
whose nominations it grants.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.filters import id_filter, year_filter
from api.nominations import (
    REQUIRED,
    AwardRefOutput,
    NomineeOutput,
    ScopedRelatedField,
    UserRefOutput,
    nominee_of,
    units_visible_to,
    validated,
    write_responses,
)
from awards.models import RegulationDocument
from awards.selectors import regulation_list
from common.exceptions import DomainNotFound
from nominations.models import CouncilSession, Decision, DecisionItem, DecisionStatus, Nomination
from nominations.selectors import nomination_list_visible_to
from nominations.selectors_councils import (
    council_session_list_visible_to,
    decision_get_visible,
    decision_list_visible_to,
)
from nominations.services import award_revoke, decision_draft, decision_issue, decision_update

TAGS = ["decisions"]
DATE = {**REQUIRED, "invalid": _("Enter a date, e.g. 2025-12-20.")}


def nominations_visible_to(user: Any) -> QuerySet[Nomination]:
    return nomination_list_visible_to(user)


def sessions_visible_to(user: Any) -> QuerySet[CouncilSession]:
    return council_session_list_visible_to(user)


def regulations(user: Any) -> QuerySet[RegulationDocument]:
    # The regulation documents are readable by everyone.
    return regulation_list()


# --- input -------------------------------------------------------------------------------------


class DecisionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=DecisionStatus.choices, help_text=_("draft or issued.")
    )
    year = year_filter(help_text=_("The decision's year (the signing year once issued)."))
    unit = id_filter(help_text=_("Only the decisions of this deciding unit (a unit id)."))

    class Meta:
        model = Decision
        fields: list[str] = []


class DecisionUpdateInput(serializers.Serializer):
    # What a draft lets its secretary change; only the fields sent change.
    title = serializers.CharField(max_length=500, error_messages=REQUIRED)
    legal_basis = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("The “Pursuant to …” lines; written from the documents when empty."),
    )
    legal_documents = ScopedRelatedField(
        select=regulations,
        many=True,
        required=False,
        help_text=_("The laws and regulations applied (regulation ids); replaces the list."),
    )
    council_session = ScopedRelatedField(
        select=sessions_visible_to,
        required=False,
        help_text=_("The closed session of the unit's council the decision rests on (an id)."),
    )
    signer_title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    funding_source = serializers.CharField(required=False, allow_blank=True, max_length=255)


class DecisionPatchInput(DecisionUpdateInput):
    title = serializers.CharField(max_length=500, required=False, error_messages=REQUIRED)
    add_nominations = ScopedRelatedField(
        select=nominations_visible_to,
        many=True,
        required=False,
        help_text=_("Nominations waiting for the unit's decision to add (ids)."),
    )
    remove_nominations = ScopedRelatedField(
        select=nominations_visible_to,
        many=True,
        required=False,
        help_text=_("Nominations to take out of the draft (ids)."),
    )


class DecisionDraftInput(DecisionUpdateInput):
    deciding_unit = ScopedRelatedField(
        select=units_visible_to,
        error_messages=REQUIRED,
        help_text=_("The unit whose decision it is (a unit id)."),
    )
    nominations = ScopedRelatedField(
        select=nominations_visible_to,
        many=True,
        error_messages=REQUIRED,
        help_text=_(
            "The nominations it grants (ids): passed by the unit's council, or needing no vote, "
            "and waiting for its decision."
        ),
    )


class IssueInput(serializers.Serializer):
    signed_on = serializers.DateField(
        required=False,
        default=timezone.localdate,
        error_messages=DATE,
        help_text=_("The signing date; today when absent. Not in the future."),
    )


class RevokeInput(serializers.Serializer):
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required: why the award is revoked (Law 06/2022, chapter VII)."),
    )
    revoked_on = serializers.DateField(
        required=False,
        default=timezone.localdate,
        error_messages=DATE,
        help_text=_("Today when absent; between the decision date and today."),
    )


# --- output ------------------------------------------------------------------------------------


class SessionRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    scheduled_at = serializers.DateTimeField()


class LegalDocumentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    number = serializers.CharField()
    title = serializers.CharField()


class DecisionListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    deciding_unit = UnitRefOutput()
    year = serializers.IntegerField()
    number = serializers.IntegerField(
        allow_null=True, help_text=_("Given when the decision is issued.")
    )
    reference = serializers.CharField(help_text=_("E.g. 12/QĐ-LĐLĐ; empty for a draft."))
    title = serializers.CharField()
    # A plain string: an enum here would give the statuses of nominations a second name.
    status = serializers.CharField(help_text=_("draft or issued."))
    status_label = label_of("status")
    council_session = SessionRefOutput(allow_null=True)
    signed_on = serializers.DateField(allow_null=True)
    signer = UserRefOutput(allow_null=True)
    issued_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class GrantedNominationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text=_("The nomination's status, e.g. awarded."))
    nominee = serializers.SerializerMethodField()
    nominating_unit = UnitRefOutput()

    @extend_schema_field(NomineeOutput)
    def get_nominee(self, nomination: Nomination) -> dict[str, Any]:
        return nominee_of(nomination)


class DecisionItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    nomination = GrantedNominationOutput()
    award = AwardRefOutput(source="award_type")
    recipient_name = serializers.CharField()
    recipient_unit_name = serializers.CharField()
    reason = serializers.CharField(help_text=_("The achievement the award is for."))
    amount_vnd = serializers.IntegerField(
        allow_null=True, help_text=_("The money with the award; empty when none.")
    )
    award_record_id = serializers.IntegerField(
        allow_null=True, help_text=_("The award record written when the decision was issued.")
    )
    revoked_on = serializers.DateField(allow_null=True)
    revocation_reason = serializers.CharField()
    revoked_by = UserRefOutput(allow_null=True)


class DecisionDetailOutput(DecisionListOutput):
    legal_basis = serializers.CharField()
    legal_documents = LegalDocumentOutput(many=True, source="legal_documents.all")
    signer_title = serializers.CharField()
    funding_source = serializers.CharField()
    items = DecisionItemOutput(many=True, source="items.all", help_text=_("The recipients."))
    created_by = UserRefOutput()


# --- endpoints ---------------------------------------------------------------------------------


def _detail(request: Request, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    """The decision as it is now, read again through the reader's scope with its recipients."""
    decision = decision_get_visible(request.user, pk)
    return Response(DecisionDetailOutput(decision).data, status=code)


def _item_of(decision: Decision, item_pk: int) -> DecisionItem:
    # The selector has prefetched the recipients: an item of another decision is not found.
    for item in decision.items.all():
        if item.pk == item_pk:
            return item
    raise DomainNotFound()


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "Decisions of the units the reader may read, and those that grant the reader's "
            "nominations; the latest year and number first."
        ),
        responses=responses(DecisionListOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "The council secretary (or the signer) drafts a decision for nominations waiting "
            "for the unit's decision. Without legal bases, the law, the regulations of the "
            "awards and the council's minutes are cited. The number is given on issuing."
        ),
        request=DecisionDraftInput,
        responses=write_responses(DecisionDetailOutput, created=True),
    ),
)
class DecisionListApi(SelectorListApi):
    serializer_class = DecisionListOutput
    filterset_class = DecisionFilter

    def select(self, **filters: Any) -> QuerySet[Decision]:
        return decision_list_visible_to(self.request.user, **filters)

    def post(self, request: Request) -> Response:
        data = validated(DecisionDraftInput, request)
        decision = decision_draft(actor=request.user, **data)
        return _detail(request, decision.pk, code=status.HTTP_201_CREATED)


class DecisionDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("One decision with its legal bases and its recipients."),
        responses=responses(DecisionDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _detail(request, pk)

    @extend_schema(
        tags=TAGS,
        description=_(
            "Change a draft: its texts, legal documents, the session it rests on, the "
            "nominations it grants. Only the fields sent change; an issued decision cannot."
        ),
        request=DecisionPatchInput,
        responses=write_responses(DecisionDetailOutput),
    )
    def patch(self, request: Request, pk: int) -> Response:
        decision = decision_get_visible(request.user, pk)
        data = validated(DecisionPatchInput, request, partial=True)
        decision_update(actor=request.user, decision=decision, **data)
        return _detail(request, pk)


class DecisionIssueApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The signer issues the draft: it takes the unit's next number of the year, the "
            "nominations are awarded, their award records written and the nominating units "
            "told. 409 once it has been issued."
        ),
        request=IssueInput,
        responses=write_responses(DecisionDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        decision = decision_get_visible(request.user, pk)
        data = validated(IssueInput, request)
        decision_issue(actor=request.user, decision=decision, **data)
        return _detail(request, pk)


class AwardRevokeApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Revoke one award of an issued decision, with the reason (Law 06/2022, chapter "
            "VII). The decision stays as issued; the recipient, the award record and the "
            "nomination say it was revoked, and the nominating unit is told."
        ),
        request=RevokeInput,
        responses=write_responses(DecisionItemOutput),
    )
    def post(self, request: Request, pk: int, item_pk: int) -> Response:
        decision = decision_get_visible(request.user, pk)
        item = _item_of(decision, item_pk)
        data = validated(RevokeInput, request)
        award_revoke(actor=request.user, item=item, **data)
        # Read again: the service's item carries the nomination as it was before the revocation.
        revoked = _item_of(decision_get_visible(request.user, pk), item_pk)
        return Response(DecisionItemOutput(revoked).data)
