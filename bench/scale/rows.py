"""Writing generated rows in bulk, each tracked row with its history row.

Two transports, the same rows:

- `orm` (SQLite, and PostgreSQL on request): simple-history's `bulk_create_with_history`, as
  ADR 0011 asks of every bulk write.
- `copy` (PostgreSQL, the default there): COPY of each batch into the table and, with the same
  field values, into its history table: one '+' row per row, authored by the system account,
  exactly what `bulk_create_with_history` writes. On a two-core machine the ORM path spends
  ~300 µs per row and its history row in Python (model instances, the insert compiler, the
  history model's instances); a million nominations (~60 million rows) would take five hours.
  COPY makes it tens of minutes. It is the one raw-SQL path of the project outside migrations,
  allow-listed in tests/audit/test_write_paths.py, and `manage.py audit_verify` checks its
  result like any other (every row has its latest history row, equal field by field).

The event log always goes through `audit.services.audit_record_many`. Rows are built without
`Model.__init__` (a dict of field values on a bare instance): the database sees the same rows.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.base import ModelState
from django.utils import timezone
from simple_history.utils import bulk_create_with_history
from viewflow.workflow.models import Process, Task

from audit.models import AuditEvent
from audit.services import audit_record_many
from nominations.models import DecisionCounter
from organizations.models import UnitClosure
from workflows.models import NominationProcess

BATCH_SIZE = 2000
# Viewflow's links between tasks (a task's `previous`): no history of their own.
TaskPrevious = Task.previous.through

_DEFAULTS: dict[type[models.Model], dict[str, Any]] = {}


def _defaults(model: type[models.Model]) -> dict[str, Any]:
    """Every concrete field's value when none is given: a bare instance must hold them all, or
    reading a missing one would query the database."""
    defaults = _DEFAULTS.get(model)
    if defaults is None:
        defaults = {}
        for field in model._meta.concrete_fields:
            if field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            elif isinstance(field, models.CharField | models.TextField):
                value = ""
            else:
                value = None
            defaults[field.attname] = value
        _DEFAULTS[model] = defaults
    return defaults


def build[M: models.Model](model: type[M], values: dict[str, Any]) -> M:
    """An unsaved instance holding `values` (by attname) and defaults for the rest."""
    instance = model.__new__(model)
    state = instance.__dict__
    state.update(_defaults(model))
    state.update(values)
    state["_state"] = ModelState()
    return instance


def is_tracked(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_model(model: type[models.Model]) -> Any:
    return getattr(model, model._meta.simple_history_manager_attribute).model  # type: ignore[attr-defined]


def pg_cursor() -> Any:
    """The raw cursor of the COPY transport (PostgreSQL only; see the module's docstring)."""
    return connection.cursor()


# Field classes whose Python values psycopg writes as they are; any other field's value goes
# through the field's own get_db_prep_save (JSON, viewflow's flow, task and token references).
_PLAIN_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.PositiveSmallIntegerField,
    models.CharField,
    models.TextField,
    models.SlugField,
    models.EmailField,
    models.GenericIPAddressField,
    models.DateField,
    models.DateTimeField,
    models.BooleanField,
    models.DecimalField,
    models.ForeignKey,
    models.OneToOneField,
)


class _Columns:
    """How one table's rows are read off the instances: (column, attname, converter)."""

    def __init__(self, table: str, fields: Sequence[models.Field[Any, Any]], columns: list[str]):
        self.table = table
        self.columns = columns
        self.attnames = [field.attname for field in fields]
        self.converters = [None if type(field) in _PLAIN_FIELDS else field for field in fields]
        self.plain = all(converter is None for converter in self.converters)

    def rows(self, objects: Iterable[Any]) -> Iterable[tuple[Any, ...]]:
        attnames = self.attnames
        if self.plain:
            for obj in objects:
                values = obj.__dict__
                yield tuple([values[name] for name in attnames])
            return
        pairs = list(zip(attnames, self.converters, strict=True))
        for obj in objects:
            values = obj.__dict__
            yield tuple(
                [
                    values[name]
                    if field is None
                    else field.get_db_prep_save(values[name], connection)
                    for name, field in pairs
                ]
            )


class Writer:
    """Inserts rows and counts them, per table (history tables included)."""

    def __init__(
        self, *, history_user: Any, copy: bool | None = None, batch_size: int = BATCH_SIZE
    ) -> None:
        self.history_user = history_user
        self.batch_size = batch_size
        self.counts: Counter[str] = Counter()
        self.copy = connection.vendor == "postgresql" if copy is None else copy
        if self.copy and connection.vendor != "postgresql":
            raise ValueError("the COPY transport needs PostgreSQL")
        self._columns: dict[tuple[str, str], _Columns] = {}

    @property
    def transport(self) -> str:
        return "copy" if self.copy else "orm"

    def insert[M: models.Model](self, model: type[M], rows: Sequence[M]) -> Sequence[M]:
        """Insert rows of a tracked model (built with `build`) with their history rows; their
        primary keys are set afterwards."""
        if not rows:
            return rows
        if not is_tracked(model):
            raise TypeError(f"{model.__name__} has no history: write it with its own manager")
        if self.copy:
            self._copy_with_history(model, rows)
        else:
            bulk_create_with_history(
                list(rows), model, batch_size=self.batch_size, default_user=self.history_user
            )
        self.count(history_model(model), len(rows))
        self.count(model, len(rows))
        return rows

    def closure(self, rows: Sequence[UnitClosure]) -> None:
        """The unit tree's closure rows: derived from Unit.parent, without history (ADR 0001)."""
        if self.copy:
            self._copy_plain(UnitClosure, rows)
        else:
            UnitClosure.objects.bulk_create(rows, batch_size=self.batch_size)
        self.count(UnitClosure, len(rows))

    # --- the COPY transport ---------------------------------------------------------------

    def _ids(self, model: type[models.Model], count: int) -> list[int]:
        with pg_cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, model._meta.pk.column, count],
            )
            return [row[0] for row in cursor.fetchall()]

    def _copy(self, columns: _Columns, rows: Iterable[tuple[Any, ...]], extra: list[str]) -> None:
        names = ", ".join(connection.ops.quote_name(name) for name in [*columns.columns, *extra])
        sql = f"COPY {connection.ops.quote_name(columns.table)} ({names}) FROM STDIN"
        with pg_cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    def _table(self, model: type[models.Model], local: bool = False) -> _Columns:
        key = (model._meta.label, "local" if local else "all")
        columns = self._columns.get(key)
        if columns is None:
            meta = model._meta
            fields = list(meta.local_concrete_fields if local else meta.concrete_fields)
            columns = _Columns(model._meta.db_table, fields, [f.column for f in fields])
            self._columns[key] = columns
        return columns

    def _history_table(self, model: type[models.Model]) -> _Columns:
        key = (model._meta.label, "history")
        columns = self._columns.get(key)
        if columns is None:
            history = history_model(model)
            tracked = list(history.tracked_fields)
            names = [history._meta.get_field(field.name).column for field in tracked]
            columns = _Columns(history._meta.db_table, tracked, names)
            self._columns[key] = columns
        return columns

    def _prepare(self, model: type[models.Model], rows: Sequence[Any], *, ids: bool) -> None:
        """What the database would fill: primary keys, and the created/updated times."""
        now = timezone.now()
        stamps = [
            field.attname
            for field in model._meta.concrete_fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        pks = self._ids(model, len(rows)) if ids else []
        pk = model._meta.pk.attname
        for index, row in enumerate(rows):
            values = row.__dict__
            for name in stamps:
                if values.get(name) is None or name == "updated_at":
                    values[name] = now
            if ids:
                values[pk] = pks[index]
                if pk != "id" and "id" in values:
                    values["id"] = pks[index]
            row._state.adding = False

    def _copy_plain(self, model: type[models.Model], rows: Sequence[Any]) -> None:
        if rows:
            self._prepare(model, rows, ids=True)
            self._copy(self._table(model), self._table(model).rows(rows), [])

    def _copy_with_history(self, model: type[models.Model], rows: Sequence[Any]) -> None:
        self._prepare(model, rows, ids=True)
        self._copy(self._table(model), self._table(model).rows(rows), [])
        self._copy_history(model, rows)

    def _copy_history(self, model: type[models.Model], rows: Sequence[Any]) -> None:
        now = timezone.now()
        user = self.history_user.pk
        history = self._history_table(model)
        extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
        self._copy(
            history,
            (
                (*values, row.__dict__.get("_history_date") or now, None, "+", user)
                for row, values in zip(rows, history.rows(rows), strict=True)
            ),
            extra,
        )

    def counters(self, new: Sequence[DecisionCounter], changed: Iterable[DecisionCounter]) -> None:
        """Decision numbers given, per unit and year: a counter row, without history."""
        DecisionCounter.objects.bulk_create(new, batch_size=self.batch_size)
        for counter in changed:
            counter.save(update_fields=["last_number"])

    def insert_processes(self, processes: Sequence[NominationProcess]) -> None:
        """The nominations' viewflow processes: a concrete subclass of viewflow's Process.

        Django refuses bulk_create on a multi-table child (and so does bulk_create_with_history,
        which calls it): the parent rows go in bulk first, then the child rows with the insert
        Model.save() itself uses for a child table, then their history rows, written by
        simple-history exactly as bulk_create_with_history would.
        """
        if not processes:
            return
        names = [field.attname for field in Process._meta.concrete_fields]
        parents = [build(Process, {name: getattr(p, name) for name in names}) for p in processes]
        if self.copy:
            self._copy_plain(Process, parents)
        else:
            Process.objects.bulk_create(parents, batch_size=self.batch_size)
        for process, parent in zip(processes, parents, strict=True):
            process.id = process.process_ptr_id = parent.pk
            process._state.adding = False
        if self.copy:
            child = self._table(NominationProcess, local=True)
            self._copy(child, child.rows(processes), [])
            self._copy_history(NominationProcess, processes)
        else:
            fields = NominationProcess._meta.local_concrete_fields
            manager = NominationProcess._base_manager
            for start in range(0, len(processes), self.batch_size):
                manager._insert(processes[start : start + self.batch_size], fields=fields)
            NominationProcess.history.bulk_history_create(  # type: ignore[attr-defined]
                processes, batch_size=self.batch_size, default_user=self.history_user
            )
        self.count(Process, len(processes))
        self.count(NominationProcess, len(processes))
        self.count(history_model(NominationProcess), len(processes))

    def link_tasks(self, links: Iterable[tuple[int, int]]) -> None:
        """(task, its previous task) pairs."""
        rows = [
            build(TaskPrevious, {"from_task_id": task, "to_task_id": previous})
            for task, previous in links
        ]
        if self.copy:
            self._copy_plain(TaskPrevious, rows)
        else:
            TaskPrevious.objects.bulk_create(rows, batch_size=self.batch_size)
        self.count(TaskPrevious, len(rows))

    def events(self, events: list[AuditEvent]) -> None:
        # The log reads in time order within a batch; the seqs follow that order.
        events.sort(key=lambda event: event.occurred_at)
        audit_record_many(events, batch_size=self.batch_size, copy=self.copy)
        self.count(AuditEvent, len(events))

    def count(self, model: type[models.Model], rows: int) -> None:
        self.counts[model._meta.db_table] += rows


class Events:
    """Collects the business events of a batch, built like audit_record builds them."""

    def __init__(self) -> None:
        self.items: list[AuditEvent] = []
        self._types: dict[type[models.Model], int] = {}

    def content_type(self, model: type[models.Model]) -> int:
        pk = self._types.get(model)
        if pk is None:
            pk = self._types[model] = ContentType.objects.get_for_model(model).pk
        return pk

    def add(
        self,
        event_type: str,
        at: datetime.datetime,
        *,
        actor: tuple[int, str] | None,
        role: str = "",
        actor_unit: int | None = None,
        model: type[models.Model] | None = None,
        object_id: Any = None,
        object_repr: str = "",
        unit: int | None = None,
        changes: dict[str, Any] | None = None,
        reason: str = "",
    ) -> None:
        """`actor` is (user id, username)."""
        self.items.append(
            build(
                AuditEvent,
                {
                    "occurred_at": at,
                    "event_type": event_type,
                    "actor_id": actor[0] if actor else None,
                    "actor_label": actor[1][:200] if actor else "",
                    "actor_role": role,
                    "actor_unit_id": actor_unit,
                    "content_type_id": self.content_type(model) if model is not None else None,
                    "object_id": str(object_id) if object_id is not None else "",
                    "object_repr": object_repr[:300],
                    "unit_id": unit,
                    "changes": changes or {},
                    "reason": reason,
                },
            )
        )
