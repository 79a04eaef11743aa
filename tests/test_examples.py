"""The shipped examples reproduce the report's June 2018 matrix, exactly."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.report.csvfile import render_matrix_csv

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="module")
def by_folder() -> planscan.ScanResult:
    return planscan.scan([EXAMPLES])


def test_scan_reproduces_expected_matrix(by_folder: planscan.ScanResult) -> None:
    result = by_folder
    expected = (EXAMPLES / "expected-matrix.csv").read_bytes().decode("utf-8")
    assert render_matrix_csv(result) == expected
    assert result.failed == ()
    # The end-of-2021 plans have their own plans.yaml: a plan set, not a municipality.
    assert result.skipped_plan_sets == (str(EXAMPLES / "2021"),)
    assert not any("/2021/" in Path(d.path).as_posix() for d in result.documents)


def test_the_2021_manifest_gives_the_end_of_project_matrix(
    examples_2021: planscan.ScanResult,
) -> None:
    expected = (EXAMPLES / "2021" / "expected-matrix.csv").read_bytes().decode("utf-8")
    assert render_matrix_csv(examples_2021) == expected
    assert examples_2021.failed == ()


def test_2021_has_the_plans_chapter_4_describes(
    examples_2018: planscan.ScanResult, examples_2021: planscan.ScanResult
) -> None:
    """Every municipality has a better samfunnsdel or planstrategi (Vågan's new planstrategi
    stays yellow: a priority and a planned plan inside a broader document); Vefsn a new
    housing plan."""
    change = planscan.diff(examples_2018, examples_2021)
    assert change.worse == ()
    better = {(c.municipality, c.level, c.old.value, c.new.value) for c in change.cells}
    assert better == {
        ("Sortland", "samfunnsdel", "missing", "green"),  # the draft, to be adopted early 2022
        ("Sortland", "planstrategi", "red", "green"),
        ("Vågan", "samfunnsdel", "yellow", "green"),
        ("Vågan", "temaplan-oppvekst", "red", "yellow"),
        ("Fauske", "samfunnsdel", "red", "green"),
    }
    housing = [d for d in change.documents if d.level == "temaplan-bolig"]
    assert [(d.change, d.municipality) for d in housing] == [("replaced", "Vefsn")]
    # Unchanged 2018 plans are the same files, reused by relative path.
    new_docs = {d.sha256 for d in examples_2021.documents}
    assert sum(d.sha256 in new_docs for d in examples_2018.documents) == 29 - 7


def test_manifest_gives_the_reports_column_order_and_the_same_cells(
    by_folder: planscan.ScanResult, examples_2018: planscan.ScanResult
) -> None:
    by_manifest = examples_2018
    assert by_manifest.municipalities == ("Sortland", "Vågan", "Fauske", "Vefsn")

    def cells(result: planscan.ScanResult) -> set[tuple[str, str, str, tuple[Path, ...]]]:
        return {
            (c.municipality, c.level, c.status.value, tuple(Path(d).resolve() for d in c.documents))
            for c in result.matrix
        }

    assert cells(by_manifest) == cells(by_folder)
    # The manifest only names levels the file names and titles already gave.
    folder_levels = {Path(d.path).resolve(): d.level for d in by_folder.documents}
    assert all(folder_levels[Path(d.path).resolve()] == d.level for d in by_manifest.documents)


def test_expected_matrix_has_the_reports_findings() -> None:
    text = (EXAMPLES / "expected-matrix.csv").read_bytes().decode("utf-8-sig")
    rows = {row[0]: row[2:] for row in csv.reader(io.StringIO(text))}
    assert rows["level"] == ["Fauske", "Sortland", "Vefsn", "Vågan"]  # Norwegian a–å
    assert rows["temaplan-bolig"] == ["missing", "missing", "green", "missing"]
    assert sorted(rows["planstrategi"]) == ["red", "red", "yellow", "yellow"]
    assert "green" not in rows["samfunnsdel"] + rows["arealdel"]
    assert rows["samfunnsdel"].count("missing") == 1
    every = {status for level, cells in rows.items() if level != "level" for status in cells}
    assert {"green", "yellow", "red", "missing"} <= every


def test_examples_mix_pdf_and_docx_and_stay_small() -> None:
    files = [f for f in EXAMPLES.rglob("*") if f.suffix in (".pdf", ".docx")]
    assert {f.suffix for f in files} == {".pdf", ".docx"}
    assert sum(f.stat().st_size for f in EXAMPLES.rglob("*") if f.is_file()) < 5 * 1024 * 1024


def test_terminal_matrix_golden() -> None:
    """The matrix as a planner sees it. Regenerate on purpose with PLANSCAN_UPDATE_GOLDEN=1."""
    result = CliRunner().invoke(app, ["scan", str(EXAMPLES), "--quiet"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    golden = GOLDEN / "examples-matrix.txt"
    if os.environ.get("PLANSCAN_UPDATE_GOLDEN") == "1":
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_level_from_title_when_the_file_name_says_nothing(by_folder: planscan.ScanResult) -> None:
    sources = {Path(d.path).name: (d.level, d.level_source) for d in by_folder.documents}
    assert sources["plan-2016-vedtatt.docx"] == ("samfunnsdel", "title")
    assert sources["dokument-2017.pdf"] == ("planstrategi", "title")
