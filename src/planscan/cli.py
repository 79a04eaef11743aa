"""The planscan command: parse arguments, call the core, render. The only importer of typer."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from planscan import __version__
from planscan.errors import ExitCode, InputError, PlanscanError
from planscan.models import KeywordSet, Override, ReviewOutcome, ScanResult, Status

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


def _stdout() -> Console:
    return Console(highlight=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


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
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the matrix, not the document list.")
    ] = False,
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
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a self-contained HTML report with the evidence."),
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Write an Excel workbook: matrix, documents, hits."),
    ] = None,
    markdown: Annotated[
        Path | None,
        typer.Option("--markdown", help="Write the matrix as Markdown (for a CI job summary)."),
    ] = None,
    csv_hits: Annotated[
        Path | None,
        typer.Option("--csv-hits", help="Write every hit as CSV, one row per hit (Excel-safe)."),
    ] = None,
    debug: DebugOption = False,
) -> None:
    """Scan plans and print the municipality × plan level matrix."""
    from planscan.scan import scan as run_scan

    reports = {"html": html, "xlsx": xlsx, "markdown": markdown, "csv_hits": csv_hits}
    outputs = [p for p in (csv, json, *reports.values()) if p is not None]

    def action() -> ScanResult:
        for output in outputs:
            if not output.parent.resolve().is_dir():
                raise InputError(f"{output}: the folder {output.parent} does not exist")
        keyword_set, overrides = _load_review(keywords, review, manifest)
        result = run_scan(paths or (), manifest=manifest, keywords=keyword_set, password=password)
        return _apply_review(result, overrides)

    result = _run(action, debug)
    _write_outputs(result, csv, json, debug)
    _write_reports(result, reports, debug)

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
    for doc in result.failed:
        err.print(f"planscan: {doc.path}: {doc.message}", markup=False, soft_wrap=True)
    _warn_reviews(result)
    raise typer.Exit(int(_exit_code(result, fail_on)))


def _write_outputs(result: ScanResult, csv: Path | None, json: Path | None, debug: bool) -> None:
    from planscan.report.csvfile import render_matrix_csv
    from planscan.report.files import write_atomic
    from planscan.report.jsonfile import render_json

    def action() -> None:
        for path, render in ((csv, render_matrix_csv), (json, render_json)):
            if path is None:
                continue
            try:
                write_atomic(path, render(result))
            except OSError as exc:
                raise InputError(f"{path}: cannot write the file: {exc.strerror}") from None

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
    from planscan.report.files import write_atomic
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
            if path is None:
                continue
            try:
                write_atomic(path, renderers[name](result))
            except OSError as exc:
                raise InputError(f"{path}: cannot write the file: {exc.strerror}") from None

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
    debug: DebugOption = False,
) -> None:
    """Show how each search word added to one document's score, and why it got its colour."""
    from planscan.report.terminal import render_explain
    from planscan.scan import scan as run_scan

    def action() -> ScanResult:
        if not file.is_file():
            raise InputError(f"{file}: no such file")
        return run_scan([file], keywords=keywords, password=password)

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


def main() -> None:
    app()
