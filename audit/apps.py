from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# The database refuses UPDATE and DELETE on the event log and on every history table (ADR 0011).
# Migration audit 0006 installs the function and the event table's trigger; the history tables
# come and go with the apps, so `install_append_only_triggers` (after every migrate) gives each
# existing one the trigger, and re-creates any trigger found missing or disabled. Row triggers do
# not fire on TRUNCATE, so flushing a test database still works. The chain head row is updated on
# every append and is deliberately left unprotected.
TRIGGER_NAME = "audit_append_only"
MIGRATION = "0006_append_only_triggers"
REFUSE_FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: the audit log and history tables are append-only', TG_OP,
        TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Record a new event or history row instead (docs/decisions/0011).';
END;
$$
"""


def append_only_tables() -> list[str]:
    """The event table and every history table (m2m history too) of the installed apps."""
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    from audit.models import AuditEvent

    history = {
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges) and model._meta.managed
    }
    return [AuditEvent._meta.db_table, *sorted(history)]


def _migration_applied(using: str) -> bool:
    """Whether audit 0006 (the function and the event table's trigger) is in: a database
    migrated back before it gets no triggers from here either."""
    from django.db.migrations.recorder import MigrationRecorder

    return (
        MigrationRecorder(connections[using])
        .migration_qs.filter(app="audit", name=MIGRATION)
        .exists()
    )


def install_append_only_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> list[str]:
    """Give each append-only table that exists an enabled trigger; returns the tables it fixed.

    Idempotent and cheap when nothing is missing (three small queries): it runs after every
    `migrate` and after every flush of a test database. PostgreSQL only; a no-op elsewhere.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or not _migration_applied(using):
        return []
    quote = connection.ops.quote_name
    with transaction.atomic(using=using), connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s AND t.tgenabled <> 'D' AND pg_table_is_visible(c.oid)",
            [TRIGGER_NAME],
        )
        protected = {row[0] for row in cursor.fetchall()}
        missing = [t for t in append_only_tables() if t in existing and t not in protected]
        if missing:
            cursor.execute(REFUSE_FUNCTION_SQL)
        for table in missing:
            cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER_NAME} ON {quote(table)}")
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER_NAME} BEFORE UPDATE OR DELETE ON {quote(table)} "
                "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()"
            )
    return missing


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        post_migrate.connect(
            install_append_only_triggers, sender=self, dispatch_uid="audit_append_only_triggers"
        )
