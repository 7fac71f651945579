"""The council: its composition, sessions, agenda, attendance, votes and the close that decides,
driven role by role through the services from a nomination at the council step."""

import datetime
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from audit.models import AuditEvent, EventType
from audit.selectors import audit_chain_verify
from awards.models import AwardDocumentRequirement, CouncilCompositionRule, DossierDocumentType
from awards.services import catalogue_save
from common.exceptions import (
    DomainConflict,
    DomainNotFound,
    DomainPermissionError,
    DomainRefusal,
    DomainValidationError,
)
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import (
    AgendaResult,
    Attendance,
    BallotCast,
    CouncilMember,
    NominationStatus,
    SecretTally,
    SessionStatus,
    Vote,
)
from nominations.selectors_councils import (
    agenda_item_tally,
    council_get_visible,
    council_member_list,
    council_session_get_visible,
    council_session_list_visible_to,
    items_voted_by,
    nomination_list_for_agenda,
)
from nominations.services import (
    agenda_item_add,
    agenda_item_remove,
    attendance_record,
    council_member_add,
    council_member_end,
    council_save,
    council_session_cancel,
    council_session_close,
    council_session_create,
    council_session_open,
    vote_cast,
)
from notifications.models import Notification
from organizations.models import Role
from tests.factories import PersonFactory
from workflows.selectors import open_task, open_tasks
from workflows.services import task_claim

from .conftest import COUNCIL_FROM, actor_at, nominate, seat, to_council

MEETING = timezone.make_aware(datetime.datetime(2025, 12, 10, 8, 30))


def tasks_of(nomination):
    return [(t.flow_task.name, t.status) for t in open_tasks(nomination)]


def plan(secretary, council, *nominations, title="Phiên họp xét khen thưởng năm 2025"):
    session = council_session_create(
        actor=secretary, council=council, title=title, scheduled_at=MEETING, location="Phòng họp 1"
    )
    for nomination in nominations:
        agenda_item_add(actor=secretary, session=session, nomination=nomination)
    return session


def open_with(secretary, session, present):
    """Open the session and record `present` (users) as present."""
    session = council_session_open(actor=secretary, session=session)
    for user in present:
        member = CouncilMember.objects.get(council=session.council, user=user)
        attendance_record(actor=secretary, session=session, member=member, present=True)
    return session


def vote_all(session, votes):
    """votes: [(user, choice)] on the session's only item."""
    item = session.items.get()
    for user, choice in votes:
        vote_cast(actor=user, item=item, choice=choice)
    return item


# --- composition -----------------------------------------------------------------------------


def test_council_is_set_up_by_the_units_administrator_only(reference_data, tree, unit_admin, clerk):
    # when
    council = council_save(actor=unit_admin, unit=tree.province_a, name="Hội đồng TĐKT tỉnh A")

    # then
    assert council.unit == tree.province_a
    assert AuditEvent.objects.filter(
        event_type=EventType.COUNCIL_SAVED, object_id=str(council.pk)
    ).exists()
    with pytest.raises(DomainPermissionError):
        council_save(actor=clerk, unit=tree.province_a, name="Hội đồng khác")


def test_a_member_must_hold_the_council_member_role_at_the_unit(council, tree, unit_admin):
    # given a user with another role at the province, and a council member of province B
    reviewer_a = actor_at("reviewer_a", Role.REVIEWER, tree.province_a)
    member_b = actor_at("member_b", Role.COUNCIL_MEMBER, tree.province_b)

    # when / then
    for user in (reviewer_a, member_b):
        with pytest.raises(DomainValidationError) as error:
            seat(council, user, by=unit_admin)
        assert error.value.code == Code.COUNCIL_MEMBER_LACKS_ROLE
        assert "user" in error.value.details


def test_the_council_stays_within_the_size_the_regulation_in_force_allows(
    council, tree, unit_admin
):
    # given five members, and the rule of QĐ 999 for a provincial federation: at most nine
    rule = CouncilCompositionRule.objects.get(
        regulation__code="TLD-999-2024", unit_level__code="tinh-nganh"
    )
    assert rule.max_members == 9
    for number in range(5, 9):
        seat(
            council,
            actor_at(f"member_{number}", Role.COUNCIL_MEMBER, tree.province_a),
            by=unit_admin,
        )
    tenth = actor_at("member_10", Role.COUNCIL_MEMBER, tree.province_a)

    # when a tenth is added
    with pytest.raises(DomainValidationError) as error:
        seat(council, tenth, by=unit_admin)

    # then it is refused, citing the regulation
    assert error.value.code == Code.COUNCIL_TOO_LARGE
    assert "2106" in error.value.details["user"][0]
    assert council_member_list(council).count() == 9

    # and once a member's term has ended, the seat is free again
    leaving = CouncilMember.objects.get(council=council, user__username="member_8")
    council_member_end(
        actor=unit_admin,
        member=leaving,
        ended_on=timezone.localdate() - datetime.timedelta(days=1),
        reason="Nghỉ hưu",
    )
    seat_of_tenth = council_member_add(
        actor=unit_admin,
        council=council,
        user=tenth,
        position="member",
        started_on=timezone.localdate(),
    )
    assert seat_of_tenth.pk is not None
    assert AuditEvent.objects.filter(event_type=EventType.COUNCIL_MEMBER_REMOVED).count() == 1


def test_a_council_has_one_chair_and_a_member_sits_once(council, tree, unit_admin, members):
    other = actor_at("member_new", Role.COUNCIL_MEMBER, tree.province_a)

    with pytest.raises(DomainValidationError) as chair:
        seat(council, other, position="chair", by=unit_admin)
    with pytest.raises(DomainValidationError) as twice:
        seat(council, members[1], by=unit_admin)

    assert chair.value.code == Code.COUNCIL_CHAIR_TAKEN
    assert twice.value.code == Code.COUNCIL_MEMBER_ALREADY


def test_ending_a_term_needs_a_reason(council, unit_admin, members):
    member = CouncilMember.objects.get(council=council, user=members[1])

    with pytest.raises(DomainValidationError) as error:
        council_member_end(actor=unit_admin, member=member, ended_on=COUNCIL_FROM, reason=" ")

    assert error.value.code == Code.REASON_REQUIRED


def test_copying_a_regulation_version_carries_its_council_rules(reference_data, system):
    from awards.models import RegulationDocument
    from awards.services import regulation_version_copy

    # given a new, empty version after 999
    source = RegulationDocument.objects.get(code="TLD-999-2024")
    source.effective_to = datetime.date(2030, 12, 31)
    catalogue_save(actor=system, instance=source)
    target = catalogue_save(
        actor=system,
        instance=RegulationDocument(
            code="TLD-NEXT",
            number="1/QĐ-TLĐ",
            kind="decision",
            title="Quy chế Khen thưởng của tổ chức Công đoàn",
            issuer="Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
            issued_on=datetime.date(2031, 1, 1),
            effective_from=datetime.date(2031, 1, 1),
            catalogue_track="union",
        ),
    )

    # when
    regulation_version_copy(actor=system, source=source, target=target)

    # then the composition rule came along, marked as to be checked
    rule = target.council_rules.get()
    assert (rule.unit_level.code, rule.max_members, rule.confidence) == (
        "tinh-nganh",
        9,
        "uncertain",
    )


# --- agenda ----------------------------------------------------------------------------------


def test_the_agenda_takes_only_nominations_at_this_councils_step(
    council, at_council, council_secretary, clerk, tree, reviewer_b
):
    # given a nomination still in review, and one at province B's council
    person = PersonFactory(unit=tree.cdcs_a1x)
    in_review = to_council(nominate(clerk=clerk, person=person), clerk=clerk, reviewers=[])
    clerk_b = actor_at("clerk_b", Role.CLERK, tree.cdcs_b1x)
    reviewer_b1 = actor_at("reviewer_b1", Role.REVIEWER, tree.district_b1)
    at_council_b = to_council(
        nominate(clerk=clerk_b, person=PersonFactory(unit=tree.cdcs_b1x)),
        clerk=clerk_b,
        reviewers=[reviewer_b1, reviewer_b],
    )
    assert at_council_b.status == NominationStatus.AT_COUNCIL
    session = plan(council_secretary, council)

    # when / then
    for nomination in (in_review, at_council_b):
        with pytest.raises(DomainValidationError) as error:
            agenda_item_add(actor=council_secretary, session=session, nomination=nomination)
        assert error.value.code == Code.NOT_AT_THIS_COUNCIL
    item = agenda_item_add(actor=council_secretary, session=session, nomination=at_council)
    assert (item.position, item.ballot_type, item.vote_base, item.threshold_pct) == (
        1,
        "open",
        "present",
        Decimal("50"),
    )
    with pytest.raises(DomainConflict) as twice:
        agenda_item_add(
            actor=council_secretary, session=plan(council_secretary, council), nomination=at_council
        )
    assert twice.value.code == Code.ALREADY_ON_AGENDA


def test_only_the_secretary_of_the_deciding_unit_plans_sessions(council, at_council, reviewer):
    with pytest.raises(DomainPermissionError):
        council_session_create(actor=reviewer, council=council, title="Phiên", scheduled_at=MEETING)


def test_the_agenda_refuses_a_dossier_the_council_checks_block(
    council, at_council, council_secretary, system
):
    # given the award now requires one more document, which the dossier lacks
    catalogue_save(
        actor=system,
        instance=AwardDocumentRequirement(
            award_type=at_council.award_type,
            document_type=DossierDocumentType.objects.get(code="xac-nhan-sang-kien"),
        ),
    )
    session = plan(council_secretary, council)

    # when
    with pytest.raises(DomainRefusal) as refusal:
        agenda_item_add(actor=council_secretary, session=session, nomination=at_council)

    # then it stays off the agenda, and the refusal is on record
    assert refusal.value.code == Code.CHECKS_FAILED
    assert not session.items.exists()
    assert AuditEvent.objects.filter(
        event_type=EventType.CHECKS_BLOCKED, object_id=str(at_council.pk)
    ).exists()


def test_a_cancelled_session_frees_its_nominations(council, at_council, council_secretary):
    # given
    first = plan(council_secretary, council, at_council)
    assert not nomination_list_for_agenda(council.unit).exists()

    # when
    council_session_cancel(actor=council_secretary, session=first, reason="Hoãn họp")

    # then the nomination can go on another session, and the cancelled one cannot open
    assert list(nomination_list_for_agenda(council.unit)) == [at_council]
    second = plan(council_secretary, council, at_council)
    assert second.items.count() == 1
    with pytest.raises(DomainConflict) as error:
        council_session_open(actor=council_secretary, session=first)
    assert error.value.code == Code.SESSION_NOT_PLANNED


def test_agenda_items_come_off_only_before_the_session_opens(
    council, at_council, council_secretary, members
):
    session = plan(council_secretary, council, at_council)
    item = session.items.get()
    agenda_item_remove(actor=council_secretary, item=item, reason="Bổ sung hồ sơ")
    assert not session.items.exists()

    item = agenda_item_add(actor=council_secretary, session=session, nomination=at_council)
    council_session_open(actor=council_secretary, session=session)
    with pytest.raises(DomainConflict) as error:
        agenda_item_remove(actor=council_secretary, item=item)
    assert error.value.code == Code.SESSION_NOT_PLANNED


# --- opening, attendance, votes --------------------------------------------------------------


def test_opening_fixes_members_and_voting_rule_and_lists_everyone_absent(
    council, at_council, council_secretary, members, system
):
    # given a session planned while the award asked for half of those present
    session = plan(council_secretary, council, at_council)
    # and the catalogue changed before the meeting
    award_type = at_council.award_type
    award_type.vote_threshold_pct = Decimal("60")
    catalogue_save(actor=system, instance=award_type)

    # when
    session = council_session_open(actor=council_secretary, session=session)

    # then
    assert session.status == SessionStatus.OPEN
    assert session.member_count == 5
    assert session.items.get().threshold_pct == Decimal("60")
    assert sorted(a.member.user.username for a in session.attendance.all()) == sorted(
        u.username for u in members
    )
    assert not session.attendance.filter(present=True).exists()


def test_a_council_without_its_chair_cannot_meet(
    reference_data, tree, unit_admin, council_secretary, at_council
):
    # given a council of two plain members (the rule requires a chair)
    council = council_save(actor=unit_admin, unit=tree.province_a, name="Hội đồng TĐKT tỉnh A")
    for number in (1, 2):
        seat(council, actor_at(f"m{number}", Role.COUNCIL_MEMBER, tree.province_a), by=unit_admin)
    session = plan(council_secretary, council, at_council)

    # when
    with pytest.raises(DomainValidationError) as error:
        council_session_open(actor=council_secretary, session=session)

    # then
    assert error.value.code == Code.COUNCIL_INCOMPLETE
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_only_members_present_vote_and_only_once(
    council, at_council, council_secretary, members, signer
):
    session = plan(council_secretary, council, at_council)
    item = session.items.get()

    # before the session opens
    with pytest.raises(DomainConflict) as not_open:
        vote_cast(actor=members[0], item=item, choice="yes")
    assert not_open.value.code == Code.SESSION_NOT_OPEN

    session = open_with(council_secretary, session, present=members[:4])

    # someone not on the council
    with pytest.raises(DomainPermissionError) as outsider:
        vote_cast(actor=signer, item=item, choice="yes")
    assert outsider.value.code == Code.NOT_COUNCIL_MEMBER
    # a member recorded absent
    with pytest.raises(DomainConflict) as absent:
        vote_cast(actor=members[4], item=item, choice="yes")
    assert absent.value.code == Code.VOTER_NOT_PRESENT
    # a member present: once
    vote_cast(actor=members[0], item=item, choice="yes")
    with pytest.raises(DomainConflict) as twice:
        vote_cast(actor=members[0], item=item, choice="no")
    assert twice.value.code == Code.ALREADY_VOTED
    # a choice that does not exist
    with pytest.raises(DomainValidationError):
        vote_cast(actor=members[1], item=item, choice="maybe")

    # an open ballot shows who voted how
    assert list(Vote.objects.values_list("member__user__username", "choice")) == [
        (members[0].username, "yes")
    ]
    event = AuditEvent.objects.get(event_type=EventType.VOTE_RECORDED)
    assert event.changes["choice"] == "yes"
    member = CouncilMember.objects.get(council=council, user=members[0])
    assert items_voted_by(member, session) == {item.pk}


def test_a_member_of_another_provinces_council_cannot_vote(
    council, at_council, council_secretary, members, tree
):
    # given province B's council and its member
    admin_b = actor_at("admin_b", Role.ADMIN, tree.province_b)
    council_b = council_save(actor=admin_b, unit=tree.province_b, name="Hội đồng TĐKT tỉnh B")
    member_b = actor_at("member_b", Role.COUNCIL_MEMBER, tree.province_b)
    seat(council_b, member_b, position="chair", by=admin_b)
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)

    # when / then: refused, and province A's session is outside their scope
    with pytest.raises(DomainPermissionError):
        vote_cast(actor=member_b, item=session.items.get(), choice="yes")
    with pytest.raises(DomainNotFound):
        council_session_get_visible(member_b, session.pk)
    assert not Vote.objects.exists()


def test_a_member_who_voted_cannot_be_marked_absent(
    council, at_council, council_secretary, members
):
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    vote_all(session, [(members[0], "yes")])
    member = CouncilMember.objects.get(council=council, user=members[0])

    with pytest.raises(DomainConflict) as error:
        attendance_record(actor=council_secretary, session=session, member=member, present=False)

    assert error.value.code == Code.ATTENDANCE_LOCKED
    assert Attendance.objects.get(session=session, member=member).present


def _history_rows() -> int:
    """How many rows all the history tables hold."""
    return sum(
        model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )


def test_a_secret_ballot_keeps_who_voted_apart_from_how(
    council, council_secretary, members, tree, district_clerk, district_reviewer, reviewer
):
    # given the province's emulation flag for a grassroots union: a secret ballot
    flag = to_council(
        nominate(
            clerk=district_clerk,
            unit=tree.cdcs_a1x,
            code="co-thi-dua-ldld",
            nominating_unit=tree.district_a1,
        ),
        clerk=district_clerk,
        reviewers=[reviewer],
    )
    assert flag.award_type.ballot_type == "secret"
    session = open_with(council_secretary, plan(council_secretary, council, flag), members)
    item = session.items.get()
    history_before = _history_rows()

    # when the five members vote
    choices = ["yes", "yes", "no", "yes", "abstain"]
    for user, choice in zip(members, choices, strict=True):
        vote_cast(actor=user, item=item, choice=choice)

    # then who voted is known, how each voted is not: no Vote row, no choice in the audit
    # events, no history row written by the votes
    assert not Vote.objects.exists()
    assert BallotCast.objects.filter(item=item).count() == 5
    assert {f.name for f in BallotCast._meta.concrete_fields} == {"id", "item", "member"}
    events = AuditEvent.objects.filter(event_type=EventType.VOTE_RECORDED)
    assert events.count() == 5
    for event in events:
        assert set(event.changes) == {"item", "member", "ballot"}
        assert event.changes["ballot"] == "secret"
        dumped = json.dumps(event.changes) + event.reason + event.object_repr
        assert not any(choice in dumped for choice in ("yes", "no", "abstain"))
    assert _history_rows() == history_before
    assert not hasattr(SecretTally, "history") and not hasattr(BallotCast, "history")
    # the running count stays hidden while the session is open
    assert (
        agenda_item_tally(council_session_get_visible(council_secretary, session.pk).items.get())
        is None
    )
    tally = SecretTally.objects.get(item=item)
    assert (tally.yes, tally.no, tally.abstain) == (3, 1, 1)

    # and closing counts it
    council_session_close(actor=council_secretary, session=session)
    item.refresh_from_db()
    assert (item.yes_count, item.no_count, item.abstain_count, item.result) == (
        3,
        1,
        1,
        AgendaResult.PASSED,
    )


# --- closing ---------------------------------------------------------------------------------


def test_a_session_without_quorum_cannot_close_and_nothing_changes(
    council, at_council, council_secretary, members
):
    # given 3 of 5 members present: 60%, below the award's two-thirds quorum
    session = open_with(
        council_secretary, plan(council_secretary, council, at_council), members[:3]
    )
    vote_all(session, [(user, "yes") for user in members[:3]])

    # when
    with pytest.raises(DomainConflict) as error:
        council_session_close(actor=council_secretary, session=session)

    # then
    assert error.value.code == Code.QUORUM_NOT_MET
    assert error.value.details["present"] == 3
    assert error.value.details["quorum_pct"] == "66.67"
    session.refresh_from_db()
    at_council.refresh_from_db()
    assert session.status == SessionStatus.OPEN
    assert session.items.get().result == AgendaResult.PENDING
    assert at_council.status == NominationStatus.AT_COUNCIL
    assert tasks_of(at_council) == [("council", STATUS.NEW)]
    assert not AuditEvent.objects.filter(event_type=EventType.COUNCIL_SESSION_CLOSED).exists()


def test_a_passed_nomination_waits_for_the_signers_decision(
    council, at_council, council_secretary, members, signer
):
    # given 4 of 5 present; 2 for, 1 against, 1 abstains: half of those present
    session = open_with(
        council_secretary, plan(council_secretary, council, at_council), members[:4]
    )
    vote_all(session, zip(members[:4], ["yes", "no", "yes", "abstain"], strict=True))

    # when
    session = council_session_close(actor=council_secretary, session=session)

    # then
    item = session.items.get()
    assert (item.yes_count, item.no_count, item.abstain_count, item.base_count) == (2, 1, 1, 4)
    assert item.result == AgendaResult.PASSED
    at_council.refresh_from_db()
    assert at_council.status == NominationStatus.AWAITING_DECISION
    assert tasks_of(at_council) == [("decision", STATUS.NEW)]
    assert Notification.objects.filter(recipient=signer).exists()
    # the minutes were written, in Vietnamese
    assert session.status == SessionStatus.CLOSED
    assert "BIÊN BẢN" in session.minutes
    assert "Đạt" in session.minutes or "đạt" in session.minutes
    event = AuditEvent.objects.get(event_type=EventType.COUNCIL_SESSION_CLOSED)
    assert event.changes["items"][0]["result"] == AgendaResult.PASSED
    assert event.changes["present"] == 4
    assert audit_chain_verify() is None


def test_a_nomination_below_the_threshold_ends_its_process(
    council, at_council, council_secretary, members, clerk
):
    # given 4 present, 1 for and 3 against
    session = open_with(
        council_secretary, plan(council_secretary, council, at_council), members[:4]
    )
    vote_all(session, zip(members[:4], ["yes", "no", "no", "no"], strict=True))
    Notification.objects.all().delete()

    # when
    council_session_close(actor=council_secretary, session=session, minutes="Biên bản tay.")

    # then
    at_council.refresh_from_db()
    assert at_council.status == NominationStatus.NOT_PASSED
    assert at_council.closed_at is not None
    assert "1" in at_council.closing_reason and "50" in at_council.closing_reason
    assert open_tasks(at_council).count() == 0
    at_council.process.refresh_from_db()
    assert at_council.process.status == PROCESS.DONE
    assert Notification.objects.filter(recipient=clerk).exists()
    session.refresh_from_db()
    assert session.minutes == "Biên bản tay."


def test_a_threshold_over_all_members_counts_the_absent_against(
    council, at_council, council_secretary, members, system
):
    # given the award counts its threshold over all members, and 2 of the 4 present vote for:
    # half of those present, but only 40% of the council
    award_type = at_council.award_type
    award_type.vote_base = "all_members"
    catalogue_save(actor=system, instance=award_type)
    session = open_with(
        council_secretary, plan(council_secretary, council, at_council), members[:4]
    )
    vote_all(session, zip(members[:4], ["yes", "yes", "no", "no"], strict=True))

    # when
    council_session_close(actor=council_secretary, session=session)

    # then
    item = session.items.get()
    assert (item.base_count, item.result) == (5, AgendaResult.NOT_PASSED)


def test_two_of_three_meets_a_two_thirds_quorum_and_threshold(
    council, at_council, council_secretary, members, unit_admin, system
):
    # given a council down to three members, and an award asking two thirds of all of them
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for user in members[3:]:
        member = CouncilMember.objects.get(council=council, user=user)
        council_member_end(
            actor=unit_admin, member=member, ended_on=yesterday, reason="Hết nhiệm kỳ"
        )
    award_type = at_council.award_type
    award_type.vote_base = "all_members"
    award_type.vote_threshold_pct = Decimal("66.67")
    catalogue_save(actor=system, instance=award_type)
    session = open_with(
        council_secretary, plan(council_secretary, council, at_council), members[:2]
    )
    vote_all(session, [(user, "yes") for user in members[:2]])

    # when two of the three, present, vote for
    council_session_close(actor=council_secretary, session=session)

    # then the quorum (66.67%) was met and the award passed
    session.refresh_from_db()
    item = session.items.get()
    assert (session.member_count, item.base_count, item.result) == (3, 3, AgendaResult.PASSED)


def test_closing_takes_over_a_council_task_another_secretary_had_claimed(
    council, at_council, council_secretary, members, tree
):
    # given another secretary of the province took the nomination's council task
    colleague = actor_at("secretary_2", Role.COUNCIL_SECRETARY, tree.province_a)
    task_claim(actor=colleague, task=open_task(at_council, "council"))
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)
    vote_all(session, [(user, "yes") for user in members])

    # when the secretary running the session closes it
    council_session_close(actor=council_secretary, session=session)

    # then the council step is done all the same
    at_council.refresh_from_db()
    assert at_council.status == NominationStatus.AWAITING_DECISION


def test_only_the_secretary_closes_a_session(council, at_council, council_secretary, members):
    session = open_with(council_secretary, plan(council_secretary, council, at_council), members)

    with pytest.raises(DomainPermissionError):
        council_session_close(actor=members[0], session=session)


# --- reads -----------------------------------------------------------------------------------


def test_session_pages_read_in_a_fixed_number_of_queries(
    council,
    council_secretary,
    members,
    clerk,
    tree,
    district_reviewer,
    reviewer,
    django_assert_max_num_queries,
):
    # given a session with three nominations, open, some votes cast
    nominations = [
        to_council(
            nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x)),
            clerk=clerk,
            reviewers=[district_reviewer, reviewer],
        )
        for _ in range(3)
    ]
    session = open_with(council_secretary, plan(council_secretary, council, *nominations), members)
    for item in session.items.all():
        vote_cast(actor=members[0], item=item, choice="yes")
    plan(council_secretary, council, title="Phiên bổ sung")
    # a fresh reader object: its roles are not cached yet
    reader = type(council_secretary).objects.get(pk=council_secretary.pk)

    # when / then
    with django_assert_max_num_queries(2):  # the reader's roles, the sessions
        sessions = list(council_session_list_visible_to(reader))
        labels = [(s.title, s.council.unit.name) for s in sessions]
    assert len(labels) == 2
    with django_assert_max_num_queries(4):  # session, agenda, open votes, attendance
        page = council_session_get_visible(reader, session.pk)
        rows = [
            (str(item.nomination), item.nomination.nominating_unit.name, agenda_item_tally(item))
            for item in page.items.all()
        ]
        present = [a.member.user.full_name for a in page.attendance.all() if a.present]
    assert [tally.yes for _n, _u, tally in rows] == [1, 1, 1]
    assert len(present) == 5
    with django_assert_max_num_queries(1):
        waiting = [str(n) for n in nomination_list_for_agenda(tree.province_a)]
    assert waiting == []  # all three are on the open session's agenda
    with django_assert_max_num_queries(2):
        council_page = council_get_visible(reader, council.pk)
        assert len([m.user.full_name for m in council_page.members.all()]) == 5


def test_sessions_of_another_province_are_not_found(council, council_secretary, reviewer_b):
    session = plan(council_secretary, council)

    assert not council_session_list_visible_to(reviewer_b).exists()
    with pytest.raises(DomainNotFound):
        council_session_get_visible(reviewer_b, session.pk)
