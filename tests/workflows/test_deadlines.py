"""Deadlines: each step's timers remind before and escalate after, fired by the scheduler."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent, EventType
from nominations.services import nomination_review, nomination_submit
from notifications.models import Notification
from workflows.models import StepDeadline
from workflows.selectors import open_tasks, task_deadline
from workflows.services import step_deadline_save, workflow_settings_load
from workflows.tasks import workflow_tick


@pytest.fixture
def deadlines(system):
    workflow_settings_load(actor=system)
    return StepDeadline.objects.get(step="review", award_code="")


def timers_of(task):
    return Task.objects.filter(previous=task, flow_task_type="TIMER").order_by("scheduled")


def come_due(timer):
    # the clock moves on: the timer's moment is now in the past
    Task.objects.filter(pk=timer.pk).update(
        scheduled=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_each_review_task_gets_a_reminder_and_a_deadline(deadlines, ready, clerk):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    review = open_tasks(nomination).get()

    reminder, deadline = timers_of(review)

    assert reminder.status == deadline.status == STATUS.SCHEDULED
    allowed = deadline.scheduled - review.created
    assert datetime.timedelta(days=15) <= allowed < datetime.timedelta(days=15, minutes=1)
    assert (deadline.scheduled - reminder.scheduled) == datetime.timedelta(days=3)
    assert task_deadline(review) == deadline.scheduled


def test_a_deadline_per_award_wins_over_the_default(deadlines, ready, clerk, system):
    step_deadline_save(
        actor=system,
        instance=StepDeadline(
            step="review", award_code="bang-khen-ldld", days=5, remind_days_before=1
        ),
    )

    nomination = nomination_submit(actor=clerk, nomination=ready)
    review = open_tasks(nomination).get()

    assert (timers_of(review).last().scheduled - review.created) < datetime.timedelta(
        days=5, minutes=1
    )


def test_the_scheduler_reminds_then_escalates_and_the_step_stays_open(
    deadlines, ready, clerk, district_reviewer, unit_admin, tree
):
    from tests.nominations.conftest import actor_at

    district_admin = actor_at("district_admin", "admin", tree.district_a1)
    nomination = nomination_submit(actor=clerk, nomination=ready)
    review = open_tasks(nomination).get()
    reminder, deadline = timers_of(review)

    before = set(
        Notification.objects.filter(recipient=district_reviewer).values_list("pk", flat=True)
    )

    # when the reminder comes due and the scheduler ticks
    come_due(reminder)
    assert workflow_tick() == 1

    # then the district's reviewers are reminded, and it is on record
    reminded = Notification.objects.filter(recipient=district_reviewer).exclude(pk__in=before).get()
    assert str(nomination) in reminded.subject
    assert AuditEvent.objects.filter(
        event_type=EventType.STEP_REMINDED, object_id=str(nomination.pk)
    ).exists()

    # when the deadline passes
    come_due(deadline)
    call_command("run_scheduler", "--once", stdout=io.StringIO())

    # then it is escalated to the unit's administrators too, and the review is still open
    event = AuditEvent.objects.get(event_type=EventType.STEP_OVERDUE, object_id=str(nomination.pk))
    assert event.actor.username == "he-thong"
    assert event.changes["at_unit"] == tree.district_a1.pk
    assert Notification.objects.filter(recipient=district_admin).exists()
    assert [t.flow_task.name for t in open_tasks(nomination)] == ["review"]

    # and the reviewer can still act; the flow goes on and ends normally later
    nomination = nomination_review(
        actor=district_reviewer, nomination=nomination, outcome="approved"
    )
    assert [t.flow_task.name for t in open_tasks(nomination)] == ["review"]
    assert nomination.current_unit == tree.province_a


def test_completing_a_step_cancels_its_timers(deadlines, ready, clerk, district_reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    review = open_tasks(nomination).get()

    nomination_review(actor=district_reviewer, nomination=nomination, outcome="approved")

    assert {timer.status for timer in timers_of(review)} == {STATUS.CANCELED}
    assert workflow_tick() == 0


def test_without_a_configured_deadline_nothing_comes_due(ready, clerk):
    StepDeadline.objects.all().delete()
    nomination = nomination_submit(actor=clerk, nomination=ready)
    review = open_tasks(nomination).get()

    assert task_deadline(review) is None
    assert workflow_tick() == 0
