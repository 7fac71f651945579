"""Helpers to build import workbooks in memory and run an import inline."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from imports.formats import COLUMNS
from imports.models import ImportJob
from imports.services import import_job_create

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_bytes(headers: list[str], rows: list[list[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_file(kind: str, rows: list[dict[str, Any]], *, name: str = "danh-sach.xlsx"):
    """An upload of `kind` with the template's headers; each row maps column keys to values."""
    columns = COLUMNS[kind]
    content = workbook_bytes(
        [column.header for column in columns],
        [[row.get(column.key) for column in columns] for row in rows],
    )
    return SimpleUploadedFile(name, content, content_type=XLSX)


@pytest.fixture
def run_import(django_capture_on_commit_callbacks) -> Callable[..., ImportJob]:
    """Upload a file and let the queued task run (inline in tests), as the page would."""

    def run(
        *, actor: Any, kind: str, unit: Any, rows: list[dict[str, Any]] | None = None, file=None
    ):
        upload = file if file is not None else import_file(kind, rows or [])
        with django_capture_on_commit_callbacks(execute=True):
            job = import_job_create(actor=actor, kind=kind, unit=unit, file=upload)
        job.refresh_from_db()
        return job

    return run
