"""The award catalogue and the unit levels and kinds: system administrators edit them, unit
administrators read them."""

import datetime

import pytest

from audit.models import AuditEvent, EventType
from awards.models import (
    AwardDocumentRequirement,
    AwardType,
    DossierDocumentType,
    RegulationDocument,
)
from organizations.models import UnitKind, UnitLevel
from tests.admin.utils import action_data, admin_url, change_form_data, messages_of
from tests.factories import RegulationDocumentFactory, kind


def test_unit_administrator_reads_the_catalogue_read_only(client, sample, unit_admin):
    # given
    client.force_login(unit_admin)
    award_type = sample.award_type

    # when
    page = client.get(admin_url(AwardType, "change", award_type.pk))

    # then: a view-only page, and no way to add, change or delete
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert client.get(admin_url(AwardType, "add")).status_code == 403
    assert client.post(admin_url(AwardType, "change", award_type.pk), {}).status_code == 403
    assert client.post(admin_url(AwardType, "delete", award_type.pk), {}).status_code == 403


@pytest.mark.parametrize("model", [UnitLevel, UnitKind, RegulationDocument])
def test_unit_administrator_cannot_add_reference_data(client, tree, unit_admin, model):
    client.force_login(unit_admin)

    assert client.get(admin_url(model, "add")).status_code == 403


def test_system_administrator_edits_an_award_type_through_the_service(client, sample, system_admin):
    # given
    client.force_login(system_admin)
    award_type = sample.award_type
    old_name = award_type.name
    page = client.get(admin_url(AwardType, "change", award_type.pk))
    cdcs = kind("cdcs")

    # when the name changes, a kind of collective is added and the requirement's copies change
    data = change_form_data(
        page,
        name="Bằng khen của Ban Chấp hành",
        collective_unit_kinds=None,
        change_reason="Theo QĐ 999",
    )
    data["collective_unit_kinds"] = [str(cdcs.pk)]
    data["document_requirements-0-copies"] = "3"
    response = client.post(admin_url(AwardType, "change", award_type.pk), data)

    # then
    assert response.status_code == 302, response.context and response.context["errors"]
    award_type.refresh_from_db()
    assert award_type.name == "Bằng khen của Ban Chấp hành"
    assert list(award_type.collective_unit_kinds.all()) == [cdcs]
    assert AwardDocumentRequirement.objects.get(award_type=award_type).copies == 3
    events = AuditEvent.objects.filter(
        event_type=EventType.CATALOGUE_SAVED, actor=system_admin
    ).order_by("seq")
    changes = [event.changes for event in events]
    assert {"name": [old_name, "Bằng khen của Ban Chấp hành"]} in changes
    assert {"collective_unit_kinds": [cdcs.pk]} in changes
    assert {"copies": [1, 3]} in changes
    assert {event.reason for event in events} == {"Theo QĐ 999"}


def test_system_administrator_saves_a_unit_level_through_the_service(client, tree, system_admin):
    client.force_login(system_admin)
    level = UnitLevel.objects.get(code="co-so")
    page = client.get(admin_url(UnitLevel, "change", level.pk))

    response = client.post(
        admin_url(UnitLevel, "change", level.pk),
        change_form_data(page, name="Cấp cơ sở (sau sắp xếp)"),
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get(event_type=EventType.UNIT_LEVEL_SAVED, actor=system_admin)
    assert event.changes["name"][1] == "Cấp cơ sở (sau sắp xếp)"


def test_overlapping_catalogue_versions_are_refused_on_the_form(client, sample, system_admin):
    # given the union's QĐ 999 version, in force from 29/05/2024 with no end
    client.force_login(system_admin)
    page = client.get(admin_url(RegulationDocument, "add"))
    data = {
        "code": "TLD-NEW-2025",
        "number": "1000/QĐ-TLĐ",
        "kind": "decision",
        "title": "Quy chế khen thưởng",
        "issuer": "Đoàn Chủ tịch TLĐ",
        "issued_on": "2025-05-29",
        "effective_from": "2025-05-29",
        "catalogue_track": "union",
        "confidence": "verified",
    }
    assert page.status_code == 200

    # when another version of the same track starts while it is still in force
    response = client.post(admin_url(RegulationDocument, "add"), data)

    # then the service refuses, the form says why, and nothing is saved
    assert response.status_code == 200
    assert "effective_from" in response.context["adminform"].form.errors
    assert not RegulationDocument.objects.filter(code="TLD-NEW-2025").exists()


def test_copying_the_previous_catalogue_into_a_new_version(client, sample, system_admin):
    # given the 2019 version ends when the 2024 version starts
    old = sample.award_type.regulation
    old.effective_to = datetime.date(2024, 5, 28)
    old.save()
    new = RegulationDocumentFactory(
        code="STATE-NEW-2024",
        number="999/QĐ-TEST",
        effective_from=datetime.date(2024, 5, 29),
        issued_on=datetime.date(2024, 5, 29),
        supersedes=old,
    )
    client.force_login(system_admin)
    url = admin_url(RegulationDocument, "changelist")

    # when: the action's page, then its confirmation
    page = client.post(url, action_data("copy_previous_catalogue", new))
    response = client.post(
        url, action_data("copy_previous_catalogue", new, source=old.pk), follow=True
    )

    # then
    assert page.status_code == 200
    assert page.context["form"]["source"].value() == old.pk
    assert new.award_types.count() == 1
    assert AuditEvent.objects.filter(
        event_type=EventType.REGULATION_VERSION_COPIED, object_id=str(new.pk)
    ).exists()
    assert "1" in messages_of(response)[0]


def test_deleting_a_catalogue_entry_records_the_reason(client, sample, system_admin):
    # given a document type no award requires
    unused = DossierDocumentType.objects.create(code="bien-ban", name="Biên bản họp")
    client.force_login(system_admin)

    # when
    response = client.post(
        admin_url(DossierDocumentType, "delete", unused.pk),
        {"post": "yes", "reason": "Trùng với mục khác"},
    )

    # then
    assert response.status_code == 302
    assert not DossierDocumentType.objects.filter(pk=unused.pk).exists()
    event = AuditEvent.objects.get(event_type=EventType.CATALOGUE_DELETED)
    assert event.reason == "Trùng với mục khác"
