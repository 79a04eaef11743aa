"""One document's analysis, in this process: pages in, hits, score and colour out."""

from __future__ import annotations

from pathlib import Path

import pytest

import planscan
from planscan import KeywordSet, Status
from planscan.analysis import analyse_pages
from planscan.extract import extract_pages
from planscan.models import PlanRef

HEADER = "Boligsosial handlingsplan for Eksempelby kommune"


def test_pages_in_a_colour_out(keywords: KeywordSet) -> None:
    pages = [
        "Boligsosial handlingsplan 2024–2028\nEksempelby kommune",
        "Kommunen skal hjelpe vanskeligstilte på boligmarkedet med startlån fra Husbanken.",
    ]
    doc = analyse_pages(pages, keywords, PlanRef("Eksempelby", None))
    assert doc.level == "temaplan-bolig" and doc.level_source == "title"
    assert doc.counts["vanskeligstilt"] == 1 and doc.counts["Husbanken"] == 1
    assert doc.counts["boligsosial"] == 1  # the title on page 1
    assert doc.status is Status.YELLOW
    assert {hit.page for hit in doc.hits} == {1, 2}


def test_running_headers_are_listed_once_and_not_counted(keywords: KeywordSet) -> None:
    bodies = ["Skoler", "Barnehager", "Veier", "Vann", "Avløp", "Kultur", "Idrett", "Kirker"]
    pages = [
        f"{HEADER}\n{body} i kommunen får et eget kapittel.\nSide {n}"
        for n, body in enumerate(bodies, 1)
    ]
    doc = analyse_pages(pages, keywords)
    assert doc.counts["boligsosial"] == 0
    repeated = [hit for hit in doc.hits if hit.repeated]
    assert sorted(hit.term for hit in repeated) == ["bolig", "boligsosial"]
    assert {hit.page for hit in repeated} == {1}


def test_pages_without_words_are_no_text(keywords: KeywordSet) -> None:
    doc = analyse_pages(["", "  12  "], keywords)
    assert doc.status is Status.NO_TEXT


def test_counts_only_equal_the_hits(keywords: KeywordSet) -> None:
    pages = ["Bolig for velferd: vanskeligstilte, utleieboliger og Husbankens bostøtte. " * 3]
    with_hits = analyse_pages(pages, keywords)
    counted = analyse_pages(pages, keywords, evidence=False)
    assert counted.counts == with_hits.counts and counted.hits == ()
    assert counted.status is with_hits.status and counted.score == with_hits.score


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_in_process_equals_a_scan_in_a_reader(
    docs: dict[str, Path], keywords: KeywordSet, kind: str
) -> None:
    """What a reader process gives is what analysing the same pages here gives."""
    path = docs[f"bokmal_{kind}"]
    scanned = planscan.scan_document(PlanRef("A", path), keywords)
    here = analyse_pages(extract_pages(path).pages, keywords, PlanRef("A", path))
    assert (here.counts, here.words, here.score, here.status) == (
        scanned.counts,
        scanned.words,
        scanned.score,
        scanned.status,
    )


def test_a_document_result_is_what_the_text_says_and_where_it_was_found() -> None:
    """A cached analysis keeps the fields found in the text and describe() gives the rest:
    a new field must be one or the other, or a re-scan would lose it."""
    from dataclasses import fields

    from planscan.describe import TEXT_FIELDS
    from planscan.models import DocumentResult

    where_found = {"path", "sha256", "municipality", "level", "level_source", "title", "url"}
    decided = where_found | {"not_plan"} | set(TEXT_FIELDS) | {"detail"}  # detail: errors only
    assert {f.name for f in fields(DocumentResult)} == decided


def test_pages_that_are_all_the_same_line_are_text_not_running_headers(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    """Issue 20: 10,000 pages of one line each, the same: that line is the document's text,
    not a running header that leaves "no text"."""
    from tests.fixtures.hostile import identical_pages

    line = "Husbanken og startlån for vanskeligstilte."
    doc = analyse_pages([line] * 10_000, keywords)
    assert doc.status is not Status.NO_TEXT and doc.counts["Husbanken"] == 10_000
    pdf = identical_pages(tmp_path / "Alfa" / "boligplan.pdf", pages=40)
    read = planscan.scan([tmp_path]).documents[0]  # in a reader, as a scan reads it
    assert read.status is not Status.NO_TEXT and read.counts["Husbanken"] == 40
    assert read.path == str(pdf)


def test_a_hit_keeps_every_field_when_its_passage_is_added(keywords: KeywordSet) -> None:
    # analyse() rebuilds each hit with its passage: no field of Hit may be lost on the way.
    from dataclasses import fields, replace

    from planscan.match import find_hits, index_document

    pages = [
        "Boligsosial handlingsplan\nKommunen gir startlån til vanskeligstilte.",
        "Tiltak: flere utleieboliger for vanskeligstilte på boligmarkedet.",
    ]
    doc = analyse_pages(pages, keywords)
    found = [hit for hits in find_hits(index_document(pages), keywords).values() for hit in hits]
    assert doc.hits and all(hit.passage is not None for hit in doc.hits)
    assert [replace(hit, passage=None) for hit in doc.hits] == found
    # analyse() passes each of Hit's nine fields on by position: a new one must be added there.
    assert len(fields(doc.hits[0])) == 9
