"""Who may do what, where: scoped roles turned into answers.

A user holds roles at units (RoleAssignment). Reading roles cover the unit's whole subtree; a
clerk covers its own unit, plus the internal sub-units when the unit is a grassroots union.
Superusers are system administrators and cover everything.

`grant_for(...)` returns the Grant (role and unit) under which an action is allowed, because the
audit log records it; `can_*` are the yes/no forms for views and templates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from common.exceptions import DomainPermissionError
from organizations.models import SUBTREE_READ_ROLES, Role, RoleAssignment, Unit, UnitClosure

ALL_ROLES = frozenset(Role)
PEOPLE_WRITE_ROLES = frozenset({Role.CLERK, Role.ADMIN})
SUPERUSER_ROLE = "superuser"


@dataclass(frozen=True)
class Grant:
    role: str
    unit_id: int | None


def active_assignments(user: Any) -> list[RoleAssignment]:
    """The user's active role assignments, loaded once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_active_assignments", None)
    if cached is None:
        cached = list(
            RoleAssignment.objects.filter(user=user, revoked_at__isnull=True).select_related(
                "unit__kind__level"
            )
        )
        user._active_assignments = cached
    return cached


def forget_assignments(user: Any) -> None:
    """Drop the cached assignments after roles change."""
    user.__dict__.pop("_active_assignments", None)


def is_system_admin(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def _covers_subtree(assignment: RoleAssignment) -> bool:
    if assignment.role in SUBTREE_READ_ROLES:
        return True
    return assignment.unit.kind.level.is_grassroots_or_below


def ancestor_ids(unit: Unit) -> list[int]:
    """The unit and its ancestors, nearest first (memoised on the instance)."""
    cached: list[int] | None = unit.__dict__.get("_ancestor_ids")
    if cached is None:
        cached = list(
            UnitClosure.objects.filter(descendant_id=unit.pk)
            .order_by("depth")
            .values_list("ancestor_id", flat=True)
        )
        unit.__dict__["_ancestor_ids"] = cached
    return cached


def grant_for(user: Any, unit: Unit, roles: Iterable[str]) -> Grant | None:
    """The nearest of the user's roles among `roles` whose scope covers `unit`, or None."""
    if is_system_admin(user):
        return Grant(SUPERUSER_ROLE, None)
    wanted = set(roles)
    candidates = [a for a in active_assignments(user) if a.role in wanted]
    if not candidates:
        return None
    chain = ancestor_ids(unit)
    best: tuple[int, RoleAssignment] | None = None
    for assignment in candidates:
        if assignment.unit_id == unit.pk:
            distance = 0
        elif assignment.unit_id in chain and _covers_subtree(assignment):
            distance = chain.index(assignment.unit_id)
        else:
            continue
        if best is None or distance < best[0]:
            best = (distance, assignment)
    if best is None:
        return None
    return Grant(best[1].role, best[1].unit_id)


def require(grant: Grant | None) -> Grant:
    if grant is None:
        raise DomainPermissionError()
    return grant


def visible_unit_ids(user: Any, roles: Iterable[str] = ALL_ROLES) -> QuerySet[Any]:
    """A subquery of the ids of every unit the user may read through `roles`."""
    if is_system_admin(user):
        return Unit.objects.values("id")
    wanted = set(roles)
    subtree_roots: set[int] = set()
    own_units: set[int] = set()
    for assignment in active_assignments(user):
        if assignment.role not in wanted:
            continue
        (subtree_roots if _covers_subtree(assignment) else own_units).add(assignment.unit_id)
    if not subtree_roots and not own_units:
        return UnitClosure.objects.none().values("descendant_id")
    return UnitClosure.objects.filter(
        Q(ancestor_id__in=subtree_roots) | Q(ancestor_id__in=own_units, depth=0)
    ).values("descendant_id")


# --- yes/no questions ----------------------------------------------------------------------


def can_read_unit(user: Any, unit: Unit) -> bool:
    return grant_for(user, unit, ALL_ROLES) is not None


def can_manage_unit(user: Any, unit: Unit) -> bool:
    """Administer the unit: edit, move, merge, dissolve it, create units under it, grant roles."""
    return grant_for(user, unit, {Role.ADMIN}) is not None


def can_manage_people_at(user: Any, unit: Unit) -> bool:
    """Create people in the unit and keep their records."""
    return grant_for(user, unit, PEOPLE_WRITE_ROLES) is not None


def can_manage_catalogue(user: Any) -> bool:
    """Edit the award catalogue, regulation versions and the kinds and levels of units: the
    system administrators, i.e. superusers and administrators of a top-level unit."""
    return catalogue_grant(user) is not None


def catalogue_grant(user: Any) -> Grant | None:
    if is_system_admin(user):
        return Grant(SUPERUSER_ROLE, None)
    for assignment in active_assignments(user):
        if assignment.role == Role.ADMIN and assignment.unit.parent_id is None:
            return Grant(assignment.role, assignment.unit_id)
    return None


def is_administrator(user: Any) -> bool:
    """Holds an administrator role somewhere (or is a superuser): may open the admin site."""
    return is_system_admin(user) or any(a.role == Role.ADMIN for a in active_assignments(user))
