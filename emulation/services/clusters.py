"""Clusters and blocs: formed by a unit, members joining and leaving (every change kept with its
date and reason), and the head and deputy chosen each year with the minutes of that choice."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q

from audit.models import EventType
from common.exceptions import DomainConflict, DomainValidationError
from common.services import service
from emulation.choices import OfficerMethod, OfficerPosition
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import Cluster, ClusterMembership, ClusterOfficer
from emulation.permissions import officer_electing_grant, require_staff
from emulation.selectors_clusters import cluster_members_in
from emulation.services.common import (
    before_change,
    check_active,
    check_dates,
    lock,
    require_reason,
    save_recorded,
    store_evidence,
)
from organizations.models import Unit, UnitClosure
from organizations.permissions import Grant, require


def _expect_not_dissolved(cluster: Cluster) -> None:
    if cluster.dissolved_on is not None:
        raise DomainConflict(Code.CLUSTER_DISSOLVED, details={"cluster": [str(cluster)]})


def _add_member(
    *,
    actor: Any,
    grant: Grant,
    cluster: Cluster,
    unit: Unit,
    joined_on: datetime.date,
    reason: str,
) -> ClusterMembership:
    check_active(unit, "unit")
    under = UnitClosure.objects.filter(
        ancestor_id=cluster.parent_unit_id, descendant_id=unit.pk, depth__gt=0
    ).exists()
    if not under:
        raise DomainValidationError(Code.UNIT_NOT_UNDER_PARENT, details={"unit": [str(unit)]})
    # One cluster (and one bloc) at a time among those the same unit forms.
    elsewhere = ClusterMembership.objects.filter(
        unit=unit,
        left_on__isnull=True,
        cluster__parent_unit_id=cluster.parent_unit_id,
        cluster__kind=cluster.kind,
    )
    if elsewhere.exists():
        raise DomainValidationError(Code.ALREADY_MEMBER, details={"unit": [str(unit)]})
    check_dates(cluster.formed_on, joined_on, field="joined_on")
    membership = ClusterMembership(
        cluster=cluster, unit=unit, joined_on=joined_on, join_reason=reason.strip()
    )
    return save_recorded(
        actor=actor,
        instance=membership,
        event_type=EventType.CLUSTER_MEMBER_ADDED,
        via=grant,
        unit=cluster.parent_unit_id,
        reason=reason,
    )


@service
def cluster_create(
    *,
    actor: Any,
    parent_unit: Unit,
    name: str,
    kind: str,
    formed_on: datetime.date,
    formed_by_decision: str = "",
    note: str = "",
    members: Iterable[Unit] = (),
) -> Cluster:
    """Form a cluster (or bloc) of units under `parent_unit`, with its founding members."""
    grant = require_staff(actor, parent_unit)
    check_active(parent_unit, "parent_unit")
    if Cluster.objects.filter(parent_unit=parent_unit, name=name.strip()).exists():
        raise DomainValidationError.on_field(Code.DUPLICATE_CODE, "name")
    cluster = Cluster(
        parent_unit=parent_unit,
        name=name.strip(),
        kind=kind,
        formed_on=formed_on,
        formed_by_decision=formed_by_decision.strip(),
        note=note.strip(),
        created_by=actor,
    )
    save_recorded(
        actor=actor,
        instance=cluster,
        event_type=EventType.CLUSTER_CREATED,
        via=grant,
        unit=parent_unit.pk,
    )
    for unit in members:
        _add_member(
            actor=actor, grant=grant, cluster=cluster, unit=unit, joined_on=formed_on, reason=""
        )
    return cluster


@service
def cluster_member_add(
    *, actor: Any, cluster: Cluster, unit: Unit, joined_on: datetime.date, reason: str = ""
) -> ClusterMembership:
    """A unit joins the cluster from `joined_on`."""
    grant = require_staff(actor, cluster.parent_unit)
    locked = lock(cluster)
    _expect_not_dissolved(locked)
    return _add_member(
        actor=actor, grant=grant, cluster=locked, unit=unit, joined_on=joined_on, reason=reason
    )


@service
def cluster_member_remove(
    *, actor: Any, membership: ClusterMembership, left_on: datetime.date, reason: str
) -> ClusterMembership:
    """A unit leaves the cluster; `left_on` is its last day. The membership row is kept."""
    cluster = membership.cluster
    grant = require_staff(actor, cluster.parent_unit)
    reason = require_reason(reason)
    lock(cluster)
    locked = lock(membership)
    if locked.left_on is not None:
        raise DomainConflict(Code.MEMBERSHIP_ENDED, details={"left_on": [str(locked.left_on)]})
    check_dates(locked.joined_on, left_on, field="left_on")
    before = before_change(locked)
    locked.left_on = left_on
    locked.leave_reason = reason
    return save_recorded(
        actor=actor,
        instance=locked,
        event_type=EventType.CLUSTER_MEMBER_REMOVED,
        via=grant,
        unit=cluster.parent_unit_id,
        before=before,
        reason=reason,
    )


@service
def cluster_officer_elect(
    *,
    actor: Any,
    cluster: Cluster,
    year: int,
    unit: Unit,
    position: str = OfficerPosition.HEAD,
    method: str = OfficerMethod.ELECTION,
    chosen_on: datetime.date,
    minutes_number: str = "",
    minutes_file: UploadedFile | None = None,
    note: str = "",
) -> ClusterOfficer:
    """Record the member unit chosen as head (or deputy) of the cluster for `year`, by election
    or rotation, with the minutes of the meeting (their number, the signed file, or both)."""
    grant = require(officer_electing_grant(actor, cluster, year))
    locked = lock(cluster)
    _expect_not_dissolved(locked)
    if not minutes_number.strip() and minutes_file is None:
        raise DomainValidationError.on_field(Code.MINUTES_REQUIRED, "minutes_number")
    if not cluster_members_in(locked, year).filter(pk=unit.pk).exists():
        raise DomainValidationError(Code.NOT_A_MEMBER, details={"unit": [str(unit)]})
    taken = ClusterOfficer.objects.filter(
        Q(position=position) | Q(unit=unit), cluster=locked, year=year
    )
    if taken.exists():
        raise DomainConflict(Code.OFFICER_TAKEN, details={"position": [position]})
    officer = ClusterOfficer(
        cluster=locked,
        year=year,
        unit=unit,
        position=position,
        method=method,
        chosen_on=chosen_on,
        minutes_number=minutes_number.strip(),
        note=note.strip(),
        recorded_by=actor,
    )
    extra: dict[str, Any] = {}
    if minutes_file is not None:
        extra["minutes_file"] = store_evidence(officer, minutes_file, field="minutes_file")
    return save_recorded(
        actor=actor,
        instance=officer,
        event_type=EventType.CLUSTER_OFFICER_ELECTED,
        via=grant,
        unit=locked.parent_unit_id,
        extra=extra,
    )
