"""What the checker saw: each run of a step's checks on a nomination, and the blocks a permitted
role overrode with a written justification (issue 5 §3).

Both tables are append-only: a run or an override is written once by nominations.services.checks
and never changed, so they carry no simple-history table (the row is its own record, like the
audit log); the override also records a CHECK_OVERRIDDEN audit event.
See docs/decisions/0012-rule-packs.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from awards.models import CheckStep, RegulationDocument

from .nominations import Nomination


class CheckRun(models.Model):
    """One evaluation of a step's checks: the pack version applied, and for each rule its
    outcome, severity, message, hint, citation, confidence and the facts it used."""

    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        related_name="check_runs",
    )
    step = models.CharField(_("step"), max_length=20, choices=CheckStep.choices)
    at = models.DateTimeField(_("checked at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    regulation = models.ForeignKey(
        RegulationDocument,
        verbose_name=_("rule pack of"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    results = models.JSONField(_("results"), default=list)
    passed = models.BooleanField(_("passed"), help_text=_("No check blocks the step."))

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("check run")
        verbose_name_plural = _("check runs")
        indexes = [models.Index(fields=["nomination", "step", "-at"])]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.step} {self.at:%Y-%m-%d %H:%M}"

    @property
    def blocked_rules(self) -> list[str]:
        return [result["rule"] for result in self.results if result.get("blocks")]


class CheckOverride(models.Model):
    """A blocking check let through, for one nomination and one rule, by someone allowed to, with
    the reason. It holds while the rule sees the same facts (`facts_hash`): if they change, the
    rule blocks again until someone overrides it anew."""

    nomination = models.ForeignKey(
        Nomination,
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        related_name="check_overrides",
    )
    rule_id = models.CharField(_("rule"), max_length=40)
    step = models.CharField(_("at the step"), max_length=20, choices=CheckStep.choices)
    facts_hash = models.CharField(_("facts fingerprint"), max_length=64)
    result = models.JSONField(_("the result overridden"), default=dict)
    justification = models.TextField(_("justification"))
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_role = models.CharField(_("as"), max_length=60, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("check override")
        verbose_name_plural = _("check overrides")
        indexes = [models.Index(fields=["nomination", "rule_id"])]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.rule_id}"
