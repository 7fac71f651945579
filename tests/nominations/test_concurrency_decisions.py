"""Twenty signers' clicks at the same moment: twenty decisions of one unit and year get twenty
distinct, consecutive numbers. Needs PostgreSQL's row locks (SQLite serialises whole
transactions, so it cannot show a race)."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from nominations.models import Decision, DecisionCounter, DecisionStatus, NominationStatus
from nominations.services import decision_draft, decision_issue
from tests.factories import PersonFactory

from .conftest import nominate, to_council

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_twenty_decisions_issued_at_once_get_consecutive_numbers(
    reference_data, tree, clerk, district_reviewer, reviewer, council_secretary, signer
):
    # given twenty drafts of province A, each for one nomination that needs no council vote
    drafts = []
    for _ in range(THREADS):
        nomination = to_council(
            nominate(
                clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x), code="lao-dong-tien-tien"
            ),
            clerk=clerk,
            reviewers=[district_reviewer, reviewer],
        )
        assert nomination.status == NominationStatus.AWAITING_DECISION
        drafts.append(
            decision_draft(
                actor=council_secretary,
                deciding_unit=tree.province_a,
                title="Quyết định khen thưởng Lao động tiên tiến",
                nominations=[nomination],
            )
        )
    today = timezone.localdate()
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def issue(decision):
        # Each thread has its own connection and its own copy of the signer (roles are cached
        # on the user object).
        actor = type(signer).objects.get(pk=signer.pk)
        try:
            barrier.wait()
            decision_issue(actor=actor, decision=decision, signed_on=today)
            result = "ok"
        except Exception as exc:  # any failure is a failure of the test
            result = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    # when all twenty are issued at the same moment
    threads = [threading.Thread(target=issue, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    # then every issue succeeded, with the numbers 1..20, each once
    assert outcomes == ["ok"] * THREADS
    issued = Decision.objects.filter(deciding_unit=tree.province_a, year=today.year)
    assert issued.filter(status=DecisionStatus.ISSUED).count() == THREADS
    assert sorted(issued.values_list("number", flat=True)) == list(range(1, THREADS + 1))
    assert DecisionCounter.objects.get(unit=tree.province_a, year=today.year).last_number == THREADS
