"""Submission letters (tờ trình): a unit sends several draft nominations to the next level in
one letter, and reviewers can act on every nomination of a letter at once."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.nominations import (
    CHOICE,
    FILE,
    REQUIRED,
    NominationListOutput,
    ScopedRelatedField,
    UserRefOutput,
    units_visible_to,
    validated,
    write_responses,
)
from nominations.models import Nomination, ReviewOutcome, Submission
from nominations.selectors import (
    nomination_list_visible_to,
    submission_get_visible,
    submission_list_visible_to,
)
from nominations.services import (
    submission_create,
    submission_review,
    submission_submit,
    submission_update,
)

TAGS = ["submission letters"]
# JSON for the letter's fields alone; multipart when the signed letter is sent with them.
PARSERS = [JSONParser, MultiPartParser, FormParser]


def nominations_visible_to(user: Any) -> QuerySet[Nomination]:
    return nomination_list_visible_to(user)


def nominations_of(user: Any, submission: Submission) -> QuerySet[Nomination]:
    """The letter's nominations, read through the nominations selector (and its scope).

    nomination_list_visible_to could take a `submission=` filter; until it does, this composes it.
    """
    return nomination_list_visible_to(user).filter(submission=submission)


# --- input -------------------------------------------------------------------------------------


class SubmissionFilter(django_filters.FilterSet):
    # No filters yet: the selector lists the letters of the reader's units, the newest first.

    class Meta:
        model = Submission
        fields: list[str] = []


class SubmissionUpdateInput(serializers.Serializer):
    subject = serializers.CharField(max_length=500, error_messages=REQUIRED)
    number = serializers.CharField(
        required=False, allow_blank=True, max_length=60, help_text=_("The letter's number.")
    )
    nominations = ScopedRelatedField(
        select=nominations_visible_to,
        many=True,
        required=False,
        help_text=_("The unit's draft nominations the letter carries (ids); replaces the list."),
    )
    letter_file = serializers.FileField(
        required=False,
        allow_empty_file=True,
        error_messages=FILE,
        help_text=_("The signed letter (multipart); it stands for each nomination's tờ trình."),
    )


class SubmissionCreateInput(SubmissionUpdateInput):
    nominating_unit = ScopedRelatedField(select=units_visible_to, error_messages=REQUIRED)


class SubmissionReviewInput(serializers.Serializer):
    unit = ScopedRelatedField(
        select=units_visible_to,
        error_messages=REQUIRED,
        help_text=_("The reviewing unit: the letter's nominations waiting there are acted on."),
    )
    outcome = serializers.ChoiceField(choices=ReviewOutcome.choices, error_messages=CHOICE)
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required to return or reject: what the unit must fix, or why."),
    )


# --- output ------------------------------------------------------------------------------------


class SubmissionListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    subject = serializers.CharField()
    status = serializers.CharField(help_text=_("draft or submitted."))
    status_label = label_of("status")
    nominating_unit = UnitRefOutput()
    to_unit = UnitRefOutput(allow_null=True, help_text=_("Set when the letter is sent."))
    submitted_at = serializers.DateTimeField(allow_null=True)
    has_letter = serializers.SerializerMethodField(help_text=_("The signed letter is attached."))
    letter_file_name = serializers.CharField()
    created_by = UserRefOutput()
    created_at = serializers.DateTimeField()

    def get_has_letter(self, submission: Submission) -> bool:
        return bool(submission.letter_file)


class SubmissionDetailOutput(SubmissionListOutput):
    nominations = serializers.SerializerMethodField(
        help_text=_("The nominations the letter carries.")
    )

    @extend_schema_field(NominationListOutput(many=True))
    def get_nominations(self, submission: Submission) -> list[dict[str, Any]]:
        return NominationListOutput(self.context["nominations"], many=True).data


# --- endpoints ---------------------------------------------------------------------------------


def _detail(request: Request, submission: Submission, *, code: int = 200) -> Response:
    context = {"nominations": nominations_of(request.user, submission)}
    return Response(SubmissionDetailOutput(submission, context=context).data, status=code)


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_("Submission letters of the units the reader may read, the newest first."),
        responses=responses(SubmissionListOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "A clerk gathers the unit's draft nominations into one letter to the next level "
            "(JSON, or multipart with the signed letter)."
        ),
        request=SubmissionCreateInput,
        responses=write_responses(SubmissionDetailOutput, created=True),
    ),
)
class SubmissionListApi(SelectorListApi):
    serializer_class = SubmissionListOutput
    filterset_class = SubmissionFilter
    parser_classes = PARSERS

    def select(self, **filters: Any) -> QuerySet[Submission]:
        return submission_list_visible_to(self.request.user)

    def post(self, request: Request) -> Response:
        data = validated(SubmissionCreateInput, request)
        submission = submission_create(actor=request.user, **data)
        return _detail(request, submission, code=status.HTTP_201_CREATED)


class SubmissionDetailApi(APIView):
    parser_classes = PARSERS

    @extend_schema(
        tags=TAGS,
        description=_("One letter with the nominations it carries."),
        responses=responses(SubmissionDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _detail(request, submission_get_visible(request.user, pk))

    @extend_schema(
        tags=TAGS,
        description=_(
            "Change a draft letter: its subject, number, signed file (multipart) or the "
            "nominations it carries. Only the fields sent change."
        ),
        request=SubmissionUpdateInput,
        responses=write_responses(SubmissionDetailOutput),
    )
    def patch(self, request: Request, pk: int) -> Response:
        submission = submission_get_visible(request.user, pk)
        data = validated(SubmissionUpdateInput, request, partial=True)
        updated = submission_update(actor=request.user, submission=submission, **data)
        return _detail(request, updated)


class SubmissionSubmitApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Send the letter: every nomination in it goes to the first reviewing level, or none "
            "does (checks_failed lists the problems of each nomination)."
        ),
        request=None,
        responses=write_responses(SubmissionDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        submission = submission_get_visible(request.user, pk)
        return _detail(request, submission_submit(actor=request.user, submission=submission))


class SubmissionReviewApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "A reviewer acts on every nomination of the letter waiting at their unit: approve, "
            "return or reject them all. Answers with the nominations acted on."
        ),
        request=SubmissionReviewInput,
        responses=write_responses(NominationListOutput(many=True)),
    )
    def post(self, request: Request, pk: int) -> Response:
        submission = submission_get_visible(request.user, pk)
        data = validated(SubmissionReviewInput, request)
        reviewed = submission_review(actor=request.user, submission=submission, **data)
        return Response(NominationListOutput(reviewed, many=True).data)
