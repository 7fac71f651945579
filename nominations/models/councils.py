"""Emulation-commendation councils, their sessions, attendance and votes.

Votes live in our own tables: one viewflow task per council member is a PRO feature. For a secret
ballot we record *who* voted (BallotCast) and, separately, the running count of each choice
(SecretTally, no history and no link to the voter); see docs/decisions/0007-council-votes.md.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from awards.models import BallotType, VoteBase
from common.history import tracked_history
from common.models import TimeStampedModel
from organizations.models import Unit

from .nominations import Nomination


class Council(TimeStampedModel):
    """The Hội đồng Thi đua – Khen thưởng of a deciding unit."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="council"
    )
    name = models.CharField(_("name"), max_length=255)
    established_by = models.CharField(_("established by decision"), max_length=120, blank=True)

    history = tracked_history()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name


class CouncilPosition(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")


class CouncilMember(TimeStampedModel):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="council_memberships",
    )
    position = models.CharField(
        pgettext_lazy("council member", "position"),
        max_length=20,
        choices=CouncilPosition.choices,
        default="member",
    )
    title = models.CharField(_("title in the unit"), max_length=200, blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["council", "position", "user__full_name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                condition=Q(ended_on__isnull=True),
                name="council_member_once",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="council_member_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_position_display()})"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("In session")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class CouncilSession(TimeStampedModel):
    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(pgettext_lazy("council session", "title"), max_length=255)
    scheduled_at = models.DateTimeField(_("meeting time"))
    location = models.CharField(_("place"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    # The number of members when the session opened: the base for quorum and for thresholds
    # counted over all members.
    member_count = models.PositiveSmallIntegerField(_("members"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["-scheduled_at"]
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")

    def __str__(self) -> str:
        return self.title


class Attendance(TimeStampedModel):
    session = models.ForeignKey(
        CouncilSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), default=False)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = tracked_history()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {'present' if self.present else 'absent'}"


class AgendaResult(models.TextChoices):
    PENDING = "pending", _("Not voted yet")
    PASSED = "passed", _("Passed")
    NOT_PASSED = "not_passed", _("Not passed")


class AgendaItem(TimeStampedModel):
    """A nomination on a session's agenda, with the voting rule of its award (copied when the
    session opens, so a later catalogue edit cannot change a closed vote) and the result."""

    session = models.ForeignKey(
        CouncilSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="items"
    )
    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    ballot_type = models.CharField(_("ballot"), max_length=10, choices=BallotType.choices)
    vote_base = models.CharField(_("counted over"), max_length=20, choices=VoteBase.choices)
    threshold_pct = models.DecimalField(
        _("approval threshold (%)"), max_digits=5, decimal_places=2, default=Decimal("50")
    )
    result = models.CharField(
        _("result"), max_length=20, choices=AgendaResult.choices, default=AgendaResult.PENDING
    )
    yes_count = models.PositiveSmallIntegerField(_("for"), default=0)
    no_count = models.PositiveSmallIntegerField(_("against"), default=0)
    abstain_count = models.PositiveSmallIntegerField(_("abstained"), default=0)
    base_count = models.PositiveSmallIntegerField(_("counted over"), default=0)

    history = tracked_history()

    class Meta:
        ordering = ["session", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"], name="agenda_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id} #{self.position}: {self.nomination_id}"


class VoteChoice(models.TextChoices):
    YES = "yes", pgettext_lazy("vote", "For")
    NO = "no", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class Vote(TimeStampedModel):
    """An open (show-of-hands) vote: who voted how."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    history = tracked_history()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="vote_once")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.member_id} {self.choice}"


class BallotCast(models.Model):
    """A secret ballot: only *that* the member voted on the item, never how."""

    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="ballots_cast",
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ballot cast")
        verbose_name_plural = _("ballots cast")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="ballot_once")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.member_id}"


class SecretTally(models.Model):
    """The running count of a secret ballot. Deliberately without history: a history row per
    increment would carry the voter as its author and give the vote away."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="secret_tally")
    yes = models.PositiveSmallIntegerField(default=0)
    no = models.PositiveSmallIntegerField(default=0)
    abstain = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.item_id}: {self.yes}/{self.no}/{self.abstain}"
