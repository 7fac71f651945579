"""Rule packs shipped as reference data: which rule types apply to which awards of a regulation
version, with which parameters, severity, confidence and citation (issue 5 §2).

A pack module declares `PACK` (rows shaped like `awards.rules.Rule`: rule_id, type, params,
severity, confidence, citation) and `PLACEMENT` (per rule id: the award codes it applies to,
the nominees, the steps where it runs, whether it is enabled, a note). The reference loader
stores them as `awards.models.AwardRule` rows of their version; after that they are data an
administrator edits in the admin. See docs/decisions/0012-rule-packs.md.
"""

from __future__ import annotations

from typing import Any

# Checks the check point runs itself, whatever the pack says: DOS-01 is the award's required
# documents in the catalogue (edited there), so a pack never carries a row with its id.
BUILT_IN_RULES = frozenset({"DOS-01"})


def award_rule_fields(row: dict[str, Any], placement: dict[str, Any]) -> dict[str, Any]:
    """The fields of an AwardRule for a pack row and its placement (without the version)."""
    return {
        "rule_id": row["rule_id"],
        "rule_type": row["type"],
        "params": row.get("params") or {},
        "severity": row.get("severity", "block"),
        "confidence": row["confidence"],
        "citation": row["citation"],
        "award_codes": list(placement.get("awards", [])),
        "nominees": placement.get("nominees", "any"),
        "steps": list(placement.get("steps", ["submit", "review", "council", "decision"])),
        "enabled": placement.get("enabled", True),
        "note": placement.get("note", ""),
    }
