"""Who may read the audit pages: auditors (over their unit's subtree) and system
administrators (over everything). Nobody writes through them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from common.exceptions import DomainPermissionError
from organizations.models import Role
from organizations.permissions import (
    active_assignments,
    grant_for,
    is_system_admin,
    visible_unit_ids,
)

AUDIT_ROLES = frozenset({Role.AUDITOR})


def can_audit(user: Any) -> bool:
    """Holds an auditor role somewhere, or is a system administrator."""
    return is_system_admin(user) or any(a.role in AUDIT_ROLES for a in active_assignments(user))


def require_auditor(user: Any) -> None:
    if not can_audit(user):
        raise DomainPermissionError()


def audited_unit_ids(user: Any) -> QuerySet[Any]:
    """Subquery: the units whose records the user audits (every unit for a system admin)."""
    return visible_unit_ids(user, AUDIT_ROLES)


def can_audit_unit(user: Any, unit: Any) -> bool:
    """Audits this unit: an auditor of it or of a unit above it, or a system administrator."""
    return grant_for(user, unit, AUDIT_ROLES) is not None
