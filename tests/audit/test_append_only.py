"""On PostgreSQL the database itself refuses to rewrite the record (issue 6 §3, ADR 0011):
UPDATE and DELETE on the event table and on every history table fail, whoever sends them,
until a superuser disables the trigger (which `audit_verify` then catches)."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.apps import TRIGGER_NAME, append_only_tables, install_append_only_triggers
from audit.models import AuditChainHead, AuditEvent
from audit.selectors import audit_chain_verify
from organizations.models import Unit

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the append-only triggers are PostgreSQL's (SQLite has no trigger installed)",
    ),
]

HISTORY_TABLE = Unit.history.model._meta.db_table
EVENT_TABLE = AuditEvent._meta.db_table


def refused(sql: str, params: list | None = None) -> None:
    """Run `sql` and expect the trigger to refuse it (in a savepoint: the test goes on)."""
    with (
        pytest.raises(DatabaseError, match="refused: the audit log and history tables are"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params or [])


def enabled_trigger_tables() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s AND t.tgenabled <> 'D'",
            [TRIGGER_NAME],
        )
        return {row[0] for row in cursor.fetchall()}


def test_a_direct_sql_update_of_an_event_is_refused(last_event):
    # when a superuser's SQL rewrites an event / then the database refuses
    refused(f"UPDATE {EVENT_TABLE} SET reason = 'sửa' WHERE id = %s", [last_event.pk])

    last_event.refresh_from_db()
    assert last_event.reason == ""


def test_a_direct_sql_delete_of_an_event_is_refused(last_event):
    # when / then
    refused(f"DELETE FROM {EVENT_TABLE} WHERE id = %s", [last_event.pk])

    assert AuditEvent.objects.filter(pk=last_event.pk).exists()


def test_the_orm_cannot_rewrite_or_delete_an_event_either(last_event):
    # when / then: the ORM's bulk paths go through the same trigger
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=last_event.pk).update(reason="sửa")
    with pytest.raises(DatabaseError), transaction.atomic():
        last_event.delete()


@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {HISTORY_TABLE} SET name = 'sửa' WHERE history_id = %s",
        f"DELETE FROM {HISTORY_TABLE} WHERE history_id = %s",
    ],
    ids=["update", "delete"],
)
def test_a_direct_sql_change_of_a_history_row_is_refused(audited_units, sql):
    # given a unit's history row
    row = audited_units[0].history.get()

    # when / then
    refused(sql, [row.history_id])

    assert audited_units[0].history.get().name == audited_units[0].name


def test_every_history_table_and_the_event_table_carry_an_enabled_trigger(db):
    # given the tables that must be append-only
    tables = append_only_tables()

    # when / then: the test database was migrated, so post_migrate installed them all
    assert len(tables) > 40
    assert set(tables) - enabled_trigger_tables() == set()


def test_the_chain_head_row_stays_writable(audited_units):
    # given the head, which every append updates
    head = AuditChainHead.objects.get()

    # when an append moves it on (audited_units did three times) / then it is not protected
    assert AuditChainHead._meta.db_table not in enabled_trigger_tables()
    assert head.last_seq == AuditEvent.objects.order_by("-seq").first().seq
    assert audit_chain_verify() is None


def test_the_installer_restores_a_disabled_trigger(db):
    # given a superuser disabled one history table's trigger
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {HISTORY_TABLE} DISABLE TRIGGER {TRIGGER_NAME}")

    # when the next migrate runs the installer
    restored = install_append_only_triggers(using="default")

    # then the trigger is back, and nothing else was touched
    assert restored == [HISTORY_TABLE]
    assert HISTORY_TABLE in enabled_trigger_tables()
    assert install_append_only_triggers(using="default") == []


@pytest.mark.django_db(transaction=True)
def test_a_flushed_test_database_keeps_working_with_the_triggers(reference_data, unit_admin):
    # given committed events and history rows (this test's data is flushed with TRUNCATE after)
    assert AuditEvent.objects.exists()

    # when / then: refused even outside a test transaction
    with pytest.raises(DatabaseError):
        AuditEvent.objects.all().delete()
    assert audit_chain_verify() is None
