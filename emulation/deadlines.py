"""Where a unit stands against a deadline: a pure function of three dates.

- ON_TIME: filed on or before the due date (or there is no due date);
- LATE: filed after the due date;
- OVERDUE: not filed, and the due date has passed;
- NOT_YET_DUE: not filed, and the due date has not passed (or there is none).

The due date is the last day allowed: something filed on that day is on time. Dates are local
dates (Asia/Ho_Chi_Minh); the selectors turn submission times into them.
"""

from __future__ import annotations

import datetime

from emulation.choices import DeadlineState


def deadline_state(
    filed_on: datetime.date | None, due_on: datetime.date | None, *, as_of: datetime.date
) -> DeadlineState:
    if filed_on is not None and filed_on <= as_of:
        if due_on is None or filed_on <= due_on:
            return DeadlineState.ON_TIME
        return DeadlineState.LATE
    if due_on is not None and as_of > due_on:
        return DeadlineState.OVERDUE
    return DeadlineState.NOT_YET_DUE


MISSING_STATES = frozenset({DeadlineState.OVERDUE, DeadlineState.NOT_YET_DUE})
