"""Rule packs as versioned data: validated when saved, copied with their version, reloaded
idempotently, edited by catalogue administrators in the admin (issue 5 §2)."""

import datetime

import pytest

from audit.models import AuditEvent, EventType
from awards.models import AwardRule, Confidence, RegulationDocument
from awards.reference_loader import reference_data_load
from awards.services import catalogue_save, regulation_version_copy
from common.exceptions import DomainValidationError
from tests.admin.utils import admin_url, change_form_data
from tests.factories import RegulationDocumentFactory


def rule_999(rule_id="BKTLD-01"):
    return AwardRule.objects.get(regulation__code="TLD-999-2024", rule_id=rule_id)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"params": {"years": 0, "min_rating": "HTXSNV"}}, "params"),
        ({"params": {"years": 2, "min_rating": "excellent"}}, "params"),
        ({"rule_type": "consecutive_stars"}, "rule_type"),
        ({"award_codes": ["bang-khen-khong-co"]}, "award_codes"),
        ({"steps": ["party"]}, "steps"),
        ({"steps": []}, "steps"),
        ({"rule_id": "DOS-01"}, "rule_id"),
        ({"valid_from": datetime.date(2020, 1, 1)}, "valid_from"),
    ],
)
def test_a_rule_is_refused_with_every_problem_on_its_field(
    reference_data, system_admin, changes, field
):
    rule = rule_999()
    for name, value in changes.items():
        setattr(rule, name, value)

    with pytest.raises(DomainValidationError) as refused:
        catalogue_save(actor=system_admin, instance=rule)

    assert field in refused.value.details


def test_a_valid_change_is_saved_with_history_and_audit(reference_data, system_admin):
    rule = rule_999()
    rule.params = {"years": 3, "min_rating": "HTXSNV"}
    rule.confidence = Confidence.VERIFIED

    catalogue_save(actor=system_admin, instance=rule, reason="Đối chiếu QĐ 999, điều 14")

    event = AuditEvent.objects.filter(event_type=EventType.CATALOGUE_SAVED).latest("seq")
    assert event.changes["confidence"] == ["uncertain", "verified"]
    assert event.reason == "Đối chiếu QĐ 999, điều 14"
    assert rule.history.count() >= 2


def test_copying_a_version_copies_its_pack_marked_uncertain(reference_data, system):
    # given the 1689 pack and a new, empty catalogue version
    source = RegulationDocument.objects.get(code="TLD-1689-2019")
    target = RegulationDocumentFactory(
        code="TLD-NEXT",
        catalogue_track="union",
        effective_from=datetime.date(2030, 1, 1),
    )

    regulation_version_copy(actor=system, source=source, target=target)

    copied = AwardRule.objects.filter(regulation=target)
    assert copied.count() == source.award_rules.count()
    assert set(copied.values_list("confidence", flat=True)) == {"uncertain"}
    bktld = copied.get(rule_id="BKTLD-01")
    assert (bktld.params, bktld.award_codes) == (
        {"years": 2, "min_rating": "HTXSNV"},
        ["bang-khen-tld"],
    )
    event = AuditEvent.objects.get(
        event_type=EventType.REGULATION_VERSION_COPIED, object_id=str(target.pk)
    )
    assert event.changes["award_rules"] == copied.count()


def test_reloading_restores_nothing_edited_and_gives_999_a_pack_it_lacks(reference_data, system):
    # given an administrator's edit in 1689 and a 999 version without rules
    AwardRule.objects.filter(regulation__code="TLD-1689-2019", rule_id="KNC-05").update(
        enabled=False
    )
    AwardRule.objects.filter(regulation__code="TLD-999-2024").delete()

    counts = reference_data_load(actor=system)

    assert counts["award rules"] == 40  # 999's pack, copied again
    assert not AwardRule.objects.get(regulation__code="TLD-1689-2019", rule_id="KNC-05").enabled
    assert reference_data_load(actor=system)["award rules"] == 0


# --- the admin ------------------------------------------------------------------------------------


def test_catalogue_administrator_edits_a_rule_and_sees_the_schema_when_params_are_wrong(
    client, reference_data, system_admin
):
    client.force_login(system_admin)
    rule = rule_999()
    page = client.get(admin_url(AwardRule, "change", rule.pk))
    assert page.status_code == 200
    assert "min_rating" in page.text  # the type's parameters are listed

    # when the parameters do not fit the type
    response = client.post(
        admin_url(AwardRule, "change", rule.pk),
        change_form_data(page, params='{"years": "two"}'),
    )

    # then the form says so, with the schema
    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.errors["params"])
    assert "years" in errors and "min_rating" in errors

    # when they are right
    response = client.post(
        admin_url(AwardRule, "change", rule.pk),
        change_form_data(
            page,
            params='{"years": 3, "min_rating": "HTXSNV"}',
            confidence="verified",
            change_reason="Đã đối chiếu QĐ 999",
        ),
    )

    # then saved through the service
    assert response.status_code == 302, response.context and response.context["errors"]
    rule.refresh_from_db()
    assert (rule.params["years"], rule.confidence) == (3, "verified")
    assert AuditEvent.objects.filter(
        event_type=EventType.CATALOGUE_SAVED, actor=system_admin, reason="Đã đối chiếu QĐ 999"
    ).exists()


def test_a_unit_administrator_reads_the_rules_but_cannot_change_them(
    client, reference_data, unit_admin
):
    client.force_login(unit_admin)
    rule = rule_999()

    page = client.get(admin_url(AwardRule, "change", rule.pk))

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert client.post(admin_url(AwardRule, "change", rule.pk), {}).status_code == 403
    assert client.get(admin_url(AwardRule, "add")).status_code == 403
