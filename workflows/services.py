"""Writers of the workflow: working a step's task, claiming and handing tasks over, delegations,
deadlines. Viewflow checks no permission on its transitions: every check is here."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.fsm import TransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import EventType
from audit.services import audit_record
from common.exceptions import DomainConflict, DomainPermissionError, DomainValidationError
from common.services import save_audited, service
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import Nomination
from nominations.permissions import acting_grant, require_acting
from notifications.services import notify
from organizations.models import Role, RoleAssignment
from organizations.permissions import Grant, catalogue_grant, grant_for, require
from workflows.models import Delegation, StepDeadline
from workflows.selectors import STEP_OWNERS, open_task, people_who_act, task_step, task_unit_id


@contextlib.contextmanager
def working_step(
    *, nomination: Nomination, step: str, actor: Any, take_over: bool = False
) -> Iterator[Any]:
    """Take the nomination's open task of `step` for `actor` and complete it after the body.

    Inside the block the process row is locked and the task re-read: if someone else completed
    it meanwhile, or holds it, the caller gets a 409 and nothing is written. The body updates the
    nomination; completing the task then runs the flow's switch, which reads that new state.

    `take_over=True` completes a task someone else had taken: for acts of a body rather than of
    the person holding the task (closing a council session, issuing a decision), where the caller
    has already checked that the actor holds the step's role at its unit.
    """
    task = open_task(nomination, step)
    if task is None:
        raise DomainConflict(Code.STEP_NOT_OPEN)
    try:
        with task.activation() as activation:
            if activation.task.status not in (STATUS.NEW, STATUS.ASSIGNED):
                raise DomainConflict(Code.STEP_NOT_OPEN)
            owner_id = activation.task.owner_id
            if owner_id is not None and owner_id != actor.pk:
                if not take_over:
                    raise DomainConflict(
                        Code.TASK_TAKEN, details={"owner": [str(activation.task.owner)]}
                    )
                activation.reassign(actor)
            if activation.task.status == STATUS.NEW:
                activation.assign(actor)
            activation.start(None)
            yield activation
            activation.execute()
    except (TransitionNotAllowed, FlowLockFailed) as exc:
        raise DomainConflict(Code.STEP_NOT_OPEN) from exc


def _step_grant(actor: Any, task: Task) -> Grant:
    step = task_step(task)
    if step is None:
        raise DomainPermissionError()
    role, _field = STEP_OWNERS[step]
    return require_acting(actor, task_unit_id(task), role)


def _nomination_of(task: Task) -> Nomination:
    return task.process.nominationprocess.nomination


@service
def task_claim(*, actor: Any, task: Task) -> Task:
    """Take an open task from the unit's queue into one's own inbox."""
    grant = _step_grant(actor, task)
    try:
        with task.activation() as activation:
            if activation.task.status != STATUS.NEW:
                raise DomainConflict(Code.TASK_TAKEN)
            activation.assign(actor)
    except (TransitionNotAllowed, FlowLockFailed) as exc:
        raise DomainConflict(Code.TASK_TAKEN) from exc
    nomination = _nomination_of(task)
    audit_record(
        actor=actor,
        event_type=EventType.TASK_CLAIMED,
        obj=nomination,
        via=grant,
        unit=nomination.nominating_unit_id,
        changes={"task": task.pk, "step": task_step(task)},
    )
    return task


@service
def task_release(*, actor: Any, task: Task, reason: str = "") -> Task:
    """Put a task one has taken back into the unit's queue."""
    grant = _step_grant(actor, task)
    try:
        with task.activation() as activation:
            if activation.task.owner_id != actor.pk or activation.task.status != STATUS.ASSIGNED:
                raise DomainPermissionError(Code.NOT_TASK_OWNER)
            activation.unassign()
    except (TransitionNotAllowed, FlowLockFailed) as exc:
        raise DomainConflict(Code.STEP_NOT_OPEN) from exc
    nomination = _nomination_of(task)
    audit_record(
        actor=actor,
        event_type=EventType.TASK_RELEASED,
        obj=nomination,
        via=grant,
        unit=nomination.nominating_unit_id,
        changes={"task": task.pk, "step": task_step(task)},
        reason=reason,
    )
    return task


@service
def task_reassign(*, actor: Any, task: Task, to_user: Any, reason: str = "") -> Task:
    """Give a task to someone else who holds the step's role at the task's unit.

    The task's owner may hand it over; so may an administrator covering the unit. The new owner
    must be able to act there (their own role or a delegation): viewflow itself does not check.
    """
    step = task_step(task)
    if step is None:
        raise DomainPermissionError()
    role, _field = STEP_OWNERS[step]
    unit_id = task_unit_id(task)
    nomination = _nomination_of(task)
    grant = acting_grant(actor, unit_id, role) if task.owner_id == actor.pk else None
    if grant is None:
        grant = require(grant_for(actor, nomination.nominating_unit, {Role.ADMIN}))
    if not to_user.is_active or acting_grant(to_user, unit_id, role) is None:
        raise DomainValidationError(
            Code.REASSIGN_TARGET_LACKS_ROLE, details={"to_user": [str(to_user)]}
        )
    previous_owner = task.owner_id
    try:
        with task.activation() as activation:
            if activation.task.status == STATUS.NEW:
                activation.assign(to_user)
            elif activation.task.status == STATUS.ASSIGNED:
                activation.reassign(to_user)
            else:
                raise DomainConflict(Code.STEP_NOT_OPEN)
    except (TransitionNotAllowed, FlowLockFailed) as exc:
        raise DomainConflict(Code.STEP_NOT_OPEN) from exc
    audit_record(
        actor=actor,
        event_type=EventType.TASK_REASSIGNED,
        obj=nomination,
        via=grant,
        unit=nomination.nominating_unit_id,
        changes={"task": task.pk, "step": step, "owner": [previous_owner, to_user.pk]},
        reason=reason,
    )
    notify(
        recipients=[to_user],
        subject=_("A task was handed to you: %(nomination)s") % {"nomination": nomination},
        url=reverse("nominations:detail", args=[nomination.pk]),
    )
    return task


# --- delegations ---------------------------------------------------------------------------


@service
def delegation_create(
    *,
    actor: Any,
    assignment: RoleAssignment,
    delegate: Any,
    starts_on: Any,
    ends_on: Any,
    reason: str = "",
) -> Delegation:
    """A role holder who will be away names a delegate for that role at that unit; an
    administrator covering the unit may do it for them."""
    if assignment.user_id == actor.pk and assignment.revoked_at is None:
        grant: Grant = Grant(assignment.role, assignment.unit_id)
    else:
        grant = require(grant_for(actor, assignment.unit, {Role.ADMIN}))
    works_there = (
        delegate.home_unit_id == assignment.unit_id
        or RoleAssignment.objects.filter(
            user=delegate, unit_id=assignment.unit_id, revoked_at__isnull=True
        ).exists()
    )
    if delegate.pk == assignment.user_id or not delegate.is_active or not works_there:
        raise DomainValidationError(Code.DELEGATE_INVALID, details={"delegate": [str(delegate)]})
    delegation = Delegation(
        assignment=assignment,
        delegate=delegate,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
    )
    save_audited(
        actor=actor,
        instance=delegation,
        event_type=EventType.DELEGATION_CREATED,
        via=grant,
        unit=assignment.unit_id,
        reason=reason,
    )
    delegate.__dict__.pop("_active_delegations", None)
    notify(
        recipients=[delegate],
        subject=_("You stand in for %(user)s as %(role)s at %(unit)s until %(end)s")
        % {
            "user": assignment.user,
            "role": assignment.get_role_display(),
            "unit": assignment.unit,
            "end": ends_on,
        },
        url=reverse("workflows:inbox"),
    )
    return delegation


@service
def delegation_end(*, actor: Any, delegation: Delegation) -> Delegation:
    assignment = delegation.assignment
    if assignment.user_id == actor.pk:
        grant: Grant = Grant(assignment.role, assignment.unit_id)
    else:
        grant = require(grant_for(actor, assignment.unit, {Role.ADMIN}))
    if delegation.revoked_at is None:
        delegation.revoked_at = timezone.now()
        delegation.save(update_fields=["revoked_at", "updated_at"])
        audit_record(
            actor=actor,
            event_type=EventType.DELEGATION_ENDED,
            obj=delegation,
            via=grant,
            unit=assignment.unit_id,
        )
    return delegation


# --- deadlines -----------------------------------------------------------------------------


@service
def step_deadline_save(*, actor: Any, instance: StepDeadline, reason: str = "") -> StepDeadline:
    """How long each step may take is set by the system administrators."""
    grant = require(catalogue_grant(actor))
    return save_audited(
        actor=actor,
        instance=instance,
        event_type=EventType.WORKFLOW_SETTING_SAVED,
        via=grant,
        reason=reason,
    )


def _people_who_work(task: Task) -> list[Any]:
    """The task's owner, or everyone who may take it."""
    if task.owner_id:
        return [task.owner]
    step = task_step(task)
    if step is None:
        return []
    role, _field = STEP_OWNERS[step]
    return people_who_act(task_unit_id(task), role)


@service
def step_deadline_remind(*, actor: Any, task: Task) -> None:
    """The reminder timer fired: tell those who must act that the deadline is near."""
    nomination = _nomination_of(task)
    audit_record(
        actor=actor,
        event_type=EventType.STEP_REMINDED,
        obj=nomination,
        unit=nomination.nominating_unit_id,
        changes={"task": task.pk, "step": task_step(task)},
    )
    notify(
        recipients=_people_who_work(task),
        subject=_("Deadline near: %(nomination)s") % {"nomination": nomination},
        body=_("The step “%(step)s” of this nomination is due soon.")
        % {"step": task.flow_task.step.label},
        url=reverse("nominations:detail", args=[nomination.pk]),
    )


@service
def step_deadline_escalate(*, actor: Any, task: Task) -> None:
    """The deadline passed with the task still open: record it, tell those who must act and the
    administrators of the unit where it is stuck."""
    nomination = _nomination_of(task)
    unit_id = task_unit_id(task)
    audit_record(
        actor=actor,
        event_type=EventType.STEP_OVERDUE,
        obj=nomination,
        unit=nomination.nominating_unit_id,
        changes={"task": task.pk, "step": task_step(task), "at_unit": unit_id},
    )
    administrators = (
        [
            a.user
            for a in RoleAssignment.objects.filter(
                unit_id=unit_id, role=Role.ADMIN, revoked_at__isnull=True
            ).select_related("user")
        ]
        if unit_id is not None
        else []
    )
    notify(
        recipients=[*_people_who_work(task), *administrators],
        subject=_("Overdue: %(nomination)s") % {"nomination": nomination},
        body=_("The step “%(step)s” of this nomination is past its deadline.")
        % {"step": task.flow_task.step.label},
        url=reverse("nominations:detail", args=[nomination.pk]),
    )


@service
def workflow_settings_load(*, actor: Any) -> int:
    """Create the default step deadlines that are missing (idempotent). Returns how many."""
    from workflows.reference_data import STEP_DEADLINES

    created = 0
    for step, days, remind, note in STEP_DEADLINES:
        if not StepDeadline.objects.filter(step=step, award_code="").exists():
            step_deadline_save(
                actor=actor,
                instance=StepDeadline(step=step, days=days, remind_days_before=remind, note=note),
            )
            created += 1
    return created
