"""Quota use (issue 5 §4): per unit, award or topic and year, how much of each quota of the
award catalogue (`awards.models.AwardQuota`) is awarded, pending and left.

A quota counts the nominations of its award that went up in the year: pending (on their way,
returned for changes included) or awarded. Drafts, withdrawn and rejected ones do not count.
Who a quota is counted for:

- per proposing unit: the unit that proposes to the deciding unit, i.e. the one right under it
  on the way up from the nominating unit (the district for a provincial award);
- national: every unit in the country together;
- a percentage of a unit's headcount: per nominating unit;
- a percentage of the units in a subtree: per proposing unit, of the units under it.

A quota given for one topic counts that topic; one given without a topic counts each topic
apart (the catalogue's "per topic"), which for an award without topics is the whole.

The rows come in a fixed number of queries (aggregates, never a query per row), so that the
view reads as fast at a million nominations as at a thousand, bar the size of the aggregates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.db.models import BigIntegerField, Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from awards.models import AwardQuota, AwardTopic, AwardType, QuotaScope
from awards.selectors import award_type_list
from nominations.models import Nomination, NominationStatus
from organizations.models import Unit, UnitClosure
from organizations.permissions import visible_unit_ids
from organizations.selectors import unit_subtree_ids

S = NominationStatus
PENDING = (S.IN_REVIEW, S.RETURNED, S.AT_COUNCIL, S.AWAITING_DECISION)
COUNTED = (*PENDING, S.AWARDED)
# A quota is "near" its limit from this share of it.
NEAR_LIMIT_SHARE = Decimal("0.8")
# Quotas counted per unit; the national ones are counted once for the country.
UNIT_SCOPES = (
    QuotaScope.PER_PROPOSING_UNIT,
    QuotaScope.PERCENT_OF_UNITS,
    QuotaScope.PERCENT_OF_HEADCOUNT,
)


class QuotaState:
    OVER = "over"
    AT = "at"
    NEAR = "near"
    OPEN = "open"


@dataclass(frozen=True)
class QuotaUsage:
    quota: AwardQuota
    unit: Unit | None  # None: national
    topic: AwardTopic | None
    awarded: int
    pending: int
    limit: int | None  # None: the size the percentage is of is not recorded

    @property
    def counted(self) -> int:
        return self.awarded + self.pending

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.counted, 0)

    @property
    def over_by(self) -> int:
        return 0 if self.limit is None else max(self.counted - self.limit, 0)

    @property
    def share(self) -> Decimal | None:
        if not self.limit:
            return None
        return (Decimal(100) * self.counted / self.limit).quantize(Decimal("0.1"))

    @property
    def state(self) -> str:
        if self.limit is None:
            return QuotaState.OPEN
        if self.counted > self.limit:
            return QuotaState.OVER
        if self.counted == self.limit:
            return QuotaState.AT
        if self.limit and Decimal(self.counted) >= NEAR_LIMIT_SHARE * self.limit:
            return QuotaState.NEAR
        return QuotaState.OPEN


def floor_percent(percent: Decimal, base: int) -> int:
    """ "Không quá X%" of `base` allows ⌊X × base / 100⌋."""
    return int((percent * base / 100).to_integral_value(rounding=ROUND_FLOOR))


def quota_usage_visible_to(
    user: Any, *, year: int, under: Unit | None = None, award_code: str = ""
) -> list[QuotaUsage]:
    """`quota_usage` over the units the reader may read."""
    return quota_usage(
        unit_ids=visible_unit_ids(user), year=year, under=under, award_code=award_code
    )


def quota_usage(
    *,
    unit_ids: Any,
    year: int,
    under: Unit | None = None,
    award_code: str = "",
) -> list[QuotaUsage]:
    """The quotas of the award versions in force at the end of `year` (and of the awards
    nominated that year), with their use: national rows for the whole country; unit rows for
    the units among `unit_ids` (under `under` when given), `under` itself shown even before it
    has used any. Fullest first."""
    award_ids = _award_ids(year=year, award_code=award_code)
    quotas = list(
        AwardQuota.objects.filter(award_type_id__in=award_ids)
        .select_related("award_type__deciding_level", "topic")
        .prefetch_related("award_type__topics")
        .order_by("award_type__sort_order", "scope", "pk")
    )
    if not quotas:
        return []
    quota_awards = {q.award_type_id for q in quotas}
    counted = Nomination.objects.filter(
        year=year, status__in=COUNTED, award_type_id__in=quota_awards
    )
    national = _national_cells(counted)
    scope = unit_ids
    if under is not None:
        scope = scope.filter(pk__in=unit_subtree_ids(under))
    cells = _unit_cells(counted.filter(nominating_unit_id__in=scope))
    unit_ids = {c["proposing"] for c in cells} | {c["nominating_unit_id"] for c in cells}
    if under is not None:
        unit_ids.add(under.pk)
    units = Unit.objects.select_related("kind__level", "parent__kind__level").in_bulk(unit_ids)
    subtree_sizes = dict(
        UnitClosure.objects.filter(ancestor_id__in=unit_ids, depth__gt=0)
        .values("ancestor_id")
        .annotate(n=Count("descendant_id"))
        .values_list("ancestor_id", "n")
    )
    topics = {t.pk: t for q in quotas for t in q.award_type.topics.all()}

    rows: list[QuotaUsage] = []
    for quota in quotas:
        if quota.scope == QuotaScope.NATIONAL:
            totals = _sum(national, quota, lambda cell: None)
            for topic_id in _topic_keys(quota):
                totals.setdefault((None, topic_id), [0, 0])
        else:
            key = (
                "nominating_unit_id"
                if quota.scope == QuotaScope.PERCENT_OF_HEADCOUNT
                else "proposing"
            )
            totals = _sum(cells, quota, lambda cell, key=key: cell[key])
            shown = units.get(under.pk) if under is not None else None
            if shown is not None and _counted_for(shown, quota):
                for topic_id in _topic_keys(quota):
                    totals.setdefault((shown.pk, topic_id), [0, 0])
        for (unit_id, topic_id), (awarded, pending) in totals.items():
            unit = units.get(unit_id) if unit_id is not None else None
            rows.append(
                QuotaUsage(
                    quota=quota,
                    unit=unit,
                    topic=topics.get(topic_id) if topic_id else None,
                    awarded=awarded,
                    pending=pending,
                    limit=_limit_of(quota, unit, subtree_sizes),
                )
            )
    rows.sort(
        key=lambda row: (
            -(row.counted / row.limit if row.limit else 0),
            row.quota.award_type.sort_order,
            row.unit.name if row.unit else "",
            row.topic.name if row.topic else "",
        )
    )
    return rows


def _award_ids(*, year: int, award_code: str) -> set[int]:
    in_force = award_type_list(on=datetime.date(year, 12, 31))
    nominated = Nomination.objects.filter(year=year, status__in=COUNTED)
    if award_code:
        in_force = in_force.filter(code=award_code)
        nominated = nominated.filter(award_type__code=award_code)
    return set(in_force.values_list("pk", flat=True)) | set(
        nominated.values_list("award_type_id", flat=True).distinct()
    )


def _awarded_flag() -> Any:
    return Count("pk", filter=Q(status=S.AWARDED))


def _national_cells(counted: QuerySet[Nomination]) -> list[dict[str, Any]]:
    rows = (
        counted.values("award_type_id", "topic_id")
        .annotate(n=Count("pk"), awarded=_awarded_flag())
        .order_by()
    )
    return [dict(row) for row in rows]


def _unit_cells(counted: QuerySet[Nomination]) -> list[dict[str, Any]]:
    """Counts by award, topic, proposing unit and nominating unit. The proposing unit is the
    ancestor right under the deciding unit (the nominating unit itself when it decides)."""
    proposing = Subquery(
        UnitClosure.objects.filter(
            descendant_id=OuterRef("nominating_unit_id"),
            ancestor__parent_id=OuterRef("deciding_unit_id"),
        ).values("ancestor_id")[:1]
    )
    rows = (
        counted.annotate(
            proposing=Coalesce(proposing, F("nominating_unit_id"), output_field=BigIntegerField())
        )
        .values("award_type_id", "topic_id", "proposing", "nominating_unit_id")
        .annotate(n=Count("pk"), awarded=_awarded_flag())
        .order_by()
    )
    return [dict(row) for row in rows]


def _sum(cells: list[dict[str, Any]], quota: AwardQuota, unit_of: Any) -> dict[Any, list[int]]:
    """[awarded, pending] by (unit, topic) of the cells the quota counts."""
    totals: dict[tuple[Any, Any], list[int]] = {}
    for cell in cells:
        if cell["award_type_id"] != quota.award_type_id:
            continue
        if quota.topic_id and cell["topic_id"] != quota.topic_id:
            continue
        total = totals.setdefault((unit_of(cell), cell["topic_id"]), [0, 0])
        total[0] += cell["awarded"]
        total[1] += cell["n"] - cell["awarded"]
    return totals


def _topic_keys(quota: AwardQuota) -> list[int | None]:
    """The topics a quota is counted apart for: its own, each of its award's, or none."""
    if quota.topic_id:
        return [quota.topic_id]
    topics: list[int | None] = [t.pk for t in quota.award_type.topics.all()]
    return topics or [None]


def _counted_for(unit: Unit, quota: AwardQuota) -> bool:
    """Whether the quota is counted for `unit`: as the nominating unit (a headcount share), or
    as the unit proposing to the deciding unit (its parent decides the award)."""
    if quota.scope == QuotaScope.PERCENT_OF_HEADCOUNT:
        return True
    parent = unit.parent
    rank = quota.award_type.deciding_level.rank
    return parent is not None and parent.kind.level.rank <= rank < unit.kind.level.rank


def _limit_of(quota: AwardQuota, unit: Unit | None, subtree_sizes: dict[int, int]) -> int | None:
    if quota.scope in (QuotaScope.PER_PROPOSING_UNIT, QuotaScope.NATIONAL):
        return quota.limit_count
    if quota.limit_percent is None or unit is None:
        return None
    if quota.scope == QuotaScope.PERCENT_OF_HEADCOUNT:
        return floor_percent(quota.limit_percent, unit.headcount) if unit.headcount else None
    size = subtree_sizes.get(unit.pk)
    return floor_percent(quota.limit_percent, size) if size else None


def award_types_with_quotas(year: int) -> QuerySet[AwardType]:
    """The awards in force at the end of `year` that have a quota (for the view's filter)."""
    return award_type_list(on=datetime.date(year, 12, 31)).filter(quotas__isnull=False).distinct()
