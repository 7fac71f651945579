"""The nomination's way up, driven role by role through the services."""

import pytest
from viewflow.workflow.status import PROCESS, STATUS

from audit.models import AuditEvent, EventType
from audit.selectors import audit_chain_verify
from common.exceptions import (
    DomainConflict,
    DomainPermissionError,
    DomainRefusal,
    DomainValidationError,
)
from nominations.exceptions import NominationErrorCode as Code
from nominations.models import NominationStatus, ReviewDecision
from nominations.services import (
    nomination_resubmit,
    nomination_review,
    nomination_submit,
    nomination_update,
    nomination_withdraw,
)
from notifications.models import Notification
from workflows.selectors import open_tasks, task_inbox_for, task_queue_for
from workflows.services import task_claim

from .conftest import award


def tasks_of(nomination):
    return [(t.flow_task.name, t.status) for t in open_tasks(nomination)]


def events_of(nomination):
    return list(
        AuditEvent.objects.filter(object_id=str(nomination.pk), content_type__model="nomination")
        .order_by("seq")
        .values_list("event_type", flat=True)
    )


def test_submission_is_blocked_until_the_dossier_is_complete(draft, clerk):
    # when
    with pytest.raises(DomainRefusal) as refusal:
        nomination_submit(actor=clerk, nomination=draft)

    # then: the step is refused, the problem named with its rule and citation, and on record
    draft.refresh_from_db()
    assert draft.status == NominationStatus.DRAFT
    check = refusal.value.details["checks"][0]
    assert check["rule"] == "DOS-01"
    assert "84" in check["citation"]
    assert set(check["facts"]["missing"]) == {
        "to-trinh",
        "bao-cao-thanh-tich",
        "bien-ban-xet-khen-thuong",
    }
    assert AuditEvent.objects.filter(
        event_type=EventType.CHECKS_BLOCKED, object_id=str(draft.pk)
    ).exists()
    assert not hasattr(draft, "process") or draft.process is None


def test_approved_at_every_level_reaches_the_deciding_units_council(
    ready, clerk, district_reviewer, reviewer, council_secretary, tree
):
    # when: CĐCS → LĐLĐ huyện → LĐLĐ tỉnh (which decides a provincial certificate of merit)
    nomination = nomination_submit(actor=clerk, nomination=ready)
    assert nomination.current_unit == tree.district_a1
    nomination = nomination_review(
        actor=district_reviewer, nomination=nomination, outcome="approved"
    )
    assert nomination.current_unit == tree.province_a
    nomination = nomination_review(actor=reviewer, nomination=nomination, outcome="approved")

    # then
    assert nomination.status == NominationStatus.AT_COUNCIL
    assert nomination.deciding_unit == tree.province_a
    assert tasks_of(nomination) == [("council", STATUS.NEW)]
    assert [task.pk for task in task_queue_for(council_secretary)] == [open_tasks(nomination)[0].pk]
    levels = list(
        ReviewDecision.objects.filter(nomination=nomination).values_list("unit__code", "outcome")
    )
    assert levels == [("LDLD-A1", "approved"), ("LDLD-A", "approved")]
    assert events_of(nomination) == [
        EventType.NOMINATION_CREATED,
        EventType.ATTACHMENT_ADDED,
        EventType.ATTACHMENT_ADDED,
        EventType.ATTACHMENT_ADDED,
        EventType.NOMINATION_SUBMITTED,
        EventType.NOMINATION_APPROVED,
        EventType.NOMINATION_APPROVED,
    ]
    assert Notification.objects.filter(recipient=council_secretary).exists()
    assert audit_chain_verify() is None


def test_returned_twice_then_approved(ready, clerk, district_reviewer, reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    for round_number in (1, 2):
        # the district returns it with reasons; it waits in the nominating unit's clerk's queue
        nomination = nomination_review(
            actor=district_reviewer,
            nomination=nomination,
            outcome="returned",
            reason=f"Lần {round_number}: bổ sung số liệu sáng kiến",
        )
        assert nomination.status == NominationStatus.RETURNED
        assert tasks_of(nomination) == [("resubmit", STATUS.NEW)]
        assert Notification.objects.filter(
            recipient=clerk, subject__contains=str(nomination)
        ).exists()
        # the clerk fixes it and sends it back to the district
        nomination = nomination_update(
            actor=clerk, nomination=nomination, achievements=f"Bổ sung lần {round_number}"
        )
        nomination = nomination_resubmit(actor=clerk, nomination=nomination, note="Đã bổ sung")
        assert (
            nomination.current_unit_id == ready.current_unit_id
            or nomination.current_unit.code == "LDLD-A1"
        )

    nomination = nomination_review(
        actor=district_reviewer, nomination=nomination, outcome="approved"
    )
    nomination = nomination_review(actor=reviewer, nomination=nomination, outcome="approved")

    assert nomination.status == NominationStatus.AT_COUNCIL
    assert nomination.return_count == 2
    rounds = list(nomination.reviews.values_list("round", "outcome"))
    assert rounds == [(1, "returned"), (2, "returned"), (3, "approved"), (3, "approved")]
    returns = AuditEvent.objects.filter(
        event_type=EventType.NOMINATION_RETURNED, object_id=str(nomination.pk)
    )
    assert [event.reason for event in returns] == [
        "Lần 1: bổ sung số liệu sáng kiến",
        "Lần 2: bổ sung số liệu sáng kiến",
    ]


def test_rejected_nomination_ends_its_process(ready, clerk, district_reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)

    nomination = nomination_review(
        actor=district_reviewer,
        nomination=nomination,
        outcome="rejected",
        reason="Không đủ tiêu chuẩn",
    )

    assert nomination.status == NominationStatus.REJECTED
    assert nomination.closing_reason == "Không đủ tiêu chuẩn"
    assert open_tasks(nomination).count() == 0
    nomination.process.refresh_from_db()
    assert nomination.process.status == PROCESS.DONE


def test_return_and_reject_need_reasons(ready, clerk, district_reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)

    for outcome in ("returned", "rejected"):
        with pytest.raises(DomainValidationError) as error:
            nomination_review(
                actor=district_reviewer, nomination=nomination, outcome=outcome, reason=" "
            )
        assert error.value.code == Code.REASON_REQUIRED


def test_withdrawn_before_the_council_votes(ready, clerk, district_reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    nomination = nomination_review(
        actor=district_reviewer, nomination=nomination, outcome="approved"
    )

    nomination = nomination_withdraw(actor=clerk, nomination=nomination, reason="Chuyển công tác")

    assert nomination.status == NominationStatus.WITHDRAWN
    assert open_tasks(nomination).count() == 0
    nomination.process.refresh_from_db()
    assert nomination.process.status == PROCESS.CANCELED
    with pytest.raises(DomainConflict):
        nomination_review(actor=district_reviewer, nomination=nomination, outcome="approved")


def test_a_draft_can_be_withdrawn_too(draft, clerk):
    nomination = nomination_withdraw(actor=clerk, nomination=draft, reason="Nhập nhầm")

    assert nomination.status == NominationStatus.WITHDRAWN


def test_the_same_step_cannot_be_completed_twice(ready, clerk, district_reviewer):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    stale = type(nomination).objects.get(pk=nomination.pk)
    nomination_review(actor=district_reviewer, nomination=nomination, outcome="approved")

    with pytest.raises(DomainConflict) as conflict:
        nomination_review(actor=district_reviewer, nomination=stale, outcome="approved")

    assert conflict.value.code == Code.STEP_NOT_OPEN
    assert [name for name, _ in tasks_of(nomination)] == ["review"]


def test_only_the_reviewers_of_the_unit_holding_it_may_act(
    ready, clerk, reviewer, reviewer_b, district_reviewer
):
    nomination = nomination_submit(actor=clerk, nomination=ready)

    # the province's reviewer reads it but it is still at the district
    with pytest.raises(DomainPermissionError):
        nomination_review(actor=reviewer, nomination=nomination, outcome="approved")
    # another province's reviewer neither
    with pytest.raises(DomainPermissionError):
        nomination_review(actor=reviewer_b, nomination=nomination, outcome="approved")
    # nor the clerk who filed it
    with pytest.raises(DomainPermissionError):
        nomination_review(actor=clerk, nomination=nomination, outcome="approved")


def test_queue_inbox_and_claim(ready, clerk, district_reviewer, tree):
    from nominations.services.steps import notify_next  # noqa: F401 - imported to make sure it exists
    from tests.nominations.conftest import actor_at

    colleague = actor_at("district_reviewer_2", "reviewer", tree.district_a1)
    nomination = nomination_submit(actor=clerk, nomination=ready)
    task = open_tasks(nomination).get()
    assert list(task_queue_for(district_reviewer)) == [task]
    assert list(task_queue_for(colleague)) == [task]

    # when one reviewer takes it
    task_claim(actor=district_reviewer, task=task)

    # then it leaves the queue and sits in their inbox; the colleague cannot act on it
    assert list(task_queue_for(colleague)) == []
    assert list(task_inbox_for(district_reviewer)) == [task]
    with pytest.raises(DomainConflict) as conflict:
        nomination_review(actor=colleague, nomination=nomination, outcome="approved")
    assert conflict.value.code == Code.TASK_TAKEN


def test_a_unit_deciding_its_own_award_reviews_it_itself(
    reference_data, tree, district_clerk, clerk
):
    """A district federation's Giấy khen for a member of a grassroots union below it is decided by
    the district: the union files, the district reviews and its council votes."""
    from nominations.services import nomination_create

    from .conftest import REFERENCE_DATE, actor_at, complete_dossier

    member = __import__("tests.factories", fromlist=["PersonFactory"]).PersonFactory(
        unit=tree.cdcs_a1x
    )
    nomination = nomination_create(
        actor=clerk,
        nominating_unit=tree.cdcs_a1x,
        nominee_person=member,
        award_type=award("giay-khen-cd-cap-tren"),
        year=2025,
        reference_date=REFERENCE_DATE,
    )
    complete_dossier(clerk, nomination)
    reviewer_a1 = actor_at("reviewer_a1", "reviewer", tree.district_a1)

    nomination = nomination_submit(actor=clerk, nomination=nomination)
    nomination = nomination_review(actor=reviewer_a1, nomination=nomination, outcome="approved")

    assert nomination.deciding_unit == tree.district_a1
    assert nomination.status == NominationStatus.AT_COUNCIL


def test_award_of_the_wrong_version_or_kind_is_refused(reference_data, tree, clerk, member_a1x):
    from nominations.services import nomination_create

    from .conftest import REFERENCE_DATE

    # the 1689 version is no longer in force in 2025
    with pytest.raises(DomainValidationError) as old:
        nomination_create(
            actor=clerk,
            nominating_unit=tree.cdcs_a1x,
            nominee_person=member_a1x,
            award_type=award("bang-khen-ldld", on=__import__("datetime").date(2023, 1, 1)),
            year=2025,
            reference_date=REFERENCE_DATE,
        )
    # a flag for collectives is not for a person
    with pytest.raises(DomainValidationError) as kind:
        nomination_create(
            actor=clerk,
            nominating_unit=tree.cdcs_a1x,
            nominee_person=member_a1x,
            award_type=award("co-thi-dua-ldld"),
            year=2025,
            reference_date=REFERENCE_DATE,
        )

    assert old.value.code == Code.AWARD_NOT_APPLICABLE
    assert kind.value.code == Code.AWARD_NOT_FOR_NOMINEE


def test_a_nominee_cannot_be_nominated_twice_for_one_award_and_year(draft, clerk, member_a1x, tree):
    from nominations.services import nomination_create

    from .conftest import REFERENCE_DATE

    with pytest.raises(DomainValidationError) as error:
        nomination_create(
            actor=clerk,
            nominating_unit=tree.cdcs_a1x,
            nominee_person=member_a1x,
            award_type=draft.award_type,
            year=2025,
            reference_date=REFERENCE_DATE,
        )

    assert error.value.code == Code.DUPLICATE_NOMINATION
