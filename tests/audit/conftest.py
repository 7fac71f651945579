"""Fixtures for the tamper-evidence tests: a few audited changes, and a superuser's raw SQL."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from audit.apps import TRIGGER_NAME, append_only_tables
from audit.models import AuditEvent
from organizations.models import Unit
from organizations.services import unit_create
from tests.factories import kind

# The nomination workflow's fixtures, for the auditor's timeline, reports and pages.
from tests.nominations.conftest import (  # noqa: F401
    council,
    district_reviewer,
    draft,
    member_a1x,
    members,
    ready,
)


@pytest.fixture
def audited_units(tree, unit_admin) -> list[Unit]:
    """Three units created through the service: three events, three history rows."""
    return [
        unit_create(
            actor=unit_admin,
            code=f"CDCS-AUDIT-{n}",
            name=f"Công đoàn cơ sở kiểm tra {n}",
            kind=kind("cdcs"),
            parent=tree.district_a1,
        )
        for n in range(3)
    ]


@pytest.fixture
def last_event(audited_units) -> AuditEvent:
    return AuditEvent.objects.order_by("-seq").first()


Tamper = Callable[..., int]


def _check_deferred_constraints(cursor: Any) -> None:
    """ALTER TABLE refuses to run while deferred foreign-key checks are pending: run them."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture
def tamper() -> Tamper:
    """Run SQL the way a database superuser would to forge the record: on PostgreSQL, with the
    append-only trigger of `table` disabled for the statement. The test's transaction rolls it
    all back (ALTER TABLE included)."""

    def run(table: str, sql: str, params: list[Any] | None = None) -> int:
        guarded = connection.vendor == "postgresql" and table in append_only_tables()
        with connection.cursor() as cursor:
            if guarded:
                _check_deferred_constraints(cursor)
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {TRIGGER_NAME}")
            cursor.execute(sql, params or [])
            count = cursor.rowcount
            if guarded:
                _check_deferred_constraints(cursor)
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {TRIGGER_NAME}")
        return count

    return run
