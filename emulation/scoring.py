"""Year-end scoring of a cluster: a result's points, a member's total, the members' ranking.

Pure functions over plain values: no database, no request. The services feed them from the
agreement and the score sheets and store what they return (docs/decisions/0009-emulation-model.md).

Scoring methods (how a result maps to points, between 0 and the indicator's maximum):
- ACHIEVED: the maximum when the result meets the target in the indicator's direction, else 0.
- PROPORTIONAL: the maximum × result / target, capped at the maximum ("higher is better"); for
  "lower is better", the maximum up to the target, then the maximum × target / result.
- LINEAR: 0 at the floor, the maximum at the target, in a straight line between them, capped at
  both ends. The floor lies on the bad side of the target (below it when higher is better).
- BANDS: a list of (threshold, points); the best points among the bands whose threshold the
  result meets in the indicator's direction, 0 when none.
- ASSESSED: the points are given directly (qualitative indicators); they must lie between 0
  and the maximum.
A missing result earns 0 points (except ASSESSED, which takes no result). Points are rounded
half-up to 2 decimal places.

A member's total is the sum of each indicator's points × its weight, plus bonus points, minus
penalty points (each item: points per occurrence, capped at the item's maximum). It is not
floored at zero: a heavy penalty shows as it is.

Ranking (`rank`): by total, highest first; members with the same total are ordered by the
agreement's tie-break rules, in the order listed; members still equal share a rank (1, 2, 2, 4)
and are listed by their label (the unit's name), then id, so the order never depends on the
order of the input. Each entry says what placed it below the one above: "total", a tie-break
rule, or "tied".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from emulation.choices import HIGHER_IS_BETTER, AdjustmentKind, ScoringMethod, TieBreak
from emulation.rollup import meets

CENT = Decimal("0.01")
ZERO = Decimal(0)
# PRIO-01 (1689 art. 4): collectives with at least 70% women come first among equals. An
# agreement may set another share: "women_majority:60".
DEFAULT_WOMEN_MAJORITY_PCT = Decimal(70)
PLACED_BY_TOTAL = "total"
TIED = "tied"


class ScoringError(ValueError):
    """A scoring rule that cannot work, or points outside what a rule allows."""


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _clamp(fraction: Decimal) -> Decimal:
    return min(max(fraction, ZERO), Decimal(1))


@dataclass(frozen=True)
class IndicatorRule:
    method: str
    max_points: Decimal
    direction: str
    target: Decimal | None = None
    floor: Decimal | None = None
    bands: tuple[tuple[Decimal, Decimal], ...] = ()


def parse_bands(raw: Iterable[Sequence[object]]) -> tuple[tuple[Decimal, Decimal], ...]:
    """[[threshold, points], ...] (strings or numbers) as Decimals."""
    bands = []
    for entry in raw:
        try:
            threshold, points = entry
            bands.append((Decimal(str(threshold)), Decimal(str(points))))
        except (TypeError, ValueError, InvalidOperation) as exc:
            raise ScoringError(f"a band is a pair [threshold, points], not {entry!r}") from exc
    return tuple(bands)


def rule_problems(rule: IndicatorRule) -> list[str]:
    """What is wrong with a rule (empty when it can score): checked when an agreement is made."""
    problems: list[str] = []
    if rule.max_points <= 0:
        problems.append("max_points must be positive")
    needs_target = {ScoringMethod.ACHIEVED, ScoringMethod.PROPORTIONAL, ScoringMethod.LINEAR}
    if rule.method in needs_target and rule.target is None:
        problems.append("target is required")
    if rule.method == ScoringMethod.PROPORTIONAL and rule.target is not None:
        if rule.direction in HIGHER_IS_BETTER and rule.target <= 0:
            problems.append("target must be positive")
        if rule.direction not in HIGHER_IS_BETTER and rule.target < 0:
            problems.append("target cannot be negative")
    if rule.method == ScoringMethod.LINEAR and rule.target is not None:
        if rule.floor is None:
            problems.append("floor is required")
        elif rule.direction in HIGHER_IS_BETTER and not rule.floor < rule.target:
            problems.append("floor must be below the target")
        elif rule.direction not in HIGHER_IS_BETTER and not rule.floor > rule.target:
            problems.append("floor must be above the target")
    if rule.method == ScoringMethod.BANDS:
        if not rule.bands:
            problems.append("bands are required")
        if any(points < 0 or points > rule.max_points for _, points in rule.bands):
            problems.append("band points must lie between 0 and max_points")
    if rule.method not in ScoringMethod.values:
        problems.append(f"unknown method {rule.method!r}")
    return problems


def points_for(
    rule: IndicatorRule, result: Decimal | None, *, assessed: Decimal | None = None
) -> Decimal:
    """The points a result earns under `rule`. For ASSESSED, `assessed` are the points given."""
    maximum = rule.max_points
    if rule.method == ScoringMethod.ASSESSED:
        if assessed is None:
            raise ScoringError("assessed points are required")
        if assessed < 0 or assessed > maximum:
            raise ScoringError("assessed points must lie between 0 and max_points")
        return quantize(assessed)
    problems = rule_problems(rule)
    if problems:
        raise ScoringError("; ".join(problems))
    if result is None:
        return ZERO
    higher = rule.direction in HIGHER_IS_BETTER
    if rule.method == ScoringMethod.ACHIEVED:
        assert rule.target is not None
        return maximum if meets(result, rule.target, rule.direction) else ZERO
    if rule.method == ScoringMethod.PROPORTIONAL:
        assert rule.target is not None
        if higher:
            fraction = result / rule.target
        elif result <= rule.target:
            fraction = Decimal(1)
        else:
            fraction = rule.target / result  # result > target >= 0
        return quantize(maximum * _clamp(fraction))
    if rule.method == ScoringMethod.LINEAR:
        assert rule.target is not None and rule.floor is not None
        fraction = (result - rule.floor) / (rule.target - rule.floor)
        return quantize(maximum * _clamp(fraction))
    if rule.method == ScoringMethod.BANDS:
        reached = [
            points for threshold, points in rule.bands if meets(result, threshold, rule.direction)
        ]
        return quantize(max(reached, default=ZERO))
    raise ScoringError(f"unknown method {rule.method!r}")  # pragma: no cover - rule_problems


@dataclass(frozen=True)
class AdjustmentRule:
    kind: str
    points: Decimal
    max_points: Decimal | None = None


def adjustment_points(rule: AdjustmentRule, count: int) -> Decimal:
    """Signed points of a bonus or penalty item applied `count` times: positive for a bonus,
    negative for a penalty, at most `max_points` in size."""
    if count < 0:
        raise ScoringError("a count cannot be negative")
    if rule.points <= 0:
        raise ScoringError("an item's points must be positive")
    size = rule.points * count
    if rule.max_points is not None:
        size = min(size, rule.max_points)
    size = quantize(size)
    return size if rule.kind == AdjustmentKind.BONUS else -size


@dataclass(frozen=True)
class ScoreTotal:
    indicators: Decimal  # weighted indicator points
    bonus: Decimal  # bonus points, ≥ 0
    penalty: Decimal  # penalty points, as a positive number
    total: Decimal


def total(
    indicator_points: Iterable[tuple[Decimal, Decimal]], adjustments: Iterable[Decimal] = ()
) -> ScoreTotal:
    """The total of (points, weight) pairs and signed adjustment points."""
    weighted = quantize(sum((points * weight for points, weight in indicator_points), ZERO))
    signed = list(adjustments)
    bonus = quantize(sum((p for p in signed if p > 0), ZERO))
    penalty = quantize(-sum((p for p in signed if p < 0), ZERO))
    return ScoreTotal(
        indicators=weighted, bonus=bonus, penalty=penalty, total=weighted + bonus - penalty
    )


# --- ranking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    unit_id: int
    label: str
    total: Decimal
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    indicator_points: Mapping[str, Decimal] = field(default_factory=dict)
    indicators_met: int = 0
    women_share: Decimal | None = None  # 0..1


@dataclass(frozen=True)
class Ranked:
    candidate: Candidate
    position: int
    rank: int
    decided_by: str


def parse_tie_break(rule: str, indicator_codes: Collection[str] | None = None) -> tuple[str, str]:
    """("indicator", "dev-members") from "indicator:dev-members"; raises ScoringError for a rule
    that does not exist, an indicator the agreement lacks, or a bad share."""
    name, _, argument = str(rule).partition(":")
    if name not in TieBreak.values:
        raise ScoringError(f"unknown tie-break rule {rule!r}")
    if name == TieBreak.INDICATOR:
        if not argument:
            raise ScoringError("the indicator tie-break names an indicator: indicator:<code>")
        if indicator_codes is not None and argument not in indicator_codes:
            raise ScoringError(f"no indicator {argument!r} in the agreement")
    elif name == TieBreak.WOMEN_MAJORITY:
        if argument:
            try:
                share = Decimal(argument)
            except InvalidOperation as exc:
                raise ScoringError(f"not a percentage: {argument!r}") from exc
            if not 0 < share <= 100:
                raise ScoringError("the share of women is a percentage between 0 and 100")
    elif argument:
        raise ScoringError(f"the tie-break rule {name!r} takes no argument")
    return name, argument


def _tie_key(rule: str) -> Callable[[Candidate], Decimal]:
    """A sort key (smaller first) for one tie-break rule."""
    name, argument = parse_tie_break(rule)
    if name == TieBreak.FEWER_PENALTIES:
        return lambda c: c.penalty
    if name == TieBreak.MORE_BONUS:
        return lambda c: -c.bonus
    if name == TieBreak.MORE_INDICATORS_MET:
        return lambda c: Decimal(-c.indicators_met)
    if name == TieBreak.INDICATOR:
        return lambda c: -c.indicator_points.get(argument, ZERO)
    if name == TieBreak.WOMEN_MAJORITY:
        threshold = Decimal(argument or DEFAULT_WOMEN_MAJORITY_PCT) / 100
        return lambda c: Decimal(
            0 if c.women_share is not None and c.women_share >= threshold else 1
        )
    # HIGHER_WOMEN_SHARE: an unknown share comes after every known one.
    return lambda c: -c.women_share if c.women_share is not None else Decimal(1)


def rank(candidates: Iterable[Candidate], tie_breaks: Sequence[str] = ()) -> list[Ranked]:
    """The ranking: by total, then the tie-break rules in order; see the module's docstring."""
    keys = [_tie_key(rule) for rule in tie_breaks]

    def sort_key(c: Candidate) -> tuple[Decimal, ...]:
        return (-c.total, *(key(c) for key in keys))

    ordered = sorted(candidates, key=lambda c: (sort_key(c), c.label, c.unit_id))
    ranked: list[Ranked] = []
    for position, candidate in enumerate(ordered, start=1):
        if not ranked:
            ranked.append(Ranked(candidate, position, 1, PLACED_BY_TOTAL))
            continue
        previous = ranked[-1]
        mine, theirs = sort_key(candidate), sort_key(previous.candidate)
        differing = next(
            (i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b), None
        )
        if differing is None:
            ranked.append(Ranked(candidate, position, previous.rank, TIED))
        else:
            placed_by = PLACED_BY_TOTAL if differing == 0 else str(tie_breaks[differing - 1])
            ranked.append(Ranked(candidate, position, position, placed_by))
    return ranked
