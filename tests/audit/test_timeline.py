"""The auditor's timeline of a nomination (issue 6 §4), the diff between two versions of an
object, and the history of the workflow engine's own rows (issue 6 §1)."""

import pytest
from django.apps import apps
from viewflow.workflow.models import Task

from audit.models import EventType
from audit.selectors import (
    TimelineKind,
    history_diff,
    nomination_timeline,
    object_history_for,
)
from common.exceptions import DomainNotFound, DomainPermissionError
from nominations.models import Nomination, NominationStatus
from nominations.services import nomination_submit, nomination_update
from tests.factories import PersonFactory
from tests.nominations.conftest import nominate
from workflows.selectors import open_task
from workflows.services import task_claim, task_release
from workflows.tasks import workflow_tick

from .journeys import returned_twice_then_awarded


@pytest.fixture
def awarded(ready, clerk, district_reviewer, reviewer, council, council_secretary, members, signer):
    return returned_twice_then_awarded(
        ready,
        clerk=clerk,
        district_reviewer=district_reviewer,
        reviewer=reviewer,
        council=council,
        secretary=council_secretary,
        members=members,
        signer=signer,
    )


def _of_kind(timeline, kind):
    return [entry for entry in timeline.entries if entry.kind == kind]


def test_the_timeline_shows_every_step_of_a_nomination_in_order(
    awarded, auditor, district_reviewer, signer
):
    # when
    timeline = nomination_timeline(auditor, awarded)

    # then the business events tell the story, in order
    events = [entry.code for entry in _of_kind(timeline, TimelineKind.EVENT)]
    story = [
        EventType.NOMINATION_CREATED,
        EventType.NOMINATION_SUBMITTED,
        EventType.TASK_CLAIMED,
        EventType.NOMINATION_RETURNED,
        EventType.NOMINATION_RESUBMITTED,
        EventType.TASK_CLAIMED,
        EventType.NOMINATION_RETURNED,
        EventType.NOMINATION_RESUBMITTED,
        EventType.NOMINATION_APPROVED,
        EventType.NOMINATION_APPROVED,
        EventType.AGENDA_ITEM_ADDED,
        EventType.NOMINATION_VOTED,
        EventType.DECISION_DRAFTED,
        EventType.DECISION_ISSUED,
        EventType.NOMINATION_AWARDED,
    ]
    it = iter(events)
    assert all(step in it for step in story), events
    # the whole timeline is in time order
    moments = [entry.when for entry in timeline.entries]
    assert moments == sorted(moments)
    # each return carries its reviewer, role, unit and reason
    returns = [e for e in timeline.entries if e.code == EventType.NOMINATION_RETURNED]
    assert [e.reason for e in returns] == [
        "Thiếu bản thành tích có xác nhận.",
        "Số liệu chưa khớp với biên bản.",
    ]
    assert {(e.actor_id, e.role, e.unit) for e in returns} == {
        (district_reviewer.pk, "reviewer", "Liên đoàn Lao động huyện A1")
    }
    # the workflow's steps: three reviews by the district and one by the province, two
    # resubmissions, the council, the decision
    completed = [e for e in _of_kind(timeline, TimelineKind.STEP) if e.code.endswith(":completed")]
    assert [e.code.removesuffix(":completed") for e in completed] == [
        "review",
        "resubmit",
        "review",
        "resubmit",
        "review",
        "review",
        "council",
        "decision",
    ]
    assert [e.unit for e in completed if e.code == "review:completed"] == [
        "Liên đoàn Lao động huyện A1",
        "Liên đoàn Lao động huyện A1",
        "Liên đoàn Lao động huyện A1",
        "Liên đoàn Lao động tỉnh A",
    ]
    # each evaluation of the checks, where this version keeps them (issue 5)
    if apps.is_installed("nominations") and "checkrun" in apps.all_models["nominations"]:
        checks = _of_kind(timeline, TimelineKind.CHECK)
        assert checks and {check.code for check in checks} <= {"passed", "blocked"}
    # the council's tally and the decision
    (tally,) = _of_kind(timeline, TimelineKind.TALLY)
    assert tally.code == "passed"
    assert {c.field: c.new for c in tally.changes}["yes_count"] == "5"
    (decision,) = _of_kind(timeline, TimelineKind.DECISION)
    assert decision.actor_id == signer.pk
    assert decision.unit == "Liên đoàn Lao động tỉnh A"
    # field changes from history: the nomination's status moves, with who made them
    changes = [
        e for e in _of_kind(timeline, TimelineKind.CHANGE) if e.model == "nominations.nomination"
    ]
    statuses = [c.new for e in changes for c in e.changes if c.field == "status"]
    assert statuses[-1] == str(NominationStatus.AWARDED.label)
    assert statuses.count(str(NominationStatus.RETURNED.label)) == 2
    assert any(e.actor_id == district_reviewer.pk and e.role == "reviewer" for e in changes)
    assert timeline.entries.index(decision) < len(timeline.entries)


def test_the_timeline_reads_in_a_bounded_number_of_queries(
    awarded, auditor, django_assert_max_num_queries
):
    # when / then: the journey has some fifty entries; the reads do not grow with them
    with django_assert_max_num_queries(30):
        timeline = nomination_timeline(auditor, awarded.pk)
    assert len(timeline.entries) > 40


def test_a_revocation_closes_the_timeline(awarded, auditor, signer):
    # given
    from django.utils import timezone

    from nominations.services import award_revoke

    award_revoke(
        actor=signer,
        item=awarded.decision_item,
        reason="Kê khai thành tích không trung thực.",
        revoked_on=timezone.localdate(),
    )

    # when
    timeline = nomination_timeline(auditor, awarded)

    # then
    (revocation,) = _of_kind(timeline, TimelineKind.REVOCATION)
    assert revocation.actor_id == signer.pk
    assert revocation.reason == "Kê khai thành tích không trung thực."
    assert timeline.entries[-1].code == EventType.AWARD_REVOKED


def test_the_timeline_is_for_auditors_of_the_nominating_units_subtree(
    ready, auditor, clerk, tree, system_admin
):
    # given an auditor of province B
    from tests.nominations.conftest import actor_at

    auditor_b = actor_at("auditor_b", "auditor", tree.province_b)

    # then
    assert nomination_timeline(system_admin, ready).nomination == ready
    with pytest.raises(DomainNotFound):
        nomination_timeline(auditor_b, ready)
    with pytest.raises(DomainPermissionError):
        nomination_timeline(clerk, ready)


def test_the_diff_between_two_versions_names_each_changed_field(ready, clerk, auditor):
    # given
    nomination_update(actor=clerk, nomination=ready, achievements="Ba năm liền xuất sắc.")
    nomination_update(actor=clerk, nomination=ready, period_label="Đợt 2 năm 2025")
    versions = list(ready.history.order_by("history_id").values_list("history_id", flat=True))

    # when
    changes = history_diff(Nomination, ready.pk, versions[0], versions[-1])

    # then
    by_field = {change.field: change for change in changes}
    assert by_field["achievements"].old == "Hai năm liền hoàn thành xuất sắc nhiệm vụ."
    assert by_field["achievements"].new == "Ba năm liền xuất sắc."
    assert by_field["period_label"].new == "Đợt 2 năm 2025"
    assert by_field["achievements"].label == str(
        Nomination._meta.get_field("achievements").verbose_name
    )
    # the page's read: the last change by default, scoped to the auditor
    page = object_history_for(auditor, "nominations.nomination", ready.pk)
    assert [c.field for c in page.changes] == ["period_label"]
    assert len(page.versions) == len(versions)


def test_a_version_of_another_object_is_not_found(ready, clerk, member_a1x):
    # given
    other = nominate(clerk=clerk, person=PersonFactory(unit=member_a1x.memberships.get().unit))
    mine = ready.history.values_list("history_id", flat=True).first()
    theirs = other.history.values_list("history_id", flat=True).first()

    # then
    with pytest.raises(DomainNotFound):
        history_diff(Nomination, ready.pk, mine, theirs)


def test_the_history_of_objects_outside_the_subtree_is_not_found(ready, tree):
    from tests.nominations.conftest import actor_at

    auditor_b = actor_at("auditor_b", "auditor", tree.province_b)
    with pytest.raises(DomainNotFound):
        object_history_for(auditor_b, "nominations.nomination", ready.pk)
    with pytest.raises(DomainNotFound):
        object_history_for(auditor_b, "accounts.user", auditor_b.pk)


# --- the engine's own history (issue 6 §1) -------------------------------------------------------


def test_the_task_history_records_who_claimed_released_and_completed_it(
    ready, clerk, district_reviewer
):
    # given
    submitted = nomination_submit(actor=clerk, nomination=ready)
    task = open_task(ready, "review")

    # when
    task_claim(actor=district_reviewer, task=task)
    task_release(actor=district_reviewer, task=task, reason="Nghỉ phép.")
    task_claim(actor=district_reviewer, task=open_task(ready, "review"))
    from nominations.services import nomination_review

    nomination_review(actor=district_reviewer, nomination=submitted, outcome="approved")

    # then
    rows = list(Task.history.filter(id=task.pk).order_by("history_id"))
    assert rows[0].history_user == clerk  # opened by the submission
    steps = [(row.status, row.owner_id, row.history_user) for row in rows[1:]]
    assert ("ASSIGNED", district_reviewer.pk, district_reviewer) in steps
    assert ("NEW", None, district_reviewer) in steps  # released
    assert steps[-1] == ("DONE", district_reviewer.pk, district_reviewer)
    process = ready.process
    assert process.history.first().history_user is not None


def test_the_scheduler_acts_as_the_system_account(ready, clerk, system):
    # given a step whose deadline timers are due
    from django.utils import timezone

    nomination_submit(actor=clerk, nomination=ready)
    host = open_task(ready, "review")
    timers = Task.objects.filter(previous=host, flow_task_type="TIMER")
    for timer in timers:
        timer.scheduled = timezone.now() - timezone.timedelta(minutes=1)
        timer.save(update_fields=["scheduled"])

    # when
    assert workflow_tick() >= 1

    # then the timers' history names the system account
    fired = Task.history.filter(id__in=[t.pk for t in timers], history_type="~")
    assert fired.exists()
    assert {row.history_user for row in fired.exclude(status="SCHEDULED")} == {system}
