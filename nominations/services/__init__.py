"""The writers of nominations, submission letters, councils and decisions."""

from .checks import can_override_checks, check_override, nomination_checks_run
from .councils import (
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
from .decisions import award_revoke, decision_draft, decision_issue, decision_update
from .drafts import attachment_add, attachment_remove, nomination_create, nomination_update
from .steps import (
    nomination_resubmit,
    nomination_review,
    nomination_submit,
    nomination_withdraw,
)
from .submissions import (
    submission_create,
    submission_review,
    submission_submit,
    submission_update,
)

__all__ = [
    "agenda_item_add",
    "agenda_item_remove",
    "attachment_add",
    "attachment_remove",
    "attendance_record",
    "award_revoke",
    "can_override_checks",
    "check_override",
    "council_member_add",
    "council_member_end",
    "council_save",
    "council_session_cancel",
    "council_session_close",
    "council_session_create",
    "council_session_open",
    "decision_draft",
    "decision_issue",
    "decision_update",
    "nomination_checks_run",
    "nomination_create",
    "nomination_resubmit",
    "nomination_review",
    "nomination_submit",
    "nomination_update",
    "nomination_withdraw",
    "submission_create",
    "submission_review",
    "submission_submit",
    "submission_update",
    "vote_cast",
]
