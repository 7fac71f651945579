"""Append-only on PostgreSQL (issue 6, ADR 0011).

A trigger refuses UPDATE and DELETE on the event table. The history tables get the same trigger
from audit.apps.install_append_only_triggers after every migrate (new apps keep adding them).
The SQL is written out here, not imported, so that this migration stays what it was when applied.

It also gives the system account the history row it lacks: accounts 0003 created it with a data
migration, where simple-history records nothing, and `manage.py audit_verify` requires a history
row for every tracked row.
"""

from django.db import migrations
from django.utils import timezone

FUNCTION_SQL = """
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
TRIGGER_SQL = (
    "CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditevent "
    "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()"
)
SYSTEM_USERNAME = "he-thong"


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # params=None: the SQL holds plpgsql's own % placeholders, not the driver's.
    schema_editor.execute(FUNCTION_SQL, params=None)
    schema_editor.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit_auditevent", None)
    schema_editor.execute(TRIGGER_SQL, params=None)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # CASCADE takes the history tables' triggers (audit.apps) with the function.
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_refuse_change() CASCADE", None)


def system_account_history(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    HistoricalUser = apps.get_model("accounts", "HistoricalUser")
    user = User.objects.filter(username=SYSTEM_USERNAME).first()
    if user is None or HistoricalUser.objects.filter(id=user.pk).exists():
        return
    copied = {
        field.attname: getattr(user, field.attname)
        for field in HistoricalUser._meta.concrete_fields
        if not field.name.startswith("history_")
    }
    HistoricalUser.objects.create(
        **copied,
        history_date=timezone.now(),
        history_type="+",
        history_change_reason="Created by migration accounts 0003 (system account)",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_alter_auditevent_event_type"),
        ("accounts", "0003_system_account"),
    ]
    operations = [
        migrations.RunPython(install, uninstall),
        migrations.RunPython(system_account_history, migrations.RunPython.noop),
    ]
