from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.history import tracked_history


class User(AbstractUser):
    """A person who signs in. What they may do comes from their scoped roles
    (organizations.RoleAssignment), never from Django groups."""

    # Vietnamese names do not split into first/last the way AbstractUser assumes.
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # The unit whose administrators manage this account.
    home_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("home unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
    )
    # A system account (demo seeding, scheduled jobs) that acts when no person does.
    is_system = models.BooleanField(_("system account"), default=False)

    history = tracked_history(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def __str__(self) -> str:
        return self.full_name or self.username
