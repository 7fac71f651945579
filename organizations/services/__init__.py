"""The writers of the organisation tree, people, their records and roles."""

from .people import people_grant, person_create, person_grant, person_transfer, person_update
from .records import record_create, record_delete, record_update, register_record_model
from .roles import role_grant, role_revoke
from .units import unit_create, unit_dissolve, unit_merge, unit_move, unit_update

__all__ = [
    "people_grant",
    "person_create",
    "person_grant",
    "person_transfer",
    "person_update",
    "record_create",
    "record_delete",
    "record_update",
    "register_record_model",
    "role_grant",
    "role_revoke",
    "unit_create",
    "unit_dissolve",
    "unit_merge",
    "unit_move",
    "unit_update",
]
