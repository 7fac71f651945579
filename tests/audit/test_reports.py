"""The auditor's anomaly reports (issue 6 §4): each finds what it should in the reader's units,
and nothing outside them, in a fixed number of queries."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from viewflow.workflow.models import Task

from audit.models import EventType
from audit.selectors_reports import (
    QuotaState,
    audit_anomaly_reports,
    report_awards_without_council,
    report_leader_share,
    report_overdue_steps,
    report_overrides,
    report_quotas,
    report_returned_often,
)
from audit.services import audit_record
from awards.models import AwardQuota, QuotaScope
from common.exceptions import DomainPermissionError
from nominations.models import NominationStatus
from nominations.services import decision_draft, decision_issue, nomination_submit
from organizations.models import Role
from tests.factories import AnnualRatingFactory, PersonFactory
from tests.nominations.conftest import actor_at, award, nominate, to_council
from workflows.selectors import open_task
from workflows.tasks import workflow_tick

YEAR = 2025


def member(unit, *, leader=False):
    person = PersonFactory(unit=unit, unit__is_leader=leader)
    for year in (2024, 2025):
        AnnualRatingFactory(person=person, year=year)
    return person


@pytest.fixture
def auditor_b(tree):
    return actor_at("auditor_b", Role.AUDITOR, tree.province_b)


@pytest.fixture
def clerk_b(tree):
    return actor_at("clerk_b", Role.CLERK, tree.cdcs_b1x)


def submitted(clerk, unit, *, leader=False, code="bang-khen-ldld"):
    return nomination_submit(
        actor=clerk, nomination=nominate(clerk=clerk, person=member(unit, leader=leader), code=code)
    )


def test_reports_are_for_auditors_only(reference_data, clerk):
    with pytest.raises(DomainPermissionError):
        audit_anomaly_reports(clerk)


def test_overrides_are_listed_with_their_reason(
    reference_data, tree, clerk, clerk_b, reviewer, auditor, auditor_b
):
    # given an override in province A and one in province B
    ours = nominate(clerk=clerk, person=member(tree.cdcs_a1x))
    theirs = nominate(clerk=clerk_b, person=member(tree.cdcs_b1x))
    with transaction.atomic():
        for nomination in (ours, theirs):
            audit_record(
                actor=reviewer,
                event_type=EventType.CHECK_OVERRIDDEN,
                obj=nomination,
                unit=nomination.nominating_unit_id,
                reason="Đã có văn bản xác nhận bổ sung.",
            )

    # when
    found = list(report_overrides(auditor))

    # then
    assert [event.object_id for event in found] == [str(ours.pk)]
    assert found[0].reason == "Đã có văn bản xác nhận bổ sung."
    assert [e.object_id for e in report_overrides(auditor_b)] == [str(theirs.pk)]
    assert list(report_overrides(auditor, since=timezone.localdate() + datetime.timedelta(1))) == []


def test_nominations_returned_more_than_n_times(reference_data, tree, clerk, auditor, auditor_b):
    # given nominations returned once, twice and three times
    nominations = []
    for returns in (1, 2, 3):
        nomination = nominate(clerk=clerk, person=member(tree.cdcs_a1x))
        nomination.return_count = returns
        nomination.save(update_fields=["return_count"])
        nominations.append(nomination)

    # then
    assert [n.return_count for n in report_returned_often(auditor)] == [3]
    assert [n.return_count for n in report_returned_often(auditor, more_than=1)] == [3, 2]
    assert list(report_returned_often(auditor_b, more_than=0)) == []


def test_an_award_issued_without_the_council_vote_it_needed(
    reference_data,
    tree,
    clerk,
    district_reviewer,
    reviewer,
    council_secretary,
    signer,
    auditor,
    auditor_b,
):
    # given an award granted without a vote (the catalogue then said none was needed)
    nomination = to_council(
        nominate(clerk=clerk, person=member(tree.cdcs_a1x), code="lao-dong-tien-tien"),
        clerk=clerk,
        reviewers=[district_reviewer, reviewer],
    )
    decision = decision_issue(
        actor=signer,
        decision=decision_draft(
            actor=council_secretary,
            deciding_unit=tree.province_a,
            title="Quyết định",
            nominations=[nomination],
        ),
        signed_on=timezone.localdate(),
    )
    assert report_awards_without_council(auditor).count() == 0

    # when the award is one that needs a council vote
    award_type = nomination.award_type
    award_type.requires_council_vote = True
    award_type.save(update_fields=["requires_council_vote"])

    # then
    (item,) = report_awards_without_council(auditor)
    assert item.decision == decision and item.nomination == nomination
    assert list(report_awards_without_council(auditor_b)) == []


def test_steps_past_their_deadline(reference_data, tree, clerk, auditor, auditor_b):
    # given a review whose deadline has passed, and one still in time
    late = submitted(clerk, tree.cdcs_a1x)
    submitted(clerk, tree.cdcs_a1x)
    host = open_task(late, "review")
    for timer in Task.objects.filter(previous=host, flow_task_type="TIMER"):
        timer.scheduled = timezone.now() - datetime.timedelta(hours=1)
        timer.save(update_fields=["scheduled"])
    workflow_tick()  # the scheduler escalates it

    # when
    report = report_overdue_steps(auditor)

    # then
    assert [(s.task.pk, s.nomination.pk, s.step) for s in report.open_steps] == [
        (host.pk, late.pk, "review")
    ]
    assert [e.object_id for e in report.escalations] == [str(late.pk)]
    empty = report_overdue_steps(auditor_b)
    assert empty.open_steps == [] and list(empty.escalations) == []


def test_the_share_of_direct_workers_among_nominees_and_awardees(
    reference_data, tree, clerk, auditor, auditor_b
):
    # given three individual nominees of CĐCS A1-X, one a leader, one of them awarded
    leader = submitted(clerk, tree.cdcs_a1x, leader=True)
    submitted(clerk, tree.cdcs_a1x)
    worker = submitted(clerk, tree.cdcs_a1x)
    nominate(clerk=clerk, person=member(tree.cdcs_a1x))  # a draft: not counted
    worker.status = NominationStatus.AWARDED
    worker.save(update_fields=["status"])
    assert leader.status == NominationStatus.IN_REVIEW

    # when
    (row,) = report_leader_share(auditor, year=YEAR)

    # then
    assert row.unit_name == tree.cdcs_a1x.name
    assert (row.nominees, row.nominee_leaders, row.nominee_workers) == (3, 1, 2)
    assert (row.awardees, row.awardee_leaders, row.awardee_workers) == (1, 0, 1)
    assert str(row.nominee_worker_share) == "66.7"
    assert str(row.awardee_worker_share) == "100.0"
    assert report_leader_share(auditor_b, year=YEAR) == []


def test_quotas_near_at_or_over_their_limit(reference_data, tree, clerk, auditor, auditor_b):
    # given quotas on the provincial certificate: two per proposing unit (the district, under
    # the deciding province) and 5% of the nominating unit's headcount (40: two)
    award_type = award("bang-khen-ldld")
    AwardQuota.objects.create(
        award_type=award_type, scope=QuotaScope.PER_PROPOSING_UNIT, limit_count=2
    )
    AwardQuota.objects.create(
        award_type=award_type, scope=QuotaScope.PERCENT_OF_HEADCOUNT, limit_percent=5
    )
    AwardQuota.objects.create(award_type=award_type, scope=QuotaScope.NATIONAL, limit_count=100)
    submitted(clerk, tree.cdcs_a1x)
    nominate(clerk=clerk, person=member(tree.cdcs_a1x))  # a draft: not counted
    assert report_quotas(auditor, year=YEAR) == []  # one of two: not near yet

    # when
    submitted(clerk, tree.cdcs_a1x)
    rows = report_quotas(auditor, year=YEAR)

    # then
    found = {(row.quota.scope, row.unit.code, row.counted, row.limit, row.state) for row in rows}
    assert found == {
        (QuotaScope.PER_PROPOSING_UNIT, "LDLD-A1", 2, 2, QuotaState.AT),
        (QuotaScope.PERCENT_OF_HEADCOUNT, "CDCS-A1X", 2, 2, QuotaState.AT),
    }
    assert report_quotas(auditor_b, year=YEAR) == []


def test_all_reports_read_in_a_fixed_number_of_queries(
    reference_data, tree, clerk, auditor, django_assert_max_num_queries
):
    # given
    for _ in range(3):
        nomination = submitted(clerk, tree.cdcs_a1x)
        nomination.return_count = 3
        nomination.save(update_fields=["return_count"])

    # then
    with django_assert_max_num_queries(20):
        reports = audit_anomaly_reports(auditor, year=YEAR)
    assert len(reports.returned_often) == 3
