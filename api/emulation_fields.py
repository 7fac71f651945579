"""Input fields and list helpers the emulation resources share (api/campaigns.py,
api/campaign_progress.py, api/registrations.py, api/clusters.py, api/agreements.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import django_filters
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import generics, serializers

from api.filters import QueryParameters, parse_filters
from api.nominations import REQUIRED
from common.exceptions import CommonErrorCode, DomainNotFound

DATE = {**REQUIRED, "invalid": _("Enter a date, e.g. 2025-12-20.")}
NUMBER = {**REQUIRED, "invalid": _("Enter a number, e.g. 1500 or 85.5.")}
DOES_NOT_EXIST = CommonErrorCode.NOT_FOUND.label


def decimal_field(**kwargs: Any) -> serializers.DecimalField:
    """A value, target or amount as the emulation tables store it (up to 16 digits, 2 decimals)."""
    kwargs.setdefault("error_messages", NUMBER)
    return serializers.DecimalField(max_digits=18, decimal_places=2, **kwargs)


def points_field(**kwargs: Any) -> serializers.DecimalField:
    kwargs.setdefault("error_messages", NUMBER)
    return serializers.DecimalField(max_digits=9, decimal_places=2, **kwargs)


def date_field(**kwargs: Any) -> serializers.DateField:
    return serializers.DateField(error_messages=DATE, **kwargs)


def reason_field(help_text: Any) -> serializers.CharField:
    # Blank reaches the service, which explains in its own words that a reason is needed.
    return serializers.CharField(required=False, allow_blank=True, default="", help_text=help_text)


@extend_schema_field(OpenApiTypes.INT)
class ChildRefField(serializers.IntegerField):
    """An object named by its id among the parts of an object the caller already reads (the
    phases of a campaign, the members of a cluster), given by `among(context)`: any other id
    reads as not found."""

    default_error_messages = {
        **REQUIRED,
        "invalid": _("Enter a number (the id)."),
        "does_not_exist": DOES_NOT_EXIST,
    }

    def __init__(self, *, among: Callable[[dict[str, Any]], Iterable[Model]], **kwargs: Any):
        self.among = among
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        pk = super().to_internal_value(data)
        for obj in self.among(self.context):
            if obj.pk == pk:
                return obj
        self.fail("does_not_exist")

    def to_representation(self, value: Any) -> Any:
        return getattr(value, "pk", value)


@extend_schema_field(OpenApiTypes.STR)
class PlainChoiceField(serializers.ChoiceField):
    """A choice documented as a plain string, its values in the help text: the schema names
    enums after their fields, and other resources already use these names for other lists."""


def part_of(items: Iterable[Model], pk: int) -> Any:
    """The part `pk` among the prefetched parts of an object the caller reads; else a 404."""
    for item in items:
        if item.pk == pk:
            return item
    raise DomainNotFound()


class RowListApi(generics.ListAPIView):
    """A paginated list of rows a selector computes (not a queryset): deadline lists."""

    filterset_class: type[django_filters.FilterSet]
    filter_backends = [QueryParameters]

    def rows(self, **filters: Any) -> list[Any]:
        raise NotImplementedError

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return self.filterset_class._meta.model._default_manager.none()
        return self.rows(**parse_filters(self.filterset_class, self.request))
