"""The one decorator every state-changing service wears.

`@service` runs the function in one database transaction and makes its `actor` the author of
every history row written inside it. Permission checks, validation, the write and the audit event
stay visible in the function body itself.

A service that raises a domain error leaves nothing behind, except with `DomainRefusal`: a
refusal that must be on record (a check blocked a step) commits the audit event the service wrote
before raising it. Such a service records the event and raises before writing anything else.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.db import transaction

from common.context import acting_as
from common.exceptions import DomainRefusal


def service[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if args:
            raise TypeError(f"{func.__name__}() takes keyword arguments only")
        if "actor" not in kwargs:
            raise TypeError(f"{func.__name__}() needs actor=")
        actor: Any = kwargs["actor"]
        refusal: DomainRefusal | None = None
        with acting_as(actor), transaction.atomic():
            try:
                return func(*args, **kwargs)
            except DomainRefusal as exc:
                # Keep what the service recorded about the refusal (its audit event), then
                # refuse: the block leaves the atomic normally, so that record commits.
                refusal = exc
        assert refusal is not None
        raise refusal

    return wrapper


def tracked_fields(instance: Any) -> list[str]:
    """The fields an audit diff compares: concrete, editable, not bookkeeping."""
    return [
        field.name
        for field in instance._meta.concrete_fields
        if not field.primary_key and field.name not in {"created_at", "updated_at"}
    ]


def save_audited(
    *,
    actor: Any,
    instance: Any,
    event_type: Any,
    via: Any,
    unit: Any = None,
    reason: str = "",
) -> Any:
    """Validate and save one object and record the event with its field diff.

    For the simple create-or-edit services (reference data, records); call it from a service,
    after the permission check.
    """
    from audit.services import audit_record, diff, snapshot
    from common.validation import clean_or_raise

    fields = tracked_fields(instance)
    before: dict[str, Any] = {}
    if instance.pk is not None:
        stored = type(instance)._default_manager.filter(pk=instance.pk).first()
        if stored is not None:
            before = snapshot(stored, fields)
    clean_or_raise(instance)
    instance.save()
    audit_record(
        actor=actor,
        event_type=event_type,
        obj=instance,
        via=via,
        unit=unit,
        changes=diff(before, snapshot(instance, fields)),
        reason=reason,
    )
    return instance
