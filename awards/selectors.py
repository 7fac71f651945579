"""Reads of the award catalogue and of award history."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from awards.models import AwardRecord, AwardType, BaseSalary, RegulationDocument, Track
from common.exceptions import DomainNotFound
from organizations.models import Membership, UnitKind
from organizations.permissions import visible_unit_ids


def _in_force(on: datetime.date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def regulation_in_force(
    *, track: str = Track.UNION, on: datetime.date
) -> RegulationDocument | None:
    """The catalogue version of `track` in force on `on` (the latest to start, if several)."""
    return (
        RegulationDocument.objects.filter(_in_force(on), catalogue_track=track)
        .order_by("-effective_from")
        .first()
    )


def regulation_list(*, catalogue_only: bool = False) -> QuerySet[RegulationDocument]:
    qs = RegulationDocument.objects.select_related("supersedes")
    if catalogue_only:
        qs = qs.exclude(catalogue_track="")
    return qs.order_by("catalogue_track", "-effective_from")


def award_type_list(
    *,
    regulation: RegulationDocument | int | None = None,
    on: datetime.date | None = None,
    track: str | None = None,
    for_individuals: bool | None = None,
    unit_kind: UnitKind | int | None = None,
    active_only: bool = False,
) -> QuerySet[AwardType]:
    """Award types of one version, or of the versions in force on `on` (one per track).

    `for_individuals=True` keeps awards for people; `unit_kind` keeps awards for collectives of
    that kind.
    """
    qs = AwardType.objects.select_related("regulation", "deciding_level").prefetch_related(
        "topics", "collective_unit_kinds", "document_requirements__document_type"
    )
    if regulation is not None:
        qs = qs.filter(regulation=regulation)
    if on is not None:
        versions = [
            version.pk
            for version_track in ([track] if track else Track.values)
            if (version := regulation_in_force(track=version_track, on=on)) is not None
        ]
        qs = qs.filter(regulation_id__in=versions)
    elif track:
        qs = qs.filter(track=track)
    if for_individuals is not None:
        qs = qs.filter(for_individuals=for_individuals)
    if unit_kind is not None:
        qs = qs.filter(collective_unit_kinds=unit_kind)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.order_by("regulation__effective_from", "sort_order", "name")


def award_type_get_applicable(*, code: str, on: datetime.date) -> AwardType:
    """The award type with `code` as the version in force on `on` defines it."""
    award = award_type_list(on=on).filter(code=code).first()
    if award is None:
        raise DomainNotFound()
    return award


def base_salary_on(on: datetime.date) -> BaseSalary | None:
    return BaseSalary.objects.filter(effective_from__lte=on).order_by("-effective_from").first()


def award_record_list_visible_to(
    user: Any, *, year: int | None = None, award_code: str = ""
) -> QuerySet[AwardRecord]:
    """Award history of people and collectives the reader may read."""
    scope = visible_unit_ids(user)
    people_in_scope = Membership.objects.filter(unit_id__in=scope).values("person_id")
    qs = AwardRecord.objects.filter(
        Q(person_id__in=people_in_scope) | Q(unit_id__in=scope)
    ).select_related("person", "unit", "award_type", "deciding_unit")
    if year:
        qs = qs.filter(year=year)
    if award_code:
        qs = qs.filter(award_code=award_code)
    return qs.order_by("-year", "award_name")


def regulation_get(pk: Any) -> RegulationDocument:
    document = RegulationDocument.objects.select_related("supersedes").filter(pk=pk).first()
    if document is None:
        raise DomainNotFound()
    return document


def award_type_get(pk: Any) -> AwardType:
    award = award_type_list().prefetch_related("quotas__topic").filter(pk=pk).first()
    if award is None:
        raise DomainNotFound()
    return award
