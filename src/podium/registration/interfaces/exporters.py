"""Exports of an event's registrations: CSV (csv module, UTF-8 with BOM for Excel), XLSX
(openpyxl) and JSON.

Typed cells: in XLSX dates are real dates (number format yyyy-mm-dd hh:mm) and every
text cell is written as a string cell, so nothing is ever a formula and no apostrophe
is needed; a text that starts like a formula gets Excel's hidden "quote prefix". In
CSV, free text that starts like a formula is neutralised with a leading apostrophe
(CSV injection); phone numbers, which the form validated to digits, spaces and a
leading +, are written as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from podium.registration.interfaces.tables import Column, export_columns
from podium.registration.validators.registration import PHONE_PATTERN

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(PHONE_PATTERN)
DATE_FORMAT = "yyyy-mm-dd hh:mm"


def _starts_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def _csv_cell(column: Column, value):
    """A CSV field: dates as 'YYYY-MM-DD HH:MM', formulas in free text neutralised."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if value is None:
        return ""
    if column.kind == "phone" and isinstance(value, str) and _PHONE.match(value):
        return value
    if _starts_like_formula(value):
        return "'" + value
    return value


def export_csv(event, registrations) -> bytes:
    columns = export_columns(event)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([c.header for c in columns])
    for registration in registrations:
        writer.writerow([_csv_cell(c, c.value(registration)) for c in columns])
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(event, registrations) -> bytes:
    columns = export_columns(event)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Registrations"
    sheet.append([c.header for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, registration in enumerate(registrations, start=2):
        for index, column in enumerate(columns, start=1):
            value = column.value(registration)
            cell = sheet.cell(row=row, column=index)
            if value is None or value == "":
                continue
            cell.value = value
            if isinstance(value, dt.datetime):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
                cell.number_format = "@"
                if _starts_like_formula(value):
                    cell.quotePrefix = True
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        width = 18 if column.kind == "datetime" else len(column.header) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(40, max(10, width))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_json(event, registrations) -> bytes:
    """`{"event": ..., "registrations": [{key: value}]}`, dates in ISO 8601 (event's local time)."""
    columns = export_columns(event)
    rows = []
    for registration in registrations:
        row = {}
        for column in columns:
            value = column.value(registration)
            row[column.key or column.header] = (
                value.isoformat() if isinstance(value, dt.datetime) else value
            )
        rows.append(row)
    data = {
        "event": {"slug": event.slug, "title": event.title, "time_zone": event.time_zone},
        "count": len(rows),
        "registrations": rows,
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
