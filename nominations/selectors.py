"""Reads of nominations, through the reader's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from common.exceptions import DomainNotFound
from nominations.models import Nomination, Submission
from organizations.permissions import visible_unit_ids
from organizations.selectors import unit_subtree_ids


def nomination_list_visible_to(
    user: Any,
    *,
    status: str = "",
    year: int | None = None,
    award_code: str = "",
    unit: Any = None,
    under: Any = None,
    at_unit: Any = None,
    search: str = "",
) -> QuerySet[Nomination]:
    """Nominations filed by units the reader may read. The units that review and decide a
    nomination are above the one that filed it, so their readers see it too."""
    qs = Nomination.objects.filter(nominating_unit_id__in=visible_unit_ids(user)).select_related(
        "nominating_unit",
        "nominee_person",
        "nominee_unit",
        "award_type__regulation",
        "current_unit",
        "deciding_unit",
    )
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    if award_code:
        qs = qs.filter(award_type__code=award_code)
    if unit is not None:
        qs = qs.filter(nominating_unit=unit)
    if under is not None:
        qs = qs.filter(nominating_unit_id__in=unit_subtree_ids(under))
    if at_unit is not None:
        qs = qs.filter(current_unit=at_unit)
    if search:
        qs = qs.filter(
            Q(nominee_person__full_name__icontains=search)
            | Q(nominee_person__code__icontains=search)
            | Q(nominee_unit__name__icontains=search)
        )
    return qs.order_by("-created_at")


def nomination_get_visible(user: Any, pk: Any) -> Nomination:
    nomination = (
        nomination_list_visible_to(user)
        .filter(pk=pk)
        .select_related("submission", "created_by", "topic")
        .prefetch_related(
            "attachments__document_type",
            "attachments__uploaded_by",
            "ratings",
            "initiatives",
            "prior_awards",
            "reviews__unit",
            "reviews__decided_by",
            "award_type__document_requirements__document_type",
        )
        .first()
    )
    if nomination is None:
        raise DomainNotFound()
    return nomination


def submission_list_visible_to(user: Any) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(nominating_unit_id__in=visible_unit_ids(user))
        .select_related("nominating_unit", "to_unit", "created_by")
        .order_by("-created_at")
    )


def submission_get_visible(user: Any, pk: Any) -> Submission:
    submission = submission_list_visible_to(user).filter(pk=pk).first()
    if submission is None:
        raise DomainNotFound()
    return submission
