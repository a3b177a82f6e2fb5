"""The dashboard's figures as CSV (UTF-8 with BOM, so Excel reads umlauts) or XLSX."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from figures.presentation import export_rows
from figures.queries import Figures

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def csv_bytes(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Auswertung"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(figures: Figures, file_format: str) -> HttpResponse:
    rows = export_rows(figures)
    stamp = timezone.localdate().isoformat()
    if file_format == "xlsx":
        response = HttpResponse(xlsx_bytes(rows), content_type=XLSX_CONTENT_TYPE)
    else:
        response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="auswertung-{stamp}.{file_format}"'
    return response
