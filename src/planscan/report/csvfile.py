"""The matrix as CSV, safe to open in Excel."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from planscan.i18n import Language
from planscan.models import Cell, ScanResult, Status
from planscan.report.legend import level_label
from planscan.report.options import (
    DEFAULT_OPTIONS,
    CsvDialect,
    ReportOptions,
    ordered_municipalities,
)

# A cell starting with one of these is run as a formula by Excel and LibreOffice
# (full-width forms too, which some spreadsheet programs fold to ASCII).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: str) -> str:
    """Return value so that a spreadsheet shows it as text, never runs it as a formula.

    A NUL character is dropped: a CSV file cannot hold it (Python 3.10 refuses to write it,
    and readers, Python's own among them, refuse to read it).
    """
    value = value.replace("\x00", "")
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


@dataclass(frozen=True)
class CsvFormat:
    """How a CSV dialect writes: separator, decimal sign, byte-order mark."""

    delimiter: str
    decimal: str
    bom: bool


CSV_FORMATS: dict[CsvDialect, CsvFormat] = {
    # Norwegian Excel: its list separator is ; because , is the decimal sign; it reads UTF-8
    # only after a byte-order mark (else Windows-1252, and æ, ø, å break).
    CsvDialect.EXCEL_NB: CsvFormat(";", ",", True),
    CsvDialect.EXCEL: CsvFormat(",", ".", True),
    CsvDialect.RFC4180: CsvFormat(",", ".", False),
}


def cell_score(result: ScanResult, cell: Cell) -> float | None:
    """The score of the document that gives a cell its colour (the best), if it was judged."""
    scores = [
        d.score for d in result.documents if d.path in cell.documents and d.judgement is not None
    ]
    return max(scores) if scores else None


def render_matrix_csv(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """One row per plan level, one column per municipality, cells are status words in the
    reader's language; the level column keeps the level's id for scripts.

    The dialect (options.dialect) sets separator, decimal sign and byte-order mark. With
    csv_scores, a column of scores follows each municipality's. With a review file, cells
    show the reviewed colour where a review applies, and two columns per municipality
    follow: the computed colour and the review's outcome.
    """
    lang = options.lang
    form = CSV_FORMATS[options.dialect]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=form.delimiter, lineterminator="\r\n")
    towns = ordered_municipalities(result, options)
    columns: list[str] = []
    for town in towns:
        columns.append(town)
        if options.csv_scores:
            columns.append(lang._("{municipality} (score)", municipality=town))
    if result.reviews:
        for town in towns:
            columns.append(lang._("{municipality} (computed)", municipality=town))
            columns.append(lang._("{municipality} (review)", municipality=town))
    writer.writerow([safe_cell(v) for v in (lang._("level"), lang._("label"), *columns)])
    for level in result.levels:
        cells = [result.cell(m, level.id) for m in towns]
        values: list[str] = []
        for c in cells:
            values.append(_word(c.shown, lang))
            if options.csv_scores:
                score = cell_score(result, c)
                values.append("" if score is None else _number(score, form))
        if result.reviews:
            for c in cells:
                values += [_word(c.status, lang), c.review.outcome.value if c.review else ""]
        label = level_label(level, lang)
        writer.writerow([safe_cell(v) for v in (level.id, label, *values)])
    return ("\ufeff" if form.bom else "") + buffer.getvalue()


def _word(status: Status, lang: Language) -> str:
    """English keeps today's ids (green, missing) in the CSV; other languages their words."""
    return lang.status_word(status) if lang.norwegian else status.value


def _number(value: float, form: CsvFormat) -> str:
    # No thousands separator: Excel may read a space-grouped number as text.
    return f"{value:.2f}".replace(".", form.decimal)
