"""The bare flow the benchmark measures the nomination flow against (issue 7 §2 a, b).

    start ─► review ─► end

Viewflow's stock `Process` model (no model of ours, no migration), one human task, no switch,
no timers, and nothing of the project around it: no service, no permission check, no rule
check, no audit event, no notification. It is driven from code the way our services drive
`NominationFlow` (workflows.services.working_step): started with `start.run()`, its task taken
(`assign`) and completed (`start` → `execute`) inside `task.activation()`, which takes the same
row lock as the nomination flow. Like every flow of the project, viewflow's own views and URLs
are not used (`VIEWFLOW = {"AUTOREGISTER": False}`): importing this module is all it needs.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS


class BareFlow(flow.Flow):
    """Bare review (benchmark)"""

    process_class = Process
    # The project's lock (ADR 0008), so that both flows pay for the same row lock: wait for the
    # process row, then fail cleanly. Viewflow's stock `select_for_update_lock` takes the same
    # `SELECT ... FOR UPDATE`, with NOWAIT and retries.
    lock_impl = lock.SelectForUpdateLock(nowait=False, attempts=1)

    start = flow.StartHandle(this.start_process).Next(this.review)
    review = flow.View(None).Next(this.end)
    end = flow.End()

    def start_process(self, activation: Any, subject: str = "") -> Process:
        activation.process.data = {"subject": subject}
        return activation.process


def bare_start(*, subject: str = "") -> Process:
    """Start a process (one transaction, as a service would)."""
    with transaction.atomic():
        return BareFlow.start.run(subject=subject)


def bare_review_task(process: Process) -> Task:
    """The process's review task."""
    return Task.objects.get(process=process, flow_task=BareFlow.review)


def bare_claim(*, task: Task, user: Any) -> Task:
    """Take the review task (viewflow's `assign`)."""
    with transaction.atomic(), task.activation() as activation:
        activation.assign(user)
    return task


def bare_complete(*, task: Task, user: Any) -> Task:
    """Complete the review task, taking it first if nobody has: the process then ends."""
    with transaction.atomic(), task.activation() as activation:
        if activation.task.status == STATUS.NEW:
            activation.assign(user)
        activation.start(None)
        activation.execute()
    return task
