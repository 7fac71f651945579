"""Registrations and progress reports: filed by the unit's staff, acknowledged or returned by the
unit they are filed with, every change on record."""

from decimal import Decimal

import pytest

from audit.models import AuditEvent, EventType
from common.exceptions import DomainConflict, DomainPermissionError, DomainValidationError
from emulation.choices import RegistrationStatus
from emulation.exceptions import EmulationErrorCode as Code
from emulation.models import ProgressReport, Registration, RegistrationTarget, ReportValue
from emulation.services import (
    campaign_close,
    progress_report_submit,
    registration_acknowledge,
    registration_return,
    registration_submit,
)
from nominations.exceptions import NominationErrorCode
from tests.factories import AwardTypeFactory, PersonFactory

from .conftest import YEAR, pdf


def register(actor, campaign, unit, **kw):
    kw.setdefault("targets", {"doan-vien-moi": Decimal(900)})
    return registration_submit(actor=actor, campaign=campaign, year=YEAR, unit=unit, **kw)


# --- registration --------------------------------------------------------------------------------


def test_a_district_registers_its_targets_and_titles_with_the_province(
    campaign, district_clerk, tree
):
    award = AwardTypeFactory(name="Cờ thi đua của LĐLĐ tỉnh")

    # when
    registration = register(
        district_clerk,
        campaign,
        tree.district_a1,
        commitment="Phấn đấu hoàn thành xuất sắc nhiệm vụ",
        targets={"doan-vien-moi": Decimal(900), "quy-mai-am": Decimal(300_000_000)},
        titles=[award, "Tập thể lao động xuất sắc"],
    )

    # then
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.reviewing_unit == tree.province_a
    assert {t.indicator.code: t.target_value for t in registration.targets.all()} == {
        "doan-vien-moi": Decimal(900),
        "quy-mai-am": Decimal(300_000_000),
    }
    assert sorted(str(t) for t in registration.titles.all()) == [
        "Cờ thi đua của LĐLĐ tỉnh",
        "Tập thể lao động xuất sắc",
    ]
    event = AuditEvent.objects.get(event_type=EventType.REGISTRATION_SUBMITTED)
    assert event.changes["targets"][1] == {
        "doan-vien-moi": "900.00",
        "quy-mai-am": "300000000.00",
    }
    assert event.unit_id == tree.district_a1.pk
    assert registration.history.get().history_user == district_clerk


def test_only_the_units_own_staff_registers_it(campaign, clerk, reviewer_b, tree):
    for outsider in (clerk, reviewer_b):  # a grassroots clerk below it, another province
        with pytest.raises(DomainPermissionError):
            register(outsider, campaign, tree.district_a1)


def test_a_grassroots_clerk_registers_its_union(campaign, clerk, tree):
    registration = register(clerk, campaign, tree.cdcs_a1x, targets={})

    assert registration.reviewing_unit == tree.district_a1


def test_a_unit_registers_once_per_campaign_and_year(campaign, district_clerk, tree):
    register(district_clerk, campaign, tree.district_a1)

    with pytest.raises(DomainConflict) as error:
        register(district_clerk, campaign, tree.district_a1)

    assert error.value.code == Code.ALREADY_REGISTERED


def test_registration_needs_an_open_campaign_a_year_in_it_and_a_participant(
    draft_campaign, campaign, reviewer, district_clerk, clerk, tree
):
    # a team of a grassroots union is not at a level taking part
    with pytest.raises(DomainValidationError) as level:
        register(clerk, campaign, tree.team_a1x, targets={})
    with pytest.raises(DomainValidationError) as year:
        registration_submit(
            actor=district_clerk, campaign=campaign, year=YEAR + 1, unit=tree.district_a1
        )
    with pytest.raises(DomainValidationError) as unknown:
        register(district_clerk, campaign, tree.district_a1, targets={"khong-co": Decimal(1)})
    campaign_close(actor=reviewer, campaign=campaign)
    with pytest.raises(DomainConflict) as closed:
        register(district_clerk, campaign, tree.district_a1)

    assert level.value.code == Code.NOT_A_PARTICIPANT
    assert year.value.code == Code.YEAR_OUTSIDE_CAMPAIGN
    assert unknown.value.code == Code.INDICATOR_NOT_OF_CAMPAIGN
    assert closed.value.code == Code.CAMPAIGN_NOT_OPEN
    assert not Registration.objects.exists()


def test_a_person_registers_through_their_unit_which_acknowledges_it(campaign, clerk, tree):
    member = PersonFactory(unit=tree.cdcs_a1x, full_name="Trần Thị Mai")
    outsider = PersonFactory(unit=tree.cdcs_a1y)

    registration = register(
        clerk, campaign, tree.cdcs_a1x, person=member, targets={}, titles=["Lao động giỏi"]
    )
    with pytest.raises(DomainValidationError) as error:
        register(clerk, campaign, tree.cdcs_a1x, person=outsider, targets={})

    assert (registration.person, registration.reviewing_unit) == (member, tree.cdcs_a1x)
    assert error.value.code == Code.PERSON_NOT_IN_UNIT
    assert registration_acknowledge(actor=clerk, registration=registration).status == (
        RegistrationStatus.ACKNOWLEDGED
    )


def test_the_upper_unit_acknowledges_a_registration(campaign, district_clerk, reviewer, tree):
    registration = register(district_clerk, campaign, tree.district_a1)

    # the district cannot acknowledge its own registration
    with pytest.raises(DomainPermissionError):
        registration_acknowledge(actor=district_clerk, registration=registration)
    registration = registration_acknowledge(actor=reviewer, registration=registration)

    assert registration.status == RegistrationStatus.ACKNOWLEDGED
    assert registration.reviewed_by == reviewer
    assert AuditEvent.objects.filter(
        event_type=EventType.REGISTRATION_ACKNOWLEDGED, object_id=str(registration.pk)
    ).exists()
    with pytest.raises(DomainConflict) as error:
        registration_return(actor=reviewer, registration=registration, reason="Muộn")
    assert error.value.code == Code.REGISTRATION_NOT_PENDING


def test_a_returned_registration_is_filed_again_keeping_its_first_submission(
    campaign, district_clerk, reviewer, tree
):
    registration = register(district_clerk, campaign, tree.district_a1)
    first_submitted = registration.submitted_at

    # when returned without reasons, then with them
    with pytest.raises(DomainValidationError) as error:
        registration_return(actor=reviewer, registration=registration, reason="  ")
    returned = registration_return(
        actor=reviewer, registration=registration, reason="Chỉ tiêu đoàn viên mới quá thấp"
    )
    refiled = register(
        district_clerk, campaign, tree.district_a1, targets={"doan-vien-moi": Decimal(1200)}
    )

    # then
    assert error.value.code == Code.REASON_REQUIRED
    assert returned.return_reason == "Chỉ tiêu đoàn viên mới quá thấp"
    assert refiled.pk == registration.pk
    assert refiled.status == RegistrationStatus.SUBMITTED
    assert refiled.submitted_at == first_submitted
    assert refiled.resubmitted_at is not None
    assert [t.target_value for t in refiled.targets.all()] == [Decimal(1200)]
    # the earlier commitment survives in the history
    assert RegistrationTarget.history.filter(target_value=Decimal(900), history_type="-").exists()
    resubmitted = AuditEvent.objects.filter(event_type=EventType.REGISTRATION_SUBMITTED).last()
    assert resubmitted.changes["targets"] == [
        {"doan-vien-moi": "900.00"},
        {"doan-vien-moi": "1200.00"},
    ]
    assert AuditEvent.objects.get(event_type=EventType.REGISTRATION_RETURNED).reason == (
        "Chỉ tiêu đoàn viên mới quá thấp"
    )


# --- progress reports ----------------------------------------------------------------------------


def test_a_unit_reports_its_values_with_evidence(campaign, half_year, district_clerk, tree):
    # when
    report = progress_report_submit(
        actor=district_clerk,
        period=half_year,
        unit=tree.district_a1,
        values={"doan-vien-moi": Decimal(640), "quy-mai-am": Decimal(250_000_000)},
        notes={"quy-mai-am": "Đã chuyển về LĐLĐ tỉnh"},
        summary="Sáu tháng đầu năm",
        files=[pdf("bao-cao.pdf")],
    )

    # then
    assert {v.indicator.code: v.value for v in report.values.all()} == {
        "doan-vien-moi": Decimal(640),
        "quy-mai-am": Decimal(250_000_000),
    }
    attachment = report.attachments.get()
    assert (attachment.original_name, attachment.content_type) == ("bao-cao.pdf", "application/pdf")
    assert attachment.file.name.startswith("emulation/reports/")
    event = AuditEvent.objects.get(event_type=EventType.PROGRESS_REPORT_SUBMITTED)
    assert event.changes["values"]["doan-vien-moi"] == [None, ["640", ""]]
    assert event.changes["files"][0]["file"] == "bao-cao.pdf"
    assert report.history.get().history_user == district_clerk


def test_evidence_is_checked_by_its_content_like_dossier_documents(
    campaign, half_year, district_clerk, tree
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile(
        "bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )

    with pytest.raises(DomainValidationError) as error:
        progress_report_submit(
            actor=district_clerk,
            period=half_year,
            unit=tree.district_a1,
            values={"doan-vien-moi": Decimal(1)},
            files=[fake],
        )

    assert error.value.code == NominationErrorCode.ATTACHMENT_TYPE_REFUSED
    assert not ProgressReport.objects.exists()


def test_a_corrected_report_keeps_its_first_submission_and_the_old_values_in_history(
    campaign, half_year, district_clerk, tree
):
    first = progress_report_submit(
        actor=district_clerk,
        period=half_year,
        unit=tree.district_a1,
        values={"doan-vien-moi": Decimal(640)},
    )

    corrected = progress_report_submit(
        actor=district_clerk,
        period=half_year,
        unit=tree.district_a1,
        values={"doan-vien-moi": Decimal(655)},
    )

    assert corrected.pk == first.pk
    assert corrected.submitted_at == first.submitted_at
    assert corrected.revised_at is not None
    assert ReportValue.objects.get().value == Decimal(655)
    assert list(ReportValue.history.values_list("value", flat=True)) == [Decimal(655), Decimal(640)]
    assert AuditEvent.objects.filter(event_type=EventType.PROGRESS_REPORT_SUBMITTED).count() == 2


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("doan-vien-moi", Decimal("10.5")),  # a count is whole
        ("doan-vien-moi", Decimal(-1)),
        ("gia-dinh-van-hoa", Decimal(101)),  # a percentage
        ("cdcs-vung-manh", Decimal(2)),  # yes/no
        ("quy-mai-am", Decimal(-5)),
    ],
)
def test_values_must_fit_their_measure(campaign, half_year, unit_admin, tree, code, value):
    unit = tree.cdcs_a1x if code in {"gia-dinh-van-hoa", "cdcs-vung-manh"} else tree.district_a1

    with pytest.raises(DomainValidationError) as error:
        progress_report_submit(actor=unit_admin, period=half_year, unit=unit, values={code: value})

    assert error.value.code == Code.VALUE_INVALID
    assert error.value.details == {code: [str(value)]}


def test_a_unit_reports_only_the_indicators_of_its_level(campaign, half_year, clerk, tree):
    with pytest.raises(DomainValidationError) as error:
        progress_report_submit(
            actor=clerk,
            period=half_year,
            unit=tree.cdcs_a1x,
            values={"doan-vien-moi": Decimal(10), "cdcs-vung-manh": Decimal(1)},
        )

    assert error.value.code == Code.INDICATOR_NOT_FOR_UNIT
    assert error.value.details == {"values": ["doan-vien-moi"]}


def test_no_report_once_the_campaign_is_closed(campaign, half_year, reviewer, district_clerk, tree):
    campaign_close(actor=reviewer, campaign=campaign)

    with pytest.raises(DomainConflict) as error:
        progress_report_submit(
            actor=district_clerk, period=half_year, unit=tree.district_a1, values={}
        )

    assert error.value.code == Code.CAMPAIGN_NOT_OPEN
