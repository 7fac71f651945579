"""Workflow tasks: the caller's inbox (tasks they hold) and queue (tasks they may take), and
taking, releasing and handing a task over. A task of a nomination outside the caller's scope is
a 404; one they can see but not work is a 403 from the service."""

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
from viewflow.workflow.models import Task

from accounts.selectors import colleagues_of
from api.base import SelectorListApi, UnitRefOutput, responses
from api.nominations import (
    AwardRefOutput,
    NomineeOutput,
    ScopedRelatedField,
    UserRefOutput,
    nominee_of,
    validated,
    write_responses,
)
from nominations.models import Nomination, NominationStatus
from workflows.models import Step
from workflows.selectors import (
    task_deadline,
    task_deadlines,
    task_get_visible,
    task_inbox_for,
    task_queue_for,
    task_step,
    task_unit_id,
)
from workflows.services import task_claim, task_reassign, task_release

TAGS = ["tasks"]


def _deadlines_of(tasks: Any) -> dict[int, Any]:
    """The deadline of each task of a page, in one query."""
    tasks = list(tasks)
    moments = task_deadlines(tasks)
    return {task.pk: moments[task.pk][1] if task.pk in moments else None for task in tasks}


# --- input -------------------------------------------------------------------------------------


class TaskFilter(django_filters.FilterSet):
    box = django_filters.ChoiceFilter(
        choices=[
            ("inbox", _("Tasks I have taken")),
            ("queue", _("Tasks I may take")),
        ],
        help_text=_("inbox: tasks you hold; queue: tasks you may take; both when absent."),
    )

    class Meta:
        model = Task
        fields: list[str] = []


class ReleaseInput(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReassignInput(serializers.Serializer):
    user = ScopedRelatedField(
        select=colleagues_of,
        help_text=_("The new owner (a user id): someone who may work this step at its unit."),
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


# --- output ------------------------------------------------------------------------------------


class TaskNominationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=NominationStatus.choices)
    year = serializers.IntegerField()
    nominee = serializers.SerializerMethodField()
    award = AwardRefOutput(source="award_type")
    nominating_unit = UnitRefOutput()

    @extend_schema_field(NomineeOutput)
    def get_nominee(self, nomination: Nomination) -> dict[str, Any]:
        return nominee_of(nomination)


class TaskListSerializer(serializers.ListSerializer):
    def to_representation(self, data: Any) -> list[Any]:
        tasks = list(data.all() if hasattr(data, "all") else data)
        # One query for the page's deadlines instead of one per task.
        self.child.context["deadlines"] = _deadlines_of(tasks)
        return super().to_representation(tasks)


class TaskOutput(serializers.Serializer):
    id = serializers.IntegerField()
    step = serializers.SerializerMethodField()
    step_label = serializers.SerializerMethodField()
    status = serializers.CharField(
        help_text=_("NEW: waiting to be taken; ASSIGNED: taken by its owner.")
    )
    created = serializers.DateTimeField(help_text=_("When the step opened."))
    owner = UserRefOutput(allow_null=True, help_text=_("Who has taken it; empty in the queue."))
    unit = serializers.SerializerMethodField(help_text=_("The unit whose step this is."))
    deadline = serializers.SerializerMethodField(
        help_text=_("When it is due; empty when the step has no deadline.")
    )
    nomination = TaskNominationOutput(source="process.nominationprocess.nomination")

    class Meta:
        list_serializer_class = TaskListSerializer

    @extend_schema_field(serializers.ChoiceField(choices=Step.choices))
    def get_step(self, task: Task) -> str | None:
        return task_step(task)

    def get_step_label(self, task: Task) -> str:
        return str(Step(task_step(task)).label)

    @extend_schema_field(UnitRefOutput)
    def get_unit(self, task: Task) -> dict[str, Any]:
        nomination = task.process.nominationprocess.nomination
        unit_id = task_unit_id(task)
        # The selector has loaded both units a step can belong to (the council and the decision
        # are at the deciding unit, where the nomination then is).
        unit = next(
            candidate
            for candidate in (nomination.current_unit, nomination.nominating_unit)
            if candidate is not None and candidate.pk == unit_id
        )
        return UnitRefOutput(unit).data

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_deadline(self, task: Task) -> str | None:
        deadlines = self.context.get("deadlines")
        deadline = deadlines[task.pk] if deadlines is not None else task_deadline(task)
        # Formatted as every other moment of the API (in the site's time zone).
        return serializers.DateTimeField().to_representation(deadline) if deadline else None


# --- endpoints ---------------------------------------------------------------------------------


@extend_schema(
    tags=TAGS,
    description=_(
        "The caller's open tasks: those they have taken (inbox) and those offered to their roles "
        "at their units (queue), the oldest first."
    ),
    responses=responses(TaskOutput(many=True), 400, 401),
)
class TaskListApi(SelectorListApi):
    serializer_class = TaskOutput
    filterset_class = TaskFilter

    def select(self, *, box: str = "") -> QuerySet[Task]:
        user = self.request.user
        if box == "inbox":
            return task_inbox_for(user)
        if box == "queue":
            return task_queue_for(user)
        return (task_inbox_for(user) | task_queue_for(user)).order_by("created")


class TaskDetailApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("One task of a nomination the caller may read."),
        responses=responses(TaskOutput, 401, 404),
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(TaskOutput(task_get_visible(request.user, pk)).data)


class TaskClaimApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("Take a task from the queue into one's inbox; 409 if someone took it first."),
        request=None,
        responses=write_responses(TaskOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        task = task_get_visible(request.user, pk)
        return Response(TaskOutput(task_claim(actor=request.user, task=task)).data)


class TaskReleaseApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_("Put a task one has taken back into the unit's queue."),
        request=ReleaseInput,
        responses=write_responses(TaskOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        task = task_get_visible(request.user, pk)
        data = validated(ReleaseInput, request)
        return Response(TaskOutput(task_release(actor=request.user, task=task, **data)).data)


class TaskReassignApi(APIView):
    @extend_schema(
        tags=TAGS,
        description=_(
            "Hand a task to someone who holds the step's role at its unit: its owner may, and so "
            "may an administrator of the unit."
        ),
        request=ReassignInput,
        responses=write_responses(TaskOutput),
    )
    def post(self, request: Request, pk: int) -> Response:
        task = task_get_visible(request.user, pk)
        data = validated(ReassignInput, request)
        reassigned = task_reassign(
            actor=request.user, task=task, to_user=data["user"], reason=data["reason"]
        )
        return Response(TaskOutput(reassigned).data)
