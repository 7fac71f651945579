"""No history-less write paths (issue 6; ADR 0005 and 0011).

django-simple-history records a row only when a model instance is saved or deleted one at a time.
`QuerySet.update()`, `bulk_create()`/`bulk_update()`, raw SQL and simple-history's own switches
(`save_without_historical_record`, ...) write without one, so the field history and the data would
drift apart and `manage.py audit_verify` would (rightly) call it tampering. This test reads the
project's own Python source (not .venv, migrations or tests) with `ast` and fails, naming
file:line, on each such call that is not on the short allow-list below.

What counts as a queryset write, as far as the source says it reliably:
- `.bulk_create()`, `.bulk_update()`: always (no dict or instance has them), except a method of
  the enclosing class called on `self`;
- `.update(...)` and `.delete()`: when the receiver is visibly a queryset: a chain through a
  manager or a queryset method (`X.objects.filter(...)`, `obj.things.all()`), a related manager
  (`person.memberships`, by the accessor names in the app registry), a local variable assigned
  from one, a parameter annotated `QuerySet`, or a variable named `qs`/`queryset`.
  `context.update(...)` and `instance.delete()` are not (an instance's delete records history);
- simple-history's switches (`save_without_historical_record`, `update_change_reason`, ...).
The model is resolved from the root name through the module's own namespace (the imported
module, so aliases and re-exports resolve exactly). A write on a model that is neither
history-tracked, nor a history table, nor the event log passes by itself (e.g. UnitClosure,
Notification, SecretTally); a write whose model the scan cannot tell must be on the allow-list.
Raw SQL (`connection.cursor()`, `RawSQL`, `.raw()`, `.extra()`) must always be on it.
"""

from __future__ import annotations

import ast
import importlib
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models
from simple_history.models import HistoricalChanges

from audit.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {"tests", "migrations", "node_modules", "var", "static", "locale", "templates"}

# Each entry: "path::enclosing function::call" and why it is legitimate. Keep it short;
# test_every_allow_list_entry_still_matches_a_call keeps it from going stale.
ALLOWED: dict[str, str] = {
    # ImportJob's rows-checked counter is bookkeeping written many times a second by the worker;
    # it is left out of the job's history model, which records its start, size and outcome.
    "imports/services.py::_save_progress::save_without_historical_record": "import counters",
    # The post_migrate handler that installs the append-only triggers: DDL, not a data write.
    "audit/apps.py::install_append_only_triggers::cursor": "trigger DDL",
    # The bulk appender of the national-scale data: it extends the hash chain (head locked,
    # each hash in order) and only inserts, by bulk_create or by COPY on PostgreSQL.
    "audit/services.py::audit_record_many::bulk_create": "append-only bulk chain append",
    "audit/services.py::audit_record_many::cursor": "append-only COPY of chained events",
    # The benchmark's own database work: COPY of generated rows with their history rows,
    # ANALYZE after loading, the server's version, pgbench's throwaway database.
    "bench/scale/rows.py::pg_cursor::cursor": "COPY of generated rows and their history",
    "bench/measure/__init__.py::_generate::cursor": "ANALYZE after loading",
    "bench/measure/system.py::database_version::cursor": "SELECT version()",
    "bench/measure/system.py::pgbench_run::cursor": "CREATE/DROP DATABASE for pgbench",
}

QUERYSET_WRITES = {"update", "delete", "bulk_create", "bulk_update", "_raw_delete"}
MANAGER_ONLY_WRITES = {"bulk_create", "bulk_update", "_raw_delete"}
QUERYSET_STEPS = {
    "objects",
    "_default_manager",
    "_base_manager",
    "history",
    "filter",
    "exclude",
    "all",
    "none",
    "select_for_update",
    "select_related",
    "prefetch_related",
    "order_by",
    "reverse",
    "annotate",
    "alias",
    "distinct",
    "only",
    "defer",
    "using",
    "complex_filter",
    "get_queryset",
    "union",
    "intersection",
    "difference",
}
# simple-history's ways of writing without a history row, or of rewriting one.
HISTORY_SWITCHES = {
    "save_without_historical_record",
    "skip_history_when_saving",
    "update_change_reason",
    "SIMPLE_HISTORY_ENABLED",
    "disable_history",
}
# Steps that leave the queryset for an instance (what follows is the instance's own attributes).
INSTANCE_STEPS = {
    "get",
    "first",
    "last",
    "earliest",
    "latest",
    "create",
    "get_or_create",
    "update_or_create",
}
RAW_SQL_CALLS = {"cursor", "raw", "extra", "RawSQL"}

Resolve = Callable[[str], Any]


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    function: str
    call: str
    detail: str

    @property
    def key(self) -> str:
        return f"{self.path}::{self.function}::{self.call}"

    def __str__(self) -> str:
        return f"{self.path}:{self.line} ({self.function}): {self.detail}"


@dataclass
class Scope:
    """What a function body says about its names: assignments and annotated parameters."""

    name: str
    assigned: dict[str, list[ast.expr]] = field(default_factory=dict)
    annotations: dict[str, ast.expr | None] = field(default_factory=dict)
    methods: set[str] = field(default_factory=set)  # of the enclosing class, for `self.x()`
    parent: Scope | None = None

    def lookup_assigned(self, name: str) -> list[ast.expr] | None:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.annotations:
                return None  # a parameter: its annotation speaks for it
            if name in scope.assigned:
                return scope.assigned[name]
            scope = scope.parent
        return None

    def lookup_annotation(self, name: str) -> tuple[bool, ast.expr | None]:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.annotations:
                return True, scope.annotations[name]
            if name in scope.assigned:
                return False, None
            scope = scope.parent
        return False, None


def protected_models() -> set[type[models.Model]]:
    """History-tracked models, their history tables (m2m ones too) and the event log."""
    tracked = {
        model
        for model in apps.get_models()
        if hasattr(model._meta, "simple_history_manager_attribute")
    }
    history = {model for model in apps.get_models() if issubclass(model, HistoricalChanges)}
    return tracked | history | {AuditEvent}


@cache
def related_managers() -> dict[str, set[type[models.Model]]]:
    """Accessor name -> the models a related manager of that name reads (`unit.children`)."""
    managers: dict[str, set[type[models.Model]]] = {}
    for model in apps.get_models():
        for relation in model._meta.get_fields():
            if not (relation.is_relation and (relation.one_to_many or relation.many_to_many)):
                continue
            reverse = relation.auto_created and not relation.concrete
            name = relation.get_accessor_name() if reverse else relation.name  # type: ignore[union-attr]
            if name and not name.endswith("+"):
                managers.setdefault(name, set()).add(relation.related_model)
    return managers


def _is_model(base: ast.expr | None) -> bool:
    return isinstance(base, ast.Name) and base.id[:1].isupper()


def _chain(expr: ast.expr) -> tuple[ast.expr, list[str]]:
    """The base of `a.b(...).c[...].d` and the attribute names along it, from the base out."""
    names: list[str] = []
    while True:
        if isinstance(expr, ast.Call):
            expr = expr.func
        elif isinstance(expr, ast.Subscript):
            expr = expr.value
        elif isinstance(expr, ast.Attribute):
            names.append(expr.attr)
            expr = expr.value
        else:
            return expr, names[::-1]


def _model_from(obj: Any, first_step: str | None) -> type[models.Model] | None:
    if not (isinstance(obj, type) and issubclass(obj, models.Model)):
        return None
    history_attribute = getattr(obj._meta, "simple_history_manager_attribute", None)
    if history_attribute is not None and first_step == history_attribute:
        return getattr(obj, history_attribute).model
    if first_step in {"objects", "_default_manager", "_base_manager"}:
        return obj
    return None


@dataclass
class Receiver:
    is_queryset: bool = False
    models: set[type[models.Model]] = field(default_factory=set)
    unresolved: bool = False

    def merge(self, other: Receiver) -> None:
        self.is_queryset |= other.is_queryset
        self.models |= other.models
        self.unresolved |= other.unresolved


def _looks_like_queryset_name(name: str) -> bool:
    return name in {"qs", "queryset"} or name.endswith(("_qs", "_queryset"))


def classify(
    expr: ast.expr, scope: Scope, resolve: Resolve, seen: frozenset[str] = frozenset()
) -> Receiver:
    """Whether `expr` is visibly a queryset or manager, and over which model(s)."""
    base, names = _chain(expr)
    terminal = max((i for i, name in enumerate(names) if name in INSTANCE_STEPS), default=-1)
    if terminal >= 0:  # `qs.get(...).things.all()`: a related manager of an instance
        base, names = None, names[terminal + 1 :]
    result = Receiver(is_queryset=any(name in QUERYSET_STEPS for name in names))
    tail = list(names)
    while tail and tail[-1] in QUERYSET_STEPS:
        tail.pop()
    if tail and tail[-1] in related_managers() and not (len(tail) == 1 and _is_model(base)):
        # `person.memberships.update(...)`: a related manager, over the models so named
        result.is_queryset = True
        result.models |= related_managers()[tail[-1]]
        return result
    model = None
    known = False  # the base's own model is accounted for (found, or by a merged assignment)
    if isinstance(base, ast.Name):
        assigned = scope.lookup_assigned(base.id)
        is_parameter, annotation = scope.lookup_annotation(base.id)
        if assigned is not None:
            known = base.id in seen  # `qs = qs.filter(...)`: the other assignments say it
            for value in assigned if not known else []:
                result.merge(classify(value, scope, resolve, seen | {base.id}))
                known = True
        elif is_parameter:
            text = ast.unparse(annotation) if annotation is not None else ""
            if "QuerySet" in text or "Manager" in text:
                result.is_queryset = True
                if isinstance(annotation, ast.Subscript) and isinstance(annotation.slice, ast.Name):
                    model = _model_from(resolve(annotation.slice.id), "objects")
        else:
            model = _model_from(resolve(base.id), names[0] if names else None)
        if _looks_like_queryset_name(base.id):
            result.is_queryset = True
    if model is not None:
        result.models.add(model)
    elif result.is_queryset and not known and not result.models:
        result.unresolved = True
    return result


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str, resolve: Resolve, protected: set[type[models.Model]]):
        self.path = path
        self.resolve = resolve
        self.protected = protected
        self.scope = Scope(name="<module>")
        self.findings: list[Finding] = []
        self._class_methods: list[set[str]] = []

    # --- scopes -----------------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        methods = {
            item.name
            for item in node.body
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        cls = self.resolve(node.name)  # inherited methods too (a subclass calling the base's)
        if isinstance(cls, type) and not issubclass(cls, models.Manager | models.QuerySet):
            methods |= {name for name in dir(cls) if callable(getattr(cls, name, None))}
        self._class_methods.append(methods)
        self.generic_visit(node)
        self._class_methods.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        scope = Scope(
            name=node.name if self.scope.name == "<module>" else f"{self.scope.name}.{node.name}",
            methods=self._class_methods[-1] if self._class_methods else set(),
            parent=self.scope,
        )
        arguments = node.args
        for argument in [
            *arguments.posonlyargs,
            *arguments.args,
            *arguments.kwonlyargs,
            *([arguments.vararg] if arguments.vararg else []),
            *([arguments.kwarg] if arguments.kwarg else []),
        ]:
            scope.annotations[argument.arg] = argument.annotation
        for child in ast.walk(node):
            targets: list[ast.expr] = []
            value: ast.expr | None = None
            if isinstance(child, ast.Assign):
                targets, value = child.targets, child.value
            elif isinstance(child, ast.AnnAssign | ast.NamedExpr) and child.value is not None:
                targets, value = [child.target], child.value
            for target in targets:
                if isinstance(target, ast.Name) and value is not None:
                    scope.assigned.setdefault(target.id, []).append(value)
        outer, self.scope = self.scope, scope
        self._class_methods.append(set())  # a nested class's methods are its own
        self.generic_visit(node)
        self._class_methods.pop()
        self.scope = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    # --- calls and names --------------------------------------------------------------------
    def _report(self, node: ast.AST, call: str, detail: str) -> None:
        self.findings.append(
            Finding(self.path, getattr(node, "lineno", 0), self.scope.name, call, detail)
        )

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in HISTORY_SWITCHES:
            self._report(node, node.attr, f"{node.attr}: writes or rewrites without history")
        self.generic_visit(node)

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in HISTORY_SWITCHES:
            self._report(node, node.id, f"{node.id}: writes or rewrites without history")

    def visit_Call(self, node: ast.Call) -> None:
        function = node.func
        if isinstance(function, ast.Name) and function.id in RAW_SQL_CALLS:
            self._report(node, function.id, f"{function.id}(): raw SQL")
        if isinstance(function, ast.Attribute):
            self._check_method_call(node, function)
        self.generic_visit(node)

    def _check_method_call(self, node: ast.Call, function: ast.Attribute) -> None:
        method, receiver = function.attr, function.value
        text = ast.unparse(function)
        if method in RAW_SQL_CALLS and method != "RawSQL":
            if method == "cursor" or classify(receiver, self.scope, self.resolve).is_queryset:
                self._report(node, method, f"{text}(): raw SQL")
            return
        if method not in QUERYSET_WRITES:
            return
        if (
            isinstance(receiver, ast.Name)
            and receiver.id == "self"
            and method in self.scope.methods
        ):
            return  # a method of this class that happens to share the name
        found = classify(receiver, self.scope, self.resolve)
        if method in MANAGER_ONLY_WRITES and not found.is_queryset:
            found.is_queryset, found.unresolved = True, not found.models
        if not found.is_queryset:
            return
        hit = found.models & self.protected
        if hit:
            labels = ", ".join(sorted(model._meta.label for model in hit))
            if any(model is AuditEvent or issubclass(model, HistoricalChanges) for model in hit):
                why = "the event log and the history tables are append-only"
            elif method == "delete":
                why = "a bulk delete; delete each object through its service (audit event)"
            else:
                why = "writes without a history row"
            self._report(node, method, f"{text}() on {labels}: {why}")
        elif found.unresolved:
            self._report(
                node, method, f"{text}(): a queryset write on a model the scan cannot tell"
            )


def scan_source(source: str, path: str, resolve: Resolve) -> list[Finding]:
    scanner = _Scanner(path, resolve, protected_models())
    scanner.visit(ast.parse(source, filename=path))
    return scanner.findings


def _source_files() -> Iterator[Path]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if any(part.startswith(".") or part in SKIPPED_DIRS for part in parts[:-1]):
            continue
        yield path


def _module_resolver(path: Path) -> Resolve:
    """Names as the module itself sees them, imported for real (aliases and re-exports resolve)."""
    relative = path.relative_to(ROOT)
    packages = [ROOT.joinpath(*relative.parts[:n]) for n in range(1, len(relative.parts))]
    if not packages or not all((package / "__init__.py").exists() for package in packages):
        return lambda name: None
    dotted = ".".join(relative.with_suffix("").parts)
    try:
        namespace = vars(importlib.import_module(dotted))
    except Exception:  # a script that cannot be imported: every name stays unresolved
        return lambda name: None
    return namespace.get


def scan_project() -> list[Finding]:
    findings: list[Finding] = []
    for path in _source_files():
        relative = path.relative_to(ROOT).as_posix()
        findings += scan_source(path.read_text(), relative, _module_resolver(path))
    return findings


def test_no_history_less_write_path_in_the_project_source():
    # given the project's source, the allow-list aside
    # when scanning it
    findings = [finding for finding in scan_project() if finding.key not in ALLOWED]

    # then nothing writes a history-tracked model, a history table or the event log in bulk
    assert not findings, (
        "History-less write paths (use the service's instance saves or simple-history's "
        "bulk_create_with_history / bulk_update_with_history; see docs/decisions/0011):\n"
        + "\n".join(str(finding) for finding in findings)
    )


def test_every_allow_list_entry_still_matches_a_call():
    # given the allowed write paths
    # when scanning the source
    keys = {finding.key for finding in scan_project()}

    # then each is still there (a removed call takes its entry with it)
    assert set(ALLOWED) - keys == set()


def _scan(code: str) -> list[str]:
    from organizations.models import Person, Unit, UnitClosure

    names = {"Unit": Unit, "Person": Person, "UnitClosure": UnitClosure, "AuditEvent": AuditEvent}
    return [
        f"{finding.line}:{finding.call}"
        for finding in scan_source(textwrap.dedent(code), "example.py", names.get)
    ]


def test_the_scan_names_queryset_writes_on_tracked_models_and_the_log():
    # given writes that would leave no history row, or rewrite the log
    code = """
        def service(unit, ids):
            Unit.objects.filter(pk=unit.pk).update(name="x")
            people = Person.objects.filter(pk__in=ids)
            people = people.exclude(pk=1)
            people.delete()
            Person.objects.bulk_update([], ["name"])
            Unit.history.filter(id=1).update(name="y")
            AuditEvent.objects.all().delete()
            unit.save_without_historical_record()
    """

    # when / then each is named with its line
    assert _scan(code) == [
        "3:update",
        "6:delete",
        "7:bulk_update",
        "8:update",
        "9:delete",
        "10:save_without_historical_record",
    ]


def test_the_scan_names_raw_sql_and_writes_it_cannot_resolve():
    # given raw SQL and bulk writes on querysets of unknown models
    code = """
        from django.db import connection

        def service(unit, queryset):
            with connection.cursor() as cursor:
                cursor.execute("UPDATE organizations_unit SET name = 'x'")
            unit.children.all().update(name="x")
            queryset.delete()
            Unit.objects.raw("SELECT 1")
    """

    # when / then
    assert _scan(code) == ["5:cursor", "7:update", "8:delete", "9:raw"]


def test_the_scan_leaves_dicts_instances_and_untracked_models_alone():
    # given look-alike calls that write no tracked row in bulk
    code = """
        class Importer:
            def bulk_create(self, model, rows):
                return len(rows)

            def run(self, unit, rows):
                self.bulk_create(Unit, rows)

        def view(self, unit, context: dict):
            context.update(title="x")
            data = {}
            data.update(unit=unit)
            unit.delete()
            UnitClosure.objects.filter(ancestor=unit).delete()
            UnitClosure.objects.bulk_create([])
            Unit.objects.filter(pk=unit.pk).exists()
    """

    # when / then
    assert _scan(code) == []
