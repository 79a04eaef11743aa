"""Every hit as CSV, one row per hit."""

from __future__ import annotations

import csv
import io

import planscan
from planscan.report.hitscsv import HEADER, render_hits_csv


def rows(result: planscan.ScanResult) -> list[dict[str, str]]:
    text = render_hits_csv(result)
    assert text.startswith("\ufeff") and "\r\n" in text
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_one_row_per_hit_with_page_match_and_snippet(evidence_result: planscan.ScanResult) -> None:
    found = rows(evidence_result)
    assert list(found[0]) == list(HEADER)
    assert len(found) == sum(len(d.hits) for d in evidence_result.documents)
    ocr = next(r for r in found if r["match"] == "vanskeIigstilte")
    assert (ocr["term"], ocr["page"], ocr["kind"], ocr["repeated"]) == (
        "vanskeligstilt",
        "3",
        "ocr",
        "",
    )
    assert ocr["kind_note"] == "damaged letters: an OCR guess"
    assert ocr["snippet"] == "Tiltak for vanskeIigstilte og god naerhet til tjenester."
    header = [r for r in found if r["repeated"] == "yes"]
    assert [(r["term"], r["page"]) for r in header] == [("bolig", "1"), ("boligsosial", "1")]


def test_formulas_are_neutralised(evidence_result: planscan.ScanResult) -> None:
    found = rows(evidence_result)
    assert "'=1+2 Husbanken gir startlån til vanskeligstilte." in {r["snippet"] for r in found}
    assert {r["municipality"] for r in found} == {"Alfa", "'=Beta\"><img src=x onerror=alert(3)>"}


def test_examples_have_every_hit(examples_result: planscan.ScanResult) -> None:
    found = rows(examples_result)
    assert len(found) == 708
    assert {r["kind"] for r in found} <= {"exact", "folded", "ocr"}
