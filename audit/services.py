"""The only writer of the business event log.

Callers are services, inside their own transaction: the event commits or rolls back with the
change it describes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC
from typing import Any, Protocol

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from audit.models import AuditChainHead, AuditEvent, EventType
from common.context import current_request_info

GENESIS_HASH = "0" * 64


class ActingGrant(Protocol):
    """What permission checks return: the role and unit under which the actor acted."""

    @property
    def role(self) -> str: ...

    @property
    def unit_id(self) -> int | None: ...


def _canonical_json(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder
    )


def _jsonable(value: Any) -> Any:
    """What the database will give back for `value`: dates and decimals become strings."""
    return json.loads(_canonical_json(value))


def event_content(event: AuditEvent) -> dict[str, Any]:
    """The fields a row's hash covers, in a form that reads back identically from the database."""
    kind = event.content_type if event.content_type_id else None
    content_type = f"{kind.app_label}.{kind.model}" if kind is not None else ""
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "event_type": event.event_type,
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "actor_role": event.actor_role,
        "actor_unit_id": event.actor_unit_id,
        "client_ip": event.client_ip,
        "content_type": content_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "unit_id": event.unit_id,
        "changes": event.changes,
        "reason": event.reason,
    }


def event_hash(prev_hash: str, content: dict[str, Any]) -> str:
    return hashlib.sha256(f"{prev_hash}\n{_canonical_json(content)}".encode()).hexdigest()


def audit_record(
    *,
    actor: Any,
    event_type: EventType,
    obj: models.Model | None = None,
    via: ActingGrant | None = None,
    unit: Any = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event. Must run inside the caller's transaction (services are atomic)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record() must run inside the service's transaction")
    if event_type not in EventType.values:
        raise ValueError(f"unknown audit event type {event_type!r}")

    # Locking the head row serialises appenders: each sees the previous one's hash.
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH}
    )
    info = current_request_info()
    is_user = actor is not None and getattr(actor, "pk", None) is not None
    unit_id = getattr(unit, "pk", unit)
    event = AuditEvent(
        seq=head.last_seq + 1,
        occurred_at=timezone.now(),
        event_type=str(event_type),
        actor=actor if is_user else None,
        actor_label=(actor.get_username() if is_user else "")[:200],
        actor_role=str(via.role) if via else "",
        actor_unit_id=via.unit_id if via else None,
        client_ip=info.client_ip,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        unit_id=unit_id,
        changes=_jsonable(changes or {}),
        reason=reason or "",
        prev_hash=head.last_hash,
    )
    event.hash = event_hash(event.prev_hash, event_content(event))
    event.save(force_insert=True)
    head.last_seq = event.seq
    head.last_hash = event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


def audit_record_many(
    events: Sequence[AuditEvent], *, batch_size: int = 2000, copy: bool = False
) -> int:
    """Append many events at once, in the order given; returns how many.

    For bulk writers (the national-scale data of `manage.py generate_scale`), inside the caller's
    transaction like `audit_record`. The caller builds unsaved events with their content (time,
    type, actor, role, units, object, changes, reason); this locks the chain head once, gives each
    event the next seq and its hash in order, writes them in batches and moves the head, so the
    chain verifies exactly as if they had been appended one by one.

    `copy=True` (PostgreSQL) writes the rows with COPY instead of bulk_create: the same rows,
    about ten times faster, without setting the events' ids. Append-only either way: nothing here
    updates or deletes an event.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record_many() must run inside the caller's transaction")
    if not events:
        return 0
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_seq": 0, "last_hash": GENESIS_HASH}
    )
    seq, prev_hash = head.last_seq, head.last_hash
    known = frozenset(EventType.values)
    for event in events:
        if event.event_type not in known:
            raise ValueError(f"unknown audit event type {event.event_type!r}")
        if event.pk is not None:
            raise ValueError("audit_record_many() appends new events only")
        if event.content_type_id is not None:
            # The hash names the model: resolve it from the cache, not a query per event.
            event.content_type = ContentType.objects.get_for_id(event.content_type_id)
        seq += 1
        event.seq = seq
        event.changes = _jsonable(event.changes or {})
        event.prev_hash = prev_hash
        event.hash = event_hash(prev_hash, event_content(event))
        prev_hash = event.hash
    if copy:
        fields = [field for field in AuditEvent._meta.concrete_fields if not field.primary_key]
        changes = AuditEvent._meta.get_field("changes")
        names = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
        position = fields.index(changes)
        table = connection.ops.quote_name(AuditEvent._meta.db_table)
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as rows,
        ):
            for event in events:
                row = [getattr(event, field.attname) for field in fields]
                row[position] = changes.get_db_prep_save(event.changes, connection)
                rows.write_row(row)
    else:
        AuditEvent.objects.bulk_create(events, batch_size=batch_size)
    head.last_seq = seq
    head.last_hash = prev_hash
    head.save(update_fields=["last_seq", "last_hash"])
    return len(events)


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of `fields` (foreign keys as ids), to compare before and after a change."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        value = getattr(instance, getattr(field, "attname", name))
        if isinstance(value, FieldFile):
            value = value.name or ""  # the stored path, not the file
        values[name] = value
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    }


def person_records_viewed(*, actor: Any, person: Any, channel: str = "page") -> AuditEvent:
    """Record that `actor` opened `person`'s records (Decree 13/2023/NĐ-CP on personal data).

    Called once per request by the person's page and the API's person detail, after the reader's
    scope was checked; lists are not logged. The event belongs to the person's current unit, so
    that its auditors see who read its people. One transaction of its own.
    """
    from common.context import acting_as

    memberships = getattr(person, "all_memberships", None)
    if memberships is None:
        memberships = list(person.memberships.filter(ended_on__isnull=True))
    unit_id = next((m.unit_id for m in memberships if m.ended_on is None), None)
    with acting_as(actor), transaction.atomic():
        return audit_record(
            actor=actor,
            event_type=EventType.PERSON_RECORDS_VIEWED,
            obj=person,
            unit=unit_id,
            changes={"channel": channel},
        )
