"""Nominations: the draft and its dossier, the checks of a step, the steps themselves (submit,
review, resubmit, withdraw) and the nomination's history. Every write is one service call; the
nomination is first looked up through the reader's scope, so one outside it is a 404."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.awards import DocumentRequirementOutput, NamedCodeOutput
from api.base import ErrorOutput, SelectorListApi, UnitRefOutput, label_of, responses
from api.filters import id_filter, parse_filters, year_filter
from audit.selectors import audit_event_list_for
from awards.models import AwardRecord, AwardTopic, AwardType, CheckStep, DossierDocumentType
from awards.selectors import award_record_list_visible_to
from common.exceptions import CommonErrorCode, DomainNotFound
from nominations.checks import checks_for_step, next_check_step
from nominations.models import Attachment, Nomination, NominationStatus, ReviewOutcome
from nominations.selectors import nomination_get_visible, nomination_list_visible_to
from nominations.selectors_councils import check_override_list_for, check_run_latest_per_step
from nominations.services import (
    attachment_add,
    attachment_remove,
    check_override,
    nomination_create,
    nomination_resubmit,
    nomination_review,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from organizations.models import AnnualRating, Initiative
from organizations.permissions import visible_unit_ids
from organizations.selectors import person_list_visible_to, unit_list_visible_to
from workflows.models import Step

TAGS = ["nominations"]

# --- documented responses of the writes --------------------------------------------------------

_WRITE_ERRORS = {
    400: OpenApiResponse(
        ErrorOutput,
        description=_(
            "Invalid input (details name the fields), or refused by the step's checks: code "
            "checks_failed, with the failed checks in details."
        ),
    ),
    401: OpenApiResponse(ErrorOutput, description=_("Not signed in, or the token is not valid.")),
    403: OpenApiResponse(
        ErrorOutput,
        description=_("The caller does not hold the role this step needs at the unit concerned."),
    ),
    404: OpenApiResponse(ErrorOutput, description=_("Not found, or outside the reader's scope.")),
    409: OpenApiResponse(
        ErrorOutput,
        description=_(
            "The step is no longer possible: someone acted first, or the nomination has moved on."
        ),
    ),
}


def write_responses(ok: Any, *, created: bool = False) -> dict[int, Any]:
    """The documented responses of a write: `ok` (200, or 201 for a creation) and its errors."""
    return {201 if created else 200: ok, **_WRITE_ERRORS}


# --- looking up what the input names -----------------------------------------------------------

REQUIRED = {
    "required": _("This field is required."),
    "blank": _("This field is required."),
    "null": _("This field is required."),
}
CHOICE = {**REQUIRED, "invalid_choice": _("“{input}” is not one of the allowed values.")}
ID = {**REQUIRED, "invalid": _("Enter a number (the id).")}
YEAR = {**REQUIRED, "invalid": _("Enter a year, e.g. 2024.")}
FILE = {**REQUIRED, "invalid": _("Send the file in a multipart/form-data request.")}


@extend_schema_field(OpenApiTypes.INT)
class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """An object named by its id and looked up among the rows a selector gives the caller: an id
    outside the caller's scope reads exactly like one that does not exist."""

    default_error_messages = {
        **REQUIRED,
        "does_not_exist": CommonErrorCode.NOT_FOUND.label,
        "incorrect_type": _("Enter a number (the id)."),
    }

    def __init__(self, *, select: Any, **kwargs: Any) -> None:
        self.select = select
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.select(self.context["request"].user)


def units_visible_to(user: Any) -> QuerySet[Any]:
    # Dissolved units too: the service then explains why one cannot file, instead of a 404.
    return unit_list_visible_to(user, include_dissolved=True)


def people_visible_to(user: Any) -> QuerySet[Any]:
    return person_list_visible_to(user, include_former=True)


def ratings_visible_to(user: Any) -> QuerySet[AnnualRating]:
    """The annual ratings of people and collectives the caller may read.

    Composes the people selector; it belongs in organizations.selectors once the pages need it.
    """
    return AnnualRating.objects.filter(
        Q(person__in=people_visible_to(user).values("pk")) | Q(unit_id__in=visible_unit_ids(user))
    )


def initiatives_visible_to(user: Any) -> QuerySet[Initiative]:
    """The initiatives of people the caller may read (same remark as ratings_visible_to)."""
    return Initiative.objects.filter(person__in=people_visible_to(user).values("pk"))


def prior_awards_visible_to(user: Any) -> QuerySet[AwardRecord]:
    return award_record_list_visible_to(user)


def award_types(user: Any) -> QuerySet[AwardType]:
    # The catalogue is readable by everyone; the service checks the award fits the nomination.
    return AwardType.objects.select_related("regulation")


# --- input -------------------------------------------------------------------------------------


class NominationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=NominationStatus.choices)
    year = year_filter(help_text=_("The year the nomination is for."))
    award_code = django_filters.CharFilter(
        help_text=_("The award's catalogue code, the same across regulation versions.")
    )
    unit = id_filter(help_text=_("Only nominations filed by this unit (a unit id)."))
    under = id_filter(help_text=_("Only nominations filed by this unit or the units under it."))
    at_unit = id_filter(help_text=_("Only nominations now at this unit (a unit id)."))
    search = django_filters.CharFilter(help_text=_("Part of the nominee's name or code."))

    class Meta:
        model = Nomination
        fields: list[str] = []


class ChecksFilter(django_filters.FilterSet):
    step = django_filters.ChoiceFilter(
        choices=CheckStep.choices,
        help_text=_(
            "The step whose checks to run; when absent, the nomination's next step (review for a "
            "closed one)."
        ),
    )

    class Meta:
        model = Nomination
        fields: list[str] = []


class NominationUpdateInput(serializers.Serializer):
    # What a draft (or a returned nomination) lets its clerks change. No docstring: the schema
    # would give it to every input derived from this one.
    award_type = ScopedRelatedField(select=award_types, error_messages=REQUIRED)
    topic = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=60,
        help_text=_("The topic's code, for a topic award; empty for none."),
    )
    year = serializers.IntegerField(error_messages=YEAR)
    reference_date = serializers.DateField(
        error_messages=REQUIRED,
        help_text=_("The regulation version in force on this day judges the nomination."),
    )
    period_label = serializers.CharField(required=False, allow_blank=True, max_length=200)
    achievements = serializers.CharField(required=False, allow_blank=True)
    ratings = ScopedRelatedField(select=ratings_visible_to, many=True, required=False)
    initiatives = ScopedRelatedField(select=initiatives_visible_to, many=True, required=False)
    prior_awards = ScopedRelatedField(select=prior_awards_visible_to, many=True, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # A topic is named by its code, which each regulation version repeats: look it up in the
        # version of the award the nomination will have.
        if "topic" in attrs:
            code = attrs.pop("topic")
            award = attrs.get("award_type") or self.context["nomination"].award_type
            attrs["topic"] = None
            if code:
                attrs["topic"] = AwardTopic.objects.filter(
                    regulation_id=award.regulation_id, code=code
                ).first()
                if attrs["topic"] is None:
                    raise serializers.ValidationError({"topic": [CommonErrorCode.NOT_FOUND.label]})
        return attrs


class NominationPatchInput(NominationUpdateInput):
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text=_("Why it changes, for the history.")
    )


class NominationCreateInput(NominationUpdateInput):
    nominating_unit = ScopedRelatedField(select=units_visible_to, error_messages=REQUIRED)
    nominee_person = ScopedRelatedField(
        select=people_visible_to,
        required=False,
        allow_null=True,
        help_text=_("The person nominated; leave empty for a collective."),
    )
    nominee_unit = ScopedRelatedField(
        select=units_visible_to,
        required=False,
        allow_null=True,
        help_text=_("The collective nominated (a unit id); leave empty for a person."),
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs.get("nominee_person") is None) == (attrs.get("nominee_unit") is None):
            message = _("Name either a person or a collective as the nominee.")
            raise serializers.ValidationError({"nominee_person": [message]})
        return super().validate(attrs)


class AttachmentAddInput(serializers.Serializer):
    document_type = serializers.SlugRelatedField(
        slug_field="code",
        queryset=DossierDocumentType.objects.all(),
        error_messages={**REQUIRED, "does_not_exist": CommonErrorCode.NOT_FOUND.label},
        help_text=_("The document's type code, e.g. bao-cao-thanh-tich."),
    )
    # Empty files reach the service, which explains the refusal in the dossier's own words.
    file = serializers.FileField(allow_empty_file=True, error_messages=FILE)


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewInput(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices, error_messages=CHOICE)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required to return or reject: what the unit must fix, or why."),
    )


class ResubmitInput(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("What was changed.")
    )


class WithdrawInput(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Required: why it is withdrawn.")
    )


# --- output ------------------------------------------------------------------------------------


class UserRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    full_name = serializers.CharField()


class NomineeOutput(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("person", _("Person")), ("collective", _("Collective"))]
    )
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class AwardRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()


def nominee_of(nomination: Nomination) -> dict[str, Any]:
    if nomination.nominee_person_id is not None:
        person = nomination.nominee_person
        return {"kind": "person", "id": person.pk, "code": person.code, "name": person.full_name}
    unit = nomination.nominee_unit
    return {"kind": "collective", "id": unit.pk, "code": unit.code, "name": unit.name}


class NominationListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=NominationStatus.choices)
    status_label = label_of("status")
    year = serializers.IntegerField()
    nominee = serializers.SerializerMethodField()
    award = AwardRefOutput(source="award_type")
    nominating_unit = UnitRefOutput()
    current_unit = UnitRefOutput(
        allow_null=True, help_text=_("Where it is now; empty once it is closed.")
    )
    deciding_unit = UnitRefOutput(allow_null=True)
    return_count = serializers.IntegerField(help_text=_("How many times it was returned."))
    submitted_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(NomineeOutput)
    def get_nominee(self, nomination: Nomination) -> dict[str, Any]:
        return nominee_of(nomination)


class CitedRatingOutput(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    rating = serializers.CharField()
    rating_label = label_of("rating")


class CitedInitiativeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    year = serializers.IntegerField()


class CitedAwardOutput(serializers.Serializer):
    id = serializers.IntegerField()
    award_code = serializers.CharField()
    award_name = serializers.CharField()
    year = serializers.IntegerField()


class SubmissionRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    subject = serializers.CharField()


class AttachmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    document_type = NamedCodeOutput()
    original_name = serializers.CharField(help_text=_("The uploader's file name, cleaned."))
    content_type = serializers.CharField(help_text=_("The type read from the file's content."))
    size = serializers.IntegerField(help_text=_("In bytes."))
    sha256 = serializers.CharField()
    uploaded_by = UserRefOutput()
    created_at = serializers.DateTimeField()


class ReviewOutput(serializers.Serializer):
    unit = UnitRefOutput(help_text=_("The reviewing unit."))
    round = serializers.IntegerField(help_text=_("1, then one more after each return."))
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices)
    outcome_label = label_of("outcome")
    reason = serializers.CharField()
    decided_by = UserRefOutput()
    forwarded_to_id = serializers.IntegerField(
        allow_null=True, help_text=_("The unit it went to next, when approved.")
    )
    created_at = serializers.DateTimeField()


class NominationDetailOutput(NominationListOutput):
    topic = NamedCodeOutput(allow_null=True)
    reference_date = serializers.DateField()
    period_label = serializers.CharField()
    achievements = serializers.CharField()
    ratings = CitedRatingOutput(many=True, source="ratings.all")
    initiatives = CitedInitiativeOutput(many=True, source="initiatives.all")
    prior_awards = CitedAwardOutput(many=True, source="prior_awards.all")
    submission = SubmissionRefOutput(allow_null=True)
    document_requirements = DocumentRequirementOutput(
        many=True,
        source="award_type.document_requirements.all",
        help_text=_("The documents the award's dossier needs."),
    )
    attachments = AttachmentOutput(many=True, source="attachments.all")
    reviews = ReviewOutput(many=True, source="reviews.all")
    closed_at = serializers.DateTimeField(allow_null=True)
    closing_reason = serializers.CharField()
    created_by = UserRefOutput()


# The checked steps (awards.models.CheckStep) as plain text: an enum would clash in the schema
# with the workflow's steps, which share the field name.
CHECK_STEP_HELP = _("The step checked: submit, review, council or decision.")


class CheckOverriddenOutput(serializers.Serializer):
    by = serializers.CharField(help_text=_("Who overrode the check."))
    by_id = serializers.IntegerField()
    role = serializers.CharField(help_text=_("The role they acted with."))
    at = serializers.CharField(help_text=_("When (ISO 8601)."))
    step = serializers.CharField()
    justification = serializers.CharField()


class CheckResultOutput(serializers.Serializer):
    rule = serializers.CharField(help_text=_("The rule's code, e.g. DOS-01 or BKTLD-01."))
    rule_type = serializers.CharField(help_text=_("The rule type it runs (awards.rules)."))
    outcome = serializers.CharField(help_text=_("passed, failed, warning (not decided) or info."))
    severity = serializers.CharField(
        help_text=_("What a failure means: block, warn or info (only verified rules block).")
    )
    message = serializers.CharField()
    hint = serializers.CharField(help_text=_("How to fix a failure."))
    citation = serializers.CharField(help_text=_("The article and clause the rule comes from."))
    confidence = serializers.CharField(help_text=_("verified, historical or uncertain."))
    blocking = serializers.BooleanField(help_text=_("A failure of this rule refuses the step."))
    blocks = serializers.BooleanField(
        help_text=_("It refuses the step now: failed, blocking and not overridden.")
    )
    facts = serializers.DictField(help_text=_("The facts the rule judged."))
    overridden = CheckOverriddenOutput(
        allow_null=True, help_text=_("The override that lets this failure through, if any.")
    )
    override_lapsed = serializers.BooleanField(
        help_text=_("An earlier override no longer holds: the facts changed since.")
    )


class CheckRunOutput(serializers.Serializer):
    id = serializers.IntegerField()
    step = serializers.CharField(help_text=CHECK_STEP_HELP)
    at = serializers.DateTimeField()
    actor = UserRefOutput(allow_null=True)
    regulation = serializers.CharField(
        source="regulation.number", help_text=_("The regulation version whose rules ran.")
    )
    passed = serializers.BooleanField()
    results = CheckResultOutput(many=True)


class CheckOverrideOutput(serializers.Serializer):
    id = serializers.IntegerField()
    rule_id = serializers.CharField()
    step = serializers.CharField(help_text=CHECK_STEP_HELP)
    justification = serializers.CharField()
    overridden_by = UserRefOutput()
    actor_role = serializers.CharField()
    at = serializers.DateTimeField()
    result = CheckResultOutput(help_text=_("The blocking result that was overridden."))


class ChecksOutput(serializers.Serializer):
    step = serializers.CharField(help_text=CHECK_STEP_HELP)
    passed = serializers.BooleanField(help_text=_("No check blocks the step."))
    results = CheckResultOutput(many=True, help_text=_("The checks as they come out now."))
    runs = CheckRunOutput(
        many=True, help_text=_("The latest stored run of each step: what the checker saw then.")
    )
    overrides = CheckOverrideOutput(many=True, help_text=_("Overrides on record, latest first."))


class CheckOverrideInput(serializers.Serializer):
    justification = serializers.CharField(
        allow_blank=True,
        help_text=_("Why the nomination may go on despite the check; kept on record."),
    )


class AuditEventOutput(serializers.Serializer):
    seq = serializers.IntegerField()
    occurred_at = serializers.DateTimeField()
    event_type = serializers.CharField()
    event_label = label_of("event_type")
    actor = UserRefOutput(allow_null=True)
    actor_label = serializers.CharField(help_text=_("The actor's name at the time."))
    actor_role = serializers.CharField(help_text=_("The role the actor acted with."))
    actor_unit = UnitRefOutput(allow_null=True, help_text=_("The unit of that role."))
    reason = serializers.CharField()
    changes = serializers.JSONField()


class HistoryOutput(serializers.Serializer):
    reviews = ReviewOutput(many=True, help_text=_("Each level's decision, round by round."))
    events = AuditEventOutput(many=True, help_text=_("Every recorded action, in order."))


# --- endpoints ---------------------------------------------------------------------------------


def validated(
    serializer_class: type[serializers.Serializer],
    request: Request,
    *,
    partial: bool = False,
    **context: Any,
) -> Any:
    """The request body, parsed and validated by an input serializer (400 otherwise)."""
    serializer = serializer_class(
        data=request.data, partial=partial, context={"request": request, **context}
    )
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _detail(nomination: Nomination, *, code: int = status.HTTP_200_OK) -> Response:
    return Response(NominationDetailOutput(nomination).data, status=code)


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_(
            "Nominations filed by units the reader may read (the units that review and decide "
            "them are above, so their readers see them too), the newest first."
        ),
        responses=responses(NominationListOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "A clerk of the nominating unit starts a nomination; it stays a draft until submitted."
        ),
        request=NominationCreateInput,
        responses=write_responses(NominationDetailOutput, created=True),
    ),
)
class NominationListApi(SelectorListApi):
    serializer_class = NominationListOutput
    filterset_class = NominationFilter

    def select(self, **filters: Any) -> QuerySet[Nomination]:
        return nomination_list_visible_to(self.request.user, **filters)

    def post(self, request: Request) -> Response:
        data = validated(NominationCreateInput, request)
        nomination = nomination_create(actor=request.user, **data)
        return _detail(nomination, code=status.HTTP_201_CREATED)


class NominationDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One nomination with its dossier, the records it cites and each level's review."
        ),
        responses={200: NominationDetailOutput, **{k: _WRITE_ERRORS[k] for k in (401, 404)}},
    )
    def get(self, request: Request, pk: int) -> Response:
        return _detail(nomination_get_visible(request.user, pk))

    @extend_schema(
        tags=TAGS,
        description=_(
            "Change a draft, or a returned nomination before resubmitting it. Only the fields "
            "sent change; a list of cited records replaces the previous one."
        ),
        request=NominationPatchInput,
        responses=write_responses(NominationDetailOutput),
    )
    def patch(self, request: Request, pk: int) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        data = validated(NominationPatchInput, request, partial=True, nomination=nomination)
        updated = nomination_update(actor=request.user, nomination=nomination, **data)
        return _detail(updated)


class NominationChecksApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The checks a step would run on the nomination as it is now, each with its rule, "
            "citation and facts, and the latest stored run of each step with the overrides on "
            "record. Reading them changes nothing."
        ),
        parameters=[
            OpenApiParameter(
                "step",
                OpenApiTypes.STR,
                enum=Step.values,
                description=_("The step whose checks to run; review when absent."),
            )
        ],
        responses={200: ChecksOutput, **{k: _WRITE_ERRORS[k] for k in (400, 401, 404)}},
    )
    def get(self, request: Request, pk: int) -> Response:
        asked = parse_filters(ChecksFilter, request).get("step")
        nomination = nomination_get_visible(request.user, pk)
        step = asked or next_check_step(nomination) or CheckStep.REVIEW
        results = checks_for_step(nomination, step=step)
        body = {
            "step": step,
            "passed": not any(result.blocks for result in results),
            "results": [result.as_dict() for result in results],
            "runs": check_run_latest_per_step(nomination),
            "overrides": check_override_list_for(nomination),
        }
        return Response(ChecksOutput(body).data)


class CheckOverrideApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Let a blocking check of the nomination's next step through, with a written "
            "justification: a reviewer of the unit holding the nomination, or the council "
            "secretary at the council step. Recorded with an audit event; it holds while the "
            "rule sees the same facts. 409 check_not_blocking when the rule does not block now."
        ),
        request=CheckOverrideInput,
        responses=write_responses(CheckOverrideOutput, created=True),
    )
    def post(self, request: Request, pk: int, rule_id: str) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        data = validated(CheckOverrideInput, request)
        override = check_override(
            actor=request.user,
            nomination=nomination,
            rule_id=rule_id,
            justification=data["justification"],
        )
        return Response(CheckOverrideOutput(override).data, status=status.HTTP_201_CREATED)


class NominationHistoryApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "What happened to the nomination: each level's review decisions, and every action "
            "on record with its time, actor, role, unit, reason and changes."
        ),
        responses={200: HistoryOutput, **{k: _WRITE_ERRORS[k] for k in (401, 404)}},
    )
    def get(self, request: Request, pk: int) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        history = {"reviews": nomination.reviews.all(), "events": audit_event_list_for(nomination)}
        return Response(HistoryOutput(history).data)


class AttachmentAddApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=TAGS,
        description=_(
            "Attach a dossier document to a draft or returned nomination (multipart). The file "
            "is judged by its content, whatever its name says: PDF, Word, Excel, OpenDocument, "
            "JPEG or PNG."
        ),
        request=AttachmentAddInput,
        responses=write_responses(AttachmentOutput, created=True),
    )
    def post(self, request: Request, pk: int) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        data = validated(AttachmentAddInput, request)
        attachment = attachment_add(actor=request.user, nomination=nomination, **data)
        return Response(AttachmentOutput(attachment).data, status=status.HTTP_201_CREATED)


class AttachmentRemoveApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Remove a document from a draft or returned nomination. The reason may also be sent "
            "in a JSON body."
        ),
        parameters=[
            OpenApiParameter(
                "reason", OpenApiTypes.STR, description=_("Why it is removed, for the history.")
            )
        ],
        request=None,
        responses={
            204: OpenApiResponse(description=_("Removed.")),
            **{k: v for k, v in _WRITE_ERRORS.items() if k != 409},
        },
    )
    def delete(self, request: Request, pk: int, attachment_pk: int) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        attachment = _attachment_of(nomination, attachment_pk)
        data = ReasonInput(data=request.data or request.query_params)
        data.is_valid(raise_exception=True)
        attachment_remove(actor=request.user, attachment=attachment, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _attachment_of(nomination: Nomination, attachment_pk: int) -> Attachment:
    # The selector has prefetched the dossier: a document of another nomination is not found.
    for attachment in nomination.attachments.all():
        if attachment.pk == attachment_pk:
            return attachment
    raise DomainNotFound()


class NominationSubmitApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Send a draft to the first reviewing level. Refused with checks_failed while the "
            "dossier lacks a required document."
        ),
        request=None,
        responses=write_responses(NominationDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        return _detail(nomination_submit(actor=request.user, nomination=nomination))


class NominationReviewApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "A reviewer of the unit the nomination is at approves it (it goes up a level, or to "
            "the council at the deciding unit), returns it to the nominating unit, or rejects it."
        ),
        request=ReviewInput,
        responses=write_responses(NominationDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        data = validated(ReviewInput, request)
        reviewed = nomination_review(actor=request.user, nomination=nomination, **data)
        return _detail(reviewed)


class NominationResubmitApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "After a return, the nominating unit sends the corrected nomination back to the unit "
            "that returned it."
        ),
        request=ResubmitInput,
        responses=write_responses(NominationDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        data = validated(ResubmitInput, request)
        return _detail(nomination_resubmit(actor=request.user, nomination=nomination, **data))


class NominationWithdrawApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("The nominating unit takes its nomination back, before the council votes."),
        request=WithdrawInput,
        responses=write_responses(NominationDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        nomination = nomination_get_visible(request.user, pk)
        data = validated(WithdrawInput, request)
        return _detail(nomination_withdraw(actor=request.user, nomination=nomination, **data))
