"""The award catalogue as versioned regulation data."""

import datetime

import pytest

from audit.models import AuditEvent, EventType
from awards.models import AwardType, Confidence, RegulationDocument
from awards.selectors import award_type_get_applicable, award_type_list, regulation_in_force
from awards.services import catalogue_save, regulation_version_copy
from common.exceptions import DomainNotFound, DomainPermissionError, DomainValidationError
from tests.factories import AwardTypeFactory, RegulationDocumentFactory


def test_the_award_type_that_applies_on_a_date_comes_from_the_version_in_force(reference_data):
    # when
    before = award_type_get_applicable(code="bang-khen-tld", on=datetime.date(2024, 5, 28))
    after = award_type_get_applicable(code="bang-khen-tld", on=datetime.date(2024, 5, 29))

    # then
    assert before.regulation.number == "1689/QĐ-TLĐ"
    assert after.regulation.number == "999/QĐ-TLĐ"
    assert before.pk != after.pk


def test_an_edit_of_the_new_version_does_not_change_the_old_one(reference_data, system):
    award_999 = award_type_get_applicable(code="bang-khen-tld", on=datetime.date(2025, 1, 1))
    award_999.name = "Bằng khen của Tổng Liên đoàn (theo QĐ 999)"

    catalogue_save(actor=system, instance=award_999)

    assert award_type_get_applicable(code="bang-khen-tld", on=datetime.date(2023, 1, 1)).name == (
        "Bằng khen của Ban Chấp hành Tổng Liên đoàn (toàn diện)"
    )
    assert (
        award_type_get_applicable(code="bang-khen-tld", on=datetime.date(2025, 1, 1)).name
        == award_999.name
    )


def test_no_catalogue_before_the_first_version(reference_data):
    assert regulation_in_force(track="union", on=datetime.date(2018, 6, 1)) is None
    with pytest.raises(DomainNotFound):
        award_type_get_applicable(code="bang-khen-tld", on=datetime.date(2018, 6, 1))


def test_the_1689_catalogue_carries_the_confidence_of_its_sources(reference_data):
    awards = {a.code: a for a in award_type_list(on=datetime.date(2023, 1, 1))}

    assert awards["bang-khen-tld"].confidence == Confidence.VERIFIED
    assert awards["bang-khen-tld"].citation == "QĐ 1689/QĐ-TLĐ, Điều 14"
    assert awards["ky-niem-chuong"].confidence == Confidence.HISTORICAL
    assert awards["giai-thuong-nguyen-duc-canh"].confidence == Confidence.UNCERTAIN
    topic_quotas = {
        (q.scope, q.limit_count) for q in awards["bang-khen-chuyen-de-tld"].quotas.all()
    }
    assert topic_quotas == {("national", 300), ("per_proposing_unit", 4)}
    assert {
        r.document_type.code for r in awards["bang-lao-dong-sang-tao"].document_requirements.all()
    } >= {
        "to-trinh",
        "bao-cao-thanh-tich",
        "xac-nhan-sang-kien",
    }


def test_the_999_version_starts_as_an_uncertain_copy_to_verify(reference_data):
    copies = award_type_list(on=datetime.date(2025, 1, 1))

    assert copies.count() == award_type_list(on=datetime.date(2023, 1, 1)).count()
    assert {a.confidence for a in copies} == {Confidence.UNCERTAIN}
    assert all("999/QĐ-TLĐ" in a.note for a in copies)


def test_two_versions_of_one_catalogue_cannot_overlap(reference_data, system):
    clash = RegulationDocument(
        code="TLD-TEST",
        number="1/QĐ-TLĐ",
        kind="decision",
        title="Quy chế thử",
        issuer="TLĐ",
        issued_on=datetime.date(2025, 1, 1),
        effective_from=datetime.date(2025, 1, 1),
        catalogue_track="union",
    )

    with pytest.raises(DomainValidationError):
        catalogue_save(actor=system, instance=clash)


def test_only_system_administrators_edit_the_catalogue(tree, unit_admin):
    award = AwardTypeFactory()
    award.name = "Sửa"

    with pytest.raises(DomainPermissionError):
        catalogue_save(actor=unit_admin, instance=award)


def test_a_version_copy_is_one_audited_action(db, system):
    old = RegulationDocumentFactory(effective_to=datetime.date(2023, 12, 31))
    new = RegulationDocumentFactory(effective_from=datetime.date(2024, 1, 1), supersedes=old)
    AwardTypeFactory(regulation=old, code="bk", confidence=Confidence.VERIFIED)

    copied = regulation_version_copy(actor=system, source=old, target=new)

    assert copied == 1
    assert AwardType.objects.get(regulation=new, code="bk").confidence == Confidence.UNCERTAIN
    assert (
        AuditEvent.objects.filter(
            event_type=EventType.REGULATION_VERSION_COPIED, object_id=str(new.pk)
        ).count()
        == 1
    )


def test_reference_data_load_is_idempotent(reference_data, system):
    from awards.reference_loader import reference_data_load

    before = (AwardType.objects.count(), AuditEvent.objects.count())

    counts = reference_data_load(actor=system)

    assert set(counts.values()) == {0}
    assert (AwardType.objects.count(), AuditEvent.objects.count()) == before
