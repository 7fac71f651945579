"""The records of people and collectives: ratings, initiatives, union service, sanctions,
pending cases, and (registered by the awards app) award history.

One set of services serves every record model, because they share everything that matters: a
record is about a person or a collective, the same people may keep it, and every change is
audited the same way.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from audit.models import EventType
from audit.services import audit_record, snapshot
from common.exceptions import CommonErrorCode, DomainValidationError
from common.services import save_audited, service, tracked_fields
from organizations.models import (
    AnnualRating,
    DisciplinarySanction,
    Initiative,
    PendingCase,
    Person,
    UnionServicePeriod,
    Unit,
)
from organizations.services.people import people_grant, person_grant, person_unit_id

# The record models these services accept; apps add theirs in AppConfig.ready().
RECORD_MODELS: set[type[models.Model]] = {
    AnnualRating,
    Initiative,
    UnionServicePeriod,
    DisciplinarySanction,
    PendingCase,
}


def register_record_model(model: type[models.Model]) -> None:
    RECORD_MODELS.add(model)


def _check_model(model: type[models.Model]) -> None:
    if model not in RECORD_MODELS:
        raise TypeError(f"{model.__name__} is not a record model")


def record_subject(record: models.Model) -> tuple[Person | None, Unit | None]:
    person = getattr(record, "person", None)
    unit = getattr(record, "unit", None) if hasattr(record, "unit_id") and not person else None
    return person, unit


def record_grant(actor: Any, record: models.Model) -> Any:
    """Permission to keep this record: a person's records follow person_grant; a collective's
    records are kept by the clerks and administrators covering that unit."""
    person, unit = record_subject(record)
    if person is not None:
        return person_grant(actor, person)
    if unit is not None:
        return people_grant(actor, unit)
    raise DomainValidationError(
        CommonErrorCode.INVALID_INPUT, details={"person": ["A person or a collective is needed."]}
    )


def _event_unit(record: models.Model) -> int | None:
    person, unit = record_subject(record)
    if person is not None:
        return person_unit_id(person)
    return unit.pk if unit is not None else None


@service
def record_create(*, actor: Any, model: type[models.Model], data: dict[str, Any]) -> Any:
    _check_model(model)
    record = model(**data)
    grant = record_grant(actor, record)
    return save_audited(
        actor=actor,
        instance=record,
        event_type=EventType.RECORD_CREATED,
        via=grant,
        unit=_event_unit(record),
    )


@service
def record_update(
    *, actor: Any, record: models.Model, data: dict[str, Any], reason: str = ""
) -> Any:
    _check_model(type(record))
    # Permission over the record as it is, and as it will be (it may change subject).
    record_grant(actor, record)
    for name, value in data.items():
        setattr(record, name, value)
    grant = record_grant(actor, record)
    return save_audited(
        actor=actor,
        instance=record,
        event_type=EventType.RECORD_UPDATED,
        via=grant,
        unit=_event_unit(record),
        reason=reason,
    )


@service
def record_delete(*, actor: Any, record: models.Model, reason: str) -> None:
    _check_model(type(record))
    grant = record_grant(actor, record)
    before = snapshot(record, tracked_fields(record))
    unit_id = _event_unit(record)
    audit_record(
        actor=actor,
        event_type=EventType.RECORD_DELETED,
        obj=record,
        via=grant,
        unit=unit_id,
        changes={name: [value, None] for name, value in before.items()},
        reason=reason,
    )
    record.delete()
