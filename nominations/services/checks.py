"""Storing what the checker saw, re-checking on demand, and overriding a blocking check.

Every step service runs its checks through `checks_run_record` (steps.refuse_if_blocked), so each
evaluation is kept as a `CheckRun`: rule, outcome, message, citation and the facts it used, as
the checker saw them at that moment (issue 5 §3). A reviewer of the unit holding the nomination
(or the council secretary at the council step) may let a blocking rule through with a written
justification: a `CheckOverride` and a CHECK_OVERRIDDEN audit event, shown on the nomination and
in the audit trail. The override holds while the rule sees the same facts.
"""

from __future__ import annotations

from typing import Any

from audit.models import EventType
from audit.services import audit_record
from common.exceptions import (
    DomainConflict,
    DomainNotFound,
    DomainPermissionError,
    DomainValidationError,
)
from common.services import service
from nominations.checks import StepChecks, checks_evaluate, next_check_step
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import CheckOverride, CheckRun, Nomination, NominationStatus
from nominations.permissions import acting_grant
from nominations.selectors import nomination_list_visible_to
from organizations.models import Role
from organizations.permissions import Grant


def checks_run_record(*, actor: Any, checks: StepChecks) -> CheckRun:
    """Keep one evaluation. Called inside the step services (and `nomination_checks_run`),
    which hold the permission; a run is written once and never changed."""
    return CheckRun.objects.create(
        nomination_id=checks.nomination_id,
        step=checks.step,
        actor=actor if getattr(actor, "pk", None) is not None else None,
        regulation_id=checks.regulation_id,
        results=[result.as_dict() for result in checks.results],
        passed=checks.passed,
    )


def _step_of(nomination: Nomination) -> str:
    step = next_check_step(nomination)
    if step is None:
        raise DomainConflict(Code.NO_STEP_TO_CHECK)
    return step


@service
def nomination_checks_run(*, actor: Any, nomination: Nomination) -> CheckRun:
    """Check the nomination's next step now and keep the result ("re-check now"): anyone who
    may read the nomination may ask, e.g. after its dossier or the nominee's records changed."""
    if not nomination_list_visible_to(actor).filter(pk=nomination.pk).exists():
        raise DomainNotFound()
    step = _step_of(nomination)
    checks = checks_evaluate([nomination], step)[nomination.pk]
    return checks_run_record(actor=actor, checks=checks)


def override_grant(actor: Any, nomination: Nomination) -> Grant | None:
    """Who may override a blocking check of the nomination's next step: a reviewer of the unit
    holding it (the nominating unit while it is a draft or returned), or the deciding unit's
    council secretary while it waits for the council."""
    holding = nomination.current_unit_id or nomination.nominating_unit_id
    grant = acting_grant(actor, holding, Role.REVIEWER)
    if grant is None and nomination.status == NominationStatus.AT_COUNCIL:
        grant = acting_grant(actor, nomination.deciding_unit_id, Role.COUNCIL_SECRETARY)
    return grant


def can_override_checks(actor: Any, nomination: Nomination) -> bool:
    return next_check_step(nomination) is not None and override_grant(actor, nomination) is not None


@service
def check_override(
    *, actor: Any, nomination: Nomination, rule_id: str, justification: str
) -> CheckOverride:
    """Let a blocking rule of the nomination's next step through, with the reason. It holds for
    the facts the rule sees now; if they change, the rule blocks again."""
    step = _step_of(nomination)
    grant = override_grant(actor, nomination)
    if grant is None:
        raise DomainPermissionError()
    if not justification.strip():
        raise DomainValidationError.on_field(Code.JUSTIFICATION_REQUIRED, "justification")
    locked = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
    if locked.status != nomination.status:
        raise DomainConflict(Code.STEP_NOT_OPEN)
    checks = checks_evaluate([locked], step)[locked.pk]
    result = next((r for r in checks.results if r.rule == rule_id and r.blocks), None)
    if result is None:
        raise DomainConflict(Code.CHECK_NOT_BLOCKING, details={"rule_id": [rule_id]})
    override = CheckOverride.objects.create(
        nomination=locked,
        rule_id=rule_id,
        step=step,
        facts_hash=result.facts_hash,
        result=result.as_dict(),
        justification=justification.strip(),
        overridden_by=actor,
        actor_role=grant.role,
    )
    audit_record(
        actor=actor,
        event_type=EventType.CHECK_OVERRIDDEN,
        obj=locked,
        via=grant,
        unit=locked.nominating_unit_id,
        changes={
            "step": step,
            "rule": rule_id,
            "citation": result.citation,
            "message": result.message,
            "facts": result.as_dict()["facts"],
            "override": override.pk,
        },
        reason=override.justification,
    )
    return override
