"""`manage.py generate_scale --nominations N`: the national-scale dataset (bench.scale)."""

from django.core.management.base import BaseCommand, CommandParser

from bench.scale import BENCH_USERS, generate


class Command(BaseCommand):
    help = (
        "Make the database hold at least N generated nominations: the union tree, people with "
        "five years of ratings, nominations in every status with their workflow, history and "
        "audit events, and the bench accounts. A later call with a larger N adds the difference."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--nominations", type=int, required=True, help="N, at least 1")
        parser.add_argument("--seed", type=int, default=1, help="the same seed, the same data")
        parser.add_argument(
            "--orm",
            action="store_true",
            help="write through bulk_create_with_history even on PostgreSQL (slower, no COPY)",
        )

    def handle(self, *args, **options):
        report = generate(
            options["nominations"],
            seed=options["seed"],
            stdout=self.stdout,
            copy=False if options["orm"] else None,
        )
        for line in report.lines():
            self.stdout.write(line)
        accounts = ", ".join(f"{role}: {name}" for role, name in BENCH_USERS.items())
        self.stdout.write(f"Bench accounts: {accounts}")
