"""Two people acting on the same step at the same moment: one wins, the others get a clean
conflict, and the flow never duplicates the next task. Needs PostgreSQL's row locks."""

import threading

import pytest
from django.db import connection, connections

from common.exceptions import DomainConflict
from nominations.models import Nomination, NominationStatus
from nominations.services import nomination_review, nomination_submit
from workflows.selectors import open_tasks

from .conftest import actor_at

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_reviewers_completing_one_task_one_wins_and_nothing_is_duplicated(
    ready, clerk, tree
):
    # given a nomination waiting for review at the district, and 20 of its reviewers
    nomination = nomination_submit(actor=clerk, nomination=ready)
    reviewers = [actor_at(f"reviewer_{n}", "reviewer", tree.district_a1) for n in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def act(reviewer):
        seen = Nomination.objects.get(pk=nomination.pk)
        try:
            barrier.wait()
            nomination_review(actor=reviewer, nomination=seen, outcome="approved")
            result = "ok"
        except DomainConflict:
            result = "conflict"
        except Exception as exc:
            result = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    # when they all approve at once
    threads = [threading.Thread(target=act, args=(reviewer,)) for reviewer in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # then exactly one approval happened, the rest were told it is no longer possible
    assert sorted(outcomes) == ["conflict"] * (THREADS - 1) + ["ok"]
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.IN_REVIEW
    assert nomination.current_unit == tree.province_a
    assert nomination.reviews.count() == 1
    assert [task.flow_task.name for task in open_tasks(nomination)] == ["review"]
