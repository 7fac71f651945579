"""Reads of the tree and of people, always through the reader's scope.

An object outside the reader's scope is reported as not found (DomainNotFound → 404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from common.exceptions import DomainNotFound
from organizations.models import (
    Membership,
    Person,
    Role,
    RoleAssignment,
    Unit,
    UnitClosure,
)
from organizations.permissions import (
    ALL_ROLES,
    active_assignments,
    is_system_admin,
    visible_unit_ids,
)

# --- units -------------------------------------------------------------------------------------


def unit_subtree_ids(unit: Unit | int) -> QuerySet[Any]:
    """Subquery: the unit and every unit under it, in one indexed lookup of the closure table."""
    return UnitClosure.objects.filter(ancestor_id=getattr(unit, "pk", unit)).values("descendant_id")


def unit_ancestors(unit: Unit) -> list[Unit]:
    """The unit's ancestors from the top down, the unit itself excluded."""
    links = (
        UnitClosure.objects.filter(descendant_id=unit.pk, depth__gt=0)
        .select_related("ancestor__kind__level")
        .order_by("-depth")
    )
    return [link.ancestor for link in links]


def unit_list_visible_to(
    user: Any,
    *,
    under: Unit | int | None = None,
    kind: Any = None,
    level: Any = None,
    sector: str = "",
    search: str = "",
    include_dissolved: bool = False,
) -> QuerySet[Unit]:
    qs = Unit.objects.filter(id__in=visible_unit_ids(user)).select_related("kind__level", "parent")
    if under is not None:
        qs = qs.filter(id__in=unit_subtree_ids(under))
    if kind:
        qs = qs.filter(kind=kind)
    if level:
        qs = qs.filter(kind__level=level)
    if sector:
        qs = qs.filter(sector=sector)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(code__icontains=search))
    if not include_dissolved:
        qs = qs.filter(dissolved_on__isnull=True)
    return qs.order_by("kind__level__rank", "name")


def unit_get_visible(user: Any, pk: Any) -> Unit:
    unit = (
        Unit.objects.filter(pk=pk, id__in=visible_unit_ids(user))
        .select_related("kind__level", "parent", "merged_into")
        .first()
    )
    if unit is None:
        raise DomainNotFound()
    return unit


def unit_children_visible_to(user: Any, unit: Unit) -> QuerySet[Unit]:
    return (
        Unit.objects.filter(parent=unit, id__in=visible_unit_ids(user))
        .select_related("kind__level")
        .annotate(child_count=Count("children"))
        .order_by("dissolved_on", "name")
    )


def unit_roots_visible_to(user: Any) -> list[Unit]:
    """The top units of the reader's scope: their roles' units, or the tree's roots."""
    if is_system_admin(user):
        return list(Unit.objects.filter(parent__isnull=True).select_related("kind__level"))
    seen: dict[int, Unit] = {}
    for assignment in active_assignments(user):
        seen.setdefault(assignment.unit_id, assignment.unit)
    return sorted(seen.values(), key=lambda u: (u.kind.level.rank, u.name))


# --- people ------------------------------------------------------------------------------------


def _current_unit_subquery() -> Subquery:
    return Subquery(
        Membership.objects.filter(person=OuterRef("pk"), ended_on__isnull=True).values("unit_id")[
            :1
        ]
    )


def person_list_visible_to(
    user: Any,
    *,
    unit: Unit | int | None = None,
    under: Unit | int | None = None,
    search: str = "",
    gender: str = "",
    is_leader: bool | None = None,
    include_former: bool = False,
) -> QuerySet[Person]:
    """People with a membership in a unit the reader may read.

    Former members stay visible to the units they belonged to (their past is still that unit's
    record); `include_former=False` keeps the list to people who belong there now.
    """
    memberships = Membership.objects.filter(
        person=OuterRef("pk"), unit_id__in=visible_unit_ids(user)
    )
    if unit is not None:
        memberships = memberships.filter(unit_id=getattr(unit, "pk", unit))
    if under is not None:
        memberships = memberships.filter(unit_id__in=unit_subtree_ids(under))
    if not include_former:
        memberships = memberships.filter(ended_on__isnull=True)
    if is_leader is not None:
        memberships = memberships.filter(ended_on__isnull=True, is_leader=is_leader)
    qs = Person.objects.filter(Exists(memberships))
    if search:
        qs = qs.filter(Q(full_name__icontains=search) | Q(code__icontains=search))
    if gender:
        qs = qs.filter(gender=gender)
    current = Membership.objects.filter(ended_on__isnull=True).select_related("unit")
    return qs.prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships")
    ).order_by("full_name", "code")


def person_get_visible(user: Any, pk: Any, *, with_records: bool = False) -> Person:
    qs = person_list_visible_to(user, include_former=True).filter(pk=pk)
    if with_records:
        qs = qs.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("unit").order_by("-started_on"),
                to_attr="all_memberships",
            ),
            "ratings",
            "initiatives",
            "service_periods__unit",
            "sanctions",
            "pending_cases",
            "award_records__deciding_unit",
        )
    person = qs.first()
    if person is None:
        raise DomainNotFound()
    return person


def person_current_membership(person: Person) -> Membership | None:
    prefetched = getattr(person, "current_memberships", None)
    if prefetched is not None:
        return prefetched[0] if prefetched else None
    return (
        Membership.objects.filter(person=person, ended_on__isnull=True)
        .select_related("unit__kind__level")
        .first()
    )


# --- roles -------------------------------------------------------------------------------------


def role_assignment_list_visible_to(
    user: Any,
    *,
    unit: Unit | int | None = None,
    role: str = "",
    search: str = "",
    include_revoked: bool = False,
) -> QuerySet[RoleAssignment]:
    """Role assignments at units the reader administers or audits."""
    scope = visible_unit_ids(user, {Role.ADMIN, Role.AUDITOR})
    qs = RoleAssignment.objects.filter(unit_id__in=scope).select_related(
        "user", "unit__kind__level", "granted_by"
    )
    if unit is not None:
        qs = qs.filter(unit_id=getattr(unit, "pk", unit))
    if role:
        qs = qs.filter(role=role)
    if search:
        qs = qs.filter(Q(user__username__icontains=search) | Q(user__full_name__icontains=search))
    if not include_revoked:
        qs = qs.filter(revoked_at__isnull=True)
    return qs.order_by("unit__name", "role", "user__username")


def role_assignment_get_visible(user: Any, pk: Any) -> RoleAssignment:
    assignment = role_assignment_list_visible_to(user, include_revoked=True).filter(pk=pk).first()
    if assignment is None:
        raise DomainNotFound()
    return assignment


def user_roles_summary(user: Any) -> list[RoleAssignment]:
    """The signed-in user's own active roles, for the home page."""
    return sorted(
        active_assignments(user), key=lambda a: (a.unit.kind.level.rank, a.unit.name, a.role)
    )


def visible_unit_count(user: Any) -> int:
    return Unit.objects.filter(id__in=visible_unit_ids(user, ALL_ROLES)).count()
