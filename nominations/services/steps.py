"""Moving a nomination through its steps: submit, review level by level (approve and forward,
return, reject), resubmit after a return, withdraw.

Each service checks the actor's role at the unit the step belongs to, locks the nomination and
verifies the step is still the one the actor saw (otherwise 409), runs the step's checks, updates
the nomination, completes the step's task (the flow then opens the next one), records the audit
event and leaves notifications for whoever acts next.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowRuntimeError

from audit.models import EventType
from audit.services import audit_record
from awards.models import CheckStep
from common.exceptions import (
    CommonErrorCode,
    DomainConflict,
    DomainPermissionError,
    DomainRefusal,
    DomainValidationError,
)
from common.services import service
from nominations.checks import CheckResult, checks_evaluate
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import (
    AgendaItem,
    Nomination,
    NominationStatus,
    ReviewDecision,
    ReviewOutcome,
    SessionStatus,
)
from nominations.permissions import acting_grant, acting_units
from nominations.routing import deciding_unit_for, first_review_unit, next_review_unit
from nominations.services.drafts import _validate, clerk_grant
from notifications.services import notify
from organizations.models import Role
from organizations.permissions import Grant
from workflows.models import Step
from workflows.selectors import people_who_act
from workflows.services import working_step

S = NominationStatus
REVIEW_EVENTS: dict[str, EventType] = {
    ReviewOutcome.APPROVED: EventType.NOMINATION_APPROVED,
    ReviewOutcome.RETURNED: EventType.NOMINATION_RETURNED,
    ReviewOutcome.REJECTED: EventType.NOMINATION_REJECTED,
}


def lock_nomination(nomination: Nomination) -> Nomination:
    # Lock the nomination's own row only: its optional relations are outer joins.
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related(
            "award_type__deciding_level", "nominating_unit__kind__level", "current_unit"
        )
        .get(pk=nomination.pk)
    )


def expect_state(locked: Nomination, seen: Nomination, *statuses: str) -> None:
    """The nomination must still be where the actor saw it: same status, same unit."""
    if locked.status not in statuses or locked.current_unit_id != seen.current_unit_id:
        raise DomainConflict(Code.STEP_NOT_OPEN)


def refuse_if_blocked(
    *, actor: Any, nomination: Nomination, step: str, via: Grant
) -> list[CheckResult]:
    """Run the step's checks and keep the run; if one blocks, record it and refuse the step
    (the run and the record stay). The refusal's details name each blocking rule with its
    citation, message, hint and facts."""
    from nominations.services.checks import checks_run_record

    checks = checks_evaluate([nomination], step)[nomination.pk]
    run = checks_run_record(actor=actor, checks=checks)
    blocked = [result.as_dict() for result in checks.blocked]
    if blocked:
        audit_record(
            actor=actor,
            event_type=EventType.CHECKS_BLOCKED,
            obj=nomination,
            via=via,
            unit=nomination.nominating_unit_id,
            changes={"step": step, "results": blocked, "check_run": run.pk},
        )
        raise DomainRefusal(Code.CHECKS_FAILED, details={"checks": blocked})
    return checks.results


def refuse_if_any_blocked(
    *, actor: Any, nominations: list[Nomination], step: str, via: Grant
) -> None:
    """`refuse_if_blocked` for several nominations acted on together (a decision's recipients),
    checked as one batch: the same queries for one nomination or a hundred. Every run is kept;
    each blocked nomination is recorded; the refusal lists every blocking rule, each naming its
    nomination."""
    from nominations.services.checks import checks_run_record

    evaluated = checks_evaluate(nominations, step)
    blocked: list[dict[str, Any]] = []
    for nomination in nominations:
        checks = evaluated[nomination.pk]
        run = checks_run_record(actor=actor, checks=checks)
        results = [result.as_dict() for result in checks.blocked]
        if results:
            audit_record(
                actor=actor,
                event_type=EventType.CHECKS_BLOCKED,
                obj=nomination,
                via=via,
                unit=nomination.nominating_unit_id,
                changes={"step": step, "results": results, "check_run": run.pk},
            )
            blocked += [{**result, "nomination": str(nomination)} for result in results]
    if blocked:
        raise DomainRefusal(Code.CHECKS_FAILED, details={"checks": blocked})


def _link(nomination: Nomination) -> str:
    return reverse("nominations:detail", args=[nomination.pk])


def notify_next(nomination: Nomination, subject: str) -> None:
    """Tell whoever works the nomination's next step."""
    if nomination.status == S.IN_REVIEW:
        people = people_who_act(nomination.current_unit_id, Role.REVIEWER)
    elif nomination.status == S.RETURNED:
        people = people_who_act(nomination.nominating_unit_id, Role.CLERK)
    elif nomination.status == S.AT_COUNCIL:
        people = people_who_act(nomination.deciding_unit_id, Role.COUNCIL_SECRETARY)
    elif nomination.status == S.AWAITING_DECISION:
        people = people_who_act(nomination.deciding_unit_id, Role.SIGNER)
    else:
        people = people_who_act(nomination.nominating_unit_id, Role.CLERK)
    notify(recipients=people, subject=subject, url=_link(nomination))


def after_final_approval(nomination: Nomination) -> str:
    """Approved by the deciding unit's reviewers: to its council, or straight to the decision
    when the award needs no council vote."""
    if nomination.award_type.requires_council_vote:
        return S.AT_COUNCIL
    return S.AWAITING_DECISION


@service
def nomination_submit(*, actor: Any, nomination: Nomination) -> Nomination:
    """Send a draft to the first reviewing level; the workflow starts here."""
    from workflows.flows import NominationFlow

    grant = clerk_grant(actor, nomination.nominating_unit)
    locked = lock_nomination(nomination)
    if locked.status != S.DRAFT:
        raise DomainConflict(Code.STEP_NOT_OPEN)
    _validate(
        locked,
        {
            name: list(getattr(locked, name).all())
            for name in ("ratings", "initiatives", "prior_awards")
        },
    )
    refuse_if_blocked(actor=actor, nomination=locked, step=CheckStep.SUBMIT, via=grant)
    deciding = deciding_unit_for(locked.nominating_unit, locked.award_type)
    assert deciding is not None  # _validate checked it
    locked.status = S.IN_REVIEW
    locked.deciding_unit = deciding
    locked.current_unit = first_review_unit(locked.nominating_unit, deciding)
    locked.submitted_at = timezone.now()
    locked.save(
        update_fields=["status", "deciding_unit", "current_unit", "submitted_at", "updated_at"]
    )
    NominationFlow.start.run(nomination=locked)
    audit_record(
        actor=actor,
        event_type=EventType.NOMINATION_SUBMITTED,
        obj=locked,
        via=grant,
        unit=locked.nominating_unit_id,
        changes={
            "status": [S.DRAFT, S.IN_REVIEW],
            "current_unit": [None, locked.current_unit_id],
            "deciding_unit": [None, deciding.pk],
        },
    )
    notify_next(locked, _("New nomination to review: %(nomination)s") % {"nomination": locked})
    return locked


@service
def nomination_review(
    *, actor: Any, nomination: Nomination, outcome: str, reason: str = ""
) -> Nomination:
    """A reviewer of the unit the nomination is at decides: approve (forward it up, or to the
    council at the deciding unit), return it to the nominating unit with reasons, or reject it."""
    if outcome not in ReviewOutcome.values:
        raise DomainValidationError(CommonErrorCode.INVALID_INPUT, details={"outcome": [outcome]})
    if nomination.status != S.IN_REVIEW:
        raise DomainConflict(Code.STEP_NOT_OPEN)
    grant = acting_grant(actor, nomination.current_unit_id, Role.REVIEWER)
    if grant is None:
        if nomination.reviews.filter(unit_id__in=acting_units(actor, Role.REVIEWER)).exists():
            # The actor's level has reviewed it and it moved on: their step is no longer open.
            raise DomainConflict(Code.STEP_NOT_OPEN)
        raise DomainPermissionError()
    if outcome != ReviewOutcome.APPROVED and not reason.strip():
        raise DomainValidationError.on_field(Code.REASON_REQUIRED, "reason")
    locked = lock_nomination(nomination)
    expect_state(locked, nomination, S.IN_REVIEW)
    if outcome == ReviewOutcome.APPROVED:
        refuse_if_blocked(actor=actor, nomination=locked, step=CheckStep.REVIEW, via=grant)
    reviewing_unit = locked.current_unit
    assert reviewing_unit is not None  # a nomination in review is at a unit
    round_number = locked.return_count + 1
    forwarded_to = None
    with working_step(nomination=locked, step=Step.REVIEW, actor=actor) as activation:
        if outcome == ReviewOutcome.APPROVED:
            deciding = deciding_unit_for(locked.nominating_unit, locked.award_type)
            if deciding is None:
                raise DomainValidationError(Code.NO_DECIDING_UNIT)
            locked.deciding_unit = deciding
            if reviewing_unit.pk == deciding.pk:
                locked.status = after_final_approval(locked)
                forwarded_to = deciding
            else:
                forwarded_to = next_review_unit(reviewing_unit)
                if forwarded_to is None:
                    raise DomainValidationError(Code.NO_DECIDING_UNIT)
            locked.current_unit = forwarded_to
        elif outcome == ReviewOutcome.RETURNED:
            locked.status = S.RETURNED
            locked.return_count += 1
            locked.current_unit = locked.nominating_unit
        else:
            locked.status = S.REJECTED
            locked.current_unit = None
            locked.closed_at = timezone.now()
            locked.closing_reason = reason
        locked.save()
        ReviewDecision.objects.create(
            nomination=locked,
            unit=reviewing_unit,
            round=round_number,
            outcome=outcome,
            reason=reason,
            decided_by=actor,
            forwarded_to=forwarded_to,
        )
        activation.process.nomination = locked  # the flow's switch reads this state
    event = REVIEW_EVENTS[outcome]
    audit_record(
        actor=actor,
        event_type=event,
        obj=locked,
        via=grant,
        unit=locked.nominating_unit_id,
        changes={
            "status": [S.IN_REVIEW, locked.status],
            "current_unit": [reviewing_unit.pk, locked.current_unit_id],
            "round": round_number,
        },
        reason=reason,
    )
    subjects: dict[str, str] = {
        ReviewOutcome.APPROVED: _("Nomination approved by %(unit)s: %(nomination)s"),
        ReviewOutcome.RETURNED: _("Nomination returned for changes by %(unit)s: %(nomination)s"),
        ReviewOutcome.REJECTED: _("Nomination rejected by %(unit)s: %(nomination)s"),
    }
    notify_next(locked, subjects[outcome] % {"unit": reviewing_unit, "nomination": locked})
    return locked


def returning_unit_id(nomination: Nomination) -> int:
    """The unit whose reviewers returned the nomination: it is resubmitted to them."""
    last_return = (
        nomination.reviews.filter(outcome=ReviewOutcome.RETURNED).order_by("-created_at").first()
    )
    assert last_return is not None, "a returned nomination has a return on record"
    return last_return.unit_id


@service
def nomination_resubmit(*, actor: Any, nomination: Nomination, note: str = "") -> Nomination:
    """The nominating unit has fixed what it was asked to: back to the unit that returned it."""
    grant = clerk_grant(actor, nomination.nominating_unit)
    locked = lock_nomination(nomination)
    expect_state(locked, nomination, S.RETURNED)
    refuse_if_blocked(actor=actor, nomination=locked, step=CheckStep.SUBMIT, via=grant)
    with working_step(nomination=locked, step=Step.RESUBMIT, actor=actor) as activation:
        locked.status = S.IN_REVIEW
        locked.current_unit_id = returning_unit_id(locked)
        locked.save(update_fields=["status", "current_unit", "updated_at"])
        activation.process.nomination = locked
    audit_record(
        actor=actor,
        event_type=EventType.NOMINATION_RESUBMITTED,
        obj=locked,
        via=grant,
        unit=locked.nominating_unit_id,
        changes={
            "status": [S.RETURNED, S.IN_REVIEW],
            "current_unit": [locked.nominating_unit_id, locked.current_unit_id],
            "round": locked.return_count + 1,
        },
        reason=note,
    )
    notify_next(locked, _("Nomination resubmitted: %(nomination)s") % {"nomination": locked})
    return locked


def _voting_started(nomination: Nomination) -> bool:
    return AgendaItem.objects.filter(
        nomination=nomination, session__status__in=[SessionStatus.OPEN, SessionStatus.CLOSED]
    ).exists()


@service
def nomination_withdraw(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    """The nominating unit takes its nomination back, at any time before the council votes."""
    from workflows.flows import NominationFlow

    grant = clerk_grant(actor, nomination.nominating_unit)
    if not reason.strip():
        raise DomainValidationError.on_field(Code.REASON_REQUIRED, "reason")
    locked = lock_nomination(nomination)
    withdrawable = (S.DRAFT, S.IN_REVIEW, S.RETURNED, S.AT_COUNCIL)
    if locked.status not in withdrawable or _voting_started(locked):
        raise DomainConflict(Code.WITHDRAW_TOO_LATE)
    previous = locked.status
    if previous != S.DRAFT:
        # Ends the open task and its deadline timers; nobody can act on it afterwards.
        try:
            NominationFlow.instance.cancel(locked.process)
        except FlowRuntimeError as exc:
            raise DomainConflict(Code.STEP_NOT_OPEN) from exc
        planned = AgendaItem.objects.filter(
            nomination=locked, session__status=SessionStatus.PLANNED
        )
        for item in planned:  # one by one, so that history records each removal
            item.delete()
    locked.status = S.WITHDRAWN
    locked.current_unit = None
    locked.closed_at = timezone.now()
    locked.closing_reason = reason
    locked.save(
        update_fields=["status", "current_unit", "closed_at", "closing_reason", "updated_at"]
    )
    audit_record(
        actor=actor,
        event_type=EventType.NOMINATION_WITHDRAWN,
        obj=locked,
        via=grant,
        unit=locked.nominating_unit_id,
        changes={"status": [previous, S.WITHDRAWN]},
        reason=reason,
    )
    return locked
