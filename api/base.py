"""What every resource module shares: the list view shape, the error schema, references."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import generics, serializers

from api.filters import QueryParameters, parse_filters


class ErrorOutput(serializers.Serializer):
    # The body of every failure (api/exceptions.py).
    # Not an enum: services add codes of their own (e.g. version_overlap) to ApiErrorCode's.
    code = serializers.CharField(
        help_text=_("A stable code for programs, e.g. not_found or invalid_input.")
    )
    message = serializers.CharField(help_text=_("For people, in the language of the request."))
    details = serializers.DictField(
        help_text=_("Per field for input errors; otherwise facts such as the allowed methods.")
    )


_ERRORS = {
    400: OpenApiResponse(ErrorOutput, description=_("Invalid input; the details name the fields.")),
    401: OpenApiResponse(ErrorOutput, description=_("Not signed in, or the token is not valid.")),
    404: OpenApiResponse(ErrorOutput, description=_("Not found, or outside the reader's scope.")),
}


def responses(ok: Any, *errors: int) -> dict[int, Any]:
    """The documented responses of an operation: `ok` for 200 and the given error statuses."""
    return {200: ok, **{status: _ERRORS[status] for status in errors}}


class SelectorListApi(generics.ListAPIView):
    """A paginated list: query parameters parsed by `filterset_class`, rows from `select()`.

    Subclasses implement `select(**filters)` by calling one selector with `self.request.user`;
    the selector applies scope, so a list never shows what its reader may not read.
    """

    filterset_class: type[django_filters.FilterSet]
    filter_backends = [QueryParameters]

    def select(self, **filters: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            # The schema generator only needs the model.
            return self.filterset_class._meta.model._default_manager.none()
        return self.select(**parse_filters(self.filterset_class, self.request))


class UnitRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class PersonRefOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    full_name = serializers.CharField()


def label_of(field: str) -> serializers.CharField:
    """The display label of a choice field, in the request's language."""
    return serializers.CharField(source=f"get_{field}_display", read_only=True)
