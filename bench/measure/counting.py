"""Counting SQL statements and timing a block of code.

`StatementCounter` counts every statement sent on the default connection through Django's
`execute_wrapper`: it keeps no SQL text, so it costs nothing measurable and has no ceiling
(`CaptureQueriesContext` keeps the text in `connection.queries`, capped at 9,000 entries, and
turns on the debug cursor, which slows every statement down). For one action the two give the
same number (tests/bench/test_bench.py).
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection


class StatementCounter:
    """Counts the statements sent on the default connection while it is open."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> StatementCounter:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._wrapper.__exit__(*exc)


@dataclass
class Measured:
    """One run of a block: wall time in seconds and statements sent."""

    seconds: float = 0.0
    statements: int = 0


@contextmanager
def measured() -> Iterator[Measured]:
    """Time the block and count its statements: `with measured() as m: ...; m.seconds`."""
    result = Measured()
    with StatementCounter() as counter:
        start = time.perf_counter()
        try:
            yield result
        finally:
            result.seconds = time.perf_counter() - start
            result.statements = counter.count


def percentile(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile (p50 of [1, 2, 3, 4] is 2, p95 of 20 values the 19th)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan
