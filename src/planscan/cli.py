"""The planscan command: parse arguments, call the core, render. The only importer of typer.

Options that several commands share are declared once, as the parameters of a plain
function (reading_options, output_options); `uses` puts them into each command's signature
and hands the command what that function built from them.
"""

from __future__ import annotations

import functools
import gc
import inspect
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from planscan._version import __version__
from planscan.chars import terminal_safe
from planscan.errors import ExitCode, InputError, PlanscanError
from planscan.i18n import N_, Language, choose_language, get_language
from planscan.models import (
    FetchReport,
    FetchSettings,
    FindReport,
    FindSettings,
    KeywordSet,
    Limits,
    ResultDiff,
    ScanOptions,
    ScanResult,
    Status,
)
from planscan.report.formats import FORMATS, check_output_folders, needs_hits, write_outputs
from planscan.report.options import CsvDialect, Layout, Order, ReportOptions

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

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


class Lang(str, Enum):
    nb = "nb"
    nn = "nn"
    en = "en"


class Engine(str, Enum):
    pdfium = "pdfium"
    pdfplumber = "pdfplumber"


# rich is imported only when something is printed: `planscan --help` must start fast. One
# console of each per run of a command (made afresh each run, for the environment of that run).
_CONSOLES: dict[bool, Console] = {}


def _console(stderr: bool) -> Console:
    if stderr not in _CONSOLES:
        # Text from documents and users is printed as it is: no markup, no emoji codes.
        _CONSOLES[stderr] = _safe_console_class()(
            stderr=stderr, highlight=False, markup=False, emoji=False
        )
    return _CONSOLES[stderr]


@functools.cache
def _safe_console_class() -> type[Console]:
    """A rich Console that makes a last pass over everything it writes: whatever outside
    text a renderer did not make safe is shown, not acted on (see chars.terminal_safe).
    Its own escape sequences (colours, the progress bar) are control segments, left alone.
    """
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def render(self, renderable: Any, options: Any = None) -> Iterable[Segment]:
            for segment in super().render(renderable, options):
                if segment.control or not segment.text:
                    yield segment
                else:
                    safe = terminal_safe(segment.text, keep_lines=True)
                    yield segment if safe == segment.text else Segment(safe, segment.style)

    return SafeConsole


def _out(renderable: RenderableType = "") -> None:
    # Never cropped: a path longer than the terminal is printed whole (it is pasted back).
    _console(stderr=False).print(renderable, crop=False)


def _err_lines(lines: Iterable[str]) -> None:
    """Print lines on stderr: no markup, no emoji codes, and each one line whatever it
    holds (a line break in a file name is shown as \\n, so it cannot start a line)."""
    err = _console(stderr=True)
    for line in lines:
        err.print(terminal_safe(line), markup=False, emoji=False, soft_wrap=True)


def _run(action: Callable[[], T], debug: bool, lang: Language | None = None) -> T:
    """The one place where planscan's errors become a message and an exit code."""
    try:
        return action()
    except PlanscanError as exc:
        if debug:
            _err_lines(traceback.format_exc().splitlines())
        _err_lines(f"planscan: {line}" for line in _error_lines(exc, lang or get_language()))
        raise typer.Exit(int(exc.exit_code)) from None


def _error_lines(exc: PlanscanError, lang: Language) -> list[str]:
    """The error in the reader's language, where its message is in the catalogues: one
    item per part, each printed as one line (a line break in a name inside it is shown as
    \\n by _err_lines, so it cannot forge a line of its own)."""
    if exc.parts:
        return [line for part in exc.parts for line in _error_lines(part, lang)]
    if not exc.template:
        return [str(exc)]
    return [lang._(exc.template, **exc.fields)]


def uses(build: Callable[..., Any], name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Give a command the options declared as `build`'s parameters; the command receives
    what `build` returns as its parameter `name`."""
    shared = list(inspect.signature(build, eval_str=True).parameters.values())

    def decorate(command: Callable[..., T]) -> Callable[..., T]:
        own = inspect.signature(command, eval_str=True)
        kept = [p for p in own.parameters.values() if p.name != name]
        debug = [p for p in kept if p.name == "debug"]
        kept = [p for p in kept if p.name != "debug"]

        @functools.wraps(command)
        def wrapper(**values: Any) -> T:
            built = build(**{p.name: values.pop(p.name) for p in shared})
            return command(**values, **{name: built})

        # Keyword-only, all of them: typer passes every value by name, and the order is free.
        parameters = [p.replace(kind=p.KEYWORD_ONLY) for p in (*kept, *shared, *debug)]
        wrapper.__signature__ = own.replace(parameters=parameters)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
        del wrapper.__wrapped__  # typer must read the signature above, not the command's
        return wrapper

    return decorate


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
    _SPOKEN.clear()


DebugOption = Annotated[bool, typer.Option("--debug", hidden=True, help="Show tracebacks.")]
KeywordsOption = Annotated[
    Path | None,
    typer.Option(
        "--keywords", "-k", help="Keywords file (default: the built-in keywords.yaml).",
        dir_okay=False,
    ),
]  # fmt: skip
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


@dataclass(frozen=True)
class Reading:
    """How the documents are read, as every command that reads documents takes it."""

    keywords: Path | None
    options: ScanOptions


def reading_options(
    keywords: KeywordsOption = None,
    password: Annotated[
        str | None, typer.Option("--password", help="Password for encrypted PDFs.")
    ] = None,
    ocr: Annotated[
        bool,
        typer.Option(
            "--ocr",
            help="Read PDF pages without a text layer (scans) with Tesseract OCR, in Norwegian."
            " Needs tesseract-ocr and tesseract-ocr-nor.",
        ),
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
            help="Seconds a document may take to read, plus half a second per page read"
            " (three times this at most).",
        ),
    ] = Limits.timeout_seconds,
    max_pages: Annotated[
        int,
        typer.Option("--max-pages", min=1, help="Read only the first N pages of each document."),
    ] = Limits.max_pages or 20_000,
    max_memory: Annotated[
        int,
        typer.Option("--max-memory", min=64, help="MiB of memory one document may use to read."),
    ] = (Limits.max_memory_bytes or 0) // (1 << 20),
    max_file_size: Annotated[
        int, typer.Option("--max-file-size", min=1, help="MiB: larger files are not read.")
    ] = Limits.max_file_bytes // (1 << 20),
) -> Reading:
    """The reading options, shared by scan, hits and explain."""
    limits = Limits(
        max_file_bytes=max_file_size << 20,
        max_pages=max_pages,
        timeout_seconds=timeout,
        max_memory_bytes=max_memory << 20,
    )
    options = ScanOptions(
        engine=engine.value,
        password=password,
        jobs=jobs,
        cache_dir=None if no_cache else _cache_dir(),
        limits=limits,
        ocr=ocr,
    )
    return Reading(keywords, options)


LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of the output: nb (bokmål), nn (nynorsk) or en. Default: PLANSCAN_LANG,"
        " else the locale (LC_ALL, LC_MESSAGES, LANG: nb_*/no_* is nb, nn_* is nn), else en.",
    ),
]


# The language of this run, once a command has chosen it: an interruption is said in it too.
_SPOKEN: list[Language] = []


def _language(lang: Lang | None) -> Language:
    """--lang, PLANSCAN_LANG, the locale, or English."""
    language = get_language(choose_language(lang.value if lang else None, os.environ))
    _SPOKEN[:] = [language]
    return language


@dataclass(frozen=True)
class Reporting:
    """How the reports read, as the command line gives it (resolved inside _run)."""

    lang: Lang | None
    layout: Layout
    order: Order
    csv_dialect: CsvDialect | None
    csv_scores: bool

    def resolve(self) -> ReportOptions:
        return ReportOptions(
            language=_language(self.lang).code,
            layout=self.layout,
            order=self.order,
            csv_dialect=self.csv_dialect,
            csv_scores=self.csv_scores,
        )


def report_options(
    lang: LangOption = None,
    layout: Annotated[
        Layout,
        typer.Option(
            "--layout",
            help="The matrix: levels as rows (report), municipalities as rows (turned), or"
            " turned when the municipalities do not fit the width (auto).",
        ),
    ] = Layout.AUTO,
    order: Annotated[
        Order,
        typer.Option(
            "--order",
            help="Municipalities by kommunenummer (number; where known, else by name), by name"
            " in Norwegian alphabetical order (name), or as given.",
        ),
    ] = Order.GIVEN,
    csv_dialect: Annotated[
        CsvDialect | None,
        typer.Option(
            "--csv-dialect",
            help="CSV for Norwegian Excel (excel-nb: ; and decimal comma, UTF-8 with BOM),"
            " English Excel (excel) or scripts (rfc4180: , and point, no BOM). Default:"
            " excel-nb in nb and nn, else excel.",
        ),
    ] = None,
    csv_scores: Annotated[
        bool, typer.Option("--csv-scores", help="Put each cell's score beside it in the CSV.")
    ] = False,
) -> Reporting:
    """The report options, shared by scan and merge."""
    return Reporting(lang, layout, order, csv_dialect, csv_scores)


@dataclass(frozen=True)
class Outputs:
    """What to write and print after a scan or a merge."""

    files: dict[str, Path]  # format name (see report.formats) -> file
    fail_on: Status | None
    quiet: bool


def _format_option(name: str, help_text: str) -> inspect.Parameter:
    option = typer.Option(f"--{name}", help=help_text)
    return inspect.Parameter(
        name.replace("-", "_"),
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        default=None,
        annotation=Annotated[Path | None, option],
    )


def _output_options(**values: Any) -> Outputs:
    files = {fmt.name: values[fmt.name.replace("-", "_")] for fmt in FORMATS}
    fail_on = values["fail_on"]
    return Outputs(
        {name: path for name, path in files.items() if path is not None},
        Status(fail_on.value) if fail_on is not None else None,
        values["quiet"],
    )


# One option per output format of the registry, then --fail-on and --quiet.
_output_options.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        *(_format_option(fmt.name, fmt.help) for fmt in FORMATS),
        inspect.Parameter(
            "fail_on",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=None,
            annotation=Annotated[
                FailOn | None,
                typer.Option(
                    "--fail-on",
                    help="Exit 1 when a matrix cell is at or below this status"
                    " (green > yellow > red > no-text > error > missing).",
                ),
            ],
        ),
        inspect.Parameter(
            "quiet",
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=False,
            annotation=Annotated[
                bool,
                typer.Option("--quiet", "-q", help="Print only the matrix, not the document list."),
            ],
        ),
    ]
)


@app.command()
@uses(report_options, "reporting")
@uses(_output_options, "outputs")
@uses(reading_options, "reading")
def scan(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Plan files, or folders laid out as FOLDER/<municipality>/<file>."),
    ] = None,
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", "-m", help="plans.yaml naming municipality and level per plan."),
    ] = None,
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
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Fetch the manifest's URLs into the store first.")
    ] = False,
    store: StoreOption = None,
    shard: ShardOption = None,
    *,
    reading: Reading,
    outputs: Outputs,
    reporting: Reporting,
    debug: DebugOption = False,
) -> None:
    """Scan plans and print the municipality × plan level matrix."""
    from planscan.review import default_review_path
    from planscan.scan import scan as run_scan
    from planscan.shard import parse_shard

    options = _run(reporting.resolve, debug)

    def action() -> ScanResult:
        check_output_folders(outputs.files.values())
        with _progress(options.lang) as progress:
            return run_scan(
                paths or (),
                manifest=manifest,
                keywords=reading.keywords,
                # Hits with pages and snippets cost time on long plans: only for outputs
                # that show them.
                options=_with_evidence(reading.options, needs_hits(outputs.files)),
                review=review if review is not None else default_review_path(manifest),
                fetch=FetchSettings() if fetch else None,
                store=_store_path(store),
                shard=parse_shard(shard) if shard is not None else None,
                on_start=progress.start,
                on_document=progress.document,
                on_page=progress.page,
            )

    _finish(_run(action, debug, options.lang), outputs, details, debug, options)


def _with_evidence(options: ScanOptions, evidence: bool) -> ScanOptions:
    from dataclasses import replace

    return replace(options, evidence=evidence)


def _write_outputs(
    result: ScanResult, outputs: Outputs, debug: bool, options: ReportOptions
) -> None:
    """Write the output files with the cycle collector paused. A county's reports are built
    from hundreds of thousands of new objects (a dict for every hit and passage), which the
    collector walks again and again as they grow: 0.4 of the 2.3 CPU seconds the result file
    took. The reports make no reference cycles, so there is nothing for it to free."""
    from planscan.collector import collector_paused

    with collector_paused():
        write_outputs(result, outputs.files, debug, options)


def _finish(
    result: ScanResult, outputs: Outputs, details: bool, debug: bool, options: ReportOptions
) -> None:
    """Write the output files, print the matrix and the notes, and exit with the right code."""
    from planscan.matrix import failing_cells
    from planscan.report.notes import fail_on_notes, scan_notes
    from planscan.report.terminal import render_details, render_legend, render_matrix, render_scan

    _run(lambda: _write_outputs(result, outputs, debug, options), debug, options.lang)
    if outputs.quiet:
        _out(render_matrix(result, options))
        _out(render_legend(result, options))
    else:
        _out(render_scan(result, options))
    if details:
        _out()
        _out(render_details(result, options))
    _err_lines(scan_notes(result, debug, options.lang))
    failing = failing_cells(result, outputs.fail_on)
    if outputs.fail_on is not None:
        _err_lines(fail_on_notes(result, failing, outputs.fail_on, options.lang))
    if result.failed:
        raise typer.Exit(int(ExitCode.DOCUMENT_ERRORS))
    raise typer.Exit(int(ExitCode.FAIL_ON if failing else ExitCode.OK))


def _store_path(store: Path | None) -> Path:
    from planscan.store import default_store_path

    return store if store is not None else default_store_path()


def _cache_dir() -> Path:
    """PLANSCAN_CACHE_DIR, or the user's cache folder."""
    from planscan.cache import default_cache_dir

    override = os.environ.get("PLANSCAN_CACHE_DIR")
    return Path(override) if override else default_cache_dir()


def _find_pages_dir() -> Path:
    """Where planscan find keeps the pages it read (inside the cache folder)."""
    return _cache_dir() / "find-pages"


def _progress(lang: Language) -> Any:
    from planscan.report.terminal import ScanProgress

    return ScanProgress(_console(stderr=True), lang)


def _one_document(file: Path, keywords: KeywordSet | Path | None, reading: Reading) -> ScanResult:
    """Scan a single file as scan would, with its hits, in one reader process."""
    from dataclasses import replace

    from planscan.scan import scan as run_scan

    if not file.is_file():
        raise InputError(N_("{path}: no such file"), path=file)
    options = replace(reading.options, jobs=1, evidence=True)
    return run_scan([file], keywords=keywords, options=options)


def _exit_for(result: ScanResult) -> None:
    if result.documents[0].status is Status.ERROR:
        raise typer.Exit(int(ExitCode.DOCUMENT_ERRORS))


@app.command()
@uses(reading_options, "reading")
def explain(
    file: Annotated[Path, typer.Argument(help="One plan document (PDF, DOCX or web page).")],
    lang: LangOption = None,
    *,
    reading: Reading,
    debug: DebugOption = False,
) -> None:
    """Show how each search word added to one document's score, and why it got its colour."""
    from planscan.report.terminal import render_explain

    options = _run(lambda: ReportOptions(language=_language(lang).code), debug)
    result = _run(lambda: _one_document(file, reading.keywords, reading), debug, options.lang)
    _out(render_explain(result.documents[0], result, options))
    _exit_for(result)


@app.command()
@uses(reading_options, "reading")
def hits(
    file: Annotated[Path, typer.Argument(help="One plan document (PDF, DOCX or web page).")],
    term: Annotated[
        list[str] | None,
        typer.Option(
            "--term", "-t", help="Show only this search word (repeat for several; any case)."
        ),
    ] = None,
    lang: LangOption = None,
    *,
    reading: Reading,
    debug: DebugOption = False,
) -> None:
    """Show every hit in one document, by search word, with page and the text around it."""
    from planscan.keywords import load_keywords
    from planscan.report.evidence import select_terms
    from planscan.report.terminal import render_hits

    def action() -> tuple[ScanResult, Any]:
        keyword_set = load_keywords(reading.keywords)
        terms = select_terms(keyword_set, term or ())
        return _one_document(file, keyword_set, reading), terms

    options = _run(lambda: ReportOptions(language=_language(lang).code), debug)
    result, terms = _run(action, debug, options.lang)
    _out(render_hits(result.documents[0], result, terms, options))
    _exit_for(result)


cache_app = typer.Typer(
    help="The cache of extracted text (re-scans of unchanged documents read it).",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info")
def cache_info(lang: LangOption = None, debug: DebugOption = False) -> None:
    """Show where the cache is and how big it is."""
    from planscan.cache import TextCache

    language = _run(lambda: _language(lang), debug)
    directory = _cache_dir()
    entries, size = TextCache(directory).stats()
    mib = language.format_number(size / (1 << 20), 1, group="" if not language.norwegian else None)
    documents = language.ngettext("{n} document", "{n} documents", entries)
    typer.echo(f"{directory}\n{documents}, {mib} MiB")


@cache_app.command("clear")
def cache_clear(lang: LangOption = None, debug: DebugOption = False) -> None:
    """Remove everything in the cache."""
    from planscan.cache import TextCache
    from planscan.find.pagecache import PageCache

    language = _run(lambda: _language(lang), debug)
    directory = _cache_dir()
    removed = TextCache(directory).clear()
    pages = PageCache(_find_pages_dir()).clear()
    typer.echo(
        language._(
            "removed {documents} and {pages} planscan find had read from {folder}",
            documents=language.ngettext("{n} cached document", "{n} cached documents", removed),
            pages=language.ngettext("{n} page", "{n} pages", pages),
            folder=directory,
        )
    )


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
    budget: Annotated[
        float,
        typer.Option("--budget", min=1, help="Seconds for the whole fetch; URLs not reached fail."),
    ] = FetchSettings.budget,
    hosts: Annotated[
        int,
        typer.Option(
            "--hosts", min=1, help="Hosts fetched at once (each host one request at a time)."
        ),
    ] = FetchSettings.hosts,
    shard: ShardOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only failures and the summary line.")
    ] = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Download the plans the manifest lists by URL into the store (unchanged ones are kept)."""
    from planscan.fetch import fetch as run_fetch
    from planscan.report.notes import fetch_notes
    from planscan.report.terminal import render_fetch
    from planscan.shard import parse_shard

    settings = FetchSettings(
        connect_timeout=timeout,
        read_timeout=timeout,
        deadline=deadline,
        max_bytes=max_bytes,
        retries=retries,
        budget=budget,
        hosts=hosts,
    )

    def action() -> FetchReport:
        slice_ = parse_shard(shard) if shard is not None else None
        return run_fetch(
            manifest, store=_store_path(store), keywords=keywords, settings=settings, shard=slice_
        )

    language = _run(lambda: _language(lang), debug)
    report = _run(action, debug, language)
    rendered = render_fetch(report, language)
    _out(rendered.renderables[-1] if quiet else rendered)
    _err_lines(fetch_notes(report, language))
    raise typer.Exit(int(ExitCode.DOCUMENT_ERRORS if report.failed else ExitCode.OK))


@app.command()
def find(
    municipalities: Annotated[
        list[str] | None,
        typer.Argument(
            help="Municipalities, by name or number (vagan, Vågan, 1865).", show_default=False
        ),
    ] = None,
    county: Annotated[
        str | None,
        typer.Option(
            "--county", help="Every municipality of a county, by number or name (33, Buskerud)."
        ),
    ] = None,
    everyone: Annotated[bool, typer.Option("--all", help="All 357 municipalities.")] = False,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The manifest to write, or to update (pinned entries are kept).",
            dir_okay=False,
        ),
    ] = Path("plans.yaml"),
    start_url: Annotated[
        list[str] | None,
        typer.Option(
            "--start-url",
            metavar="NAME=URL",
            help="Start this municipality's search here instead of its website (repeatable).",
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            metavar="HOST",
            help="Another host whose documents may be plans (repeatable; Framsikt, the Azure"
            " blob store and OpenGov are allowed already).",
        ),
    ] = None,
    allow_private_hosts: Annotated[
        bool,
        typer.Option(
            "--allow-private-hosts",
            help="Follow links to loopback, private and link-local addresses (tests, intranets).",
        ),
    ] = False,
    delay: Annotated[
        float,
        typer.Option(
            "--delay",
            min=1.0,
            help="Seconds between two requests to one host (robots.txt Crawl-delay may ask more).",
        ),
    ] = FindSettings.delay,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Web pages read per municipality.")
    ] = FindSettings.max_pages,
    max_minutes: Annotated[
        float, typer.Option("--max-minutes", min=0.1, help="Time allowed per municipality.")
    ] = FindSettings.max_seconds / 60,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Municipalities searched at once (0: all, up to 64)."
        ),
    ] = 0,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every page again; keep no pages for next time's conditional requests.",
        ),
    ] = False,
    keywords: KeywordsOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the summary line.")
    ] = False,
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Search municipalities' websites for their plans and write a manifest for scan --fetch."""
    from planscan.find import find as run_find
    from planscan.find import resolve_municipalities
    from planscan.keywords import load_keywords
    from planscan.report.terminal import FindProgress, render_find

    settings = FindSettings(
        delay=delay,
        max_pages=max_pages,
        max_seconds=max_minutes * 60,
        jobs=jobs,
        allow_hosts=tuple(allow_host or ()),
        allow_private=allow_private_hosts,
        cache_dir=None if no_cache else _find_pages_dir(),
    )

    def action() -> tuple[FindReport, KeywordSet]:
        keyword_set = load_keywords(keywords)
        chosen = resolve_municipalities(municipalities or (), county, everyone)
        starts = dict(_name_and_url(item) for item in start_url or ())
        with FindProgress(_console(stderr=True), language) as progress:
            report = run_find(
                chosen,
                output=output,
                keywords=keyword_set,
                settings=settings,
                start_urls=starts,
                on_event=progress.event,
            )
        return report, keyword_set

    language = _run(lambda: _language(lang), debug)
    report, keyword_set = _run(action, debug, language)
    rendered = render_find(report, keyword_set, language)
    _out(rendered.renderables[-1] if quiet else rendered)
    raise typer.Exit(int(ExitCode.DOCUMENT_ERRORS if report.not_searched else ExitCode.OK))


def _name_and_url(item: str) -> tuple[str, str]:
    name, equals, url = item.partition("=")
    if not equals or not name.strip() or not url.strip():
        raise InputError(N_("--start-url {item}: write it as NAME=URL"), item=item)
    return name.strip(), url.strip()


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
    lang: LangOption = None,
    debug: DebugOption = False,
) -> None:
    """Show which cells changed colour between two results, and which documents changed."""
    from planscan.diff import diff as run_diff
    from planscan.report.diffreport import render_diff_json, render_diff_markdown
    from planscan.report.formats import save
    from planscan.report.terminal import render_diff

    language = _run(lambda: _language(lang), debug)
    outputs: list[tuple[Path | None, Callable[[ResultDiff], str]]] = [
        (markdown, functools.partial(render_diff_markdown, lang=language)),
        (json, render_diff_json),
    ]

    def action() -> ResultDiff:
        if markdown is not None and json is not None and str(markdown) == str(json) == "-":
            raise InputError(N_("only one of --markdown and --json can go to standard output (-)"))
        check_output_folders(output for output, _ in outputs)
        return run_diff(old, new)

    result = _run(action, debug, language)
    to_stdout = False
    for output, render in outputs:
        if output is not None and str(output) == "-":
            typer.echo(render(result), nl=False)
            to_stdout = True
        elif output is not None:
            _run(functools.partial(save, output, render(result)), debug, language)
    if not to_stdout:
        _out(render_diff(result, language))
    worse = fail_on_change and bool(result.worse)
    if worse:
        cells = language.ngettext("{n} cell got worse", "{n} cells got worse", len(result.worse))
        _err_lines([f"planscan: --fail-on-change: {cells}"])
        note = language._("note")
        _err_lines(f"planscan: {note}: {language.say(caveat)}" for caveat in result.caveats)
    raise typer.Exit(int(ExitCode.FAIL_ON if worse else ExitCode.OK))


@app.command()
@uses(report_options, "reporting")
@uses(_output_options, "outputs")
def merge(
    parts: Annotated[
        list[Path], typer.Argument(help="The JSON results of scan --shard 1/N … N/N.")
    ],
    keywords: KeywordsOption = None,
    *,
    outputs: Outputs,
    reporting: Reporting,
    debug: DebugOption = False,
) -> None:
    """Join the parts of a sharded scan into the result one unsharded scan gives."""
    from planscan.merge import merge as run_merge

    options = _run(reporting.resolve, debug)

    def action() -> ScanResult:
        check_output_folders(outputs.files.values())
        return run_merge(parts, keywords=keywords)

    _finish(_run(action, debug, options.lang), outputs, False, debug, options)


class _Interrupted(BaseException):
    """A signal that asks planscan to stop (SIGTERM, SIGINT, SIGHUP), raised where the main
    thread is, so that every `finally` on the way out runs: readers are ended
    (worker.read_documents), temporary files removed (atomicwrite, fetch). A BaseException,
    so that no `except Exception` in the core takes it for a document's error."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name)
)


def _on_stop_signal(signum: int, frame: object) -> None:
    for other in _STOP_SIGNALS:  # once: a second Ctrl-C must not cut the clean-up short
        signal.signal(other, signal.SIG_IGN)
    raise _Interrupted(signum)


def _stopped_by(signum: int) -> None:
    """Say so in one line, then end by the signal itself: the shell (and CI) sees 128 + N."""
    name = signal.Signals(signum).name
    lang = _SPOKEN[0] if _SPOKEN else get_language()
    stopped = lang._("stopped by {signal}; readers ended, no file left half-written", signal=name)
    _err_lines([f"planscan: {stopped}"])
    sys.stdout.flush()
    sys.stderr.flush()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    sys.exit(128 + signum)  # where the signal does not end the process by itself


def main() -> None:
    """The `planscan` command (the console script)."""
    for signum in _STOP_SIGNALS:
        signal.signal(signum, _on_stop_signal)
    try:
        app()
    except _Interrupted as stop:
        _stopped_by(stop.signum)
    finally:
        # When Python exits it runs its cycle collector again over every object the
        # command's modules made (about 20 ms, a tenth of a short scan), only to free memory
        # that the ending process hands back anyway. Frozen objects are left out of that.
        # Output files are written and closed before this point; atexit handlers still run.
        gc.freeze()
