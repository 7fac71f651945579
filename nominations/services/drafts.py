"""Preparing a nomination: the draft, its cited records and its dossier documents."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from audit.models import EventType
from audit.services import audit_record, diff, snapshot
from awards.models import AwardTopic, AwardType, DossierDocumentType, Occasion
from awards.selectors import regulation_in_force
from common.exceptions import DomainValidationError
from common.services import service, tracked_fields
from common.validation import clean_or_raise
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import ALIVE_STATUSES, Attachment, Nomination, NominationStatus
from nominations.permissions import require_acting
from nominations.routing import deciding_unit_for
from organizations.exceptions import OrganizationErrorCode
from organizations.models import Membership, Person, Role, Unit, UnitClosure
from organizations.permissions import Grant

EDITABLE_STATUSES = (NominationStatus.DRAFT, NominationStatus.RETURNED)
NOMINATION_FIELDS = frozenset(
    {"award_type", "topic", "year", "reference_date", "period_label", "achievements"}
)
CITED_RECORDS = ("ratings", "initiatives", "prior_awards")

# What a dossier may contain, recognised by the file's content (never its name).
ACCEPTED_TYPES = {
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "image/jpeg",
    "image/png",
}


def clerk_grant(actor: Any, unit: Unit) -> Grant:
    """The nominating unit's clerks prepare, submit, answer returns and withdraw."""
    return require_acting(actor, unit, Role.CLERK)


def _in_subtree(unit_id: int | None, root: Unit) -> bool:
    return (
        unit_id is not None
        and UnitClosure.objects.filter(ancestor_id=root.pk, descendant_id=unit_id).exists()
    )


def _check_nominee(nomination: Nomination) -> None:
    """The nominee belongs to the nominating unit (or one of its sub-units)."""
    unit = nomination.nominating_unit
    if nomination.nominee_person_id is not None:
        current = (
            Membership.objects.filter(person_id=nomination.nominee_person_id, ended_on__isnull=True)
            .values_list("unit_id", flat=True)
            .first()
        )
        if not _in_subtree(current, unit):
            raise DomainValidationError(
                Code.NOMINEE_OUTSIDE_UNIT,
                details={"nominee_person": [str(nomination.nominee_person)]},
            )
    elif not _in_subtree(nomination.nominee_unit_id, unit):
        raise DomainValidationError(
            Code.NOMINEE_OUTSIDE_UNIT, details={"nominee_unit": [str(nomination.nominee_unit)]}
        )


def _check_award(nomination: Nomination) -> None:
    """The award is the version in force on the reference date, open, fit for the nominee, and
    decided by a unit on the way up."""
    award: AwardType = nomination.award_type
    version = regulation_in_force(
        track=award.regulation.catalogue_track, on=nomination.reference_date
    )
    if version is None or version.pk != award.regulation_id or not award.is_active:
        raise DomainValidationError(Code.AWARD_NOT_APPLICABLE, details={"award_type": [str(award)]})
    if nomination.nominee_person_id is not None:
        fits = award.for_individuals
    else:
        nominee_unit = nomination.nominee_unit
        fits = (
            nominee_unit is not None
            and award.collective_unit_kinds.filter(pk=nominee_unit.kind_id).exists()
        )
    if not fits:
        raise DomainValidationError(
            Code.AWARD_NOT_FOR_NOMINEE, details={"award_type": [str(award)]}
        )
    topics = list(award.topics.all())
    if nomination.topic_id is not None and nomination.topic not in topics:
        raise DomainValidationError(
            Code.TOPIC_NOT_OF_AWARD, details={"topic": [str(nomination.topic)]}
        )
    if award.occasion == Occasion.TOPIC and topics and nomination.topic_id is None:
        raise DomainValidationError.on_field(Code.TOPIC_REQUIRED, "topic")
    if deciding_unit_for(nomination.nominating_unit, award) is None:
        raise DomainValidationError(Code.NO_DECIDING_UNIT, details={"award_type": [str(award)]})


def _check_not_duplicate(nomination: Nomination) -> None:
    duplicates = Nomination.objects.filter(
        award_type__code=nomination.award_type.code,
        year=nomination.year,
        status__in=ALIVE_STATUSES,
        nominee_person_id=nomination.nominee_person_id,
        nominee_unit_id=nomination.nominee_unit_id,
    ).exclude(pk=nomination.pk)
    if duplicates.exists():
        raise DomainValidationError(
            Code.DUPLICATE_NOMINATION,
            details={"award_type": [str(Code.DUPLICATE_NOMINATION.label)]},
        )


def _check_cited_records(nomination: Nomination, cited: Mapping[str, Iterable[Any]]) -> None:
    """Only the nominee's own records can be cited."""
    for name, records in cited.items():
        for record in records:
            if name == "initiatives":
                owner_ok = record.person_id == nomination.nominee_person_id
            else:
                owner_ok = (
                    record.person_id == nomination.nominee_person_id
                    and record.unit_id == nomination.nominee_unit_id
                )
            if not owner_ok:
                raise DomainValidationError(
                    Code.RECORD_NOT_OF_NOMINEE, details={name: [str(record)]}
                )


def _validate(nomination: Nomination, cited: Mapping[str, Iterable[Any]]) -> None:
    clean_or_raise(nomination, exclude=["status"])
    _check_nominee(nomination)
    _check_award(nomination)
    _check_not_duplicate(nomination)
    _check_cited_records(nomination, cited)


def _m2m_snapshot(nomination: Nomination) -> dict[str, list[int]]:
    return {
        name: sorted(getattr(nomination, name).values_list("pk", flat=True))
        for name in CITED_RECORDS
    }


@service
def nomination_create(
    *,
    actor: Any,
    nominating_unit: Unit,
    award_type: AwardType,
    year: int,
    reference_date: datetime.date,
    nominee_person: Person | None = None,
    nominee_unit: Unit | None = None,
    topic: AwardTopic | None = None,
    period_label: str = "",
    achievements: str = "",
    ratings: Iterable[Any] = (),
    initiatives: Iterable[Any] = (),
    prior_awards: Iterable[Any] = (),
) -> Nomination:
    """A clerk of the nominating unit starts a nomination (a draft until submitted)."""
    grant = clerk_grant(actor, nominating_unit)
    if not nominating_unit.is_active:
        raise DomainValidationError(
            OrganizationErrorCode.UNIT_INACTIVE, details={"nominating_unit": [str(nominating_unit)]}
        )
    nomination = Nomination(
        nominating_unit=nominating_unit,
        award_type=award_type,
        year=year,
        reference_date=reference_date,
        nominee_person=nominee_person,
        nominee_unit=nominee_unit,
        topic=topic,
        period_label=period_label,
        achievements=achievements,
        created_by=actor,
    )
    cited = {
        "ratings": list(ratings),
        "initiatives": list(initiatives),
        "prior_awards": list(prior_awards),
    }
    _validate(nomination, cited)
    nomination.save()
    for name, records in cited.items():
        getattr(nomination, name).set(records)
    changes = diff({}, snapshot(nomination, tracked_fields(nomination)))
    changes.update({name: [[], ids] for name, ids in _m2m_snapshot(nomination).items() if ids})
    audit_record(
        actor=actor,
        event_type=EventType.NOMINATION_CREATED,
        obj=nomination,
        via=grant,
        unit=nominating_unit,
        changes=changes,
    )
    return nomination


@service
def nomination_update(
    *, actor: Any, nomination: Nomination, reason: str = "", **changes: Any
) -> Nomination:
    """Edit a draft, or a returned nomination before resubmitting it."""
    grant = clerk_grant(actor, nomination.nominating_unit)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status not in EDITABLE_STATUSES:
        raise DomainValidationError(Code.NOT_EDITABLE)
    unknown = set(changes) - NOMINATION_FIELDS - set(CITED_RECORDS)
    if unknown:
        raise TypeError(f"nomination_update() got unexpected fields {sorted(unknown)}")
    fields = tracked_fields(nomination)
    before = {**snapshot(nomination, fields), **_m2m_snapshot(nomination)}
    cited = {name: list(getattr(nomination, name).all()) for name in CITED_RECORDS}
    for name, value in changes.items():
        if name in CITED_RECORDS:
            cited[name] = list(value)
        else:
            setattr(nomination, name, value)
    _validate(nomination, cited)
    nomination.save()
    for name in CITED_RECORDS:
        if name in changes:
            getattr(nomination, name).set(cited[name])
    audit_record(
        actor=actor,
        event_type=EventType.NOMINATION_UPDATED,
        obj=nomination,
        via=grant,
        unit=nomination.nominating_unit_id,
        changes=diff(before, {**snapshot(nomination, fields), **_m2m_snapshot(nomination)}),
        reason=reason,
    )
    return nomination


# --- dossier documents ---------------------------------------------------------------------


def _read_upload(file: UploadedFile) -> bytes:
    size = file.size or 0
    if size == 0:
        raise DomainValidationError.on_field(Code.ATTACHMENT_EMPTY, "file")
    if size > settings.ATTACHMENT_MAX_SIZE:
        message = _("The file is %(size)s; a dossier document may be at most %(limit)s.") % {
            "size": filesizeformat(size),
            "limit": filesizeformat(settings.ATTACHMENT_MAX_SIZE),
        }
        raise DomainValidationError(Code.ATTACHMENT_TOO_LARGE, message, details={"file": [message]})
    file.seek(0)
    return file.read()


def read_accepted_file(file: UploadedFile) -> tuple[bytes, Any, str]:
    """The file's content, its real type and a clean display name; refuses what a dossier may
    not hold (judged by the content, whatever the name says)."""
    content = _read_upload(file)
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ACCEPTED_TYPES:
        raise DomainValidationError(
            Code.ATTACHMENT_TYPE_REFUSED,
            details={"file": [str(Code.ATTACHMENT_TYPE_REFUSED.label)]},
        )
    return content, kind, clean_file_name(file.name or "", kind.extension)


def stored_name(extension: str) -> str:
    """A generated name: nothing the uploader typed reaches the file system."""
    return f"{uuid.uuid4().hex}.{extension}"


def clean_file_name(name: str, extension: str) -> str:
    """The uploader's name, reduced to safe characters, with the extension of its real type."""
    stem = (name or "").replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    try:
        stem = get_valid_filename(stem)[:120]
    except Exception:
        stem = ""
    return f"{stem or 'tai-lieu'}.{extension}"


@service
def attachment_add(
    *, actor: Any, nomination: Nomination, document_type: DossierDocumentType, file: UploadedFile
) -> Attachment:
    """Attach a document to a draft or returned nomination. The file is accepted for what its
    content is (PDF, Word, Excel, OpenDocument, JPEG, PNG), whatever its name says."""
    grant = clerk_grant(actor, nomination.nominating_unit)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status not in EDITABLE_STATUSES:
        raise DomainValidationError(Code.NOT_EDITABLE)
    content, kind, name = read_accepted_file(file)
    attachment = Attachment(
        nomination=nomination,
        document_type=document_type,
        original_name=name,
        content_type=kind.mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    attachment.file.save(stored_name(kind.extension), ContentFile(content), save=False)
    attachment.save()
    audit_record(
        actor=actor,
        event_type=EventType.ATTACHMENT_ADDED,
        obj=nomination,
        via=grant,
        unit=nomination.nominating_unit_id,
        changes={
            "document_type": document_type.code,
            "file": attachment.original_name,
            "sha256": attachment.sha256,
            "size": attachment.size,
        },
    )
    return attachment


@service
def attachment_remove(*, actor: Any, attachment: Attachment, reason: str = "") -> None:
    nomination = attachment.nomination
    grant = clerk_grant(actor, nomination.nominating_unit)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status not in EDITABLE_STATUSES:
        raise DomainValidationError(Code.NOT_EDITABLE)
    audit_record(
        actor=actor,
        event_type=EventType.ATTACHMENT_REMOVED,
        obj=nomination,
        via=grant,
        unit=nomination.nominating_unit_id,
        changes={
            "document_type": attachment.document_type.code,
            "file": attachment.original_name,
            "sha256": attachment.sha256,
        },
        reason=reason,
    )
    # The file stays in storage: the history row still points at it, for the auditors.
    attachment.delete()
