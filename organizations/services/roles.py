"""Granting and revoking scoped roles."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from audit.models import EventType
from audit.services import audit_record
from common.exceptions import CommonErrorCode, DomainConflict, DomainValidationError
from common.services import service
from organizations.exceptions import OrganizationErrorCode as Code
from organizations.models import Role, RoleAssignment, Unit
from organizations.permissions import Grant, forget_assignments, grant_for, require


@service
def role_grant(*, actor: Any, user: Any, role: str, unit: Unit, note: str = "") -> RoleAssignment:
    """Give `user` the role `role` at `unit`; an administrator of the unit decides."""
    grant = require(grant_for(actor, unit, {Role.ADMIN}))
    if role not in Role.values:
        raise DomainValidationError(CommonErrorCode.INVALID_INPUT, details={"role": [role]})
    if not unit.is_active:
        raise DomainValidationError(Code.UNIT_INACTIVE, details={"unit": [str(unit)]})
    if RoleAssignment.objects.filter(
        user=user, role=role, unit=unit, revoked_at__isnull=True
    ).exists():
        raise DomainConflict(Code.ROLE_ALREADY_GRANTED)
    assignment = RoleAssignment.objects.create(
        user=user, role=role, unit=unit, granted_by=actor, note=note
    )
    forget_assignments(user)
    audit_record(
        actor=actor,
        event_type=EventType.ROLE_GRANTED,
        obj=assignment,
        via=grant,
        unit=unit,
        changes={"user": user.pk, "role": role, "unit": unit.pk},
        reason=note,
    )
    return assignment


def revoke_assignment(assignment: RoleAssignment, *, actor: Any, via: Grant, reason: str) -> None:
    """End one assignment and record it; callers have checked permission (role_revoke, or a
    unit being dissolved or merged)."""
    assignment.revoked_at = timezone.now()
    assignment.revoked_by = actor
    assignment.revoke_reason = reason[:255]
    assignment.save(update_fields=["revoked_at", "revoked_by", "revoke_reason", "updated_at"])
    forget_assignments(assignment.user)
    audit_record(
        actor=actor,
        event_type=EventType.ROLE_REVOKED,
        obj=assignment,
        via=via,
        unit=assignment.unit_id,
        changes={"user": assignment.user_id, "role": assignment.role, "unit": assignment.unit_id},
        reason=reason,
    )


@service
def role_revoke(*, actor: Any, assignment: RoleAssignment, reason: str) -> RoleAssignment:
    grant = require(grant_for(actor, assignment.unit, {Role.ADMIN}))
    if assignment.revoked_at is not None:
        raise DomainConflict(Code.ROLE_ALREADY_REVOKED)
    revoke_assignment(assignment, actor=actor, via=grant, reason=reason)
    return assignment
