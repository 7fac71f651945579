"""`manage.py bench`: the benchmark of issue 7 on the configured database (`make bench`,
`make bench-smoke`). It generates data and drives nominations through the services: run it on
a database of its own, never on one people use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench import report
from bench.measure import SMOKE, Config, run, smoke_config

SIZES = {
    "nominations": "N, the large size of the page measurements",
    "base": "the small size of the page measurements",
    "repeat": "timed requests per page",
    "cycle": "nominations through the full cycle",
    "bare": "processes through the bare flow",
    "actions-repeat": "repetitions of each action counted",
    "decision": "nominations in the one large decision",
    "sweep": "nominations in the rule sweep",
    "pgbench-scale": "pgbench -s",
    "pgbench-seconds": "pgbench -T",
    "seed": "the generator's seed",
}
FULL_DEFAULTS = {"nominations": 1_000_000}


class Command(BaseCommand):
    # `migrate`, run just before (scripts/bench), has checked the project: a second pass would
    # only add to the smoke run's minute.
    requires_system_checks: list[str] = []
    help = (
        "Measure throughput, SQL statements, page latency, a large decision, a rule sweep, "
        "memory and pgbench, and write JSON and Markdown reports to bench/results/. Writes to "
        "the configured database: use a throwaway one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--smoke",
            action="store_true",
            help="small sizes everywhere, under a minute (CI); the options below override them",
        )
        for option, help_text in SIZES.items():
            field = option.replace("-", "_")
            default = FULL_DEFAULTS.get(field, Config.__dataclass_fields__[field].default)
            parser.add_argument(
                f"--{option}",
                type=int,
                help=f"{help_text} (default {default:,}; smoke {getattr(SMOKE, field):,})",
            )
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "bench" / "results",
            help="where the reports go (default bench/results)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sizes = {option.replace("-", "_"): options[option.replace("-", "_")] for option in SIZES}
        if options["smoke"]:
            config = smoke_config(**sizes)
        else:
            chosen = {k: v for k, v in sizes.items() if v is not None}
            config = Config(**{**FULL_DEFAULTS, **chosen})
        if any(getattr(config, o.replace("-", "_")) < 1 for o in SIZES if o != "seed"):
            raise CommandError("Every size must be at least 1.")
        if config.nominations < config.base:
            raise CommandError("--nominations must be at least --base.")

        result = run(config, say=lambda line: self.stdout.write(line))
        json_path, md_path = report.write(result, options["output"])
        self.stdout.write("")
        self.stdout.write(md_path.read_text())
        self.stdout.write(
            self.style.SUCCESS(f"Written {json_path} and {md_path} in {result['duration_s']:.0f} s")
        )
