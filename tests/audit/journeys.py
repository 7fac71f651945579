"""Whole lives of nominations, driven role by role through the services, for the audit tests."""

from __future__ import annotations

import datetime

from django.utils import timezone

from nominations.models import CouncilMember
from nominations.services import (
    agenda_item_add,
    attendance_record,
    council_session_close,
    council_session_create,
    council_session_open,
    decision_draft,
    decision_issue,
    nomination_resubmit,
    nomination_review,
    nomination_submit,
    vote_cast,
)
from workflows.selectors import open_task
from workflows.services import task_claim

MEETING = timezone.make_aware(datetime.datetime(2025, 12, 10, 8, 30))


def vote_through(*, nomination, council, secretary, members):
    """Plan a session, open it with every member present, all vote for, close it."""
    session = council_session_create(
        actor=secretary, council=council, title="Phiên họp xét khen thưởng", scheduled_at=MEETING
    )
    agenda_item_add(actor=secretary, session=session, nomination=nomination)
    session = council_session_open(actor=secretary, session=session)
    for user in members:
        member = CouncilMember.objects.get(council=council, user=user)
        attendance_record(actor=secretary, session=session, member=member, present=True)
    item = session.items.get()
    for user in members:
        vote_cast(actor=user, item=item, choice="yes")
    return council_session_close(actor=secretary, session=session)


def returned_twice_then_awarded(
    nomination, *, clerk, district_reviewer, reviewer, council, secretary, members, signer
):
    """Submitted; returned by the district twice (resubmitted each time); approved by the
    district and by the province; voted by the province's council; decided by its signer."""
    nomination = nomination_submit(actor=clerk, nomination=nomination)
    for reason in ("Thiếu bản thành tích có xác nhận.", "Số liệu chưa khớp với biên bản."):
        task_claim(actor=district_reviewer, task=open_task(nomination, "review"))
        nomination = nomination_review(
            actor=district_reviewer, nomination=nomination, outcome="returned", reason=reason
        )
        nomination = nomination_resubmit(actor=clerk, nomination=nomination, note="Đã bổ sung.")
    nomination = nomination_review(
        actor=district_reviewer, nomination=nomination, outcome="approved"
    )
    nomination = nomination_review(actor=reviewer, nomination=nomination, outcome="approved")
    vote_through(nomination=nomination, council=council, secretary=secretary, members=members)
    nomination.refresh_from_db()
    decision = decision_draft(
        actor=secretary,
        deciding_unit=nomination.deciding_unit,
        title="Quyết định khen thưởng năm 2025",
        nominations=[nomination],
    )
    decision_issue(actor=signer, decision=decision, signed_on=timezone.localdate())
    nomination.refresh_from_db()
    return nomination
