"""Reads of the workflow: who must act on what, and by when.

A task belongs to a unit and a role through its nomination: a review to the unit the nomination
is at (its reviewers), a resubmission to the nominating unit (its clerks), the council and the
decision to the deciding unit (its council secretary, its signer). Our roles are scoped to units,
so these queries replace viewflow's permission-based inbox and queue.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from common.exceptions import DomainNotFound
from nominations.permissions import acting_units
from nominations.selectors import nomination_list_visible_to
from organizations.models import Role
from workflows.models import Step, StepDeadline

# step → (role that works it, field of the nomination that names its unit)
STEP_OWNERS: dict[str, tuple[str, str]] = {
    Step.REVIEW: (Role.REVIEWER, "current_unit"),
    Step.RESUBMIT: (Role.CLERK, "nominating_unit"),
    Step.COUNCIL: (Role.COUNCIL_SECRETARY, "deciding_unit"),
    Step.DECISION: (Role.SIGNER, "deciding_unit"),
}
OPEN_STATUSES = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
# Used when no deadline is configured for a step: the timers exist but never come due.
NO_DEADLINE = datetime.timedelta(days=365 * 100)


def _flow() -> Any:
    from workflows.flows import NominationFlow

    return NominationFlow


def step_node(step: str) -> Any:
    return getattr(_flow(), step)


def task_step(task: Task) -> str | None:
    """The step of a human task of the nomination flow, or None for other tasks."""
    return getattr(task.flow_task, "step", None)


def task_unit_id(task: Task) -> int | None:
    step = task_step(task)
    if step is None:
        return None
    _role, field = STEP_OWNERS[step]
    return getattr(task.process.nominationprocess.nomination, f"{field}_id")


def _tasks() -> QuerySet[Task]:
    return Task.objects.filter(process__flow_class=_flow()).select_related(
        "owner",
        "process__nominationprocess__nomination__award_type",
        "process__nominationprocess__nomination__nominee_person",
        "process__nominationprocess__nomination__nominee_unit",
        "process__nominationprocess__nomination__nominating_unit",
        "process__nominationprocess__nomination__current_unit",
    )


def _offered_to(user: Any) -> Q:
    """Tasks of the steps the user may work, at the units where they may work them."""
    condition = Q(pk__in=[])
    for step, (role, field) in STEP_OWNERS.items():
        units = acting_units(user, role)
        if units:
            condition |= Q(
                flow_task=step_node(step),
                **{f"process__nominationprocess__nomination__{field}_id__in": units},
            )
    return condition


def task_queue_for(user: Any) -> QuerySet[Task]:
    """Open tasks nobody has taken yet, at the user's units and roles."""
    return _tasks().filter(_offered_to(user), status=STATUS.NEW).order_by("created")


def task_inbox_for(user: Any) -> QuerySet[Task]:
    """Tasks the user has taken (or that were assigned to them) and not finished."""
    return (
        _tasks()
        .filter(owner=user, status__in=[STATUS.ASSIGNED, STATUS.STARTED])
        .filter(flow_task__in=[step_node(step) for step in STEP_OWNERS])
        .order_by("created")
    )


def task_get_visible(user: Any, pk: Any) -> Task:
    """A human task of a nomination the user may read; otherwise not found."""
    task = (
        _tasks()
        .filter(
            pk=pk,
            flow_task__in=[step_node(step) for step in STEP_OWNERS],
            process__nominationprocess__nomination__in=nomination_list_visible_to(user),
        )
        .first()
    )
    if task is None:
        raise DomainNotFound()
    return task


def open_task(nomination: Any, step: str) -> Task | None:
    """The nomination's open task of `step`, if there is one."""
    return (
        Task.objects.filter(
            process__nominationprocess__nomination=nomination,
            flow_task=step_node(step),
            status__in=OPEN_STATUSES,
        )
        .order_by("-created")
        .first()
    )


def open_tasks(nomination: Any) -> QuerySet[Task]:
    return _tasks().filter(
        process__nominationprocess__nomination=nomination,
        flow_task__in=[step_node(step) for step in STEP_OWNERS],
        status__in=OPEN_STATUSES,
    )


def people_who_act(unit_id: int | None, role: str) -> list[Any]:
    """Everyone who may work `role`'s tasks at the unit today: its holders and their delegates."""
    from organizations.models import RoleAssignment
    from workflows.models import Delegation

    if unit_id is None:
        return []
    holders = [
        a.user
        for a in RoleAssignment.objects.filter(
            unit_id=unit_id, role=role, revoked_at__isnull=True
        ).select_related("user")
    ]
    today = timezone.localdate()
    delegates = [
        d.delegate
        for d in Delegation.objects.filter(
            assignment__unit_id=unit_id,
            assignment__role=role,
            assignment__revoked_at__isnull=True,
            revoked_at__isnull=True,
            starts_on__lte=today,
            ends_on__gte=today,
        ).select_related("delegate")
    ]
    return holders + delegates


def step_deadline_for(step: str, award_code: str) -> StepDeadline | None:
    """The deadline set for this award, else the one for every award, else None."""
    rules = {
        rule.award_code: rule
        for rule in StepDeadline.objects.filter(step=step, award_code__in=[award_code, ""])
    }
    return rules.get(award_code) or rules.get("")


def step_deadline_times(activation: Any) -> tuple[datetime.datetime, datetime.datetime]:
    """(reminder, deadline) for the human task a deadline timer is being armed with."""
    from nominations.models import Nomination

    host = activation.flow_task._attached_to
    nomination = Nomination.objects.select_related("award_type").get(
        process__pk=activation.process.pk
    )
    # From the human task's creation, so that reminder and deadline are computed from one moment.
    start = activation.task.previous.values_list("created", flat=True).first() or timezone.now()
    rule = step_deadline_for(host.step, nomination.award_type.code)
    if rule is None:
        return start + NO_DEADLINE, start + NO_DEADLINE
    deadline = start + datetime.timedelta(days=rule.days)
    return deadline - datetime.timedelta(days=rule.remind_days_before), deadline


def task_deadlines(tasks: list[Task]) -> dict[int, tuple[datetime.datetime, datetime.datetime]]:
    """(reminder, deadline) of each human task that has a configured deadline, in one query,
    read from the two timers the flow arms with every task (reminder, then escalation)."""
    timers: dict[int, dict[str, datetime.datetime]] = {}
    rows = Task.objects.filter(
        previous__in=[task.pk for task in tasks], flow_task_type="TIMER"
    ).values_list("previous", "flow_task", "scheduled")
    for host_id, node, scheduled in rows:
        if node is None or scheduled is None:
            continue
        kind = "deadline" if node.name.endswith("__timeout_2") else "reminder"
        timers.setdefault(host_id, {})[kind] = scheduled
    created = {task.pk: task.created for task in tasks}
    result = {}
    for host_id, moments in timers.items():
        deadline = moments.get("deadline")
        # A step without a configured deadline gets timers a century away: no deadline to show.
        if deadline is None or deadline - created[host_id] >= NO_DEADLINE - datetime.timedelta(1):
            continue
        result[host_id] = (moments.get("reminder", deadline), deadline)
    return result


def task_deadline(task: Task) -> datetime.datetime | None:
    """When the human task is due (None when no deadline is configured)."""
    moments = task_deadlines([task]).get(task.pk)
    return moments[1] if moments else None


def task_filter(tasks: QuerySet[Task], *, step: str = "", search: str = "") -> QuerySet[Task]:
    """Narrow a task list to one step and/or a nominee or unit name."""
    if step:
        tasks = tasks.filter(flow_task=step_node(step))
    if search:
        nomination = "process__nominationprocess__nomination__"
        tasks = tasks.filter(
            Q(**{f"{nomination}nominee_person__full_name__icontains": search})
            | Q(**{f"{nomination}nominee_unit__name__icontains": search})
            | Q(**{f"{nomination}nominating_unit__name__icontains": search})
        )
    return tasks


# --- delegations -------------------------------------------------------------------------------

# Those who oversee a unit's roles see its delegations too.
DELEGATION_OVERSEERS = {Role.ADMIN, Role.AUDITOR}


def delegation_list_visible_to(user: Any) -> QuerySet[Any]:
    """Delegations the user gave (of their own roles) or received, and those at units whose
    roles they administer or audit; the newest period first."""
    from organizations.permissions import visible_unit_ids
    from workflows.models import Delegation

    return (
        Delegation.objects.filter(
            Q(assignment__user=user)
            | Q(delegate=user)
            | Q(assignment__unit_id__in=visible_unit_ids(user, DELEGATION_OVERSEERS))
        )
        .select_related("assignment__user", "assignment__unit", "delegate")
        .order_by("-starts_on", "-pk")
    )


def delegation_get_visible(user: Any, pk: Any) -> Any:
    delegation = delegation_list_visible_to(user).filter(pk=pk).first()
    if delegation is None:
        raise DomainNotFound()
    return delegation


def delegations_received(user: Any) -> list[Any]:
    """Delegations the user works under today: whom they stand in for, as what, where."""
    from workflows.models import Delegation

    today = timezone.localdate()
    return list(
        Delegation.objects.filter(
            delegate=user,
            revoked_at__isnull=True,
            starts_on__lte=today,
            ends_on__gte=today,
            assignment__revoked_at__isnull=True,
        )
        .select_related("assignment__user", "assignment__unit")
        .order_by("ends_on")
    )


def delegations_given(user: Any) -> QuerySet[Any]:
    """Delegations of the user's roles that are running or still to come."""
    from workflows.models import Delegation

    return (
        Delegation.objects.filter(
            assignment__user=user, revoked_at__isnull=True, ends_on__gte=timezone.localdate()
        )
        .select_related("assignment__unit", "delegate")
        .order_by("starts_on")
    )


def delegable_assignments(user: Any) -> QuerySet[Any]:
    """The role assignments the user may delegate: their own, and those at units they
    administer or audit (the service lets only the holder, or an administrator, do it)."""
    from organizations.models import RoleAssignment
    from organizations.selectors import role_assignment_list_visible_to

    overseen = role_assignment_list_visible_to(user, include_revoked=True).values("pk")
    return RoleAssignment.objects.filter(Q(user=user) | Q(pk__in=overseen))
