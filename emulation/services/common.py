"""Helpers the emulation services share: locking, recording, and file evidence."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from audit.models import EventType
from audit.services import audit_record, diff, snapshot
from common.exceptions import DomainValidationError
from common.services import tracked_fields
from common.validation import clean_or_raise
from emulation.exceptions import EmulationErrorCode as Code
from nominations.services.drafts import read_accepted_file, stored_name
from organizations.exceptions import OrganizationErrorCode
from organizations.models import Unit


def lock[M: models.Model](instance: M) -> M:
    """The stored row of `instance`, locked until the service's transaction ends."""
    return type(instance)._default_manager.select_for_update(of=("self",)).get(pk=instance.pk)


def check_active(unit: Unit, field: str) -> None:
    if not unit.is_active:
        raise DomainValidationError(
            OrganizationErrorCode.UNIT_INACTIVE, details={field: [str(unit)]}
        )


def check_dates(starts_on: Any, ends_on: Any, *, field: str = "ends_on") -> None:
    if starts_on is not None and ends_on is not None and ends_on < starts_on:
        raise DomainValidationError.on_field(Code.DATES_OUT_OF_ORDER, field)


def require_reason(reason: str, field: str = "reason") -> str:
    if not (reason or "").strip():
        raise DomainValidationError.on_field(Code.REASON_REQUIRED, field)
    return reason.strip()


def save_recorded(
    *,
    actor: Any,
    instance: models.Model,
    event_type: EventType,
    via: Any,
    unit: Any,
    before: dict[str, Any] | None = None,
    reason: str = "",
    extra: dict[str, Any] | None = None,
    exclude: list[str] | None = None,
) -> Any:
    """Validate and save `instance`, then record the event with its field diff (from `before`,
    a snapshot taken before the change; nothing for a new object) and `extra` changes."""
    fields = tracked_fields(instance)
    clean_or_raise(instance, exclude=exclude)
    instance.save()
    changes: dict[str, Any] = diff(before or {}, snapshot(instance, fields))
    changes.update(extra or {})
    audit_record(
        actor=actor,
        event_type=event_type,
        obj=instance,
        via=via,
        unit=unit,
        changes=changes,
        reason=reason,
    )
    return instance


def before_change(instance: models.Model) -> dict[str, Any]:
    return snapshot(instance, tracked_fields(instance))


def store_evidence(instance: Any, file: UploadedFile, *, field: str = "file") -> dict[str, Any]:
    """Check an uploaded file by its content (as dossier documents are: nominations' own check)
    and put it in `instance.<field>` under a generated name; returns what the audit records."""
    content, kind, name = read_accepted_file(file)
    getattr(instance, field).save(stored_name(kind.extension), ContentFile(content), save=False)
    digest = hashlib.sha256(content).hexdigest()
    for attribute, value in (
        ("original_name", name),
        ("content_type", kind.mime),
        ("size", len(content)),
        ("sha256", digest),
    ):
        if hasattr(instance, attribute):
            setattr(instance, attribute, value)
    if hasattr(instance, f"{field}_name"):
        setattr(instance, f"{field}_name", name)
    return {"file": name, "sha256": digest, "size": len(content)}


def codes_of(items: Iterable[Any]) -> set[str]:
    return {item.code for item in items}
