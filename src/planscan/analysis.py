"""Analyse one document: its pages in, its hits, score and colour out.

Pure apart from reading the file in read_and_analyse (which runs in a reader process, see
worker.py); analyse() and analyse_pages() run anywhere, so tests score documents in-process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from planscan.describe import describe
from planscan.discover import title_lines
from planscan.extract import iter_pages
from planscan.i18n import Message
from planscan.judge import JudgedPart, Position, judge_part, judge_parts
from planscan.match import (
    DocumentIndex,
    count_terms,
    find_hits,
    find_indicators,
    index_document,
)
from planscan.models import (
    DocumentResult,
    ExtractedInfo,
    Hit,
    KeywordSet,
    Limits,
    PlanRef,
    Status,
)
from planscan.normalize import normalize_text
from planscan.runninglines import (
    Edges,
    Span,
    find_repeated_spans,
    key_counts,
    page_edges,
    running_keys_from_counts,
    spans_from_edges,
)


def read_and_analyse(
    ref: PlanRef,
    sha256: str,
    engine: str,
    password: str | None,
    keywords: KeywordSet,
    limits: Limits,
    send: Callable[[tuple[object, ...]], None],
    evidence: bool = True,
    ocr: bool = False,
    first_page: int = 0,
    stop: Callable[[int], int | None] | None = None,
) -> DocumentResult:
    """Read one document page by page, passing each normalised page to `send`, then match
    and score it. Runs in a reader process; raises DocumentError for unreadable files.

    From `first_page`, and until `stop` says so, when two readers share a long PDF: the
    parent then joins the parts and scores the whole."""
    from planscan.extract.ocr import needs_ocr
    from planscan.normalize import normalize_text

    items: Iterator[ExtractedInfo | str] = iter_pages(
        ref.path or Path(), engine, password, limits, first_page, stop
    )
    info = next(items)
    assert isinstance(info, ExtractedInfo)
    send(("info", info))
    pages: list[str] = []
    # Of each raw page only its first and last lines are kept, where running headers and
    # footers stand: a long plan's raw text is not held while it is matched and judged. A
    # web plan's sections have no running headers: a heading repeated in several sections
    # ("Mål", "Tiltak") is text, and menus were dropped as the page was read.
    edges: list[Edges] = []
    ocr_pages: list[int] = []
    title_text = ""
    for raw in items:
        assert isinstance(raw, str)
        if ocr and needs_ocr(raw):
            from planscan.extract.ocr import ocr_page

            raw = ocr_page(ref.path or Path(), first_page + len(pages), password)
            ocr_pages.append(first_page + len(pages) + 1)
            send(("ocr", first_page + len(pages) + 1))
        if not pages and first_page == 0:
            title_text = title_lines(raw)
            send(("title", title_text))
        page = normalize_text(raw)
        pages.append(page)
        edges.append(page_edges(raw) if info.unit == "page" else ((), ()))
        send(("page", page))
    truncated = limits.max_pages is not None and info.pages > limits.max_pages
    if ocr_pages:
        info = replace(info, engine=f"{info.engine}+tesseract")
        send(("info", info))  # the cache must know the text came from OCR
    seen = key_counts(edges)
    repeated = spans_from_edges(edges, pages, running_keys_from_counts(seen, len(pages)))
    repeated, index = index_keeping_text(pages, repeated)
    # From here on the index's page bodies are what is matched and judged; the whole pages
    # (with their running lines, sent to the parent already) are let go.
    page_count = len(pages)
    del pages
    # The pages went to the parent in batches; the spans and counts are all it still needs
    # to rebuild the index for the cache (sending the index would send every page again).
    # A part of a document that two readers share also sends what the parent needs to find
    # running lines across both parts: a header on most pages of one part may be on too few
    # of the whole document's pages to be one.
    whole = first_page == 0 and page_count == min(info.pages, limits.max_pages or info.pages)
    send(("index", repeated, index.vocabulary, None if whole else (edges, seen)))
    result = analyse(
        ref,
        sha256,
        info,
        index.pages,
        title_text,
        keywords,
        truncated=truncated,
        evidence=evidence,
        index=index,
        ocr=bool(ocr_pages),
        first_page=first_page,
        judge=whole,  # a part of a shared PDF: its passages are judged below
    )
    if not whole:
        # The parent joins the parts' passages into the document's judgement (while this
        # reader judged its part, the other judged its own).
        _in_text, positions = _text_positions(result.hits, first_page)
        indicators = find_indicators(index, keywords)
        send(("judged", judge_part(index.pages, keywords, indicators, positions, first_page)))
    return result


def analyse(
    ref: PlanRef,
    sha256: str,
    info: ExtractedInfo,
    pages: Sequence[str],
    title_text: str,
    keywords: KeywordSet,
    truncated: bool = False,
    evidence: bool = True,
    index: DocumentIndex | None = None,
    ocr: bool = False,
    known_counts: Mapping[str, int] | None = None,
    known_hits: Mapping[str, Sequence[Hit]] | None = None,
    judged_parts: Sequence[JudgedPart] | None = None,
    first_page: int = 0,
    judge: bool = True,
) -> DocumentResult:
    """Match normalised pages and judge their passages into a DocumentResult.

    With evidence, every hit is listed with its page, snippet and passage; without, only the
    counts are computed (from the vocabulary: much faster on long plans), unless already
    known, and only the passages the colour needs are read. `judge=False` (a part of a PDF
    two readers share) leaves the colour out; `judged_parts`, its parts' passages judged in
    their readers, are joined instead of judging the pages again.
    """
    result = replace(
        describe(ref, sha256, title_text, keywords),
        engine=info.engine,
        pages=len(pages),
        truncated=truncated,
        unit=info.unit,
        section_urls=info.section_urls or (),
    )
    if not pages:
        return replace(result, message=Message("the document has no pages"), reason="damaged")
    result = replace(result, ocr=ocr)
    if index is None:
        index = index_document(pages)
    if index.word_count == 0:
        return replace(
            result,
            status=Status.NO_TEXT,
            message=Message("no text could be extracted, not even by OCR")
            if ocr
            else Message("no text could be extracted (a scanned document without a text layer?)"),
        )
    if evidence:
        hits = (
            {term: list(term_hits) for term, term_hits in known_hits.items()}
            if known_hits is not None
            else find_hits(index, keywords, info.page_labels, first_page)
        )
        # Running headers and footers are listed once as evidence, never counted.
        counts = {term: sum(not h.repeated for h in hs) for term, hs in hits.items()}
    else:
        hits = {}
        counts = dict(known_counts) if known_counts is not None else count_terms(index, keywords)
    all_hits = [hit for term_hits in hits.values() for hit in term_hits]
    message: str | None = None
    if truncated:
        message = Message(
            "only the first {pages} of {total} pages were read (--max-pages)",
            pages=len(pages),
            total=info.pages,
        )
    result = replace(result, message=message, words=index.word_count, counts=counts)
    if not judge:
        return replace(result, hits=tuple(all_hits))
    in_text, hit_positions = _text_positions(all_hits, first_page)
    # A shared PDF's parts were judged in their readers; else the pages are judged here.
    parts = judged_parts or [
        judge_part(index.pages, keywords, find_indicators(index, keywords), hit_positions)
    ]
    passages, judgement, hit_passages = judge_parts(
        index.pages,
        index.word_count,
        keywords,
        parts,
        hit_positions,
        info.page_labels,
        first_page,
        keep_all=evidence,
    )
    for i, passage in zip(in_text, hit_passages, strict=True):
        hit = all_hits[i]
        # Hit(...) with every field, not replace(): a plan has thousands of hits, and
        # replace() looks the dataclass's fields up for each.
        all_hits[i] = Hit(
            hit.term,
            hit.page,
            hit.match,
            hit.kind,
            hit.snippet,
            hit.page_label,
            hit.repeated,
            hit.offset,
            passage,
        )
    return replace(
        result,
        status=judgement.status,
        score=judgement.score,
        hits=tuple(all_hits),
        judgement=judgement,
        passages=passages,
    )


def _text_positions(hits: Sequence[Hit], first_page: int) -> tuple[list[int], list[Position]]:
    """Which hits stand in the page text (not in a running line), by index, and where each
    stands: page (0-based, counted from `first_page`), start, end."""
    in_text = [i for i, hit in enumerate(hits) if not hit.repeated and hit.offset >= 0]
    return in_text, [
        (hits[i].page - 1 - first_page, hits[i].offset, hits[i].offset + len(hits[i].match))
        for i in in_text
    ]


def analyse_pages(
    raw_pages: Sequence[str],
    keywords: KeywordSet,
    ref: PlanRef | None = None,
    evidence: bool = True,
) -> DocumentResult:
    """Given a document's raw page texts, return its result, in this process.

    What a reader does after extraction: normalise, cut running headers, match, score.
    For notebooks and tests; a scan reads files in reader processes instead.
    """
    ref = ref or PlanRef("", None)
    pages = [normalize_text(raw) for raw in raw_pages]
    index = index_keeping_text(pages, find_repeated_spans(raw_pages, pages))[1]
    info = ExtractedInfo(pages=len(pages), engine="text")
    title = title_lines(raw_pages[0]) if raw_pages else ""
    return analyse(ref, "", info, pages, title, keywords, evidence=evidence, index=index)


def index_keeping_text(
    pages: Sequence[str], repeated: tuple[tuple[Span, ...], ...]
) -> tuple[tuple[tuple[Span, ...], ...], DocumentIndex]:
    """The document's index with its running lines apart, unless they are all of its text:
    ten thousand pages of the same one line are that line ten thousand times, not a
    document without text (issue 20)."""
    index = index_document(pages, repeated)
    if index.word_count == 0 and any(repeated) and any(page.strip() for page in pages):
        return (), index_document(pages)
    return repeated, index
