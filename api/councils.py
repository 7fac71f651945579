"""Councils and their sessions: the agenda, attendance, votes and the close that decides.

The council secretary of the deciding unit plans a session, puts nominations waiting at the
council step on its agenda, opens it, records attendance and closes it; each member present votes
once per agenda item. Every write is one service call on a session first looked up through the
reader's scope, so one outside it is a 404.

A secret ballot never shows how anyone voted: casting it answers the same whatever the choice,
and an item's tally stays empty until the session closes (nominations.selectors_councils).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
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
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SelectorListApi, UnitRefOutput, label_of, responses
from api.filters import id_filter
from api.nominations import (
    CHOICE,
    REQUIRED,
    AwardRefOutput,
    NomineeOutput,
    ScopedRelatedField,
    UserRefOutput,
    nominee_of,
    validated,
    write_responses,
)
from awards.models import BallotType, VoteBase
from common.exceptions import DomainNotFound
from nominations.models import (
    AgendaItem,
    AgendaResult,
    Council,
    CouncilPosition,
    CouncilSession,
    Nomination,
    SessionStatus,
    VoteChoice,
)
from nominations.selectors import nomination_list_visible_to
from nominations.selectors_councils import (
    agenda_item_tally,
    council_get_visible,
    council_list_visible_to,
    council_member_list,
    council_member_list_visible_to,
    council_session_get_visible,
    council_session_list_visible_to,
)
from nominations.services import (
    agenda_item_add,
    agenda_item_remove,
    attendance_record,
    council_session_cancel,
    council_session_close,
    council_session_create,
    council_session_open,
    vote_cast,
)

TAGS = ["councils"]


def nominations_visible_to(user: Any) -> QuerySet[Nomination]:
    return nomination_list_visible_to(user)


# --- input -------------------------------------------------------------------------------------


class CouncilFilter(django_filters.FilterSet):
    # No filters yet: the councils of the units the reader may read, by unit name.

    class Meta:
        model = Council
        fields: list[str] = []


class SessionFilter(django_filters.FilterSet):
    council = id_filter(help_text=_("Only the sessions of this council (a council id)."))
    status = django_filters.ChoiceFilter(
        choices=SessionStatus.choices,
        help_text=_("planned, open, closed or cancelled."),
    )

    class Meta:
        model = CouncilSession
        fields: list[str] = []


class SessionCreateInput(serializers.Serializer):
    council = ScopedRelatedField(
        select=council_list_visible_to,
        error_messages=REQUIRED,
        help_text=_("The council that meets (an id, from /councils/)."),
    )
    title = serializers.CharField(max_length=255, error_messages=REQUIRED)
    scheduled_at = serializers.DateTimeField(
        error_messages={**REQUIRED, "invalid": _("Enter a date and time, e.g. 2025-12-10T08:30.")},
        help_text=_("When the council meets."),
    )
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)


class AgendaItemAddInput(serializers.Serializer):
    nomination = ScopedRelatedField(
        select=nominations_visible_to,
        error_messages=REQUIRED,
        help_text=_("A nomination waiting at this council's step (an id)."),
    )


class AttendanceInput(serializers.Serializer):
    member = ScopedRelatedField(
        select=council_member_list_visible_to,
        error_messages=REQUIRED,
        help_text=_("The council member (a member id, from the session's attendance)."),
    )
    present = serializers.BooleanField(
        error_messages={**REQUIRED, "invalid": _("Enter true or false.")}
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=255,
        help_text=_("E.g. why the member is absent."),
    )


class VoteInput(serializers.Serializer):
    choice = serializers.ChoiceField(
        choices=VoteChoice.choices,
        error_messages=CHOICE,
        help_text=_("yes (for), no (against) or abstain."),
    )


class CloseInput(serializers.Serializer):
    minutes = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The minutes of the meeting; written from the results when empty."),
    )


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Why, for the history.")
    )


# --- output ------------------------------------------------------------------------------------


class CouncilMemberOutput(serializers.Serializer):
    id = serializers.IntegerField()
    user = UserRefOutput()
    position = serializers.ChoiceField(choices=CouncilPosition.choices)
    position_label = label_of("position")
    title = serializers.CharField(help_text=_("The member's title in the unit."))
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True, help_text=_("The last day of the term."))


class CouncilListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = UnitRefOutput(help_text=_("The deciding unit whose council it is."))
    established_by = serializers.CharField(help_text=_("The decision that set it up."))


class CouncilDetailOutput(CouncilListOutput):
    members = serializers.SerializerMethodField(help_text=_("The members today, the chair first."))

    @extend_schema_field(CouncilMemberOutput(many=True))
    def get_members(self, council: Council) -> list[dict[str, Any]]:
        return CouncilMemberOutput(self.context["members"], many=True).data


class CouncilRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = UnitRefOutput()


class SessionListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    council = CouncilRefOutput()
    scheduled_at = serializers.DateTimeField()
    location = serializers.CharField()
    # A plain string: an enum here would give the statuses of nominations a second name.
    status = serializers.CharField(help_text=_("planned, open, closed or cancelled."))
    status_label = label_of("status")
    member_count = serializers.IntegerField(
        allow_null=True, help_text=_("The members when it opened: the base of the quorum.")
    )
    opened_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


class AgendaNominationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text=_("The nomination's status, e.g. at_council."))
    status_label = label_of("status")
    year = serializers.IntegerField()
    nominee = serializers.SerializerMethodField()
    award = AwardRefOutput(source="award_type")
    nominating_unit = UnitRefOutput()

    @extend_schema_field(NomineeOutput)
    def get_nominee(self, nomination: Nomination) -> dict[str, Any]:
        return nominee_of(nomination)


class TallyOutput(serializers.Serializer):
    yes = serializers.IntegerField(help_text=_("For."))
    no = serializers.IntegerField(help_text=_("Against."))
    abstain = serializers.IntegerField()
    cast = serializers.IntegerField(help_text=_("Votes cast in all."))


class OpenVoteOutput(serializers.Serializer):
    member = serializers.IntegerField(source="member_id", help_text=_("The member's id."))
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


class AgendaItemOutput(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField(help_text=_("The order on the agenda, from 1."))
    nomination = AgendaNominationOutput()
    ballot_type = serializers.ChoiceField(choices=BallotType.choices)
    ballot_type_label = label_of("ballot_type")
    vote_base = serializers.ChoiceField(
        choices=VoteBase.choices, help_text=_("What the threshold is counted over.")
    )
    threshold_pct = serializers.DecimalField(max_digits=5, decimal_places=2)
    result = serializers.ChoiceField(choices=AgendaResult.choices)
    result_label = label_of("result")
    tally = serializers.SerializerMethodField(
        help_text=_(
            "The votes so far. Empty while they must stay hidden: before the session opens, "
            "and for a secret ballot until the session closes."
        )
    )
    base_count = serializers.SerializerMethodField(
        help_text=_("The members the threshold was counted over; empty until the session closes.")
    )
    votes = serializers.SerializerMethodField(
        help_text=_("Who voted how, for a show of hands; always empty for a secret ballot.")
    )

    @extend_schema_field(TallyOutput(allow_null=True))
    def get_tally(self, item: AgendaItem) -> dict[str, Any] | None:
        tally = agenda_item_tally(item)
        if tally is None:
            return None
        return TallyOutput(
            {"yes": tally.yes, "no": tally.no, "abstain": tally.abstain, "cast": tally.cast}
        ).data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_base_count(self, item: AgendaItem) -> int | None:
        return item.base_count if item.result != AgendaResult.PENDING else None

    @extend_schema_field(OpenVoteOutput(many=True))
    def get_votes(self, item: AgendaItem) -> list[dict[str, Any]]:
        if item.ballot_type == BallotType.SECRET:
            return []  # none are recorded; said here too, so no change elsewhere can leak one
        return OpenVoteOutput(item.votes.all(), many=True).data


class AttendanceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    member = CouncilMemberOutput()
    present = serializers.BooleanField()
    note = serializers.CharField()


class SessionDetailOutput(SessionListOutput):
    minutes = serializers.CharField(help_text=_("Written when the session closes."))
    created_by = UserRefOutput()
    agenda = AgendaItemOutput(many=True, source="items.all")
    attendance = AttendanceOutput(
        many=True,
        source="attendance.all",
        help_text=_("Every member when the session opened, absent until recorded present."),
    )


class VoteOutput(serializers.Serializer):
    # The same answer whatever the choice: a secret ballot's response must not carry it.
    item = serializers.IntegerField(help_text=_("The agenda item voted on."))
    member = serializers.IntegerField(help_text=_("The voter's council member id."))
    ballot_type = serializers.ChoiceField(choices=BallotType.choices)
    recorded = serializers.BooleanField(help_text=_("Always true: the vote is recorded."))


# --- endpoints ---------------------------------------------------------------------------------


def _session_detail(request: Request, pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    """The session as it is now, read again through the reader's scope with its agenda."""
    session = council_session_get_visible(request.user, pk)
    return Response(SessionDetailOutput(session).data, status=code)


def _item_of(session: CouncilSession, item_pk: int) -> AgendaItem:
    # The selector has prefetched the agenda: an item of another session is not found.
    for item in session.items.all():
        if item.pk == item_pk:
            return item
    raise DomainNotFound()


@extend_schema(
    tags=TAGS,
    description=_("The councils of the units the reader may read, by unit name."),
    responses=responses(CouncilListOutput(many=True), 400, 401),
)
class CouncilListApi(SelectorListApi):
    serializer_class = CouncilListOutput
    filterset_class = CouncilFilter

    def select(self, **filters: Any) -> QuerySet[Council]:
        return council_list_visible_to(self.request.user)


class CouncilDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One council with its members today. Members are seated and removed by the unit's "
            "administrators, in the administration site."
        ),
        responses=responses(CouncilDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        council = council_get_visible(request.user, pk)
        context = {"members": council_member_list(council)}
        return Response(CouncilDetailOutput(council, context=context).data)


@extend_schema_view(
    get=extend_schema(
        tags=TAGS,
        description=_("Sessions of the councils the reader may read, the latest meeting first."),
        responses=responses(SessionListOutput(many=True), 400, 401),
    ),
    post=extend_schema(
        tags=TAGS,
        description=_(
            "The council secretary plans a session; then puts nominations on its agenda "
            "(POST …/agenda/) and opens it on the day."
        ),
        request=SessionCreateInput,
        responses=write_responses(SessionDetailOutput, created=True),
    ),
)
class SessionListApi(SelectorListApi):
    serializer_class = SessionListOutput
    filterset_class = SessionFilter

    def select(self, **filters: Any) -> QuerySet[CouncilSession]:
        return council_session_list_visible_to(self.request.user, **filters)

    def post(self, request: Request) -> Response:
        data = validated(SessionCreateInput, request)
        session = council_session_create(actor=request.user, **data)
        return _session_detail(request, session.pk, code=status.HTTP_201_CREATED)


class SessionDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One session with its agenda (each item's ballot, threshold, votes so far when they "
            "may be shown, and result) and its attendance."
        ),
        responses=responses(SessionDetailOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return _session_detail(request, pk)


class AgendaItemAddApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Put a nomination waiting at this council's step on the agenda of a planned session. "
            "The council step's checks run now: checks_failed lists what blocks it."
        ),
        request=AgendaItemAddInput,
        responses=write_responses(AgendaItemOutput, created=True),
    )
    def post(self, request: Request, pk: int) -> Response:
        session = council_session_get_visible(request.user, pk)
        data = validated(AgendaItemAddInput, request)
        item = agenda_item_add(actor=request.user, session=session, **data)
        return Response(AgendaItemOutput(item).data, status=status.HTTP_201_CREATED)


class AgendaItemApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "One agenda item and its result. The tally is empty while it must stay hidden: a "
            "secret ballot's count is shown only once the session has closed, and no one's "
            "choice ever is."
        ),
        responses=responses(AgendaItemOutput, 401, 404),
    )
    def get(self, request: Request, pk: int, item_pk: int) -> Response:
        session = council_session_get_visible(request.user, pk)
        return Response(AgendaItemOutput(_item_of(session, item_pk)).data)

    @extend_schema(
        tags=TAGS,
        description=_(
            "Take a nomination off a planned session's agenda; it waits for another session. "
            "The reason may also be sent in a JSON body."
        ),
        parameters=[
            OpenApiParameter(
                "reason", OpenApiTypes.STR, description=_("Why it is removed, for the history.")
            )
        ],
        request=None,
        responses={
            204: OpenApiResponse(description=_("Removed.")),
            **{code: answer for code, answer in write_responses(None).items() if code != 200},
        },
    )
    def delete(self, request: Request, pk: int, item_pk: int) -> Response:
        session = council_session_get_visible(request.user, pk)
        item = _item_of(session, item_pk)
        data = ReasonInput(data=request.data or request.query_params)
        data.is_valid(raise_exception=True)
        agenda_item_remove(actor=request.user, item=item, **data.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class VoteCastApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "A member recorded present votes on one agenda item of an open session, once. The "
            "answer is the same whatever the choice; a secret ballot keeps who voted apart from "
            "how."
        ),
        request=VoteInput,
        responses=write_responses(VoteOutput, created=True),
    )
    def post(self, request: Request, pk: int, item_pk: int) -> Response:
        session = council_session_get_visible(request.user, pk)
        item = _item_of(session, item_pk)
        data = validated(VoteInput, request)
        cast = vote_cast(actor=request.user, item=item, **data)
        body = {
            "item": item.pk,
            "member": cast.member_id,
            "ballot_type": item.ballot_type,
            "recorded": True,
        }
        return Response(VoteOutput(body).data, status=status.HTTP_201_CREATED)


class AttendanceRecordApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The secretary records whether a member is at the meeting of an open session; only "
            "members present vote, and one who has voted cannot be marked absent."
        ),
        request=AttendanceInput,
        responses=write_responses(AttendanceOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        session = council_session_get_visible(request.user, pk)
        data = validated(AttendanceInput, request)
        row = attendance_record(actor=request.user, session=session, **data)
        return Response(AttendanceOutput(row).data)


class SessionOpenApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Start the meeting: the number of members and each award's voting rule are fixed, "
            "and every member is listed absent until recorded present. Refused while the agenda "
            "is empty or the council is not complete."
        ),
        request=None,
        responses=write_responses(SessionDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        session = council_session_get_visible(request.user, pk)
        council_session_open(actor=request.user, session=session)
        return _session_detail(request, pk)


class SessionCloseApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Count the votes and end the meeting. Answers with the results of every agenda item "
            "and the minutes; passed nominations go on to the decision, the others end. Refused "
            "with quorum_not_met, changing nothing, while too few members are present."
        ),
        request=CloseInput,
        responses=write_responses(SessionDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        session = council_session_get_visible(request.user, pk)
        data = validated(CloseInput, request)
        council_session_close(actor=request.user, session=session, **data)
        return _session_detail(request, pk)


class SessionCancelApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Call off a planned session; its nominations can go on another session's agenda."
        ),
        request=ReasonInput,
        responses=write_responses(SessionDetailOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        session = council_session_get_visible(request.user, pk)
        data = validated(ReasonInput, request)
        council_session_cancel(actor=request.user, session=session, **data)
        return _session_detail(request, pk)
