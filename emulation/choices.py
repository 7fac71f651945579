"""The closed lists of the emulation app.

They live apart from the models so that the pure modules (`rollup.py`, `scoring.py`) can use
them without the database or Django's app registry.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    LAUNCHED = "launched", _("Launched, registration open")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class CampaignScope(models.TextChoices):
    """Who takes part: the launching unit's subtree (units of the chosen levels, or its direct
    sub-units when no level is chosen), or a list of chosen units."""

    SUBTREE = "subtree", _("The whole subtree")
    CHOSEN_UNITS = "chosen_units", _("Chosen units")


class Measure(models.TextChoices):
    COUNT = "count", _("Count")
    PERCENT = "percent", _("Percentage")
    MONEY = "money", _("Amount (VND)")
    YES_NO = "yes_no", _("Yes or no")


class Direction(models.TextChoices):
    """How a value compares with its target. "Over 80%" is MORE_THAN 80; "none weak" is
    AT_MOST 0; "at least 700 million" is AT_LEAST 700,000,000."""

    AT_LEAST = "at_least", _("At least (≥)")
    MORE_THAN = "more_than", _("More than (>)")
    AT_MOST = "at_most", _("At most (≤)")
    LESS_THAN = "less_than", _("Less than (<)")


HIGHER_IS_BETTER = frozenset({Direction.AT_LEAST, Direction.MORE_THAN})


class Rollup(models.TextChoices):
    """How the values of the units under the launching unit add up to the campaign's value."""

    SUM = "sum", _("Sum of the units' values")
    AVERAGE = "average", _("Average of the units' values")
    SHARE_MEETING = "share_meeting", _("Share of units meeting the unit threshold (%)")


class ReportingKind(models.TextChoices):
    PHASE = "phase", _("Phase report")
    HALF_YEAR = "half_year", _("Six-monthly report")
    YEAR = "year", _("Yearly report")


class RegistrationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RETURNED = "returned", _("Returned for changes")


class DeadlineState(models.TextChoices):
    """Where a unit stands against a deadline (computed, never stored)."""

    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    OVERDUE = "overdue", _("Missing, deadline passed")
    NOT_YET_DUE = "not_yet_due", _("Not yet received, deadline not passed")


class ClusterKind(models.TextChoices):
    REGION = "region", _("Cluster (by region)")
    SECTOR = "sector", _("Bloc (by sector)")


class OfficerPosition(models.TextChoices):
    HEAD = "head", _("Head of the cluster")
    DEPUTY = "deputy", _("Deputy head of the cluster")


class OfficerMethod(models.TextChoices):
    ELECTION = "election", _("Election")
    ROTATION = "rotation", _("Rotation")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Open for signing and scoring")
    RANKED = "ranked", _("Ranking final")
    PROPOSED = "proposed", _("Leading units proposed")


class ScoringMethod(models.TextChoices):
    """How a member's result on an indicator maps to points (emulation/scoring.py)."""

    ACHIEVED = "achieved", _("All or nothing: full points when the target is met")
    PROPORTIONAL = "proportional", _("In proportion to the target, up to full points")
    LINEAR = "linear", _("Linear from a floor (no points) to the target (full points)")
    BANDS = "bands", _("Bands: the points of the best band reached")
    ASSESSED = "assessed", _("Assessed: points given directly")


class AdjustmentKind(models.TextChoices):
    BONUS = "bonus", _("Bonus")
    PENALTY = "penalty", _("Penalty")


class ScoreSheetStatus(models.TextChoices):
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    CROSS_CHECKED = "cross_checked", _("Cross-checked by the cluster")
    FINAL = "final", _("Final")


class TieBreak(models.TextChoices):
    """Rules that order members with the same total, applied in the order the agreement lists
    them. `INDICATOR` takes an indicator code: "indicator:<code>"."""

    FEWER_PENALTIES = "fewer_penalties", _("Fewer penalty points")
    MORE_BONUS = "more_bonus", _("More bonus points")
    MORE_INDICATORS_MET = "more_indicators_met", _("More indicators with full points")
    INDICATOR = "indicator", _("More points on an indicator")
    WOMEN_MAJORITY = "women_majority", _("Collectives with at least 70% women first")
    HIGHER_WOMEN_SHARE = "higher_women_share", _("Higher share of women")
