"""Writers of the tree's configuration: the levels and kinds of units (system administrators)."""

from __future__ import annotations

from typing import Any

from audit.models import EventType
from common.services import save_audited, service
from organizations.models import UnitKind, UnitLevel
from organizations.permissions import catalogue_grant, require


@service
def unit_level_save(*, actor: Any, instance: UnitLevel, reason: str = "") -> UnitLevel:
    grant = require(catalogue_grant(actor))
    return save_audited(
        actor=actor,
        instance=instance,
        event_type=EventType.UNIT_LEVEL_SAVED,
        via=grant,
        reason=reason,
    )


@service
def unit_kind_save(*, actor: Any, instance: UnitKind, reason: str = "") -> UnitKind:
    grant = require(catalogue_grant(actor))
    return save_audited(
        actor=actor,
        instance=instance,
        event_type=EventType.UNIT_KIND_SAVED,
        via=grant,
        reason=reason,
    )
