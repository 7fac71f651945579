"""People and their memberships."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import F

from audit.models import EventType
from audit.services import audit_record, diff, snapshot
from common.exceptions import DomainPermissionError, DomainValidationError
from common.services import service, tracked_fields
from common.validation import clean_or_raise
from organizations.exceptions import OrganizationErrorCode as Code
from organizations.models import Membership, Person, Role, Unit
from organizations.permissions import PEOPLE_WRITE_ROLES, Grant, grant_for, require

PERSON_EDITABLE_FIELDS = frozenset(
    {"code", "full_name", "gender", "birth_date", "education_level", "note"}
)


def people_grant(actor: Any, unit: Unit) -> Grant:
    """Clerks and administrators covering `unit` keep the records of its people."""
    return require(grant_for(actor, unit, PEOPLE_WRITE_ROLES))


def person_grant(actor: Any, person: Person) -> Grant:
    """Who may change a person and their records: the clerks and administrators of the unit the
    person belongs to now; for someone who has left, the administrators of the last unit."""
    memberships = list(
        Membership.objects.filter(person=person).select_related("unit").order_by("-started_on")
    )
    current = next((m for m in memberships if m.ended_on is None), None)
    if current is not None:
        return people_grant(actor, current.unit)
    if not memberships:
        raise DomainPermissionError()
    return require(grant_for(actor, memberships[0].unit, {Role.ADMIN}))


def person_unit_id(person: Person) -> int | None:
    """The unit an event about the person is filed under: the current one, else the last."""
    return (
        Membership.objects.filter(person=person)
        .order_by(F("ended_on").desc(nulls_first=True), "-started_on")
        .values_list("unit_id", flat=True)
        .first()
    )


@service
def person_create(
    *,
    actor: Any,
    unit: Unit,
    code: str,
    full_name: str,
    gender: str,
    started_on: datetime.date,
    position: str = "",
    is_leader: bool = False,
    is_union_member: bool = True,
    **fields: Any,
) -> Person:
    """Register a person as a member of `unit` from `started_on`."""
    grant = people_grant(actor, unit)
    if not unit.is_active:
        raise DomainValidationError(Code.UNIT_INACTIVE, details={"unit": [str(unit)]})
    unknown = set(fields) - PERSON_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"person_create() got unexpected fields {sorted(unknown)}")
    person = Person(code=code, full_name=full_name, gender=gender, **fields)
    clean_or_raise(person)
    person.save()
    membership = Membership(
        person=person,
        unit=unit,
        started_on=started_on,
        position=position,
        is_leader=is_leader,
        is_union_member=is_union_member,
    )
    clean_or_raise(membership)
    membership.save()
    changes = diff({}, snapshot(person, tracked_fields(person)))
    changes["unit"] = [None, unit.pk]
    audit_record(
        actor=actor,
        event_type=EventType.PERSON_CREATED,
        obj=person,
        via=grant,
        unit=unit,
        changes=changes,
    )
    return person


@service
def person_update(*, actor: Any, person: Person, reason: str = "", **changes: Any) -> Person:
    grant = person_grant(actor, person)
    unknown = set(changes) - PERSON_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"person_update() got unexpected fields {sorted(unknown)}")
    fields = tracked_fields(person)
    before = snapshot(person, fields)
    for name, value in changes.items():
        setattr(person, name, value)
    clean_or_raise(person)
    person.save()
    audit_record(
        actor=actor,
        event_type=EventType.PERSON_UPDATED,
        obj=person,
        via=grant,
        unit=person_unit_id(person),
        changes=diff(before, snapshot(person, fields)),
        reason=reason,
    )
    return person


@service
def person_transfer(
    *,
    actor: Any,
    person: Person,
    to_unit: Unit,
    on: datetime.date,
    position: str | None = None,
    is_leader: bool | None = None,
    is_union_member: bool | None = None,
    reason: str = "",
) -> Membership:
    """Move a person to another unit from `on`. Both units' clerks or administrators must be
    able to act: the actor needs rights over the current unit and the new one."""
    current = (
        Membership.objects.filter(person=person, ended_on__isnull=True)
        .select_related("unit")
        .first()
    )
    if current is None:
        raise DomainValidationError(Code.PERSON_NO_CURRENT_UNIT)
    grant = people_grant(actor, current.unit)
    people_grant(actor, to_unit)
    if not to_unit.is_active:
        raise DomainValidationError(Code.UNIT_INACTIVE, details={"to_unit": [str(to_unit)]})
    if current.unit_id == to_unit.pk:
        raise DomainValidationError(Code.TRANSFER_SAME_UNIT)
    if on <= current.started_on:
        raise DomainValidationError(Code.TRANSFER_BEFORE_START, details={"on": [str(on)]})
    current.ended_on = on - datetime.timedelta(days=1)
    current.save(update_fields=["ended_on", "updated_at"])
    new = Membership.objects.create(
        person=person,
        unit=to_unit,
        started_on=on,
        position=current.position if position is None else position,
        is_leader=current.is_leader if is_leader is None else is_leader,
        is_union_member=current.is_union_member if is_union_member is None else is_union_member,
    )
    audit_record(
        actor=actor,
        event_type=EventType.PERSON_TRANSFERRED,
        obj=person,
        via=grant,
        unit=to_unit,
        changes={"unit": [current.unit_id, to_unit.pk], "on": on},
        reason=reason,
    )
    return new
