"""The council (Hội đồng Thi đua – Khen thưởng) of a deciding unit: its composition, its sessions,
their agenda and attendance, the members' votes, and the close that turns the votes into results.

Who does what (regulations.md §D.3, README "who does what"):
- the unit's administrators set up the council and its members, within the composition rule of
  the regulation version in force (e.g. at most 9 members at a provincial federation);
- the council secretary (Role.COUNCIL_SECRETARY at the deciding unit) plans a session, puts the
  nominations waiting at the council step on its agenda, opens it, records attendance and closes
  it;
- each member present votes once per agenda item, in person. A secret ballot records *that* the
  member voted (BallotCast) apart from the running count (SecretTally), so no row, history entry,
  audit event or log line ties a member to a choice (docs/decisions/0007-council-votes.md).

Closing counts the votes against each award's threshold (over all members or over those present,
as the voting rule copied at opening says), completes every nomination's council task — passed:
on to the decision; not passed: the process ends — writes the minutes and tells those who act next.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.models import EventType
from audit.services import audit_record
from awards.models import BallotType, CheckStep, CouncilCompositionRule, VoteBase
from common.exceptions import (
    CommonErrorCode,
    DomainConflict,
    DomainPermissionError,
    DomainValidationError,
)
from common.services import save_audited, service
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import (
    AgendaItem,
    AgendaResult,
    Attendance,
    BallotCast,
    Council,
    CouncilMember,
    CouncilPosition,
    CouncilSession,
    Nomination,
    NominationStatus,
    SecretTally,
    SessionStatus,
    Vote,
    VoteChoice,
)
from nominations.permissions import require_acting
from nominations.selectors_councils import (
    council_composition_of,
    council_member_list,
    council_rule_for,
)
from nominations.services.steps import lock_nomination, notify_next, refuse_if_blocked
from organizations.models import Role, RoleAssignment, Unit
from organizations.permissions import Grant, grant_for, require
from workflows.models import Step
from workflows.services import working_step

S = NominationStatus
# An award without its own threshold passes with at least half of the votes counted.
DEFAULT_THRESHOLD_PCT = Decimal("50")
HUNDRED = Decimal("100")


def _administrator(actor: Any, unit: Unit) -> Grant:
    return require(grant_for(actor, unit, {Role.ADMIN}))


def _secretary(actor: Any, council: Council) -> Grant:
    return require_acting(actor, council.unit_id, Role.COUNCIL_SECRETARY)


def _lock_council(council: Council) -> Council:
    return Council.objects.select_for_update(of=("self",)).select_related("unit").get(pk=council.pk)


def _lock_session(session: CouncilSession) -> CouncilSession:
    """The session row, locked: agenda changes, opening, votes and closing queue behind it."""
    return (
        CouncilSession.objects.select_for_update(of=("self",))
        .select_related("council__unit__kind")
        .get(pk=session.pk)
    )


def _expect_status(session: CouncilSession, status: str) -> None:
    if session.status != status:
        code = (
            Code.SESSION_NOT_PLANNED if status == SessionStatus.PLANNED else Code.SESSION_NOT_OPEN
        )
        raise DomainConflict(code, details={"status": [session.get_status_display()]})


# --- composition -----------------------------------------------------------------------------


@service
def council_save(*, actor: Any, unit: Unit, name: str, established_by: str = "") -> Council:
    """Set up (or rename) the council of a unit; `established_by` names the founding decision."""
    grant = _administrator(actor, unit)
    council = Council.objects.filter(unit=unit).first() or Council(unit=unit)
    council.name = name.strip()
    council.established_by = established_by.strip()
    return save_audited(
        actor=actor, instance=council, event_type=EventType.COUNCIL_SAVED, via=grant, unit=unit.pk
    )


def _rule_limit_message(rule: CouncilCompositionRule) -> str:
    message = _("At most %(count)s members.") % {"count": rule.max_members}
    if rule.citation:
        message = f"{message} ({rule.citation})"
    return message


@service
def council_member_add(
    *,
    actor: Any,
    council: Council,
    user: Any,
    position: str,
    started_on: datetime.date,
    title: str = "",
) -> CouncilMember:
    """Seat a user on the council. They must hold the council member role at its unit; the
    council stays within the composition rule of the regulation version in force today, and has
    at most one chair."""
    grant = _administrator(actor, council.unit)
    if position not in CouncilPosition.values:
        raise DomainValidationError(CommonErrorCode.INVALID_INPUT, details={"position": [position]})
    locked = _lock_council(council)  # composition checks below must not race each other
    holds_role = (
        user.is_active
        and RoleAssignment.objects.filter(
            user=user, unit_id=locked.unit_id, role=Role.COUNCIL_MEMBER, revoked_at__isnull=True
        ).exists()
    )
    if not holds_role:
        raise DomainValidationError.on_field(Code.COUNCIL_MEMBER_LACKS_ROLE, "user")
    # Everyone whose term is not over when the new member starts sits beside them.
    serving = CouncilMember.objects.filter(council=locked).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=started_on)
    )
    if serving.filter(user=user).exists():
        raise DomainValidationError.on_field(Code.COUNCIL_MEMBER_ALREADY, "user")
    rule = council_rule_for(locked.unit, on=timezone.localdate())
    if rule is not None and rule.max_members is not None and serving.count() >= rule.max_members:
        raise DomainValidationError(
            Code.COUNCIL_TOO_LARGE,
            details={"user": [_rule_limit_message(rule)], "max_members": rule.max_members},
        )
    if (
        position == CouncilPosition.CHAIR
        and serving.filter(position=CouncilPosition.CHAIR).exists()
    ):
        raise DomainValidationError.on_field(Code.COUNCIL_CHAIR_TAKEN, "position")
    member = CouncilMember(
        council=locked, user=user, position=position, title=title.strip(), started_on=started_on
    )
    return save_audited(
        actor=actor,
        instance=member,
        event_type=EventType.COUNCIL_MEMBER_ADDED,
        via=grant,
        unit=locked.unit_id,
    )


@service
def council_member_end(
    *, actor: Any, member: CouncilMember, ended_on: datetime.date, reason: str
) -> CouncilMember:
    """End a member's term on `ended_on` (their last day); the seat is kept in the history."""
    council = member.council
    grant = _administrator(actor, council.unit)
    if not reason.strip():
        raise DomainValidationError.on_field(Code.REASON_REQUIRED, "reason")
    locked_council = _lock_council(council)
    locked = CouncilMember.objects.get(pk=member.pk, council=locked_council)
    if locked.ended_on is not None:
        raise DomainConflict(CommonErrorCode.CONFLICT, details={"ended_on": [str(locked.ended_on)]})
    locked.ended_on = ended_on
    return save_audited(
        actor=actor,
        instance=locked,
        event_type=EventType.COUNCIL_MEMBER_REMOVED,
        via=grant,
        unit=locked_council.unit_id,
        reason=reason.strip(),
    )


def _check_complete(members: list[CouncilMember], rule: CouncilCompositionRule | None) -> None:
    """A council meets with at least the rule's minimum of members, and its chair if required
    (one rule, shared with the council pages: selectors_councils.CouncilComposition)."""
    composition = council_composition_of(members, rule)
    if not composition.can_meet:
        raise DomainValidationError(
            Code.COUNCIL_INCOMPLETE,
            details={
                "members": composition.count,
                "min_members": composition.min_members,
                "has_chair": composition.has_chair,
            },
        )


# --- sessions and agenda ---------------------------------------------------------------------


@service
def council_session_create(
    *,
    actor: Any,
    council: Council,
    title: str,
    scheduled_at: datetime.datetime,
    location: str = "",
) -> CouncilSession:
    """Plan a session of the council; the secretary then puts nominations on its agenda."""
    grant = _secretary(actor, council)
    session = CouncilSession(
        council=council,
        title=title.strip(),
        scheduled_at=scheduled_at,
        location=location.strip(),
        created_by=actor,
    )
    return save_audited(
        actor=actor,
        instance=session,
        event_type=EventType.COUNCIL_SESSION_CREATED,
        via=grant,
        unit=council.unit_id,
    )


@service
def agenda_item_add(*, actor: Any, session: CouncilSession, nomination: Nomination) -> AgendaItem:
    """Put a nomination waiting at this council's step on the agenda of a planned session.

    The council step's checks run here, so that the council never votes on a dossier that would
    block; the voting rule of the award is copied now and again when the session opens.
    """
    grant = _secretary(actor, session.council)
    locked_session = _lock_session(session)
    _expect_status(locked_session, SessionStatus.PLANNED)
    council = locked_session.council
    locked = lock_nomination(nomination)
    if locked.status != S.AT_COUNCIL or locked.deciding_unit_id != council.unit_id:
        raise DomainValidationError.on_field(Code.NOT_AT_THIS_COUNCIL, "nomination")
    held = AgendaItem.objects.filter(nomination=locked).exclude(
        session__status=SessionStatus.CANCELLED
    )
    if held.exists():
        raise DomainConflict(Code.ALREADY_ON_AGENDA, details={"nomination": [str(locked)]})
    refuse_if_blocked(actor=actor, nomination=locked, step=CheckStep.COUNCIL, via=grant)
    last = locked_session.items.aggregate(last=Max("position"))["last"] or 0
    award = locked.award_type
    item = AgendaItem.objects.create(
        session=locked_session,
        nomination=locked,
        position=last + 1,
        ballot_type=award.ballot_type,
        vote_base=award.vote_base,
        threshold_pct=award.vote_threshold_pct or DEFAULT_THRESHOLD_PCT,
    )
    audit_record(
        actor=actor,
        event_type=EventType.AGENDA_ITEM_ADDED,
        obj=locked,
        via=grant,
        unit=locked.nominating_unit_id,
        changes={"session": locked_session.pk, "position": item.position},
    )
    return item


@service
def agenda_item_remove(*, actor: Any, item: AgendaItem, reason: str = "") -> None:
    """Take a nomination off a planned session's agenda; it waits for another session."""
    grant = _secretary(actor, item.session.council)
    locked_session = _lock_session(item.session)
    _expect_status(locked_session, SessionStatus.PLANNED)
    nomination = item.nomination
    item.delete()
    audit_record(
        actor=actor,
        event_type=EventType.AGENDA_ITEM_REMOVED,
        obj=nomination,
        via=grant,
        unit=nomination.nominating_unit_id,
        changes={"session": locked_session.pk},
        reason=reason.strip(),
    )


@service
def council_session_open(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """Start the meeting: fix the number of members (the base of the quorum and of thresholds
    over all members), copy each award's voting rule onto its agenda item, and list every member
    as absent until the secretary records them present."""
    grant = _secretary(actor, session.council)
    locked = _lock_session(session)
    _expect_status(locked, SessionStatus.PLANNED)
    items = list(locked.items.select_related("nomination__award_type").order_by("position", "pk"))
    if not items:
        raise DomainValidationError(Code.AGENDA_EMPTY)
    today = timezone.localdate()
    members = list(council_member_list(locked.council, on=today))
    _check_complete(members, council_rule_for(locked.council.unit, on=today))
    for item in items:
        # Copied now, so that a later edit of the catalogue cannot change this vote.
        award = item.nomination.award_type
        item.ballot_type = award.ballot_type
        item.vote_base = award.vote_base
        item.threshold_pct = award.vote_threshold_pct or DEFAULT_THRESHOLD_PCT
        item.save(update_fields=["ballot_type", "vote_base", "threshold_pct", "updated_at"])
        if item.ballot_type == BallotType.SECRET:
            SecretTally.objects.get_or_create(item=item)
    for member in members:
        Attendance.objects.create(session=locked, member=member, present=False)
    locked.status = SessionStatus.OPEN
    locked.member_count = len(members)
    locked.opened_at = timezone.now()
    locked.save(update_fields=["status", "member_count", "opened_at", "updated_at"])
    audit_record(
        actor=actor,
        event_type=EventType.COUNCIL_SESSION_OPENED,
        obj=locked,
        via=grant,
        unit=locked.council.unit_id,
        changes={
            "status": [SessionStatus.PLANNED, SessionStatus.OPEN],
            "member_count": len(members),
            "agenda": [item.nomination_id for item in items],
        },
    )
    return locked


def _has_voted(member: CouncilMember, session: CouncilSession) -> bool:
    return (
        Vote.objects.filter(item__session=session, member=member).exists()
        or BallotCast.objects.filter(item__session=session, member=member).exists()
    )


@service
def attendance_record(
    *, actor: Any, session: CouncilSession, member: CouncilMember, present: bool, note: str = ""
) -> Attendance:
    """The secretary records whether a member is at the meeting; only those present vote."""
    grant = _secretary(actor, session.council)
    locked = _lock_session(session)
    _expect_status(locked, SessionStatus.OPEN)
    row = Attendance.objects.filter(session=locked, member=member).first()
    if row is None:
        # Not a member of this council when the session opened.
        raise DomainValidationError.on_field(Code.NOT_COUNCIL_MEMBER, "member")
    if row.present and not present and _has_voted(member, locked):
        raise DomainConflict(Code.ATTENDANCE_LOCKED, details={"member": [str(member)]})
    before = row.present
    row.present = present
    row.note = note.strip()
    row.save(update_fields=["present", "note", "updated_at"])
    audit_record(
        actor=actor,
        event_type=EventType.ATTENDANCE_RECORDED,
        obj=locked,
        via=grant,
        unit=locked.council.unit_id,
        changes={"member": member.pk, "present": [before, present]},
        reason=row.note,
    )
    return row


# --- votes -----------------------------------------------------------------------------------


def _tally_add(item: AgendaItem, choice: str) -> None:
    """Add one vote to a secret ballot's count.

    One statement of one shape for every choice (`+ 1` on one column, `+ 0` on the others): the
    SQL text, statement statistics and query logs without parameters look the same whichever way
    the member voted. F() makes it an atomic increment in the database; SecretTally keeps no
    history, so no row remembers the increment or its author.
    """
    updated = SecretTally.objects.filter(item=item).update(
        yes=F("yes") + int(choice == VoteChoice.YES),
        no=F("no") + int(choice == VoteChoice.NO),
        abstain=F("abstain") + int(choice == VoteChoice.ABSTAIN),
    )
    assert updated == 1, "a secret item gets its tally when the session opens"


@service
def vote_cast(*, actor: Any, item: AgendaItem, choice: str) -> Vote | BallotCast:
    """A member present at the session votes on one agenda item, once.

    Open ballot: a Vote row says who voted how. Secret ballot: a BallotCast row says who voted,
    the tally counts how; the choice goes nowhere else (not in the audit event, not in history).
    """
    if choice not in VoteChoice.values:
        raise DomainValidationError(CommonErrorCode.INVALID_INPUT, details={"choice": [choice]})
    council_id = item.session.council_id
    seats = CouncilMember.objects.filter(council_id=council_id, user=actor)
    if not seats.exists():
        raise DomainPermissionError(Code.NOT_COUNCIL_MEMBER)
    session = _lock_session(item.session)  # a vote and the close cannot cross
    _expect_status(session, SessionStatus.OPEN)
    attendance = (
        Attendance.objects.filter(session=session, member__in=seats, present=True)
        .select_related("member")
        .first()
    )
    if attendance is None:
        raise DomainConflict(Code.VOTER_NOT_PRESENT)
    member = attendance.member
    item = AgendaItem.objects.get(pk=item.pk, session=session)
    grant = Grant(Role.COUNCIL_MEMBER, session.council.unit_id)
    changes: dict[str, Any] = {"item": item.pk, "member": member.pk, "ballot": item.ballot_type}
    cast: Vote | BallotCast
    if item.ballot_type == BallotType.SECRET:
        if BallotCast.objects.filter(item=item, member=member).exists():
            raise DomainConflict(Code.ALREADY_VOTED)
        cast = BallotCast.objects.create(item=item, member=member)
        _tally_add(item, choice)
    else:
        if Vote.objects.filter(item=item, member=member).exists():
            raise DomainConflict(Code.ALREADY_VOTED)
        cast = Vote.objects.create(item=item, member=member, choice=choice)
        changes["choice"] = choice  # a show of hands is public
    audit_record(
        actor=actor,
        event_type=EventType.VOTE_RECORDED,
        obj=session,
        via=grant,
        unit=session.council.unit_id,
        changes=changes,
    )
    return cast


# --- closing ---------------------------------------------------------------------------------


def _quorum_needed(items: list[AgendaItem]) -> tuple[Decimal, bool]:
    """(percentage, strictly above?) of members that must be present: the strictest among the
    agenda's awards. An award without a quorum needs a simple majority (more than half)."""
    needed, strict = Decimal("0"), False
    for item in items:
        quorum = item.nomination.award_type.quorum_pct
        pct, above = (quorum, False) if quorum is not None else (Decimal("50"), True)
        if pct > needed or (pct == needed and above):
            needed, strict = pct, above
    return needed, strict


def _tallies(session: CouncilSession, items: list[AgendaItem]) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = {item.pk: Counter() for item in items}
    for item_id, choice in Vote.objects.filter(item__session=session).values_list(
        "item_id", "choice"
    ):
        counts[item_id][choice] += 1
    for item in items:
        if item.ballot_type == BallotType.SECRET:
            tally = SecretTally.objects.get(item=item)
            counts[item.pk] = Counter(
                {
                    VoteChoice.YES: tally.yes,
                    VoteChoice.NO: tally.no,
                    VoteChoice.ABSTAIN: tally.abstain,
                }
            )
    return counts


def _percent(part: int, whole: int) -> Decimal:
    """`part` of `whole` in percent, to two decimals like the catalogue's percentages: so that
    2 of 3 meets a two-thirds quorum or threshold entered as 66.67."""
    return (
        (Decimal(part) * HUNDRED / Decimal(whole)).quantize(Decimal("0.01"))
        if whole
        else Decimal(0)
    )


def _nominee_label(nomination: Nomination) -> str:
    nominee = nomination.nominee
    name = getattr(nominee, "full_name", None) or str(nominee)
    return f"{name} ({nomination.nominating_unit.name})"


def _minutes_text(
    session: CouncilSession, items: list[AgendaItem], attendance: list[Attendance]
) -> str:
    """The minutes of the meeting, in the installation's language (Vietnamese)."""
    with translation.override(settings.LANGUAGE_CODE):
        present = [a for a in attendance if a.present]
        absent = [a for a in attendance if not a.present]

        def who(row: Attendance) -> str:
            member = row.member
            label = f"- {member.user.full_name or member.user.get_username()}"
            label += f", {member.get_position_display()}"
            if member.title:
                label += f" ({member.title})"
            if row.note:
                label += f": {row.note}"
            return label

        scheduled = date_format(timezone.localtime(session.scheduled_at), "d/m/Y H:i")
        closed = date_format(timezone.localtime(session.closed_at), "d/m/Y H:i")
        lines = [
            _("MINUTES OF THE MEETING OF THE EMULATION AND COMMENDATION COUNCIL"),
            session.council.name,
            _("Session: %(title)s") % {"title": session.title},
            _("Time: %(time)s. Place: %(place)s.")
            % {"time": scheduled, "place": session.location or _("not recorded")},
            _("Members of the council: %(members)s; present: %(present)s; absent: %(absent)s.")
            % {"members": session.member_count, "present": len(present), "absent": len(absent)},
            "",
            _("Present:"),
            *[who(row) for row in present],
        ]
        if absent:
            lines += [_("Absent:"), *[who(row) for row in absent]]
        lines += ["", _("Results of the vote:")]
        for number, item in enumerate(items, start=1):
            award = item.nomination.award_type
            lines.append(
                f"{number}. {_nominee_label(item.nomination)} – {award.short_name or award.name}"
            )
            lines.append(
                "   "
                + _(
                    "%(ballot)s; for: %(yes)s, against: %(no)s, abstained: %(abstain)s; "
                    "counted over %(base)s (%(vote_base)s), %(threshold)s%% needed; "
                    "result: %(result)s."
                )
                % {
                    "ballot": item.get_ballot_type_display(),
                    "yes": item.yes_count,
                    "no": item.no_count,
                    "abstain": item.abstain_count,
                    "base": item.base_count,
                    "vote_base": item.get_vote_base_display().lower(),
                    "threshold": f"{item.threshold_pct.normalize():f}",
                    "result": item.get_result_display().lower(),
                }
            )
        lines += ["", _("The session closed at %(time)s.") % {"time": closed}]
        return "\n".join(lines)


@service
def council_session_close(
    *, actor: Any, session: CouncilSession, minutes: str = ""
) -> CouncilSession:
    """Count the votes and end the meeting.

    Refused, with nothing changed, while fewer members are present than the strictest quorum of
    the agenda's awards. Otherwise each item passes when its votes for reach the award's
    threshold of the members counted (all of them, or those present); each nomination's council
    task is completed — passed ones go on to the decision, the others end — the minutes are
    written (generated when not given) and the signers and nominating units are told.
    """
    grant = _secretary(actor, session.council)
    locked = _lock_session(session)
    _expect_status(locked, SessionStatus.OPEN)
    items = list(
        locked.items.select_related(
            "nomination__award_type",
            "nomination__nominee_person",
            "nomination__nominee_unit",
            "nomination__nominating_unit",
        ).order_by("position", "pk")
    )
    attendance = list(
        locked.attendance.select_related("member__user").order_by(
            "member__position", "member__user__full_name"
        )
    )
    members = locked.member_count or 0
    present = sum(1 for row in attendance if row.present)
    needed, strict = _quorum_needed(items)
    share = _percent(present, members)
    if members == 0 or share < needed or (strict and share == needed):
        raise DomainConflict(
            Code.QUORUM_NOT_MET,
            details={
                "present": present,
                "members": members,
                "present_pct": str(share),
                "quorum_pct": str(needed),
            },
        )
    tallies = _tallies(locked, items)
    results = []
    for item in items:
        counts = tallies[item.pk]
        base = members if item.vote_base == VoteBase.ALL_MEMBERS else present
        yes = counts[VoteChoice.YES]
        passed = base > 0 and _percent(yes, base) >= item.threshold_pct
        item.yes_count = yes
        item.no_count = counts[VoteChoice.NO]
        item.abstain_count = counts[VoteChoice.ABSTAIN]
        item.base_count = base
        item.result = AgendaResult.PASSED if passed else AgendaResult.NOT_PASSED
        item.save(
            update_fields=[
                "yes_count",
                "no_count",
                "abstain_count",
                "base_count",
                "result",
                "updated_at",
            ]
        )
        results.append(
            {
                "nomination": item.nomination_id,
                "yes": item.yes_count,
                "no": item.no_count,
                "abstain": item.abstain_count,
                "base": base,
                "threshold_pct": str(item.threshold_pct),
                "result": item.result,
            }
        )

    now = timezone.now()
    decided: list[Nomination] = []
    for item in items:
        nomination = lock_nomination(item.nomination)
        if nomination.status != S.AT_COUNCIL:
            raise DomainConflict(Code.STEP_NOT_OPEN, details={"nomination": [str(nomination)]})
        with working_step(
            nomination=nomination, step=Step.COUNCIL, actor=actor, take_over=True
        ) as activation:
            if item.result == AgendaResult.PASSED:
                nomination.status = S.AWAITING_DECISION
            else:
                nomination.status = S.NOT_PASSED
                nomination.current_unit = None
                nomination.closed_at = now
                nomination.closing_reason = _(
                    "Not passed by the council (session “%(session)s”): %(yes)s for out of "
                    "%(base)s counted, %(threshold)s%% needed."
                ) % {
                    "session": locked.title,
                    "yes": item.yes_count,
                    "base": item.base_count,
                    "threshold": f"{item.threshold_pct.normalize():f}",
                }
            nomination.save(
                update_fields=[
                    "status",
                    "current_unit",
                    "closed_at",
                    "closing_reason",
                    "updated_at",
                ]
            )
            activation.process.nomination = nomination  # the flow's switch reads this state
        decided.append(nomination)

    locked.status = SessionStatus.CLOSED
    locked.closed_at = now
    locked.minutes = minutes.strip() or _minutes_text(locked, items, attendance)
    locked.save(update_fields=["status", "closed_at", "minutes", "updated_at"])
    audit_record(
        actor=actor,
        event_type=EventType.COUNCIL_SESSION_CLOSED,
        obj=locked,
        via=grant,
        unit=locked.council.unit_id,
        changes={
            "status": [SessionStatus.OPEN, SessionStatus.CLOSED],
            "members": members,
            "present": present,
            "items": results,
        },
    )
    # Each nomination's own trail shows the council's result (the session's event has them all).
    for item, nomination in zip(items, decided, strict=True):
        audit_record(
            actor=actor,
            event_type=EventType.NOMINATION_VOTED,
            obj=nomination,
            via=grant,
            unit=nomination.nominating_unit_id,
            changes={
                "session": locked.pk,
                "result": item.result,
                "ballot": item.ballot_type,
                "for": item.yes_count,
                "against": item.no_count,
                "abstained": item.abstain_count,
                "counted_over": item.base_count,
                "threshold_pct": item.threshold_pct,
                "status": [S.AT_COUNCIL, nomination.status],
            },
        )
    for nomination in decided:
        if nomination.status == S.AWAITING_DECISION:
            subject = _("Passed by the council, ready for the decision: %(nomination)s")
        else:
            subject = _("Not passed by the council: %(nomination)s")
        notify_next(nomination, subject % {"nomination": nomination})
    return locked


@service
def council_session_cancel(
    *, actor: Any, session: CouncilSession, reason: str = ""
) -> CouncilSession:
    """Call off a planned session; its nominations can go on another session's agenda."""
    grant = _secretary(actor, session.council)
    locked = _lock_session(session)
    _expect_status(locked, SessionStatus.PLANNED)
    locked.status = SessionStatus.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        event_type=EventType.COUNCIL_SESSION_CANCELLED,
        obj=locked,
        via=grant,
        unit=locked.council.unit_id,
        changes={"status": [SessionStatus.PLANNED, SessionStatus.CANCELLED]},
        reason=reason.strip(),
    )
    return locked
