"""The writers of Excel imports.

`import_job_create` accepts a file and queues the job; `import_job_run` (run by the background
task) checks every row, then writes everything in one transaction, or nothing at all.
"""

from __future__ import annotations

import logging
import zipfile
from functools import partial
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.models import EventType
from audit.services import audit_record
from common.context import acting_as
from common.exceptions import DomainPermissionError, DomainValidationError
from common.services import service
from imports.exceptions import ImportErrorCode as Code
from imports.importers import importer_for
from imports.models import ImportJob, ImportKind, ImportStatus
from imports.workbook import open_workbook, read_sheet
from organizations.models import Unit
from organizations.permissions import Grant
from organizations.services import people_grant

logger = logging.getLogger(__name__)

# Rows checked between two progress updates. Each update is a short commit of its own, so the
# job page sees the counter move while the rest of the file is still being checked.
PROGRESS_EVERY = 200


@service
def import_job_create(*, actor: Any, kind: str, unit: Unit, file: UploadedFile) -> ImportJob:
    """Store an uploaded workbook and queue its import for `unit`."""
    people_grant(actor, unit)
    if kind not in ImportKind.values:
        raise DomainValidationError(
            Code.UNKNOWN_KIND, details={"kind": [str(Code.UNKNOWN_KIND.label)]}
        )
    if not unit.is_active:
        raise DomainValidationError(
            Code.UNIT_INACTIVE, details={"unit": [str(Code.UNIT_INACTIVE.label)]}
        )
    _check_upload(file)
    job = ImportJob(kind=kind, unit=unit, created_by=actor, original_name=(file.name or "")[-255:])
    # The file reaches storage before the row commits; if the transaction rolls back, an
    # unreferenced file is left behind, which is harmless.
    job.file.save(file.name or "import.xlsx", file, save=False)
    job.save()

    from imports.tasks import import_job_run_task

    transaction.on_commit(partial(import_job_run_task.enqueue, job_id=job.pk))
    return job


def _check_upload(file: UploadedFile) -> None:
    """The size limit, and that the content is a workbook openpyxl can open: a renamed .xls,
    .csv or .docx is refused whatever its extension says."""
    size = file.size or 0
    if size == 0:
        raise DomainValidationError(Code.FILE_EMPTY, details={"file": [str(Code.FILE_EMPTY.label)]})
    if size > settings.IMPORT_MAX_FILE_SIZE:
        message = _(
            "The file is %(size)s; files up to %(limit)s can be imported. Split it into "
            "smaller files."
        ) % {
            "size": filesizeformat(size),
            "limit": filesizeformat(settings.IMPORT_MAX_FILE_SIZE),
        }
        raise DomainValidationError(Code.FILE_TOO_LARGE, message, details={"file": [message]})
    not_xlsx = DomainValidationError(
        Code.FILE_NOT_XLSX, details={"file": [str(Code.FILE_NOT_XLSX.label)]}
    )
    file.seek(0)
    if not zipfile.is_zipfile(file):
        raise not_xlsx
    file.seek(0)
    try:
        open_workbook(file).close()
    except Exception as error:
        # openpyxl raises many kinds of errors (KeyError, InvalidFileException, XML errors...)
        # for a zip that is not a workbook; any of them means the same to the user.
        raise not_xlsx from error
    finally:
        file.seek(0)


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Check every row of a queued job, then write all of it or nothing.

    Not a @service: it commits several times on purpose (status and progress, so the page can
    follow along), and the final write is its own single transaction. It acts as the uploader:
    history rows and audit events name them.
    """
    with transaction.atomic():
        job = (
            ImportJob.objects.select_for_update(of=("self",))
            .select_related("unit", "created_by")
            .filter(pk=job_id)
            .first()
        )
        # A job runs once: a task delivered twice finds it already started.
        if job is None or job.status != ImportStatus.QUEUED:
            return job
        with acting_as(job.created_by):
            job.status = ImportStatus.VALIDATING
            job.started_at = timezone.now()
            job.save(update_fields=["status", "started_at", "updated_at"])

    with acting_as(job.created_by), translation.override(settings.LANGUAGE_CODE):
        try:
            _run(job)
        except Exception:
            logger.exception("Import job %s stopped by an unexpected error", job.pk)
            _finish(
                job,
                ImportStatus.FAILED,
                errors=[
                    _file_error(
                        _(
                            "The import stopped because of a system error. Nothing was saved. "
                            "Upload the file again later; if it happens again, tell your "
                            "administrator."
                        )
                    )
                ],
            )
    return job


def _run(job: ImportJob) -> None:
    actor = job.created_by
    # The uploader's rights are checked again: they may have lost the role since the upload.
    try:
        grant = people_grant(actor, job.unit)
    except DomainPermissionError:
        _reject(
            job,
            None,
            [
                _file_error(
                    _(
                        "You no longer keep the records of this unit, so the file cannot be "
                        "imported."
                    )
                )
            ],
        )
        return
    if not job.unit.is_active:
        _reject(job, grant, [_file_error(str(Code.UNIT_INACTIVE.label))])
        return

    importer = importer_for(job.kind, actor=actor, unit=job.unit)
    with job.file.open("rb") as handle:
        header_errors, rows = read_sheet(handle, importer.columns)
    if header_errors:
        _reject(job, grant, header_errors)
        return
    if not rows:
        _reject(
            job,
            grant,
            [
                _file_error(
                    _("The file has no data rows. Type the data under the headings of row 1.")
                )
            ],
        )
        return

    job.total_rows = len(rows)
    job.save(update_fields=["total_rows", "updated_at"])
    for start in range(0, len(rows), PROGRESS_EVERY):
        chunk = rows[start : start + PROGRESS_EVERY]
        importer.validate_chunk(chunk)
        job.processed_rows = start + len(chunk)
        _save_progress(job, "processed_rows")

    if importer.errors:
        order = {column.header: index for index, column in enumerate(importer.columns)}
        errors = sorted(importer.errors, key=lambda e: (e["row"] or 0, order.get(e["column"], 0)))
        _reject(job, grant, errors)
        return

    job.status = ImportStatus.WRITING
    job.save(update_fields=["status", "updated_at"])
    try:
        with transaction.atomic():
            created = importer.write(reason=_("Excel import no. %(id)s") % {"id": job.pk})
            result = {"rows": len(rows), "created": created}
            audit_record(
                actor=actor,
                event_type=EventType.RECORDS_IMPORTED,
                obj=job,
                via=grant,
                unit=job.unit,
                changes={**_summary(job), "created": created},
            )
            _finish(job, ImportStatus.SUCCEEDED, result=result)
    except IntegrityError:
        # Someone saved a clashing record (the same person code, the same year's rating)
        # between the check and the write; the whole write was rolled back.
        logger.warning("Import job %s clashed with data saved meanwhile", job.pk, exc_info=True)
        _finish(
            job,
            ImportStatus.FAILED,
            errors=[
                _file_error(
                    _(
                        "Some of these records were saved by someone else while the file was "
                        "being checked. Nothing was imported. Upload the file again to see "
                        "which rows are affected."
                    )
                )
            ],
        )


def _reject(job: ImportJob, grant: Grant | None, errors: list[dict[str, Any]]) -> None:
    with transaction.atomic():
        _finish(job, ImportStatus.REJECTED, errors=errors)
        audit_record(
            actor=job.created_by,
            event_type=EventType.RECORDS_IMPORT_REJECTED,
            obj=job,
            via=grant,
            unit=job.unit,
            changes={**_summary(job), "errors": len(errors)},
        )


def _finish(
    job: ImportJob,
    status: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    result: dict[str, Any] | None = None,
) -> None:
    job.status = status
    job.errors = errors or []
    job.error_count = len(job.errors)
    job.result = result or {}
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "errors", "error_count", "result", "finished_at", "updated_at"]
    )


def _save_progress(job: ImportJob, field: str) -> None:
    # The counter is not in the job's history (ImportJob.history excludes it), and updated_at is
    # left alone, so the row keeps matching its last history row. Outside a transaction (the
    # worker), this save commits at once.
    job.save_without_historical_record(update_fields=[field])  # type: ignore[attr-defined]


def _summary(job: ImportJob) -> dict[str, Any]:
    return {
        "job": job.pk,
        "kind": job.kind,
        "file": job.original_name,
        "rows": job.total_rows,
    }


def _file_error(message: str) -> dict[str, Any]:
    """A problem with the file as a whole rather than with one row."""
    return {"row": None, "column": "", "message": str(message)}
