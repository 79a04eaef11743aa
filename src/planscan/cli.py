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
from planscan.models import FetchReport, FetchSettings, ResultDiff, ScanResult, Status

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
    csv: CsvOption = None,
    json: JsonOption = None,
    fail_on: FailOnOption = None,
    password: PasswordOption = None,
    quiet: QuietOption = False,
    fetch: Annotated[
        bool,
        typer.Option("--fetch", help="Fetch the manifest's URLs into the store first."),
    ] = False,
    store: StoreOption = None,
    shard: ShardOption = None,
    debug: DebugOption = False,
) -> None:
    """Scan plans and print the municipality × plan level matrix."""
    from planscan.scan import scan as run_scan

    outputs = [p for p in (csv, json) if p is not None]
    fetched: list[FetchReport] = []

    def action() -> ScanResult:
        from planscan.shard import parse_shard

        for output in outputs:
            if not output.parent.resolve().is_dir():
                raise InputError(f"{output}: the folder {output.parent} does not exist")
        slice_ = parse_shard(shard) if shard is not None else None
        the_store = _store_path(store)
        if fetch:
            if manifest is None:
                raise InputError("--fetch needs --manifest: the URLs are in the manifest")
            from planscan.fetch import fetch as run_fetch

            fetched.append(run_fetch(manifest, store=the_store, keywords=keywords, shard=slice_))
        return run_scan(
            paths or (),
            manifest=manifest,
            keywords=keywords,
            password=password,
            store=the_store,
            shard=slice_,
        )

    result = _run(action, debug)
    _write_outputs(result, csv, json, debug)
    _print_result(result, quiet)
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


def _store_path(store: Path | None) -> Path:
    from planscan.store import default_store_path

    return store if store is not None else default_store_path()


def _print_result(result: ScanResult, quiet: bool) -> None:
    from planscan.report.terminal import render_legend, render_matrix, render_scan

    out = _stdout()
    if quiet:
        out.print(render_matrix(result))
        out.print(render_legend())
    else:
        out.print(render_scan(result))
    err = _stderr()
    for doc in result.failed:
        err.print(f"planscan: {doc.path}: {doc.message}", markup=False, soft_wrap=True)


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


def _exit_code(result: ScanResult, fail_on: FailOn | None) -> ExitCode:
    if result.failed:
        return ExitCode.DOCUMENT_ERRORS
    if fail_on is not None:
        threshold = Status(fail_on.value).rank
        if any(cell.status.rank <= threshold for cell in result.matrix):
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
        for output, _ in outputs:
            if output is not None and str(output) != "-" and not output.parent.resolve().is_dir():
                raise InputError(f"{output}: the folder {output.parent} does not exist")
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
    debug: DebugOption = False,
) -> None:
    """Join the parts of a sharded scan into the result one unsharded scan gives."""
    from planscan.merge import merge as run_merge

    def action() -> ScanResult:
        for output in (csv, json):
            if output is not None and not output.parent.resolve().is_dir():
                raise InputError(f"{output}: the folder {output.parent} does not exist")
        return run_merge(parts, keywords=keywords)

    result = _run(action, debug)
    _write_outputs(result, csv, json, debug)
    _print_result(result, quiet)
    raise typer.Exit(int(_exit_code(result, fail_on)))


def _write_file(path: Path, text: str, debug: bool) -> None:
    from planscan.report.files import write_atomic

    def action() -> None:
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise InputError(f"{path}: cannot write the file: {exc.strerror}") from None

    _run(action, debug)


def main() -> None:
    app()
