"""Loads the reference data (unit levels and kinds, regulation documents, the award catalogue,
council composition rules, the QĐ 1689 rule pack) into an empty or partly filled database,
through the services, so history and audit record it.

Idempotent: an entry that exists (same code) is left as it is, whatever an administrator did to
it since; only missing entries are created.
"""

from __future__ import annotations

from typing import Any

from awards import reference_data as data
from awards.models import (
    AwardDocumentRequirement,
    AwardQuota,
    AwardRule,
    AwardTopic,
    AwardType,
    BaseSalary,
    CouncilCompositionRule,
    DossierDocumentType,
    RegulationDocument,
)
from awards.rule_packs import BUILT_IN_RULES, award_rule_fields, tld_1689
from awards.services import award_rules_copy_missing, catalogue_save, regulation_version_copy
from common.services import service
from organizations import reference_data as org_data
from organizations.models import UnitKind, UnitLevel
from organizations.services.config import unit_kind_save, unit_level_save


def _load_tree_config(actor: Any, counts: dict[str, int]) -> None:
    levels = {level.code: level for level in UnitLevel.objects.all()}
    for code, name, rank, grassroots in org_data.LEVELS:
        if code not in levels:
            levels[code] = unit_level_save(
                actor=actor,
                instance=UnitLevel(
                    code=code, name=name, rank=rank, is_grassroots_or_below=grassroots
                ),
            )
            counts["unit levels"] += 1
    existing = set(UnitKind.objects.values_list("code", flat=True))
    for code, name, abbreviation, level_code in org_data.KINDS:
        if code not in existing:
            unit_kind_save(
                actor=actor,
                instance=UnitKind(
                    code=code, name=name, abbreviation=abbreviation, level=levels[level_code]
                ),
            )
            counts["unit kinds"] += 1


def _load_documents(actor: Any, counts: dict[str, int]) -> dict[str, RegulationDocument]:
    documents = {doc.code: doc for doc in RegulationDocument.objects.all()}
    for entry in data.REGULATION_DOCUMENTS:
        if entry["code"] in documents:
            continue
        fields = dict(entry)
        supersedes = fields.pop("supersedes", None)
        document = RegulationDocument(**fields)
        if supersedes:
            document.supersedes = documents[supersedes]
        documents[entry["code"]] = catalogue_save(actor=actor, instance=document)
        counts["regulation documents"] += 1
    for effective_from, amount, basis in data.BASE_SALARIES:
        if not BaseSalary.objects.filter(effective_from=effective_from).exists():
            catalogue_save(
                actor=actor,
                instance=BaseSalary(
                    effective_from=effective_from,
                    amount_vnd=amount,
                    legal_basis=documents[basis],
                ),
            )
            counts["base salaries"] += 1
    return documents


def _load_award_types(actor: Any, version: RegulationDocument, counts: dict[str, int]) -> None:
    doc_types = {t.code: t for t in DossierDocumentType.objects.all()}
    for code, name, description in data.DOSSIER_DOCUMENT_TYPES:
        if code not in doc_types:
            doc_types[code] = catalogue_save(
                actor=actor,
                instance=DossierDocumentType(code=code, name=name, description=description),
            )
            counts["dossier document types"] += 1
    topics = {t.code: t for t in AwardTopic.objects.filter(regulation=version)}
    for code, name in data.TOPICS:
        if code not in topics:
            topics[code] = catalogue_save(
                actor=actor, instance=AwardTopic(regulation=version, code=code, name=name)
            )
    existing = set(AwardType.objects.filter(regulation=version).values_list("code", flat=True))
    levels = {level.code: level for level in UnitLevel.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    for order, entry in enumerate(data.AWARD_TYPES_1689, start=1):
        if entry["code"] in existing:
            continue
        fields = dict(entry)
        topic_codes = fields.pop("topics", [])
        kind_codes = fields.pop("unit_kinds", [])
        document_codes = fields.pop("documents", [])
        quotas = fields.pop("quotas", [])
        fields["deciding_level"] = levels[fields["deciding_level"]]
        fields.setdefault("track", "union")
        if fields.get("requires_council_vote", True) and "vote_threshold_pct" not in fields:
            for name, value in data.DEFAULT_VOTE.items():
                fields.setdefault(name, value)
            fields["note"] = f"{fields.get('note', '')} {data.UNCONFIRMED_VOTE}".strip()
        award = AwardType(regulation=version, sort_order=order, **fields)
        catalogue_save(
            actor=actor,
            instance=award,
            m2m={
                "topics": [topics[code] for code in topic_codes],
                "collective_unit_kinds": [kinds[code] for code in kind_codes],
            },
        )
        for code in document_codes:
            catalogue_save(
                actor=actor,
                instance=AwardDocumentRequirement(award_type=award, document_type=doc_types[code]),
            )
        for quota in quotas:
            catalogue_save(actor=actor, instance=AwardQuota(award_type=award, **quota))
        counts["award types"] += 1


def _load_council_rules(
    actor: Any, documents: dict[str, RegulationDocument], counts: dict[str, int]
) -> None:
    existing = set(
        CouncilCompositionRule.objects.values_list("regulation__code", "unit_level__code")
    )
    levels = {level.code: level for level in UnitLevel.objects.all()}
    for entry in data.COUNCIL_RULES:
        if (entry["regulation"], entry["unit_level"]) in existing:
            continue
        fields = dict(entry)
        fields["regulation"] = documents[fields["regulation"]]
        fields["unit_level"] = levels[fields["unit_level"]]
        catalogue_save(actor=actor, instance=CouncilCompositionRule(**fields))
        counts["council rules"] += 1


def _load_rules(actor: Any, version: RegulationDocument, counts: dict[str, int]) -> None:
    """The QĐ 1689 pack (awards/rule_packs/tld_1689.py), row by row through the catalogue
    service, which validates each row's parameters against its type."""
    existing = set(AwardRule.objects.filter(regulation=version).values_list("rule_id", flat=True))
    for row in tld_1689.PACK:
        if row["rule_id"] in existing or row["rule_id"] in BUILT_IN_RULES:
            continue
        fields = award_rule_fields(row, tld_1689.PLACEMENT[row["rule_id"]])
        catalogue_save(actor=actor, instance=AwardRule(regulation=version, **fields))
        counts["award rules"] += 1


@service
def reference_data_load(*, actor: Any) -> dict[str, int]:
    """Create whatever reference data is missing. Returns how many entries of each kind."""
    counts: dict[str, int] = {
        "unit levels": 0,
        "unit kinds": 0,
        "regulation documents": 0,
        "base salaries": 0,
        "dossier document types": 0,
        "award types": 0,
        "council rules": 0,
        "award rules": 0,
        "step deadlines": 0,
    }
    _load_tree_config(actor, counts)
    documents = _load_documents(actor, counts)
    _load_award_types(actor, documents["TLD-1689-2019"], counts)
    _load_rules(actor, documents["TLD-1689-2019"], counts)
    # Before the copy below, so that 999 gets its own entry rather than a copy of 1689's.
    _load_council_rules(actor, documents, counts)
    version_999 = documents["TLD-999-2024"]
    if not version_999.award_types.exists():
        before = AwardRule.objects.filter(regulation=version_999).count()
        counts["award types"] += regulation_version_copy(
            actor=actor, source=documents["TLD-1689-2019"], target=version_999
        )
        counts["award rules"] += AwardRule.objects.filter(regulation=version_999).count() - before
    elif not version_999.award_rules.exists():
        # A 999 catalogue copied before rule packs existed starts its pack the same way.
        counts["award rules"] += award_rules_copy_missing(
            actor=actor, source=documents["TLD-1689-2019"], target=version_999
        )
    # The workflow's default step deadlines are reference data of every deployment too.
    from workflows.services import workflow_settings_load

    counts["step deadlines"] = workflow_settings_load(actor=actor)
    return counts
