"""An Excel workbook: the coloured matrix, one row per document, one row per hit.

The only importer of openpyxl. No cell can become a formula: every text goes through
safe_cell (a leading =, +, - or @ gets an apostrophe) and is stored as a string, and
characters that XML cannot hold are dropped.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from planscan.explanation import deciding_passages, passage_label, passage_place, verdict_text
from planscan.i18n import Language
from planscan.models import ReviewOutcome, ScanResult, Status
from planscan.report.csvfile import safe_cell
from planscan.report.evidence import KIND_NOTES
from planscan.report.legend import (
    REVIEWED_MARK,
    STALE_MARK,
    legend_entries,
    legend_notes,
    level_label,
    level_labels,
    review_legend,
)
from planscan.report.options import DEFAULT_OPTIONS, ReportOptions, ordered_municipalities
from planscan.report.summary import level_counts, summary_statuses

# (fill, font) per status, as in the HTML report.
COLOURS: dict[Status, tuple[str, str]] = {
    Status.GREEN: ("1E7B34", "FFFFFF"),
    Status.YELLOW: ("F5C518", "111111"),
    Status.RED: ("C0392B", "FFFFFF"),
    Status.MISSING: ("F0F0F0", "555555"),
    Status.NO_TEXT: ("EBDDF3", "6A1B9A"),
    Status.ERROR: ("FCE4EC", "880E4F"),
    Status.NOT_SEARCHED: ("FFF3E0", "8A4B00"),
    Status.NOT_CHECKED: ("FFFFFF", "777777"),
}

Value = str | int | float | None
_ERROR_CODES = frozenset(ERROR_CODES)


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
    # Each row is appended whole, the texts made safe once each (most repeat from row to
    # row): a county's hits sheet has 1.7 million cells, and made one by one they took half
    # the time of the workbook. The cells are the ones _put makes.
    safe_text = functools.cache(text)
    for row_no, row in enumerate(rows, start=2):
        values = [safe_text(value) if isinstance(value, str) else value for value in row]
        sheet.append(values)
        if not _ERROR_CODES.isdisjoint(values):  # openpyxl takes "#N/A" for an error value
            for column, value in enumerate(values, start=1):
                if isinstance(value, str):
                    sheet.cell(row=row_no, column=column).data_type = "s"
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def _matrix_sheet(sheet: Worksheet, result: ScanResult, options: ReportOptions) -> None:
    """The matrix (turned for a county: a row per municipality), legend and summary, set up
    to print on A4 landscape, one page wide, its header row and first column on every page."""
    lang = options.lang
    towns = ordered_municipalities(result, options)
    levels = result.levels
    turned = options.turns(len(result.municipalities))
    sheet.title = text(lang._("Planstatus"))[:31]
    _put(sheet, 1, 1, lang._("Planstatus"))
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    rows: Sequence[str] = towns if turned else [level_label(level, lang) for level in levels]
    heads = (
        [f"{number} {level_label(level, lang)}" for number, level in enumerate(levels, 1)]
        if turned
        else list(towns)
    )
    _put(sheet, HEAD_ROW, 1, lang._("Municipality") if turned else lang._("Plan level"))
    sheet.cell(row=HEAD_ROW, column=1).font = Font(bold=True)
    for column, head in enumerate(heads, start=2):
        _put(sheet, HEAD_ROW, column, head)
        sheet.cell(row=HEAD_ROW, column=column).font = Font(bold=True)
        sheet.cell(row=HEAD_ROW, column=column).alignment = Alignment(
            horizontal="center", vertical="bottom", wrap_text=True
        )
        sheet.column_dimensions[get_column_letter(column)].width = 14 if turned else 16
    sheet.column_dimensions["A"].width = 22 if turned else 34
    row = HEAD_ROW + 1
    for index, name in enumerate(rows):
        _put(sheet, row, 1, name)
        sheet.cell(row=row, column=1).font = Font(bold=True)
        for column in range(2, len(heads) + 2):
            other = column - 2
            town, level = (towns[index], levels[other]) if turned else (towns[other], levels[index])
            cell = result.cell(town, level.id)
            mark = ""
            if cell.review is not None and cell.review.outcome is not ReviewOutcome.UNMATCHED:
                mark = f" {REVIEWED_MARK if cell.reviewed else STALE_MARK}"
                o = cell.review.override
                note = text(f"{lang.say(cell.review.message)}\n{o.why}")
                sheet.cell(row=row, column=column).comment = Comment(note, text(o.by))
            _put(sheet, row, column, lang.status_label(cell.shown) + mark)
            _paint(sheet, row, column, cell.shown)
        row += 1
    last_row, last_column = row - 1, len(heads) + 1
    row += 1
    _put(sheet, row, 1, lang._("Legend"))
    sheet.cell(row=row, column=1).font = Font(bold=True)
    for status, meaning in legend_entries(result, lang):
        row += 1
        _put(sheet, row, 1, lang.status_label(status))
        _paint(sheet, row, 1, status)
        _put(sheet, row, 2, meaning)
    if result.reviews:
        for mark, meaning in review_legend(lang):
            row += 1
            _put(sheet, row, 1, mark)
            _put(sheet, row, 2, meaning)
    for note in legend_notes(result, lang):
        row += 1
        _put(sheet, row, 2, note)
    row = _summary(sheet, result, lang, row + 2)
    row += 1
    _put(
        sheet,
        row,
        1,
        lang._(
            "planscan {version}; search words: {path}",
            version=result.planscan_version,
            path=result.keywords.path,
        ),
    )
    sheet.freeze_panes = sheet.cell(row=HEAD_ROW + 1, column=2).coordinate
    _print_setup(sheet, f"A1:{get_column_letter(last_column)}{max(row, last_row)}")


HEAD_ROW = 3


def _summary(sheet: Worksheet, result: ScanResult, lang: Language, row: int) -> int:
    """How many municipalities each level has in each status; returns the last row."""
    statuses = summary_statuses(result)
    title = lang.ngettext(
        "Municipalities per plan level (of {n} municipality)",
        "Municipalities per plan level (of {n} municipalities)",
        len(result.municipalities),
    )
    _put(sheet, row, 1, title)
    sheet.cell(row=row, column=1).font = Font(bold=True)
    row += 1
    _put(sheet, row, 1, lang._("Plan level"))
    for column, status in enumerate(statuses, start=2):
        _put(sheet, row, column, lang.status_label(status))
        _paint(sheet, row, column, status)
    for count in level_counts(result):
        row += 1
        _put(sheet, row, 1, f"{count.number} {level_label(count.level, lang)}")
        for column, status in enumerate(statuses, start=2):
            _put(sheet, row, column, count.counts[status])
    return row


def _print_setup(sheet: Worksheet, area: str) -> None:
    """A4 landscape, one page wide (as many long as it takes), the header row and the first
    column repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"
    sheet.print_title_cols = "A:A"
    sheet.print_area = area
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def _documents_sheet(sheet: Worksheet, result: ScanResult, lang: Language) -> None:
    labels = level_labels(result, lang)
    terms = [t.key for t in result.keywords.terms]
    header = [
        lang._("Municipality"),
        lang._("Plan level"),
        lang._("File"),
        lang._("Status"),
        lang._("Score"),
        lang._("Pages"),
        lang._("Words"),
        lang._("Housing-social passages"),
        lang._("Goals or measures"),
        lang._("Topics named outright"),
        lang._("Why this colour"),
        lang._("Deciding passages"),
        lang._("Reason"),
        lang._("Message"),
        "sha256",
        lang._("Path"),
        lang._("Review"),
        *terms,
    ]
    cells = {(c.municipality, c.level): c for c in result.matrix}
    rows: list[list[Value]] = []
    for doc in result.documents:
        j = doc.judgement
        cell = cells.get((doc.municipality, doc.level or ""))
        review = cell.review if cell is not None else None
        note = (
            f"{review.outcome.value}: {lang.say(review.message)}"
            if review is not None and review.outcome is not ReviewOutcome.UNMATCHED
            else None
        )
        rows.append(
            [
                doc.municipality,
                labels.get(doc.level or "", doc.level or lang._("unclassified")),
                Path(doc.path).name,
                lang.status_word(doc.status) if lang.norwegian else doc.status.value,
                doc.score if j else None,
                doc.pages,
                doc.words,
                j.passages if j else None,
                j.measures if j else None,
                ", ".join(j.topics) if j else None,
                verdict_text(doc, lang) if j else None,
                "\n".join(
                    f"{passage_place(p, doc.unit)}: {p.text} ({passage_label(p, lang)})"
                    for p in deciding_passages(doc)
                )
                or None,
                doc.reason,
                lang.say(doc.message) if doc.message else doc.message,
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


def _hits_sheet(sheet: Worksheet, result: ScanResult, lang: Language) -> None:
    labels = level_labels(result, lang)
    header = [
        lang._("Municipality"),
        lang._("Plan level"),
        lang._("File"),
        lang._("Term"),
        lang._("Page"),
        lang._("Page label"),
        lang._("Matched word"),
        lang._("How it matched"),
        lang._("Running header (not counted)"),
        lang._("Passage"),
        lang._("Snippet"),
        lang._("Section URL"),
    ]
    rows: list[list[Value]] = []
    for doc in result.documents:
        level = labels.get(doc.level or "", doc.level or lang._("unclassified"))
        name = Path(doc.path).name
        passages = [passage_label(passage, lang) for passage in doc.passages]
        for hit in doc.hits:
            rows.append(
                [
                    doc.municipality,
                    level,
                    name,
                    hit.term,
                    hit.page,
                    hit.page_label,
                    hit.match,
                    lang._(KIND_NOTES[hit.kind]) if KIND_NOTES[hit.kind] else hit.kind.value,
                    lang._("yes") if hit.repeated else None,
                    passages[hit.passage]
                    if hit.passage is not None and hit.passage < len(passages)
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
    """The workbook as bytes: sheet 1 the matrix, legend and summary, 2 the documents, 3 the
    hits; in the options' language, each sheet set up to print on A4 landscape."""
    lang = options.lang
    workbook = Workbook()
    first = workbook.active
    assert isinstance(first, Worksheet)
    _matrix_sheet(first, result, options)
    documents = workbook.create_sheet(text(lang._("Documents"))[:31])
    _documents_sheet(documents, result, lang)
    hits = workbook.create_sheet(text(lang._("Hits"))[:31])
    _hits_sheet(hits, result, lang)
    for sheet in (documents, hits):
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
