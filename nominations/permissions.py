"""Who may act on nominations.

Reading follows the organisation scope (organizations.permissions). Acting on a step is
narrower: the role must be held *at the unit the step belongs to* — the province's reviewer
reviews what is at the province, not what is still at a district below it. A delegation lets a
delegate act, for a period, with a role of someone who is away.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from organizations.models import Role, Unit
from organizations.permissions import Grant, active_assignments, grant_for, require


def _active_delegations(user: Any) -> list[Any]:
    from workflows.models import Delegation

    cached = getattr(user, "_active_delegations", None)
    if cached is None:
        today = timezone.localdate()
        cached = list(
            Delegation.objects.filter(
                delegate=user,
                revoked_at__isnull=True,
                starts_on__lte=today,
                ends_on__gte=today,
                assignment__revoked_at__isnull=True,
            ).select_related("assignment")
        )
        user._active_delegations = cached
    return cached


def acting_units(user: Any, role: str) -> set[int]:
    """The units where the user may act with `role`: their own, plus those delegated to them."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    units = {a.unit_id for a in active_assignments(user) if a.role == role}
    units |= {d.assignment.unit_id for d in _active_delegations(user) if d.assignment.role == role}
    return units


def acting_grant(user: Any, unit: Unit | int | None, role: str) -> Grant | None:
    """The grant to act with `role` at exactly `unit`, or None."""
    if unit is None:
        return None
    unit_id: int = unit.pk if isinstance(unit, Unit) else unit
    if unit_id in {a.unit_id for a in active_assignments(user) if a.role == role}:
        return Grant(role, unit_id)
    for delegation in _active_delegations(user):
        if delegation.assignment.role == role and delegation.assignment.unit_id == unit_id:
            # Recorded as acting for someone else, so the audit log shows the delegation.
            return Grant(f"{role} (delegate)", unit_id)
    return None


def require_acting(user: Any, unit: Unit | int | None, role: str) -> Grant:
    return require(acting_grant(user, unit, role))


# --- award decisions: the services ask these, the pages show only the actions they allow ------


def decision_drafting_grant(user: Any, unit: Unit | int | None) -> Grant | None:
    """The council secretary of the deciding unit prepares its decisions; its signer may too."""
    return acting_grant(user, unit, Role.COUNCIL_SECRETARY) or acting_grant(user, unit, Role.SIGNER)


def decision_drafting_units(user: Any) -> set[int]:
    """The units whose decisions the user may prepare."""
    return acting_units(user, Role.COUNCIL_SECRETARY) | acting_units(user, Role.SIGNER)


def decision_issuing_grant(user: Any, unit: Unit | int | None) -> Grant | None:
    """The signer of the deciding unit issues (signs) its decisions."""
    return acting_grant(user, unit, Role.SIGNER)


def award_revoking_grant(user: Any, unit: Unit) -> Grant | None:
    """An issued award is revoked by the deciding unit's signer, or an administrator over it."""
    return acting_grant(user, unit, Role.SIGNER) or grant_for(user, unit, {Role.ADMIN})
