"""Reads of import jobs, always through the reader's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from common.exceptions import DomainNotFound
from imports.models import ImportJob
from organizations.models import Role, Unit
from organizations.permissions import PEOPLE_WRITE_ROLES, visible_unit_ids


def import_job_list_visible_to(
    user: Any, *, kind: str = "", status: str = ""
) -> QuerySet[ImportJob]:
    """The user's own jobs, and the jobs filed for units they administer.

    The errors list can be long; lists leave it out (`error_count` says how many there are).
    """
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    qs = ImportJob.objects.filter(
        Q(created_by=user) | Q(unit_id__in=visible_unit_ids(user, {Role.ADMIN}))
    )
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("unit", "created_by").defer("errors").order_by("-created_at", "-id")


def import_job_get_visible(user: Any, pk: Any) -> ImportJob:
    job = (
        import_job_list_visible_to(user)
        .defer(None)  # the detail page shows the errors
        .filter(pk=pk)
        .first()
    )
    if job is None:
        raise DomainNotFound()
    return job


def import_unit_choices(user: Any) -> QuerySet[Unit]:
    """Units a user may file an import for: those whose people's records they keep."""
    return Unit.objects.filter(
        id__in=visible_unit_ids(user, PEOPLE_WRITE_ROLES), dissolved_on__isnull=True
    ).order_by("name")
