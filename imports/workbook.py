"""Reading an uploaded workbook into rows, and writing the downloadable templates."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from imports.formats import COLUMNS, ROW_MEANING, Column, clean_text, is_blank
from imports.models import ImportKind

HEADER_ROW = 1
# How far down the template offers its drop-down lists.
TEMPLATE_ROWS = 5000


@dataclass
class SheetRow:
    number: int  # the spreadsheet's row number, as Excel shows it
    cells: dict[str, Any]  # column key -> raw cell value


def open_workbook(fileobj: IO[bytes]) -> Any:
    # read_only streams rows instead of building the whole sheet; data_only gives the values
    # Excel last computed for formulas rather than the formulas themselves.
    return load_workbook(fileobj, read_only=True, data_only=True)


def read_sheet(
    fileobj: IO[bytes], columns: tuple[Column, ...]
) -> tuple[list[dict[str, Any]], list[SheetRow]]:
    """The first sheet's rows, keyed by column; or the problems with its header row.

    Rows with nothing in them are skipped (a sheet often ends with formatted empty rows).
    """
    workbook = open_workbook(fileobj)
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        errors, positions = _match_header(header, columns)
        if errors:
            return errors, []
        data = []
        for number, values in enumerate(rows, start=HEADER_ROW + 1):
            if all(is_blank(value) for value in values):
                continue
            data.append(
                SheetRow(
                    number=number,
                    cells={
                        key: values[index] if index < len(values) else None
                        for key, index in positions.items()
                    },
                )
            )
        return [], data
    finally:
        workbook.close()


def _match_header(
    header: tuple[Any, ...], columns: tuple[Column, ...]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Column key -> position in the sheet. Headings may come in any order; a missing, unknown
    or repeated heading is an error, because the data under it would be lost or misread."""
    by_heading = {column.header.casefold(): column for column in columns}
    positions: dict[str, int] = {}
    errors: list[dict[str, Any]] = []
    for index, cell in enumerate(header):
        heading = clean_text(cell)
        if not heading:
            continue
        column = by_heading.get(heading.casefold())
        if column is None:
            errors.append(
                _header_error(
                    heading,
                    _(
                        "Unknown column heading. Check its spelling against the template, or "
                        "delete the column."
                    ),
                )
            )
        elif column.key in positions:
            errors.append(_header_error(column.header, _("This column appears twice. Keep one.")))
        else:
            positions[column.key] = index
    for column in columns:
        if column.key not in positions:
            errors.append(
                _header_error(
                    column.header,
                    _(
                        "This column is missing from row 1. Use the template, or add the column "
                        "with exactly this heading."
                    ),
                )
            )
    return errors, positions


def _header_error(column: str, message: str) -> dict[str, Any]:
    return {"row": HEADER_ROW, "column": column, "message": message}


# --- templates ---------------------------------------------------------------------------------

_BOLD = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FDE2E1")
_OPTIONAL_FILL = PatternFill("solid", fgColor="EEF1F4")
_WRAP = Alignment(wrap_text=True, vertical="top")


def template_bytes(kind: str) -> bytes:
    """The empty import file for `kind`: the data sheet, then a sheet explaining each column."""
    columns = COLUMNS[kind]
    workbook = Workbook()
    data = workbook.active
    data.title = _("Data")[:31]
    data.append([column.header for column in columns])
    data.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = data.cell(row=HEADER_ROW, column=index)
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        data.column_dimensions[letter].width = max(14, len(column.header) + 4)
        if column.number_format:
            data.column_dimensions[letter].number_format = column.number_format
        if column.choices:
            # A drop-down of the usual values; other accepted spellings may still be typed.
            validation = DataValidation(
                type="list",
                formula1='"{}"'.format(",".join(column.choices)),
                allow_blank=True,
                showErrorMessage=False,
            )
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{TEMPLATE_ROWS}")
            data.add_data_validation(validation)

    guide = workbook.create_sheet(_("Instructions")[:31])
    guide.append([_("How to fill in this file: %(kind)s") % {"kind": ImportKind(kind).label}])
    guide["A1"].font = Font(bold=True, size=13)
    for line in (
        str(ROW_MEANING[ImportKind(kind)]),
        _(
            "Type the data on the first sheet, under the headings of row 1. Do not rename or "
            "delete the headings; columns marked “required” must be filled in on every row."
        ),
        _(
            "The system checks every row before saving anything. If one row has a mistake, "
            "nothing is saved and you get the list of rows and columns to fix."
        ),
    ):
        guide.append([line])
    guide.append([])
    guide.append(
        [_("Column"), _("Required"), _("What to write"), _("Allowed values"), _("Example")]
    )
    for cell in guide[guide.max_row]:
        cell.font = _BOLD
    for column in columns:
        guide.append(
            [
                column.header,
                _("required") if column.required else "",
                str(column.description),
                str(column.allowed),
                column.example,
            ]
        )
        for cell in guide[guide.max_row]:
            cell.alignment = _WRAP
    for letter, width in zip("ABCDE", (24, 12, 60, 36, 30), strict=True):
        guide.column_dimensions[letter].width = width

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
