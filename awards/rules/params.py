"""Rule parameters: typed dataclasses, read from the plain dicts a rule pack stores.

Each rule type declares its parameters as a frozen dataclass whose fields carry their schema
(`param(...)`: default, choices, bounds, help). From it come both the schema an administrator's
form shows (`schema`) and the parser that turns a stored dict into the typed value the rule
reads, with every problem reported at once (`parse`). Supported field types: bool, int,
Decimal, str, `X | None`, `tuple[X, ...]`, nested parameter dataclasses and Mapping (kept as is).

Numbers come from JSON: a Decimal accepts 96, "95.5" or 95.5 (through its text, so 95.5 stays
95.5); an int accepts 4 or "4", never 4.5 or true.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

StrOrPromise = str | Promise
MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


# `param()` returns a `dataclasses.field`; ruff cannot tell (RUF009 on Decimal fields is noqa'd).
def param(
    default: Any = MISSING,
    *,
    help: StrOrPromise = "",
    choices: Sequence[str] = (),
    minimum: int | str | None = None,
    maximum: int | str | None = None,
    min_items: int = 0,
    month_day: bool = False,
) -> Any:
    """A parameter field. `help` is a lazy msgid (gettext_lazy), translated when shown."""
    metadata = {
        "help": help,
        "choices": tuple(choices),
        "minimum": None if minimum is None else Decimal(minimum),
        "maximum": None if maximum is None else Decimal(maximum),
        "min_items": min_items,
        "month_day": month_day,
    }
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(frozen=True)
class ParamError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass(frozen=True)
class ParamSpec:
    name: str
    type: str  # bool, int, decimal, text, list[text], list[int], object, list[object], mapping
    required: bool
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    help: str = ""
    fields: tuple[ParamSpec, ...] = ()  # of an object, or of each item of a list of objects


class Params:
    """Base of the parameter dataclasses; `problems` adds checks across fields."""

    def problems(self) -> list[ParamError]:
        return []


def month_day_in(year: int, value: str) -> datetime.date:
    """ "12-20" in `year`; 29 February is 28 February in a common year."""
    match = MONTH_DAY.match(value)
    if match is None:
        raise ValueError(value)
    month, day = int(match.group(1)), int(match.group(2))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        if (month, day) == (2, 29):
            return datetime.date(year, 2, 28)
        raise


# --- schema --------------------------------------------------------------------------------------


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    # Resolving the annotations is the slowest part of parsing a rule's parameters, and a sweep
    # parses every rule of every nomination: the classes never change, so resolve each once.
    return typing.get_type_hints(cls)


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _type_name(hint: Any) -> tuple[str, tuple[ParamSpec, ...]]:
    hint, _optional = _unwrap_optional(hint)
    origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        name, fields = _type_name(item)
        return f"list[{name}]", fields
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        return "mapping", ()
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return "object", schema(hint)
    return {bool: "bool", int: "int", Decimal: "decimal", str: "text"}[hint], ()


def schema(cls: type) -> tuple[ParamSpec, ...]:
    """The parameters of a params dataclass, in declaration order."""
    hints = _hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        type_name, nested = _type_name(hints[f.name])
        specs.append(
            ParamSpec(
                name=f.name,
                type=type_name,
                required=f.default is MISSING,
                default=None if f.default is MISSING else f.default,
                choices=f.metadata.get("choices", ()),
                minimum=f.metadata.get("minimum"),
                maximum=f.metadata.get("maximum"),
                help=str(f.metadata.get("help", "")),
                fields=nested,
            )
        )
    return tuple(specs)


# --- parsing -------------------------------------------------------------------------------------


def parse[P](cls: type[P], raw: Any, *, path: str = "") -> tuple[P | None, list[ParamError]]:
    """The typed parameters, or None and every problem found."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        return None, [ParamError(path, _("Must be an object with named parameters."))]
    errors: list[ParamError] = []
    hints = _hints(cls)  # type: ignore[arg-type]  # a class is hashable
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    for key in raw:
        if key not in names:
            errors.append(ParamError(_join(path, str(key)), _("Unknown parameter.")))
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        where = _join(path, f.name)
        if f.name not in raw:
            if f.default is MISSING:
                errors.append(ParamError(where, _("Required.")))
            continue
        values[f.name] = _coerce(raw[f.name], hints[f.name], f.metadata, where, errors)
    if errors:
        return None, errors
    value = cls(**values)
    if isinstance(value, Params):
        errors.extend(
            ParamError(_join(path, e.path) if e.path else path, e.message) for e in value.problems()
        )
    return (None, errors) if errors else (value, [])


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _coerce(
    value: Any, hint: Any, meta: Mapping[str, Any], path: str, errors: list[ParamError]
) -> Any:
    hint, optional = _unwrap_optional(hint)
    if value is None:
        if not optional:
            errors.append(ParamError(path, _("Required.")))
        return None
    origin = typing.get_origin(hint)
    if origin is tuple:
        return _coerce_list(value, typing.get_args(hint)[0], meta, path, errors)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        if not isinstance(value, Mapping):
            errors.append(ParamError(path, _("Must be an object with named parameters.")))
        return value
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        parsed, nested = parse(hint, value, path=path)
        errors.extend(nested)
        return parsed
    if hint is bool:
        if not isinstance(value, bool):
            errors.append(ParamError(path, _("Must be true or false.")))
        return value
    if hint is int:
        return _coerce_int(value, meta, path, errors)
    if hint is Decimal:
        return _coerce_decimal(value, meta, path, errors)
    if hint is str:
        return _coerce_text(value, meta, path, errors)
    raise TypeError(f"unsupported parameter type {hint!r} at {path}")


def _coerce_list(
    value: Any, item: Any, meta: Mapping[str, Any], path: str, errors: list[ParamError]
) -> Any:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Sequence):
        errors.append(ParamError(path, _("Must be a list.")))
        return value
    if len(value) < meta.get("min_items", 0):
        errors.append(
            ParamError(
                path, _("Must hold at least %(count)s items.") % {"count": meta["min_items"]}
            )
        )
    item_meta = {**meta, "min_items": 0}
    return tuple(
        _coerce(entry, item, item_meta, f"{path}[{index}]", errors)
        for index, entry in enumerate(value)
    )


def _check_bounds(
    number: Decimal | int, meta: Mapping[str, Any], path: str, errors: list[ParamError]
) -> None:
    minimum, maximum = meta.get("minimum"), meta.get("maximum")
    if minimum is not None and number < minimum:
        errors.append(ParamError(path, _("Must be at least %(minimum)s.") % {"minimum": minimum}))
    if maximum is not None and number > maximum:
        errors.append(ParamError(path, _("Must be at most %(maximum)s.") % {"maximum": maximum}))


def _coerce_int(value: Any, meta: Mapping[str, Any], path: str, errors: list[ParamError]) -> Any:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        number = int(value)
    if number is None:
        errors.append(ParamError(path, _("Must be a whole number.")))
        return value
    _check_bounds(number, meta, path, errors)
    return number


def _coerce_decimal(
    value: Any, meta: Mapping[str, Any], path: str, errors: list[ParamError]
) -> Any:
    number: Decimal | None = None
    if isinstance(value, Decimal | int | float | str) and not isinstance(value, bool):
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        errors.append(ParamError(path, _("Must be a number.")))
        return value
    _check_bounds(number, meta, path, errors)
    return number


def _coerce_text(value: Any, meta: Mapping[str, Any], path: str, errors: list[ParamError]) -> Any:
    if not isinstance(value, str):
        errors.append(ParamError(path, _("Must be text.")))
        return value
    choices = meta.get("choices", ())
    if choices and value not in choices:
        errors.append(
            ParamError(path, _("Must be one of: %(choices)s.") % {"choices": ", ".join(choices)})
        )
    if meta.get("month_day") and value:
        try:
            month_day_in(2024, value)
        except ValueError:
            errors.append(
                ParamError(path, _("Must be a day of the year written MM-DD, e.g. 12-20."))
            )
    return value
