from django.db import models
from django.utils.translation import gettext_lazy as _


class EmulationErrorCode(models.TextChoices):
    # campaigns
    CAMPAIGN_NOT_DRAFT = (
        "campaign_not_draft",
        _("This can be changed only while the campaign is a draft, before it is launched."),
    )
    CAMPAIGN_NOT_LAUNCHED = (
        "campaign_not_launched",
        _("Only a launched campaign can be put in progress."),
    )
    CAMPAIGN_NOT_OPEN = (
        "campaign_not_open",
        _(
            "The campaign is not open: units register and report only after it is launched "
            "and before it is closed."
        ),
    )
    CAMPAIGN_CLOSED = "campaign_closed", _("The campaign is closed: it can no longer be changed.")
    DATES_OUT_OF_ORDER = (
        "dates_out_of_order",
        _("The end date is before the start date. Check both dates."),
    )
    OUTSIDE_CAMPAIGN_PERIOD = (
        "outside_campaign_period",
        _("The dates must lie within the campaign's period."),
    )
    PARTICIPANT_OUTSIDE_SUBTREE = (
        "participant_outside_subtree",
        _("Only units under the launching unit can take part in its campaign."),
    )
    NO_PARTICIPANTS = (
        "no_participants",
        _("Choose the units taking part, or open the campaign to the whole subtree."),
    )
    DUPLICATE_CODE = (
        "duplicate_code",
        _("Another entry of this campaign or agreement already uses this code. Choose another."),
    )
    SHARE_NEEDS_THRESHOLD = (
        "share_needs_threshold",
        _(
            "A share of units meeting the indicator needs the threshold each unit must reach "
            "(for example 1 for “rated strong: yes”)."
        ),
    )
    DUPLICATE_PLANNED_AWARD = (
        "duplicate_planned_award",
        _("This award is already planned for the campaign. Change its number instead."),
    )
    PHASE_NOT_OF_CAMPAIGN = "phase_not_of_campaign", _("This phase belongs to another campaign.")
    PHASE_FOR_PHASE_REPORTS = (
        "phase_for_phase_reports",
        _("A phase report names its phase; six-monthly and yearly reports name none."),
    )
    IN_USE = "in_use", _("This is already used by registrations or reports and cannot be removed.")
    # registrations
    YEAR_OUTSIDE_CAMPAIGN = (
        "year_outside_campaign",
        _("The campaign does not run in this year. Choose a year within its period."),
    )
    NOT_A_PARTICIPANT = (
        "not_a_participant",
        _("This unit does not take part in the campaign."),
    )
    PERSON_NOT_IN_UNIT = (
        "person_not_in_unit",
        _("The person must belong to the registering unit now."),
    )
    ALREADY_REGISTERED = (
        "already_registered",
        _("This unit or person has already registered for this campaign and year."),
    )
    INDICATOR_NOT_OF_CAMPAIGN = (
        "indicator_not_of_campaign",
        _("This indicator is not one of the campaign's. Use the codes listed in the campaign."),
    )
    REGISTRATION_NOT_PENDING = (
        "registration_not_pending",
        _("Only a registration awaiting acknowledgement can be acknowledged or returned."),
    )
    REASON_REQUIRED = "reason_required", _("Give the reasons, so the unit knows what to fix.")
    # reports
    INDICATOR_NOT_FOR_UNIT = (
        "indicator_not_for_unit",
        _("This indicator is reported by units of another level."),
    )
    VALUE_INVALID = (
        "value_invalid",
        _(
            "A value does not fit its indicator: counts and amounts are whole numbers of zero "
            "or more, percentages lie between 0 and 100, yes/no is 1 or 0."
        ),
    )
    # clusters
    CLUSTER_DISSOLVED = "cluster_dissolved", _("This cluster has been dissolved.")
    UNIT_NOT_UNDER_PARENT = (
        "unit_not_under_parent",
        _("Only units under the unit that formed the cluster can be its members."),
    )
    ALREADY_MEMBER = (
        "already_member",
        _("This unit is already a member of a cluster of this kind formed by the same unit."),
    )
    MEMBERSHIP_ENDED = "membership_ended", _("This unit has already left the cluster.")
    NOT_A_MEMBER = (
        "not_a_member",
        _("This unit is not a member of the cluster in that year."),
    )
    OFFICER_TAKEN = (
        "officer_taken",
        _(
            "The cluster already has a head (or a deputy) for this year, or this unit already "
            "holds the other office."
        ),
    )
    MINUTES_REQUIRED = (
        "minutes_required",
        _("Record the minutes of the meeting: their number, or the signed file."),
    )
    # agreements and scoring
    AGREEMENT_EXISTS = (
        "agreement_exists",
        _("The cluster already has an agreement for this year."),
    )
    AGREEMENT_EMPTY = "agreement_empty", _("An agreement needs at least one indicator.")
    RULE_INVALID = (
        "rule_invalid",
        _("A scoring rule cannot work as given. See the problems listed for each indicator."),
    )
    TIE_BREAK_INVALID = (
        "tie_break_invalid",
        _("A tie-break rule is unknown or names an indicator the agreement does not have."),
    )
    AGREEMENT_NOT_OPEN = (
        "agreement_not_open",
        _("The ranking of this agreement is final: it can no longer be signed or scored."),
    )
    AGREEMENT_NOT_RANKED = (
        "agreement_not_ranked",
        _("Finalise the ranking before proposing the leading units."),
    )
    INDICATOR_NOT_OF_AGREEMENT = (
        "indicator_not_of_agreement",
        _("No indicator or bonus/penalty item of the agreement has this code."),
    )
    ALREADY_SIGNED = "already_signed", _("This unit has already signed the agreement.")
    TARGETS_REQUIRED = (
        "targets_required",
        _("Register the unit's target for every indicator scored against a target."),
    )
    TARGET_UNFIT = (
        "target_unfit",
        _("A registered target cannot be scored by its indicator's method (see the problem)."),
    )
    NOT_SIGNED = "not_signed", _("Only members that signed the agreement are scored.")
    SCORES_INCOMPLETE = (
        "scores_incomplete",
        _("Give a result (or, for assessed indicators, the points) for every indicator."),
    )
    POINTS_INVALID = (
        "points_invalid",
        _("Assessed points must lie between 0 and the indicator's maximum."),
    )
    SHEET_CHECKED = (
        "sheet_checked",
        _("The cluster has cross-checked this score; the unit can no longer change it."),
    )
    CHECK_OWN_SHEET = "check_own_sheet", _("A unit cannot cross-check its own score.")
    SHEETS_MISSING = (
        "sheets_missing",
        _(
            "Every member that signed needs a cross-checked score before the ranking is final. "
            "See the units listed."
        ),
    )
    TOO_MANY_LEADERS = (
        "too_many_leaders",
        _("The agreement allows fewer leading units to be proposed."),
    )
    ALREADY_PROPOSED = (
        "already_proposed",
        _("The cluster has already recorded its proposal of leading units for this year."),
    )
    NO_LEADERS = "no_leaders", _("Propose at least one unit.")
    LEADER_NOT_RANKED = (
        "leader_not_ranked",
        _("Only members in the final ranking can be proposed."),
    )
    REASON_FOR_LOWER_RANK = (
        "reason_for_lower_rank",
        _("Give the reasons for proposing a unit ranked below the places the agreement allows."),
    )
