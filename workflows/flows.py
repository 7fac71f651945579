"""The nomination flow: wiring only (docs/decisions/0008-workflow-engine.md).

Every human step is a task that a service completes (nominations.services); after each one a
switch reads the nomination's status, which that service has just set, and opens the next task:

    start ─► route ─┬─► review ───► route     (reviewers of the unit the nomination is at)
                    ├─► resubmit ─► route     (clerks of the nominating unit, after a return)
                    ├─► council ──► route     (council secretary of the deciding unit)
                    ├─► decision ─► route     (signer of the deciding unit)
                    └─► awarded | rejected | not_passed   (ends)

Level-by-level review is the review step visited once per level: the service moves the
nomination up the tree and the switch sends it back to review. Each human step carries two
non-interrupting timers from its StepDeadline: a reminder before the deadline and an escalation
at it, fired by the scheduler (manage.py run_scheduler).
"""

from __future__ import annotations

import datetime
from typing import Any

from viewflow import this
from viewflow.workflow import flow, lock

from nominations.models import NominationStatus as S
from workflows.models import NominationProcess, Step


class HumanStep(flow.View):
    """A task worked in our own pages and API, completed by a service; viewflow's views and
    URLs are not used."""

    def __init__(self, step: Step, **kwargs: Any) -> None:
        super().__init__(None, **kwargs)
        self.step = step


def _status_is(status: str) -> Any:
    return lambda activation: activation.process.nomination.status == status


class NominationFlow(flow.Flow):
    """Nomination for an award"""

    process_class = NominationProcess
    # Wait for the process row, then fail cleanly: two people completing the same task, the
    # second gets TransitionNotAllowed (a 409), never a duplicate of the next task. The stock
    # select_for_update_lock retries NOWAIT inside our transaction and breaks it.
    lock_impl = lock.SelectForUpdateLock(nowait=False, attempts=1)

    start = flow.StartHandle(this.start_process).Next(this.route)

    route = (
        flow.Switch()
        .Case(this.review, _status_is(S.IN_REVIEW))
        .Case(this.resubmit, _status_is(S.RETURNED))
        .Case(this.council, _status_is(S.AT_COUNCIL))
        .Case(this.decision, _status_is(S.AWAITING_DECISION))
        .Case(this.awarded, _status_is(S.AWARDED))
        .Case(this.rejected, _status_is(S.REJECTED))
        .Case(this.not_passed, _status_is(S.NOT_PASSED))
    )

    review = (
        HumanStep(Step.REVIEW)
        .OnTimeout(this.reminder_time, this.remind, interrupting=False)
        .OnTimeout(this.deadline_time, this.escalate, interrupting=False)
        .Next(this.route)
    )
    resubmit = (
        HumanStep(Step.RESUBMIT)
        .OnTimeout(this.reminder_time, this.remind, interrupting=False)
        .OnTimeout(this.deadline_time, this.escalate, interrupting=False)
        .Next(this.route)
    )
    council = (
        HumanStep(Step.COUNCIL)
        .OnTimeout(this.reminder_time, this.remind, interrupting=False)
        .OnTimeout(this.deadline_time, this.escalate, interrupting=False)
        .Next(this.route)
    )
    decision = (
        HumanStep(Step.DECISION)
        .OnTimeout(this.reminder_time, this.remind, interrupting=False)
        .OnTimeout(this.deadline_time, this.escalate, interrupting=False)
        .Next(this.route)
    )

    remind = flow.Function(this.send_reminder).Next(this.deadline_handled)
    escalate = flow.Function(this.escalate_overdue).Next(this.deadline_handled)
    # Ends only the timer's path: the process ends when its last task does.
    deadline_handled = flow.End()

    awarded = flow.End()
    rejected = flow.End()
    not_passed = flow.End()

    # --- node callables: one-liners into the services -----------------------------------------

    def start_process(self, activation: Any, nomination: Any) -> Any:
        activation.process.nomination = nomination
        return activation.process

    def reminder_time(self, activation: Any) -> datetime.datetime:
        from workflows.selectors import step_deadline_times

        return step_deadline_times(activation)[0]

    def deadline_time(self, activation: Any) -> datetime.datetime:
        from workflows.selectors import step_deadline_times

        return step_deadline_times(activation)[1]

    def send_reminder(self, activation: Any) -> None:
        from accounts.selectors import system_user
        from workflows.services import step_deadline_remind

        step_deadline_remind(actor=system_user(), task=host_task(activation))

    def escalate_overdue(self, activation: Any) -> None:
        from accounts.selectors import system_user
        from workflows.services import step_deadline_escalate

        step_deadline_escalate(actor=system_user(), task=host_task(activation))


def host_task(activation: Any) -> Any:
    """The human task a timer path started from (function task ← timer task ← host task)."""
    timer_task = activation.task.previous.get()
    return timer_task.previous.get()
