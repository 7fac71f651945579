"""A cluster's yearly agreement (giao ước thi đua), its signatures, the year-end scoring and
ranking, and the proposal of the leading units (suy tôn).

Issue 4 §4; regulations.md §D.4 and rules CL-01..03. The agreement says what counts: indicators
with a maximum of points, a weight and a scoring method; bonus and penalty items; how many units
the cluster proposes; the ordered rules that break ties. Each member signs it with its own
targets. At year end each member scores itself with evidence, the cluster cross-checks, the
ranking is finalised from the cross-checked scores, and the cluster records whom it proposes.

Points are computed by emulation/scoring.py when a sheet is submitted or checked and stored with
the sheet, so the ranking can be re-read and audited as it was decided.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.history import tracked_history
from common.models import TimeStampedModel
from emulation.choices import (
    AdjustmentKind,
    AgreementStatus,
    Direction,
    ScoreSheetStatus,
    ScoringMethod,
)
from organizations.models import Unit

from .campaigns import YEAR_VALIDATORS, TargetIndicator
from .clusters import Cluster


class ClusterAgreement(TimeStampedModel):
    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="agreements"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    leaders_to_propose = models.PositiveSmallIntegerField(_("leading units to propose"), default=1)
    # TieBreak values in the order they apply; "indicator:<code>" names an indicator.
    tie_breaks = models.JSONField(_("tie-break rules"), default=list, blank=True)
    ranked_at = models.DateTimeField(_("ranking finalised at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["cluster", "-year"]
        verbose_name = _("cluster agreement")
        verbose_name_plural = _("cluster agreements")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="agreement_once_per_year"),
            models.CheckConstraint(
                condition=Q(leaders_to_propose__gte=1), name="agreement_proposes_someone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class AgreementIndicator(TimeStampedModel):
    """An indicator of the agreement and how a result turns into points (emulation/scoring.py).

    `target_value` is the default target; a member's own registered target (SignatureTarget)
    replaces it when that member is scored."""

    agreement = models.ForeignKey(
        ClusterAgreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=500)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    max_points = models.DecimalField(_("maximum points"), max_digits=9, decimal_places=2)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    scoring_method = models.CharField(
        _("scoring method"), max_length=20, choices=ScoringMethod.choices
    )
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, default=Direction.AT_LEAST
    )
    target_value = models.DecimalField(
        _("target"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    # ScoringMethod.LINEAR: the result that earns no points.
    floor_value = models.DecimalField(
        _("floor"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    # ScoringMethod.BANDS: [[threshold, points], ...] as strings of decimals.
    bands = models.JSONField(_("bands"), default=list, blank=True)
    campaign_indicator = models.ForeignKey(
        TargetIndicator,
        verbose_name=_("campaign indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["agreement", "sort_order", "code"]
        verbose_name = _("agreement indicator")
        verbose_name_plural = _("agreement indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "code"], name="agreement_indicator_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(max_points__gt=0), name="agreement_indicator_points_positive"
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0), name="agreement_indicator_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgreementAdjustment(TimeStampedModel):
    """A bonus or penalty item: `points` for each occurrence, at most `max_points` in all."""

    agreement = models.ForeignKey(
        ClusterAgreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="adjustments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=AdjustmentKind.choices)
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=500)
    points = models.DecimalField(_("points each time"), max_digits=9, decimal_places=2)
    max_points = models.DecimalField(
        _("at most (points)"), null=True, blank=True, max_digits=9, decimal_places=2
    )

    history = tracked_history()

    class Meta:
        ordering = ["agreement", "kind", "code"]
        verbose_name = _("bonus or penalty item")
        verbose_name_plural = _("bonus and penalty items")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "code"], name="agreement_adjustment_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(points__gt=0), name="agreement_adjustment_points_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AgreementSignature(TimeStampedModel):
    """A member's signature of the agreement, with the targets it registers (CL-01)."""

    agreement = models.ForeignKey(
        ClusterAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="agreement_signatures"
    )
    signed_on = models.DateField(_("signed on"))
    signatory = models.CharField(_("signed by (name and title)"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["agreement", "unit__name"]
        verbose_name = _("agreement signature")
        verbose_name_plural = _("agreement signatures")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "unit"], name="agreement_signed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.agreement}"


class SignatureTarget(TimeStampedModel):
    signature = models.ForeignKey(
        AgreementSignature,
        verbose_name=_("signature"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    indicator = models.ForeignKey(
        AgreementIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    target_value = models.DecimalField(_("registered target"), max_digits=18, decimal_places=2)

    history = tracked_history()

    class Meta:
        ordering = ["signature", "indicator__sort_order"]
        verbose_name = _("registered target")
        verbose_name_plural = _("registered targets")
        constraints = [
            models.UniqueConstraint(
                fields=["signature", "indicator"], name="signature_target_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.target_value}"


class ScoreSheet(TimeStampedModel):
    """A member's year-end score: its self-assessment, the cluster's cross-check, the final."""

    agreement = models.ForeignKey(
        ClusterAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="score_sheets",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="score_sheets"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ScoreSheetStatus.choices,
        default=ScoreSheetStatus.SELF_ASSESSED,
    )
    self_total = models.DecimalField(_("self-assessed score"), max_digits=9, decimal_places=2)
    self_note = models.TextField(_("self-assessment note"), blank=True)
    self_submitted_at = models.DateTimeField(_("self-assessed at"))
    self_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_total = models.DecimalField(
        _("cross-checked score"), null=True, blank=True, max_digits=9, decimal_places=2
    )
    check_note = models.TextField(_("cross-check note"), blank=True)
    checking_unit = models.ForeignKey(
        Unit,
        verbose_name=_("cross-checked by unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("cross-checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    final_total = models.DecimalField(
        _("final score"), null=True, blank=True, max_digits=9, decimal_places=2
    )

    history = tracked_history()

    class Meta:
        ordering = ["agreement", "unit__name"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "unit"], name="score_sheet_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.agreement}"


class ScoreLine(TimeStampedModel):
    """One indicator on a sheet: the result and points claimed, and those the check kept.

    `target_value` is the target the points were computed against (the member's registered
    target, or the agreement's)."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="lines"
    )
    indicator = models.ForeignKey(
        AgreementIndicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    target_value = models.DecimalField(
        _("target"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    self_result = models.DecimalField(
        _("result claimed"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    self_points = models.DecimalField(_("points claimed"), max_digits=9, decimal_places=2)
    evidence = models.TextField(_("evidence"), blank=True)
    checked_result = models.DecimalField(
        _("result checked"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    checked_points = models.DecimalField(
        _("points checked"), null=True, blank=True, max_digits=9, decimal_places=2
    )
    check_note = models.TextField(_("cross-check note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["sheet", "indicator__sort_order"]
        verbose_name = _("score line")
        verbose_name_plural = _("score lines")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "indicator"], name="score_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.self_points}"


class ScoreAdjustmentLine(TimeStampedModel):
    """How many times a bonus or penalty item applies to the member, claimed and checked.
    Points are signed: penalties are negative."""

    sheet = models.ForeignKey(
        ScoreSheet,
        verbose_name=_("score sheet"),
        on_delete=models.CASCADE,
        related_name="adjustment_lines",
    )
    item = models.ForeignKey(
        AgreementAdjustment, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    self_count = models.PositiveSmallIntegerField(_("times claimed"))
    self_points = models.DecimalField(_("points claimed"), max_digits=9, decimal_places=2)
    evidence = models.TextField(_("evidence"), blank=True)
    checked_count = models.PositiveSmallIntegerField(_("times checked"), null=True, blank=True)
    checked_points = models.DecimalField(
        _("points checked"), null=True, blank=True, max_digits=9, decimal_places=2
    )
    check_note = models.TextField(_("cross-check note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["sheet", "item__kind", "item__code"]
        verbose_name = _("bonus or penalty line")
        verbose_name_plural = _("bonus and penalty lines")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "item"], name="score_adjustment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.self_count}"


class ClusterRankingEntry(TimeStampedModel):
    """A member's place in the final ranking of the agreement's year.

    `position` orders the list (1..n, no gaps); `rank` is shared by members the tie-break rules
    could not separate. `decided_by` names the rule that placed it below the member above it."""

    agreement = models.ForeignKey(
        ClusterAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="ranking",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cluster_rankings"
    )
    sheet = models.OneToOneField(
        ScoreSheet, verbose_name=_("score sheet"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=2)
    decided_by = models.CharField(_("placed by"), max_length=100, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["agreement", "position"]
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "unit"], name="ranking_unit_once"),
            models.UniqueConstraint(fields=["agreement", "position"], name="ranking_position_once"),
            models.CheckConstraint(
                condition=Q(rank__gte=1) & Q(rank__lte=models.F("position")),
                name="ranking_rank_within_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.unit}"


class LeadProposal(TimeStampedModel):
    """The cluster's proposal of its leading unit(s) (suy tôn), with the meeting's minutes."""

    agreement = models.OneToOneField(
        ClusterAgreement,
        verbose_name=_("agreement"),
        on_delete=models.PROTECT,
        related_name="lead_proposal",
    )
    meeting_on = models.DateField(_("meeting date"))
    minutes_number = models.CharField(_("minutes"), max_length=120, blank=True)
    minutes_file = models.FileField(
        _("minutes file"), upload_to="emulation/minutes/%Y/%m/", blank=True, max_length=300
    )
    minutes_file_name = models.CharField(_("file name"), max_length=255, blank=True)
    # Why a unit outside the first places of the ranking is proposed, when one is.
    reason = models.TextField(_("reasons"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        verbose_name = _("proposal of leading units")
        verbose_name_plural = _("proposals of leading units")
        constraints = [
            models.CheckConstraint(
                condition=~Q(minutes_number="") | ~Q(minutes_file=""),
                name="lead_proposal_has_minutes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.meeting_on}"


class LeadProposalUnit(TimeStampedModel):
    proposal = models.ForeignKey(
        LeadProposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="units"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="lead_proposals"
    )
    position = models.PositiveSmallIntegerField(_("order"))

    history = tracked_history()

    class Meta:
        ordering = ["proposal", "position"]
        verbose_name = _("proposed leading unit")
        verbose_name_plural = _("proposed leading units")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "unit"], name="lead_proposal_unit_once"),
        ]

    def __str__(self) -> str:
        return str(self.unit)
