import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from workflows.tasks import workflow_tick


class Command(BaseCommand):
    help = (
        "Run the workflow scheduler: every --interval seconds, fire the due deadline timers "
        "(reminders and escalations). Runs until stopped; --once runs a single tick."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="seconds between ticks")
        parser.add_argument("--once", action="store_true", help="run one tick and exit")

    def handle(self, *args, interval: int, once: bool, **options):
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            fired = workflow_tick()
            if once:
                self.stdout.write(f"{fired} timer(s) fired")
                return
            for _ in range(interval):
                if stopping:
                    return
                time.sleep(1)
            # A long-running loop must not keep a connection the server has dropped; done
            # between ticks only, since inside a transaction (a test) it would close it.
            close_old_connections()
