"""Emulation clusters and blocs (cụm, khối thi đua), their members and their yearly officers.

Issue 4 §4; regulations.md §D.4. A parent unit groups units under it into clusters (by region) or
blocs (by sector). A cluster lasts across years; who belongs to it on a day is its memberships'
dates, kept with the reason of every change. Each year the members choose a head and a deputy
(cụm trưởng, cụm phó), by election or rotation, recorded with the minutes.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.history import tracked_history
from common.models import TimeStampedModel
from emulation.choices import ClusterKind, OfficerMethod, OfficerPosition
from organizations.models import Unit

from .campaigns import YEAR_VALIDATORS


class Cluster(TimeStampedModel):
    parent_unit = models.ForeignKey(
        Unit,
        verbose_name=_("formed by unit"),
        on_delete=models.PROTECT,
        related_name="formed_clusters",
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=ClusterKind.choices)
    formed_on = models.DateField(_("formed on"))
    # The decision that formed it ("QĐ 12/QĐ-LĐLĐ"), when there is one.
    formed_by_decision = models.CharField(_("formed by decision"), max_length=120, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["parent_unit", "name"]
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        constraints = [
            models.UniqueConstraint(fields=["parent_unit", "name"], name="cluster_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ClusterMembership(TimeStampedModel):
    """A unit's time in a cluster. Leaving sets `left_on` (its last day); the row stays."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("member unit"),
        on_delete=models.PROTECT,
        related_name="cluster_memberships",
    )
    joined_on = models.DateField(_("joined on"))
    join_reason = models.CharField(_("reason for joining"), max_length=500, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=500, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["cluster", "unit__name", "joined_on"]
        verbose_name = _("cluster membership")
        verbose_name_plural = _("cluster memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "unit"],
                condition=Q(left_on__isnull=True),
                name="cluster_membership_one_open",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="cluster_membership_in_order",
            ),
        ]
        indexes = [models.Index(fields=["unit", "joined_on"])]

    def __str__(self) -> str:
        return f"{self.unit} @ {self.cluster}"


class ClusterOfficer(TimeStampedModel):
    """The head or deputy of a cluster for a year: a member unit, and how it was chosen."""

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("cluster"), on_delete=models.PROTECT, related_name="officers"
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cluster_offices"
    )
    position = models.CharField(_("position"), max_length=20, choices=OfficerPosition.choices)
    method = models.CharField(_("chosen by"), max_length=20, choices=OfficerMethod.choices)
    chosen_on = models.DateField(_("chosen on"))
    minutes_number = models.CharField(_("minutes"), max_length=120, blank=True)
    minutes_file = models.FileField(
        _("minutes file"), upload_to="emulation/minutes/%Y/%m/", blank=True, max_length=300
    )
    minutes_file_name = models.CharField(_("file name"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = tracked_history()

    class Meta:
        ordering = ["cluster", "-year", "position"]
        verbose_name = _("cluster officer")
        verbose_name_plural = _("cluster officers")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "position"], name="cluster_officer_one_per_position"
            ),
            models.UniqueConstraint(
                fields=["cluster", "year", "unit"], name="cluster_officer_one_position_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.year}: {self.unit}"
