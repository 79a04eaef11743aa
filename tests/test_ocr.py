"""Scanned pages: read with Tesseract only when asked (--ocr), and say what to install."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscan
from planscan import KeywordSet, Status
from planscan.cli import app
from planscan.errors import ExitCode
from planscan.extract.ocr import INSTALL_HINT
from planscan.models import PlanRef

pytestmark = pytest.mark.slow  # Tesseract


def _tesseract_with_norwegian() -> bool:
    program = shutil.which("tesseract")
    if program is None:
        return False
    langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True)
    return "nor" in langs.stdout.split()


needs_tesseract = pytest.mark.skipif(
    not _tesseract_with_norwegian(),
    reason="Tesseract with Norwegian data is not installed"
    " (apt-get install tesseract-ocr tesseract-ocr-nor); the OCR test needs it",
)


def test_without_ocr_a_scanned_page_adds_nothing(
    docs: dict[str, Path], keywords: KeywordSet
) -> None:
    doc = planscan.scan_document(PlanRef("A", docs["scanned_text_pdf"]), keywords)
    assert doc.pages == 2 and not doc.ocr and doc.engine == "pdfium"
    assert {h.term for h in doc.hits} == {"Husbanken"}
    assert {h.page for h in doc.hits} == {1}


@needs_tesseract
def test_ocr_reads_the_scanned_page_and_says_so(docs: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    result = CliRunner().invoke(
        app, ["scan", str(docs["scanned_text_pdf"]), "--ocr", "--json", str(out), "--quiet"]
    )
    assert result.exit_code == ExitCode.OK, result.stderr
    [doc] = json.loads(out.read_text(encoding="utf-8"))["documents"]
    assert doc["ocr"] is True and doc["engine"] == "pdfium+tesseract"
    # page 1 has a text layer and is not OCR'd; page 2 is the image of SCANNED_LINES
    on_scan = {(h["term"], h["match"]) for h in doc["hits"] if h["page"] == 2}
    assert {
        ("boligsosial", "Boligsosial"),
        ("boligsosial", "Bustadsosiale"),
        ("vanskeligstilt", "Vanskeligstilte"),
        ("boligmarked", "boligmarkedet"),
        ("Husbanken", "Husbanken"),
        ("barnefattigdom", "barnefattigdom"),
    } <= on_scan
    assert {h["kind"] for h in doc["hits"]} <= {"exact", "folded", "ocr"}
    assert doc["counts"]["Husbanken"] == 2
    # the terminal says so too, beside the file name
    listed = CliRunner().invoke(app, ["scan", str(docs["scanned_text_pdf"]), "--ocr"]).stdout
    assert "· read with OCR" in " ".join(listed.split())


@needs_tesseract
def test_an_image_only_pdf_without_words_stays_no_text(
    docs: dict[str, Path], keywords: KeywordSet
) -> None:
    options = planscan.ScanOptions(ocr=True, jobs=1)
    doc = planscan.scan_document(PlanRef("A", docs["scanned_pdf"]), keywords, options)
    assert doc.status is Status.NO_TEXT and doc.ocr
    assert doc.message == "no text could be extracted, not even by OCR"


def test_ocr_without_tesseract_says_what_to_install(
    docs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    result = CliRunner().invoke(app, ["scan", str(docs["scanned_text_pdf"]), "--ocr"])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"planscan: {INSTALL_HINT}\n"
    assert "apt-get install tesseract-ocr tesseract-ocr-nor" in INSTALL_HINT
    assert result.stdout == ""
