"""Template helpers of the audit pages: whether the menu shows them."""

from typing import Any

from django import template

from audit.permissions import can_audit, can_audit_unit

register = template.Library()


@register.filter
def may_audit(user: Any) -> bool:
    """The user opens the audit pages: an auditor somewhere, or a system administrator."""
    return bool(getattr(user, "is_authenticated", False)) and can_audit(user)


@register.filter
def audits(user: Any, unit: Any) -> bool:
    """The user audits `unit` (e.g. a nomination's nominating unit): its timeline opens."""
    return (
        unit is not None
        and bool(getattr(user, "is_authenticated", False))
        and can_audit_unit(user, unit)
    )
