"""Excel imports: one job per uploaded file, validated as a whole and written all or nothing."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from common.history import tracked_history
from common.models import TimeStampedModel


class ImportKind(models.TextChoices):
    PEOPLE = "people", _("People")
    RATINGS = "ratings", _("Annual ratings")
    INITIATIVES = "initiatives", _("Initiatives")
    AWARD_RECORDS = "award_records", _("Prior awards")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    VALIDATING = "validating", _("Checking rows")
    WRITING = "writing", _("Saving data")
    SUCCEEDED = "succeeded", _("Imported")
    REJECTED = "rejected", _("Rejected: the file has errors")
    FAILED = "failed", _("Stopped by a system error")


IN_PROGRESS_STATUSES = frozenset(
    {ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.WRITING}
)


def import_upload_path(instance: ImportJob, filename: str) -> str:
    """imports/<year>/<month>/<ascii name>-<random>.xlsx

    The user's file name may hold anything (accents, spaces, "../"); it is kept as typed in
    `original_name` and stored under a safe, unguessable name. The content was checked to be an
    .xlsx workbook, so that is the extension whatever the upload said.
    """
    stem = slugify(PurePath(filename).stem)[:60] or "tep-nhap"
    folder = timezone.localdate().strftime("imports/%Y/%m")
    return f"{folder}/{stem}-{uuid.uuid4().hex[:12]}.xlsx"


class ImportJob(TimeStampedModel):
    kind = models.CharField(_("kind of data"), max_length=20, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to=import_upload_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    # The unit the file was filed for: its administrators see the job, and every row must be
    # about that unit's subtree.
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    # Every problem found, as [{"row": 5, "column": "Họ và tên", "message": "..."}]; "row" is
    # the spreadsheet's own row number (the header is row 1).
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("number of errors"), default=0)
    # What was written: {"rows": 120, "created": {"organizations.Person": 120,
    # "organizations.Membership": 120}}.
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    # The rows-checked counter moves many times a second while the worker reads the file: it is
    # bookkeeping, kept out of the history so that the current row always matches its last history
    # row (audit_verify); the job's history records its start, its size and its outcome.
    history = tracked_history(excluded_fields=["processed_rows"])

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="import_job_by_user"),
            models.Index(fields=["unit", "-created_at"], name="import_job_by_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"

    @property
    def is_in_progress(self) -> bool:
        return self.status in IN_PROGRESS_STATUSES

    @property
    def progress_percent(self) -> int:
        if self.status == ImportStatus.SUCCEEDED:
            return 100
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)
