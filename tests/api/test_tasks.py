"""Tasks and delegations through the API: the queue and the inbox, taking, releasing and handing
over a task, and standing in for someone who is away."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nominations.services import nomination_create, nomination_submit
from organizations.models import Role
from tests.factories import PersonFactory, UserFactory
from tests.nominations.conftest import REFERENCE_DATE, actor_at, award, complete_dossier
from workflows.models import Delegation, StepDeadline
from workflows.selectors import open_tasks
from workflows.services import delegation_create

TASKS = "/api/v1/tasks/"
DELEGATIONS = "/api/v1/delegations/"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.json()
    return response.json()


@pytest.fixture
def task(ready, clerk):
    """The district's review task of `ready`, just submitted."""
    nomination_submit(actor=clerk, nomination=ready)
    return open_tasks(ready).get()


@pytest.fixture
def colleague(tree):
    """A second reviewer of district A1."""
    return actor_at("district_reviewer_2", Role.REVIEWER, tree.district_a1)


def test_a_new_task_waits_in_the_queue_of_the_units_reviewers(
    api_as, task, ready, district_reviewer, colleague
):
    # when
    listed = ok(api_as(district_reviewer).get(TASKS))["results"]

    # then
    assert [t["id"] for t in listed] == [task.pk]
    row = listed[0]
    assert row["step"] == "review"
    assert row["step_label"]
    assert row["status"] == "NEW"
    assert row["owner"] is None
    assert row["unit"]["code"] == "LDLD-A1"
    assert row["nomination"]["id"] == ready.pk
    assert row["nomination"]["nominee"]["name"] == "Nguyễn Thị Lan"
    assert row["nomination"]["award"]["code"] == "bang-khen-ldld"
    assert row["nomination"]["nominating_unit"]["code"] == "CDCS-A1X"
    assert row["deadline"]
    assert [t["id"] for t in ok(api_as(colleague).get(f"{TASKS}?box=queue"))["results"]] == [
        task.pk
    ]


def test_claiming_moves_the_task_from_the_queue_to_the_inbox(
    api_as, task, district_reviewer, colleague
):
    client = api_as(district_reviewer)

    claimed = ok(client.post(f"{TASKS}{task.pk}/claim/"))

    assert claimed["status"] == "ASSIGNED"
    assert claimed["owner"]["username"] == "district_reviewer"
    assert [t["id"] for t in ok(client.get(f"{TASKS}?box=inbox"))["results"]] == [task.pk]
    assert ok(client.get(f"{TASKS}?box=queue"))["results"] == []
    assert [t["id"] for t in ok(client.get(TASKS))["results"]] == [task.pk]
    assert ok(api_as(colleague).get(TASKS))["results"] == []


def test_a_task_taken_by_someone_else_is_409(api_as, task, district_reviewer, colleague, ready):
    ok(api_as(district_reviewer).post(f"{TASKS}{task.pk}/claim/"))
    as_colleague = api_as(colleague)

    claim = as_colleague.post(f"{TASKS}{task.pk}/claim/")
    act = as_colleague.post(
        f"/api/v1/nominations/{ready.pk}/review/", {"outcome": "approved"}, format="json"
    )

    assert claim.status_code == act.status_code == 409
    assert claim.json()["code"] == act.json()["code"] == "task_taken"


def test_only_the_owner_releases_a_task(api_as, task, district_reviewer, colleague):
    ok(api_as(district_reviewer).post(f"{TASKS}{task.pk}/claim/"))

    by_colleague = api_as(colleague).post(f"{TASKS}{task.pk}/release/", {}, format="json")
    by_owner = api_as(district_reviewer).post(
        f"{TASKS}{task.pk}/release/", {"reason": "Đi công tác"}, format="json"
    )

    assert by_colleague.status_code == 403
    assert by_colleague.json()["code"] == "not_task_owner"
    released = ok(by_owner)
    assert released["status"] == "NEW"
    assert released["owner"] is None


def test_the_owner_hands_the_task_to_a_colleague(api_as, task, district_reviewer, colleague):
    client = api_as(district_reviewer)
    ok(client.post(f"{TASKS}{task.pk}/claim/"))

    handed = ok(
        client.post(
            f"{TASKS}{task.pk}/reassign/",
            {"user": colleague.pk, "reason": "Nghỉ phép"},
            format="json",
        )
    )

    assert handed["owner"]["username"] == "district_reviewer_2"
    assert [t["id"] for t in ok(api_as(colleague).get(f"{TASKS}?box=inbox"))["results"]] == [
        task.pk
    ]


def test_a_task_goes_only_to_someone_who_may_work_it(
    api_as, task, tree, district_reviewer, clerk, reviewer_b
):
    client = api_as(district_reviewer)
    ok(client.post(f"{TASKS}{task.pk}/claim/"))

    # the clerk works in the tree, but does not review at the district
    to_clerk = client.post(f"{TASKS}{task.pk}/reassign/", {"user": clerk.pk}, format="json")
    # a reviewer of another province is not even someone the district can name
    to_elsewhere = client.post(
        f"{TASKS}{task.pk}/reassign/", {"user": reviewer_b.pk}, format="json"
    )

    assert to_clerk.status_code == 400
    assert to_clerk.json()["code"] == "reassign_target_lacks_role"
    assert to_elsewhere.status_code == 400
    assert to_elsewhere.json()["code"] == "invalid_input"
    assert list(to_elsewhere.json()["details"]) == ["user"]
    assert "reviewer_b" not in str(to_elsewhere.json())


def test_a_reviewer_of_another_province_cannot_see_claim_or_act_on_the_task(
    api_as, task, ready, reviewer_b
):
    client = api_as(reviewer_b)

    responses = [
        client.get(f"{TASKS}{task.pk}/"),
        client.post(f"{TASKS}{task.pk}/claim/"),
        client.post(f"{TASKS}{task.pk}/release/", {}, format="json"),
        client.post(f"{TASKS}{task.pk}/reassign/", {"user": reviewer_b.pk}, format="json"),
        client.post(
            f"/api/v1/nominations/{ready.pk}/review/", {"outcome": "approved"}, format="json"
        ),
    ]

    assert [r.status_code for r in responses] == [404] * len(responses)
    assert ok(client.get(TASKS))["results"] == []
    task.refresh_from_db()
    assert task.owner_id is None


def test_an_auditor_reads_the_task_but_cannot_take_it(api_as, task, auditor, district_reviewer):
    client = api_as(auditor)

    detail = ok(client.get(f"{TASKS}{task.pk}/"))
    claim = client.post(f"{TASKS}{task.pk}/claim/")
    reassign = client.post(
        f"{TASKS}{task.pk}/reassign/", {"user": district_reviewer.pk}, format="json"
    )

    assert detail["id"] == task.pk
    assert claim.status_code == reassign.status_code == 403
    assert ok(client.get(TASKS))["results"] == []  # nothing for the auditor to do


def test_the_task_shows_the_deadline_configured_for_its_step(
    api_as, ready, clerk, district_reviewer
):
    # given review steps must be done in 15 days (the deployment's default)
    assert StepDeadline.objects.get(step="review", award_code="").days == 15
    before = timezone.now()
    nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(ready).get()

    # when
    listed = ok(api_as(district_reviewer).get(TASKS))["results"][0]
    detail = ok(api_as(district_reviewer).get(f"{TASKS}{task.pk}/"))

    # then
    deadline = datetime.datetime.fromisoformat(listed["deadline"])
    assert datetime.timedelta(days=15) <= deadline - before < datetime.timedelta(days=15, hours=1)
    assert detail["deadline"] == listed["deadline"]


def test_a_step_without_a_configured_deadline_shows_none(api_as, ready, clerk, district_reviewer):
    # given an administrator has set no deadline for reviews (the timers are armed far away)
    StepDeadline.objects.filter(step="review").delete()
    nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(ready).get()

    listed = ok(api_as(district_reviewer).get(TASKS))["results"][0]
    detail = ok(api_as(district_reviewer).get(f"{TASKS}{task.pk}/"))

    assert listed["deadline"] is None
    assert detail["deadline"] is None


def test_bad_box_is_400(api_as, district_reviewer):
    response = api_as(district_reviewer).get(f"{TASKS}?box=trash")

    assert response.status_code == 400
    assert list(response.json()["details"]) == ["box"]


def test_task_list_queries_do_not_grow_with_the_rows(
    api_as, reference_data, tree, clerk, district_reviewer, django_assert_max_num_queries
):
    client = api_as(district_reviewer)

    def submit(count: int) -> None:
        for _ in range(count):
            nomination = nomination_create(
                actor=clerk,
                nominating_unit=tree.cdcs_a1x,
                nominee_person=PersonFactory(unit=tree.cdcs_a1x),
                award_type=award("bang-khen-ldld"),
                year=2025,
                reference_date=REFERENCE_DATE,
            )
            complete_dossier(clerk, nomination)
            nomination_submit(actor=clerk, nomination=nomination)

    submit(2)
    with CaptureQueriesContext(connection) as with_few:
        client.get(f"{TASKS}?page_size=100")
    submit(8)
    # and some of them taken, so that both boxes have rows
    for task in ok(client.get(f"{TASKS}?box=queue&page_size=3"))["results"]:
        ok(client.post(f"{TASKS}{task['id']}/claim/"))

    # token, roles, delegations, count, page, deadlines
    with django_assert_max_num_queries(7), CaptureQueriesContext(connection) as with_many:
        response = client.get(f"{TASKS}?page_size=100")

    assert response.json()["count"] == 10
    assert all(row["deadline"] for row in response.json()["results"])
    assert len(with_many.captured_queries) == len(with_few.captured_queries)


# --- delegations -------------------------------------------------------------------------------


def _assignment_of(user):
    return user.role_assignments.get()


def test_a_reviewer_who_will_be_away_names_a_delegate_who_then_sees_the_queue(
    api_as, task, tree, district_reviewer
):
    # given a colleague at the district who does not review
    stand_in = UserFactory(username="stand_in", home_unit=tree.district_a1)
    today = timezone.localdate()
    assert ok(api_as(stand_in).get(TASKS))["results"] == []

    # when
    created = ok(
        api_as(district_reviewer).post(
            DELEGATIONS,
            {
                "assignment": _assignment_of(district_reviewer).pk,
                "delegate": stand_in.pk,
                "starts_on": today.isoformat(),
                "ends_on": (today + datetime.timedelta(days=7)).isoformat(),
                "reason": "Nghỉ phép",
            },
            format="json",
        ),
        201,
    )

    # then
    assert created["assignment"]["role"] == "reviewer"
    assert created["assignment"]["unit"]["code"] == "LDLD-A1"
    assert created["assignment"]["user"]["username"] == "district_reviewer"
    assert created["delegate"]["username"] == "stand_in"
    assert created["revoked_at"] is None
    assert [t["id"] for t in ok(api_as(stand_in).get(TASKS))["results"]] == [task.pk]
    # both see it among their delegations
    assert [d["id"] for d in ok(api_as(stand_in).get(DELEGATIONS))["results"]] == [created["id"]]
    assert [d["id"] for d in ok(api_as(district_reviewer).get(DELEGATIONS))["results"]] == [
        created["id"]
    ]


def test_ending_a_delegation_takes_the_queue_back(api_as, task, tree, district_reviewer):
    stand_in = UserFactory(username="stand_in", home_unit=tree.district_a1)
    today = timezone.localdate()
    created = ok(
        api_as(district_reviewer).post(
            DELEGATIONS,
            {
                "assignment": _assignment_of(district_reviewer).pk,
                "delegate": stand_in.pk,
                "starts_on": today.isoformat(),
                "ends_on": today.isoformat(),
            },
            format="json",
        ),
        201,
    )

    # the delegate cannot end it; its holder can
    by_delegate = api_as(stand_in).post(f"{DELEGATIONS}{created['id']}/end/")
    ended = ok(api_as(district_reviewer).post(f"{DELEGATIONS}{created['id']}/end/"))

    assert by_delegate.status_code == 403
    assert ended["revoked_at"] is not None
    assert ok(api_as(stand_in).get(TASKS))["results"] == []


def test_a_delegate_must_work_at_the_same_unit(api_as, tree, district_reviewer, clerk, reviewer_b):
    today = timezone.localdate().isoformat()
    client = api_as(district_reviewer)
    body = {"assignment": _assignment_of(district_reviewer).pk, "starts_on": today}

    # the clerk of a union below works elsewhere; a reviewer of province B is out of sight
    to_clerk = client.post(
        DELEGATIONS, {**body, "delegate": clerk.pk, "ends_on": today}, format="json"
    )
    to_elsewhere = client.post(
        DELEGATIONS, {**body, "delegate": reviewer_b.pk, "ends_on": today}, format="json"
    )

    assert to_clerk.status_code == 400
    assert to_clerk.json()["code"] == "delegate_invalid"
    assert to_elsewhere.status_code == 400
    assert list(to_elsewhere.json()["details"]) == ["delegate"]
    assert not Delegation.objects.exists()


def test_a_delegation_ends_after_it_starts(api_as, tree, district_reviewer):
    stand_in = UserFactory(home_unit=tree.district_a1)
    today = timezone.localdate()

    response = api_as(district_reviewer).post(
        DELEGATIONS,
        {
            "assignment": _assignment_of(district_reviewer).pk,
            "delegate": stand_in.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today - datetime.timedelta(days=1)).isoformat(),
        },
        format="json",
    )

    assert response.status_code == 400
    assert not Delegation.objects.exists()


def test_an_auditor_sees_the_units_delegations_but_cannot_give_or_end_them(
    api_as, tree, auditor, reviewer, unit_admin
):
    # given the provincial reviewer's delegation, made by the unit's administrator
    stand_in = UserFactory(home_unit=tree.province_a)
    today = timezone.localdate().isoformat()
    body = {
        "assignment": _assignment_of(reviewer).pk,
        "delegate": stand_in.pk,
        "starts_on": today,
        "ends_on": today,
    }
    created = ok(api_as(unit_admin).post(DELEGATIONS, body, format="json"), 201)
    client = api_as(auditor)

    # when
    listed = ok(client.get(DELEGATIONS))["results"]
    give = client.post(DELEGATIONS, body, format="json")
    end = client.post(f"{DELEGATIONS}{created['id']}/end/")

    # then
    assert [d["id"] for d in listed] == [created["id"]]
    assert give.status_code == end.status_code == 403
    assert Delegation.objects.get().revoked_at is None


def test_delegations_of_another_province_are_out_of_sight(api_as, tree, reviewer, reviewer_b):
    stand_in = UserFactory(home_unit=tree.province_a)
    today = timezone.localdate().isoformat()
    created = ok(
        api_as(reviewer).post(
            DELEGATIONS,
            {
                "assignment": _assignment_of(reviewer).pk,
                "delegate": stand_in.pk,
                "starts_on": today,
                "ends_on": today,
            },
            format="json",
        ),
        201,
    )
    client = api_as(reviewer_b)

    assert ok(client.get(DELEGATIONS))["results"] == []
    assert client.post(f"{DELEGATIONS}{created['id']}/end/").status_code == 404
    # nor can B name A's assignment
    response = client.post(
        DELEGATIONS,
        {
            "assignment": _assignment_of(reviewer).pk,
            "delegate": stand_in.pk,
            "starts_on": today,
            "ends_on": today,
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["details"]) == {"assignment", "delegate"}


def test_delegation_list_queries_do_not_grow_with_the_rows(
    api_as, tree, unit_admin, reviewer, django_assert_max_num_queries
):
    stand_in = UserFactory(home_unit=tree.province_a)
    today = timezone.localdate()
    assignment = _assignment_of(reviewer)
    for days in range(12):
        delegation_create(
            actor=reviewer,
            assignment=assignment,
            delegate=stand_in,
            starts_on=today + datetime.timedelta(days=days),
            ends_on=today + datetime.timedelta(days=days),
        )
    client = api_as(unit_admin)

    # token, roles, count, page
    with django_assert_max_num_queries(5):
        response = client.get(f"{DELEGATIONS}?page_size=100")

    assert response.json()["count"] == 12
