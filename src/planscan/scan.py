"""Run a scan: documents in, a ScanResult out. Never prints, never exits.

Documents are read in child processes (worker.py) unless their text is in the cache;
matching and scoring run where the text is, so a cached re-scan starts no process at all.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from planscan import __version__
from planscan.discover import (
    classify_level,
    discover,
    load_manifest,
    separate_plan_sets,
    title_lines,
)
from planscan.errors import DocumentError, InputError
from planscan.keywords import load_keywords
from planscan.models import (
    Cell,
    DocumentResult,
    ExtractedInfo,
    Hit,
    KeywordSet,
    Limits,
    PlanRef,
    ScanResult,
    Shard,
    Status,
)

if TYPE_CHECKING:
    from planscan.match import DocumentIndex
    from planscan.worker import ReadOutcome

DocumentCallback = Callable[[DocumentResult], None]
PageCallback = Callable[[str, int, int], None]  # path, pages read, pages in the document


@dataclass(frozen=True)
class ScanOptions:
    """How to read documents; the defaults suit a planner's laptop."""

    engine: str = "pdfium"  # for PDFs: "pdfium" (fast) or "pdfplumber"
    password: str | None = None
    jobs: int = 0  # reader processes; 0 means one per core
    cache_dir: Path | None = None  # None: no cache
    limits: Limits = Limits()
    evidence: bool = True  # list every hit with page and snippet (else counts only)
    ocr: bool = False  # read PDF pages without a text layer with Tesseract


def scan(
    paths: Iterable[Path | str] = (),
    *,
    manifest: Path | str | None = None,
    keywords: KeywordSet | Path | str | None = None,
    options: ScanOptions | None = None,
    password: str | None = None,
    on_start: Callable[[int], None] | None = None,
    on_document: DocumentCallback | None = None,
    on_page: PageCallback | None = None,
    store: Path | str | None = None,
    shard: Shard | None = None,
) -> ScanResult:
    """Scan plan documents and return the documents' results and the matrix.

    `paths` are files or folders laid out as ROOT/<municipality>/<file>; `manifest` is a
    plans.yaml that names municipality and level for each document. `keywords` is a
    KeywordSet or the path of a keywords file (default: the shipped keywords.yaml).
    `options` sets the PDF engine, reader processes, cache folder and limits.
    `store` is the folder `fetch()` downloaded into: plans listed only by URL are read
    from it. `shard` scans one deterministic slice of the documents (see merge()).
    """
    options = options or ScanOptions()
    if password is not None:
        options = replace(options, password=password)
    keyword_set = keywords if isinstance(keywords, KeywordSet) else load_keywords(keywords)
    refs: list[PlanRef] = []
    if manifest is not None:
        refs.extend(load_manifest(Path(manifest), keyword_set))
    path_list = [Path(p) for p in paths]
    if path_list:
        refs.extend(discover(path_list, keyword_set))
    if manifest is None and not path_list:
        raise InputError("nothing to scan: give files, folders or --manifest")
    if options.ocr:
        from planscan.extract.ocr import check_tesseract

        check_tesseract()  # says what to install before any document is read
    if store is not None:
        from planscan.store import Store, locate

        refs = locate(refs, Store(store))
    todo = [ref for ref in refs if ref.path is not None or ref.unavailable is not None]
    shard_info = None
    if shard is not None:
        from planscan.shard import select_shard

        todo, shard_info = select_shard(todo, shard)
    if on_start is not None:
        on_start(len(todo))
    documents, warnings = _scan_documents(todo, keyword_set, options, on_document, on_page)
    skipped = tuple(str(p) for p in separate_plan_sets(path_list))
    return replace(
        build_result(refs, documents, keyword_set, warnings),
        shard=shard_info,
        skipped_plan_sets=skipped,
    )


def _scan_documents(
    refs: Sequence[PlanRef],
    keywords: KeywordSet,
    options: ScanOptions,
    on_document: DocumentCallback | None,
    on_page: PageCallback | None,
) -> tuple[list[DocumentResult], tuple[str, ...]]:
    from planscan.cache import CacheCorrupt, CachedText, TextCache
    from planscan.extract import engine_version
    from planscan.worker import ReadTask, read_documents

    results: dict[int, DocumentResult] = {}
    warnings: list[str] = []
    cache = TextCache(options.cache_dir) if options.cache_dir is not None else None
    if cache is not None:
        cache.sweep_temporary()
    tasks: list[ReadTask] = []
    cache_keys: dict[int, str] = {}

    def finish(index: int, result: DocumentResult) -> None:
        results[index] = result
        if on_document is not None:
            on_document(result)

    for index, ref in enumerate(refs):
        if ref.unavailable is not None:  # listed by URL, and not online or not fetched
            gone = ref.unavailable
            blank = blank_result(ref, keywords)
            finish(
                index, replace(blank, status=gone.status, reason=gone.reason, message=gone.message)
            )
            continue
        assert ref.path is not None
        try:
            sha256, kind = _fingerprint(ref.path)
        except DocumentError as exc:
            finish(index, replace(blank_result(ref, keywords), message=str(exc), reason=exc.reason))
            continue
        engine = options.engine if kind == "pdf" else "python-docx"
        if cache is not None and kind in ("pdf", "zip"):
            version = engine_version(engine) + (" +tesseract" if options.ocr else "")
            key = cache.key(sha256, version, options.limits.max_pages)
            cache_keys[index] = key
            try:
                cached = cache.get(key)
            except CacheCorrupt as exc:
                warnings.append(f"cache entry damaged, reading the document again: {exc}")
                cached = None
            if cached is not None:
                result = analyse(
                    ref,
                    sha256,
                    cached.info,
                    cached.index.pages,
                    cached.title_text,
                    keywords,
                    truncated=cached.truncated,
                    evidence=options.evidence,
                    index=cached.index,
                    ocr="tesseract" in cached.info.engine,
                )
                finish(index, result)
                continue
        tasks.append(
            ReadTask(index, ref, sha256, engine, options.password, options.evidence, options.ocr)
        )

    def on_outcome(outcome: ReadOutcome) -> None:
        task = outcome.task
        result = outcome_to_result(outcome, keywords, options.limits)
        if (
            cache is not None
            and task.index in cache_keys
            and (outcome.result is not None or outcome.joined)
            and outcome.error is None
            and outcome.stopped is None
            and outcome.info is not None
            and outcome.index is not None
        ):
            entry = CachedText(outcome.info, outcome.title_text, result.truncated, outcome.index)
            try:
                cache.put(cache_keys[task.index], entry)
            except OSError as exc:
                warnings.append(f"cannot write the cache ({exc.strerror}); scanning goes on")
        finish(task.index, result)

    def page_progress(task: ReadTask, done: int, total: int) -> None:
        if on_page is not None:
            on_page(str(task.ref.path), done, total)

    if tasks:
        jobs = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
        read_documents(tasks, keywords, options.limits, jobs, on_outcome, page_progress)
    return [results[i] for i in range(len(refs))], tuple(warnings)


def _fingerprint(path: Path) -> tuple[str, str]:
    """The file's sha256 and its kind by magic bytes ('pdf', 'zip', ...)."""
    from planscan.extract.precheck import sniff

    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            head = handle.read(4096)
            digest.update(head)
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except FileNotFoundError:
        raise DocumentError("file not found; check the path", "missing-file") from None
    except IsADirectoryError:
        raise DocumentError("this is a folder, not a file", "unreadable") from None
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror}", "unreadable") from None
    return digest.hexdigest(), sniff(head)


def blank_result(ref: PlanRef, keywords: KeywordSet, sha256: str | None = None) -> DocumentResult:
    """An error result with nothing read; callers fill in what they know."""
    # A plan fetched from the web is named by its URL, not by its place in the store.
    fetched = ref.url is not None and (ref.stored or ref.unavailable is not None)
    return DocumentResult(
        path=ref.url if fetched and ref.url else str(ref.path),
        sha256=sha256,
        municipality=ref.municipality,
        level=ref.level,
        level_source=ref.level_source,
        status=Status.ERROR,
        message=None,
        pages=0,
        words=0,
        score=0.0,
        counts={term.key: 0 for term in keywords.terms},
        hits=(),
        title=ref.title,
        url=ref.url,
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
    from planscan.extract import iter_pages
    from planscan.extract.ocr import needs_ocr
    from planscan.headers import key_counts, page_edges, running_keys_from_counts, spans_from_edges
    from planscan.match import index_document
    from planscan.normalize import normalize_text

    items: Iterator[ExtractedInfo | str] = iter_pages(
        ref.path or Path(), engine, password, limits, first_page, stop
    )
    info = next(items)
    assert isinstance(info, ExtractedInfo)
    send(("info", info))
    pages: list[str] = []
    raw_pages: list[str] = []
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
        raw_pages.append(raw)
        send(("page", page))
    truncated = limits.max_pages is not None and info.pages > limits.max_pages
    if ocr_pages:
        info = replace(info, engine=f"{info.engine}+tesseract")
        send(("info", info))  # the cache must know the text came from OCR
    edges = [page_edges(raw) for raw in raw_pages]
    seen = key_counts(edges)
    repeated = spans_from_edges(edges, pages, running_keys_from_counts(seen, len(pages)))
    index = index_document(pages, repeated)
    # The pages went to the parent in batches; the spans and counts are all it still needs
    # to rebuild the index for the cache (sending the index would send every page again).
    # A part of a document that two readers share also sends what the parent needs to find
    # running lines across both parts: a header on most pages of one part may be on too few
    # of the whole document's pages to be one.
    whole = first_page == 0 and len(pages) == min(info.pages, limits.max_pages or info.pages)
    send(("index", repeated, index.vocabulary, None if whole else (edges, seen)))
    return analyse(
        ref,
        sha256,
        info,
        pages,
        title_text,
        keywords,
        truncated=truncated,
        evidence=evidence,
        index=index,
        ocr=bool(ocr_pages),
        first_page=first_page,
    )


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
    first_page: int = 0,
) -> DocumentResult:
    """Match and score normalised pages into a DocumentResult.

    With evidence, every hit is listed with its page and snippet; without, only the counts
    are computed (from the vocabulary: much faster on long plans), unless already known.
    """
    from planscan.match import count_terms, find_hits, index_document
    from planscan.score import score_document

    result = replace(
        blank_result(ref, keywords, sha256),
        engine=info.engine,
        pages=len(pages),
        truncated=truncated,
    )
    if result.level is None:
        level = classify_level(title_text, keywords.levels)
        result = replace(result, level=level, level_source="title" if level else None)
    if not pages:
        return replace(result, message="the document has no pages", reason="damaged")
    result = replace(result, ocr=ocr)
    if index is None:
        index = index_document(pages)
    if index.word_count == 0:
        return replace(
            result,
            status=Status.NO_TEXT,
            message="no text could be extracted, not even by OCR"
            if ocr
            else "no text could be extracted (a scanned document without a text layer?)",
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
    breakdown = score_document(counts, index.word_count, keywords)
    message = None
    if truncated:
        message = f"only the first {len(pages)} of {info.pages} pages were read (--max-pages)"
    return replace(
        result,
        status=breakdown.status,
        message=message,
        words=index.word_count,
        score=round(breakdown.score, 2),
        counts=counts,
        hits=tuple(hit for term_hits in hits.values() for hit in term_hits),
        breakdown=breakdown,
    )


def outcome_to_result(outcome: ReadOutcome, keywords: KeywordSet, limits: Limits) -> DocumentResult:
    """Turn what a reader sent into a DocumentResult, keeping pages read before a timeout."""
    task = outcome.task
    if outcome.result is not None:
        return outcome.result
    if (
        outcome.joined
        and outcome.error is None
        and outcome.stopped is None
        and outcome.info is not None
        and outcome.index is not None
    ):
        # Two readers shared this PDF: score the whole here.
        return analyse(
            task.ref,
            task.sha256,
            outcome.info,
            outcome.pages,
            outcome.title_text,
            keywords,
            truncated=limits.max_pages is not None and outcome.info.pages > limits.max_pages,
            evidence=task.evidence,
            index=outcome.index,
            ocr=outcome.ocr_pages > 0,
            known_counts=outcome.counts,
            known_hits=outcome.hits,
        )
    blank = blank_result(task.ref, keywords, task.sha256)
    if outcome.stopped is not None:
        if outcome.stopped == "memory":
            cap = (limits.max_memory_bytes or 0) // (1024 * 1024)
            message = (
                f"reading the document needed more than {cap} MiB of memory: a compression"
                " bomb or a damaged file"
            )
            return replace(blank, message=message, reason="too-large")
        total = outcome.info.pages if outcome.info else None
        if outcome.pages and outcome.info is not None:
            partial = analyse(
                task.ref,
                task.sha256,
                outcome.info,
                outcome.pages,
                outcome.title_text,
                keywords,
                truncated=True,
                ocr=outcome.ocr_pages > 0,
            )
            message = (
                f"reading timed out after {len(outcome.pages)} of {total} pages; the colour"
                " covers only those pages (raise --timeout for very long plans)"
            )
            return replace(partial, message=message, reason="timeout")
        message = "reading the document timed out; it may be damaged (or raise --timeout)"
        return replace(blank, message=message, reason="timeout")
    error = outcome.error or DocumentError("the document cannot be read", "damaged")
    return replace(blank, message=str(error), reason=error.reason, detail=outcome.detail)


def build_result(
    refs: Sequence[PlanRef],
    documents: Sequence[DocumentResult],
    keywords: KeywordSet,
    warnings: Sequence[str] = (),
) -> ScanResult:
    """Put documents into the municipality × level matrix; a cell shows its best document."""
    municipalities = _municipality_order(refs)
    cells = []
    for level in keywords.levels:
        for municipality in municipalities:
            docs = [d for d in documents if d.municipality == municipality and d.level == level.id]
            status = max((d.status for d in docs), key=lambda s: s.rank, default=Status.MISSING)
            cells.append(Cell(municipality, level.id, status, tuple(d.path for d in docs)))
    return ScanResult(
        __version__, keywords, municipalities, tuple(documents), tuple(cells), tuple(warnings)
    )


def _municipality_order(refs: Sequence[PlanRef]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for ref in refs:
        seen.setdefault(ref.municipality, None)
    return tuple(seen)


def scan_document(
    ref: PlanRef, keywords: KeywordSet, options: ScanOptions | None = None
) -> DocumentResult:
    """Scan one document (in a reader process, like scan())."""
    options = options or ScanOptions(jobs=1)
    documents, _ = _scan_documents([ref], keywords, options, None, None)
    return documents[0]
