"""The matrix as CSV, safe to open in Excel."""

from __future__ import annotations

import csv
import io

from planscan.models import ScanResult

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


def render_matrix_csv(result: ScanResult) -> str:
    """One row per plan level, one column per municipality, cells are status words.

    UTF-8 with a byte-order mark, so Excel shows æ, ø and å right.
    With a review file, cells show the reviewed colour where a review applies, and two
    columns per municipality follow: the computed colour and the review's outcome.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    towns = result.municipalities
    extra = (
        [f"{m} ({what})" for m in towns for what in ("computed", "review")]
        if result.reviews
        else []
    )
    writer.writerow([safe_cell(v) for v in ("level", "label", *towns, *extra)])
    for level in result.levels:
        cells = [result.cell(m, level.id) for m in towns]
        values = [c.shown.value for c in cells]
        if result.reviews:
            for c in cells:
                values += [c.status.value, c.review.outcome.value if c.review else ""]
        writer.writerow([safe_cell(v) for v in (level.id, level.label, *values)])
    return "\ufeff" + buffer.getvalue()
