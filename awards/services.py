"""Writers of the award catalogue. Only system administrators edit it (catalogue_grant)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import ProtectedError, Q
from django.utils.translation import gettext as _

from audit.models import EventType
from audit.services import audit_record, snapshot
from awards.exceptions import AwardErrorCode as Code
from awards.models import (
    AwardDocumentRequirement,
    AwardQuota,
    AwardRule,
    AwardTopic,
    AwardType,
    BaseSalary,
    CheckStep,
    Confidence,
    CouncilCompositionRule,
    DossierDocumentType,
    RegulationDocument,
    RuleNominees,
)
from awards.rule_packs import BUILT_IN_RULES
from awards.rules import RULE_TYPES, validate_params
from common.exceptions import CommonErrorCode, DomainConflict, DomainValidationError
from common.services import save_audited, service, tracked_fields
from organizations.permissions import catalogue_grant, require

CATALOGUE_MODELS: frozenset[type[models.Model]] = frozenset(
    {
        RegulationDocument,
        AwardTopic,
        DossierDocumentType,
        AwardType,
        AwardDocumentRequirement,
        AwardQuota,
        BaseSalary,
        CouncilCompositionRule,
        AwardRule,
    }
)


def _check_version_overlap(document: RegulationDocument) -> None:
    if not document.catalogue_track:
        return
    overlapping = RegulationDocument.objects.filter(catalogue_track=document.catalogue_track)
    if document.pk:
        overlapping = overlapping.exclude(pk=document.pk)
    if document.effective_to is not None:
        overlapping = overlapping.filter(effective_from__lte=document.effective_to)
    overlapping = overlapping.filter(
        Q(effective_to__isnull=True) | Q(effective_to__gte=document.effective_from)
    )
    clash = overlapping.first()
    if clash is not None:
        raise DomainValidationError(Code.VERSION_OVERLAP, details={"effective_from": [str(clash)]})


def award_rule_problems(rule: AwardRule) -> dict[str, list[str]]:
    """Every problem of a rule-pack row, by field: its type, its parameters against the type's
    schema, the awards it names (codes of its version), its steps and its dates."""
    problems: dict[str, list[str]] = {}
    if rule.rule_id in BUILT_IN_RULES:
        problems["rule_id"] = [
            _(
                "%(rule)s is built into the checks: it reads the award's required documents, "
                "edit those instead."
            )
            % {"rule": rule.rule_id}
        ]
    if rule.rule_type not in RULE_TYPES:
        problems["rule_type"] = [_("Unknown rule type %(type)s.") % {"type": rule.rule_type}]
    elif not isinstance(rule.params, dict):
        problems["params"] = [_("The parameters must be a JSON object.")]
    else:
        errors = validate_params(rule.rule_type, rule.params)
        if errors:
            problems["params"] = [str(error) for error in errors]
    codes = rule.award_codes
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        problems["award_codes"] = [_("A list of award codes is expected.")]
    elif rule.regulation_id is not None:
        known = set(
            AwardType.objects.filter(regulation_id=rule.regulation_id).values_list(
                "code", flat=True
            )
        )
        unknown = sorted(set(codes) - known)
        if unknown:
            problems["award_codes"] = [
                _("Not an award of this version: %(codes)s.") % {"codes": ", ".join(unknown)}
            ]
    steps = rule.steps
    if (
        not isinstance(steps, list)
        or not steps
        or not set(steps) <= set(CheckStep.values)
        or len(set(steps)) != len(steps)
    ):
        problems["steps"] = [
            _("Choose one or more of: %(steps)s.") % {"steps": ", ".join(CheckStep.values)}
        ]
    if rule.nominees not in RuleNominees.values:
        problems["nominees"] = [_("Choose who the rule is for.")]
    version = rule.regulation if rule.regulation_id is not None else None
    if version is not None:
        if not version.catalogue_track:
            problems["regulation"] = [str(Code.NOT_A_CATALOGUE_VERSION.label)]
        for name in ("valid_from", "valid_to"):
            value = getattr(rule, name)
            outside = value is not None and (
                value < version.effective_from
                or (version.effective_to is not None and value > version.effective_to)
            )
            if outside:
                problems[name] = [_("The date must fall within the version's period.")]
    return problems


@service
def catalogue_save(
    *,
    actor: Any,
    instance: models.Model,
    m2m: dict[str, list[Any]] | None = None,
    reason: str = "",
) -> Any:
    """Create or edit one catalogue entry (regulation, award type, requirement, quota...)."""
    if type(instance) not in CATALOGUE_MODELS:
        raise TypeError(f"{type(instance).__name__} is not part of the award catalogue")
    grant = require(catalogue_grant(actor))
    if isinstance(instance, RegulationDocument):
        _check_version_overlap(instance)
    if isinstance(instance, AwardRule):
        problems = award_rule_problems(instance)
        if problems:
            raise DomainValidationError(CommonErrorCode.INVALID_INPUT, details=problems)
    if (
        isinstance(instance, AwardType | AwardTopic)
        and instance.regulation_id
        and not instance.regulation.catalogue_track
    ):
        raise DomainValidationError(
            Code.NOT_A_CATALOGUE_VERSION, details={"regulation": [str(instance.regulation)]}
        )
    save_audited(
        actor=actor,
        instance=instance,
        event_type=EventType.CATALOGUE_SAVED,
        via=grant,
        reason=reason,
    )
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    if m2m:
        audit_record(
            actor=actor,
            event_type=EventType.CATALOGUE_SAVED,
            obj=instance,
            via=grant,
            changes={
                name: sorted(getattr(v, "pk", v) for v in values) for name, values in m2m.items()
            },
            reason=reason,
        )
    return instance


@service
def catalogue_delete(*, actor: Any, instance: models.Model, reason: str = "") -> None:
    if type(instance) not in CATALOGUE_MODELS:
        raise TypeError(f"{type(instance).__name__} is not part of the award catalogue")
    grant = require(catalogue_grant(actor))
    before = snapshot(instance, tracked_fields(instance))
    audit_record(
        actor=actor,
        event_type=EventType.CATALOGUE_DELETED,
        obj=instance,
        via=grant,
        changes={name: [value, None] for name, value in before.items()},
        reason=reason,
    )
    try:
        instance.delete()
    except ProtectedError as exc:
        raise DomainConflict(Code.IN_USE) from exc


@service
def regulation_version_copy(
    *, actor: Any, source: RegulationDocument, target: RegulationDocument
) -> int:
    """Copy the award catalogue of `source` into the empty version `target`.

    This is how an administrator starts a new regulation version (QĐ 999/QĐ-TLĐ) from the one it
    replaces: award types with their topics, dossier requirements and quotas, and the council
    composition rules and the rule pack; every copied entry is marked *uncertain* until checked
    against the new text.
    Returns the number of award types copied.
    """
    grant = require(catalogue_grant(actor))
    for document in (source, target):
        if not document.catalogue_track:
            raise DomainValidationError(
                Code.NOT_A_CATALOGUE_VERSION, details={"regulation": [str(document)]}
            )
    if target.award_types.exists():
        raise DomainConflict(Code.VERSION_NOT_EMPTY)
    carried_over = f"Chuyển từ {source.number}; cần đối chiếu với {target.number}."
    topics: dict[int, AwardTopic] = {}
    for topic in source.topics.all():
        topics[topic.pk] = AwardTopic.objects.create(
            regulation=target, code=topic.code, name=topic.name
        )
    copied = 0
    awards = source.award_types.prefetch_related(
        "topics", "collective_unit_kinds", "document_requirements", "quotas"
    )
    for award in awards:
        requirements = list(award.document_requirements.all())
        quotas = list(award.quotas.all())
        award_topics = [topics[t.pk] for t in award.topics.all()]
        unit_kinds = list(award.collective_unit_kinds.all())
        award.pk = None
        award.id = None
        award._state.adding = True
        award.regulation = target
        award.confidence = Confidence.UNCERTAIN
        award.note = f"{award.note}\n{carried_over}".strip()
        award.save()
        award.topics.set(award_topics)
        award.collective_unit_kinds.set(unit_kinds)
        for requirement in requirements:
            AwardDocumentRequirement.objects.create(
                award_type=award,
                document_type_id=requirement.document_type_id,
                copies=requirement.copies,
                is_mandatory=requirement.is_mandatory,
                note=requirement.note,
            )
        for quota in quotas:
            AwardQuota.objects.create(
                award_type=award,
                scope=quota.scope,
                topic=topics.get(quota.topic_id) if quota.topic_id else None,
                limit_count=quota.limit_count,
                limit_percent=quota.limit_percent,
                citation=quota.citation,
                confidence=Confidence.UNCERTAIN,
                note=f"{quota.note}\n{carried_over}".strip(),
            )
        copied += 1
    # Council composition rules too, unless the new version already sets one for the level:
    # otherwise the day it comes into force, councils would no longer be checked at all.
    has_rule = set(target.council_rules.values_list("unit_level_id", flat=True))
    rules = 0
    for rule in source.council_rules.exclude(unit_level_id__in=has_rule):
        CouncilCompositionRule.objects.create(
            regulation=target,
            unit_level_id=rule.unit_level_id,
            min_members=rule.min_members,
            max_members=rule.max_members,
            requires_chair=rule.requires_chair,
            citation=rule.citation,
            confidence=Confidence.UNCERTAIN,
            note=f"{rule.note}\n{carried_over}".strip(),
        )
        rules += 1
    award_rules = award_rules_copy(source=source, target=target, note=carried_over)
    audit_record(
        actor=actor,
        event_type=EventType.REGULATION_VERSION_COPIED,
        obj=target,
        via=grant,
        changes={
            "source": source.pk,
            "award_types": copied,
            "topics": len(topics),
            "council_rules": rules,
            "award_rules": award_rules,
        },
    )
    return copied


def award_rules_copy(*, source: RegulationDocument, target: RegulationDocument, note: str) -> int:
    """Copy the rule pack of `source` into `target`, every rule marked *uncertain* (so that it
    warns at most until checked against the new text), except rules `target` already has.
    Dates of validity are the source version's and are dropped. Called by the services above,
    which check the permission and record the audit event."""
    existing = set(target.award_rules.values_list("rule_id", flat=True))
    copied = 0
    for rule in source.award_rules.exclude(rule_id__in=existing).order_by("rule_id"):
        AwardRule.objects.create(
            regulation=target,
            rule_id=rule.rule_id,
            award_codes=list(rule.award_codes),
            nominees=rule.nominees,
            rule_type=rule.rule_type,
            params=rule.params,
            severity=rule.severity,
            confidence=Confidence.UNCERTAIN,
            citation=rule.citation,
            message=rule.message,
            steps=list(rule.steps),
            enabled=rule.enabled,
            note=f"{rule.note}\n{note}".strip(),
        )
        copied += 1
    return copied


@service
def award_rules_copy_missing(
    *, actor: Any, source: RegulationDocument, target: RegulationDocument
) -> int:
    """Give `target` the rules of `source` it does not have yet (a version copied before rule
    packs existed); each is marked uncertain. Returns how many were copied."""
    grant = require(catalogue_grant(actor))
    carried_over = f"Chuyển từ {source.number}; cần đối chiếu với {target.number}."
    copied = award_rules_copy(source=source, target=target, note=carried_over)
    if copied:
        audit_record(
            actor=actor,
            event_type=EventType.REGULATION_VERSION_COPIED,
            obj=target,
            via=grant,
            changes={"source": source.pk, "award_rules": copied},
        )
    return copied
