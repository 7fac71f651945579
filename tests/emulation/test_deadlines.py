"""Lateness against a deadline: a pure function of the filing date, the due date and today."""

import datetime

import pytest

from emulation.choices import DeadlineState as S
from emulation.deadlines import deadline_state

DUE = datetime.date(2025, 1, 31)
BEFORE, ON, AFTER = datetime.date(2025, 1, 20), DUE, datetime.date(2025, 2, 3)


@pytest.mark.parametrize(
    ("filed_on", "due_on", "as_of", "state"),
    [
        (BEFORE, DUE, AFTER, S.ON_TIME),
        (ON, DUE, AFTER, S.ON_TIME),  # the due date itself is allowed
        (AFTER, DUE, AFTER, S.LATE),
        (None, DUE, AFTER, S.OVERDUE),
        (None, DUE, ON, S.NOT_YET_DUE),  # nothing yet, but the day is not over
        (None, DUE, BEFORE, S.NOT_YET_DUE),
        (AFTER, DUE, ON, S.NOT_YET_DUE),  # seen as of the due date, it was not filed yet
        (AFTER, None, AFTER, S.ON_TIME),  # no deadline: never late
        (None, None, AFTER, S.NOT_YET_DUE),  # no deadline: never overdue
    ],
)
def test_deadline_state(filed_on, due_on, as_of, state):
    assert deadline_state(filed_on, due_on, as_of=as_of) == state
