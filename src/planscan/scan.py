"""Run a scan: documents in, a ScanResult out. Never prints, never exits."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from planscan import __version__
from planscan.discover import (
    classify_level,
    discover,
    load_manifest,
    separate_plan_sets,
    title_lines,
)
from planscan.errors import DocumentError, InputError
from planscan.extract import extract_pages
from planscan.keywords import load_keywords
from planscan.match import find_hits, index_document
from planscan.models import (
    Cell,
    DocumentResult,
    KeywordSet,
    PlanRef,
    ScanResult,
    Shard,
    Status,
)
from planscan.normalize import normalize_text
from planscan.score import score_document

ProgressCallback = Callable[[DocumentResult], None]


def scan(
    paths: Iterable[Path | str] = (),
    *,
    manifest: Path | str | None = None,
    keywords: KeywordSet | Path | str | None = None,
    password: str | None = None,
    on_document: ProgressCallback | None = None,
    store: Path | str | None = None,
    shard: Shard | None = None,
) -> ScanResult:
    """Scan plan documents and return the documents' results and the matrix.

    `paths` are files or folders laid out as ROOT/<municipality>/<file>; `manifest` is a
    plans.yaml that names municipality and level for each document. `keywords` is a
    KeywordSet or the path of a keywords file (default: the shipped keywords.yaml).
    `store` is the folder `fetch()` downloaded into: plans listed only by URL are read
    from it. `shard` scans one deterministic slice of the documents (see merge()).
    """
    keyword_set = keywords if isinstance(keywords, KeywordSet) else load_keywords(keywords)
    refs: list[PlanRef] = []
    if manifest is not None:
        refs.extend(load_manifest(Path(manifest), keyword_set))
    path_list = [Path(p) for p in paths]
    if path_list:
        refs.extend(discover(path_list, keyword_set))
    if manifest is None and not path_list:
        raise InputError("nothing to scan: give files, folders or --manifest")
    if store is not None:
        from planscan.store import Store, locate

        refs = locate(refs, Store(store))
    todo = [ref for ref in refs if ref.path is not None or ref.unavailable is not None]
    shard_info = None
    if shard is not None:
        from planscan.shard import select_shard

        todo, shard_info = select_shard(todo, shard)
    documents = []
    for ref in todo:
        result = scan_document(ref, keyword_set, password)
        documents.append(result)
        if on_document is not None:
            on_document(result)
    skipped = tuple(str(p) for p in separate_plan_sets(path_list))
    return replace(
        build_result(refs, documents, keyword_set), shard=shard_info, skipped_plan_sets=skipped
    )


def scan_document(
    ref: PlanRef, keywords: KeywordSet, password: str | None = None
) -> DocumentResult:
    """Read, match and score one document. A document that cannot be read gets status error."""
    fetched = ref.url is not None and (ref.stored or ref.unavailable is not None)
    blank = DocumentResult(
        path=ref.url if fetched and ref.url else str(ref.path),
        sha256=None,
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
    if ref.unavailable is not None:  # listed by URL, and not online or not fetched
        gone = ref.unavailable
        return replace(blank, status=gone.status, reason=gone.reason, message=gone.message)
    assert ref.path is not None
    try:
        blank = replace(blank, sha256=_sha256(ref.path))
        extracted = extract_pages(ref.path, password)
    except DocumentError as exc:
        return replace(blank, message=str(exc), reason=exc.reason)
    raw_pages = extracted.pages
    blank = replace(blank, engine=extracted.engine)
    pages = [normalize_text(page) for page in raw_pages]
    if blank.level is None and raw_pages:
        level = classify_level(title_lines(raw_pages[0]), keywords.levels)
        blank = replace(blank, level=level, level_source="title" if level else None)
    index = index_document(pages)
    if index.word_count == 0:
        return replace(
            blank,
            status=Status.NO_TEXT,
            message="no text could be extracted (a scanned document without a text layer?)",
            pages=len(pages),
        )
    hits = find_hits(index, keywords)
    counts = {term: len(term_hits) for term, term_hits in hits.items()}
    breakdown = score_document(counts, index.word_count, keywords)
    return replace(
        blank,
        status=breakdown.status,
        pages=len(pages),
        words=index.word_count,
        score=round(breakdown.score, 2),
        counts=counts,
        hits=tuple(hit for term_hits in hits.values() for hit in term_hits),
        breakdown=breakdown,
    )


def build_result(
    refs: Sequence[PlanRef], documents: Sequence[DocumentResult], keywords: KeywordSet
) -> ScanResult:
    """Put documents into the municipality × level matrix; a cell shows its best document."""
    municipalities = _municipality_order(refs)
    cells = []
    for level in keywords.levels:
        for municipality in municipalities:
            docs = [d for d in documents if d.municipality == municipality and d.level == level.id]
            status = max((d.status for d in docs), key=lambda s: s.rank, default=Status.MISSING)
            cells.append(Cell(municipality, level.id, status, tuple(d.path for d in docs)))
    return ScanResult(__version__, keywords, municipalities, tuple(documents), tuple(cells))


def _municipality_order(refs: Sequence[PlanRef]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for ref in refs:
        seen.setdefault(ref.municipality, None)
    return tuple(seen)


def _sha256(path: Path) -> str:
    try:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except FileNotFoundError:
        raise DocumentError("file not found; check the path", "missing-file") from None
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror}", "unreadable") from None
