"""Award decisions (quyết định khen thưởng): numbered per deciding unit and year, without gaps."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import AwardRecord, AwardType, RegulationDocument
from common.history import tracked_history
from common.models import TimeStampedModel
from organizations.models import Unit

from .councils import CouncilSession
from .nominations import Nomination


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class Decision(TimeStampedModel):
    deciding_unit = models.ForeignKey(
        Unit, verbose_name=_("deciding unit"), on_delete=models.PROTECT, related_name="decisions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # Given when the decision is issued, from DecisionCounter, so drafts never burn a number.
    number = models.PositiveIntegerField(pgettext_lazy("decision", "number"), null=True, blank=True)
    reference = models.CharField(_("decision number"), max_length=80, blank=True)
    title = models.CharField(pgettext_lazy("decision", "title"), max_length=500)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    council_session = models.ForeignKey(
        CouncilSession,
        verbose_name=_("council session"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    legal_basis = models.TextField(_("legal bases"), blank=True)
    legal_documents = models.ManyToManyField(
        RegulationDocument, verbose_name=_("regulations applied"), blank=True, related_name="+"
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=255, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history(m2m_fields=[legal_documents])

    class Meta:
        ordering = ["-year", "-number", "-created_at"]
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["deciding_unit", "year", "number"],
                condition=Q(number__isnull=False),
                name="decision_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or str(self.title)


class DecisionItem(TimeStampedModel):
    """One recipient of a decision: the nomination it grants, with the amount and, if it comes
    to that, its revocation (Law 06/2022, chapter VII)."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="items"
    )
    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="decision_item",
    )
    award_type = models.ForeignKey(AwardType, on_delete=models.PROTECT, related_name="+")
    recipient_name = models.CharField(pgettext_lazy("decision item", "recipient"), max_length=255)
    recipient_unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    reason = models.TextField(_("achievement"), blank=True)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"), null=True, blank=True)
    award_record = models.OneToOneField(
        AwardRecord,
        verbose_name=_("award record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decision_item",
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["decision", "pk"]
        verbose_name = _("decision recipient")
        verbose_name_plural = _("decision recipients")

    def __str__(self) -> str:
        return f"{self.decision}: {self.recipient_name}"


class DecisionCounter(models.Model):
    """The last number given per deciding unit and year. Issuing locks the row, so concurrent
    issues queue and each takes the next number; a rolled-back issue rolls the counter back."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="decision_counter_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last_number}"
