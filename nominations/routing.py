"""Where a nomination goes: computed from the organisation tree and the award's deciding level,
never written down in advance (units move; the route follows the tree as it is)."""

from __future__ import annotations

from awards.models import AwardType
from organizations.models import Unit
from organizations.selectors import unit_ancestors


def deciding_unit_for(nominating_unit: Unit, award_type: AwardType) -> Unit | None:
    """The nearest unit, from the nominating unit up, at or above the award's deciding level.

    A grassroots union directly under a provincial federation has no upper-level union of its
    own: the federation stands in for it, so an award of the upper level is decided there.
    """
    deciding_rank = award_type.deciding_level.rank
    for unit in [nominating_unit, *reversed(unit_ancestors(nominating_unit))]:
        if unit.kind.level.rank <= deciding_rank:
            return unit
    return None


def first_review_unit(nominating_unit: Unit, deciding_unit: Unit) -> Unit:
    """The direct upper level reviews first; a unit deciding its own award reviews it itself."""
    if nominating_unit.pk == deciding_unit.pk or nominating_unit.parent is None:
        return nominating_unit
    return nominating_unit.parent


def next_review_unit(current_unit: Unit) -> Unit | None:
    """The level above the one that has just approved."""
    return current_unit.parent
