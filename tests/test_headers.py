"""Running headers and footers: one statement, listed once, never counted as content."""

from __future__ import annotations

from pathlib import Path

import planscan
from planscan.extract import extract_pages
from planscan.headers import line_key, mark_repeated, split_running
from tests.fixtures.generate import RUNNING_HEADER


def test_the_header_and_the_page_footer_are_recognised(evidence_tree: Path) -> None:
    pages = extract_pages(evidence_tree / "Alfa" / "boligsosial-handlingsplan.pdf").pages
    assert mark_repeated(pages) == {line_key(RUNNING_HEADER), "alfa kommune - side # av #"}
    running = split_running(pages)
    assert running.lines == (
        (RUNNING_HEADER, 1),
        ("Alfa kommune - side 1 av 5", 1),
    )
    assert all(RUNNING_HEADER not in page for page in running.pages)
    assert "Husbanken og startlån" in running.pages[0]


def test_header_hits_are_listed_once_and_not_counted(evidence_result: planscan.ScanResult) -> None:
    doc = next(d for d in evidence_result.documents if d.path.endswith("handlingsplan.pdf"))
    repeated = [hit for hit in doc.hits if hit.repeated]
    assert [(h.term, h.page, h.match) for h in repeated] == [
        ("bolig", 1, "Boligsosial"),
        ("boligsosial", 1, "Boligsosial"),
    ]
    # boligsosial stands once in the body ("boligsosialt arbeid") and five times in the header.
    assert doc.counts["boligsosial"] == 1
    assert doc.counts["bolig"] == sum(1 for h in doc.hits if h.term == "bolig" and not h.repeated)
    assert doc.words == 66  # the header and footer words are not the plan's text either


def test_short_documents_and_body_text_are_left_alone(examples_result: planscan.ScanResult) -> None:
    assert mark_repeated(["Husbanken", "Husbanken", "Husbanken"]) == frozenset()  # 3 pages
    middle = ["a\nb\nc\nHusbanken i midten\nd\ne\nf"] * 5
    assert mark_repeated(middle) == {"a", "b", "c", "d", "e", "f"}
    # The examples repeat a notice and a page footer, neither with a search word.
    assert not any(hit.repeated for doc in examples_result.documents for hit in doc.hits)
