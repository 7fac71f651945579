"""Nominations (hồ sơ đề nghị khen thưởng), their dossier documents, the submission letters that
carry them up, and the decision of every review step."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardRecord, AwardTopic, AwardType, DossierDocumentType
from common.history import tracked_history
from common.models import TimeStampedModel
from organizations.models import AnnualRating, Initiative, Person, Unit

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for changes")
    AT_COUNCIL = "at_council", _("At the council")
    AWAITING_DECISION = "awaiting_decision", _("Passed the council, awaiting the decision")
    AWARDED = "awarded", _("Awarded")
    NOT_PASSED = "not_passed", _("Not passed by the council")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVOKED = "revoked", _("Award revoked")


# Nominations in these states are finished: they hold no task and cannot move again (a revoked
# award is a later change to an awarded one).
CLOSED_STATUSES = frozenset(
    {
        NominationStatus.AWARDED,
        NominationStatus.NOT_PASSED,
        NominationStatus.REJECTED,
        NominationStatus.WITHDRAWN,
        NominationStatus.REVOKED,
    }
)
# A nominee may not be nominated twice for the same award and year while one is alive.
ALIVE_STATUSES = [
    NominationStatus.DRAFT,
    NominationStatus.IN_REVIEW,
    NominationStatus.RETURNED,
    NominationStatus.AT_COUNCIL,
    NominationStatus.AWAITING_DECISION,
    NominationStatus.AWARDED,
]


class Submission(TimeStampedModel):
    """A submission letter (tờ trình): one unit sends several nominations to the next level."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    nominating_unit = models.ForeignKey(
        Unit, verbose_name=_("from unit"), on_delete=models.PROTECT, related_name="submissions"
    )
    to_unit = models.ForeignKey(
        Unit,
        verbose_name=_("to unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_submissions",
    )
    number = models.CharField(_("letter number"), max_length=60, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default="draft")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The signed letter; it stands for the "tờ trình" of every nomination it carries.
    letter_file = models.FileField(
        _("signed letter"), upload_to="submissions/%Y/%m/", blank=True, max_length=300
    )
    letter_file_name = models.CharField(_("file name"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("submission letter")
        verbose_name_plural = _("submission letters")

    def __str__(self) -> str:
        return self.number or self.subject


class Nomination(TimeStampedModel):
    nominating_unit = models.ForeignKey(
        Unit,
        verbose_name=_("nominating unit"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    nominee_person = models.ForeignKey(
        Person,
        verbose_name=_("nominated person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    nominee_unit = models.ForeignKey(
        Unit,
        verbose_name=_("nominated collective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_nominations",
    )
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award"), on_delete=models.PROTECT, related_name="nominations"
    )
    topic = models.ForeignKey(
        AwardTopic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    # The regulation version in force on this date judges the nomination (ADR 0004).
    reference_date = models.DateField(_("reference date"))
    period_label = models.CharField(
        _("phase or campaign"),
        max_length=200,
        blank=True,
        help_text=_("For example: Đợt 1 năm 2025."),
    )
    achievements = models.TextField(_("summary of achievements"), blank=True)
    ratings = models.ManyToManyField(
        AnnualRating, verbose_name=_("ratings cited"), blank=True, related_name="nominations"
    )
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatives cited"), blank=True, related_name="nominations"
    )
    prior_awards = models.ManyToManyField(
        AwardRecord, verbose_name=_("prior awards cited"), blank=True, related_name="nominations"
    )
    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission letter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    status = models.CharField(
        _("status"), max_length=30, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    # Where the nomination is now: the reviewing unit, the nominating unit when returned, the
    # deciding unit at the council and the decision.
    current_unit = models.ForeignKey(
        Unit,
        verbose_name=_("now at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deciding_unit = models.ForeignKey(
        Unit,
        verbose_name=_("deciding unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations_to_decide",
    )
    return_count = models.PositiveSmallIntegerField(_("times returned"), default=0)
    submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history(m2m_fields=[ratings, initiatives, prior_awards])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.CheckConstraint(
                condition=(Q(nominee_person__isnull=False) & Q(nominee_unit__isnull=True))
                | (Q(nominee_person__isnull=True) & Q(nominee_unit__isnull=False)),
                name="nomination_one_nominee",
            ),
            models.UniqueConstraint(
                fields=["nominee_person", "award_type", "year"],
                condition=Q(nominee_person__isnull=False, status__in=ALIVE_STATUSES),
                name="nomination_person_once_per_award_year",
            ),
            models.UniqueConstraint(
                fields=["nominee_unit", "award_type", "year"],
                condition=Q(nominee_unit__isnull=False, status__in=ALIVE_STATUSES),
                name="nomination_unit_once_per_award_year",
            ),
        ]
        indexes = [
            models.Index(fields=["nominating_unit", "status"]),
            models.Index(fields=["current_unit", "status"]),
            models.Index(fields=["deciding_unit", "status"]),
            models.Index(fields=["year", "award_type"]),
        ]

    def __str__(self) -> str:
        return (
            f"{self.nominee} – {self.award_type.short_name or self.award_type.name} ({self.year})"
        )

    @property
    def nominee(self) -> Person | Unit | None:
        return self.nominee_person or self.nominee_unit

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class Attachment(TimeStampedModel):
    """A document of the dossier. The file is checked by its content, stored through Django's
    storage under a generated name; the uploader's file name is kept, cleaned, for display."""

    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    document_type = models.ForeignKey(
        DossierDocumentType,
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to="dossiers/%Y/%m/", max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["document_type__name", "created_at"]
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")

    def __str__(self) -> str:
        return f"{self.document_type}: {self.original_name}"


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")
    REJECTED = "rejected", _("Rejected")


class ReviewDecision(TimeStampedModel):
    """What one reviewing unit decided about one nomination, in one round."""

    nomination = models.ForeignKey(
        Nomination, verbose_name=_("nomination"), on_delete=models.PROTECT, related_name="reviews"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("reviewing unit"), on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField(_("round"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReviewOutcome.choices)
    reason = models.TextField(_("reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The unit it went to next: the upper level, or the deciding unit's council.
    forwarded_to = models.ForeignKey(
        Unit,
        verbose_name=_("forwarded to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = tracked_history()

    class Meta:
        ordering = ["nomination", "created_at"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")

    def __str__(self) -> str:
        return f"{self.unit_id} r{self.round}: {self.outcome}"
