"""The planscan command: parse arguments, call the core, render. The only importer of typer."""

from __future__ import annotations

import gc
import time
import traceback
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from planscan import __version__
from planscan.errors import ExitCode, InputError, PlanscanError
from planscan.models import (
    DocumentResult,
    FetchReport,
    FetchSettings,
    KeywordSet,
    Limits,
    Override,
    ResultDiff,
    ReviewOutcome,
    ScanResult,
    Status,
)

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="planscan",
    help="Audit Norwegian municipal plans for housing-social content (boligsosiale hensyn).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

T = TypeVar("T")


class FailOn(str, Enum):
    red = "red"
    yellow = "yellow"
    missing = "missing"


class Engine(str, Enum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


# rich is imported only when something is printed: `planscan --help` must start fast. One
# console of each per run of a command (made afresh each run, for the environment of that run).
_CONSOLES: dict[bool, Console] = {}


def _console(stderr: bool) -> Console:
    if stderr not in _CONSOLES:
        from rich.console import Console

        _CONSOLES[stderr] = Console(stderr=stderr, highlight=False)
    return _CONSOLES[stderr]


def _stdout() -> Console:
    return _console(stderr=False)


def _stderr() -> Console:
    return _console(stderr=True)


def _run(action: Callable[[], T], debug: bool) -> T:
    """The one place where planscan's errors become a message and an exit code."""
    try:
        return action()
    except PlanscanError as exc:
        err = _stderr()
        if debug:
            err.print(traceback.format_exc(), markup=False)
        for line in str(exc).splitlines():
            err.print(f"planscan: {line}", markup=False, soft_wrap=True)
        raise typer.Exit(int(exc.exit_code)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"planscan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Audit Norwegian municipal plans for housing-social content (boligsosiale hensyn)."""
    _CONSOLES.clear()  # a new run: consoles follow this run's terminal and environment


KeywordsOption = Annotated[
    Path | None,
    typer.Option(
        "--keywords",
        "-k",
        help="Keywords file (default: the built-in keywords.yaml).",
        dir_okay=False,
    ),
]
DebugOption = Annotated[bool, typer.Option("--debug", hidden=True, help="Show tracebacks.")]
PasswordOption = Annotated[
    str | None, typer.Option("--password", help="Password for encrypted PDFs.")
]
OcrOption = Annotated[
    bool,
    typer.Option(
        "--ocr",
        help="Read PDF pages without a text layer (scans) with Tesseract OCR, in Norwegian."
        " Needs tesseract-ocr and tesseract-ocr-nor.",
    ),
]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Folder that keeps downloaded plans (default: planscan's folder in your user cache).",
        file_okay=False,
    ),
]
ShardOption = Annotated[
    str | None,
    typer.Option(
        "--shard",
        metavar="I/N",
        help="Only slice I of N of the documents (deterministic); join the parts with merge.",
    ),
]
CsvOption = Annotated[
    Path | None, typer.Option("--csv", help="Write the matrix as CSV (Excel-safe).")
]
JsonOption = Annotated[Path | None, typer.Option("--json", help="Write the full result as JSON.")]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a matrix cell is at or below this status"
        " (green > yellow > red > no-text > error > missing).",
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only the matrix, not the document list.")
]
HtmlOption = Annotated[
    Path | None,
    typer.Option("--html", help="Write a self-contained HTML report with the evidence."),
]
XlsxOption = Annotated[
    Path | None,
    typer.Option("--xlsx", help="Write an Excel workbook: matrix, documents, hits."),
]
MarkdownOption = Annotated[
    Path | None,
    typer.Option("--markdown", help="Write the matrix as Markdown (for a CI job summary)."),
]
CsvHitsOption = Annotated[
    Path | None,
    typer.Option("--csv-hits", help="Write every hit as CSV, one row per hit (Excel-safe)."),
]


@app.command()
def scan(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files, or folders laid out as FOLDER/<municipality>/<file>."),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", "-m", help="plans.yaml naming municipality and level per plan."),
    ] = None,
    keywords: KeywordsOption = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Write the matrix as CSV (Excel-safe).")
    ] = None,
    json: Annotated[
        Path | None, typer.Option("--json", help="Write the full result as JSON.")
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a matrix cell is at or below this status"
            " (green > yellow > red > no-text > error > missing).",
        ),
    ] = None,
    password: PasswordOption = None,
    ocr: OcrOption = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the matrix, not the document list.")
    ] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", help="PDF text extractor: pdfium (fast) or pdfplumber.")
    ] = Engine.pdfium,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, help="Reader processes (0: one per core).")
    ] = 0,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read every document again; do not use the cache.")
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=1,
            help="Seconds a document may take to read, plus half a second per page.",
        ),
    ] = Limits.timeout_seconds,
    max_pages: Annotated[
        int | None,
        typer.Option("--max-pages", min=1, help="Read only the first N pages of each document."),
    ] = None,
    max_memory: Annotated[
        int,
        typer.Option("--max-memory", min=64, help="MiB of memory one document may use to read."),
    ] = (Limits.max_memory_bytes or 0) // (1 << 20),
    max_file_size: Annotated[
        int, typer.Option("--max-file-size", min=1, help="MiB: larger files are not read.")
    ] = Limits.max_file_bytes // (1 << 20),
    details: Annotated[
        bool, typer.Option("--details", help="Also print hits per search word for every document.")
    ] = False,
    review: Annotated[
        Path | None,
        typer.Option(
            "--review",
            help="Review file with colours set by a person (default: review.yaml beside the"
            " manifest, if there is one).",
            dir_okay=False,
        ),
    ] = None,
    html: HtmlOption = None,
    xlsx: XlsxOption = None,
    markdown: MarkdownOption = None,
    csv_hits: CsvHitsOption = None,
    fetch: Annotated[
        bool,
        typer.Option("--fetch", help="Fetch the manifest's URLs into the store first."),
    ] = False,
    store: StoreOption = None,
    shard: ShardOption = None,
    debug: DebugOption = False,
) -> None:
    """Scan plans and print the municipality × plan level matrix."""
    from planscan.scan import ScanOptions
    from planscan.scan import scan as run_scan
    from planscan.shard import parse_shard

    reports = {"html": html, "xlsx": xlsx, "markdown": markdown, "csv_hits": csv_hits}
    outputs = [p for p in (csv, json, *reports.values()) if p is not None]
    fetched: list[FetchReport] = []
    options = ScanOptions(
        engine=engine.value,
        password=password,
        jobs=jobs,
        cache_dir=None if no_cache else _cache_dir(),
        # Hits with pages and snippets cost time on long plans; only outputs that show them
        # need them.
        evidence=any(p is not None for p in (json, html, xlsx, csv_hits)),
        ocr=ocr,
        limits=Limits(
            max_file_bytes=max_file_size << 20,
            max_pages=max_pages,
            timeout_seconds=timeout,
            max_memory_bytes=max_memory << 20,
        ),
    )

    def action() -> ScanResult:
        _check_output_folders(outputs)
        keyword_set, overrides = _load_review(keywords, review, manifest)
        slice_ = parse_shard(shard) if shard is not None else None
        the_store = _store_path(store)
        if fetch:
            if manifest is None:
                raise InputError("--fetch needs --manifest: the URLs are in the manifest")
            from planscan.fetch import fetch as run_fetch

            fetched.append(run_fetch(manifest, store=the_store, keywords=keyword_set, shard=slice_))
        with _progress() as progress:
            result = run_scan(
                paths or (),
                manifest=manifest,
                keywords=keyword_set,
                options=options,
                on_start=progress.start,
                on_document=progress.document,
                on_page=progress.page,
                store=the_store,
                shard=slice_,
            )
        return _apply_review(result, overrides)

    result = _run(action, debug)
    _write_outputs(result, csv, json, debug)
    _write_reports(result, reports, debug)
    _print_result(result, quiet, details, debug)
    err = _stderr()
    for report in fetched:
        for record in report.failed:
            if record.sha256 is not None:  # the scan read the kept copy: say so once here
                err.print(f"planscan: {record.url}: {record.message}", markup=False, soft_wrap=True)
    for folder in result.skipped_plan_sets:
        err.print(
            f"planscan: note: {folder} has its own plans.yaml and was left out;"
            f" scan it with --manifest {Path(folder) / 'plans.yaml'}",
            markup=False,
            soft_wrap=True,
        )
    if result.shard is not None:
        part = result.shard
        err.print(
            f"planscan: shard {part.index}/{part.count}: {len(part.positions)} of {part.total}"
            " documents; join the parts' JSON with planscan merge",
            markup=False,
            soft_wrap=True,
        )
    raise typer.Exit(int(_exit_code(result, fail_on)))


def _print_result(result: ScanResult, quiet: bool, details: bool, debug: bool) -> None:
    """The matrix (and documents, details) on stdout; warnings and failures on stderr."""
    from planscan.report.terminal import render_details, render_legend, render_matrix, render_scan

    out = _stdout()
    if quiet:
        out.print(render_matrix(result))
        out.print(render_legend(bool(result.reviews)))
    else:
        out.print(render_scan(result))
    if details:
        out.print()
        out.print(render_details(result))
    err = _stderr()
    for warning in result.warnings:
        err.print(f"planscan: warning: {warning}", markup=False, soft_wrap=True)
    for doc in result.failed:
        err.print(f"planscan: {doc.path}: {doc.message}", markup=False, soft_wrap=True)
        if debug and doc.detail:
            err.print(doc.detail, markup=False, soft_wrap=True)
    _warn_reviews(result)


def _store_path(store: Path | None) -> Path:
    from planscan.store import default_store_path

    return store if store is not None else default_store_path()


def _cache_dir() -> Path:
    """PLANSCAN_CACHE_DIR, or the user's cache folder."""
    import os

    from planscan.cache import default_cache_dir

    override = os.environ.get("PLANSCAN_CACHE_DIR")
    return Path(override) if override else default_cache_dir()


def _progress() -> _Progress:
    return _Progress(_stderr())


class _Progress:
    """A progress bar on a terminal; nothing in CI logs or when output is piped."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.bar: Any = None
        self.documents: Any = None
        self.pages: Any = None
        self.page_counts: dict[str, tuple[int, int]] = {}
        self.started = time.monotonic()

    def __enter__(self) -> _Progress:
        if self.console.is_terminal and not self.console.is_dumb_terminal:
            from planscan.report.terminal import make_progress

            self.bar, self.documents, self.pages = make_progress(self.console)
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def start(self, documents: int) -> None:
        if self.bar is not None:
            self.bar.update(self.documents, total=documents)
            self.started = time.monotonic()

    def document(self, doc: DocumentResult) -> None:
        if self.bar is not None:
            self.bar.advance(self.documents)

    def page(self, path: str, done: int, total: int) -> None:
        if self.bar is None:
            return
        self.page_counts[path] = (done, total)
        read = sum(d for d, _ in self.page_counts.values())
        known = sum(t for _, t in self.page_counts.values())
        elapsed = max(time.monotonic() - self.started, 1e-3)
        self.bar.update(
            self.pages, completed=read, total=known, rate=f"{read / elapsed:.0f} pages/s"
        )


def _check_output_folders(outputs: Iterable[Path | None]) -> None:
    """Fail before any work when an output cannot be written there (- is standard output)."""
    for output in outputs:
        if output is not None and str(output) != "-" and not output.parent.resolve().is_dir():
            raise InputError(f"{output}: the folder {output.parent} does not exist")


def _save(path: Path, data: str | bytes) -> None:
    """Write an output file whole, or say plainly why it cannot be written."""
    from planscan.report.files import write_atomic

    try:
        write_atomic(path, data)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the file: {exc.strerror}") from None


def _write_outputs(result: ScanResult, csv: Path | None, json: Path | None, debug: bool) -> None:
    # Each renderer is imported only for an output asked for: a plain scan starts quicker.
    def csv_text() -> str:
        from planscan.report.csvfile import render_matrix_csv

        return render_matrix_csv(result)

    def json_text() -> str:
        from planscan.report.jsonfile import render_json

        return render_json(result, debug)

    def action() -> None:
        outputs: tuple[tuple[Path | None, Callable[[], str]], ...] = (
            (csv, csv_text),
            (json, json_text),
        )
        for path, render in outputs:
            if path is not None:
                _save(path, render())

    _run(action, debug)


def _load_review(
    keywords: Path | None, review: Path | None, manifest: Path | None
) -> tuple[KeywordSet, tuple[Override, ...] | None]:
    """Check the keywords and the review file before any document is opened."""
    from planscan.keywords import load_keywords
    from planscan.review import default_review_path, load_review

    keyword_set = load_keywords(keywords)
    path = review if review is not None else default_review_path(manifest)
    return keyword_set, (load_review(path, keyword_set) if path is not None else None)


def _apply_review(result: ScanResult, overrides: tuple[Override, ...] | None) -> ScanResult:
    from planscan.review import apply_review

    return result if overrides is None else apply_review(result, overrides)


def _warn_reviews(result: ScanResult) -> None:
    err = _stderr()
    for review in result.reviews:
        if review.outcome is not ReviewOutcome.APPLIED:
            err.print(
                f"planscan: {review.override.where}: review not applied: {review.message}",
                markup=False,
                soft_wrap=True,
            )


def _write_reports(result: ScanResult, reports: dict[str, Path | None], debug: bool) -> None:
    """Write the reports for people (HTML, XLSX, Markdown, hits CSV) that were asked for."""
    if not any(path is not None for path in reports.values()):
        return  # openpyxl and the HTML renderer are not even imported
    from planscan.report.hitscsv import render_hits_csv
    from planscan.report.html import render_html
    from planscan.report.markdown import render_markdown
    from planscan.report.xlsx import render_xlsx

    renderers: dict[str, Callable[[ScanResult], str | bytes]] = {
        "html": render_html,
        "xlsx": render_xlsx,
        "markdown": render_markdown,
        "csv_hits": render_hits_csv,
    }

    def action() -> None:
        for name, path in reports.items():
            if path is not None:
                _save(path, renderers[name](result))

    _run(action, debug)


def _exit_code(result: ScanResult, fail_on: FailOn | None) -> ExitCode:
    if result.failed:
        return ExitCode.DOCUMENT_ERRORS
    if fail_on is not None:
        threshold = Status(fail_on.value).rank
        if any(cell.shown.rank <= threshold for cell in result.matrix):
            return ExitCode.FAIL_ON
    return ExitCode.OK


@app.command()
def explain(
    file: Annotated[Path, typer.Argument(help="One plan document (PDF or DOCX).")],
    keywords: KeywordsOption = None,
    password: PasswordOption = None,
    ocr: OcrOption = False,
    debug: DebugOption = False,
) -> None:
    """Show how each search word added to one document's score, and why it got its colour."""
    from planscan.report.terminal import render_explain
    from planscan.scan import ScanOptions
    from planscan.scan import scan as run_scan

    def action() -> ScanResult:
        if not file.is_file():
            raise InputError(f"{file}: no such file")
        options = ScanOptions(password=password, jobs=1, cache_dir=_cache_dir(), ocr=ocr)
        return run_scan([file], keywords=keywords, options=options)

    result = _run(action, debug)
    doc = result.documents[0]
    _stdout().print(render_explain(doc, result))
    if doc.status is Status.ERROR:
        raise typer.Exit(int(ExitCode.DOCUMENT_ERRORS))


@app.command()
def hits(
    file: Annotated[Path, typer.Argument(help="One plan document (PDF or DOCX).")],
    term: Annotated[
        list[str] | None,
        typer.Option(
            "--term", "-t", help="Show only this search word (repeat for several; any case)."
        ),
    ] = None,
    keywords: KeywordsOption = None,
    password: PasswordOption = None,
    debug: DebugOption = False,
) -> None:
    """Show every hit in one document, by search word, with page and the text around it."""
    from planscan.evidence import select_terms
    from planscan.keywords import load_keywords
    from planscan.models import Term
    from planscan.report.terminal import render_hits
    from planscan.scan import scan as run_scan

    def action() -> tuple[ScanResult, tuple[Term, ...]]:
        if not file.is_file():
            raise InputError(f"{file}: no such file")
        keyword_set = load_keywords(keywords)
        terms = select_terms(keyword_set, term or ())
        return run_scan([file], keywords=keyword_set, password=password), terms

    result, terms = _run(action, debug)
    doc = result.documents[0]
    _stdout().print(render_hits(doc, result, terms))
    if doc.status is Status.ERROR:
        raise typer.Exit(int(ExitCode.DOCUMENT_ERRORS))


cache_app = typer.Typer(
    help="The cache of extracted text (re-scans of unchanged documents read it).",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info() -> None:
    """Show where the cache is and how big it is."""
    from planscan.cache import TextCache

    directory = _cache_dir()
    entries, size = TextCache(directory).stats()
    typer.echo(f"{directory}\n{entries} documents, {size / (1 << 20):.1f} MiB")


@cache_app.command("clear")
def cache_clear() -> None:
    """Remove everything in the cache."""
    from planscan.cache import TextCache

    directory = _cache_dir()
    removed = TextCache(directory).clear()
    typer.echo(f"removed {removed} cached documents from {directory}")


@app.command()
def fetch(
    manifest: Annotated[
        Path, typer.Argument(help="plans.yaml; every plan with a url and no path is fetched.")
    ],
    store: StoreOption = None,
    keywords: KeywordsOption = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Seconds to wait to connect, and for more data."),
    ] = FetchSettings.read_timeout,
    deadline: Annotated[
        float,
        typer.Option("--deadline", min=0.1, help="Seconds allowed per download, retries included."),
    ] = FetchSettings.deadline,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest file to download, in bytes.")
    ] = FetchSettings.max_bytes,
    retries: Annotated[
        int, typer.Option("--retries", min=0, help="Extra attempts after a timeout or a 5xx.")
    ] = FetchSettings.retries,
    shard: ShardOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only failures and the summary line.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Download the plans the manifest lists by URL into the store (unchanged ones are kept)."""
    from planscan.fetch import fetch as run_fetch
    from planscan.shard import parse_shard

    settings = FetchSettings(
        connect_timeout=timeout,
        read_timeout=timeout,
        deadline=deadline,
        max_bytes=max_bytes,
        retries=retries,
    )

    def action() -> FetchReport:
        slice_ = parse_shard(shard) if shard is not None else None
        return run_fetch(
            manifest, store=_store_path(store), keywords=keywords, settings=settings, shard=slice_
        )

    report = _run(action, debug)
    from planscan.report.terminal import render_fetch

    rendered = render_fetch(report)
    _stdout().print(rendered.renderables[-1] if quiet else rendered)
    err = _stderr()
    for record in report.failed:
        err.print(f"planscan: {record.url}: {record.message}", markup=False, soft_wrap=True)
    raise typer.Exit(int(ExitCode.DOCUMENT_ERRORS if report.failed else ExitCode.OK))


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The older result (JSON from scan --json).")],
    new: Annotated[Path, typer.Argument(help="The newer result.")],
    markdown: Annotated[
        Path | None,
        typer.Option("--markdown", help="Write the changes as Markdown (- for standard output)."),
    ] = None,
    json: Annotated[
        Path | None,
        typer.Option("--json", help="Write the changes as JSON (- for standard output)."),
    ] = None,
    fail_on_change: Annotated[
        bool, typer.Option("--fail-on-change", help="Exit 1 if any cell got worse.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Show which cells changed colour between two results, and which documents changed."""
    from planscan.diff import diff as run_diff
    from planscan.report.diffreport import render_diff_json, render_diff_markdown

    outputs = [(markdown, render_diff_markdown), (json, render_diff_json)]

    def action() -> ResultDiff:
        if markdown is not None and json is not None and str(markdown) == str(json) == "-":
            raise InputError("only one of --markdown and --json can go to standard output (-)")
        _check_output_folders(output for output, _ in outputs)
        return run_diff(old, new)

    result = _run(action, debug)
    to_stdout = False
    for output, render in outputs:
        if output is None:
            continue
        if str(output) == "-":
            typer.echo(render(result), nl=False)
            to_stdout = True
        else:
            _write_file(output, render(result), debug)
    if not to_stdout:
        from planscan.report.terminal import render_diff

        _stdout().print(render_diff(result))
    worse = fail_on_change and bool(result.worse)
    raise typer.Exit(int(ExitCode.FAIL_ON if worse else ExitCode.OK))


@app.command()
def merge(
    parts: Annotated[
        list[Path], typer.Argument(help="The JSON results of scan --shard 1/N … N/N.")
    ],
    keywords: KeywordsOption = None,
    csv: CsvOption = None,
    json: JsonOption = None,
    fail_on: FailOnOption = None,
    quiet: QuietOption = False,
    html: HtmlOption = None,
    xlsx: XlsxOption = None,
    markdown: MarkdownOption = None,
    csv_hits: CsvHitsOption = None,
    debug: DebugOption = False,
) -> None:
    """Join the parts of a sharded scan into the result one unsharded scan gives."""
    from planscan.merge import merge as run_merge

    reports = {"html": html, "xlsx": xlsx, "markdown": markdown, "csv_hits": csv_hits}

    def action() -> ScanResult:
        _check_output_folders((csv, json, *reports.values()))
        return run_merge(parts, keywords=keywords)

    result = _run(action, debug)
    _write_outputs(result, csv, json, debug)
    _write_reports(result, reports, debug)
    _print_result(result, quiet, False, debug)
    raise typer.Exit(int(_exit_code(result, fail_on)))


def _write_file(path: Path, text: str, debug: bool) -> None:
    _run(lambda: _save(path, text), debug)


def main() -> None:
    """The `planscan` command (the console script)."""
    try:
        app()
    finally:
        # When Python exits it runs its cycle collector again over every object the
        # command's modules made (about 20 ms, a tenth of a short scan), only to free memory
        # that the ending process hands back anyway. Frozen objects are left out of that.
        # Output files are written and closed before this point; atexit handlers still run.
        gc.freeze()
