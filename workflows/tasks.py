"""Periodic work of the workflow, run by the scheduler (manage.py run_scheduler)."""

import logging

from viewflow.workflow.timers import fire_due_timers

from common.context import acting_as

logger = logging.getLogger(__name__)


def workflow_tick() -> int:
    """Fire every due deadline timer: reminders before a step's deadline, escalations after.

    Each timer runs under its process's lock; one that another scheduler holds is skipped until
    the next tick, so several schedulers may run at once. Returns how many timers fired.
    The scheduler acts as the system account: the tasks' history names it.
    """
    from accounts.selectors import system_user

    with acting_as(system_user()):
        fired = fire_due_timers()
    if fired:
        logger.info("workflow tick: %d deadline timer(s) fired", fired)
    return fired
