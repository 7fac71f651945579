"""Reads of the event log, and the checks that the log and the history tables are intact."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max, QuerySet, Subquery
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.models import AuditChainHead, AuditEvent
from audit.services import GENESIS_HASH, event_content, event_hash
from common.exceptions import DomainNotFound


class ChainBreakKind(StrEnum):
    MISSING = "missing"  # no event at this seq: deleted, or its seq rewritten
    LINK = "link"  # prev_hash is not the previous event's hash: an earlier event was altered
    HASH = "hash"  # the row's content does not match its own hash: this row was altered
    HEAD = "head"  # the head row does not match the last event: the tail was cut or rewritten


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str
    kind: ChainBreakKind = ChainBreakKind.HASH
    event_id: int | None = None  # the row found at `seq`, when there is one


def audit_chain_verify(*, batch_size: int = 2000) -> ChainBreak | None:
    """Walk the chain from the first event; return the first broken link, or None if intact.

    The head is read first and the walk stops at its seq, so events appended while the walk runs
    are left for the next run instead of looking like a mismatch.
    """
    head = AuditChainHead.objects.filter(pk=1).first()
    prev_hash = GENESIS_HASH
    expected_seq = 1
    events = AuditEvent.objects.select_related("content_type").order_by("seq")
    if head is not None:
        events = events.filter(seq__lte=head.last_seq)
    for event in events.iterator(chunk_size=batch_size):
        if event.seq != expected_seq:
            return ChainBreak(expected_seq, "missing event", ChainBreakKind.MISSING)
        if event.prev_hash != prev_hash:
            return ChainBreak(
                event.seq, "previous hash does not match", ChainBreakKind.LINK, event.pk
            )
        if event_hash(prev_hash, event_content(event)) != event.hash:
            return ChainBreak(
                event.seq, "content does not match its hash", ChainBreakKind.HASH, event.pk
            )
        prev_hash = event.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    if head is None:
        if last_seq:
            return ChainBreak(last_seq, "the chain head is missing", ChainBreakKind.HEAD)
        return None
    if last_seq < head.last_seq:
        return ChainBreak(expected_seq, "missing event", ChainBreakKind.MISSING)
    if head.last_hash != prev_hash:
        return ChainBreak(
            head.last_seq, "the chain head does not match the last event", ChainBreakKind.HEAD
        )
    # Events past the head: a rewound head. Read the last seq first, then the head: an event
    # seen by the first read committed with its head update, so the second read sees that.
    last_event_seq = AuditEvent.objects.aggregate(last=Max("seq"))["last"] or 0
    head_now = AuditChainHead.objects.filter(pk=1).values_list("last_seq", flat=True).first()
    if last_event_seq > (head_now or 0):
        return ChainBreak(
            head_now or 0, "there are events past the chain head", ChainBreakKind.HEAD
        )
    return None


@dataclass(frozen=True)
class ChainPoint:
    """One point of the chain: what `manage.py audit_head` exports and an anchor is checked by."""

    seq: int
    hash: str
    occurred_at: datetime.datetime | None


def audit_chain_point(*, seq: int | None = None) -> ChainPoint | None:
    """The event at `seq` (the head when None) as a point; seq 0 is the genesis. None if absent."""
    if seq is None:
        head = AuditChainHead.objects.filter(pk=1).first()
        seq = head.last_seq if head is not None else 0
    if seq == 0:
        return ChainPoint(0, GENESIS_HASH, None)
    event = AuditEvent.objects.filter(seq=seq).only("seq", "hash", "occurred_at").first()
    return ChainPoint(event.seq, event.hash, event.occurred_at) if event is not None else None


class HistoryMismatchKind(StrEnum):
    NO_HISTORY = "no_history"  # a row without any history row: written around simple-history
    DIFFERS = "differs"  # a field differs from the latest history row: changed without history
    DELETED = "deleted"  # the latest history row says deleted, yet the row is there
    GONE = "gone"  # the history says the row exists, yet it is gone: deleted without history


@dataclass(frozen=True)
class HistoryMismatch:
    model: type[models.Model]
    pk: Any
    kind: HistoryMismatchKind
    field: models.Field[Any, Any] | None = None


@dataclass(frozen=True)
class HistoryVerification:
    models: int
    rows: int
    mismatch: HistoryMismatch | None


def tracked_models() -> list[type[models.Model]]:
    """The concrete models with a simple-history manager, in label order."""
    found = [
        model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
        and not model._meta.proxy
        and model._meta.managed
    ]
    return sorted(found, key=lambda model: model._meta.label)


def _history_model(model: type[models.Model]) -> Any:
    return getattr(model, model._meta.simple_history_manager_attribute).model  # type: ignore[attr-defined]


def _comparable(value: Any) -> Any:
    return value.name or "" if isinstance(value, FieldFile) else value


def _latest_history(history: Any, key: str, pks: list[Any] | None = None) -> QuerySet[Any]:
    """Each object's latest history row (the highest history_id: appended last)."""
    rows = (
        history._default_manager.all()
        if pks is None
        else history._default_manager.filter(**{f"{key}__in": pks})
    )
    latest = rows.order_by().values(key).annotate(latest=Max("history_id")).values("latest")
    return history._default_manager.filter(history_id__in=Subquery(latest))


def _verify_model_history(
    model: type[models.Model], batch_size: int
) -> tuple[int, HistoryMismatch | None]:
    history = _history_model(model)
    key = model._meta.pk.attname
    fields = history.tracked_fields
    rows = 0
    current = model._base_manager.order_by("pk")
    last_pk = None
    while True:
        batch = list((current if last_pk is None else current.filter(pk__gt=last_pk))[:batch_size])
        if not batch:
            break
        last_pk = batch[-1].pk
        rows += len(batch)
        latest = {
            getattr(row, key): row
            for row in _latest_history(history, key, [obj.pk for obj in batch])
        }
        for obj in batch:
            row = latest.get(obj.pk)
            if row is None:
                return rows, HistoryMismatch(model, obj.pk, HistoryMismatchKind.NO_HISTORY)
            if row.history_type == "-":
                return rows, HistoryMismatch(model, obj.pk, HistoryMismatchKind.DELETED)
            for field in fields:
                ours = _comparable(getattr(obj, field.attname))
                theirs = _comparable(getattr(row, field.attname))
                if ours != theirs:
                    return rows, HistoryMismatch(model, obj.pk, HistoryMismatchKind.DIFFERS, field)
    gone = (
        _latest_history(history, key)
        .exclude(history_type="-")
        .exclude(**{f"{key}__in": model._base_manager.values("pk")})
        .order_by(key)
        .values_list(key, flat=True)
        .first()
    )
    if gone is not None:
        return rows, HistoryMismatch(model, gone, HistoryMismatchKind.GONE)
    return rows, None


def audit_history_verify(*, batch_size: int = 2000) -> HistoryVerification:
    """Compare every tracked row with its latest history row; stop at the first mismatch.

    Each row must have history, its latest history row must not say deleted, and every tracked
    field must equal the row's; a history whose latest row is not a deletion must still have its
    row. Many-to-many history is not compared. Two queries per batch of rows, one per model.
    """
    checked_models = rows = 0
    for model in tracked_models():
        counted, mismatch = _verify_model_history(model, batch_size)
        checked_models += 1
        rows += counted
        if mismatch is not None:
            return HistoryVerification(checked_models, rows, mismatch)
    return HistoryVerification(checked_models, rows, None)


def audit_event_list_for(obj: Any) -> QuerySet[AuditEvent]:
    """The business events recorded on one object, oldest first (one indexed query).

    Callers have already checked that the reader may read `obj` (its own selector's scope).
    """
    return (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )
        .select_related("actor", "actor_unit")
        .order_by("seq")
    )


# --- the auditor's reads (issue 6 §4) ----------------------------------------------------------
# Every function below takes the reader and keeps to the units they audit (audit.permissions):
# an auditor's subtree, everything for a system administrator. An object outside is not found.


@dataclass(frozen=True)
class FieldChange:
    """One field between two versions, both values in words (choice labels, object names)."""

    field: str
    label: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class HistoryVersion:
    """One history row of an object: a version to compare with another."""

    id: int
    date: datetime.datetime
    user: Any
    type: str
    reason: str


class TimelineKind(models.TextChoices):
    EVENT = "event", _("Business event")
    STEP = "step", _("Workflow step")
    CHECK = "check", _("Rule evaluation")
    CHANGE = "change", _("Field change")
    TALLY = "tally", _("Council tally")
    DECISION = "decision", _("Decision")
    REVOCATION = "revocation", _("Revocation")


@dataclass
class TimelineEntry:
    """What happened to a nomination, when, by whom, as what, where and why."""

    when: datetime.datetime
    kind: str
    what: str
    # for programs: the event type, the step and how it went, the history type, the vote result
    code: str = ""
    who: str = ""
    actor_id: int | None = None
    role: str = ""
    unit: str = ""
    reason: str = ""
    changes: list[FieldChange] = dataclasses.field(default_factory=list)
    # the history version this entry shows, to open the diff page from it
    model: str = ""
    object_id: Any = None
    version: int | None = None
    seq: int | None = None  # the audit event's sequence number, for events

    @property
    def kind_label(self) -> str:
        return str(TimelineKind(self.kind).label)


@dataclass
class Timeline:
    nomination: Any
    entries: list[TimelineEntry]


# The field of each model's history rows that leads to the unit an auditor must cover.
AUDIT_SCOPE_PATHS: dict[str, str] = {
    "nominations.nomination": "nominating_unit_id",
    "nominations.attachment": "nomination__nominating_unit_id",
    "nominations.reviewdecision": "nomination__nominating_unit_id",
    "nominations.agendaitem": "nomination__nominating_unit_id",
    "nominations.decisionitem": "nomination__nominating_unit_id",
    "nominations.submission": "nominating_unit_id",
    "nominations.decision": "deciding_unit_id",
    "workflows.nominationprocess": "nomination__nominating_unit_id",
    "viewflow.task": "process__nominationprocess__nomination__nominating_unit_id",
    "organizations.unit": "id",
}
BOOKKEEPING_FIELDS = {"id", "created_at", "updated_at"}
HISTORY_TYPE_LABELS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def _raw(value: Any) -> Any:
    if isinstance(value, FieldFile):
        return value.name or ""
    if hasattr(value, "token") and not isinstance(value, str | int):
        return str(value.token)  # viewflow's Token
    return value


def _words(field_: Any, value: Any, names: dict[tuple[Any, Any], str]) -> str | None:
    """A stored value as people read it."""
    value = _raw(value)
    if value is None:
        return None
    if getattr(field_, "many_to_one", False) or getattr(field_, "one_to_one", False):
        return names.get((field_.related_model, value), f"#{value}")
    if getattr(field_, "choices", None):
        return str(dict(field_.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime.datetime):
        return _local(value)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _names_of(wanted: dict[Any, set[Any]]) -> dict[tuple[Any, Any], str]:
    """The names of related objects, one query per related model."""
    names: dict[tuple[Any, Any], str] = {}
    for model, ids in wanted.items():
        ids.discard(None)
        if not ids:
            continue
        for pk, obj in model._base_manager.in_bulk(list(ids)).items():
            names[(model, pk)] = str(obj)
    return names


class _ChangeCollector:
    """Gathers raw changes first and names their related objects in bulk at the end, so that a
    history of any length costs one query per related model."""

    def __init__(self) -> None:
        self.pending: list[tuple[list[FieldChange], Any, Any, Any]] = []
        self.wanted: dict[Any, set[Any]] = {}

    def add(self, target: list[FieldChange], field_: Any, old: Any, new: Any) -> None:
        if getattr(field_, "many_to_one", False) or getattr(field_, "one_to_one", False):
            self.wanted.setdefault(field_.related_model, set()).update({old, new})
        self.pending.append((target, field_, old, new))

    def finish(self) -> None:
        names = _names_of(self.wanted)
        for target, field_, old, new in self.pending:
            label = str(getattr(field_, "verbose_name", field_.name))
            target.append(
                FieldChange(
                    field_.name, label, _words(field_, old, names), _words(field_, new, names)
                )
            )


def _version_changes(
    collector: _ChangeCollector,
    target: list[FieldChange],
    fields: list[Any],
    older: Any,
    newer: Any,
) -> None:
    """Queue the tracked fields that differ between two history rows (all non-empty ones for a
    creation, when `older` is None)."""
    for field_ in fields:
        if field_.name in BOOKKEEPING_FIELDS or field_.primary_key:
            continue
        new = _raw(getattr(newer, field_.attname))
        if older is None:
            if new not in (None, "", False, {}, []):
                collector.add(target, field_, None, new)
            continue
        old = _raw(getattr(older, field_.attname))
        if old != new:
            collector.add(target, field_, old, new)


def _m2m_sets(history: Any, rows: list[Any]) -> dict[str, dict[int, set[Any]]]:
    """For each many-to-many field kept in history: the related ids at each version (one
    query per field)."""
    sets: dict[str, dict[int, set[Any]]] = {}
    ids = [row.history_id for row in rows]
    for m2m in getattr(history, "_history_m2m_fields", []):
        through = next(
            rel.related_model
            for rel in history._meta.related_objects
            if getattr(rel.related_model, "instance_type", None) is m2m.remote_field.through
        )
        target = next(
            f
            for f in through._meta.fields
            if f.is_relation and f.related_model is m2m.related_model and f.name != "history"
        )
        per_version: dict[int, set[Any]] = {row_id: set() for row_id in ids}
        for version, related in through._default_manager.filter(history_id__in=ids).values_list(
            "history_id", target.attname
        ):
            per_version[version].add(related)
        sets[m2m.name] = per_version
    return sets


def _m2m_changes(
    model: type[models.Model],
    sets: dict[str, dict[int, set[Any]]],
    older: Any,
    newer: Any,
) -> list[tuple[Any, set[Any], set[Any]]]:
    changes = []
    for name, per_version in sets.items():
        before = per_version.get(older.history_id, set()) if older is not None else set()
        after = per_version.get(newer.history_id, set())
        if before != after:
            changes.append((model._meta.get_field(name), before, after))
    return changes


def _m2m_words(changes: list[tuple[Any, set[Any], set[Any]]], target: list[FieldChange]) -> None:
    wanted: dict[Any, set[Any]] = {}
    for field_, before, after in changes:
        wanted.setdefault(field_.related_model, set()).update(before | after)
    names = _names_of(wanted)
    for field_, before, after in changes:
        model = field_.related_model

        def listed(ids: set[Any], model: Any = model) -> str:
            return "; ".join(sorted(names.get((model, pk), f"#{pk}") for pk in ids)) or "—"

        target.append(
            FieldChange(field_.name, str(field_.verbose_name), listed(before), listed(after))
        )


def history_diff(
    model: type[models.Model], pk: Any, version_a: int, version_b: int
) -> list[FieldChange]:
    """What changed on one object from version `version_a` to version `version_b` (history row
    ids; many-to-many fields included). Either version not of this object: not found.

    Callers have already checked that the reader may read the object (object_history_for).
    """
    history = _history_model(model)
    key = model._meta.pk.attname
    rows = {
        row.history_id: row
        for row in history._default_manager.filter(
            **{key: pk}, history_id__in=[version_a, version_b]
        )
    }
    if version_a not in rows or version_b not in rows:
        raise DomainNotFound()
    older, newer = rows[version_a], rows[version_b]
    changes: list[FieldChange] = []
    collector = _ChangeCollector()
    _version_changes(collector, changes, history.tracked_fields, older, newer)
    collector.finish()
    _m2m_words(_m2m_changes(model, _m2m_sets(history, [older, newer]), older, newer), changes)
    return changes


def _tracked_model(label: str) -> type[models.Model]:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise DomainNotFound() from exc
    if model not in tracked_models():
        raise DomainNotFound()
    return model


def _history_in_scope(user: Any, model: type[models.Model], pk: Any) -> QuerySet[Any]:
    """The object's history rows, empty when the reader does not audit its unit."""
    from audit.permissions import audited_unit_ids
    from organizations.permissions import is_system_admin

    history = _history_model(model)
    rows = history._default_manager.filter(**{model._meta.pk.attname: pk})
    if is_system_admin(user):
        return rows
    label = model._meta.label_lower
    if label == "organizations.person":
        from organizations.models import Membership

        if not Membership.objects.filter(person_id=pk, unit_id__in=audited_unit_ids(user)).exists():
            return rows.none()
        return rows
    path = AUDIT_SCOPE_PATHS.get(label)
    if path is None:
        return rows.none()  # only system administrators read the history of other objects
    return rows.filter(**{f"{path}__in": audited_unit_ids(user)})


@dataclass
class ObjectHistory:
    model: type[models.Model]
    pk: Any
    label: str
    versions: list[HistoryVersion]
    version_a: int | None
    version_b: int | None
    changes: list[FieldChange]


def object_history_for(
    user: Any,
    label: str,
    pk: Any,
    *,
    version_a: int | None = None,
    version_b: int | None = None,
) -> ObjectHistory:
    """The versions of one tracked object (`app_label.model`), newest first, and the diff
    between two of them: `version_b` (by default the last) against `version_a` (by default the
    one just before it; for the first version, its initial values)."""
    from audit.permissions import require_auditor

    require_auditor(user)
    model = _tracked_model(label)
    rows = list(
        _history_in_scope(user, model, pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    if not rows:
        raise DomainNotFound()
    versions = [
        HistoryVersion(
            row.history_id,
            row.history_date,
            row.history_user,
            row.history_type,
            row.history_change_reason or "",
        )
        for row in rows
    ]
    if version_b is None and version_a is None:
        version_b = rows[0].history_id
    if version_a is None:
        # the version just before b; none when b is the first (then: its initial values)
        position = next((i for i, row in enumerate(rows) if row.history_id == version_b), None)
        if position is None:
            raise DomainNotFound()
        if position + 1 < len(rows):
            version_a = rows[position + 1].history_id
    changes: list[FieldChange] = []
    if version_a is not None and version_b is not None:
        changes = history_diff(model, pk, version_a, version_b)
    elif version_b is not None:
        first = rows[-1]
        collector = _ChangeCollector()
        _version_changes(collector, changes, _history_model(model).tracked_fields, None, first)
        collector.finish()
    return ObjectHistory(
        model=model,
        pk=pk,
        label=str(rows[0]),
        versions=versions,
        version_a=version_a,
        version_b=version_b,
        changes=changes,
    )


# --- a nomination's timeline -------------------------------------------------------------------


def nomination_get_audited(user: Any, pk: Any) -> Any:
    """A nomination filed by a unit the reader audits; otherwise not found (403 for a reader who
    audits nothing)."""
    from audit.permissions import audited_unit_ids, require_auditor
    from nominations.models import Nomination

    require_auditor(user)
    nomination = (
        Nomination.objects.filter(pk=pk, nominating_unit_id__in=audited_unit_ids(user))
        .select_related(
            "nominating_unit",
            "nominee_person",
            "nominee_unit",
            "award_type",
            "deciding_unit",
            "current_unit",
        )
        .first()
    )
    if nomination is None:
        raise DomainNotFound()
    return nomination


def _event_changes(changes: Any) -> list[FieldChange]:
    """An event's recorded changes: {field: [old, new]} pairs, other facts as new values."""
    if not isinstance(changes, dict):
        return []
    result = []
    for name, value in changes.items():
        if isinstance(value, list) and len(value) == 2 and not isinstance(value[0], dict):
            old, new = value
            result.append(
                FieldChange(
                    name, name, None if old is None else str(old), None if new is None else str(new)
                )
            )
        else:
            text = value if isinstance(value, str) else _canonical(value)
            result.append(FieldChange(name, name, None, text[:500]))
    return result


def _canonical(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _events_of(nomination: Any) -> list[AuditEvent]:
    """The events of the nomination and of its decision. Two queries."""
    from nominations.models import Decision, DecisionItem, Nomination

    condition = models.Q(
        content_type=ContentType.objects.get_for_model(Nomination), object_id=str(nomination.pk)
    )
    item = DecisionItem.objects.filter(nomination=nomination).values("decision_id").first()
    if item is not None:
        condition |= models.Q(
            content_type=ContentType.objects.get_for_model(Decision),
            object_id=str(item["decision_id"]),
        )
    return list(
        AuditEvent.objects.filter(condition).select_related("actor", "actor_unit").order_by("seq")
    )


def _history_entries(
    collector: _ChangeCollector,
    model: type[models.Model],
    rows: list[Any],
    what: Any,
) -> list[TimelineEntry]:
    """One entry per history row of `rows` (one model, any objects), each with its changes
    against the previous version of the same object."""
    history = _history_model(model)
    m2m = _m2m_sets(history, rows) if getattr(history, "_history_m2m_fields", None) else {}
    m2m_changes: list[tuple[list[FieldChange], list[tuple[Any, set[Any], set[Any]]]]] = []
    key = model._meta.pk.attname
    previous: dict[Any, Any] = {}
    entries = []
    for row in sorted(rows, key=lambda r: (r.history_date, r.history_id)):
        pk = getattr(row, key)
        older = previous.get(pk)
        entry = TimelineEntry(
            when=row.history_date,
            kind=TimelineKind.CHANGE,
            what=str(what(row)),
            code=row.history_type,
            who=str(row.history_user) if row.history_user_id else "",
            actor_id=row.history_user_id,
            reason=row.history_change_reason or "",
            model=model._meta.label_lower,
            object_id=pk,
            version=row.history_id,
        )
        if row.history_type != "-":
            _version_changes(collector, entry.changes, history.tracked_fields, older, row)
            if m2m:
                m2m_changes.append((entry.changes, _m2m_changes(model, m2m, older, row)))
        previous[pk] = row
        entries.append(entry)
    for target, changes in m2m_changes:
        if changes:
            _m2m_words(changes, target)
    return entries


def _what_changed(model: type[models.Model]) -> Any:
    name = model._meta.verbose_name

    def what(row: Any) -> str:
        return _("%(object)s %(change)s") % {
            "object": str(name).capitalize(),
            "change": HISTORY_TYPE_LABELS.get(row.history_type, row.history_type),
        }

    return what


def _step_entries(nomination: Any, reviews: list[Any]) -> list[TimelineEntry]:
    """The human steps of the nomination's workflow: when each opened and was completed (or
    cancelled), by whom, at which unit. One query."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    from workflows.models import Step
    from workflows.selectors import STEP_OWNERS, step_node, task_step

    tasks = list(
        Task.objects.filter(
            process__nominationprocess__nomination=nomination,
            flow_task__in=[step_node(step) for step in STEP_OWNERS],
        )
        .select_related("owner")
        .order_by("created", "pk")
    )
    review_units = iter([review.unit for review in reviews])
    fixed_units: dict[str, Any] = {
        Step.RESUBMIT: nomination.nominating_unit,
        Step.COUNCIL: nomination.deciding_unit,
        Step.DECISION: nomination.deciding_unit,
    }
    entries = []
    for task in tasks:
        step = task_step(task)
        assert step is not None
        role, _field = STEP_OWNERS[step]
        unit = fixed_units.get(step)
        if step == Step.REVIEW and task.status == STATUS.DONE:
            unit = next(review_units, None)
        label = Step(step).label
        where = str(unit) if unit is not None else ""
        entries.append(
            TimelineEntry(
                when=task.created,
                kind=TimelineKind.STEP,
                what=_("Step opened: %(step)s") % {"step": label},
                code=f"{step}:opened",
                role=str(role),
                unit=where,
                model="viewflow.task",
                object_id=task.pk,
            )
        )
        if task.finished is not None:
            done = task.status == STATUS.DONE
            entries.append(
                TimelineEntry(
                    when=task.finished,
                    kind=TimelineKind.STEP,
                    what=(_("Step completed: %(step)s") if done else _("Step cancelled: %(step)s"))
                    % {"step": label},
                    code=f"{step}:{'completed' if done else 'cancelled'}",
                    who=str(task.owner) if task.owner_id and done else "",
                    actor_id=task.owner_id if done else None,
                    role=str(role),
                    unit=where,
                    model="viewflow.task",
                    object_id=task.pk,
                )
            )
    return entries


def _check_run_model() -> Any:
    """The kept evaluations of the checks (issue 5), where this version has them."""
    try:
        return apps.get_model("nominations", "CheckRun")
    except LookupError:
        return None


def _check_entries(nomination: Any) -> list[TimelineEntry]:
    """Each evaluation of the rule checks kept for the nomination: the step, whether it passed,
    and every rule that did not pass, with its message. One query."""
    check_run = _check_run_model()
    if check_run is None:
        return []
    entries = []
    for run in (
        check_run._default_manager.filter(nomination=nomination)
        .select_related("actor")
        .order_by("at", "pk")
    ):
        results = [r for r in run.results or [] if isinstance(r, dict)]
        not_passed = [r for r in results if r.get("outcome") != "passed"]
        blocked = [r.get("rule", "") for r in results if r.get("blocks")]
        if blocked:
            what = _("Checks of the step %(step)s: blocked by %(rules)s") % {
                "step": run.get_step_display(),
                "rules": ", ".join(blocked),
            }
        else:
            what = _("Checks of the step %(step)s: passed") % {"step": run.get_step_display()}
        entries.append(
            TimelineEntry(
                when=run.at,
                kind=TimelineKind.CHECK,
                what=what,
                code="blocked" if blocked else "passed",
                who=str(run.actor) if run.actor_id else "",
                actor_id=run.actor_id,
                changes=[
                    FieldChange(
                        str(r.get("rule", "")),
                        " · ".join(filter(None, [str(r.get("rule", "")), r.get("citation")])),
                        None,
                        f"{r.get('outcome', '')}: {r.get('message', '')}",
                    )
                    for r in not_passed
                ],
                model="nominations.checkrun",
                object_id=run.pk,
            )
        )
    return entries


def _council_entries(nomination: Any) -> list[TimelineEntry]:
    """The council's tally of each closed vote on the nomination. One query."""
    from nominations.models import AgendaItem, AgendaResult

    items = (
        AgendaItem.objects.filter(nomination=nomination)
        .exclude(result=AgendaResult.PENDING)
        .select_related("session__council__unit")
        .order_by("session__closed_at", "pk")
    )
    entries = []
    for item in items:
        session = item.session
        counts = [
            ("yes_count", item.yes_count),
            ("no_count", item.no_count),
            ("abstain_count", item.abstain_count),
            ("base_count", item.base_count),
            ("threshold_pct", item.threshold_pct),
            ("ballot_type", item.get_ballot_type_display()),
            ("vote_base", item.get_vote_base_display()),
        ]
        entries.append(
            TimelineEntry(
                when=session.closed_at or session.updated_at,
                kind=TimelineKind.TALLY,
                what=_("Council vote: %(result)s") % {"result": item.get_result_display()},
                code=item.result,
                who=str(session.council),
                unit=str(session.council.unit),
                reason=session.title,
                changes=[
                    FieldChange(
                        name,
                        str(getattr(AgendaItem._meta.get_field(name), "verbose_name", name)),
                        None,
                        str(value),
                    )
                    for name, value in counts
                ],
                model="nominations.agendaitem",
                object_id=item.pk,
            )
        )
    return entries


def _decision_entries(nomination: Any) -> list[TimelineEntry]:
    """The decision that granted the award, and its revocation. One query."""
    from nominations.models import DecisionItem, DecisionStatus

    item = (
        DecisionItem.objects.filter(nomination=nomination)
        .select_related("decision__deciding_unit", "decision__signer", "revoked_by")
        .first()
    )
    if item is None:
        return []
    decision = item.decision
    entries = []
    if decision.status == DecisionStatus.ISSUED and decision.issued_at is not None:
        entries.append(
            TimelineEntry(
                when=decision.issued_at,
                kind=TimelineKind.DECISION,
                what=_("Decision %(decision)s issued") % {"decision": decision},
                code="issued",
                who=str(decision.signer) if decision.signer_id else "",
                actor_id=decision.signer_id,
                role=decision.signer_title,
                unit=str(decision.deciding_unit),
                reason=item.reason,
                changes=[
                    FieldChange("recipient_name", str(_("recipient")), None, item.recipient_name),
                    FieldChange(
                        "amount_vnd",
                        str(_("amount (VND)")),
                        None,
                        None if item.amount_vnd is None else f"{item.amount_vnd:,}",
                    ),
                ],
                model="nominations.decisionitem",
                object_id=item.pk,
            )
        )
    if item.revoked_on is not None:
        entries.append(
            TimelineEntry(
                when=item.updated_at,
                kind=TimelineKind.REVOCATION,
                code="revoked",
                what=_("Award revoked on %(date)s")
                % {"date": item.revoked_on.strftime("%d/%m/%Y")},
                who=str(item.revoked_by) if item.revoked_by_id else "",
                actor_id=item.revoked_by_id,
                unit=str(decision.deciding_unit),
                reason=item.revocation_reason,
                model="nominations.decisionitem",
                object_id=item.pk,
            )
        )
    return entries


def _attribute_to_events(entries: list[TimelineEntry], events: list[AuditEvent]) -> None:
    """A field change has an author but no role: take the role and unit of the business event
    its author recorded in the same transaction (within a few seconds after it)."""
    window = datetime.timedelta(seconds=5)
    for entry in entries:
        for event in events:
            if (
                event.actor_id is not None
                and event.actor_id == entry.actor_id
                and datetime.timedelta(0) <= event.occurred_at - entry.when <= window
            ):
                entry.role = event.actor_role
                entry.unit = str(event.actor_unit) if event.actor_unit_id else entry.unit
                break


# Entries at the same moment: the record of the change first, then the business event.
KIND_ORDER = {
    TimelineKind.CHANGE: 0,
    TimelineKind.CHECK: 0,
    TimelineKind.STEP: 1,
    TimelineKind.TALLY: 2,
    TimelineKind.DECISION: 3,
    TimelineKind.REVOCATION: 4,
    TimelineKind.EVENT: 5,
}


def nomination_timeline(user: Any, nomination: Any) -> Timeline:
    """Everything that happened to one nomination, oldest first: its business events (steps,
    returns, checks blocked and overridden, claims, reminders, votes, the award, a revocation),
    each evaluation of its rule checks, the field changes of the nomination, its dossier
    documents, its reviews and its decision item, the workflow's steps, the council's tallies
    and the decision. Each entry says when, who, as what role, at which unit, why, and what
    changed.

    A bounded number of queries whatever the length (about twenty).
    """
    from nominations.models import Attachment, DecisionItem, Nomination, ReviewDecision

    nomination = nomination_get_audited(user, getattr(nomination, "pk", nomination))
    events = _events_of(nomination)
    collector = _ChangeCollector()
    changes: list[TimelineEntry] = []
    review_rows = list(
        _history_model(ReviewDecision)
        ._default_manager.filter(nomination_id=nomination.pk)
        .select_related("history_user")
    )
    for model, rows in (
        (
            Nomination,
            _history_model(Nomination)
            ._default_manager.filter(id=nomination.pk)
            .select_related("history_user"),
        ),
        (
            Attachment,
            _history_model(Attachment)
            ._default_manager.filter(nomination_id=nomination.pk)
            .select_related("history_user"),
        ),
        (ReviewDecision, review_rows),
        (
            DecisionItem,
            _history_model(DecisionItem)
            ._default_manager.filter(nomination_id=nomination.pk)
            .select_related("history_user"),
        ),
    ):
        changes += _history_entries(collector, model, list(rows), _what_changed(model))
    collector.finish()
    _attribute_to_events(changes, events)
    reviews = sorted(
        (row for row in review_rows if row.history_type == "+"),
        key=lambda row: (row.history_date, row.history_id),
    )
    entries = [
        TimelineEntry(
            when=event.occurred_at,
            kind=TimelineKind.EVENT,
            what=event.get_event_type_display(),
            code=event.event_type,
            who=str(event.actor) if event.actor_id else "",
            actor_id=event.actor_id,
            role=event.actor_role,
            unit=str(event.actor_unit) if event.actor_unit_id else "",
            reason=event.reason,
            changes=_event_changes(event.changes),
            seq=event.seq,
        )
        for event in events
    ]
    entries += changes
    entries += _step_entries(nomination, _units_of(reviews))
    entries += _check_entries(nomination)
    entries += _council_entries(nomination)
    entries += _decision_entries(nomination)
    entries.sort(key=lambda e: (e.when, KIND_ORDER.get(TimelineKind(e.kind), 9), e.seq or 0))
    return Timeline(nomination=nomination, entries=entries)


@dataclass(frozen=True)
class _ReviewAt:
    unit: Any


def _units_of(review_rows: list[Any]) -> list[_ReviewAt]:
    """The reviewing unit of each review, in order (one query for their names)."""
    from organizations.models import Unit

    units = Unit.objects.in_bulk({row.unit_id for row in review_rows})
    return [_ReviewAt(units.get(row.unit_id)) for row in review_rows]


# --- searching the event log -------------------------------------------------------------------


def day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_event_search(
    user: Any,
    *,
    actor: str = "",
    unit: Any = None,
    event_type: str = "",
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """Events the reader audits, newest first: those of objects of their units, those recorded
    under a role at their units, and those without a unit (sign-ins, exports, records opened)
    whose actor belongs to their units. A system administrator reads them all.

    `actor`: part of a username or full name; `unit`: that unit and the units under it;
    `since`/`until`: days, both included.
    """
    from audit.permissions import audited_unit_ids, require_auditor
    from organizations.permissions import is_system_admin
    from organizations.selectors import unit_subtree_ids

    require_auditor(user)
    events = AuditEvent.objects.select_related("actor", "actor_unit", "unit", "content_type")
    if not is_system_admin(user):
        scope = audited_unit_ids(user)
        events = events.filter(
            models.Q(unit_id__in=scope)
            | models.Q(actor_unit_id__in=scope)
            | models.Q(unit__isnull=True, actor__home_unit_id__in=scope)
        )
    if actor:
        events = events.filter(
            models.Q(actor_label__icontains=actor) | models.Q(actor__full_name__icontains=actor)
        )
    if unit is not None:
        subtree = unit_subtree_ids(unit)
        events = events.filter(
            models.Q(unit_id__in=subtree)
            | models.Q(actor_unit_id__in=subtree)
            | models.Q(unit__isnull=True, actor__home_unit_id__in=subtree)
        )
    if event_type:
        events = events.filter(event_type=event_type)
    if since is not None:
        events = events.filter(occurred_at__gte=day_start(since))
    if until is not None:
        events = events.filter(occurred_at__lt=day_start(until + datetime.timedelta(days=1)))
    return events.order_by("-seq")


@dataclass(frozen=True)
class ChainStatus:
    """The chain's head and the result of walking it."""

    head: ChainPoint | None
    first_break: ChainBreak | None
    events: int
    checked_at: datetime.datetime


def audit_chain_status(user: Any) -> ChainStatus:
    """For auditors: is the event log intact, and what is its head (to compare with an anchor).

    Walks the whole chain: linear in the number of events, in batches.
    """
    from audit.permissions import require_auditor

    require_auditor(user)
    first_break = audit_chain_verify()
    head = audit_chain_point()
    return ChainStatus(
        head=head,
        first_break=first_break,
        events=head.seq if head is not None else 0,
        checked_at=timezone.now(),
    )
