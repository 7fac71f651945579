"""Award decisions: drafting from the nominations that wait for them, issuing under a gapless
number per unit and year, the award records and notifications that follow, and revocation."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from viewflow.workflow.status import PROCESS, STATUS

from audit.models import AuditEvent, EventType
from audit.selectors import audit_event_list_for
from awards.models import AwardDocumentRequirement, AwardRecord, DossierDocumentType
from awards.selectors import award_record_list_visible_to
from awards.services import catalogue_save
from common.exceptions import (
    DomainConflict,
    DomainNotFound,
    DomainPermissionError,
    DomainRefusal,
    DomainValidationError,
)
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import DecisionCounter, DecisionStatus, NominationStatus
from nominations.selectors_councils import (
    decision_get_visible,
    decision_list_visible_to,
    nomination_list_for_decision,
)
from nominations.services import (
    agenda_item_add,
    attendance_record,
    award_revoke,
    council_session_close,
    council_session_create,
    council_session_open,
    decision_draft,
    decision_issue,
    decision_update,
    vote_cast,
)
from notifications.models import Notification
from organizations.models import Role
from organizations.services import unit_update
from tests.factories import PersonFactory
from workflows.selectors import open_tasks

from .conftest import actor_at, nominate, to_council

TODAY = timezone.localdate
NO_VOTE_AWARD = "lao-dong-tien-tien"  # decided by the province without a council vote


@pytest.fixture
def awaiting(reference_data, tree, clerk, district_reviewer, reviewer):
    """Makes nominations of province A that wait for its decision (Lao động tiên tiến: no vote,
    0.3 × the base salary)."""

    def make(count=1):
        return [
            to_council(
                nominate(clerk=clerk, person=PersonFactory(unit=tree.cdcs_a1x), code=NO_VOTE_AWARD),
                clerk=clerk,
                reviewers=[district_reviewer, reviewer],
            )
            for _ in range(count)
        ]

    return make


def draft_of(actor, unit, nominations, **kwargs):
    return decision_draft(
        actor=actor,
        deciding_unit=unit,
        title="Quyết định khen thưởng danh hiệu Lao động tiên tiến năm 2025",
        nominations=nominations,
        **kwargs,
    )


@pytest.fixture
def passed(council, at_council, council_secretary, members):
    """`at_council` passed by province A's council in a closed session."""
    session = council_session_create(
        actor=council_secretary,
        council=council,
        title="Phiên họp cuối năm 2025",
        scheduled_at=timezone.make_aware(datetime.datetime(2025, 12, 10, 8, 30)),
    )
    item = agenda_item_add(actor=council_secretary, session=session, nomination=at_council)
    council_session_open(actor=council_secretary, session=session)
    for attendance in session.attendance.all():
        attendance_record(
            actor=council_secretary, session=session, member=attendance.member, present=True
        )
    for user in members:
        vote_cast(actor=user, item=item, choice="yes")
    council_session_close(actor=council_secretary, session=session)
    at_council.refresh_from_db()
    assert at_council.status == NominationStatus.AWAITING_DECISION
    return at_council


def test_a_draft_lists_recipients_with_amounts_and_cites_its_legal_bases(
    passed, council_secretary, tree, member_a1x
):
    # when the secretary drafts the decision of the council's result
    decision = draft_of(council_secretary, tree.province_a, [passed], funding_source="Quỹ TĐKT")

    # then
    assert decision.status == DecisionStatus.DRAFT and decision.number is None
    item = decision.items.get()
    assert (item.recipient_name, item.recipient_unit_name) == (
        member_a1x.full_name,
        tree.cdcs_a1x.name,
    )
    assert item.reason == passed.achievements
    assert item.amount_vnd is None  # the provincial certificate of merit carries no multiplier
    assert decision.council_session.title == "Phiên họp cuối năm 2025"
    assert "06/2022/QH15" in decision.legal_basis
    assert "999/QĐ-TLĐ" in decision.legal_basis
    assert "10/12/2025" in decision.legal_basis  # the day the council met
    assert {d.code for d in decision.legal_documents.all()} == {"LUAT-TDKT-2022", "TLD-999-2024"}
    assert AuditEvent.objects.filter(event_type=EventType.DECISION_DRAFTED).count() == 1


def test_an_amount_is_the_awards_multiple_of_the_base_salary(awaiting, council_secretary, tree):
    (nomination,) = awaiting()

    decision = draft_of(council_secretary, tree.province_a, [nomination])

    # 0.3 × 2,340,000 VND (Decree 73/2024, in force since 1 July 2024)
    assert decision.items.get().amount_vnd == 702_000


def test_only_nominations_waiting_for_this_units_decision_go_in(
    awaiting, at_council, council_secretary, tree
):
    (waiting,) = awaiting()

    # a nomination still at the council
    with pytest.raises(DomainValidationError) as not_ready:
        draft_of(council_secretary, tree.province_a, [at_council])
    # an empty decision
    with pytest.raises(DomainValidationError) as empty:
        draft_of(council_secretary, tree.province_a, [])
    draft_of(council_secretary, tree.province_a, [waiting])
    # one already in a decision
    with pytest.raises(DomainConflict) as twice:
        draft_of(council_secretary, tree.province_a, [waiting])

    assert not_ready.value.code == Code.NOT_AWAITING_DECISION
    assert empty.value.code == Code.DECISION_EMPTY
    assert twice.value.code == Code.ALREADY_IN_DECISION


def test_a_draft_is_prepared_at_the_deciding_unit_only(awaiting, clerk, reviewer_b, tree):
    (nomination,) = awaiting()

    for outsider in (clerk, reviewer_b):
        with pytest.raises(DomainPermissionError):
            draft_of(outsider, tree.province_a, [nomination])


def test_a_draft_can_gain_and_lose_nominations(
    awaiting, council_secretary, signer, tree, django_assert_max_num_queries
):
    first, second = awaiting(2)
    decision = draft_of(council_secretary, tree.province_a, [first])
    with django_assert_max_num_queries(1):
        waiting = [
            (str(n), n.nominating_unit.name) for n in nomination_list_for_decision(tree.province_a)
        ]
    assert [label for label, _unit in waiting] == [str(second)]

    decision = decision_update(
        actor=signer,
        decision=decision,
        title="Quyết định khen thưởng (sửa)",
        add_nominations=[second],
        remove_nominations=[first],
    )

    assert decision.title == "Quyết định khen thưởng (sửa)"
    assert [item.nomination for item in decision.items.all()] == [second]
    event = AuditEvent.objects.get(event_type=EventType.DECISION_UPDATED)
    assert (event.changes["added"], event.changes["removed"]) == ([second.pk], [first.pk])
    with pytest.raises(DomainValidationError) as empty:
        decision_update(actor=signer, decision=decision, remove_nominations=[second])
    assert empty.value.code == Code.DECISION_EMPTY


def test_issuing_numbers_the_decision_writes_the_award_and_notifies_the_filing_unit(
    passed, council_secretary, signer, tree, clerk, member_a1x
):
    # given a draft, and the province's document symbol
    unit_update(actor=signer_admin(tree), unit=tree.province_a, document_symbol="LĐLĐ")
    decision = draft_of(council_secretary, tree.province_a, [passed])
    Notification.objects.all().delete()

    # when the signer issues it
    decision = decision_issue(actor=signer, decision=decision, signed_on=TODAY())

    # then it has the first number of the year
    assert (decision.number, decision.reference, decision.year) == (1, "1/QĐ-LĐLĐ", TODAY().year)
    assert decision.status == DecisionStatus.ISSUED
    assert (decision.signer, decision.signed_on) == (signer, TODAY())
    # the award is in the nominee's history, for later rule checks
    record = decision.items.get().award_record
    assert record == AwardRecord.objects.get(person=member_a1x, source="decision")
    assert (record.award_code, record.year, record.decision_number, record.deciding_unit) == (
        "bang-khen-ldld",
        2025,
        "1/QĐ-LĐLĐ",
        tree.province_a,
    )
    # the nomination is awarded and its process has ended
    passed.refresh_from_db()
    assert passed.status == NominationStatus.AWARDED
    assert open_tasks(passed).count() == 0
    passed.process.refresh_from_db()
    assert passed.process.status == PROCESS.DONE
    # the filing unit is told
    assert Notification.objects.filter(recipient=clerk, subject__contains="1/QĐ-LĐLĐ").exists()
    event = AuditEvent.objects.get(event_type=EventType.DECISION_ISSUED)
    assert event.changes["award_records"] == [record.pk]
    # and the nomination's own trail shows the council's result and the award, in order
    trail = list(audit_event_list_for(passed).values_list("event_type", flat=True))
    assert trail[-2:] == [EventType.NOMINATION_VOTED, EventType.NOMINATION_AWARDED]
    voted = audit_event_list_for(passed).get(event_type=EventType.NOMINATION_VOTED)
    assert voted.changes["result"] == "passed"
    assert voted.changes["for"] == voted.changes["counted_over"] > 0


def signer_admin(tree):
    return actor_at("admin_a", Role.ADMIN, tree.province_a)


def test_numbers_follow_each_other_per_unit_and_year(
    awaiting, council_secretary, signer, tree, clerk, reviewer_b
):
    # given three drafts at province A, one signed last year, and one at province B
    drafts = [draft_of(council_secretary, tree.province_a, [n]) for n in awaiting(4)]
    clerk_b = actor_at("clerk_b", Role.CLERK, tree.cdcs_b1x)
    reviewer_b1 = actor_at("reviewer_b1", Role.REVIEWER, tree.district_b1)
    signer_b = actor_at("signer_b", Role.SIGNER, tree.province_b)
    nomination_b = to_council(
        nominate(clerk=clerk_b, person=PersonFactory(unit=tree.cdcs_b1x), code=NO_VOTE_AWARD),
        clerk=clerk_b,
        reviewers=[reviewer_b1, reviewer_b],
    )
    draft_b = draft_of(signer_b, tree.province_b, [nomination_b])
    last_year = TODAY().replace(year=TODAY().year - 1, month=12, day=30)

    # when they are issued
    numbers = [
        decision_issue(actor=signer, decision=d, signed_on=TODAY()).number for d in drafts[:3]
    ]
    old = decision_issue(actor=signer, decision=drafts[3], signed_on=last_year)
    other = decision_issue(actor=signer_b, decision=draft_b, signed_on=TODAY())

    # then
    assert numbers == [1, 2, 3]
    assert (old.number, old.year) == (1, last_year.year)
    assert (other.number, other.reference) == (1, "1/QĐ-LDLD-B")
    assert DecisionCounter.objects.get(unit=tree.province_a, year=TODAY().year).last_number == 3


def test_a_failed_issue_gives_its_number_back(
    awaiting, council_secretary, signer, tree, monkeypatch
):
    # given two drafts, and the first issue failing after it took its number
    first, second = (draft_of(council_secretary, tree.province_a, [n]) for n in awaiting(2))
    from nominations.services import decisions

    def broken(**kwargs):
        raise DomainConflict(Code.STEP_NOT_OPEN)

    monkeypatch.setattr(decisions, "audit_record", broken)
    with pytest.raises(DomainConflict):
        decision_issue(actor=signer, decision=first, signed_on=TODAY())
    monkeypatch.undo()

    # when the next one is issued
    issued = decision_issue(actor=signer, decision=second, signed_on=TODAY())

    # then it takes number 1: nothing was lost
    assert issued.number == 1
    first.refresh_from_db()
    assert (first.status, first.number) == (DecisionStatus.DRAFT, None)


def test_only_the_signer_of_the_deciding_unit_issues(awaiting, council_secretary, clerk, tree):
    (nomination,) = awaiting()
    decision = draft_of(council_secretary, tree.province_a, [nomination])
    signer_b = actor_at("signer_b", Role.SIGNER, tree.province_b)

    for not_signer in (clerk, council_secretary, signer_b):
        with pytest.raises(DomainPermissionError):
            decision_issue(actor=not_signer, decision=decision, signed_on=TODAY())

    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT
    assert not DecisionCounter.objects.exists()


def test_an_issued_decision_cannot_change_or_be_issued_again(
    awaiting, council_secretary, signer, tree
):
    (nomination,) = awaiting()
    decision = decision_issue(
        actor=signer,
        decision=draft_of(council_secretary, tree.province_a, [nomination]),
        signed_on=TODAY(),
    )

    with pytest.raises(DomainConflict) as again:
        decision_issue(actor=signer, decision=decision, signed_on=TODAY())
    with pytest.raises(DomainConflict) as edit:
        decision_update(actor=signer, decision=decision, title="Sửa")

    assert again.value.code == edit.value.code == Code.DECISION_NOT_DRAFT


def test_a_decision_is_not_signed_in_the_future(awaiting, council_secretary, signer, tree):
    (nomination,) = awaiting()
    decision = draft_of(council_secretary, tree.province_a, [nomination])

    with pytest.raises(DomainValidationError) as error:
        decision_issue(
            actor=signer, decision=decision, signed_on=TODAY() + datetime.timedelta(days=1)
        )

    assert error.value.code == Code.SIGNED_ON_INVALID


def test_issuing_runs_the_decision_steps_checks(awaiting, council_secretary, signer, tree, system):
    # given the award now requires a document the dossier lacks
    (nomination,) = awaiting()
    decision = draft_of(council_secretary, tree.province_a, [nomination])
    catalogue_save(
        actor=system,
        instance=AwardDocumentRequirement(
            award_type=nomination.award_type,
            document_type=DossierDocumentType.objects.get(code="xac-nhan-sang-kien"),
        ),
    )

    # when
    with pytest.raises(DomainRefusal) as refusal:
        decision_issue(actor=signer, decision=decision, signed_on=TODAY())

    # then nothing is issued, and the refusal is on record
    assert refusal.value.code == Code.CHECKS_FAILED
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT
    assert not DecisionCounter.objects.exists()
    assert AuditEvent.objects.filter(event_type=EventType.CHECKS_BLOCKED).count() == 1
    assert [t.flow_task.name for t in open_tasks(nomination)] == ["decision"]


def test_a_revoked_award_keeps_its_reason_where_it_is_read(
    passed, council_secretary, signer, tree, clerk, member_a1x
):
    # given an issued decision
    decision = decision_issue(
        actor=signer,
        decision=draft_of(council_secretary, tree.province_a, [passed]),
        signed_on=TODAY(),
    )
    item = decision.items.get()
    reason = "Kê khai sai thành tích (Luật Thi đua, khen thưởng 2022, chương VII)."
    Notification.objects.all().delete()

    # a reason is required
    with pytest.raises(DomainValidationError) as no_reason:
        award_revoke(actor=signer, item=item, reason="", revoked_on=TODAY())
    assert no_reason.value.code == Code.REASON_REQUIRED
    # a clerk cannot revoke
    with pytest.raises(DomainPermissionError):
        award_revoke(actor=clerk, item=item, reason=reason, revoked_on=TODAY())

    # when the signer revokes it
    award_revoke(actor=signer, item=item, reason=reason, revoked_on=TODAY())

    # then the item, the award record and the nomination say so, with the reason
    item.refresh_from_db()
    assert (item.revoked_on, item.revocation_reason, item.revoked_by) == (TODAY(), reason, signer)
    record = award_record_list_visible_to(clerk).get(person=member_a1x)
    assert (record.revoked_on, record.revocation_reason) == (TODAY(), reason)
    passed.refresh_from_db()
    assert passed.status == NominationStatus.REVOKED
    assert passed.closing_reason == reason
    shown = decision_get_visible(clerk, decision.pk).items.all()[0]
    assert shown.revocation_reason == reason
    assert Notification.objects.filter(recipient=clerk, body=reason).exists()
    event = AuditEvent.objects.get(event_type=EventType.AWARD_REVOKED)
    assert event.reason == reason
    # and it cannot be revoked twice
    with pytest.raises(DomainConflict) as twice:
        award_revoke(actor=signer, item=item, reason=reason, revoked_on=TODAY())
    assert twice.value.code == Code.NOT_REVOCABLE


def test_decisions_are_read_by_the_deciding_unit_and_the_units_they_award(
    awaiting,
    council_secretary,
    signer,
    tree,
    clerk,
    reviewer_b,
    auditor,
    django_assert_max_num_queries,
):
    # given three issued decisions of province A
    for nomination in awaiting(3):
        decision_issue(
            actor=signer,
            decision=draft_of(council_secretary, tree.province_a, [nomination]),
            signed_on=TODAY(),
        )
    decision = decision_list_visible_to(auditor).first()

    # when / then: the nominating unit's clerk sees them, another province does not
    with django_assert_max_num_queries(2):
        rows = [
            (d.reference, d.deciding_unit.name, d.signer) for d in decision_list_visible_to(clerk)
        ]
    assert [reference for reference, _u, _s in rows] == [
        "3/QĐ-LDLD-A",
        "2/QĐ-LDLD-A",
        "1/QĐ-LDLD-A",
    ]
    assert not decision_list_visible_to(reviewer_b).exists()
    with pytest.raises(DomainNotFound):
        decision_get_visible(reviewer_b, decision.pk)
    with django_assert_max_num_queries(3):  # decision, its documents, its recipients
        page = decision_get_visible(auditor, decision.pk)
        lines = [(i.recipient_name, i.award_type.name, i.amount_vnd) for i in page.items.all()]
        documents = [d.number for d in page.legal_documents.all()]
    assert lines[0][2] == 702_000
    assert "06/2022/QH15" in documents


def test_a_decision_task_taken_by_another_signer_is_taken_over(
    awaiting, council_secretary, signer, tree
):
    from workflows.selectors import open_task
    from workflows.services import task_claim

    (nomination,) = awaiting()
    deputy = actor_at("signer_2", Role.SIGNER, tree.province_a)
    task_claim(actor=deputy, task=open_task(nomination, "decision"))
    decision = draft_of(council_secretary, tree.province_a, [nomination])

    decision_issue(actor=signer, decision=decision, signed_on=TODAY())

    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.AWARDED
    assert not open_tasks(nomination).filter(status=STATUS.ASSIGNED).exists()


def test_amount_follows_the_base_salary_on_the_signing_date(
    awaiting, council_secretary, signer, tree
):
    # given a draft today, signed on a day when the base salary was lower
    (nomination,) = awaiting()
    decision = draft_of(council_secretary, tree.province_a, [nomination])

    decision = decision_issue(actor=signer, decision=decision, signed_on=datetime.date(2024, 6, 30))

    # 0.3 × 1,800,000 VND (Decree 24/2023)
    assert decision.items.get().amount_vnd == int(Decimal("0.3") * 1_800_000)
