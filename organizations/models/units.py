"""The union's organisation tree.

Levels and kinds of units are data an administrator edits (the 2025 reform changed them once
already). The tree is an adjacency list (`Unit.parent`) plus a closure table (`UnitClosure`) that
answers "every unit under X" in one indexed query; see docs/decisions/0001-unit-tree.md.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.history import tracked_history
from common.models import TimeStampedModel


class UnitLevel(TimeStampedModel):
    """A level of the union system (charter: central, provincial/sectoral, direct upper level of
    grassroots unions, grassroots; plus the sub-units inside a grassroots union)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # 0 is the top. A unit's parent always has a smaller rank than the unit.
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True)
    # Grassroots unions and their internal sub-units (CĐ bộ phận, tổ công đoàn). A clerk of a unit
    # at such a level works for the whole subtree (the sub-units are parts of that union); a clerk
    # of a higher unit works for that unit only.
    is_grassroots_or_below = models.BooleanField(_("grassroots level or below"), default=False)

    history = tracked_history()

    class Meta:
        ordering = ["rank"]
        verbose_name = _("unit level")
        verbose_name_plural = _("unit levels")

    def __str__(self) -> str:
        return self.name


class UnitKind(TimeStampedModel):
    """A kind of unit at a level: LĐLĐ tỉnh, CĐ ngành TW, LĐLĐ huyện, CĐCS, tổ công đoàn..."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    level = models.ForeignKey(
        UnitLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="kinds"
    )
    description = models.TextField(_("description"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["level__rank", "name"]
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")

    def __str__(self) -> str:
        return self.name


class Sector(models.TextChoices):
    """The sector a unit works in; the commendation rules weigh it (priority to non-state
    enterprises, ×2 service years for part-time officials there)."""

    STATE_ADMINISTRATION = "state_administration", _("State administration")
    PUBLIC_SERVICE = "public_service", _("Public service")
    STATE_ENTERPRISE = "state_enterprise", _("State enterprise")
    NON_STATE_ENTERPRISE = "non_state_enterprise", _("Non-state enterprise")


class Unit(TimeStampedModel):
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A short stable code, used in imports and exports."),
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.ForeignKey(
        UnitKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)
    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    women_headcount = models.PositiveIntegerField(_("women"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("union members"), null=True, blank=True)
    # The symbol the unit puts in its document numbers ("123/QĐ-LĐLĐ"); decisions use it.
    document_symbol = models.CharField(
        _("document symbol"),
        max_length=40,
        blank=True,
        help_text=_("As in the unit's document numbers, for example LĐLĐ or CĐVC."),
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_units",
    )
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["kind__level__rank", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(women_headcount__isnull=True)
                | Q(headcount__isnull=True)
                | Q(women_headcount__lte=F("headcount")),
                name="unit_women_within_headcount",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="unit_not_own_parent"),
        ]
        indexes = [models.Index(fields=["parent", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.dissolved_on is None

    @property
    def women_share(self) -> float | None:
        """Share of women in the headcount, 0..1 (tie-break rule: collectives with ≥ 70%)."""
        if not self.headcount or self.women_headcount is None:
            return None
        return self.women_headcount / self.headcount


class UnitClosure(models.Model):
    """Every (ancestor, descendant) pair of the tree, each unit being its own ancestor at depth 0.

    Derived from `Unit.parent` and rewritten only by organizations.services; it has no history of
    its own because the history of `Unit.parent` already says how the tree looked on any day.
    """

    ancestor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="descendant_links")
    descendant = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="ancestor_links")
    depth = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ancestor", "descendant"], name="unit_closure_pair"),
        ]
        indexes = [models.Index(fields=["descendant", "depth"], name="unit_closure_up")]

    def __str__(self) -> str:
        return f"{self.ancestor_id} > {self.descendant_id} ({self.depth})"
