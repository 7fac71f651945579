"""The full demo seed, run once per test module that asks for it.

Seeding the whole demo takes seconds, too long to repeat for every test. `demo_seeded` runs it
once per module inside a transaction that is rolled back when the module is done; each test
(through `demo`) then runs in its own savepoint inside it, as pytest-django's `db` does, so a
test's own writes (a sign-in, a second seed) are undone after it and the seeded data is not.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from accounts.selectors import system_user
from demo.plan import build_plan
from demo.services import demo_seed
from demo.specs import DemoPlan


@dataclass(frozen=True)
class SeedRun:
    plan: DemoPlan
    created: dict[str, int]
    system: Any


@pytest.fixture(scope="module")
def demo_seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        system = system_user()
        result = demo_seed(actor=system)
        yield SeedRun(plan=build_plan(), created=dict(result.created), system=system)
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_seeded, db) -> SeedRun:
    """The seeded demo, for one test (its writes are rolled back after it)."""
    return demo_seeded
