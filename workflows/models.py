"""The workflow's own data: the process of each nomination, who stands in for whom, and the
deadline of each step. The flow itself is in workflows/flows.py."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history import register
from viewflow.workflow.models import Process, Task

from common.history import tracked_history
from common.models import TimeStampedModel
from nominations.models import Nomination
from organizations.models import RoleAssignment


class NominationProcess(Process):
    """The viewflow process of one nomination. A concrete subclass: the flow lock takes this
    row, and task queries join to the nomination through a real foreign key."""

    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="process")

    history = tracked_history()

    class Meta:
        verbose_name = _("nomination process")
        verbose_name_plural = _("nomination processes")


# Viewflow's tasks are its own model: their history lives here (workflows.HistoricalTask), so
# who claimed, started, completed or handed over each step is recorded like any domain change.
register(Task, app="workflows", get_user=tracked_history().get_user)


class Step(models.TextChoices):
    """The human steps of the flow; each is worked by one role at one unit."""

    REVIEW = "review", _("Review")
    RESUBMIT = "resubmit", _("Changes by the nominating unit")
    COUNCIL = "council", _("Council vote")
    DECISION = "decision", _("Decision")


class StepDeadline(TimeStampedModel):
    """How long a step may take, for one award (by catalogue code, so across regulation
    versions) or for every award when no code is given."""

    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    award_code = models.SlugField(
        _("award code"), max_length=60, blank=True, help_text=_("Empty: every award.")
    )
    days = models.PositiveSmallIntegerField(
        _("days allowed"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before"), default=2, validators=[MaxValueValidator(60)]
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["step", "award_code"]
        verbose_name = _("step deadline")
        verbose_name_plural = _("step deadlines")
        constraints = [
            models.UniqueConstraint(fields=["step", "award_code"], name="step_deadline_once"),
            models.CheckConstraint(
                condition=Q(remind_days_before__lt=F("days")), name="step_deadline_remind_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} {self.award_code or '*'}: {self.days}"


class Delegation(TimeStampedModel):
    """While a role holder is away, a delegate works that role's tasks at that unit."""

    assignment = models.ForeignKey(
        RoleAssignment,
        verbose_name=_("role delegated"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    revoked_at = models.DateTimeField(_("ended early at"), null=True, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="delegation_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} → {self.delegate} ({self.starts_on}–{self.ends_on})"
