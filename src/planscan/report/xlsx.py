"""An Excel workbook: the coloured matrix, one row per document, one row per hit.

The only importer of openpyxl. No cell can become a formula: every text goes through
safe_cell (a leading =, +, - or @ gets an apostrophe) and is stored as a string, and
characters that XML cannot hold are dropped.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planscan.explanation import deciding_passages, passage_label, passage_place
from planscan.models import ReviewOutcome, ScanResult, Status
from planscan.report.csvfile import safe_cell
from planscan.report.evidence import KIND_NOTES
from planscan.report.legend import (
    LABELS,
    REVIEW_LEGEND,
    REVIEWED_MARK,
    STALE_MARK,
    legend_entries,
    legend_notes,
)
from planscan.report.options import DEFAULT_OPTIONS, ReportOptions

# (fill, font) per status, as in the HTML report.
COLOURS: dict[Status, tuple[str, str]] = {
    Status.GREEN: ("1E7B34", "FFFFFF"),
    Status.YELLOW: ("F5C518", "111111"),
    Status.RED: ("C0392B", "FFFFFF"),
    Status.MISSING: ("F0F0F0", "555555"),
    Status.NO_TEXT: ("EBDDF3", "6A1B9A"),
    Status.ERROR: ("FCE4EC", "880E4F"),
    Status.NOT_CHECKED: ("FFFFFF", "777777"),
}

Value = str | int | float | None


def text(value: str) -> str:
    """A string a spreadsheet shows as text: no formula, no characters XML cannot hold."""
    return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))


def _put(sheet: Worksheet, row: int, column: int, value: Value) -> None:
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = text(value)
        cell.data_type = "s"  # never "f", whatever the text
    else:
        cell.value = value


def _paint(sheet: Worksheet, row: int, column: int, status: Status) -> None:
    fill, font = COLOURS[status]
    cell = sheet.cell(row=row, column=column)
    cell.fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
    cell.font = Font(bold=status in (Status.GREEN, Status.YELLOW, Status.RED), color=font)
    cell.alignment = Alignment(horizontal="center")


def _table(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Value]]) -> None:
    for column, name in enumerate(header, start=1):
        _put(sheet, 1, column, name)
        sheet.cell(row=1, column=column).font = Font(bold=True)
    for row_no, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet, row_no, column, value)
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def _matrix_sheet(sheet: Worksheet, result: ScanResult) -> None:
    sheet.title = "Planstatus"
    _put(sheet, 1, 1, "Planstatus")
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    _put(sheet, 3, 1, "Plan level")
    sheet.cell(row=3, column=1).font = Font(bold=True)
    for column, municipality in enumerate(result.municipalities, start=2):
        _put(sheet, 3, column, municipality)
        sheet.cell(row=3, column=column).font = Font(bold=True)
        sheet.cell(row=3, column=column).alignment = Alignment(horizontal="center")
        sheet.column_dimensions[get_column_letter(column)].width = 16
    sheet.column_dimensions["A"].width = 34
    row = 4
    for level in result.levels:
        _put(sheet, row, 1, level.label)
        for column, municipality in enumerate(result.municipalities, start=2):
            cell = result.cell(municipality, level.id)
            mark = ""
            if cell.review is not None and cell.review.outcome is not ReviewOutcome.UNMATCHED:
                mark = f" {REVIEWED_MARK if cell.reviewed else STALE_MARK}"
                o = cell.review.override
                note = text(f"{cell.review.message}\n{o.why}")
                sheet.cell(row=row, column=column).comment = Comment(note, text(o.by))
            _put(sheet, row, column, LABELS[cell.shown] + mark)
            _paint(sheet, row, column, cell.shown)
        row += 1
    row += 1
    _put(sheet, row, 1, "Legend")
    sheet.cell(row=row, column=1).font = Font(bold=True)
    for status, meaning in legend_entries(result):
        row += 1
        _put(sheet, row, 1, LABELS[status])
        _paint(sheet, row, 1, status)
        _put(sheet, row, 2, meaning)
    if result.reviews:
        for mark, meaning in REVIEW_LEGEND:
            row += 1
            _put(sheet, row, 1, mark)
            _put(sheet, row, 2, meaning)
    for note in legend_notes(result):
        row += 1
        _put(sheet, row, 2, note)
    row += 2
    _put(sheet, row, 1, f"planscan {result.planscan_version}; search words: {result.keywords.path}")


def _documents_sheet(sheet: Worksheet, result: ScanResult) -> None:
    labels = {level.id: level.label for level in result.levels}
    terms = [t.key for t in result.keywords.terms]
    header = [
        "Municipality",
        "Plan level",
        "File",
        "Status",
        "Score",
        "Pages",
        "Words",
        "Housing-social passages",
        "Goals or measures",
        "Topics named outright",
        "Why this colour",
        "Deciding passages",
        "Reason",
        "Message",
        "sha256",
        "Path",
        "Review",
        *terms,
    ]
    cells = {(c.municipality, c.level): c for c in result.matrix}
    rows: list[list[Value]] = []
    for doc in result.documents:
        j = doc.judgement
        cell = cells.get((doc.municipality, doc.level or ""))
        review = cell.review if cell is not None else None
        note = (
            f"{review.outcome.value}: {review.message}"
            if review is not None and review.outcome is not ReviewOutcome.UNMATCHED
            else None
        )
        rows.append(
            [
                doc.municipality,
                labels.get(doc.level or "", doc.level or "unclassified"),
                Path(doc.path).name,
                doc.status.value,
                doc.score if j else None,
                doc.pages,
                doc.words,
                j.passages if j else None,
                j.measures if j else None,
                ", ".join(j.topics) if j else None,
                j.reason if j else None,
                "\n".join(
                    f"{passage_place(p, doc.unit)}: {p.text} ({passage_label(p)})"
                    for p in deciding_passages(doc)
                )
                or None,
                doc.reason,
                doc.message,
                doc.sha256,
                doc.path,
                note,
                *(doc.counts.get(term, 0) for term in terms),
            ]
        )
    _table(sheet, header, rows)
    for row_no, doc in enumerate(result.documents, start=2):
        _paint(sheet, row_no, 4, doc.status)
    for column, width in zip(
        "ABCDEFGHIJKLMNOPQ",
        (14, 30, 40, 10, 8, 7, 8, 9, 9, 30, 50, 60, 12, 40, 20, 50, 40),
        strict=True,
    ):
        sheet.column_dimensions[column].width = width


def _hits_sheet(sheet: Worksheet, result: ScanResult) -> None:
    labels = {level.id: level.label for level in result.levels}
    header = [
        "Municipality",
        "Plan level",
        "File",
        "Term",
        "Page",
        "Page label",
        "Matched word",
        "How it matched",
        "Running header (not counted)",
        "Passage",
        "Snippet",
        "Section URL",
    ]
    rows: list[list[Value]] = []
    for doc in result.documents:
        for hit in doc.hits:
            rows.append(
                [
                    doc.municipality,
                    labels.get(doc.level or "", doc.level or "unclassified"),
                    Path(doc.path).name,
                    hit.term,
                    hit.page,
                    hit.page_label,
                    hit.match,
                    KIND_NOTES[hit.kind] or hit.kind.value,
                    "yes" if hit.repeated else None,
                    passage_label(doc.passages[hit.passage])
                    if hit.passage is not None and hit.passage < len(doc.passages)
                    else None,
                    hit.snippet,
                    doc.section_url(hit.page) or None,
                ]
            )
    _table(sheet, header, rows)
    widths = (14, 30, 40, 18, 6, 8, 20, 22, 10, 30, 100, 40)
    for column, width in zip("ABCDEFGHIJKL", widths, strict=True):
        sheet.column_dimensions[column].width = width


def render_xlsx(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> bytes:
    """The workbook as bytes: sheet 1 the matrix and legend, 2 the documents, 3 the hits."""
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    _matrix_sheet(first, result)
    _documents_sheet(workbook.create_sheet("Documents"), result)
    _hits_sheet(workbook.create_sheet("Hits"), result)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
