"""How the values units report add up over a subtree, and whether a value meets its target.

Pure functions over plain values: no database, no request. The selectors gather the reported
values; these decide what they amount to (docs/decisions/0009-emulation-model.md).

- SUM: the total of the values reported ("2,000 new members" over all district federations).
- AVERAGE: the plain mean of the values reported, each unit counting once ("90% of families
  are 'Gia đình văn hóa'" when each unit reports its own percentage).
- SHARE_MEETING: the percentage of units whose own value meets the unit threshold ("over 80% of
  grassroots unions rated strong": each reports 1 or 0, the threshold is "at least 1"). The
  denominator is the number of units *expected* to report, so a unit that has not reported
  counts as not meeting it: a roll-up never looks better because reports are missing.

Sums and averages are over the units that reported; how many were expected is returned beside
the value so that a reader sees when the figure is partial. Values are Decimals; averages and
shares are rounded half-up to 2 decimal places.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from emulation.choices import Direction, Rollup

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def meets(value: Decimal | None, target: Decimal, direction: str) -> bool:
    """Whether `value` satisfies `target` in `direction`; no value never does."""
    if value is None:
        return False
    if direction == Direction.AT_LEAST:
        return value >= target
    if direction == Direction.MORE_THAN:
        return value > target
    if direction == Direction.AT_MOST:
        return value <= target
    if direction == Direction.LESS_THAN:
        return value < target
    raise ValueError(f"unknown direction {direction!r}")


@dataclass(frozen=True)
class RollupResult:
    value: Decimal | None  # None when there is nothing to add up
    reported: int  # units that gave a value
    expected: int  # units expected to give one
    meeting: int | None  # SHARE_MEETING only: units meeting the unit threshold
    target_met: bool | None  # None while there is no value

    @property
    def is_complete(self) -> bool:
        return self.reported >= self.expected


def roll_up(
    values: Iterable[Decimal | None],
    *,
    method: str,
    expected: int | None = None,
    unit_threshold: Decimal | None = None,
    unit_direction: str = Direction.AT_LEAST,
) -> tuple[Decimal | None, int | None]:
    """The rolled-up value of `values` (one per unit; None for a unit with no value) and, for
    SHARE_MEETING, how many units meet the threshold.

    `expected` is the number of units that should report (at least those given); it is the
    denominator of a share. Sums and averages ignore units without a value.
    """
    given = list(values)
    reported = [v for v in given if v is not None]
    denominator = max(expected if expected is not None else len(given), len(given))
    if method == Rollup.SUM:
        return (sum(reported, Decimal(0)) if reported else None), None
    if method == Rollup.AVERAGE:
        return (quantize(sum(reported, Decimal(0)) / len(reported)) if reported else None), None
    if method == Rollup.SHARE_MEETING:
        if unit_threshold is None:
            raise ValueError("a share of units meeting needs a unit threshold")
        meeting = sum(1 for v in reported if meets(v, unit_threshold, unit_direction))
        if denominator == 0:
            return None, 0
        return quantize(Decimal(meeting) * HUNDRED / denominator), meeting
    raise ValueError(f"unknown roll-up method {method!r}")


def indicator_rollup(
    values: Iterable[Decimal | None],
    *,
    method: str,
    target: Decimal,
    direction: str,
    expected: int | None = None,
    unit_threshold: Decimal | None = None,
    unit_direction: str = Direction.AT_LEAST,
) -> RollupResult:
    """The roll-up of one indicator over the units, compared with the campaign's target."""
    given = list(values)
    value, meeting = roll_up(
        given,
        method=method,
        expected=expected,
        unit_threshold=unit_threshold,
        unit_direction=unit_direction,
    )
    return RollupResult(
        value=value,
        reported=sum(1 for v in given if v is not None),
        expected=max(expected if expected is not None else len(given), len(given)),
        meeting=meeting,
        target_met=None if value is None else meets(value, target, direction),
    )
