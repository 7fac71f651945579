"""The auditor's API (issue 6 §4), read-only: the event log searched, a nomination's timeline,
the anomaly reports and the state of the chain. Auditors read their unit's subtree, system
administrators everything; anyone else gets 403, an object outside the subtree 404."""

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
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import ErrorOutput, SelectorListApi, UnitRefOutput, label_of, responses
from api.filters import id_filter
from api.nominations import AwardRefOutput, NomineeOutput, UserRefOutput, nominee_of
from audit.models import AuditEvent, EventType
from audit.selectors import (
    TimelineKind,
    audit_chain_status,
    audit_event_search,
    nomination_timeline,
    object_history_for,
)
from audit.selectors_reports import DEFAULT_RETURNS, audit_anomaly_reports
from awards.models import QuotaScope
from nominations.models import NominationStatus
from nominations.views.detail import role_label
from workflows.models import Step

TAGS = ["audit"]
_FORBIDDEN = OpenApiResponse(
    ErrorOutput, description=_("Only auditors and system administrators read the audit.")
)


def _documented(ok: Any, *errors: int) -> dict[int, Any]:
    return {**responses(ok, *errors), 403: _FORBIDDEN}


# --- input -------------------------------------------------------------------------------------


class EventFilter(django_filters.FilterSet):
    actor = django_filters.CharFilter(help_text=_("Part of the actor's username or full name."))
    unit = id_filter(help_text=_("Events of this unit and the units under it (a unit id)."))
    event_type = django_filters.ChoiceFilter(choices=EventType.choices)
    since = django_filters.DateFilter(help_text=_("From this day (YYYY-MM-DD), included."))
    until = django_filters.DateFilter(help_text=_("Up to this day (YYYY-MM-DD), included."))

    class Meta:
        model = AuditEvent
        fields: list[str] = []


class ReportQueryInput(serializers.Serializer):
    year = serializers.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_("The year of the nominations and decisions (default: this year)."),
    )
    more_than = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=50,
        default=DEFAULT_RETURNS,
        help_text=_("Nominations returned more than this many times (default: 2)."),
    )
    since = serializers.DateField(
        required=False, help_text=_("Events (overrides, escalations) from this day.")
    )
    until = serializers.DateField(required=False, help_text=_("Events up to this day, included."))

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise serializers.ValidationError(
                {"until": [_("The end of the period must not be before its start.")]}
            )
        return data


# --- output ------------------------------------------------------------------------------------


class AuditLogEventOutput(serializers.Serializer):
    seq = serializers.IntegerField(help_text=_("Its place in the chain."))
    occurred_at = serializers.DateTimeField()
    event_type = serializers.ChoiceField(choices=EventType.choices)
    event_label = label_of("event_type")
    actor = UserRefOutput(allow_null=True, help_text=_("Empty for the system."))
    actor_role = serializers.CharField(help_text=_("The role the actor acted under."))
    actor_role_label = serializers.SerializerMethodField()
    actor_unit = UnitRefOutput(allow_null=True, help_text=_("The unit of that role."))
    client_ip = serializers.IPAddressField(allow_null=True)
    object_type = serializers.SerializerMethodField(help_text=_("app_label.model, or empty."))
    object_id = serializers.CharField()
    object_repr = serializers.CharField()
    unit = UnitRefOutput(allow_null=True, help_text=_("The unit the object belongs to."))
    changes = serializers.JSONField()
    reason = serializers.CharField()
    hash = serializers.CharField()

    def get_actor_role_label(self, event: AuditEvent) -> str:
        return role_label(event.actor_role) if event.actor_role else ""

    def get_object_type(self, event: AuditEvent) -> str:
        kind = event.content_type
        return f"{kind.app_label}.{kind.model}" if kind is not None else ""


class FieldChangeOutput(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.CharField(allow_null=True)
    new = serializers.CharField(allow_null=True)


class TimelineEntryOutput(serializers.Serializer):
    when = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=TimelineKind.choices)
    kind_label = serializers.CharField()
    code = serializers.CharField(
        help_text=_(
            "The event type for events; step:opened|completed|cancelled for steps; +, ~ or - "
            "for field changes; the result for a council tally."
        )
    )
    what = serializers.CharField()
    who = serializers.CharField()
    actor_id = serializers.IntegerField(allow_null=True)
    role = serializers.CharField()
    role_label = serializers.SerializerMethodField()
    unit = serializers.CharField()
    reason = serializers.CharField()
    changes = FieldChangeOutput(many=True)
    model = serializers.CharField(help_text=_("The object whose history row this is."))
    object_id = serializers.CharField(allow_null=True)
    version = serializers.IntegerField(allow_null=True, help_text=_("The history row's id."))
    seq = serializers.IntegerField(allow_null=True, help_text=_("The event's place in the chain."))

    def get_role_label(self, entry: Any) -> str:
        return role_label(entry.role) if entry.role else ""


class TimelineNominationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=NominationStatus.choices)
    status_label = label_of("status")
    year = serializers.IntegerField()
    nominee = serializers.SerializerMethodField()
    award = AwardRefOutput(source="award_type")
    nominating_unit = UnitRefOutput()
    return_count = serializers.IntegerField()

    @extend_schema_field(NomineeOutput)
    def get_nominee(self, nomination: Any) -> dict[str, Any]:
        return nominee_of(nomination)


class TimelineOutput(serializers.Serializer):
    nomination = TimelineNominationOutput()
    entries = TimelineEntryOutput(many=True)


class ReturnedOutput(TimelineNominationOutput):
    pass


class AwardWithoutCouncilOutput(serializers.Serializer):
    decision_id = serializers.IntegerField(source="decision.pk")
    decision = serializers.CharField(source="decision.__str__")
    deciding_unit = UnitRefOutput(source="decision.deciding_unit")
    issued_at = serializers.DateTimeField(source="decision.issued_at", allow_null=True)
    nomination_id = serializers.IntegerField()
    nominating_unit = UnitRefOutput(source="nomination.nominating_unit")
    recipient_name = serializers.CharField()
    award = AwardRefOutput(source="award_type")
    revoked_on = serializers.DateField(allow_null=True)


class OverdueStepOutput(serializers.Serializer):
    task_id = serializers.IntegerField(source="task.pk")
    step = serializers.CharField(help_text=_("review, resubmit, council or decision."))
    step_label = serializers.SerializerMethodField()
    opened = serializers.DateTimeField(source="task.created")
    deadline = serializers.DateTimeField()
    owner = UserRefOutput(source="task.owner", allow_null=True)
    nomination_id = serializers.IntegerField(source="nomination.pk")
    nominating_unit = UnitRefOutput(source="nomination.nominating_unit")

    def get_step_label(self, step: Any) -> str:
        return str(Step(step.step).label)


class OverdueOutput(serializers.Serializer):
    open_steps = OverdueStepOutput(many=True)
    escalations = AuditLogEventOutput(many=True)


class ShareOutput(serializers.Serializer):
    unit_id = serializers.IntegerField()
    unit_name = serializers.CharField()
    nominees = serializers.IntegerField()
    nominee_workers = serializers.IntegerField()
    nominee_leaders = serializers.IntegerField()
    nominee_worker_share = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    awardees = serializers.IntegerField()
    awardee_workers = serializers.IntegerField()
    awardee_leaders = serializers.IntegerField()
    awardee_worker_share = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class QuotaNearLimitOutput(serializers.Serializer):
    award = AwardRefOutput(source="quota.award_type")
    scope = serializers.ChoiceField(choices=QuotaScope.choices, source="quota.scope")
    scope_label = serializers.CharField(source="quota.get_scope_display")
    citation = serializers.CharField(source="quota.citation")
    unit = UnitRefOutput(
        allow_null=True, help_text=_("Empty: the whole country (a national quota).")
    )
    topic = serializers.CharField(source="topic.name", allow_null=True, default=None)
    count = serializers.IntegerField(
        source="counted", help_text=_("Nominations pending or awarded in the year.")
    )
    limit = serializers.IntegerField()
    share = serializers.DecimalField(max_digits=7, decimal_places=1)
    state = serializers.ChoiceField(choices=[("near", "near"), ("at", "at"), ("over", "over")])


class ReportsOutput(serializers.Serializer):
    year = serializers.IntegerField()
    more_than = serializers.IntegerField()
    overrides = AuditLogEventOutput(many=True)
    returned_often = ReturnedOutput(many=True)
    awards_without_council = AwardWithoutCouncilOutput(many=True)
    overdue = OverdueOutput()
    leader_share = ShareOutput(many=True)
    quotas = QuotaNearLimitOutput(many=True)


class ChainBreakOutput(serializers.Serializer):
    seq = serializers.IntegerField()
    kind = serializers.CharField()
    reason = serializers.CharField()
    event_id = serializers.IntegerField(allow_null=True)


class ChainPointOutput(serializers.Serializer):
    seq = serializers.IntegerField()
    hash = serializers.CharField()
    occurred_at = serializers.DateTimeField(allow_null=True)


class ChainStatusOutput(serializers.Serializer):
    intact = serializers.SerializerMethodField()
    first_break = ChainBreakOutput(allow_null=True)
    head = ChainPointOutput(allow_null=True)
    events = serializers.IntegerField()
    checked_at = serializers.DateTimeField()

    def get_intact(self, status: Any) -> bool:
        return status.first_break is None


# --- endpoints ---------------------------------------------------------------------------------


@extend_schema(
    tags=TAGS,
    description=_(
        "The business events of the units the reader audits, newest first: who did what, under "
        "which role and unit, from which address, on which object, with the changes and the "
        "reason."
    ),
    responses=_documented(AuditLogEventOutput(many=True), 400, 401),
)
class AuditEventListApi(SelectorListApi):
    serializer_class = AuditLogEventOutput
    filterset_class = EventFilter

    def select(self, **filters: Any) -> QuerySet[AuditEvent]:
        return audit_event_search(self.request.user, **filters)


class NominationTimelineApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Everything that happened to one nomination, oldest first: business events, "
            "workflow steps, field changes (with the history version to diff), council tallies, "
            "the decision and a revocation, each with when, who, role, unit and reason."
        ),
        responses=_documented(TimelineOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(TimelineOutput(nomination_timeline(request.user, pk)).data)


class HistoryVersionOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The history row's id: pass it as `a` or `b`."))
    date = serializers.DateTimeField()
    user = serializers.CharField(allow_null=True)
    type = serializers.CharField(help_text=_("+ created, ~ changed, - deleted."))
    reason = serializers.CharField()


class ObjectHistoryOutput(serializers.Serializer):
    model = serializers.CharField(source="label")
    object_id = serializers.CharField(source="pk")
    versions = HistoryVersionOutput(many=True, help_text=_("Newest first."))
    version_a = serializers.IntegerField(allow_null=True)
    version_b = serializers.IntegerField(allow_null=True)
    changes = FieldChangeOutput(many=True, help_text=_("From version a to version b."))


class HistoryDiffInput(serializers.Serializer):
    a = serializers.IntegerField(required=False, min_value=1)
    b = serializers.IntegerField(required=False, min_value=1)


class ObjectHistoryApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The versions of one tracked object (model as app_label.model, e.g. "
            "nominations.nomination) and the field-by-field diff between two of them (`a`, `b`: "
            "history row ids; by default the two newest). For auditors of the object's unit."
        ),
        parameters=[
            OpenApiParameter("a", OpenApiTypes.INT, description=_("The older version.")),
            OpenApiParameter("b", OpenApiTypes.INT, description=_("The newer version.")),
        ],
        responses=_documented(ObjectHistoryOutput, 400, 401, 404),
    )
    def get(self, request: Request, label: str, pk: str) -> Response:
        query = HistoryDiffInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        history = object_history_for(
            request.user,
            label,
            pk,
            version_a=query.validated_data.get("a"),
            version_b=query.validated_data.get("b"),
        )
        return Response(ObjectHistoryOutput(history).data)


class AnomalyReportsApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "The six anomaly reports of the units the reader audits: overridden checks, "
            "nominations returned more than N times, awards issued without the council vote "
            "they needed, steps past their deadline, direct workers and leaders among nominees "
            "and awardees per unit, quotas near or over their limit. Each list holds at most "
            "200 rows."
        ),
        parameters=[ReportQueryInput],
        responses=_documented(ReportsOutput, 400, 401),
    )
    def get(self, request: Request) -> Response:
        query = ReportQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        reports = audit_anomaly_reports(request.user, **query.validated_data)
        return Response(ReportsOutput(reports).data)


class ChainStatusApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Whether the event log is intact (the first broken link if not) and its head, to "
            "compare with an exported anchor. Walks the whole chain."
        ),
        responses=_documented(ChainStatusOutput, 401),
    )
    def get(self, request: Request) -> Response:
        return Response(ChainStatusOutput(audit_chain_status(request.user)).data)
