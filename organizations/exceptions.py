from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationErrorCode(models.TextChoices):
    UNIT_INACTIVE = "unit_inactive", _("This unit has been dissolved.")
    UNIT_LEVEL_ORDER = (
        "unit_level_order",
        _("A unit must sit under a unit of a higher level. Choose another parent or kind."),
    )
    UNIT_CYCLE = "unit_cycle", _("A unit cannot be moved under itself or one of its sub-units.")
    UNIT_ROOT_NEEDS_SYSTEM_ADMIN = (
        "unit_root_needs_system_admin",
        _("Only a system administrator can create a top-level unit."),
    )
    UNIT_HAS_ACTIVE_CHILDREN = (
        "unit_has_active_children",
        _("This unit still has active sub-units. Choose the unit they move to."),
    )
    MERGE_SAME_UNIT = "merge_same_unit", _("A unit cannot be merged into itself.")
    MERGE_LEVEL_MISMATCH = "merge_level_mismatch", _("Only units of the same level can be merged.")
    MERGE_INTO_DESCENDANT = (
        "merge_into_descendant",
        _("A unit cannot be merged into one of its own sub-units."),
    )
    PERSON_NO_CURRENT_UNIT = (
        "person_no_current_unit",
        _("This person does not belong to any unit now."),
    )
    TRANSFER_SAME_UNIT = "transfer_same_unit", _("The person already belongs to this unit.")
    TRANSFER_BEFORE_START = (
        "transfer_before_start",
        _("The transfer date is before the start of the current membership."),
    )
    ROLE_ALREADY_GRANTED = "role_already_granted", _("This user already holds this role here.")
    ROLE_ALREADY_REVOKED = "role_already_revoked", _("This role has already been revoked.")
    RECORD_DUPLICATE = "record_duplicate", _("A record for this subject and year already exists.")
