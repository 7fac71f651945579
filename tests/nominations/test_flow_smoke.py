from viewflow.workflow.status import STATUS

from nominations.models import NominationStatus
from nominations.services import nomination_review, nomination_submit
from workflows.selectors import open_tasks


def test_submit_and_approve_up_to_the_council(ready, clerk, district_reviewer, reviewer, tree):
    nomination = nomination_submit(actor=clerk, nomination=ready)
    assert nomination.current_unit == tree.district_a1
    assert [t.flow_task.name for t in open_tasks(nomination)] == ["review"]

    nomination = nomination_review(
        actor=district_reviewer, nomination=nomination, outcome="approved"
    )
    assert nomination.current_unit == tree.province_a
    assert nomination.status == NominationStatus.IN_REVIEW

    nomination = nomination_review(actor=reviewer, nomination=nomination, outcome="approved")
    assert nomination.status == NominationStatus.AT_COUNCIL
    tasks = list(open_tasks(nomination))
    assert [(t.flow_task.name, t.status) for t in tasks] == [("council", STATUS.NEW)]
