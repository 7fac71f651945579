from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountErrorCode(models.TextChoices):
    USERNAME_TAKEN = "username_taken", _("This username is already taken.")
    NO_HOME_UNIT = "no_home_unit", _("Choose the unit this account belongs to.")
