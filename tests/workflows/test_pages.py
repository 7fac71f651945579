"""The inbox and its actions: take, put back and hand over tasks, delegations; deadlines in
colour; scoped to the units where the reader works, in a bounded number of queries."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from audit.models import AuditEvent, EventType
from nominations.services import nomination_create, nomination_submit
from organizations.models import RoleAssignment
from tests.factories import PersonFactory
from tests.nominations.conftest import REFERENCE_DATE, actor_at, award, complete_dossier
from workflows.models import Delegation
from workflows.selectors import open_tasks
from workflows.services import delegation_create, task_claim, workflow_settings_load


def submitted(clerk, unit, count):
    """`count` complete nominations of `unit`, submitted: each waits at the unit above."""
    result = []
    for _ in range(count):
        nomination = nomination_create(
            actor=clerk,
            nominating_unit=unit,
            nominee_person=PersonFactory(unit=unit),
            award_type=award("bang-khen-ldld"),
            year=2025,
            reference_date=REFERENCE_DATE,
        )
        complete_dossier(clerk, nomination)
        result.append(nomination_submit(actor=clerk, nomination=nomination))
    return result


def inbox_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("workflows:inbox"))
    assert response.status_code == 200
    return len(queries)


def test_the_inbox_offers_the_units_tasks_and_its_queries_do_not_grow_with_rows(
    client, reference_data, tree, clerk, district_reviewer, django_assert_max_num_queries
):
    submitted(clerk, tree.cdcs_a1x, 2)
    task_claim(actor=district_reviewer, task=Task.objects.filter(status=STATUS.NEW).first())
    client.force_login(district_reviewer)
    few = inbox_queries(client)

    submitted(clerk, tree.cdcs_a1x, 8)
    task_claim(actor=district_reviewer, task=Task.objects.filter(status=STATUS.NEW).last())
    with django_assert_max_num_queries(few):
        response = client.get(reverse("workflows:inbox"))

    assert len(response.context["my_tasks"]) == 2
    assert len(response.context["queue"]) == 8
    # the menu counts them all
    assert response.context["nav_task_count"] == 10


def test_a_reviewer_of_another_province_neither_sees_nor_takes_the_task(
    client, ready, clerk, reviewer_b
):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(nomination).get()
    client.force_login(reviewer_b)

    page = client.get(reverse("workflows:inbox"))
    response = client.post(reverse("workflows:claim", args=[task.pk]), HTTP_HX_REQUEST="true")

    assert not page.context["queue"]
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.owner is None


def test_taking_a_task_updates_its_row_in_place(client, ready, clerk, district_reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(nomination).get()
    client.force_login(district_reviewer)

    response = client.post(reverse("workflows:claim", args=[task.pk]), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.text.strip().startswith(f'<tr id="task-{task.pk}">')
    assert reverse("workflows:release", args=[task.pk]) in response.text
    task.refresh_from_db()
    assert (task.owner, task.status) == (district_reviewer, STATUS.ASSIGNED)
    assert AuditEvent.objects.filter(event_type=EventType.TASK_CLAIMED).exists()


def test_a_task_taken_meanwhile_says_so_in_its_row(client, ready, clerk, district_reviewer, tree):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(nomination).get()
    colleague = actor_at("district_reviewer_2", "reviewer", tree.district_a1)
    task_claim(actor=colleague, task=task)
    client.force_login(district_reviewer)

    response = client.post(reverse("workflows:claim", args=[task.pk]), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response.context["error"]
    task.refresh_from_db()
    assert task.owner == colleague


def test_taking_a_task_without_the_role_is_refused_in_its_row(client, ready, clerk):
    # the clerk reads the nomination but does not review at the district
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(nomination).get()
    client.force_login(clerk)

    in_row = client.post(reverse("workflows:claim", args=[task.pk]), HTTP_HX_REQUEST="true")
    plain = client.post(reverse("workflows:claim", args=[task.pk]))

    assert in_row.status_code == 200 and in_row.context["error"]
    assert plain.status_code == 403
    task.refresh_from_db()
    assert task.owner is None


def test_putting_a_task_back_returns_it_to_the_queue(client, ready, clerk, district_reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = task_claim(actor=district_reviewer, task=open_tasks(nomination).get())
    client.force_login(district_reviewer)

    response = client.post(reverse("workflows:release", args=[task.pk]))

    assert response["Location"] == reverse("workflows:inbox")
    task.refresh_from_db()
    assert (task.owner, task.status) == (None, STATUS.NEW)


def test_a_task_is_handed_over_to_a_colleague_who_holds_the_role(
    client, ready, clerk, district_reviewer, tree
):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = task_claim(actor=district_reviewer, task=open_tasks(nomination).get())
    colleague = actor_at("district_reviewer_2", "reviewer", tree.district_a1)
    client.force_login(district_reviewer)

    page = client.get(reverse("workflows:reassign", args=[task.pk]))
    assert list(page.context["form"].fields["to_user"].queryset) == [colleague]

    response = client.post(
        reverse("workflows:reassign", args=[task.pk]),
        {"to_user": colleague.pk, "reason": "Nghỉ phép"},
    )

    assert response["Location"] == reverse("nominations:detail", args=[nomination.pk])
    task.refresh_from_db()
    assert task.owner == colleague


def test_deadlines_show_amber_when_near_and_red_when_passed(
    client, ready, clerk, district_reviewer, system
):
    workflow_settings_load(actor=system)
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(nomination).get()
    reminder, deadline = Task.objects.filter(previous=task, flow_task_type="TIMER").order_by(
        "scheduled"
    )
    client.force_login(district_reviewer)

    def state():
        (row,) = client.get(reverse("workflows:inbox")).context["queue"]
        return row.due_state

    assert state() == ""
    # the reminder's moment has come: amber
    Task.objects.filter(pk=reminder.pk).update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert state() == "soon"
    # the deadline has passed: red
    Task.objects.filter(pk=deadline.pk).update(
        scheduled=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert state() == "overdue"
    assert 'class="badge bad"' in client.get(reverse("workflows:inbox")).text


def test_the_inbox_exports_both_lists(client, reference_data, tree, clerk, district_reviewer):
    first, second = submitted(clerk, tree.cdcs_a1x, 2)
    task_claim(actor=district_reviewer, task=open_tasks(first).get())
    client.force_login(district_reviewer)

    response = client.get(reverse("workflows:inbox"), {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    nominees = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert nominees == {str(first.nominee), str(second.nominee)}


# --- delegations -------------------------------------------------------------------------------


def test_a_reviewer_names_a_delegate_who_then_stands_in_and_sees_the_tasks(
    client, ready, clerk, district_reviewer, tree
):
    from tests.factories import UserFactory

    deputy = UserFactory(username="deputy", home_unit=tree.district_a1)
    nomination_submit(actor=clerk, nomination=ready)
    assignment = RoleAssignment.objects.get(user=district_reviewer)
    client.force_login(district_reviewer)
    today = timezone.localdate()

    response = client.post(
        reverse("workflows:delegation_create"),
        {
            "assignment": assignment.pk,
            "delegate": deputy.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=7)).isoformat(),
            "reason": "Nghỉ phép năm",
        },
    )

    assert response["Location"] == reverse("workflows:inbox")
    delegation = Delegation.objects.get()
    assert (delegation.delegate, delegation.assignment) == (deputy, assignment)

    client.force_login(deputy)
    page = client.get(reverse("workflows:inbox"))
    assert [d.pk for d in page.context["standing_in_for"]] == [delegation.pk]
    assert len(page.context["queue"]) == 1

    # the reviewer is back early and ends it
    client.force_login(district_reviewer)
    client.post(reverse("workflows:delegation_end", args=[delegation.pk]))
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None


def test_a_delegation_ending_before_it_starts_is_refused_on_the_form(
    client, reference_data, tree, district_reviewer
):
    client.force_login(district_reviewer)
    today = timezone.localdate()

    response = client.post(
        reverse("workflows:delegation_create"),
        {
            "assignment": RoleAssignment.objects.get(user=district_reviewer).pk,
            "delegate": actor_at("colleague", "clerk", tree.district_a1).pk,
            "starts_on": today.isoformat(),
            "ends_on": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )

    assert response.context["form"].errors["ends_on"]
    assert not Delegation.objects.exists()


def test_only_the_giver_ends_a_delegation(client, reference_data, tree, district_reviewer):
    deputy = actor_at("deputy", "clerk", tree.district_a1)
    delegation = delegation_create(
        actor=district_reviewer,
        assignment=RoleAssignment.objects.get(user=district_reviewer),
        delegate=deputy,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    client.force_login(deputy)

    response = client.post(reverse("workflows:delegation_end", args=[delegation.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("role_fixture", ["clerk", "auditor"])
def test_the_inbox_renders_for_any_role(client, reference_data, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))

    response = client.get(reverse("workflows:inbox"))

    assert response.status_code == 200
    assert response.context["nav_task_count"] == 0
