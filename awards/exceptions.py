from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardErrorCode(models.TextChoices):
    VERSION_OVERLAP = (
        "version_overlap",
        _(
            "Another version of this catalogue is in force during the same period. "
            "Set its end date first, or change the dates."
        ),
    )
    NOT_A_CATALOGUE_VERSION = (
        "not_a_catalogue_version",
        _("Award types belong to a regulation that sets an award catalogue."),
    )
    VERSION_NOT_EMPTY = (
        "version_not_empty",
        _("The target version already has award types; copying would duplicate them."),
    )
    IN_USE = (
        "in_use",
        _(
            "Other records refer to this entry, so it cannot be deleted. An award type can be "
            "closed for nominations instead."
        ),
    )
    NO_VERSION_IN_FORCE = "no_version_in_force", _("No award catalogue is in force on this date.")
