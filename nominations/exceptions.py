from django.db import models
from django.utils.translation import gettext_lazy as _


class NominationErrorCode(models.TextChoices):
    AWARD_NOT_APPLICABLE = (
        "award_not_applicable",
        _(
            "This award is not in the catalogue in force on the reference date, or is closed for "
            "nominations."
        ),
    )
    AWARD_NOT_FOR_NOMINEE = (
        "award_not_for_nominee",
        _(
            "This award is not given to this kind of nominee. Choose an award for individuals, or "
            "for this kind of collective."
        ),
    )
    NOMINEE_OUTSIDE_UNIT = (
        "nominee_outside_unit",
        _("The nominee must belong to the nominating unit or one of its sub-units."),
    )
    TOPIC_REQUIRED = "topic_required", _("Choose the topic of this topic award.")
    TOPIC_NOT_OF_AWARD = "topic_not_of_award", _("This topic does not belong to this award.")
    RECORD_NOT_OF_NOMINEE = (
        "record_not_of_nominee",
        _("Only the nominee's own ratings, initiatives and awards can be cited."),
    )
    DUPLICATE_NOMINATION = (
        "duplicate_nomination",
        _("This nominee is already nominated for this award in this year."),
    )
    NO_DECIDING_UNIT = (
        "no_deciding_unit",
        _(
            "No unit above the nominating unit decides this award. Choose an award decided at "
            "your level or above."
        ),
    )
    NOT_EDITABLE = (
        "not_editable",
        _("The nomination can be changed only while it is a draft or has been returned."),
    )
    STEP_NOT_OPEN = (
        "step_not_open",
        _(
            "This step is no longer open: someone else has acted on the nomination. "
            "Reload the page."
        ),
    )
    TASK_TAKEN = "task_taken", _("Another person has taken this task.")
    NOT_TASK_OWNER = "not_task_owner", _("Only the person who took this task can release it.")
    REASSIGN_TARGET_LACKS_ROLE = (
        "reassign_target_lacks_role",
        _("The new person does not hold the role this task needs at this unit."),
    )
    REASON_REQUIRED = "reason_required", _("Give the reasons, so the unit knows what to fix.")
    CHECKS_FAILED = (
        "checks_failed",
        _("The nomination does not pass the checks of this step. See the list of problems."),
    )
    # rule checks and their overrides (issue 5 §3)
    JUSTIFICATION_REQUIRED = (
        "justification_required",
        _("Write why the nomination may go on despite this check; the reason is kept on record."),
    )
    CHECK_NOT_BLOCKING = (
        "check_not_blocking",
        _(
            "This rule does not block the nomination now, so there is nothing to override. "
            "Reload the page to see the current checks."
        ),
    )
    NO_STEP_TO_CHECK = (
        "no_step_to_check",
        _("This nomination is closed: no step is left to check."),
    )
    WITHDRAW_TOO_LATE = (
        "withdraw_too_late",
        _("The council has already voted on this nomination; it can no longer be withdrawn."),
    )
    SUBMISSION_EMPTY = "submission_empty", _("Put at least one nomination in the letter.")
    SUBMISSION_MIXED_UNITS = (
        "submission_mixed_units",
        _("A letter carries nominations of one unit only."),
    )
    ATTACHMENT_TOO_LARGE = "attachment_too_large", _("The file is too large.")
    ATTACHMENT_TYPE_REFUSED = (
        "attachment_type_refused",
        _(
            "This kind of file is not accepted. Attach a PDF, a Word or Excel document, or a JPEG "
            "or PNG image."
        ),
    )
    ATTACHMENT_EMPTY = "attachment_empty", _("The file is empty.")
    DELEGATE_INVALID = (
        "delegate_invalid",
        _("The delegate must be another active user who works at the same unit."),
    )
    # councils (issue 3 §3)
    COUNCIL_MEMBER_LACKS_ROLE = (
        "council_member_lacks_role",
        _(
            "Only an active user who holds the council member role at this unit can sit on its "
            "council. Grant the role first."
        ),
    )
    COUNCIL_MEMBER_ALREADY = (
        "council_member_already",
        _("This person is already a member of the council."),
    )
    COUNCIL_TOO_LARGE = (
        "council_too_large",
        _("The council would have more members than the regulation allows."),
    )
    COUNCIL_CHAIR_TAKEN = (
        "council_chair_taken",
        _("The council already has a chair. End the current chair's term first."),
    )
    COUNCIL_INCOMPLETE = (
        "council_incomplete",
        _(
            "The council is not complete: it needs a chair and at least the number of members "
            "the regulation sets before it can meet."
        ),
    )
    SESSION_NOT_PLANNED = (
        "session_not_planned",
        _("This can be done only before the session opens."),
    )
    SESSION_NOT_OPEN = "session_not_open", _("This can be done only while the session is open.")
    AGENDA_EMPTY = "agenda_empty", _("Put at least one nomination on the agenda first.")
    NOT_AT_THIS_COUNCIL = (
        "not_at_this_council",
        _(
            "Only nominations waiting for this council's vote can be put on its agenda: the "
            "nomination must be at the council step of this council's unit."
        ),
    )
    ALREADY_ON_AGENDA = (
        "already_on_agenda",
        _("This nomination is already on the agenda of another session."),
    )
    NOT_COUNCIL_MEMBER = (
        "not_council_member",
        _("Only members of this council can vote in its sessions."),
    )
    VOTER_NOT_PRESENT = (
        "voter_not_present",
        _("Only members recorded as present can vote. Ask the secretary to record you present."),
    )
    ALREADY_VOTED = "already_voted", _("You have already voted on this nomination.")
    ATTENDANCE_LOCKED = (
        "attendance_locked",
        _("This member has already voted in the session and cannot be marked absent."),
    )
    QUORUM_NOT_MET = (
        "quorum_not_met",
        _(
            "Not enough members are present for the council to decide: the session cannot be "
            "closed. Record the attendance, or postpone the vote."
        ),
    )
    # decisions (issue 3 §4)
    DECISION_EMPTY = "decision_empty", _("Put at least one nomination in the decision.")
    NOT_AWAITING_DECISION = (
        "not_awaiting_decision",
        _(
            "Only nominations that passed the council (or need no vote) and wait for this unit's "
            "decision can be put in it."
        ),
    )
    ALREADY_IN_DECISION = (
        "already_in_decision",
        _("This nomination is already in another decision."),
    )
    DECISION_NOT_DRAFT = (
        "decision_not_draft",
        _("The decision has been issued: it can no longer be changed."),
    )
    SIGNED_ON_INVALID = (
        "signed_on_invalid",
        _("The signing date cannot be in the future, nor before the council meeting it follows."),
    )
    NOT_REVOCABLE = (
        "not_revocable",
        _("Only an award of an issued decision that has not been revoked can be revoked."),
    )
    REVOKED_ON_INVALID = (
        "revoked_on_invalid",
        _("The revocation date must be between the decision date and today."),
    )
