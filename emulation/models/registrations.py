"""What units and people commit to (đăng ký thi đua) and what units report against it.

Issue 4 §2-3. A unit (or a person, through their unit's clerk) registers for a campaign and a year
with the targets and titles it commits to; the upper unit acknowledges it or returns it with the
reasons. Units report their results per reporting period, with evidence files, before the period's
due date. Whether something came late is computed from the dates, never stored.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardType
from common.history import tracked_history
from common.models import TimeStampedModel
from emulation.choices import RegistrationStatus
from organizations.models import Person, Unit

from .campaigns import YEAR_VALIDATORS, Campaign, ReportingPeriod, TargetIndicator

# A registration in these states stands: the unit has registered (a returned one must be fixed).
STANDING_REGISTRATION = (RegistrationStatus.SUBMITTED, RegistrationStatus.ACKNOWLEDGED)


class Registration(TimeStampedModel):
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    # The registering unit; for a person, the unit they belong to (its clerk files it).
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="emulation_registrations",
    )
    # Who acknowledges it: the unit's direct upper unit; for a person, their own unit.
    reviewing_unit = models.ForeignKey(
        Unit, verbose_name=_("acknowledged by unit"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.SUBMITTED,
    )
    commitment = models.TextField(_("what is committed"), blank=True)
    # The first submission decides whether the registration was on time.
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    resubmitted_at = models.DateTimeField(_("last resubmitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("acknowledged or returned at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    return_reason = models.TextField(_("reasons for returning"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["campaign", "year", "unit__name"]
        verbose_name = _("emulation registration")
        verbose_name_plural = _("emulation registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "year", "unit"],
                condition=Q(person__isnull=True),
                name="registration_once_per_unit_campaign_year",
            ),
            models.UniqueConstraint(
                fields=["campaign", "year", "person"],
                condition=Q(person__isnull=False),
                name="registration_once_per_person_campaign_year",
            ),
        ]
        indexes = [
            models.Index(fields=["reviewing_unit", "status"]),
            models.Index(fields=["unit", "year"]),
        ]

    def __str__(self) -> str:
        subject = self.person if self.person_id else self.unit
        return f"{subject} – {self.campaign} ({self.year})"


class RegistrationTarget(TimeStampedModel):
    """A target the registrant commits to on one of the campaign's indicators."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    indicator = models.ForeignKey(
        TargetIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    target_value = models.DecimalField(_("committed target"), max_digits=18, decimal_places=2)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["registration", "indicator__sort_order"]
        verbose_name = _("committed target")
        verbose_name_plural = _("committed targets")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "indicator"], name="registration_target_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.target_value}"


class RegistrationTitle(TimeStampedModel):
    """A title (danh hiệu) or award the registrant aims for: one of the catalogue, or named."""

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="titles",
    )
    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["registration", "id"]
        verbose_name = _("title aimed for")
        verbose_name_plural = _("titles aimed for")
        constraints = [
            models.CheckConstraint(
                condition=Q(award_type__isnull=False) | ~Q(title=""),
                name="registration_title_named",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.award_type)


class ProgressReport(TimeStampedModel):
    """A unit's report for one reporting period: its values per indicator and evidence files.

    One per unit and period; a corrected report replaces the values (the history keeps the old
    ones) but keeps its first submission time, which decides whether it was on time."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="progress_reports"
    )
    summary = models.TextField(_("summary"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revised_at = models.DateTimeField(_("last revised at"), null=True, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["period", "unit__name"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="report_once_per_period_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.period}"


class ReportValue(TimeStampedModel):
    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        TargetIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    # Empty when the unit has nothing to report on it yet; yes/no indicators hold 1 or 0.
    value = models.DecimalField(_("value"), null=True, blank=True, max_digits=18, decimal_places=2)
    note = models.TextField(_("explanation"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["report", "indicator__sort_order"]
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="report_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.value}"


class ReportAttachment(TimeStampedModel):
    """An evidence file of a report, checked by its content like a dossier document."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("report"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="emulation/reports/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["report", "created_at"]
        verbose_name = _("report evidence")
        verbose_name_plural = _("report evidence")

    def __str__(self) -> str:
        return self.original_name
