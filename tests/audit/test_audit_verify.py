"""`manage.py audit_verify` finds a forged record and names the first broken row (issue 6 §1):
an event (by seq), a history row or a history-less change (by model, pk and field); it exits
0 when all is intact and 1 otherwise. `audit_head` exports the head that anchors the chain.

The forgery is done as a database superuser would: raw SQL with the append-only trigger
disabled (see conftest.tamper); on SQLite, which has no trigger, plain SQL."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from audit.models import AuditChainHead, AuditEvent
from audit.selectors import (
    ChainBreakKind,
    HistoryMismatchKind,
    audit_chain_verify,
    audit_history_verify,
    tracked_models,
)
from audit.services import event_content, event_hash
from organizations.models import Person, Unit
from tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def english():
    """The tests read the commands' English messages; the Vietnamese catalogue is checked whole
    by tests/test_translations.py."""
    with translation.override("en"):
        yield


EVENT_TABLE = AuditEvent._meta.db_table
UNIT_HISTORY_TABLE = Unit.history.model._meta.db_table


def verify(*args: str) -> tuple[int, str, str]:
    """Run the command as cron would: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_an_intact_record_exits_zero(audited_units, last_event):
    # when
    code, out, err = verify()

    # then
    assert code == 0, err
    assert f"#{last_event.seq}" in out
    assert "The audit record is intact." in out


def test_an_event_altered_by_a_superuser_is_named_by_its_seq(audited_units, tamper):
    # given the middle one of the last three events rewritten behind the application's back
    forged = AuditEvent.objects.order_by("-seq")[1]
    tamper(EVENT_TABLE, f"UPDATE {EVENT_TABLE} SET reason = 'đã sửa' WHERE id = %s", [forged.pk])

    # when
    code, _out, err = verify("--skip-history")

    # then
    assert code == 1
    assert f"Event #{forged.seq} (id {forged.pk}) was changed after it was recorded" in err
    broken = audit_chain_verify()
    assert (broken.seq, broken.kind, broken.event_id) == (
        forged.seq,
        ChainBreakKind.HASH,
        forged.pk,
    )


def test_a_rehashed_event_breaks_the_link_of_the_next_one(audited_units, tamper):
    # given an event rewritten with a hash recomputed to match its new content
    events = list(AuditEvent.objects.order_by("-seq")[:2])
    last, forged = events
    forged.reason = "đã sửa"
    new_hash = event_hash(forged.prev_hash, event_content(forged))
    tamper(
        EVENT_TABLE,
        f"UPDATE {EVENT_TABLE} SET reason = %s, hash = %s WHERE id = %s",
        [forged.reason, new_hash, forged.pk],
    )

    # when
    code, _out, err = verify("--skip-history")

    # then the next event no longer links to it
    assert code == 1
    assert f"Event #{last.seq} (id {last.pk}) does not link to the event before it" in err


def test_a_deleted_event_is_named_as_missing(audited_units, tamper):
    # given an event deleted from the middle of the chain
    deleted = AuditEvent.objects.order_by("-seq")[1]
    tamper(EVENT_TABLE, f"DELETE FROM {EVENT_TABLE} WHERE id = %s", [deleted.pk])

    # when
    code, _out, err = verify("--skip-history")

    # then
    assert code == 1
    assert f"Event #{deleted.seq} is missing" in err


def test_events_cut_from_the_end_are_caught_by_the_head(audited_units, last_event, tamper):
    # given the last event deleted: the rest of the chain still links
    tamper(EVENT_TABLE, f"DELETE FROM {EVENT_TABLE} WHERE id = %s", [last_event.pk])

    # when
    code, _out, err = verify("--skip-history")

    # then the head still says how long the chain was
    assert code == 1
    assert f"Event #{last_event.seq} is missing" in err


def test_a_head_rewound_to_an_earlier_event_is_caught(audited_units, last_event):
    # given the head moved back one event: the chain up to it is intact
    previous = AuditEvent.objects.get(seq=last_event.seq - 1)
    AuditChainHead.objects.filter(pk=1).update(last_seq=previous.seq, last_hash=previous.hash)

    # when
    code, _out, err = verify("--skip-history")

    # then the event past it gives it away
    assert code == 1
    assert f"The chain head (#{previous.seq}) does not match the last event" in err


def test_a_chain_rewritten_to_the_end_is_caught_by_an_exported_anchor(
    audited_units, tamper, tmp_path
):
    # given the head exported (daily, off-site) before the forgery
    anchor = tmp_path / "heads.jsonl"
    out = io.StringIO()
    call_command("audit_head", stdout=out)
    anchor.write_text(out.getvalue())
    # and then an event rewritten with every later hash and the head recomputed: the chain
    # alone looks intact
    events = list(AuditEvent.objects.order_by("-seq")[:2])[::-1]
    events[0].reason = "đã sửa"
    prev_hash = events[0].prev_hash
    for event in events:
        event.prev_hash = prev_hash
        event.hash = event_hash(prev_hash, event_content(event))
        tamper(
            EVENT_TABLE,
            f"UPDATE {EVENT_TABLE} SET reason = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [event.reason, event.prev_hash, event.hash, event.pk],
        )
        prev_hash = event.hash
    AuditChainHead.objects.filter(pk=1).update(last_hash=prev_hash)
    assert audit_chain_verify() is None

    # when
    code, _out, err = verify("--skip-history", "--anchor", str(anchor))

    # then
    assert code == 1
    assert f"event #{events[-1].seq} now has the hash {prev_hash}" in err


def test_an_anchor_that_still_matches_is_reported_as_such(audited_units, last_event, tmp_path):
    # given
    anchor = tmp_path / "head.json"
    out = io.StringIO()
    call_command("audit_head", stdout=out)
    anchor.write_text(out.getvalue())

    # when
    code, out_text, err = verify("--skip-history", "--anchor", str(anchor))

    # then
    assert code == 0, err
    assert f"event #{last_event.seq} still has the exported hash" in out_text


def test_an_anchor_is_read_from_a_signed_copy_as_it_was_mailed(audited_units, last_event, tmp_path):
    # given the head as the Inspection Committee received it: clear-signed
    out = io.StringIO()
    call_command("audit_head", stdout=out)
    signed = tmp_path / "2026-11-24.json.asc"
    signed.write_text(
        "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
        + out.getvalue()
        + "-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n"
    )

    # when
    code, out_text, err = verify("--skip-history", "--anchor", str(signed))

    # then
    assert code == 0, err
    assert f"event #{last_event.seq} still has the exported hash" in out_text


def test_an_unreadable_anchor_file_says_what_to_give_instead(db, tmp_path):
    # given a file that holds no head
    anchor = tmp_path / "notes.txt"
    anchor.write_text("hôm nay không xuất\n")

    # when
    code, _out, err = verify("--skip-history", "--anchor", str(anchor))

    # then
    assert code == 1
    assert "give a file written by manage.py audit_head" in err


def test_audit_head_prints_the_head_as_json(audited_units, last_event):
    # when
    out = io.StringIO()
    call_command("audit_head", stdout=out)

    # then
    exported = json.loads(out.getvalue())
    assert (exported["seq"], exported["hash"]) == (last_event.seq, last_event.hash)
    assert exported["occurred_at"] == last_event.occurred_at.isoformat()
    assert exported["exported_at"]


def test_a_tampered_history_row_is_named_by_model_pk_and_field(audited_units, tamper):
    # given a unit's history row rewritten
    unit = audited_units[1]
    row = unit.history.get()
    tamper(
        UNIT_HISTORY_TABLE,
        f"UPDATE {UNIT_HISTORY_TABLE} SET name = 'Tên giả' WHERE history_id = %s",
        [row.history_id],
    )

    # when
    code, _out, err = verify()

    # then
    assert code == 1
    assert f"(organizations.Unit) #{unit.pk}: the field" in err
    assert "(name) differs from its latest history row" in err


def test_a_change_made_without_history_is_named(audited_units):
    # given a bulk update, which simple-history does not see
    unit = audited_units[2]
    Unit.objects.filter(pk=unit.pk).update(headcount=999)

    # when
    result = audit_history_verify()

    # then
    mismatch = result.mismatch
    assert (mismatch.model, mismatch.pk, mismatch.kind, mismatch.field.name) == (
        Unit,
        unit.pk,
        HistoryMismatchKind.DIFFERS,
        "headcount",
    )


def test_a_row_without_history_is_named(db):
    # given a person inserted without history
    [person] = Person.objects.bulk_create([PersonFactory.build(code="P-NO-HISTORY")])

    # when
    code, _out, err = verify()

    # then
    assert code == 1
    assert f"(organizations.Person) #{person.pk} has no history row" in err


def test_a_row_deleted_without_history_is_named(db, tamper):
    # given a person deleted by SQL: the history still says it exists
    person = PersonFactory()
    tamper(Person._meta.db_table, "DELETE FROM organizations_person WHERE id = %s", [person.pk])

    # when
    result = audit_history_verify()

    # then
    assert (result.mismatch.model, result.mismatch.pk, result.mismatch.kind) == (
        Person,
        person.pk,
        HistoryMismatchKind.GONE,
    )


def test_skip_history_checks_only_the_chain(audited_units, tamper):
    # given a tampered history row
    row = audited_units[0].history.get()
    tamper(
        UNIT_HISTORY_TABLE,
        f"UPDATE {UNIT_HISTORY_TABLE} SET name = 'Tên giả' WHERE history_id = %s",
        [row.history_id],
    )

    # when
    code, out, err = verify("--skip-history", "--batch-size", "1")

    # then
    assert code == 0, err
    assert "History tables not checked" in out


def test_the_history_check_reads_in_batches_not_row_by_row(
    audited_units, django_assert_max_num_queries
):
    # given every tracked model, each with up to a handful of rows
    models = len(tracked_models())

    # when / then: two queries per batch of rows and one per model, whatever the row count
    with django_assert_max_num_queries(4 * models):
        result = audit_history_verify(batch_size=1000)
    assert result.mismatch is None
    assert result.rows > len(audited_units)


def test_a_batch_size_below_one_is_refused_with_how_to_fix_it(db):
    # when
    code, _out, err = verify("--batch-size", "0")

    # then
    assert code == 1
    assert "--batch-size must be at least 1" in err
