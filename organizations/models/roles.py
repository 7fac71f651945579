"""Scoped roles: a role held by a user at a unit."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.history import tracked_history
from common.models import TimeStampedModel

from .units import Unit


class Role(models.TextChoices):
    CLERK = "clerk", _("Unit clerk")
    REVIEWER = "reviewer", _("Reviewer")
    COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
    COUNCIL_MEMBER = "council_member", _("Council member")
    SIGNER = "signer", _("Signer")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("Administrator")


# Roles that read the whole subtree of their unit. A clerk works for its own unit only (and for
# the internal sub-units of a grassroots union; see UnitLevel.is_grassroots_or_below).
SUBTREE_READ_ROLES = frozenset(
    {
        Role.REVIEWER,
        Role.COUNCIL_SECRETARY,
        Role.COUNCIL_MEMBER,
        Role.SIGNER,
        Role.AUDITOR,
        Role.ADMIN,
    }
)


class RoleAssignment(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.CharField(_("reason for revoking"), max_length=255, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"],
                condition=Q(revoked_at__isnull=True),
                name="role_assignment_active_unique",
            ),
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.unit}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
