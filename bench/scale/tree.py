"""The fixed part of the dataset, made by the first call: the tree above the grassroots, the
staff accounts and their roles at each of its units, the councils, and the bench accounts."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from accounts.models import User
from audit.models import EventType
from bench.scale.rows import Events, Writer, build
from bench.scale.universe import (
    BENCH_CDCS,
    BENCH_PROVINCE,
    Clock,
    UnitSpec,
    Universe,
    key_number,
    person_name,
    rng_for,
)
from nominations.models import Council, CouncilMember
from organizations.models import RoleAssignment, Unit, UnitClosure, UnitKind

# The accounts the benchmark signs in with, by role (organizations.models.Role values).
BENCH_USERS: dict[str, str] = {
    "reviewer": "bench-reviewer",
    "clerk": "bench-clerk",
    "auditor": "bench-auditor",
    "council_secretary": "bench-secretary",
}
# Printable on purpose: a benchmark database holds generated data only.
BENCH_PASSWORD = "Bench@2026"
_BENCH_SLOTS = {
    ("reviewer", BENCH_PROVINCE): BENCH_USERS["reviewer"],
    ("council_secretary", BENCH_PROVINCE): BENCH_USERS["council_secretary"],
    ("clerk", BENCH_CDCS): BENCH_USERS["clerk"],
    ("auditor", "TLD"): BENCH_USERS["auditor"],
}
_SLUGS = {
    "clerk": "vt",
    "reviewer": "td",
    "council_secretary": "tk",
    "signer": "ky",
    "auditor": "kt",
    "council_member": "hd",
    "chair": "ct",
}
# The roles of each level's staff; council members are counted by Universe.council_size.
STAFF_ROLES = {
    "tld": ("reviewer", "council_secretary", "signer", "auditor"),
    "provincial": ("clerk", "reviewer", "council_secretary", "signer", "auditor"),
    "upper": ("clerk", "reviewer", "council_secretary", "signer"),
}
# A grassroots union's chair reviews and decides the awards of the grassroots level.
CHAIR_ROLES = ("reviewer", "signer")
NOTE = "Dữ liệu quy mô quốc gia (generate_scale)"
SUPERUSER = "superuser"  # the role audit events record for the system account


def staff_username(role: str, unit_key: str, number: int = 0) -> str:
    if number == 0 and (role, unit_key) in _BENCH_SLOTS:
        return _BENCH_SLOTS[(role, unit_key)]
    suffix = f"{number}" if number else ""
    return f"sc-{_SLUGS[role]}{suffix}-{unit_key.lower()}"


@dataclass
class Registry:
    """Ids of what exists, by the plan's keys."""

    units: dict[str, int] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # unit key -> name
    ancestors: dict[str, list[int]] = field(default_factory=dict)  # self first, root last
    users: dict[str, int] = field(default_factory=dict)  # username -> id
    councils: dict[str, int] = field(default_factory=dict)  # unit key -> council id
    members: dict[int, list[int]] = field(default_factory=dict)  # council id -> member ids
    kinds: dict[str, int] = field(default_factory=dict)

    def actor(self, role: str, unit_key: str) -> tuple[int, str]:
        """(id, username) of the staff account working `role` at the unit."""
        if unit_key.startswith("C") and role in CHAIR_ROLES:
            role = "chair"
        username = staff_username(role, unit_key)
        return self.users[username], username


def unit_row(spec: UnitSpec, registry: Registry) -> Unit:
    return build(
        Unit,
        {
            "code": spec.code,
            "name": spec.name[:255],
            "short_name": spec.short_name[:100],
            "kind_id": registry.kinds[spec.kind],
            "parent_id": registry.units[spec.parent] if spec.parent else None,
            "sector": spec.sector,
            "headcount": spec.headcount,
            "women_headcount": spec.women_headcount,
            "member_count": spec.member_count,
            "document_symbol": spec.document_symbol,
            "established_on": spec.established_on,
        },
    )


def add_units(
    specs: list[UnitSpec],
    *,
    writer: Writer,
    registry: Registry,
    events: Events,
    at: datetime.datetime,
) -> None:
    """Units whose parents exist already or are in `specs`, with closure rows; level by level,
    parents first."""
    pending = list(specs)
    while pending:
        wave = [spec for spec in pending if spec.parent is None or spec.parent in registry.units]
        if not wave:
            raise ValueError(f"units without a parent: {[spec.key for spec in pending][:5]}")
        _add_wave(wave, writer=writer, registry=registry, events=events, at=at)
        pending = [spec for spec in pending if spec.key not in registry.units]


def _add_wave(
    specs: list[UnitSpec],
    *,
    writer: Writer,
    registry: Registry,
    events: Events,
    at: datetime.datetime,
) -> None:
    rows = [unit_row(spec, registry) for spec in specs]
    writer.insert(Unit, rows)
    closure = []
    for spec, row in zip(specs, rows, strict=True):
        registry.units[spec.key] = row.pk
        registry.names[spec.key] = spec.name
        chain = [row.pk, *(registry.ancestors[spec.parent] if spec.parent else [])]
        registry.ancestors[spec.key] = chain
        closure += [
            build(UnitClosure, {"ancestor_id": ancestor, "descendant_id": row.pk, "depth": depth})
            for depth, ancestor in enumerate(chain)
        ]
        changes = {
            "code": [None, spec.code],
            "kind": [None, row.kind_id],
            "name": [None, row.name],
            "parent": [None, row.parent_id],
            "sector": [None, spec.sector],
            "headcount": [None, spec.headcount],
        }
        events.add(
            EventType.UNIT_CREATED,
            at,
            actor=system_actor(writer),
            role=SUPERUSER,
            model=Unit,
            object_id=row.pk,
            object_repr=row.name,
            unit=row.pk,
            changes=changes,
        )
    writer.closure(closure)


def system_actor(writer: Writer) -> tuple[int, str]:
    user = writer.history_user
    return user.pk, user.get_username()


@dataclass(frozen=True)
class Account:
    username: str
    full_name: str
    unit: str  # unit key
    roles: tuple[str, ...]
    title: str = ""


def add_accounts(
    accounts: list[Account],
    *,
    writer: Writer,
    registry: Registry,
    events: Events,
    at: datetime.datetime,
) -> None:
    """Staff accounts, each with its roles at its unit."""
    unusable = make_password(None)  # no password: these accounts cannot sign in
    bench = set(BENCH_USERS.values())
    # Hashed only when needed: a password hash takes the better part of a second on purpose.
    bench_password = (
        make_password(BENCH_PASSWORD) if any(a.username in bench for a in accounts) else ""
    )
    users = [
        build(
            User,
            {
                "username": account.username,
                "full_name": account.full_name,
                "email": f"{account.username}@example.org",
                "home_unit_id": registry.units[account.unit],
                "password": bench_password if account.username in bench else unusable,
                "is_active": True,
                "date_joined": at,
            },
        )
        for account in accounts
    ]
    writer.insert(User, users)
    system = system_actor(writer)
    assignments = []
    for account, user in zip(accounts, users, strict=True):
        registry.users[account.username] = user.pk
        unit = registry.units[account.unit]
        events.add(
            EventType.USER_CREATED,
            at,
            actor=system,
            role=SUPERUSER,
            model=User,
            object_id=user.pk,
            object_repr=account.full_name,
            unit=unit,
            changes={
                "username": [None, account.username],
                "full_name": [None, account.full_name],
                "email": [None, user.email],
                "home_unit": [None, unit],
                "is_active": [None, True],
            },
        )
        for role in account.roles:
            assignments.append(
                build(
                    RoleAssignment,
                    {
                        "user_id": user.pk,
                        "role": role,
                        "unit_id": unit,
                        "granted_by_id": system[0],
                        "note": NOTE,
                    },
                )
            )
    writer.insert(RoleAssignment, assignments)
    names = {user.pk: user.full_name for user in users}
    for assignment in assignments:
        events.add(
            EventType.ROLE_GRANTED,
            at,
            actor=system,
            role=SUPERUSER,
            model=RoleAssignment,
            object_id=assignment.pk,
            object_repr=f"{names[assignment.user_id]} – {assignment.role}",
            unit=assignment.unit_id,
            changes={
                "user": assignment.user_id,
                "role": assignment.role,
                "unit": assignment.unit_id,
            },
            reason=NOTE,
        )


def tree_accounts(universe: Universe, units: list[UnitSpec]) -> list[Account]:
    accounts = []
    for unit in units:
        rng = _name_rng(universe, unit.key)
        for role in STAFF_ROLES[unit.level]:
            accounts.append(
                Account(
                    staff_username(role, unit.key),
                    _staff_name(rng, unit),
                    unit.key,
                    (role,),
                )
            )
        for number in range(1, universe.council_size(unit.key) + 1):
            accounts.append(
                Account(
                    staff_username("council_member", unit.key, number),
                    _staff_name(rng, unit),
                    unit.key,
                    ("council_member",),
                )
            )
    return accounts


def cdcs_accounts(universe: Universe, unit: UnitSpec) -> list[Account]:
    rng = _name_rng(universe, unit.key)
    return [
        Account(staff_username("clerk", unit.key), _staff_name(rng, unit), unit.key, ("clerk",)),
        Account(staff_username("chair", unit.key), _staff_name(rng, unit), unit.key, CHAIR_ROLES),
    ]


def _name_rng(universe: Universe, key: str) -> random.Random:
    return rng_for(universe.seed, 6, key_number(key))


def _staff_name(rng: random.Random, unit: UnitSpec) -> str:
    return person_name(rng, unit.region, "female" if rng.random() < 0.5 else "male")


def add_councils(
    units: list[UnitSpec],
    *,
    universe: Universe,
    writer: Writer,
    registry: Registry,
    events: Events,
    at: datetime.datetime,
    clock: Clock,
) -> None:
    """The emulation-commendation council of each deciding unit above the grassroots, with its
    members (the first chairs it)."""
    # A council that exists (the TLĐ's, when the tree was there already) gets the members too.
    existing = dict(
        Council.objects.filter(unit_id__in=[registry.units[u.key] for u in units]).values_list(
            "unit_id", "pk"
        )
    )
    new = [unit for unit in units if registry.units[unit.key] not in existing]
    councils = [
        build(
            Council,
            {
                "unit_id": registry.units[unit.key],
                "name": f"Hội đồng Thi đua – Khen thưởng {unit.short_name or unit.name}"[:255],
                "established_by": f"Quyết định số {10 + n % 80}/QĐ-{unit.document_symbol}",
            },
        )
        for n, unit in enumerate(new)
    ]
    writer.insert(Council, councils)
    system = system_actor(writer)
    started = datetime.date(clock.current_year - 5, 1, 1)
    members = []
    for unit in units:
        registry.councils[unit.key] = existing.get(registry.units[unit.key], 0)
    for unit, council in zip(new, councils, strict=True):
        registry.councils[unit.key] = council.pk
        events.add(
            EventType.COUNCIL_SAVED,
            at,
            actor=system,
            role=SUPERUSER,
            model=Council,
            object_id=council.pk,
            object_repr=council.name,
            unit=council.unit_id,
            changes={"name": [None, council.name], "unit": [None, council.unit_id]},
        )
    for unit in units:
        council_pk = registry.councils[unit.key]
        chaired = registry.units[unit.key] in existing  # keep the chair it has
        for number in range(1, universe.council_size(unit.key) + 1):
            user = registry.users[staff_username("council_member", unit.key, number)]
            members.append(
                build(
                    CouncilMember,
                    {
                        "council_id": council_pk,
                        "user_id": user,
                        "position": "chair" if number == 1 and not chaired else "member",
                        "title": "Chủ tịch" if number == 1 else "Ủy viên Ban Thường vụ",
                        "started_on": started,
                    },
                )
            )
    writer.insert(CouncilMember, members)
    unit_of = {pk: registry.units[key] for key, pk in registry.councils.items()}
    for member in members:
        registry.members.setdefault(member.council_id, []).append(member.pk)
        events.add(
            EventType.COUNCIL_MEMBER_ADDED,
            at,
            actor=system,
            role=SUPERUSER,
            model=CouncilMember,
            object_id=member.pk,
            object_repr=member.title,
            unit=unit_of[member.council_id],
            changes={"council": [None, member.council_id], "user": [None, member.user_id]},
        )


def load_kinds(registry: Registry) -> None:
    registry.kinds = dict(UnitKind.objects.values_list("code", "pk"))
