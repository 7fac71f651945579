"""Reads of councils, their sessions and votes, and of award decisions, through the reader's scope.

A council, its sessions and its decisions belong to the deciding unit: whoever may read that unit
reads them. A decision is also readable by the units whose nominations it grants, so a grassroots
clerk sees the decision that awarded their nominee. An object outside the reader's scope is a 404.

While a session is open, the running count of a secret ballot is never returned: a reader who
watched it change after each vote would learn how each member voted (ADR 0007).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from awards.models import BallotType, CouncilCompositionRule, Track
from awards.selectors import regulation_in_force
from common.exceptions import DomainNotFound
from nominations.models import (
    AgendaItem,
    Attendance,
    BallotCast,
    Council,
    CouncilMember,
    CouncilPosition,
    CouncilSession,
    Decision,
    DecisionItem,
    Nomination,
    NominationStatus,
    SessionStatus,
    Vote,
)
from nominations.permissions import acting_units
from nominations.selectors import nomination_list_visible_to
from organizations.models import Role, Unit
from organizations.permissions import visible_unit_ids

# --- councils ------------------------------------------------------------------------------


def current_members_q(on: datetime.date) -> Q:
    """Members whose term covers `on` (the end date is the last day of the term)."""
    return Q(started_on__lte=on) & (Q(ended_on__isnull=True) | Q(ended_on__gte=on))


def council_member_list(
    council: Council, *, on: datetime.date | None = None
) -> QuerySet[CouncilMember]:
    """The council's members on `on` (today by default), chair first."""
    on = on or timezone.localdate()
    return (
        CouncilMember.objects.filter(current_members_q(on), council=council)
        .select_related("user")
        .order_by("position", "user__full_name")
    )


def council_member_for(user: Any, council: Council) -> CouncilMember | None:
    """The user's seat on the council today, if they have one."""
    return council_member_list(council).filter(user=user).first()


def council_rule_for(unit: Unit, *, on: datetime.date) -> CouncilCompositionRule | None:
    """How a council of the unit's level must be composed under the union regulation in force
    on `on`; None when that version sets no rule for the level."""
    version = regulation_in_force(track=Track.UNION, on=on)
    if version is None:
        return None
    return CouncilCompositionRule.objects.filter(
        regulation=version, unit_level_id=unit.kind.level_id
    ).first()


def council_list_visible_to(user: Any) -> QuerySet[Council]:
    return (
        Council.objects.filter(unit_id__in=visible_unit_ids(user))
        .select_related("unit")
        .order_by("unit__name")
    )


def council_get_visible(user: Any, pk: Any) -> Council:
    council = (
        council_list_visible_to(user)
        .filter(pk=pk)
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CouncilMember.objects.select_related("user").order_by(
                    "ended_on", "position", "user__full_name"
                ),
            )
        )
        .first()
    )
    if council is None:
        raise DomainNotFound()
    return council


# --- sessions ------------------------------------------------------------------------------


def council_session_list_visible_to(
    user: Any, *, council: Council | None = None, status: str = ""
) -> QuerySet[CouncilSession]:
    qs = CouncilSession.objects.filter(council__unit_id__in=visible_unit_ids(user)).select_related(
        "council__unit"
    )
    if council is not None:
        qs = qs.filter(council=council)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-scheduled_at")


def council_session_get_visible(user: Any, pk: Any) -> CouncilSession:
    """A session with its agenda (nominee, award, nominating unit) and its attendance."""
    session = (
        council_session_list_visible_to(user)
        .filter(pk=pk)
        .select_related("created_by")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.select_related(
                    "nomination__award_type",
                    "nomination__nominee_person",
                    "nomination__nominee_unit",
                    "nomination__nominating_unit",
                    "secret_tally",
                ).order_by("position", "pk"),
            ),
            "items__votes",
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related("member__user").order_by(
                    "member__position", "member__user__full_name"
                ),
            ),
        )
        .first()
    )
    if session is None:
        raise DomainNotFound()
    return session


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.abstain


def agenda_item_tally(item: AgendaItem) -> Tally | None:
    """The votes so far on an item, or None while they must stay hidden.

    A closed item reports what was stored at closing. During the session an open ballot's count
    is public (each vote is); a secret ballot's is not, until the session closes.
    """
    session = item.session
    if session.status == SessionStatus.CLOSED:
        return Tally(item.yes_count, item.no_count, item.abstain_count)
    if session.status != SessionStatus.OPEN or item.ballot_type == BallotType.SECRET:
        return None
    counts = {"yes": 0, "no": 0, "abstain": 0}
    for vote in item.votes.all():  # prefetched by council_session_get_visible
        counts[vote.choice] += 1
    return Tally(**counts)


def items_voted_by(member: CouncilMember, session: CouncilSession) -> set[int]:
    """The agenda items of the session the member has voted on (either ballot), for the voting
    page; it says *that* they voted, never how."""
    return set(
        Vote.objects.filter(item__session=session, member=member).values_list("item_id", flat=True)
    ) | set(
        BallotCast.objects.filter(item__session=session, member=member).values_list(
            "item_id", flat=True
        )
    )


def _nominations_at(unit: Unit, status: str) -> QuerySet[Nomination]:
    return Nomination.objects.filter(deciding_unit=unit, status=status).select_related(
        "award_type", "nominee_person", "nominee_unit", "nominating_unit"
    )


def nomination_list_for_agenda(unit: Unit) -> QuerySet[Nomination]:
    """Nominations at the unit's council step that no planned or open session holds yet."""
    on_agenda = AgendaItem.objects.filter(
        nomination=OuterRef("pk"), session__status__in=[SessionStatus.PLANNED, SessionStatus.OPEN]
    )
    return (
        _nominations_at(unit, NominationStatus.AT_COUNCIL)
        .filter(~Exists(on_agenda))
        .order_by("award_type__sort_order", "submitted_at", "pk")
    )


# --- decisions -----------------------------------------------------------------------------


def nomination_list_for_decision(unit: Unit) -> QuerySet[Nomination]:
    """Nominations waiting for the unit's decision that no decision holds yet."""
    return (
        _nominations_at(unit, NominationStatus.AWAITING_DECISION)
        .filter(decision_item__isnull=True)
        .order_by("award_type__sort_order", "pk")
    )


def decision_list_visible_to(
    user: Any, *, year: int | None = None, status: str = "", unit: Unit | None = None
) -> QuerySet[Decision]:
    """Decisions of units the reader may read, and those that grant the reader's nominations."""
    scope = visible_unit_ids(user)
    grants_in_scope = DecisionItem.objects.filter(
        decision=OuterRef("pk"), nomination__nominating_unit_id__in=scope
    )
    qs = Decision.objects.filter(
        Q(deciding_unit_id__in=scope) | Exists(grants_in_scope)
    ).select_related("deciding_unit", "signer", "council_session")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if unit is not None:
        qs = qs.filter(deciding_unit=unit)
    return qs.order_by("-year", "-number", "-created_at")


def decision_get_visible(user: Any, pk: Any) -> Decision:
    decision = (
        decision_list_visible_to(user)
        .filter(pk=pk)
        .select_related("created_by")
        .prefetch_related(
            "legal_documents",
            Prefetch(
                "items",
                queryset=DecisionItem.objects.select_related(
                    "award_type",
                    "award_record",
                    "revoked_by",
                    "nomination__nominating_unit",
                    "nomination__nominee_person",
                    "nomination__nominee_unit",
                ).order_by("pk"),
            ),
        )
        .first()
    )
    if decision is None:
        raise DomainNotFound()
    return decision


# --- council pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilComposition:
    """The council's members on a day, measured against the composition rule of its level
    (regulations.md §D.3). `can_meet` is the condition for opening a session."""

    members: tuple[CouncilMember, ...]
    rule: CouncilCompositionRule | None
    min_members: int
    max_members: int | None
    requires_chair: bool

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def has_chair(self) -> bool:
        return any(member.position == CouncilPosition.CHAIR for member in self.members)

    @property
    def can_meet(self) -> bool:
        """At least the rule's minimum of members (one without a rule), and its chair if the
        rule requires one."""
        return self.count >= self.min_members and (self.has_chair or not self.requires_chair)

    @property
    def too_large(self) -> bool:
        return self.max_members is not None and self.count > self.max_members

    @property
    def is_met(self) -> bool:
        return self.can_meet and not self.too_large


def council_composition_of(
    members: Iterable[CouncilMember], rule: CouncilCompositionRule | None
) -> CouncilComposition:
    return CouncilComposition(
        members=tuple(members),
        rule=rule,
        min_members=max(rule.min_members if rule else 1, 1),
        max_members=rule.max_members if rule else None,
        requires_chair=rule.requires_chair if rule else False,
    )


def council_composition(council: Council, *, on: datetime.date | None = None) -> CouncilComposition:
    """The council's members on `on` (today by default), chair first, and whether they meet the
    composition rule of the regulation in force that day."""
    on = on or timezone.localdate()
    return council_composition_of(
        council_member_list(council, on=on), council_rule_for(council.unit, on=on)
    )


def council_seat_list_for(user: Any, *, on: datetime.date | None = None) -> QuerySet[CouncilMember]:
    """The user's own seats on councils on `on` (today by default), with each council."""
    on = on or timezone.localdate()
    return (
        CouncilMember.objects.filter(current_members_q(on), user=user)
        .select_related("council__unit")
        .order_by("council__name")
    )


def council_list_for_secretary(user: Any) -> QuerySet[Council]:
    """The councils whose sessions the user may plan and run: those of the units where they act
    as council secretary (their own role or a delegation), as the session services require."""
    return council_list_visible_to(user).filter(
        unit_id__in=acting_units(user, Role.COUNCIL_SECRETARY)
    )


def agenda_item_voters(session: CouncilSession) -> dict[int, set[int]]:
    """For each agenda item of the session, the ids of the members who have voted on it, by
    either ballot: who took part, never how."""
    voters: dict[int, set[int]] = {item.pk: set() for item in session.items.all()}
    for model in (Vote, BallotCast):
        rows = model.objects.filter(item__session=session).values_list("item_id", "member_id")
        for item_id, member_id in rows:
            voters.setdefault(item_id, set()).add(member_id)
    return voters


# --- the decision pages --------------------------------------------------------------------


def decision_list_matching(
    user: Any,
    *,
    search: str = "",
    year: int | None = None,
    status: str = "",
    unit: Unit | None = None,
) -> QuerySet[Decision]:
    """The decisions the reader may read, filtered as on the list page (the search matches the
    number or the title), each with its count of recipients and the total amount."""
    qs = decision_list_visible_to(user, year=year, status=status, unit=unit)
    if search:
        qs = qs.filter(Q(reference__icontains=search) | Q(title__icontains=search))
    return qs.annotate(item_count=Count("items"), total_vnd=Sum("items__amount_vnd"))


def decision_unit_list_visible_to(user: Any) -> QuerySet[Unit]:
    """The units that made a decision the reader may read (the list page's unit filter)."""
    return Unit.objects.filter(
        pk__in=decision_list_visible_to(user).values("deciding_unit_id")
    ).order_by("name")


def nomination_list_for_draft(decision: Decision) -> QuerySet[Nomination]:
    """The nominations a draft grants, and those waiting for its unit's decision that it could
    still take."""
    return (
        _nominations_at(decision.deciding_unit, NominationStatus.AWAITING_DECISION)
        .filter(Q(decision_item__isnull=True) | Q(decision_item__decision=decision))
        .order_by("award_type__sort_order", "pk")
    )


def council_session_list_for_decision(unit: Unit | int) -> QuerySet[CouncilSession]:
    """The closed sessions of the unit's council, which a decision of the unit may rest on."""
    return (
        CouncilSession.objects.filter(council__unit=unit, status=SessionStatus.CLOSED)
        .select_related("council")
        .order_by("-scheduled_at")
    )


def decision_nomination_ids_visible_to(user: Any, decision: Decision) -> set[int]:
    """The nominations granted by the decision whose page the reader may open."""
    return set(
        nomination_list_visible_to(user)
        .filter(decision_item__decision=decision)
        .values_list("pk", flat=True)
    )


def council_member_list_visible_to(user: Any) -> QuerySet[CouncilMember]:
    """Seats (current and past) on the councils of units the reader may read; for naming a
    member in a request (the service then checks the seat belongs to the session's council)."""
    return CouncilMember.objects.filter(council__unit_id__in=visible_unit_ids(user)).select_related(
        "user"
    )


# --- rule checks on record (issue 5 §3) ----------------------------------------------------------


def check_run_latest_per_step(nomination: Nomination | int) -> list[Any]:
    """The latest stored check run of each step of the nomination, in the order of the steps
    (one query): what the checker saw the last time each step was checked."""
    from awards.models import CheckStep
    from nominations.models import CheckRun

    latest = (
        CheckRun.objects.filter(nomination=nomination, step=OuterRef("step"))
        .order_by("-at", "-pk")
        .values("pk")[:1]
    )
    runs = {
        run.step: run
        for run in CheckRun.objects.filter(nomination=nomination)
        .filter(pk=Subquery(latest))
        .select_related("actor", "regulation")
    }
    return [runs[step] for step in CheckStep.values if step in runs]


def check_override_list_for(nomination: Nomination | int) -> QuerySet[Any]:
    """Every override of a blocking check on the nomination, the latest first, with who did it."""
    from nominations.models import CheckOverride

    return (
        CheckOverride.objects.filter(nomination=nomination)
        .select_related("overridden_by")
        .order_by("-at", "-pk")
    )
