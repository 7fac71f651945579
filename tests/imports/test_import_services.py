"""Uploading and running an import: all or nothing, every bad row named, progress, scope."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat

from audit.models import AuditEvent, EventType
from audit.selectors import audit_chain_verify
from common.exceptions import DomainPermissionError, DomainValidationError
from imports import services
from imports.formats import PEOPLE_COLUMNS
from imports.importers import PeopleImporter
from imports.models import ImportJob, ImportKind, ImportStatus
from imports.services import import_job_create, import_job_run
from imports.workbook import read_sheet
from organizations.models import Membership, Person
from tests.factories import PersonFactory

from .conftest import XLSX, import_file, workbook_bytes


def person_row(code, **overrides):
    row = {
        "code": code,
        "full_name": f"Người số {code}",
        "gender": "Nữ",
        "birth_date": "12/04/1988",
        "started_on": "01/09/2015",
    }
    row.update(overrides)
    return row


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row_and_column(
    tree, clerk, run_import
):
    # given three good rows and one with an impossible date on spreadsheet row 4
    rows = [
        person_row("DV-001"),
        person_row("DV-002"),
        person_row("DV-003", started_on="31/02/2015"),
        person_row("DV-004"),
    ]

    # when
    job = run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=rows)

    # then
    assert job.status == ImportStatus.REJECTED
    assert not Person.objects.exists()
    assert not Membership.objects.exists()
    assert job.errors == [
        {
            "row": 4,
            "column": "Ngày vào đơn vị",
            "message": "“31/02/2015” không phải là ngày. Hãy ghi theo dạng ngày/tháng/năm, "
            "ví dụ 05/03/1990, hoặc dùng ô kiểu ngày.",
        }
    ]
    assert job.error_count == 1


def test_every_bad_row_is_reported_not_just_the_first(tree, clerk, run_import):
    rows = [
        person_row("DV-001", gender="Không rõ"),
        person_row("DV-002"),
        person_row("DV-003", full_name=None, birth_date="1988"),
    ]

    job = run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=rows)

    assert [(e["row"], e["column"]) for e in job.errors] == [
        (2, "Giới tính"),
        (4, "Họ và tên"),
        (4, "Ngày sinh"),
    ]
    assert "Nam, Nữ" in job.errors[0]["message"]
    assert "bắt buộc" in job.errors[1]["message"]


def test_a_good_file_is_written_with_the_uploader_in_history_and_one_audit_event(
    tree, clerk, run_import
):
    # given
    events_before = AuditEvent.objects.count()

    # when
    job = run_import(
        actor=clerk,
        kind=ImportKind.PEOPLE,
        unit=tree.cdcs_a1x,
        rows=[person_row("DV-001"), person_row("DV-002", unit_code="TO-A1X-1")],
    )

    # then
    assert job.status == ImportStatus.SUCCEEDED
    assert job.result == {
        "rows": 2,
        "created": {"organizations.Person": 2, "organizations.Membership": 2},
    }
    assert job.processed_rows == job.total_rows == 2
    assert AuditEvent.objects.count() == events_before + 1
    event = AuditEvent.objects.get(event_type=EventType.RECORDS_IMPORTED)
    assert event.actor == clerk
    assert event.unit == tree.cdcs_a1x
    assert event.changes["created"] == {"organizations.Person": 2, "organizations.Membership": 2}
    assert audit_chain_verify() is None
    assert {h.history_user for h in Person.history.all()} == {clerk}
    assert {h.history_user for h in Membership.history.all()} == {clerk}
    assert {h.history_user for h in job.history.all()} == {clerk}


def test_a_rejected_file_records_one_rejection_event(tree, clerk, run_import):
    events_before = AuditEvent.objects.count()

    job = run_import(
        actor=clerk,
        kind=ImportKind.PEOPLE,
        unit=tree.cdcs_a1x,
        rows=[person_row("DV-001", gender="?")],
    )

    assert AuditEvent.objects.count() == events_before + 1
    event = AuditEvent.objects.get(event_type=EventType.RECORDS_IMPORT_REJECTED)
    assert (event.actor, event.object_id, event.changes["errors"]) == (clerk, str(job.pk), 1)


def test_progress_moves_in_steps_and_ends_with_every_row_checked(
    tree, clerk, run_import, monkeypatch
):
    # given a 1,000-row file, and a record of every progress update the page could see
    seen = []
    save_progress = services._save_progress

    def record(job, field):
        seen.append((job.processed_rows, job.total_rows))
        save_progress(job, field)

    monkeypatch.setattr(services, "_save_progress", record)
    rows = [person_row(f"DV-{n:04d}") for n in range(1000)]

    # when
    job = run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=rows)

    # then
    assert job.status == ImportStatus.SUCCEEDED, job.errors[:3]
    assert job.processed_rows == job.total_rows == 1000
    # (the size is saved, with history, before the first chunk: the page shows 0 of 1,000)
    assert [done for done, _total in seen] == [200, 400, 600, 800, 1000]
    assert Person.objects.count() == 1000


def test_checking_a_chunk_costs_a_few_queries_whatever_its_size(
    tree, clerk, django_assert_max_num_queries
):
    importer = PeopleImporter(actor=clerk, unit=tree.cdcs_a1x)
    file = import_file(ImportKind.PEOPLE, [person_row(f"DV-{n:04d}") for n in range(200)])
    _errors, rows = read_sheet(file, importer.columns)

    with django_assert_max_num_queries(6):
        importer.validate_chunk(rows)

    assert importer.errors == []
    assert len(importer.plan) == 200


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers(tree, clerk, run_import):
    headers = [column.header for column in PEOPLE_COLUMNS]
    good = ["DV-001", "Lê Văn Tám", "Nam", None, None, None, "01/01/2020", None, None, None]
    bad = ["DV-002", "Lê Thị Chín", "Nam", None, "Tiểu học", None, "01/01/2020", None, None, None]
    content = workbook_bytes(headers, [good, [None] * 10, [], bad])

    job = run_import(
        actor=clerk,
        kind=ImportKind.PEOPLE,
        unit=tree.cdcs_a1x,
        file=SimpleUploadedFile("ds.xlsx", content, content_type=XLSX),
    )

    assert job.total_rows == 2
    assert [(e["row"], e["column"]) for e in job.errors] == [(5, "Trình độ")]


def test_a_file_without_the_expected_headings_is_rejected_naming_them(tree, clerk, run_import):
    headers = [column.header for column in PEOPLE_COLUMNS]
    headers[1] = "Ho va ten"
    content = workbook_bytes(headers, [["DV-001", "Lê Văn Tám", "Nam"]])

    job = run_import(
        actor=clerk,
        kind=ImportKind.PEOPLE,
        unit=tree.cdcs_a1x,
        file=SimpleUploadedFile("ds.xlsx", content, content_type=XLSX),
    )

    assert job.status == ImportStatus.REJECTED
    assert [(e["row"], e["column"]) for e in job.errors] == [(1, "Ho va ten"), (1, "Họ và tên")]
    assert not Person.objects.exists()


def test_a_file_with_only_headings_is_rejected(tree, clerk, run_import):
    job = run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=[])

    assert job.status == ImportStatus.REJECTED
    assert job.errors[0]["row"] is None
    assert "không có dòng dữ liệu" in job.errors[0]["message"]


# --- people: codes and scope ---------------------------------------------------------------


def test_a_code_twice_in_the_file_is_refused_on_the_second_row(tree, clerk, run_import):
    rows = [person_row("DV-001"), person_row("DV-002"), person_row("DV-001")]

    job = run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=rows)

    assert [(e["row"], e["column"]) for e in job.errors] == [(4, "Mã cá nhân")]
    assert "dòng 2" in job.errors[0]["message"]
    assert not Person.objects.exists()


def test_a_code_already_registered_says_to_edit_that_person_instead(tree, clerk, run_import):
    PersonFactory(code="DV-001", unit=tree.cdcs_a1x)

    job = run_import(
        actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=[person_row("DV-001")]
    )

    assert job.errors[0]["column"] == "Mã cá nhân"
    assert "trang của người đó" in job.errors[0]["message"]


def test_a_code_held_outside_the_uploaders_scope_is_refused_without_saying_who(
    tree, clerk, run_import
):
    PersonFactory(code="DV-001", full_name="Phạm Văn Bí Mật", unit=tree.cdcs_b1x)

    job = run_import(
        actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=[person_row("DV-001")]
    )

    message = job.errors[0]["message"]
    assert "đã được dùng" in message
    assert "Bí Mật" not in message
    assert "trang của người đó" not in message


def test_a_unit_outside_the_uploaders_scope_is_not_found_for_that_row(tree, clerk, run_import):
    rows = [person_row("DV-001", unit_code="CDCS-B1X"), person_row("DV-002", unit_code="KHONG-CO")]

    job = run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=rows)

    # the same words for a unit elsewhere and a unit that does not exist
    assert [e["message"].split("“")[0] for e in job.errors] == ["Không tìm thấy đơn vị có mã "] * 2
    assert not Person.objects.exists()


def test_rows_must_be_about_the_unit_the_job_was_filed_for(tree, unit_admin, run_import):
    # given an administrator of the whole province filing for district A2
    job = run_import(
        actor=unit_admin,
        kind=ImportKind.PEOPLE,
        unit=tree.district_a2,
        rows=[
            person_row("DV-001", unit_code="CDCS-A2X"),
            person_row("DV-002", unit_code="CDCS-A1X"),
        ],
    )

    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "Mã đơn vị")]


# --- the upload ----------------------------------------------------------------------------


def test_a_file_that_is_not_a_workbook_is_refused_whatever_its_name(tree, clerk):
    renamed_csv = SimpleUploadedFile("danh-sach.xlsx", "Mã cá nhân;Họ và tên\nDV-1;An\n".encode())

    with pytest.raises(DomainValidationError) as error:
        import_job_create(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, file=renamed_csv)

    assert error.value.code == "import_file_not_xlsx"
    assert "Excel" in error.value.message
    assert not ImportJob.objects.exists()


def test_a_zip_that_is_not_a_workbook_is_refused(tree, clerk):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")
    upload = SimpleUploadedFile("danh-sach.xlsx", buffer.getvalue())

    with pytest.raises(DomainValidationError) as error:
        import_job_create(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, file=upload)

    assert error.value.code == "import_file_not_xlsx"


def test_a_workbook_is_accepted_whatever_its_extension(tree, clerk, run_import):
    upload = import_file(ImportKind.PEOPLE, [person_row("DV-001")], name="ds.bin")

    job = run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, file=upload)

    assert job.status == ImportStatus.SUCCEEDED
    assert job.original_name == "ds.bin"
    assert job.file.name.startswith(f"imports/{datetime.date.today():%Y/%m}/ds-")
    assert job.file.name.endswith(".xlsx")


def test_the_stored_name_is_sanitised(tree, clerk, run_import):
    upload = import_file(ImportKind.PEOPLE, [person_row("DV-001")], name="../../Danh sách ĐV.xlsx")

    job = run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, file=upload)

    assert ".." not in job.file.name
    assert " " not in job.file.name
    assert job.file.name.split("/")[-1].startswith("danh-sach-v-")


def test_a_file_over_the_size_limit_is_refused(tree, clerk, settings):
    settings.IMPORT_MAX_FILE_SIZE = 1000

    with pytest.raises(DomainValidationError) as error:
        import_job_create(
            actor=clerk,
            kind=ImportKind.PEOPLE,
            unit=tree.cdcs_a1x,
            file=import_file(ImportKind.PEOPLE, [person_row("DV-001")]),
        )

    assert error.value.code == "import_file_too_large"
    assert f"tối đa {filesizeformat(1000)}" in error.value.message


def test_only_clerks_and_administrators_of_the_unit_may_upload(tree, reviewer, clerk):
    upload = import_file(ImportKind.PEOPLE, [person_row("DV-001")])

    with pytest.raises(DomainPermissionError):
        import_job_create(actor=reviewer, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, file=upload)
    with pytest.raises(DomainPermissionError):
        import_job_create(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1y, file=upload)


def test_the_upload_queues_the_job_after_commit(tree, clerk, django_capture_on_commit_callbacks):
    upload = import_file(ImportKind.PEOPLE, [person_row("DV-001")])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = import_job_create(
            actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, file=upload
        )

    assert job.status == ImportStatus.QUEUED
    assert len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == ImportStatus.SUCCEEDED


# --- running -------------------------------------------------------------------------------


def test_an_uploader_who_lost_the_role_before_the_run_gets_a_rejection(
    tree, clerk, django_capture_on_commit_callbacks
):
    # given a queued job whose uploader's role is then revoked
    upload = import_file(ImportKind.PEOPLE, [person_row("DV-001")])
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(
            actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, file=upload
        )
    clerk.role_assignments.update(revoked_at=datetime.datetime.now(datetime.UTC))
    clerk.__dict__.pop("_active_assignments", None)

    # when
    import_job_run(job_id=job.pk)

    # then
    job.refresh_from_db()
    assert job.status == ImportStatus.REJECTED
    assert "không còn" in job.errors[0]["message"]
    assert not Person.objects.exists()


def test_an_unexpected_error_while_writing_leaves_nothing_behind(
    tree, clerk, run_import, monkeypatch
):
    # given a write that fails after the people were saved, before their memberships
    original = PeopleImporter.bulk_create

    def fail_on_memberships(self, model, objects, reason):
        if model is Membership:
            raise RuntimeError("disk full")
        return original(self, model, objects, reason)

    monkeypatch.setattr(PeopleImporter, "bulk_create", fail_on_memberships)

    # when
    job = run_import(
        actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=[person_row("DV-001")]
    )

    # then
    assert job.status == ImportStatus.FAILED
    assert not Person.objects.exists()
    assert "Không có dữ liệu nào được lưu" in job.errors[0]["message"]
    assert "disk full" not in job.errors[0]["message"]
    assert not AuditEvent.objects.filter(event_type=EventType.RECORDS_IMPORTED).exists()


def test_a_job_runs_only_once(tree, clerk, run_import):
    job = run_import(
        actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=[person_row("DV-001")]
    )

    import_job_run(job_id=job.pk)

    assert Person.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=EventType.RECORDS_IMPORTED).count() == 1
