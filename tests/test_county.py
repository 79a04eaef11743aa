"""A county at once: Nordland's 41 municipalities, in Bokmål, Nynorsk and English, at 80 and 120
columns, and as HTML, XLSX and Markdown reports a county office can hand on."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.report.html import render_html
from planscan.report.markdown import render_markdown
from planscan.report.options import ReportOptions
from planscan.report.xlsx import render_xlsx
from tests import chromium
from tests.conftest import CliRun
from tests.fixtures.county import PLANS, build_county, county_municipalities
from tests.goldens import assert_golden

BY_NUMBER = county_municipalities()


@pytest.fixture(scope="session")
def county_result(tmp_path_factory: pytest.TempPathFactory) -> planscan.ScanResult:
    """The county scanned once, into the cache the CLI runs of the tests use: each of them
    then reads every document's analysis from it (0.4 s a run instead of 5)."""
    root = build_county(tmp_path_factory.mktemp("nordland") / "Nordland")
    options = planscan.ScanOptions(cache_dir=Path(os.environ["PLANSCAN_CACHE_DIR"]))
    return planscan.scan([root], options=options)


@pytest.fixture(scope="session")
def county(county_result: planscan.ScanResult) -> Path:
    return Path(county_result.documents[0].path).parents[1]


def scan_county(county: Path, *args: str, columns: int = 80, **env: str) -> CliRun:
    result = CliRunner().invoke(
        app, ["scan", str(county), "--quiet", *args], env={"COLUMNS": str(columns), **env}
    )
    assert result.exit_code == 0, result.stderr
    return CliRun(result.exit_code, result.stdout, result.stderr, {})


@pytest.fixture(scope="session")
def names(county_result: planscan.ScanResult) -> list[str]:
    """The municipalities in the order the scan found them (their folders')."""
    return list(county_result.municipalities)


def test_the_county_has_41_municipalities(names: list[str]) -> None:
    assert len(BY_NUMBER) == 41 and sorted(names) == sorted(BY_NUMBER)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_county_matrix_golden(county: Path, language: str) -> None:
    """80 columns: the matrix turns (a row per municipality), its key is the summary."""
    run = scan_county(county, "--lang", language)
    assert_golden(f"county-matrix-{language}.txt", run.stdout)


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_name_whole_and_no_line_too_wide(
    county: Path, names: list[str], language: str, columns: int
) -> None:
    out = scan_county(county, "--lang", language, columns=columns).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert "…" not in out
    rows = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert rows == names  # every municipality, whole, in the order scanned
    assert "Herøy (Nordland)" in rows  # a name the registry shows with its county


def test_the_locale_gives_the_same_as_lang(county: Path) -> None:
    by_option = scan_county(county, "--lang", "nb")
    by_locale = scan_county(county, PLANSCAN_LANG="", LANG="nb_NO.UTF-8")
    assert by_locale.stdout == by_option.stdout


def test_layout_report_is_forced_and_order_by_name(county: Path, names: list[str]) -> None:
    out = scan_county(county, "--layout", "report", "--lang", "nb", columns=2000).stdout
    header = next(line for line in out.splitlines() if line.startswith("┃"))
    assert [cell.strip() for cell in header.strip("┃").split("┃")] == ["Plannivå", *names]
    rows = scan_county(county, "--order", "name", "--layout", "turned").stdout.splitlines()
    names = [line.split("│")[1].strip() for line in rows if line.startswith("│")]
    by_name = [line.split("│")[1].strip() for line in rows if line.startswith("│")]
    assert by_name[-4:] == ["Vevelstad", "Værøy", "Vågan", "Øksnes"]
    numbered = scan_county(county, "--order", "number", "--layout", "turned").stdout
    lines = numbered.splitlines()
    by_number = [line.split("│")[1].strip() for line in lines if line.startswith("│")]
    assert by_number == BY_NUMBER and by_number[:3] == ["Bodø", "Narvik", "Bindal"]


def test_markdown_turns_and_counts(county_result: planscan.ScanResult, names: list[str]) -> None:
    text = render_markdown(county_result, ReportOptions(language="nn"))
    rows = [line for line in text.splitlines() if line.startswith("| ") and "|" in line[2:]]
    assert rows[0] == "| Kommune | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |"
    assert [row.split(" | ")[0][2:] for row in rows[1:42]] == names
    assert "### Kommunar per plannivå (av 41 kommunar)" in text
    summary = [row for row in rows if row.startswith("| 5 | Temaplan bustad |")]  # nynorsk
    counts = [int(n) for n in summary[0].strip("| ").split(" | ")[2:]]
    assert sum(counts) == 41


def test_xlsx_turns_and_prints_on_a4_landscape(
    county_result: planscan.ScanResult, names: list[str]
) -> None:
    book = load_workbook(io.BytesIO(render_xlsx(county_result, ReportOptions(language="nb"))))
    assert book.sheetnames == ["Planstatus", "Dokumenter", "Treff"]
    sheet = book["Planstatus"]
    assert sheet.cell(3, 1).value == "Kommune"
    assert [sheet.cell(row, 1).value for row in range(4, 45)] == names
    assert sheet.cell(3, 6).value == "5 Temaplan bolig"
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        9,  # A4
        1,
        0,
    )
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3" and sheet.print_title_cols == "$A:$A"
    assert sheet.freeze_panes == "B4"
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "Kommuner per plannivå (av 41 kommuner)" in values
    assert "● grønn" in values and "x" in values


@pytest.mark.slow
def test_html_prints_the_whole_matrix_first_and_keeps_its_header_in_sight(
    tmp_path: Path,
) -> None:
    """In Chromium: printed to PDF on A4 landscape, the whole matrix with every municipality
    is on the first two pages and the evidence after it; on a 1366 px screen scrolled into
    the matrix, the header row stays in sight (it sticks to the top). One plan a municipality
    (the housing plan, where it has one): the evidence of all five would take a minute to
    print, and the matrix is the same size."""
    import pdfplumber
    from PIL import Image

    if chromium.CHROMIUM is None:
        pytest.skip(chromium.MISSING)
    result = planscan.scan([build_county(tmp_path / "Nordland", plans=PLANS[2:3])])
    assert len(result.municipalities) == 41
    page = tmp_path / "county.html"
    html = render_html(result, ReportOptions(language="nb"))
    assert '<html lang="nb">' in html
    page.write_text(html, encoding="utf-8")
    pdf_path, shot = tmp_path / "county.pdf", tmp_path / "county.png"
    chromium.run_all(
        [
            chromium.Job(page.as_uri(), ("--no-pdf-header-footer", f"--print-to-pdf={pdf_path}")),
            # Scrolled to the fourth municipality: without a sticky header, none is in sight.
            chromium.Job(
                f"{page.as_uri()}#m-4", (f"--screenshot={shot}", "--window-size=1366,768")
            ),
        ]
    )
    with pdfplumber.open(pdf_path) as pdf:
        first = [page.width > page.height for page in pdf.pages]
        texts = [page.extract_text() or "" for page in pdf.pages]
    assert all(first)  # landscape
    matrix = "\n".join(texts[:2])
    assert all(f"\n{name} " in matrix for name in result.municipalities)
    assert "Dokumenter" not in matrix and texts[2].startswith("Dokumenter")
    image = Image.open(shot).convert("RGB")
    header = (0xDD, 0xE6, 0xF2)  # the header row's background
    assert any(image.getpixel((120, y)) == header for y in range(image.height))
