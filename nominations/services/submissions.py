"""Submission letters (tờ trình): one unit sends several nominations to the next level at once,
and reviewers can act on the whole letter."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from audit.models import EventType
from audit.services import audit_record
from awards.models import CheckStep
from common.exceptions import DomainRefusal, DomainValidationError
from common.services import save_audited, service
from nominations.checks import checks_evaluate
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import Nomination, NominationStatus, ReviewOutcome, Submission
from nominations.permissions import require_acting
from nominations.routing import deciding_unit_for, first_review_unit
from nominations.services.drafts import clerk_grant, read_accepted_file, stored_name
from nominations.services.steps import nomination_review, nomination_submit
from organizations.models import Role, Unit
from organizations.permissions import Grant


def _check_drafts_of(unit: Unit, nominations: list[Nomination]) -> None:
    if any(n.nominating_unit_id != unit.pk for n in nominations):
        raise DomainValidationError(
            Code.SUBMISSION_MIXED_UNITS,
            details={"nominations": [str(Code.SUBMISSION_MIXED_UNITS.label)]},
        )
    if any(n.status != NominationStatus.DRAFT for n in nominations):
        raise DomainValidationError.on_field(Code.NOT_EDITABLE, "nominations")


def _store_letter(submission: Submission, letter_file: UploadedFile | None) -> None:
    if letter_file is None:
        return
    content, kind, name = read_accepted_file(letter_file)
    submission.letter_file.save(stored_name(kind.extension), ContentFile(content), save=False)
    submission.letter_file_name = name


@service
def submission_create(
    *,
    actor: Any,
    nominating_unit: Unit,
    subject: str,
    nominations: Iterable[Nomination] = (),
    number: str = "",
    letter_file: UploadedFile | None = None,
) -> Submission:
    """A clerk gathers the unit's draft nominations into one letter to the next level."""
    grant = clerk_grant(actor, nominating_unit)
    drafts = list(nominations)
    _check_drafts_of(nominating_unit, drafts)
    submission = Submission(
        nominating_unit=nominating_unit, subject=subject, number=number, created_by=actor
    )
    _store_letter(submission, letter_file)
    save_audited(
        actor=actor,
        instance=submission,
        event_type=EventType.SUBMISSION_CREATED,
        via=grant,
        unit=nominating_unit,
    )
    for nomination in drafts:
        nomination.submission = submission
        nomination.save(update_fields=["submission", "updated_at"])
    return submission


@service
def submission_update(
    *,
    actor: Any,
    submission: Submission,
    subject: str | None = None,
    number: str | None = None,
    nominations: Iterable[Nomination] | None = None,
    letter_file: UploadedFile | None = None,
) -> Submission:
    """Change a draft letter: its subject, number, signed file, or the nominations it carries."""
    grant = clerk_grant(actor, submission.nominating_unit)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Submission.Status.DRAFT:
        raise DomainValidationError(Code.NOT_EDITABLE)
    if subject is not None:
        submission.subject = subject
    if number is not None:
        submission.number = number
    _store_letter(submission, letter_file)
    save_audited(
        actor=actor,
        instance=submission,
        event_type=EventType.SUBMISSION_UPDATED,
        via=grant,
        unit=submission.nominating_unit_id,
    )
    if nominations is not None:
        chosen = list(nominations)
        _check_drafts_of(submission.nominating_unit, chosen)
        for nomination in submission.nominations.exclude(pk__in=[n.pk for n in chosen]):
            nomination.submission = None
            nomination.save(update_fields=["submission", "updated_at"])
        for nomination in chosen:
            nomination.submission = submission
            nomination.save(update_fields=["submission", "updated_at"])
    return submission


def _refuse_blocked(actor: Any, nominations: list[Nomination], *, step: str, via: Grant) -> None:
    """Check every nomination of a letter before changing any (one batch: the same queries for
    one nomination or a hundred): the letter moves whole or not at all. Each blocked nomination
    is recorded with its check run; the letter is refused with all their problems. (The step
    service keeps the run of each nomination that goes on.)"""
    from nominations.services.checks import checks_run_record

    blocked: dict[str, list[dict[str, Any]]] = {}
    evaluated = checks_evaluate(nominations, step)
    for nomination in nominations:
        checks = evaluated[nomination.pk]
        results = [r.as_dict() for r in checks.blocked]
        if results:
            checks_run_record(actor=actor, checks=checks)
            blocked[str(nomination.pk)] = results
            audit_record(
                actor=actor,
                event_type=EventType.CHECKS_BLOCKED,
                obj=nomination,
                via=via,
                unit=nomination.nominating_unit_id,
                changes={"step": step, "results": results},
            )
    if blocked:
        raise DomainRefusal(Code.CHECKS_FAILED, details={"nominations": blocked})


@service
def submission_submit(*, actor: Any, submission: Submission) -> Submission:
    """Send the letter: every nomination in it goes to the first reviewing level."""
    grant = clerk_grant(actor, submission.nominating_unit)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Submission.Status.DRAFT:
        raise DomainValidationError(Code.NOT_EDITABLE)
    nominations = list(submission.nominations.select_related("award_type"))
    if not nominations:
        raise DomainValidationError(Code.SUBMISSION_EMPTY)
    _check_drafts_of(submission.nominating_unit, nominations)
    _refuse_blocked(actor, nominations, step=CheckStep.SUBMIT, via=grant)
    for nomination in nominations:
        nomination_submit(actor=actor, nomination=nomination)
    first = nominations[0]
    deciding = deciding_unit_for(submission.nominating_unit, first.award_type)
    submission.to_unit = (
        first_review_unit(submission.nominating_unit, deciding) if deciding else None
    )
    submission.status = Submission.Status.SUBMITTED
    submission.submitted_at = timezone.now()
    save_audited(
        actor=actor,
        instance=submission,
        event_type=EventType.SUBMISSION_UPDATED,
        via=grant,
        unit=submission.nominating_unit_id,
    )
    return submission


@service
def submission_review(
    *, actor: Any, submission: Submission, unit: Unit, outcome: str, reason: str = ""
) -> list[Nomination]:
    """A reviewer acts on every nomination of the letter that is waiting at their unit."""
    grant = require_acting(actor, unit, Role.REVIEWER)
    submission = Submission.objects.get(pk=submission.pk)  # as it is now, with its signed file
    waiting = list(
        submission.nominations.filter(
            status=NominationStatus.IN_REVIEW, current_unit=unit
        ).select_related("award_type", "current_unit")
    )
    if not waiting:
        raise DomainValidationError(Code.SUBMISSION_EMPTY)
    if outcome == ReviewOutcome.APPROVED:
        _refuse_blocked(actor, waiting, step=CheckStep.REVIEW, via=grant)
    return [
        nomination_review(actor=actor, nomination=nomination, outcome=outcome, reason=reason)
        for nomination in waiting
    ]
