"""Excel exports of lists. Every export is recorded in the audit log (who took which data out)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from audit.models import EventType
from audit.services import audit_record
from common.services import service

Column = tuple[str, Callable[[Any], Any]]
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@service
def export_record(*, actor: Any, name: str, row_count: int, filters: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        event_type=EventType.EXPORT_DOWNLOADED,
        changes={"export": name, "rows": row_count, "filters": filters},
    )


def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, date | int | float | Decimal):
        return value
    return str(value)


def xlsx_bytes(*, title: str, columns: list[Column], rows: Iterable[Any]) -> tuple[bytes, int]:
    """An .xlsx with a bold header row; returns the file and the number of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Sheet1")
    header = []
    for heading, _ in columns:
        cell = WriteOnlyCell(sheet, value=str(heading))
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_cell_value(getter(row)) for _, getter in columns])
        count += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def xlsx_response(
    *,
    actor: Any,
    name: str,
    title: str,
    columns: list[Column],
    rows: Iterable[Any],
    filters: dict[str, Any] | None = None,
) -> HttpResponse:
    content, count = xlsx_bytes(title=title, columns=columns, rows=rows)
    export_record(actor=actor, name=name, row_count=count, filters=filters or {})
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(name)}-{stamp}.xlsx"'
    return response
