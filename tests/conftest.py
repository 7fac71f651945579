"""Shared fixtures: a small union tree and one actor per role.

    TLĐ (tld)
    ├── LĐLĐ tỉnh A (province_a)
    │   ├── LĐLĐ huyện A1 (district_a1)
    │   │   ├── CĐCS A1-X (cdcs_a1x) ── Tổ CĐ A1-X-1 (team_a1x)
    │   │   └── CĐCS A1-Y (cdcs_a1y)
    │   └── LĐLĐ huyện A2 (district_a2)
    │       └── CĐCS A2-X (cdcs_a2x)
    └── LĐLĐ tỉnh B (province_b)
        └── LĐLĐ huyện B1 (district_b1)
            └── CĐCS B1-X (cdcs_b1x)

Actors: `clerk` (clerk of cdcs_a1x), `district_clerk` (clerk of district_a1), `reviewer`,
`council_secretary`, `council_member`, `signer`, `auditor` and `unit_admin` at province_a,
`reviewer_b` at province_b, and `system_admin` (a superuser).
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.utils import translation

from accounts.selectors import system_user
from organizations.models import Role, Unit
from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory, kind


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language (Vietnamese).

    A request through the test client leaves the language its LocaleMiddleware chose active in
    the thread, so without this a test that asks for English pages would turn the next test on
    the same worker English too.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class Tree:
    tld: Unit
    province_a: Unit
    district_a1: Unit
    cdcs_a1x: Unit
    team_a1x: Unit
    cdcs_a1y: Unit
    district_a2: Unit
    cdcs_a2x: Unit
    province_b: Unit
    district_b1: Unit
    cdcs_b1x: Unit


@pytest.fixture
def tree(db) -> Tree:
    tld = UnitFactory(code="TLD", name="Tổng Liên đoàn Lao động Việt Nam", kind=kind("tld"))
    province_a = UnitFactory(
        code="LDLD-A", name="Liên đoàn Lao động tỉnh A", kind=kind("ldld-tinh"), parent=tld
    )
    district_a1 = UnitFactory(
        code="LDLD-A1",
        name="Liên đoàn Lao động huyện A1",
        kind=kind("ldld-huyen"),
        parent=province_a,
    )
    cdcs_a1x = UnitFactory(
        code="CDCS-A1X",
        name="Công đoàn cơ sở Trường Tiểu học A1-X",
        parent=district_a1,
        sector="public_service",
        headcount=40,
        women_headcount=30,
    )
    team_a1x = UnitFactory(
        code="TO-A1X-1", name="Tổ công đoàn Khối 1", kind=kind("to-cong-doan"), parent=cdcs_a1x
    )
    cdcs_a1y = UnitFactory(
        code="CDCS-A1Y",
        name="Công đoàn cơ sở Công ty May A1-Y",
        parent=district_a1,
        sector="non_state_enterprise",
        headcount=500,
        women_headcount=420,
    )
    district_a2 = UnitFactory(
        code="LDLD-A2",
        name="Liên đoàn Lao động huyện A2",
        kind=kind("ldld-huyen"),
        parent=province_a,
    )
    cdcs_a2x = UnitFactory(code="CDCS-A2X", name="Công đoàn cơ sở UBND xã A2-X", parent=district_a2)
    province_b = UnitFactory(
        code="LDLD-B", name="Liên đoàn Lao động tỉnh B", kind=kind("ldld-tinh"), parent=tld
    )
    district_b1 = UnitFactory(
        code="LDLD-B1",
        name="Liên đoàn Lao động huyện B1",
        kind=kind("ldld-huyen"),
        parent=province_b,
    )
    cdcs_b1x = UnitFactory(
        code="CDCS-B1X", name="Công đoàn cơ sở Bệnh viện B1-X", parent=district_b1
    )
    return Tree(
        tld=tld,
        province_a=province_a,
        district_a1=district_a1,
        cdcs_a1x=cdcs_a1x,
        team_a1x=team_a1x,
        cdcs_a1y=cdcs_a1y,
        district_a2=district_a2,
        cdcs_a2x=cdcs_a2x,
        province_b=province_b,
        district_b1=district_b1,
        cdcs_b1x=cdcs_b1x,
    )


def _actor(username: str, role: str, unit: Unit):
    user = UserFactory(username=username, home_unit=unit)
    RoleAssignmentFactory(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def clerk(tree):
    return _actor("clerk", Role.CLERK, tree.cdcs_a1x)


@pytest.fixture
def district_clerk(tree):
    return _actor("district_clerk", Role.CLERK, tree.district_a1)


@pytest.fixture
def reviewer(tree):
    return _actor("reviewer", Role.REVIEWER, tree.province_a)


@pytest.fixture
def reviewer_b(tree):
    return _actor("reviewer_b", Role.REVIEWER, tree.province_b)


@pytest.fixture
def council_secretary(tree):
    return _actor("council_secretary", Role.COUNCIL_SECRETARY, tree.province_a)


@pytest.fixture
def council_member(tree):
    return _actor("council_member", Role.COUNCIL_MEMBER, tree.province_a)


@pytest.fixture
def signer(tree):
    return _actor("signer", Role.SIGNER, tree.province_a)


@pytest.fixture
def auditor(tree):
    return _actor("auditor", Role.AUDITOR, tree.province_a)


@pytest.fixture
def unit_admin(tree):
    return _actor("unit_admin", Role.ADMIN, tree.province_a)


@pytest.fixture
def system_admin(db):
    return UserFactory(username="sysadmin", is_superuser=True, is_staff=True)


@pytest.fixture
def system(db):
    """The system account, for set-up steps that go through services."""
    return system_user()


def _load_reference_data() -> None:
    from accounts.selectors import system_user
    from awards.reference_loader import reference_data_load

    reference_data_load(actor=system_user())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every deployment has the reference data (unit levels and kinds, regulation documents, the
    award catalogue, step deadlines): load it once into the test database. Tests roll back their
    own changes, so it stays for all of them; tests with `transaction=True` run last and flush it,
    and ask for `reference_data` to have it again."""
    with django_db_blocker.unblock():
        _load_reference_data()


@pytest.fixture
def reference_data(db):
    """The reference data, for tests that rely on it (a cheap check when it is loaded)."""
    _load_reference_data()
