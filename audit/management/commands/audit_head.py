"""`manage.py audit_head`: the chain's head (or the event at --seq) as one line of JSON.

Run daily from cron and store the line away from the server (docs/operations/audit-anchoring.md):
whoever later rewrites the log cannot rewrite the copies, and `audit_verify --anchor FILE` checks
the log against them.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.selectors import audit_chain_point


class Command(BaseCommand):
    help = (
        "Print the audit chain head as JSON (seq, hash, time of that event, export time), for "
        "storing off-site; --seq prints the event at that seq instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seq", type=int, default=None, help="The event to print (default: the head)."
        )

    def handle(self, *args, **options):
        point = audit_chain_point(seq=options["seq"])
        if point is None:
            raise CommandError(
                _("There is no event #%(seq)s: give a sequence number from 0 to the head's.")
                % {"seq": options["seq"]}
            )
        self.stdout.write(
            json.dumps(
                {
                    "seq": point.seq,
                    "hash": point.hash,
                    "occurred_at": point.occurred_at.isoformat() if point.occurred_at else None,
                    "exported_at": timezone.now().isoformat(),
                },
                sort_keys=True,
            )
        )
