"""The measurements of `manage.py bench` (issue 7 §2), run one after the other in one process on
the configured database:

    generate the small size ─► pages (c) ─► top up to N ─► pages (c)
    ─► bare flow and nomination flow: actions (b), full cycles (a)
    ─► one decision over many (d) ─► rule sweep (e) ─► pgbench (g) ─► peak memory (f)

`run()` returns the raw result; bench/report.py turns it into figures against their targets and
writes them. The data of (c) comes from the national-scale generator (bench.scale); (a) and (b)
drive nominations of a small world of their own through the services (world.py); (d) decides
generated nominations when one unit has enough of them waiting, else the world's.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from bench.measure import cycle, pages, sweep, system
from bench.measure.sweep import BATCH as SWEEP_BATCH
from bench.measure.world import dossier_make, world_build, world_tag
from nominations.models import Nomination


@dataclass(frozen=True)
class Config:
    nominations: int  # N: the large size of (c)
    base: int = 1_000  # the small size of (c)
    repeat: int = 20  # requests per page, after one to warm up
    cycle: int = 200  # nominations through the full cycle (a)
    bare: int = 1_000  # processes through the bare flow (a)
    actions_repeat: int = 3  # repetitions of each action (b)
    decision: int = 1_000  # nominations in the one decision (d)
    sweep: int = 10_000  # nominations in the rule sweep (e)
    sweep_batch: int = SWEEP_BATCH
    pgbench_scale: int = 10
    pgbench_seconds: int = 60
    seed: int = 1
    smoke: bool = False

    @property
    def kind(self) -> str:
        return "smoke" if self.smoke else "full"


# Small sizes everywhere: the whole run, data generation included, in under a minute on
# two cores with PostgreSQL (CI runs it).
SMOKE = Config(
    nominations=2_000,
    base=1_000,
    repeat=3,
    cycle=3,
    bare=50,
    actions_repeat=2,
    # Made through the services (about half a second each) unless the generated data has that
    # many waiting at one unit and they pass the decision's checks: 200 would take minutes.
    decision=5,
    sweep=500,
    pgbench_scale=1,
    pgbench_seconds=2,
    smoke=True,
)


def smoke_config(**overrides: Any) -> Config:
    return replace(SMOKE, **{k: v for k, v in overrides.items() if v is not None})


Say = Callable[[str], None]


class Progress:
    """Says what runs, and keeps each phase's wall time and the peak memory after it (ru_maxrss
    only grows: the first phase whose mark is the final peak is the one that reached it)."""

    def __init__(self, say: Say) -> None:
        self.say = say
        self.seconds: dict[str, float] = {}
        self.peak_mb: dict[str, float] = {}

    @contextmanager
    def phase(self, name: str, line: str = "") -> Iterator[None]:
        if line:
            self.say(line)
        start = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - start
        self.peak_mb[name] = system.peak_memory_mb()


class _Lines(io.StringIO):
    """The generator's progress (a text stream) as indented lines of ours."""

    def __init__(self, say: Say) -> None:
        super().__init__()
        self.say = say

    def write(self, text: str) -> int:
        for line in text.splitlines():
            if line.strip():
                self.say(f"  {line}")
        return len(text)


def _generate(nominations: int, *, seed: int, smoke: bool, say: Say) -> dict[str, Any]:
    """Bring the generated data up to `nominations` (the generator tops up)."""
    from bench.scale import generate

    before = Nomination.objects.count()
    start = time.perf_counter()
    generate(nominations, seed=seed, stdout=_Lines(say))
    seconds = time.perf_counter() - start
    after = Nomination.objects.count()
    say(f"  {after:,} nominations ({after - before:+,}) in {seconds:.1f} s")
    result = {"requested": nominations, "before": before, "after": after, "seconds": seconds}
    if connection.vendor == "postgresql":
        # What autovacuum would soon do to a live database after a bulk load: fresh planner
        # statistics (and, for the full run, the visibility map that index-only scans read).
        statement = "ANALYZE" if smoke else "VACUUM ANALYZE"
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(statement)
        result[statement.lower().replace(" ", "_") + "_seconds"] = time.perf_counter() - start
    return result


def _pages(config: Config, progress: Progress) -> dict[str, Any]:
    try:
        from bench.scale import BENCH_USERS, generate  # noqa: F401
    except ImportError:
        return {"run": False, "reason": "not run: the data generator (bench.scale) is missing"}
    result: dict[str, Any] = {"run": True, "generation": {}}
    say = progress.say
    with progress.phase("generation, small size", f"(c) data: {config.base:,} nominations"):
        result["generation"]["base"] = _generate(
            config.base, seed=config.seed, smoke=config.smoke, say=say
        )
    with progress.phase("pages, small size", f"(c) pages, {config.repeat} requests each"):
        users = pages.bench_users()
        chosen = pages.pages_choose(users)
        result["base"] = {
            "nominations": Nomination.objects.count(),
            "pages": pages.pages_measure(chosen, users, repeat=config.repeat),
        }
    if config.nominations > config.base:
        with progress.phase(
            "generation, large size", f"(c) data: {config.nominations:,} nominations"
        ):
            result["generation"]["large"] = _generate(
                config.nominations, seed=config.seed, smoke=config.smoke, say=say
            )
        with progress.phase("pages, large size", "(c) pages again"):
            result["large"] = {
                "nominations": Nomination.objects.count(),
                "pages": pages.pages_measure(chosen, users, repeat=config.repeat),
            }
    return result


def _flows(config: Config, progress: Progress) -> dict[str, Any]:
    result: dict[str, Any] = {}
    with progress.phase("world", "(a, b, d) a small world of the benchmark's own"):
        world = world_build(tag=world_tag())
    user = world.district_reviewer
    with progress.phase("actions (b)", "(b) statements per action: bare flow, nomination flow"):
        result["actions"] = {
            "bare": cycle.bare_actions(user=user, repeat=config.actions_repeat),
            "project": cycle.project_actions(world, repeat=config.actions_repeat),
        }
    with progress.phase("bare flow (a)", f"(a) bare flow: {config.bare:,} processes"):
        result["bare"] = cycle.bare_cycles(config.bare, user=user)
    with progress.phase(
        "full cycles (a)", f"(a) nomination flow: {config.cycle:,} drafts, then the full cycle"
    ):
        drafts = [dossier_make(world) for _ in range(config.cycle)]
        result["cycle"] = cycle.project_cycles(world, drafts)
    with progress.phase("decision (d)", f"(d) one decision over {config.decision:,} nominations"):
        result["decision"] = decision = cycle.decision_over_many(world, config.decision)
    progress.say(f"  {decision['source']}, set up in {decision['setup_seconds']:.1f} s")
    return result


def run(config: Config, *, say: Say = print) -> dict[str, Any]:
    """Every measurement; the raw result (see bench/report.py for the figures)."""
    started = time.perf_counter()
    progress = Progress(say)
    result: dict[str, Any] = {
        "kind": config.kind,
        "date": timezone.localtime().isoformat(timespec="seconds"),
        "config": asdict(config),
        "machine": system.machine(),
        **system.commit(),
        "debug": settings.DEBUG,
    }
    if settings.DEBUG:
        say("warning: DEBUG is on: every statement is kept in memory and timings suffer")
    media = tempfile.TemporaryDirectory(prefix="khenthuong-bench-media-")
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    storages = {
        **settings.STORAGES,
        # Pages render without collectstatic's manifest; the lookup it saves is negligible.
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    static = Path(media.name) / "static"  # WhiteNoise warns when STATIC_ROOT is missing
    static.mkdir()
    with (
        media,
        override_settings(
            MEDIA_ROOT=media.name, STATIC_ROOT=static, ALLOWED_HOSTS=hosts, STORAGES=storages
        ),
    ):
        result["pages"] = _pages(config, progress)
        result.update(_flows(config, progress))
        with progress.phase("rule sweep (e)", f"(e) rule sweep over {config.sweep:,}"):
            result["sweep"] = sweep.rule_sweep(config.sweep, batch=config.sweep_batch)
    with progress.phase(
        "pgbench (g)", f"(g) pgbench, scale {config.pgbench_scale}, {config.pgbench_seconds} s"
    ):
        result["pgbench"] = system.pgbench_run(
            scale=config.pgbench_scale, seconds=config.pgbench_seconds
        )
    result["memory"] = {"peak_rss_mb": system.peak_memory_mb(), "peak_after": progress.peak_mb}
    result["phases_seconds"] = progress.seconds
    result["duration_s"] = time.perf_counter() - started
    return result
