"""Emulation campaigns (phong trào thi đua): what a unit launches for the units under it, its
phases (đợt), target indicators (chỉ tiêu), the awards it plans, and the reporting calendar.

Issue 4 §1; regulations.md §D.1 (launch and registration). The Tuyên Quang 2017 plan in the
seeds shows the shape: a yearly campaign in two phases, numeric targets (2,000 new members, over
80% of grassroots unions rated strong, a fund of at least 700 million VND), reports every six
months and at year end.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from common.history import tracked_history
from common.models import TimeStampedModel
from emulation.choices import (
    CampaignScope,
    CampaignStatus,
    Direction,
    Measure,
    ReportingKind,
    Rollup,
)
from organizations.models import Unit, UnitLevel

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class Campaign(TimeStampedModel):
    launching_unit = models.ForeignKey(
        Unit,
        verbose_name=_("launching unit"),
        on_delete=models.PROTECT,
        related_name="launched_campaigns",
    )
    name = models.CharField(_("name"), max_length=300)
    theme = models.TextField(_("theme"), blank=True)
    # The legal basis: the plan (kế hoạch) that launched it, "01/KH-CĐN" of 18/01/2019.
    plan_number = models.CharField(_("plan number"), max_length=80, blank=True)
    plan_date = models.DateField(_("plan date"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    scope = models.CharField(
        _("who takes part"),
        max_length=20,
        choices=CampaignScope.choices,
        default=CampaignScope.SUBTREE,
    )
    participant_levels = models.ManyToManyField(
        UnitLevel,
        verbose_name=_("levels taking part"),
        blank=True,
        related_name="+",
        help_text=_(
            "For a campaign over the whole subtree: the levels of the units that register and "
            "report. Leave empty for the launching unit's direct sub-units."
        ),
    )
    participants = models.ManyToManyField(
        Unit,
        verbose_name=_("units taking part"),
        blank=True,
        related_name="campaigns_taking_part",
        help_text=_("For a campaign for chosen units: the units that register and report."),
    )
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    launched_at = models.DateTimeField(_("launched at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.TextField(_("closing note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history(m2m_fields=[participant_levels, participants])

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("emulation campaign")
        verbose_name_plural = _("emulation campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="campaign_period_in_order"
            ),
        ]
        indexes = [models.Index(fields=["launching_unit", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> range:
        """The years a registration may be for."""
        return range(self.starts_on.year, self.ends_on.year + 1)


class CampaignPhase(TimeStampedModel):
    """A phase (đợt) of the campaign, with its own theme: "Đợt 1: 01/01 – 30/6"."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="phases"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=255)
    theme = models.TextField(_("theme"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    history = tracked_history()

    class Meta:
        ordering = ["campaign", "number"]
        verbose_name = _("campaign phase")
        verbose_name_plural = _("campaign phases")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="phase_number_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="phase_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TargetIndicator(TimeStampedModel):
    """A target (chỉ tiêu) of the campaign and how the units' values add up to it.

    Units at `level` (every participant when empty) report a value; the campaign's value is
    their sum, their average, or the share of them meeting `unit_threshold` (emulation/rollup.py),
    and it meets the target when it compares with `target_value` as `direction` says.
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=500)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, default=Direction.AT_LEAST
    )
    target_value = models.DecimalField(_("target"), max_digits=18, decimal_places=2)
    level = models.ForeignKey(
        UnitLevel,
        verbose_name=_("reported by units of level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty when every unit taking part reports it."),
    )
    rollup = models.CharField(
        _("how units add up"), max_length=20, choices=Rollup.choices, default=Rollup.SUM
    )
    # For Rollup.SHARE_MEETING: what each unit must reach to count as meeting the indicator.
    unit_threshold = models.DecimalField(
        _("unit threshold"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    unit_direction = models.CharField(
        _("unit threshold direction"),
        max_length=20,
        choices=Direction.choices,
        default=Direction.AT_LEAST,
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["campaign", "sort_order", "code"]
        verbose_name = _("target indicator")
        verbose_name_plural = _("target indicators")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=~Q(rollup=Rollup.SHARE_MEETING) | Q(unit_threshold__isnull=False),
                name="indicator_share_has_threshold",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlannedAward(TimeStampedModel):
    """An award the campaign plans to give, and how many."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="planned_awards",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="+"
    )
    planned_count = models.PositiveIntegerField(_("planned number"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["campaign", "award_type__sort_order"]
        verbose_name = _("planned award")
        verbose_name_plural = _("planned awards")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "award_type"], name="planned_award_once_per_campaign"
            ),
            models.CheckConstraint(
                condition=Q(planned_count__gte=1), name="planned_award_count_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type}: {self.planned_count}"


class ReportingPeriod(TimeStampedModel):
    """A period units report on, and the day the report is due: a phase, a half-year, a year."""

    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="reporting_periods",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReportingKind.choices)
    phase = models.ForeignKey(
        CampaignPhase,
        verbose_name=_("phase"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reporting_periods",
    )
    name = models.CharField(_("name"), max_length=255)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    due_on = models.DateField(_("report due on"))

    history = tracked_history()

    class Meta:
        ordering = ["campaign", "due_on", "kind"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "starts_on"], name="reporting_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="reporting_period_in_order"
            ),
            models.CheckConstraint(
                condition=(Q(kind=ReportingKind.PHASE) & Q(phase__isnull=False))
                | (~Q(kind=ReportingKind.PHASE) & Q(phase__isnull=True)),
                name="reporting_period_phase_iff_phase_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name
