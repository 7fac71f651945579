"""`generate()`: make the database hold at least N generated nominations, fast.

The first call loads the reference data if it is missing and builds the fixed tree (reusing the
TLĐ that is there), its staff accounts, councils and the bench accounts. Every call then adds
whole grassroots unions (each with its people, records and nominations) in batches of a few
thousand nominations, one transaction each, until the database holds N; a later call with a
larger N continues where the last one stopped. The same seed always gives the same dataset (the
times follow the day it runs: open nominations belong to the award cycle running then).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User
from accounts.selectors import system_user
from awards.models import AwardType
from bench.scale.batch import Calendar, Context, write_batch
from bench.scale.catalogue import Catalogue
from bench.scale.rows import Events, Writer
from bench.scale.tree import (
    Registry,
    add_accounts,
    add_councils,
    add_units,
    cdcs_accounts,
    load_kinds,
    tree_accounts,
)
from bench.scale.universe import BENCH_PROVINCE, Clock, UnitSpec, Universe
from nominations.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    Decision,
    DecisionCounter,
    Nomination,
)
from organizations.models import Unit, UnitClosure, UnitKind
from workflows.models import StepDeadline

CODE_PREFIX = "SC-"
CDCS_PREFIX = "SC-C"
BATCH_NOMINATIONS = 3000  # per transaction: a few thousand nominations, ~50k rows


@dataclass(frozen=True)
class ScaleReport:
    """What a call of `generate` did."""

    nominations: int  # generated nominations in the database afterwards
    created: int  # nominations this call added
    grassroots_unions: int  # generated grassroots unions afterwards
    rows: dict[str, int] = field(default_factory=dict)  # rows written, per table
    seconds: float = 0.0

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        lines = [
            f"Generated nominations: {self.nominations:,} ({self.created:,} added), "
            f"grassroots unions: {self.grassroots_unions:,}",
            "Rows written, per table:",
        ]
        width = max((len(table) for table in self.rows), default=0)
        for table, count in sorted(self.rows.items(), key=lambda item: -item[1]):
            lines.append(f"  {table:<{width}}  {count:>12,}")
        lines.append(
            f"Total: {self.total_rows:,} rows in {self.seconds:,.1f} s "
            f"({self.rows_per_second:,.0f} rows/s)"
        )
        return lines


def generate(
    nominations: int,
    *,
    seed: int = 1,
    stdout: TextIO | None = None,
    copy: bool | None = None,
) -> ScaleReport:
    """Make the database hold at least `nominations` generated nominations (whole grassroots
    unions are added, so a few more may come).

    `copy`: write with COPY (bench.scale.rows); by default on PostgreSQL, never on SQLite.
    """
    started = time.monotonic()
    say: Callable[[str], Any] = stdout.write if stdout is not None else (lambda _line: None)
    system = system_user()
    _ensure_reference_data(system, say)
    now = timezone.localtime()
    clock = Clock.at(now)
    catalogue = Catalogue(now.date())
    universe = Universe(seed, catalogue.facts())
    writer = Writer(history_user=system, copy=copy)
    say(f"Writing with {writer.transport}.\n")
    registry = Registry()
    load_kinds(registry)
    if not Unit.objects.filter(code=f"{CODE_PREFIX}{BENCH_PROVINCE}").exists():
        say("Building the tree, its staff accounts and councils...\n")
        with transaction.atomic():
            _build_tree(universe, clock, writer, registry)
    else:
        _load_tree(universe, registry)
    calendar = _load_calendar(registry)
    from workflows.flows import NominationFlow

    ctx = Context(
        universe=universe,
        clock=clock,
        catalogue=catalogue,
        registry=registry,
        writer=writer,
        calendar=calendar,
        flow=NominationFlow,
        nodes={node.name: node for node in NominationFlow.instance.nodes()},
    )
    existing = Nomination.objects.filter(nominating_unit__code__startswith=CODE_PREFIX).count()
    before = existing
    next_cdcs = _next_cdcs()
    while existing < nominations:
        batch = []
        planned = 0
        while planned < min(BATCH_NOMINATIONS, nominations - existing):
            cdcs = universe.cdcs(next_cdcs + len(batch))
            batch.append(cdcs)
            planned += cdcs.nominations
        with transaction.atomic():
            existing += write_batch(ctx, batch)
        next_cdcs += len(batch)
        _forget_batch(universe, registry, batch)
        seconds = time.monotonic() - started
        rows = sum(writer.counts.values())
        say(
            f"{existing:,}/{nominations:,} nominations, {next_cdcs:,} grassroots unions, "
            f"{rows:,} rows, {seconds:,.0f} s ({rows / max(seconds, 0.001):,.0f} rows/s)\n"
        )
    return ScaleReport(
        nominations=existing,
        created=existing - before,
        grassroots_unions=next_cdcs,
        rows=dict(writer.counts),
        seconds=time.monotonic() - started,
    )


def _ensure_reference_data(system: User, say: Callable[[str], Any]) -> None:
    loaded = (
        AwardType.objects.exists()
        and StepDeadline.objects.exists()
        and UnitKind.objects.filter(code="cdcs").exists()
    )
    if not loaded:
        from awards.reference_loader import reference_data_load

        say("Loading the reference data...\n")
        reference_data_load(actor=system)


def _tld() -> Unit | None:
    return Unit.objects.filter(kind__code="tld", parent__isnull=True).order_by("pk").first()


def _build_tree(universe: Universe, clock: Clock, writer: Writer, registry: Registry) -> None:
    events = Events()
    at = clock.now
    specs = universe.tree_units()
    tld = _tld()
    if tld is not None:
        _remember_tld(registry, tld)
        specs = [spec for spec in specs if spec.key != "TLD"]
    add_units(specs, writer=writer, registry=registry, events=events, at=at)
    units = universe.tree_units()
    add_accounts(
        tree_accounts(universe, units), writer=writer, registry=registry, events=events, at=at
    )
    add_councils(
        units,
        universe=universe,
        writer=writer,
        registry=registry,
        events=events,
        at=at,
        clock=clock,
    )
    writer.events(events.items)


def _remember_tld(registry: Registry, tld: Unit) -> None:
    registry.units["TLD"] = tld.pk
    registry.names["TLD"] = tld.name
    registry.ancestors["TLD"] = list(
        UnitClosure.objects.filter(descendant_id=tld.pk)
        .order_by("depth")
        .values_list("ancestor_id", flat=True)
    ) or [tld.pk]


def _load_tree(universe: Universe, registry: Registry) -> None:
    """A top-up: find the tree, its accounts and councils that the first call made."""
    specs: list[UnitSpec] = universe.tree_units()
    codes = {spec.code: spec.key for spec in specs if spec.key != "TLD"}
    tld = _tld()
    assert tld is not None, "the first call made or found the TLĐ"
    _remember_tld(registry, tld)
    for pk, code, name in Unit.objects.filter(code__in=list(codes)).values_list(
        "pk", "code", "name"
    ):
        registry.units[codes[code]] = pk
        registry.names[codes[code]] = name
    for spec in specs:
        if spec.parent is not None:
            registry.ancestors[spec.key] = [
                registry.units[spec.key],
                *registry.ancestors[spec.parent],
            ]
    usernames = [account.username for account in tree_accounts(universe, specs)]
    registry.users.update(User.objects.filter(username__in=usernames).values_list("username", "pk"))
    keys = {pk: key for key, pk in registry.units.items()}
    for pk, unit in Council.objects.filter(unit_id__in=list(keys)).values_list("pk", "unit_id"):
        registry.councils[keys[unit]] = pk
    for council, member in (
        CouncilMember.objects.filter(council_id__in=list(registry.councils.values()))
        .order_by("pk")
        .values_list("council_id", "pk")
    ):
        registry.members.setdefault(council, []).append(member)


def _load_calendar(registry: Registry) -> Calendar:
    calendar = Calendar()
    councils = list(registry.councils.values())
    for council, title, pk in CouncilSession.objects.filter(council_id__in=councils).values_list(
        "council_id", "title", "pk"
    ):
        calendar.sessions[(council, title)] = pk
    positions = (
        AgendaItem.objects.filter(session_id__in=list(calendar.sessions.values()))
        .values("session_id")
        .annotate(last=Max("position"))
        .values_list("session_id", "last")
    )
    calendar.positions.update(positions)
    units = list(registry.units.values())
    for unit, title, pk, reference in Decision.objects.filter(
        deciding_unit_id__in=units
    ).values_list("deciding_unit_id", "title", "pk", "reference"):
        calendar.decisions[(unit, title)] = (pk, reference)
    for counter in DecisionCounter.objects.filter(unit_id__in=units):
        calendar.counters[(counter.unit_id, counter.year)] = counter
    return calendar


def _next_cdcs() -> int:
    last = (
        Unit.objects.filter(code__startswith=CDCS_PREFIX)
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    return int(last.removeprefix(CDCS_PREFIX)) + 1 if last else 0


def _forget_batch(universe: Universe, registry: Registry, batch: list[Any]) -> None:
    """Keep memory flat: a batch's grassroots unions are never referred to again."""
    for cdcs in batch:
        key = cdcs.unit.key
        registry.units.pop(key, None)
        registry.names.pop(key, None)
        registry.ancestors.pop(key, None)
        for account in cdcs_accounts(universe, cdcs.unit):
            registry.users.pop(account.username, None)
