"""The matrix as CSV, safe to open in Excel."""

from __future__ import annotations

import csv
import io

from planscan.models import ScanResult

# A cell starting with one of these is run as a formula by Excel and LibreOffice
# (full-width forms too, which some spreadsheet programs fold to ASCII).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def safe_cell(value: str) -> str:
    """Return value so that a spreadsheet shows it as text, never runs it as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def render_matrix_csv(result: ScanResult) -> str:
    """One row per plan level, one column per municipality, cells are status words.

    UTF-8 with a byte-order mark, so Excel shows æ, ø and å right.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(v) for v in ("level", "label", *result.municipalities)])
    for level in result.keywords.levels:
        statuses = [result.cell(m, level.id).status.value for m in result.municipalities]
        writer.writerow([safe_cell(v) for v in (level.id, level.label, *statuses)])
    return "\ufeff" + buffer.getvalue()
