"""Exports of an event's registrations: CSV (csv module, UTF-8 with BOM for Excel) and XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from podium.registration.interfaces.tables import export_columns

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Neutralise spreadsheet formulas in people's answers (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_csv(event, registrations) -> bytes:
    columns = export_columns(event)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in columns])
    for registration in registrations:
        writer.writerow([_safe(c.value(registration)) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(event, registrations) -> bytes:
    columns = export_columns(event)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Registrations"
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for registration in registrations:
        sheet.append([_safe(c.value(registration)) for c in columns])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            40, max(10, len(column.header) + 2)
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
