"""Writes the demo data through the domain services, so that history and the audit log record it.

`demo_seed` is idempotent: it computes the plan (demo.plan), looks up what already exists by its
natural key (unit and person codes, usernames, a record's subject with its year, title or date),
and creates only what is missing. A second run creates nothing and changes nothing; a run that
stopped half-way is completed by the next one. Nothing that exists is ever updated, so whatever
someone changed in the demo data since is left alone.

Each step runs in its own transaction (the tree, the accounts, the people of one unit, the
collectives): an interrupted seed keeps the steps it finished, and the SQLite database of
`make run` is not locked for the whole run.

People trying the demo change it (they dissolve a district federation, revoke a role...). What
the changed data no longer allows, the seed skips and reports instead of failing, so that
`make run` still starts: an account that exists keeps the roles it has now, and a unit, person
or record that a service refuses is listed in `SeedResult.skipped` with the service's reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import groupby
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import user_create
from awards.models import AwardRecord
from awards.reference_loader import reference_data_load
from common.exceptions import DomainError
from common.services import service
from demo.emulation import EMULATION_SUMMARY_KEYS, demo_emulation_seed
from demo.lookups import Catalogue, ExistingRecords
from demo.plan import build_plan
from demo.specs import (
    AwardSpec,
    CollectiveRecordsSpec,
    DemoPlan,
    PersonSpec,
    RatingSpec,
)
from demo.workflow import WORKFLOW_SUMMARY_KEYS, demo_workflow_seed
from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Initiative,
    PendingCase,
    Person,
    UnionServicePeriod,
    Unit,
    UnitKind,
)
from organizations.permissions import catalogue_grant, require
from organizations.services import person_create, person_transfer, record_create, role_grant
from organizations.services.units import unit_create

# The keys of demo_seed's summary, in the order the command prints them.
SUMMARY_KEYS = (
    "units",
    "accounts",
    "roles",
    "people",
    "transfers",
    "ratings",
    "collective_ratings",
    "initiatives",
    "service_periods",
    "sanctions",
    "pending_cases",
    "awards",
    "collective_awards",
    *WORKFLOW_SUMMARY_KEYS,
    *EMULATION_SUMMARY_KEYS,
)


@dataclass
class SeedResult:
    """What a run created, by kind (SUMMARY_KEYS), and what it had to skip, with why."""

    created: Counter[str] = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, reason)

    def skip(self, what: str, error: DomainError) -> None:
        self.skipped.append((what, _reason(error)))


def demo_seed(*, actor: Any, plan: DemoPlan | None = None) -> SeedResult:
    """Create whatever of the demo data is missing; say what was created and what was skipped.

    `actor` must be a system administrator (the seed creates the root of the tree and loads the
    catalogue); `manage.py seed_demo` passes the system account. `plan` defaults to the whole
    demo (demo.plan.build_plan); tests pass a part of it.
    """
    require(catalogue_grant(actor))
    reference_data_load(actor=actor)
    plan = plan or build_plan()
    result = SeedResult()
    _demo_units_seed(actor=actor, plan=plan, result=result)
    units = {unit.code: unit for unit in Unit.objects.filter(code__in=plan.units_by_code)}
    _demo_accounts_seed(actor=actor, plan=plan, units=units, result=result)
    existing = ExistingRecords.load(plan)
    catalogue = Catalogue.load()
    for unit_code, group in groupby(plan.people, key=lambda person: person.unit):
        people = [person for person in group if not existing.has_person(person, units)]
        if people and unit_code not in units:
            message = ngettext(
                "%(count)d person: their unit was not created.",
                "%(count)d people: their unit was not created.",
                len(people),
            )
            result.skipped.append((unit_code, message % {"count": len(people)}))
        elif people:
            _demo_people_seed(
                actor=actor,
                people=people,
                units=units,
                existing=existing,
                catalogue=catalogue,
                result=result,
            )
    collectives = [records for records in plan.collectives if not existing.has_collective(records)]
    if collectives:
        _demo_collectives_seed(
            actor=actor,
            collectives=collectives,
            units=units,
            existing=existing,
            catalogue=catalogue,
            result=result,
        )
    # Last: the workflow acts on the people and accounts created above, and the emulation on
    # the workflow's staff accounts too.
    demo_workflow_seed(actor=actor, plan=plan, result=result)
    demo_emulation_seed(actor=actor, plan=plan, result=result)
    return result


def _reason(error: DomainError) -> str:
    """The service's message, with the values its details name (the unit that is dissolved)."""
    details = "; ".join(", ".join(map(str, messages)) for messages in error.details.values())
    return f"{error.message} ({details})" if details else error.message


# --- the steps --------------------------------------------------------------------------------


@service
def _demo_units_seed(*, actor: Any, plan: DemoPlan, result: SeedResult) -> None:
    """The tree, parents first (the plan lists them in that order)."""
    existing = {unit.code: unit for unit in Unit.objects.filter(code__in=plan.units_by_code)}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    for spec in plan.units:
        if spec.code in existing:
            continue
        if spec.parent and spec.parent not in existing:
            result.skipped.append((spec.code, _("Its parent unit was not created.")))
            continue
        try:
            existing[spec.code] = unit_create(
                actor=actor,
                code=spec.code,
                name=spec.name,
                kind=kinds[spec.kind],
                parent=existing[spec.parent] if spec.parent else None,
                **spec.unit_fields(),
            )
        except DomainError as error:
            result.skip(spec.code, error)
            continue
        result.created["units"] += 1


@service
def _demo_accounts_seed(
    *, actor: Any, plan: DemoPlan, units: dict[str, Unit], result: SeedResult
) -> None:
    """Each missing account, with its role. An account that exists is left as it is, roles
    included: an administrator may have changed them on purpose."""
    from demo.logins import DEMO_PASSWORD

    usernames = [account.username for account in plan.accounts]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    for account in plan.accounts:
        if account.username in existing:
            continue
        unit = units.get(account.unit)
        if unit is None:
            result.skipped.append((account.username, _("Its unit was not created.")))
            continue
        try:
            with transaction.atomic():  # the account and its role, or neither
                user = user_create(
                    actor=actor,
                    username=account.username,
                    home_unit=unit,
                    full_name=account.full_name,
                    email=f"{account.username}@example.org",
                    password=DEMO_PASSWORD,
                )
                role_grant(
                    actor=actor, user=user, role=account.role, unit=unit, note="Tài khoản dùng thử"
                )
        except DomainError as error:
            result.skip(account.username, error)
            continue
        result.created["accounts"] += 1
        result.created["roles"] += 1


@service
def _demo_people_seed(
    *,
    actor: Any,
    people: list[PersonSpec],
    units: dict[str, Unit],
    existing: ExistingRecords,
    catalogue: Catalogue,
    result: SeedResult,
) -> None:
    """The people of one unit and their records."""
    for spec in people:
        if spec.first_unit not in units:
            # Their unit exists but the one they moved from does not.
            result.skipped.append((spec.code, _("Their former unit was not created.")))
            continue
        try:
            with transaction.atomic():  # a person with their records, or nothing of theirs
                created = _person_seed(actor, spec, units, existing, catalogue)
        except DomainError as error:
            result.skip(f"{spec.code} {spec.full_name}", error)
            continue
        result.created.update(created)


def _person_seed(
    actor: Any,
    spec: PersonSpec,
    units: dict[str, Unit],
    existing: ExistingRecords,
    catalogue: Catalogue,
) -> Counter[str]:
    created: Counter[str] = Counter()
    person = existing.people.get(spec.code)
    if person is None:
        person = person_create(
            actor=actor,
            unit=units[spec.first_unit],
            code=spec.code,
            full_name=spec.full_name,
            gender=spec.gender,
            started_on=spec.first_started_on,
            position=spec.position,
            is_leader=spec.is_leader,
            is_union_member=spec.is_union_member,
            birth_date=spec.birth_date,
            education_level=spec.education_level,
            note=spec.note,
        )
        created["people"] += 1
        current_unit_id = units[spec.first_unit].pk
    else:
        current_unit_id = existing.current_unit.get(person.pk)
    # Moved to `unit` after starting in `previous_unit`: only if still in the first unit, so
    # that someone moved elsewhere since is left where they are.
    if spec.previous_unit and current_unit_id == units[spec.previous_unit].pk:
        assert spec.transferred_on is not None
        person_transfer(
            actor=actor,
            person=person,
            to_unit=units[spec.unit],
            on=spec.transferred_on,
            reason=spec.note,
        )
        created["transfers"] += 1
    created.update(_person_records(actor, person, spec, units, existing, catalogue))
    return created


def _person_records(
    actor: Any,
    person: Person,
    spec: PersonSpec,
    units: dict[str, Unit],
    existing: ExistingRecords,
    catalogue: Catalogue,
) -> Counter[str]:
    created: Counter[str] = Counter()
    pk = person.pk
    for rating in spec.ratings:
        if ("person", pk, rating.year) not in existing.ratings:
            record_create(actor=actor, model=AnnualRating, data=_rating_data(rating, person=person))
            created["ratings"] += 1
    for initiative in spec.initiatives:
        if (pk, initiative.title) not in existing.initiatives:
            record_create(
                actor=actor,
                model=Initiative,
                data={"person": person, **asdict(initiative)},
            )
            created["initiatives"] += 1
    for period in spec.service_periods:
        if (pk, period.started_on, period.position) not in existing.service_periods:
            unit = units.get(period.unit) if period.unit else None
            data = {**asdict(period), "person": person, "unit": unit}
            data["unit_name"] = period.unit_name or (unit.name if unit else "")
            record_create(actor=actor, model=UnionServicePeriod, data=data)
            created["service_periods"] += 1
    for sanction in spec.sanctions:
        if (pk, sanction.decision_number) not in existing.sanctions:
            record_create(
                actor=actor,
                model=DisciplinarySanction,
                data={"person": person, **asdict(sanction)},
            )
            created["sanctions"] += 1
    for case in spec.pending_cases:
        if (pk, case.kind, case.opened_on) not in existing.pending_cases:
            record_create(actor=actor, model=PendingCase, data={"person": person, **asdict(case)})
            created["pending_cases"] += 1
    for award in spec.awards:
        if ("person", pk, award.award_name, award.year) not in existing.awards:
            data = _award_data(award, units, catalogue, person=person)
            record_create(actor=actor, model=AwardRecord, data=data)
            created["awards"] += 1
    return created


@service
def _demo_collectives_seed(
    *,
    actor: Any,
    collectives: Iterable[CollectiveRecordsSpec],
    units: dict[str, Unit],
    existing: ExistingRecords,
    catalogue: Catalogue,
    result: SeedResult,
) -> None:
    """The yearly ratings and the awards of grassroots and upper-level unions."""
    for records in collectives:
        unit = units.get(records.unit)
        if unit is None:
            result.skipped.append(
                (records.unit, _("Ratings and awards of the collective: its unit was not created."))
            )
            continue
        try:
            with transaction.atomic():
                created = _collective_seed(actor, records, unit, units, existing, catalogue)
        except DomainError as error:
            result.skip(records.unit, error)
            continue
        result.created.update(created)


def _collective_seed(
    actor: Any,
    records: CollectiveRecordsSpec,
    unit: Unit,
    units: dict[str, Unit],
    existing: ExistingRecords,
    catalogue: Catalogue,
) -> Counter[str]:
    created: Counter[str] = Counter()
    for rating in records.ratings:
        if ("unit", records.unit, rating.year) not in existing.ratings:
            record_create(actor=actor, model=AnnualRating, data=_rating_data(rating, unit=unit))
            created["collective_ratings"] += 1
    for award in records.awards:
        if ("unit", records.unit, award.award_name, award.year) not in existing.awards:
            data = _award_data(award, units, catalogue, unit=unit)
            record_create(actor=actor, model=AwardRecord, data=data)
            created["collective_awards"] += 1
    return created


def _rating_data(rating: RatingSpec, **subject: Any) -> dict[str, Any]:
    return {**subject, **asdict(rating)}


def _award_data(
    award: AwardSpec, units: dict[str, Unit], catalogue: Catalogue, **subject: Any
) -> dict[str, Any]:
    award_type, topic = catalogue.entry(award)
    return {
        **subject,
        "award_type": award_type,
        # Kept without a catalogue entry too: rules match awards across versions by this code.
        "award_code": award.award_code,
        "award_name": award.award_name,
        "topic": topic,
        "year": award.year,
        "decision_number": award.decision_number,
        "decision_date": award.decision_date,
        "deciding_unit": units.get(award.deciding_unit) if award.deciding_unit else None,
        "deciding_body": award.deciding_body,
        "source": award.source,
        "note": award.note,
    }
