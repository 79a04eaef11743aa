"""The Excel workbook, read back with openpyxl as Excel would open it."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import planscan
from planscan.report.xlsx import COLOURS, _table, render_xlsx, text
from planscan.review import apply_review
from tests.conftest import CliRun
from tests.fixtures.generate import HOSTILE_MUNICIPALITY, HOSTILE_SCRIPT


def sheets(data: bytes) -> tuple[Worksheet, Worksheet, Worksheet]:
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Planstatus", "Documents", "Hits"]
    first, second, third = (book[name] for name in book.sheetnames)
    assert isinstance(first, Worksheet) and isinstance(second, Worksheet)
    assert isinstance(third, Worksheet)
    return first, second, third


def test_matrix_sheet_has_filled_colours_and_the_legend(examples_cli: CliRun) -> None:
    matrix, documents, hits = sheets(examples_cli.outputs["--xlsx"].read_bytes())
    assert [c.value for c in matrix[3]] == ["Plan level", "Fauske", "Sortland", "Vefsn", "Vågan"]
    bolig = list(matrix[8])
    assert [c.value for c in bolig] == ["Temaplan bolig", "x", "x", "● green", "x"]
    assert bolig[3].fill.fill_type == "solid"
    assert bolig[3].fill.start_color.rgb == "00" + COLOURS[planscan.Status.GREEN][0]
    assert matrix["A14"].value == "Legend"
    legend = [row[0].value for row in matrix.iter_rows(min_row=15, max_row=20)]
    assert legend == ["● green", "◐ yellow", "○ red", "x", "? no text", "! error"]
    assert matrix["A15"].fill.start_color.rgb == "00" + COLOURS[planscan.Status.GREEN][0]
    assert matrix["B15"].value == "housing-social work is a main theme, with goals or measures"
    assert documents.max_row == 30 and hits.max_row == 709  # a header and 29 documents, 708 hits


def test_documents_and_hits_sheets_one_row_each(reviewed: planscan.ScanResult) -> None:
    _, documents, hits = sheets(render_xlsx(reviewed))
    header = [c.value for c in documents[1]]
    assert header[:17] == [
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
    ]
    plan = next(
        row
        for row in documents.iter_rows(min_row=2, values_only=True)
        if row[2] == "boligsosial-handlingsplan.pdf"
    )
    doc = next(d for d in reviewed.documents if d.path.endswith("handlingsplan.pdf"))
    j = doc.judgement
    assert j is not None
    assert plan[:10] == (
        "Alfa",
        "Temaplan bolig",
        plan[2],
        "green",
        doc.score,
        5,
        66,
        j.passages,
        j.measures,
        ", ".join(j.topics),
    )
    assert plan[10] == j.reason and plan[11].startswith("s. ")  # the deciding passages
    assert plan[16].startswith("applied: yellow set by Kari Nordmann on 2024-03-01")
    assert plan[17 + header[17:].index("Husbanken")] == 4
    rows = list(hits.iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(len(d.hits) for d in reviewed.documents)
    ocr = next(row for row in rows if row[6] == "vanskeIigstilte")
    assert ocr[3:9] == (
        "vanskeligstilt",
        3,
        None,
        "vanskeIigstilte",
        "damaged letters: an OCR guess",
        None,
    )
    header_hit = next(row for row in rows if row[8] == "yes")
    assert header_hit[3:5] == ("bolig", 1)
    assert any(HOSTILE_SCRIPT in (row[10] or "") for row in rows)
    assert {row[9] for row in rows if row[8] is None} >= {"housing-social · goal or measure"}


def test_no_cell_is_ever_a_formula(reviewed: planscan.ScanResult) -> None:
    book = load_workbook(io.BytesIO(render_xlsx(reviewed)))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                values.append(cell.value)
    # The municipality "=Beta…" and a snippet starting "=1+2" are kept as text.
    assert f"'{HOSTILE_MUNICIPALITY}" in values
    assert "'=1+2 Husbanken gir startlån til vanskeligstilte." in values


def test_a_text_like_an_error_value_stays_text() -> None:
    """A row is appended whole, where openpyxl takes "#N/A" for an error value: it is text."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    _table(sheet, ["a", "b", "c"], [["#N/A", 3, None], ["#REF!", "=1", 2.5]])
    cells = [(cell.value, cell.data_type) for row in sheet.iter_rows() for cell in row][3:]
    assert cells == [("#N/A", "s"), (3, "n"), (None, "n"), ("#REF!", "s"), ("'=1", "s"), (2.5, "n")]


def test_text_drops_what_xml_cannot_hold() -> None:
    assert text("bolig\x07\x00 og =") == "bolig og ="
    assert text("=SUM(A1)") == "'=SUM(A1)"


@pytest.fixture(scope="module")
def reviewed(
    evidence_result: planscan.ScanResult, tmp_path_factory: pytest.TempPathFactory
) -> planscan.ScanResult:
    plan = next(d for d in evidence_result.documents if d.path.endswith("handlingsplan.pdf"))
    review = tmp_path_factory.mktemp("xlsx-review") / "review.yaml"
    review.write_text(
        "reviews:\n  - {municipality: Alfa, level: temaplan-bolig,"
        f" sha256: {plan.sha256}, status: yellow, by: Kari Nordmann, date: 2024-03-01,"
        " why: '=HYPERLINK(\"http://x\")'}\n",
        encoding="utf-8",
    )
    return apply_review(evidence_result, review)


def test_reviewed_cells_are_marked_with_a_note(reviewed: planscan.ScanResult) -> None:
    matrix, _, _ = sheets(render_xlsx(reviewed))
    cell = next(c for row in matrix.iter_rows() for c in row if c.value == "◐ yellow ✎")
    assert cell.comment is not None
    # A note is never run; it says who set the colour, when, and why.
    assert cell.comment.text == (
        'yellow set by Kari Nordmann on 2024-03-01 (computed: green)\n=HYPERLINK("http://x")'
    )
    assert "✎" in [row[0].value for row in matrix.iter_rows()]
