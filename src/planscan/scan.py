"""Run a scan: documents in, a ScanResult out. Never prints, never exits.

Documents are read in child processes (worker.py) unless their text is in the cache;
matching and scoring run where the text is, so a cached re-scan starts no process at all.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from planscan.discover import discover, load_manifest, separate_plan_sets
from planscan.errors import DocumentError, InputError
from planscan.i18n import N_, Message, error_message
from planscan.keywords import load_keywords
from planscan.matrix import build_result
from planscan.models import (
    DocumentResult,
    FetchSettings,
    KeywordSet,
    Override,
    PlanRef,
    ScanOptions,
    ScanResult,
    Shard,
)

if TYPE_CHECKING:
    from planscan.worker import ReadOutcome

DocumentCallback = Callable[[DocumentResult], None]
PageCallback = Callable[[str, int, int], None]  # path, pages read, pages in the document

__all__ = ["ScanOptions", "scan", "scan_document"]


def scan(
    paths: Iterable[Path | str] = (),
    *,
    manifest: Path | str | None = None,
    keywords: KeywordSet | Path | str | None = None,
    options: ScanOptions | None = None,
    password: str | None = None,
    review: Path | str | Sequence[Override] | None = None,
    fetch: FetchSettings | None = None,
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
    `review` is a review file (or its overrides): a person's colours, applied to the matrix.
    `store` is the folder `fetch()` downloaded into: plans listed only by URL are read
    from it; with `fetch`, the manifest's URLs are fetched into it first, with those settings.
    `shard` scans one deterministic slice of the documents (see merge()).
    The keywords, the review file and the manifest are checked before any document is read.
    """
    options = options or ScanOptions()
    if password is not None:
        options = replace(options, password=password)
    keyword_set = keywords if isinstance(keywords, KeywordSet) else load_keywords(keywords)
    if fetch is not None and manifest is None:
        raise InputError(N_("--fetch needs --manifest: the URLs are in the manifest"))
    if fetch is not None and store is None:
        raise InputError(N_("fetching needs a store folder to download into: give store="))
    overrides = _load_overrides(review, keyword_set)
    refs: list[PlanRef] = []
    if manifest is not None:
        refs.extend(load_manifest(Path(manifest), keyword_set))
    path_list = [Path(p) for p in paths]
    notes: list[str] = []
    if path_list:
        refs.extend(discover(path_list, keyword_set, notes))
    if manifest is None and not path_list:
        raise InputError(N_("nothing to scan: give files, folders or --manifest"))
    if manifest is None and not any(ref.path is not None for ref in refs):
        first = InputError(
            N_("nothing to scan: no PDF, DOCX or DOC files in {paths}"),
            paths=", ".join(map(str, path_list)),
        )
        raise InputError.joined([first, *(InputError("{note}", note=note) for note in notes)])
    if options.ocr:
        from planscan.extract.ocr import check_tesseract

        check_tesseract()  # says what to install before any document is read
    fetched = None
    if fetch is not None and manifest is not None and store is not None:
        from planscan.fetch import fetch as run_fetch

        fetched = run_fetch(
            manifest, store=store, keywords=keyword_set, settings=fetch, shard=shard
        )
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
    result = replace(
        build_result(refs, documents, keyword_set, warnings),
        shard=shard_info,
        skipped_plan_sets=skipped,
        fetch=fetched,
        notes=tuple(notes),
    )
    if overrides is None:
        return result
    from planscan.review import apply_review

    return apply_review(result, overrides)


def _load_overrides(
    review: Path | str | Sequence[Override] | None, keywords: KeywordSet
) -> tuple[Override, ...] | None:
    if review is None:
        return None
    if isinstance(review, (str, Path)):
        from planscan.review import load_review

        return load_review(review, keywords)
    return tuple(review)


def _scan_documents(
    refs: Sequence[PlanRef],
    keywords: KeywordSet,
    options: ScanOptions,
    on_document: DocumentCallback | None,
    on_page: PageCallback | None,
) -> tuple[list[DocumentResult], tuple[str, ...]]:
    from planscan.cache import CacheCorrupt, CachedText, TextCache, rules_digest
    from planscan.describe import blank_result, reuse
    from planscan.extract import engine_version

    results: dict[int, DocumentResult] = {}
    warnings: list[str] = []
    cache = TextCache(options.cache_dir) if options.cache_dir is not None else None
    if cache is not None:
        cache.sweep_temporary()
    to_read: list[tuple[int, PlanRef, str, str, int]] = []  # index, ref, sha256, engine, bytes
    cache_keys: dict[int, tuple[str, str]] = {}  # the text's key and the analysis's
    rules = rules_digest(keywords) if cache is not None else ""

    def remember(index: int, title_text: str, result: DocumentResult) -> None:
        """Keep the analysis for the next scan; never of a document opened with a
        password (its passages quote the text)."""
        if cache is None or index not in cache_keys or options.password is not None:
            return
        try:
            cache.put_analysis(cache_keys[index][1], title_text, result)
        except OSError as exc:
            warnings.append(_unwritable_cache(exc))

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
            sha256, kind, size = _fingerprint(ref.path, options.limits.max_file_bytes)
        except DocumentError as exc:
            blank = blank_result(ref, keywords)
            finish(index, replace(blank, message=error_message(exc), reason=exc.reason))
            continue
        engine = {"pdf": options.engine, "html": "lxml-html"}.get(kind, "python-docx")
        if cache is not None and kind in ("pdf", "zip", "html"):
            version = engine_version(engine) + (" +tesseract" if options.ocr else "")
            key = cache.key(sha256, version, options.limits.max_pages)
            analysis_key = cache.analysis_key(key, rules, options.evidence)
            cache_keys[index] = (key, analysis_key)
            try:
                analysed = cache.get_analysis(analysis_key)
            except CacheCorrupt as exc:
                warnings.append(
                    Message(
                        "cache entry damaged, analysing the document again: {why}", why=str(exc)
                    )
                )
                analysed = None
            if analysed is not None:
                finish(index, reuse(ref, sha256, analysed.title_text, keywords, analysed.document))
                continue
            try:
                cached = cache.get(key)
            except CacheCorrupt as exc:
                warnings.append(
                    Message("cache entry damaged, reading the document again: {why}", why=str(exc))
                )
                cached = None
            if cached is not None:
                from planscan.analysis import analyse

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
                remember(index, cached.title_text, result)
                finish(index, result)
                continue
        to_read.append((index, ref, sha256, engine, size))
    if not to_read:  # all from the cache: no reader process, not even its module
        return [results[i] for i in range(len(refs))], tuple(warnings)

    from planscan.worker import ReadTask, outcome_to_result, read_documents

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
                cache.put(cache_keys[task.index][0], entry)
            except OSError as exc:
                warnings.append(_unwritable_cache(exc))
            else:
                remember(task.index, outcome.title_text, result)
        finish(task.index, result)

    def page_progress(task: ReadTask, done: int, total: int) -> None:
        if on_page is not None:
            on_page(str(task.ref.path), done, total)

    # The largest files first (results keep the documents' order): the readers then end
    # together, instead of one reading a long plan alone while the other has nothing to do.
    to_read.sort(key=lambda item: -item[4])
    tasks = [
        ReadTask(index, ref, sha256, engine, options.password, options.evidence, options.ocr)
        for index, ref, sha256, engine, _size in to_read
    ]
    jobs = options.jobs if options.jobs > 0 else (os.cpu_count() or 1)
    read_documents(tasks, keywords, options.limits, jobs, on_outcome, page_progress)
    return [results[i] for i in range(len(refs))], tuple(warnings)


def _fingerprint(path: Path, max_bytes: int) -> tuple[str, str, int]:
    """The file's sha256, its kind by magic bytes ('pdf', 'zip', ...) and its size in bytes.
    Only a regular file of at most max_bytes is read: a pipe or a link to a device would
    never end."""
    from planscan.extract.precheck import sniff
    from planscan.inputfile import FileTooLarge, open_regular

    try:
        digest = hashlib.sha256()
        hint = "; raise --max-file-size if it is a real plan"
        with open_regular(path, max_bytes, hint) as handle:
            head = handle.read(4096)
            digest.update(head)
            size = len(head)
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    except FileNotFoundError:
        if path.is_symlink():
            raise DocumentError(
                N_("a link to a file that does not exist"), "missing-file"
            ) from None
        raise DocumentError(N_("file not found; check the path"), "missing-file") from None
    except IsADirectoryError:
        raise DocumentError(N_("this is a folder, not a file"), "unreadable") from None
    except FileTooLarge as exc:
        raise DocumentError(str(exc.strerror), "too-large") from None
    except OSError as exc:
        raise DocumentError(
            N_("cannot read the file: {why}"), "unreadable", why=exc.strerror
        ) from None
    return digest.hexdigest(), sniff(head), size


def scan_document(
    ref: PlanRef, keywords: KeywordSet, options: ScanOptions | None = None
) -> DocumentResult:
    """Scan one document (in a reader process, like scan())."""
    options = options or ScanOptions(jobs=1)
    documents, _ = _scan_documents([ref], keywords, options, None, None)
    return documents[0]


def _unwritable_cache(error: OSError) -> Message:
    return Message("cannot write the cache ({why}); scanning goes on", why=error.strerror)
