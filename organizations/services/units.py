"""Changes to the organisation tree: create, edit, move, merge, dissolve.

Units are never deleted. A move rewrites the closure rows of the moved subtree; the unit keeps
its id, so its people, records, nominations and history go with it, and the history of
`Unit.parent` keeps where it was before.
"""

from __future__ import annotations

import datetime
from typing import Any

from audit.models import EventType
from audit.services import audit_record, diff, snapshot
from common.exceptions import DomainPermissionError, DomainValidationError
from common.services import service, tracked_fields
from common.validation import clean_or_raise
from organizations.exceptions import OrganizationErrorCode as Code
from organizations.models import Membership, Role, RoleAssignment, Unit, UnitClosure, UnitKind
from organizations.permissions import Grant, catalogue_grant, grant_for, require
from organizations.services.roles import revoke_assignment

UNIT_EDITABLE_FIELDS = frozenset(
    {
        "code",
        "name",
        "short_name",
        "kind",
        "sector",
        "headcount",
        "women_headcount",
        "member_count",
        "document_symbol",
        "established_on",
        "note",
    }
)


def _admin_grant(actor: Any, unit: Unit) -> Grant:
    return require(grant_for(actor, unit, {Role.ADMIN}))


def _check_level_order(*, kind: UnitKind, parent: Unit | None) -> None:
    if parent is not None and parent.kind.level.rank >= kind.level.rank:
        raise DomainValidationError(
            Code.UNIT_LEVEL_ORDER,
            details={"parent": [str(parent)], "kind": [str(kind)]},
        )


def _check_active(unit: Unit, field: str) -> None:
    if not unit.is_active:
        raise DomainValidationError(Code.UNIT_INACTIVE, details={field: [str(unit)]})


def _closure_attach(unit: Unit, parent: Unit | None) -> None:
    """Link `unit`'s whole subtree to `parent` and its ancestors (after detaching it)."""
    subtree = list(
        UnitClosure.objects.filter(ancestor_id=unit.pk).values_list("descendant_id", "depth")
    )
    if not subtree:  # a new unit: only itself
        subtree = [(unit.pk, 0)]
        UnitClosure.objects.create(ancestor_id=unit.pk, descendant_id=unit.pk, depth=0)
    subtree_ids = [descendant_id for descendant_id, _ in subtree]
    UnitClosure.objects.filter(descendant_id__in=subtree_ids).exclude(
        ancestor_id__in=subtree_ids
    ).delete()
    if parent is None:
        return
    ancestors = UnitClosure.objects.filter(descendant_id=parent.pk).values_list(
        "ancestor_id", "depth"
    )
    UnitClosure.objects.bulk_create(
        [
            UnitClosure(
                ancestor_id=ancestor_id,
                descendant_id=descendant_id,
                depth=ancestor_depth + 1 + descendant_depth,
            )
            for ancestor_id, ancestor_depth in ancestors
            for descendant_id, descendant_depth in subtree
        ]
    )


def _is_in_subtree(candidate: Unit, root: Unit) -> bool:
    return UnitClosure.objects.filter(ancestor_id=root.pk, descendant_id=candidate.pk).exists()


@service
def unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: UnitKind,
    parent: Unit | None,
    **fields: Any,
) -> Unit:
    """Create a unit under `parent` (an administrator of the parent), or a top-level unit (a
    system administrator)."""
    if parent is None:
        grant = catalogue_grant(actor)
        if grant is None:
            raise DomainPermissionError(Code.UNIT_ROOT_NEEDS_SYSTEM_ADMIN)
    else:
        grant = _admin_grant(actor, parent)
        _check_active(parent, "parent")
    unknown = set(fields) - UNIT_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unit_create() got unexpected fields {sorted(unknown)}")
    _check_level_order(kind=kind, parent=parent)
    unit = Unit(code=code, name=name, kind=kind, parent=parent, **fields)
    clean_or_raise(unit)
    unit.save()
    _closure_attach(unit, parent)
    audit_record(
        actor=actor,
        event_type=EventType.UNIT_CREATED,
        obj=unit,
        via=grant,
        unit=unit,
        changes=diff({}, snapshot(unit, tracked_fields(unit))),
    )
    return unit


@service
def unit_update(*, actor: Any, unit: Unit, reason: str = "", **changes: Any) -> Unit:
    """Edit a unit's own data (renaming included). The parent changes only through unit_move."""
    grant = _admin_grant(actor, unit)
    unknown = set(changes) - UNIT_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unit_update() got unexpected fields {sorted(unknown)}")
    fields = tracked_fields(unit)
    before = snapshot(unit, fields)
    for name, value in changes.items():
        setattr(unit, name, value)
    if "kind" in changes:
        _check_level_order(kind=unit.kind, parent=unit.parent)
        lowest_child_rank = min(
            (
                child.kind.level.rank
                for child in unit.children.filter(dissolved_on__isnull=True).select_related(
                    "kind__level"
                )
            ),
            default=None,
        )
        if lowest_child_rank is not None and lowest_child_rank <= unit.kind.level.rank:
            raise DomainValidationError(Code.UNIT_LEVEL_ORDER, details={"kind": [str(unit.kind)]})
    clean_or_raise(unit)
    unit.save()
    audit_record(
        actor=actor,
        event_type=EventType.UNIT_UPDATED,
        obj=unit,
        via=grant,
        unit=unit,
        changes=diff(before, snapshot(unit, fields)),
        reason=reason,
    )
    return unit


def _move(unit: Unit, new_parent: Unit) -> None:
    unit.parent = new_parent
    unit.save(update_fields=["parent", "updated_at"])
    _closure_attach(unit, new_parent)
    # Scope answers for this instance are stale now.
    unit.__dict__.pop("_ancestor_ids", None)


@service
def unit_move(*, actor: Any, unit: Unit, new_parent: Unit, reason: str) -> Unit:
    """Move a unit, with its whole subtree, under another parent.

    The actor must administer both the unit and its new parent. Everything attached to the unit
    and its sub-units stays attached; readers of the new parent's subtree see it from now on.
    """
    grant = _admin_grant(actor, unit)
    _admin_grant(actor, new_parent)
    _check_active(new_parent, "new_parent")
    if new_parent.pk == unit.pk or _is_in_subtree(new_parent, unit):
        raise DomainValidationError(Code.UNIT_CYCLE, details={"new_parent": [str(new_parent)]})
    if unit.is_active:
        _check_level_order(kind=unit.kind, parent=new_parent)
    old_parent_id = unit.parent_id
    _move(unit, new_parent)
    audit_record(
        actor=actor,
        event_type=EventType.UNIT_MOVED,
        obj=unit,
        via=grant,
        unit=unit,
        changes={"parent": [old_parent_id, new_parent.pk]},
        reason=reason,
    )
    return unit


def _end_or_move_memberships(unit: Unit, *, on: datetime.date, to: Unit | None) -> int:
    """Close the unit's open memberships the day before `on`; reopen them in `to` if given."""
    count = 0
    for membership in Membership.objects.filter(unit=unit, ended_on__isnull=True):
        count += 1
        if membership.started_on >= on:
            # Joined on the day of the change: there is no period to close.
            if to is None:
                membership.ended_on = membership.started_on
                membership.save(update_fields=["ended_on", "updated_at"])
            else:
                membership.unit = to
                membership.save(update_fields=["unit", "updated_at"])
            continue
        membership.ended_on = on - datetime.timedelta(days=1)
        membership.save(update_fields=["ended_on", "updated_at"])
        if to is not None:
            Membership.objects.create(
                person_id=membership.person_id,
                unit=to,
                started_on=on,
                position=membership.position,
                is_leader=membership.is_leader,
                is_union_member=membership.is_union_member,
            )
    return count


def _revoke_roles_at(actor: Any, unit: Unit, *, grant: Grant, reason: str) -> None:
    for assignment in RoleAssignment.objects.filter(
        unit=unit, revoked_at__isnull=True
    ).select_related("user"):
        revoke_assignment(assignment, actor=actor, via=grant, reason=reason)


@service
def unit_merge(*, actor: Any, source: Unit, target: Unit, on: datetime.date, reason: str) -> Unit:
    """Merge `source` into `target` (same level) from date `on`.

    The source's active sub-units move under the target; its current members become members of
    the target from `on`; its roles end. The source is kept, dissolved, under the target, so that
    the target's readers see the source's past (nominations, awards, history).
    """
    grant = _admin_grant(actor, source)
    _admin_grant(actor, target)
    if source.pk == target.pk:
        raise DomainValidationError(Code.MERGE_SAME_UNIT)
    _check_active(source, "source")
    _check_active(target, "target")
    if source.kind.level_id != target.kind.level_id:
        raise DomainValidationError(Code.MERGE_LEVEL_MISMATCH)
    if _is_in_subtree(target, source):
        raise DomainValidationError(Code.MERGE_INTO_DESCENDANT)
    moved_children = []
    for child in source.children.filter(dissolved_on__isnull=True).select_related("kind__level"):
        _move(child, target)
        moved_children.append(child.pk)
    moved_members = _end_or_move_memberships(source, on=on, to=target)
    _revoke_roles_at(actor, source, grant=grant, reason=reason)
    old_parent_id = source.parent_id
    source.dissolved_on = on
    source.merged_into = target
    source.save(update_fields=["dissolved_on", "merged_into", "updated_at"])
    # A dissolved unit may sit under a unit of its own level: the level order binds active units.
    _move(source, target)
    audit_record(
        actor=actor,
        event_type=EventType.UNIT_MERGED,
        obj=source,
        via=grant,
        unit=target,
        changes={
            "merged_into": [None, target.pk],
            "parent": [old_parent_id, target.pk],
            "dissolved_on": [None, on],
            "moved_children": moved_children,
            "moved_members": moved_members,
        },
        reason=reason,
    )
    return target


@service
def unit_dissolve(
    *,
    actor: Any,
    unit: Unit,
    on: datetime.date,
    reason: str,
    children_to: Unit | None = None,
) -> Unit:
    """Dissolve a unit from date `on`.

    Its active sub-units must go somewhere: `children_to` (as when the 2025 reform dissolved the
    district federations and their grassroots unions moved to a new upper level). Its open
    memberships end; its roles end. The unit stays in the tree with all its past.
    """
    grant = _admin_grant(actor, unit)
    _check_active(unit, "unit")
    children = list(unit.children.filter(dissolved_on__isnull=True).select_related("kind__level"))
    if children:
        if children_to is None:
            raise DomainValidationError(
                Code.UNIT_HAS_ACTIVE_CHILDREN,
                details={"children_to": [", ".join(str(child) for child in children)]},
            )
        _admin_grant(actor, children_to)
        _check_active(children_to, "children_to")
        if children_to.pk == unit.pk or _is_in_subtree(children_to, unit):
            raise DomainValidationError(
                Code.UNIT_CYCLE, details={"children_to": [str(children_to)]}
            )
        for child in children:
            _check_level_order(kind=child.kind, parent=children_to)
        for child in children:
            _move(child, children_to)
    ended_members = _end_or_move_memberships(unit, on=on, to=None)
    _revoke_roles_at(actor, unit, grant=grant, reason=reason)
    unit.dissolved_on = on
    unit.save(update_fields=["dissolved_on", "updated_at"])
    audit_record(
        actor=actor,
        event_type=EventType.UNIT_DISSOLVED,
        obj=unit,
        via=grant,
        unit=unit,
        changes={
            "dissolved_on": [None, on],
            "moved_children": [child.pk for child in children],
            "children_to": children_to.pk if children_to else None,
            "ended_members": ended_members,
        },
        reason=reason,
    )
    return unit
