"""Query parameters: parsed and validated by django-filter FilterSets, applied by selectors.

A FilterSet here is an input form, not a query builder: the selector owns scope and the shape of
the query, so the API never filters a queryset itself. `QueryParameters` is the filter backend
that only documents a view's FilterSet in the OpenAPI schema.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.request import Request


class StrictBooleanField(forms.NullBooleanField):
    """true/false/1/0, or absent. Django's own boolean fields read any other word as "not given",
    which would silently ignore a typo such as `include_dissolved=yes`."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter true or false.")}

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        lowered = str(value).strip().lower()
        if lowered in {"true", "1"}:
            return True
        if lowered in {"false", "0"}:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value: Any) -> None:
        """Absent is allowed; to_python has already rejected everything else."""


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class IdField(forms.IntegerField):
    default_error_messages = {"invalid": _("Enter a number (the id).")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)


class YearField(forms.IntegerField):
    default_error_messages = {"invalid": _("Enter a year, e.g. 2024.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1950)
        kwargs.setdefault("max_value", 2100)
        super().__init__(**kwargs)


def _documented_as(openapi_type: OpenApiTypes, filter_: django_filters.Filter) -> Any:
    """Tell the schema the parameter's type where it cannot be read from a model field (the
    parameter is not one, e.g. `under`, or names an object by code rather than by id)."""
    schema = {**build_basic_type(openapi_type), "description": filter_.extra.get("help_text", "")}
    return extend_schema_field(schema)(filter_)


class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


def id_filter(*, help_text: Any) -> Any:
    """The id of an object, e.g. `under=12`."""
    return _documented_as(OpenApiTypes.INT, IdFilter(help_text=help_text))


def year_filter(*, help_text: Any) -> Any:
    """A calendar year, e.g. `year=2024`."""
    return _documented_as(OpenApiTypes.INT, YearFilter(help_text=help_text))


def code_filter(*, queryset: QuerySet[Any], help_text: Any) -> Any:
    """A reference-data object (unit kind, level...) named by its stable code, e.g. `kind=cdcs`."""
    filter_ = django_filters.ModelChoiceFilter(
        queryset=queryset, to_field_name="code", help_text=help_text
    )
    return _documented_as(OpenApiTypes.STR, filter_)


class QueryParameters(DjangoFilterBackend):
    """Declares a view's `filterset_class` to the schema generator; filters nothing.

    The view has already called its selector with the parsed parameters (see `parse_filters`),
    so filtering again here would apply every condition twice.
    """

    def filter_queryset(
        self, request: Request, queryset: QuerySet[Any], view: Any
    ) -> QuerySet[Any]:
        return queryset


def parse_filters(
    filterset_class: type[django_filters.FilterSet], request: Request
) -> dict[str, Any]:
    """The validated query parameters that were given, ready to pass to a selector.

    Bad values raise a 400 whose details name each field; absent ones are left out so that the
    selector's defaults apply.
    """
    model = filterset_class._meta.model
    filterset = filterset_class(
        request.query_params, queryset=model._default_manager.none(), request=request
    )
    if not filterset.is_valid():
        raise translate_validation(filterset.errors)
    return {
        name: value
        for name, value in filterset.form.cleaned_data.items()
        if value is not None and value != ""
    }
