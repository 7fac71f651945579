"""Who may act on campaigns, registrations, reports and clusters.

A unit's emulation work is done by its own staff: its clerks and reviewers (cán bộ, chuyên viên
TĐKT) acting *at* that unit — delegations included, as for nominations — or an administrator
whose scope covers it. A clerk of a grassroots union also acts for its internal sub-units
(organizations.permissions). Reading follows the organisation scope (emulation.selectors,
emulation.selectors_clusters).

- A campaign is run by the launching unit's staff.
- A registration is filed by the registering unit's staff and acknowledged or returned by the
  staff of the unit it is filed with (the direct upper unit; for a person, their own unit).
- A report is filed by the reporting unit's staff.
- A cluster is formed and kept by the staff of the unit that formed it.
- In a cluster's year, the head unit's staff draws up the agreement, cross-checks the scores,
  finalises the ranking and records the proposal; the forming unit's staff may too. A unit never
  cross-checks its own score: the head's own sheet is checked by the deputy (or the forming unit).
- A member's staff signs the agreement for it and submits its self-assessment.
"""

from __future__ import annotations

from typing import Any

from emulation.choices import OfficerPosition
from nominations.permissions import acting_grant
from organizations.models import Role, Unit
from organizations.permissions import Grant, grant_for, require

STAFF_ROLES = (Role.CLERK, Role.REVIEWER)


def staff_grant(user: Any, unit: Unit | int | None) -> Grant | None:
    """The unit's own emulation staff, or an administrator covering it."""
    if unit is None:
        return None
    for role in STAFF_ROLES:
        grant = acting_grant(user, unit, role)
        if grant is not None:
            return grant
    unit_obj = unit if isinstance(unit, Unit) else Unit.objects.get(pk=unit)
    return grant_for(user, unit_obj, {Role.CLERK, Role.ADMIN})


def require_staff(user: Any, unit: Unit | int | None) -> Grant:
    return require(staff_grant(user, unit))


def officer_unit_id(cluster: Any, year: int, position: str = OfficerPosition.HEAD) -> int | None:
    from emulation.models import ClusterOfficer

    return (
        ClusterOfficer.objects.filter(cluster=cluster, year=year, position=position)
        .values_list("unit_id", flat=True)
        .first()
    )


def cluster_lead_grant(user: Any, cluster: Any, year: int) -> Grant | None:
    """The head unit's staff for the year, or the staff of the unit that formed the cluster."""
    head = officer_unit_id(cluster, year)
    return (staff_grant(user, head) if head else None) or staff_grant(user, cluster.parent_unit)


def score_checking_grant(user: Any, sheet: Any) -> Grant | None:
    """Who cross-checks a member's sheet: the head unit's staff, the deputy's for the head's own
    sheet, or the forming unit's staff; never the staff of the unit being checked."""
    agreement = sheet.agreement
    cluster = agreement.cluster
    head = officer_unit_id(cluster, agreement.year)
    checker = head
    if head == sheet.unit_id:
        checker = officer_unit_id(cluster, agreement.year, OfficerPosition.DEPUTY)
    grant = staff_grant(user, checker) if checker and checker != sheet.unit_id else None
    return grant or staff_grant(user, cluster.parent_unit)


def can_manage_campaign(user: Any, campaign: Any) -> bool:
    return staff_grant(user, campaign.launching_unit) is not None


def can_manage_cluster(user: Any, cluster: Any) -> bool:
    return staff_grant(user, cluster.parent_unit) is not None


def officer_electing_grant(user: Any, cluster: Any, year: int) -> Grant | None:
    """Who records the choice of a year's head and deputy: the forming unit's staff, or the staff
    of the head of that year or of the year before (the outgoing head organises the vote)."""
    for head_year in (year - 1, year):
        head = officer_unit_id(cluster, head_year)
        grant = staff_grant(user, head) if head else None
        if grant is not None:
            return grant
    return staff_grant(user, cluster.parent_unit)
