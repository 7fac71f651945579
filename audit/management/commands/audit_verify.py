"""`manage.py audit_verify`: is the audit record intact? Exit 0 if so, 1 at the first break.

1. The event chain (audit.selectors.audit_chain_verify): every event in order, each linked to the
   one before and matching its own hash, the head matching the last event.
2. Optionally, anchors: heads exported earlier by `manage.py audit_head` (--anchor FILE): the
   event at each exported seq must still carry the exported hash.
3. The history tables (unless --skip-history): every tracked row has history and matches its
   latest history row; nothing the history says exists has vanished.
See docs/operations/audit-anchoring.md.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from audit.selectors import (
    ChainBreak,
    ChainBreakKind,
    HistoryMismatch,
    HistoryMismatchKind,
    audit_chain_point,
    audit_chain_verify,
    audit_history_verify,
)


def chain_break_message(broken: ChainBreak) -> str:
    values = {"seq": broken.seq, "id": broken.event_id}
    if broken.kind == ChainBreakKind.MISSING:
        return (
            _("Event #%(seq)s is missing: it was deleted, or its sequence number was changed.")
            % values
        )
    if broken.kind == ChainBreakKind.LINK:
        return (
            _(
                "Event #%(seq)s (id %(id)s) does not link to the event before it: the previous "
                "event was changed or removed."
            )
            % values
        )
    if broken.kind == ChainBreakKind.HEAD:
        return (
            _(
                "The chain head (#%(seq)s) does not match the last event: events at the end were "
                "removed, or the head was rewritten."
            )
            % values
        )
    return (
        _(
            "Event #%(seq)s (id %(id)s) was changed after it was recorded: its content does not "
            "match its hash."
        )
        % values
    )


def history_mismatch_message(mismatch: HistoryMismatch) -> str:
    meta = mismatch.model._meta
    values = {
        "model": f"{meta.verbose_name} ({meta.label})",
        "pk": mismatch.pk,
        "field": (
            f"{mismatch.field.verbose_name} ({mismatch.field.name})" if mismatch.field else ""
        ),
    }
    if mismatch.kind == HistoryMismatchKind.NO_HISTORY:
        return _("%(model)s #%(pk)s has no history row: it was written without history.") % values
    if mismatch.kind == HistoryMismatchKind.DELETED:
        return _("%(model)s #%(pk)s exists, but its history says it was deleted.") % values
    if mismatch.kind == HistoryMismatchKind.GONE:
        return (
            _(
                "%(model)s #%(pk)s is gone, but its history records no deletion: it was deleted "
                "without history."
            )
            % values
        )
    return (
        _(
            "%(model)s #%(pk)s: the field %(field)s differs from its latest history row: it was "
            "changed without history."
        )
        % values
    )


def read_anchors(path: Path) -> list[tuple[int, str]]:
    """(seq, hash) of each head in a file written by `audit_head`: one JSON object per line
    (signed copies: only the JSON lines). Raises OSError or ValueError on an unreadable file."""
    heads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip().startswith("{"):
            continue  # blank, or a signature's armour around the JSON
        head = json.loads(line)
        if not isinstance(head, dict) or "seq" not in head or "hash" not in head:
            raise ValueError(f"not a head: {line.strip()[:80]}")
        heads.append((int(head["seq"]), str(head["hash"])))
    if not heads:
        raise ValueError("no head in the file")
    return heads


class Command(BaseCommand):
    help = (
        "Verify the audit record: walk the event hash chain, compare exported heads (--anchor) "
        "and check that the history tables match the data. Exits 1 at the first break."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Rows read per query (default 2000)."
        )
        parser.add_argument(
            "--skip-history",
            action="store_true",
            help="Only verify the event chain (and anchors), not the history tables.",
        )
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            type=Path,
            metavar="FILE",
            help="A head exported by audit_head (JSON, one per line); may be repeated.",
        )

    def handle(self, *args, **options):
        batch_size = options["batch_size"]
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        problems = self.check_chain(batch_size)
        for path in options["anchor"]:
            problems += self.check_anchors(path)
        if options["skip_history"]:
            self.stdout.write(_("History tables not checked (--skip-history)."))
        else:
            problems += self.check_history(batch_size)
        if problems:
            for problem in problems:
                self.stderr.write(self.style.ERROR(problem))
            raise CommandError(
                _(
                    "The audit record is NOT intact: see the first problem above. Change "
                    "nothing, keep a copy of the database and report it to the inspection "
                    "committee."
                )
            )
        self.stdout.write(self.style.SUCCESS(_("The audit record is intact.")))

    def check_chain(self, batch_size: int) -> list[str]:
        head = audit_chain_point()  # before the walk, which then covers at least this far
        broken = audit_chain_verify(batch_size=batch_size)
        if broken is not None:
            return [chain_break_message(broken)]
        if head is None:  # the head named an event that was not there yet, or any more
            return [_("The chain head names an event that does not exist.")]
        self.stdout.write(
            _("Event chain intact up to #%(seq)s (hash %(hash)s).")
            % {"seq": head.seq, "hash": head.hash}
        )
        return []

    def check_anchors(self, path: Path) -> list[str]:
        try:
            anchors = read_anchors(path)
        except (OSError, ValueError) as error:
            raise CommandError(
                _(
                    "Cannot read the anchor file %(file)s (%(error)s): give a file written by "
                    "manage.py audit_head."
                )
                % {"file": path, "error": error}
            ) from error
        problems = []
        for seq, expected in anchors:
            point = audit_chain_point(seq=seq)
            values = {"file": path, "seq": seq, "expected": expected}
            if point is None:
                problems.append(
                    _("Anchor %(file)s: event #%(seq)s, exported earlier, is not in the log.")
                    % values
                )
            elif point.hash != expected:
                problems.append(
                    _(
                        "Anchor %(file)s: event #%(seq)s now has the hash %(found)s, not the "
                        "exported %(expected)s: the chain was rewritten after the export."
                    )
                    % {**values, "found": point.hash}
                )
            else:
                self.stdout.write(
                    _("Anchor %(file)s: event #%(seq)s still has the exported hash.") % values
                )
        return problems

    def check_history(self, batch_size: int) -> list[str]:
        result = audit_history_verify(batch_size=batch_size)
        if result.mismatch is not None:
            return [history_mismatch_message(result.mismatch)]
        self.stdout.write(
            _("History matches the data: %(rows)s rows of %(models)s tracked models.")
            % {"rows": result.rows, "models": result.models}
        )
        return []
