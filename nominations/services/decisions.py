"""Award decisions (quyết định khen thưởng): drafting, issuing under a gapless number, revoking.

A draft gathers nominations that wait for the deciding unit's decision (passed by its council,
or needing no vote), with each recipient's name, unit, award, achievement and amount. Issuing is
the signer's act: it takes the next number of the unit and year under a row lock (so concurrent
issues queue and a rolled-back issue gives its number back), writes the award records later rule
checks read, completes every nomination's decision task and tells the nominating units.
A revocation (Law 06/2022, chapter VII) keeps the decision and records why the award was undone.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.models import EventType
from audit.services import audit_record, diff, snapshot
from awards.models import (
    AwardRecord,
    AwardRecordSource,
    AwardType,
    CheckStep,
    DocumentKind,
    RegulationDocument,
)
from awards.selectors import base_salary_on
from common.exceptions import CommonErrorCode, DomainConflict, DomainValidationError
from common.services import service, tracked_fields
from common.validation import clean_or_raise
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import (
    AgendaItem,
    AgendaResult,
    CouncilSession,
    Decision,
    DecisionCounter,
    DecisionItem,
    DecisionStatus,
    Nomination,
    NominationStatus,
    SessionStatus,
)
from nominations.permissions import (
    award_revoking_grant,
    decision_drafting_grant,
    decision_issuing_grant,
)
from nominations.services.steps import lock_nomination, notify_next, refuse_if_any_blocked
from notifications.services import notify
from organizations.models import Role, Unit
from organizations.permissions import Grant, require
from workflows.models import Step
from workflows.selectors import people_who_act
from workflows.services import working_step

S = NominationStatus


def _drafting_grant(actor: Any, unit: Unit | int) -> Grant:
    """The council secretary prepares the decision; the signer may too."""
    return require(decision_drafting_grant(actor, unit))


def _lock_decision(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("deciding_unit", "council_session__council")
        .get(pk=decision.pk)
    )


def award_amount(award: AwardType, on: datetime.date) -> int | None:
    """The money that goes with the award on `on`: its multiple of the base salary in force."""
    if award.amount_multiplier is None:
        return None
    salary = base_salary_on(on)
    if salary is None:
        return None
    amount = award.amount_multiplier * Decimal(salary.amount_vnd)
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _lock_awaiting(nomination: Nomination, unit_id: int) -> Nomination:
    """The nomination, locked, if it waits for this unit's decision and no decision holds it."""
    locked = lock_nomination(nomination)
    if locked.status != S.AWAITING_DECISION or locked.deciding_unit_id != unit_id:
        raise DomainValidationError(
            Code.NOT_AWAITING_DECISION, details={"nominations": [str(locked)]}
        )
    if DecisionItem.objects.filter(nomination=locked).exists():
        raise DomainConflict(Code.ALREADY_IN_DECISION, details={"nominations": [str(locked)]})
    return locked


def _recipient(nomination: Nomination) -> tuple[str, str]:
    """(recipient, their unit) as the decision lists them."""
    person, unit = nomination.nominee_person, nomination.nominee_unit
    if person is not None:
        return person.full_name, nomination.nominating_unit.name
    assert unit is not None  # a nomination has one nominee (nomination_one_nominee)
    return unit.name, unit.parent.name if unit.parent is not None else ""


def _item_for(decision: Decision, nomination: Nomination, on: datetime.date) -> DecisionItem:
    name, unit_name = _recipient(nomination)
    return DecisionItem.objects.create(
        decision=decision,
        nomination=nomination,
        award_type=nomination.award_type,
        recipient_name=name,
        recipient_unit_name=unit_name,
        reason=nomination.achievements,
        amount_vnd=award_amount(nomination.award_type, on),
    )


def _session_that_passed(nominations: list[Nomination]) -> CouncilSession | None:
    """The closed session where all these nominations passed, if it is one and the same."""
    sessions = set(
        AgendaItem.objects.filter(
            nomination__in=nominations,
            result=AgendaResult.PASSED,
            session__status=SessionStatus.CLOSED,
        ).values_list("session_id", flat=True)
    )
    if len(sessions) != 1:
        return None
    return CouncilSession.objects.select_related("council").get(pk=sessions.pop())


def _default_documents(
    nominations: list[Nomination], on: datetime.date
) -> list[RegulationDocument]:
    """The laws in force, then the regulation versions that define the awards granted."""
    in_force = Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))
    laws = list(RegulationDocument.objects.filter(in_force, kind=DocumentKind.LAW))
    versions = {n.award_type.regulation_id for n in nominations}
    regulations = list(
        RegulationDocument.objects.filter(pk__in=versions).order_by("effective_from")
    )
    return laws + regulations


def _default_legal_basis(
    documents: list[RegulationDocument], session: CouncilSession | None
) -> str:
    """The "Căn cứ ..." lines of the decision: the law, the regulation, the council's minutes."""
    lines = []
    for document in documents:
        if document.kind == DocumentKind.LAW:
            line = _("Pursuant to the %(title)s No. %(number)s;")
        elif document.catalogue_track:
            line = _(
                "Pursuant to the %(title)s issued with Decision No. %(number)s of the %(issuer)s;"
            )
        else:
            line = _("Pursuant to %(title)s No. %(number)s;")
        lines.append(
            line % {"title": document.title, "number": document.number, "issuer": document.issuer}
        )
    if session is not None:
        when = timezone.localtime(session.scheduled_at)  # the day the council met
        lines.append(
            _("Having regard to the minutes of the meeting of the %(council)s on %(date)s;")
            % {"council": session.council.name, "date": date_format(when, "d/m/Y")}
        )
    return "\n".join(lines)


def _check_session(session: CouncilSession, unit_id: int) -> None:
    if session.council.unit_id != unit_id or session.status != SessionStatus.CLOSED:
        raise DomainValidationError(
            CommonErrorCode.INVALID_INPUT, details={"council_session": [str(session)]}
        )


@service
def decision_draft(
    *,
    actor: Any,
    deciding_unit: Unit,
    title: str,
    nominations: Iterable[Nomination],
    council_session: CouncilSession | None = None,
    legal_basis: str = "",
    legal_documents: Iterable[RegulationDocument] = (),
    signer_title: str = "",
    funding_source: str = "",
) -> Decision:
    """Prepare a decision of `deciding_unit` for nominations waiting for it.

    Without `council_session`, the one closed session where all of them passed is cited; without
    legal bases, the law, the regulation versions of the awards and that session's minutes.
    Amounts use the base salary in force today and are recomputed on the signing date.
    """
    grant = _drafting_grant(actor, deciding_unit)
    chosen = sorted(nominations, key=lambda n: n.pk)  # one lock order for everyone
    if not chosen:
        raise DomainValidationError.on_field(Code.DECISION_EMPTY, "nominations")
    locked = [_lock_awaiting(nomination, deciding_unit.pk) for nomination in chosen]
    if council_session is not None:
        _check_session(council_session, deciding_unit.pk)
    else:
        council_session = _session_that_passed(locked)
    today = timezone.localdate()
    documents = list(legal_documents) or _default_documents(locked, today)
    decision = Decision(
        deciding_unit=deciding_unit,
        year=today.year,
        title=title.strip(),
        council_session=council_session,
        legal_basis=legal_basis.strip() or _default_legal_basis(documents, council_session),
        signer_title=signer_title.strip(),
        funding_source=funding_source.strip(),
        created_by=actor,
    )
    clean_or_raise(decision)
    decision.save()
    decision.legal_documents.set(documents)
    for nomination in locked:
        _item_for(decision, nomination, today)
    audit_record(
        actor=actor,
        event_type=EventType.DECISION_DRAFTED,
        obj=decision,
        via=grant,
        unit=deciding_unit.pk,
        changes={
            "title": decision.title,
            "nominations": [n.pk for n in locked],
            "council_session": council_session.pk if council_session else None,
            "legal_documents": [d.pk for d in documents],
        },
    )
    return decision


@service
def decision_update(
    *,
    actor: Any,
    decision: Decision,
    title: str | None = None,
    legal_basis: str | None = None,
    signer_title: str | None = None,
    funding_source: str | None = None,
    council_session: CouncilSession | None = None,
    legal_documents: Iterable[RegulationDocument] | None = None,
    add_nominations: Iterable[Nomination] = (),
    remove_nominations: Iterable[Nomination] = (),
) -> Decision:
    """Edit a draft: its texts, its legal documents, the nominations it grants."""
    grant = _drafting_grant(actor, decision.deciding_unit_id)
    locked = _lock_decision(decision)
    if locked.status != DecisionStatus.DRAFT:
        raise DomainConflict(Code.DECISION_NOT_DRAFT)
    before = snapshot(locked, tracked_fields(locked))
    for name, value in (
        ("title", title),
        ("legal_basis", legal_basis),
        ("signer_title", signer_title),
        ("funding_source", funding_source),
    ):
        if value is not None:
            setattr(locked, name, value.strip())
    if council_session is not None:
        _check_session(council_session, locked.deciding_unit_id)
        locked.council_session = council_session
    removed = []
    for nomination in remove_nominations:
        item = locked.items.filter(nomination=nomination).first()
        if item is not None:
            item.delete()  # one by one, so that history records each removal
            removed.append(nomination.pk)
    today = timezone.localdate()
    added = []
    for nomination in sorted(add_nominations, key=lambda n: n.pk):
        _item_for(locked, _lock_awaiting(nomination, locked.deciding_unit_id), today)
        added.append(nomination.pk)
    if not locked.items.exists():
        raise DomainValidationError.on_field(Code.DECISION_EMPTY, "nominations")
    clean_or_raise(locked)
    locked.save()
    changes: dict[str, Any] = diff(before, snapshot(locked, tracked_fields(locked)))
    if legal_documents is not None:
        documents = list(legal_documents)
        locked.legal_documents.set(documents)
        changes["legal_documents"] = [d.pk for d in documents]
    if added:
        changes["added"] = added
    if removed:
        changes["removed"] = removed
    audit_record(
        actor=actor,
        event_type=EventType.DECISION_UPDATED,
        obj=locked,
        via=grant,
        unit=locked.deciding_unit_id,
        changes=changes,
    )
    return locked


def _next_number(unit: Unit, year: int) -> int:
    """The unit's next decision number of the year, under the lock of its counter row.

    `select_for_update().get_or_create()` works on both databases: the first issue of a year
    inserts the row inside a savepoint; a concurrent first issue waits on the unique index, gets
    an IntegrityError when the other commits, and falls back to reading (and locking) the row
    that now exists. The lock is held until the issuing transaction ends, so numbers follow one
    another; a rolled-back issue rolls the counter back with it: no gaps.
    """
    counter, _created = DecisionCounter.objects.select_for_update().get_or_create(
        unit=unit, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def decision_reference(number: int, unit: Unit) -> str:
    return f"{number}/QĐ-{unit.document_symbol or unit.code}"


@service
def decision_issue(*, actor: Any, decision: Decision, signed_on: datetime.date) -> Decision:
    """The signer issues the decision: number, award records, the nominations awarded."""
    grant = require(decision_issuing_grant(actor, decision.deciding_unit_id))
    if signed_on > timezone.localdate():
        raise DomainValidationError.on_field(Code.SIGNED_ON_INVALID, "signed_on")
    locked = _lock_decision(decision)
    if locked.status != DecisionStatus.DRAFT:
        raise DomainConflict(Code.DECISION_NOT_DRAFT)
    # A decision may be entered after it was signed on paper, never dated before the vote.
    session = locked.council_session
    if session is not None and signed_on < timezone.localdate(session.scheduled_at):
        raise DomainValidationError.on_field(Code.SIGNED_ON_INVALID, "signed_on")
    items = list(locked.items.select_related("award_type").order_by("nomination_id"))
    if not items:
        raise DomainValidationError.on_field(Code.DECISION_EMPTY, "nominations")
    nominations = {}
    for item in items:
        nomination = lock_nomination(item.nomination)
        if nomination.status != S.AWAITING_DECISION:
            raise DomainConflict(Code.STEP_NOT_OPEN, details={"nominations": [str(nomination)]})
        nominations[item.pk] = nomination
    # The decision step's checks, before anything is written: a blocked one is recorded and
    # refuses the whole decision.
    refuse_if_any_blocked(
        actor=actor, nominations=list(nominations.values()), step=CheckStep.DECISION, via=grant
    )

    unit = locked.deciding_unit
    # Taken as late as possible: the counter row stays locked until this transaction ends.
    number = _next_number(unit, signed_on.year)
    locked.year = signed_on.year
    locked.number = number
    locked.reference = decision_reference(number, unit)
    locked.status = DecisionStatus.ISSUED
    locked.signed_on = signed_on
    locked.signer = actor
    locked.issued_at = timezone.now()
    locked.save()

    records = []
    for item in items:
        nomination = nominations[item.pk]
        award = item.award_type
        record = AwardRecord(
            person=nomination.nominee_person,
            unit=nomination.nominee_unit,
            award_type=award,
            award_code=award.code,
            award_name=award.name,
            topic=nomination.topic,
            year=nomination.year,
            decision_number=locked.reference,
            decision_date=signed_on,
            deciding_unit=unit,
            deciding_body=award.deciding_body,
            source=AwardRecordSource.DECISION,
        )
        clean_or_raise(record)
        record.save()
        records.append(record.pk)
        item.award_record = record
        item.amount_vnd = award_amount(award, signed_on)
        item.save(update_fields=["award_record", "amount_vnd", "updated_at"])
        with working_step(
            nomination=nomination, step=Step.DECISION, actor=actor, take_over=True
        ) as activation:
            nomination.status = S.AWARDED
            nomination.current_unit = None
            nomination.closed_at = locked.issued_at
            nomination.save(update_fields=["status", "current_unit", "closed_at", "updated_at"])
            activation.process.nomination = nomination  # the flow's switch reads this state

    audit_record(
        actor=actor,
        event_type=EventType.DECISION_ISSUED,
        obj=locked,
        via=grant,
        unit=unit.pk,
        changes={
            "status": [DecisionStatus.DRAFT, DecisionStatus.ISSUED],
            "number": number,
            "reference": locked.reference,
            "signed_on": signed_on,
            "nominations": [n.pk for n in nominations.values()],
            "award_records": records,
        },
    )
    for item in items:
        nomination = nominations[item.pk]
        audit_record(
            actor=actor,
            event_type=EventType.NOMINATION_AWARDED,
            obj=nomination,
            via=grant,
            unit=nomination.nominating_unit_id,
            changes={
                "decision": locked.pk,
                "reference": locked.reference,
                "award_record": item.award_record_id,
                "amount_vnd": item.amount_vnd,
                "status": [S.AWAITING_DECISION, S.AWARDED],
            },
        )
    for nomination in nominations.values():
        notify_next(
            nomination,
            _("Awarded by decision %(reference)s: %(nomination)s")
            % {"reference": locked.reference, "nomination": nomination},
        )
    return locked


@service
def award_revoke(
    *, actor: Any, item: DecisionItem, reason: str, revoked_on: datetime.date
) -> DecisionItem:
    """Revoke an issued award (Law 06/2022, chapter VII: fraud in declaring achievements, a false
    dossier, an unlawful appraisal or proposal, or later proof that the standards were not met).

    The decision stays as issued; the item, the award record and the nomination say it was
    revoked, when, by whom and why, and the nominating unit is told.
    """
    unit = item.decision.deciding_unit
    grant = require(award_revoking_grant(actor, unit))
    if not reason.strip():
        raise DomainValidationError.on_field(Code.REASON_REQUIRED, "reason")
    locked = (
        DecisionItem.objects.select_for_update(of=("self",))
        .select_related("decision", "award_record")
        .get(pk=item.pk)
    )
    decision = locked.decision
    if decision.status != DecisionStatus.ISSUED or locked.revoked_on is not None:
        raise DomainConflict(Code.NOT_REVOCABLE)
    assert decision.signed_on is not None and locked.award_record is not None
    if not decision.signed_on <= revoked_on <= timezone.localdate():
        raise DomainValidationError.on_field(Code.REVOKED_ON_INVALID, "revoked_on")
    nomination = lock_nomination(locked.nomination)
    reason = reason.strip()
    locked.revoked_on = revoked_on
    locked.revocation_reason = reason
    locked.revoked_by = actor
    locked.save(update_fields=["revoked_on", "revocation_reason", "revoked_by", "updated_at"])
    record = locked.award_record
    record.revoked_on = revoked_on
    record.revocation_reason = reason
    record.save(update_fields=["revoked_on", "revocation_reason", "updated_at"])
    previous = nomination.status
    nomination.status = S.REVOKED
    nomination.closing_reason = reason
    nomination.save(update_fields=["status", "closing_reason", "updated_at"])
    audit_record(
        actor=actor,
        event_type=EventType.AWARD_REVOKED,
        obj=nomination,
        via=grant,
        unit=nomination.nominating_unit_id,
        changes={
            "status": [previous, S.REVOKED],
            "decision": decision.reference,
            "decision_item": locked.pk,
            "award_record": record.pk,
            "revoked_on": revoked_on,
        },
        reason=reason,
    )
    notify(
        recipients=people_who_act(nomination.nominating_unit_id, Role.CLERK),
        subject=_("Award revoked: %(nomination)s") % {"nomination": nomination},
        body=reason,
        url=reverse("nominations:detail", args=[nomination.pk]),
    )
    locked.nomination = nomination  # the caller sees the nomination as revoked, not a stale copy
    return locked
