"""Permissions checked at the API's edge, before a view reads its input.

Services check every permission themselves; this one only makes a read-only account's refusal
uniform. An account whose only roles are auditor roles writes nothing (issue 6 §4), so every
write it sends is a 403 at once, whatever its body: without this, a write with an empty body
would be a 400 naming the missing fields, telling an auditor how to try again.
"""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from organizations.models import Role
from organizations.permissions import active_assignments, is_system_admin

READ_ONLY_ROLES = frozenset({Role.AUDITOR})


def may_write_anything(user: Any) -> bool:
    """Holds, or stands in for, at least one role that acts: anything but an auditor role."""
    if is_system_admin(user):
        return True
    if any(a.role not in READ_ONLY_ROLES for a in active_assignments(user)):
        return True
    from workflows.selectors import delegations_received

    return any(d.assignment.role not in READ_ONLY_ROLES for d in delegations_received(user))


class ReadOnlyAccountsWriteNothing(BasePermission):
    """Reads are for everyone signed in; a write needs a role that acts."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return True
        return may_write_anything(request.user)
