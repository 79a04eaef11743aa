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


def test_manifest_gives_the_reports_column_order_and_the_same_cells(
    by_folder: planscan.ScanResult,
) -> None:
    by_manifest = planscan.scan(manifest=EXAMPLES / "plans.yaml")
    assert by_manifest.municipalities == ("Sortland", "Vågan", "Fauske", "Vefsn")
    assert sorted(by_manifest.matrix, key=lambda c: (c.municipality, c.level)) == sorted(
        by_folder.matrix, key=lambda c: (c.municipality, c.level)
    )
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
