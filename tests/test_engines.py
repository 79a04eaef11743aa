"""pdfium (the default) and pdfplumber must find the same words (issue 4)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from benchmarks.corpus import write_pdf

import planscan
from planscan.scan import ScanOptions

pytestmark = pytest.mark.slow  # two readers sharing a PDF: real processes, real time

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-page plan from the benchmark corpus generator, and the examples' PDFs."""
    root = tmp_path_factory.mktemp("engines")
    write_pdf(root / "Eksempelby" / "okonomiplan-40.pdf", 40, seed=40)
    for pdf in EXAMPLES.glob("*/*.pdf"):
        target = root / pdf.parent.name / pdf.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(pdf.read_bytes())
    return root


def test_both_engines_give_the_same_counts(plans: Path) -> None:
    fast = planscan.scan([plans], options=ScanOptions(engine="pdfium", evidence=False))
    slow = planscan.scan([plans], options=ScanOptions(engine="pdfplumber", evidence=False))
    assert len(fast.documents) == len(slow.documents) > 10
    for a, b in zip(fast.documents, slow.documents, strict=True):
        assert (a.path, a.counts, a.pages) == (b.path, b.counts, b.pages)
        assert (a.engine, b.engine) == ("pdfium", "pdfplumber")
    assert [c.status for c in fast.matrix] == [c.status for c in slow.matrix]


@pytest.fixture
def joined(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Where the second part began, for each PDF two readers shared."""
    from planscan import worker

    starts: list[int] = []
    join = worker._join

    def recording_join(first: worker.ReadOutcome, second: worker.ReadOutcome) -> worker.ReadOutcome:
        starts.append(second.task.first_page)
        return join(first, second)

    monkeypatch.setattr(worker, "_join", recording_join)
    return starts


def test_a_long_pdf_shared_by_two_readers_gives_the_same_result(
    tmp_path: Path, joined: list[int]
) -> None:
    from planscan.worker import SPLIT_MIN_PAGES

    path = write_pdf(tmp_path / "Eksempelby" / "okonomiplan-lang.pdf", SPLIT_MIN_PAGES + 30, 7)
    one = planscan.scan([path], options=ScanOptions(jobs=1)).documents[0]
    assert joined == []
    two = planscan.scan([path], options=ScanOptions(jobs=2)).documents[0]
    assert len(joined) == 1 and 0 < joined[0] < SPLIT_MIN_PAGES + 30  # it was shared
    assert two.pages == one.pages == SPLIT_MIN_PAGES + 30
    assert (two.counts, two.words, two.status, two.score) == (
        one.counts,
        one.words,
        one.status,
        one.score,
    )
    assert two.hits == one.hits  # pages numbered through, snippets the same
    # Each reader judged its part: the same passages, numbered the same, the same judgement.
    assert two.passages == one.passages and two.judgement == one.judgement
    assert {h.page for h in two.hits} >= {1, SPLIT_MIN_PAGES + 30}
    # Without evidence (a plain `planscan scan`), the parts' counts are added up.
    counted = planscan.scan([path], options=ScanOptions(jobs=2, evidence=False)).documents[0]
    assert len(joined) == 2
    assert (counted.counts, counted.words, counted.status, counted.score) == (
        one.counts,
        one.words,
        one.status,
        one.score,
    )
    assert list(counted.counts) == list(one.counts)
    assert (
        counted.judgement
        == planscan.scan([path], options=ScanOptions(jobs=1, evidence=False)).documents[0].judgement
    )


def test_a_shared_pdf_finds_running_headers_across_both_parts(
    tmp_path: Path, joined: list[int]
) -> None:
    from tests.fixtures.generate import chapter_header_pages, make_pdf

    count, with_header = 400, 140  # the heading on 35 % of the pages
    path = make_pdf(
        tmp_path / "Eksempelby" / "okonomiplan-kapittel.pdf",
        chapter_header_pages(count, with_header),
    )
    for evidence in (False, True):
        options = ScanOptions(evidence=evidence)
        one = planscan.scan([path], options=replace(options, jobs=1)).documents[0]
        two = planscan.scan([path], options=replace(options, jobs=2)).documents[0]
        # Shared, with the heading on at least 40 % of the first part's pages.
        assert joined and with_header / joined[-1] >= 0.4
        # Not a running header of the whole plan: every heading is counted, either way.
        assert one.counts["boligpolitikk"] == with_header
        assert (two.counts, two.words, two.score) == (one.counts, one.words, one.score)
        assert two.hits == one.hits
        assert (two.passages, two.judgement) == (one.passages, one.judgement)


def test_a_shared_pdf_lists_its_hits_as_one_reader_does(tmp_path: Path, joined: list[int]) -> None:
    from tests.fixtures.generate import make_pdf, running_title_pages

    count, roman = 400, 10
    path = make_pdf(
        tmp_path / "Eksempelby" / "okonomiplan-merket.pdf", running_title_pages(count), roman
    )
    one = planscan.scan([path], options=ScanOptions(jobs=1)).documents[0]
    two = planscan.scan([path], options=ScanOptions(jobs=2)).documents[0]
    assert joined and 0 < joined[-1] < count  # shared
    assert two.hits == one.hits
    assert (two.passages, two.judgement) == (one.passages, one.judgement)
    # The running title's words are listed once for the whole plan, on its first page.
    in_title = [(h.term, h.page) for h in one.hits if h.repeated]
    assert ("boligsosial", 1) in in_title and len(in_title) == len(set(in_title))
    # Hits on both sides of the split carry the printed page numbers.
    husbanken = [(h.page, h.page_label) for h in one.hits if h.term == "Husbanken"]
    assert husbanken[0] == (10, "x") and husbanken[-1] == (count, str(count - roman))
