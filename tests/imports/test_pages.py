"""The import pages: upload, follow the progress, read and download the errors; scoped."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import AuditEvent, EventType
from imports.models import ImportJob, ImportKind, ImportStatus
from imports.services import import_job_create
from organizations.models import Person
from tests.factories import RoleAssignmentFactory, UserFactory

from .conftest import import_file

# A page of this app, plus the menu's counts of open tasks and unread notifications (base.html).
PAGE_BUDGET = 11


def person_row(code, **overrides):
    return {
        "code": code,
        "full_name": f"Người số {code}",
        "gender": "Nam",
        "started_on": "01/09/2015",
        **overrides,
    }


@pytest.fixture
def rejected_job(tree, clerk, run_import):
    return run_import(
        actor=clerk,
        kind=ImportKind.PEOPLE,
        unit=tree.cdcs_a1x,
        rows=[person_row("DV-1", gender="?"), person_row("DV-2"), person_row("DV-3", gender="")],
    )


@pytest.fixture
def queued_job(tree, clerk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return import_job_create(
            actor=clerk,
            kind=ImportKind.PEOPLE,
            unit=tree.cdcs_a1x,
            file=import_file(ImportKind.PEOPLE, [person_row("DV-1")]),
        )


def test_the_upload_page_offers_the_templates_and_the_next_step(
    client, tree, clerk, django_assert_max_num_queries
):
    client.force_login(clerk)

    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(reverse("imports:job_create"))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="next-step"' in page
    for kind in ImportKind.values:
        assert reverse("imports:template", args=[kind]) in page
    # the clerk keeps its union and the union's team: the form offers them, and no other unit,
    # with the clerk's own union chosen
    form = response.context["form"]
    assert list(form.fields["unit"].queryset) == [tree.cdcs_a1x, tree.team_a1x]
    assert form.initial["unit"] == tree.cdcs_a1x.pk


def test_uploading_a_good_file_runs_the_import_and_shows_the_result(
    client, tree, clerk, django_capture_on_commit_callbacks
):
    client.force_login(clerk)
    upload = import_file(ImportKind.PEOPLE, [person_row("DV-1"), person_row("DV-2")])

    # when (the queued task runs once the upload has committed)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("imports:job_create"),
            {"kind": ImportKind.PEOPLE, "unit": tree.cdcs_a1x.pk, "file": upload},
        )

    # then
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:job_detail", args=[job.pk])
    assert job.status == ImportStatus.SUCCEEDED
    assert Person.objects.count() == 2
    page = client.get(response.url).content.decode()
    assert "hx-trigger" not in page  # finished: nothing to poll
    assert "Đã nhập" in page


def test_a_file_that_is_not_a_workbook_is_refused_on_the_form(client, tree, clerk):
    client.force_login(clerk)
    fake = SimpleUploadedFile("danh-sach.xlsx", b"ID;NAME\n1;An\n")

    response = client.post(
        reverse("imports:job_create"),
        {"kind": ImportKind.PEOPLE, "unit": tree.cdcs_a1x.pk, "file": fake},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not ImportJob.objects.exists()


def test_a_user_who_keeps_no_records_cannot_open_the_upload_page(client, tree, auditor):
    client.force_login(auditor)

    assert client.get(reverse("imports:job_create")).status_code == 403


def test_a_running_job_shows_its_progress_and_polls(
    client, tree, clerk, queued_job, django_assert_max_num_queries
):
    # given a job half-way through its rows
    queued_job.status = ImportStatus.VALIDATING
    queued_job.total_rows, queued_job.processed_rows = 1000, 400
    queued_job.save()
    client.force_login(clerk)

    with django_assert_max_num_queries(PAGE_BUDGET):
        page = client.get(reverse("imports:job_detail", args=[queued_job.pk]))
        fragment = client.get(
            reverse("imports:job_detail", args=[queued_job.pk]), headers={"HX-Request": "true"}
        )

    assert page.status_code == fragment.status_code == 200
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert 'aria-valuenow="40"' in page.content.decode()
    # the fragment is the status block alone, which polls again
    body = fragment.content.decode()
    assert "<html" not in body
    assert 'hx-trigger="every 2s"' in body
    assert "Đã kiểm tra 400/1.000 dòng" in body


def test_a_rejected_job_lists_every_bad_row_and_stops_polling(
    client, clerk, rejected_job, django_assert_max_num_queries
):
    client.force_login(clerk)

    with django_assert_max_num_queries(PAGE_BUDGET):
        response = client.get(reverse("imports:job_detail", args=[rejected_job.pk]))

    page = response.content.decode()
    assert "hx-trigger" not in page
    assert "Dòng 2" in page and "Dòng 4" in page
    assert page.count("Giới tính") >= 2
    assert reverse("imports:job_errors", args=[rejected_job.pk]) in page


def test_the_errors_download_as_an_audited_workbook(client, clerk, rejected_job):
    client.force_login(clerk)

    response = client.get(reverse("imports:job_errors", args=[rejected_job.pk]))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [(row[0], row[1]) for row in rows[1:]] == [(2, "Giới tính"), (4, "Giới tính")]
    assert AuditEvent.objects.filter(event_type=EventType.EXPORT_DOWNLOADED, actor=clerk).exists()


def test_the_job_list_is_filterable_and_bounded_in_queries(
    client, tree, clerk, rejected_job, run_import, django_assert_max_num_queries
):
    # given a rejected and a successful job
    run_import(actor=clerk, kind=ImportKind.PEOPLE, unit=tree.cdcs_a1x, rows=[person_row("DV-9")])
    client.force_login(clerk)

    with django_assert_max_num_queries(PAGE_BUDGET):
        everything = client.get(reverse("imports:job_list"))
    rejected = client.get(reverse("imports:job_list"), {"status": ImportStatus.REJECTED})

    assert len(everything.context["object_list"]) == 2
    assert list(rejected.context["object_list"]) == [rejected_job]


def test_a_user_cannot_see_the_jobs_of_another_unit(client, tree, rejected_job):
    # given the clerk of another grassroots union
    other = UserFactory()
    RoleAssignmentFactory(user=other, role="clerk", unit=tree.cdcs_a1y)
    client.force_login(other)

    assert client.get(reverse("imports:job_detail", args=[rejected_job.pk])).status_code == 404
    assert client.get(reverse("imports:job_errors", args=[rejected_job.pk])).status_code == 404
    assert not client.get(reverse("imports:job_list")).context["object_list"]


def test_administrators_covering_the_unit_see_its_jobs(client, unit_admin, reviewer, rejected_job):
    client.force_login(unit_admin)
    assert client.get(reverse("imports:job_detail", args=[rejected_job.pk])).status_code == 200

    # a reviewer of the same province reads the unit, but does not administer it
    client.force_login(reviewer)
    assert client.get(reverse("imports:job_detail", args=[rejected_job.pk])).status_code == 404


@pytest.mark.parametrize("kind", ImportKind.values)
def test_templates_download(client, clerk, kind):
    client.force_login(clerk)

    response = client.get(reverse("imports:template", args=[kind]))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="mau-nhap-')
    assert load_workbook(io.BytesIO(response.content)).sheetnames[1] == "Hướng dẫn"


def test_an_unknown_template_is_not_found(client, clerk):
    client.force_login(clerk)

    assert client.get("/imports/templates/khong-co.xlsx").status_code == 404
