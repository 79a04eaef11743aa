"""The output formats of a scan, in one registry: each names its renderer and says whether
it shows hits (which a scan then has to collect). The CLI makes one option per format.

Renderers are imported only for the formats asked for: a plain scan starts quicker.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from planscan.atomicwrite import write_atomic
from planscan.errors import InputError
from planscan.i18n import N_
from planscan.models import ScanResult
from planscan.report.options import DEFAULT_OPTIONS, ReportOptions


@dataclass(frozen=True)
class OutputFormat:
    """One kind of output file: `scan --NAME FILE` writes it."""

    name: str
    help: str
    needs_hits: bool  # it lists hits with pages and snippets
    module: str
    # render(result, options) -> str | bytes; render(result, debug) for the JSON, which is
    # the same in every language and layout, so it never sees the report options.
    function: str
    takes_debug: bool = False  # it can carry the raw exception details of --debug

    def render(
        self, result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS, debug: bool = False
    ) -> str | bytes:
        render = getattr(importlib.import_module(self.module), self.function)
        output: str | bytes = render(result, debug) if self.takes_debug else render(result, options)
        return output


FORMATS: tuple[OutputFormat, ...] = (
    OutputFormat(
        "csv", "Write the matrix as CSV (Excel-safe).", False, "planscan.report.csvfile",
        "render_matrix_csv",
    ),
    OutputFormat(
        "json", "Write the full result as JSON.", True, "planscan.resultfile", "render_json",
        takes_debug=True,
    ),
    OutputFormat(
        "html", "Write a self-contained HTML report with the evidence.", True,
        "planscan.report.html", "render_html",
    ),
    OutputFormat(
        "xlsx", "Write an Excel workbook: matrix, documents, hits.", True,
        "planscan.report.xlsx", "render_xlsx",
    ),
    OutputFormat(
        "markdown", "Write the matrix as Markdown (for a CI job summary).", False,
        "planscan.report.markdown", "render_markdown",
    ),
    OutputFormat(
        "csv-hits", "Write every hit as CSV, one row per hit (Excel-safe).", True,
        "planscan.report.hitscsv", "render_hits_csv",
    ),
)  # fmt: skip

_BY_NAME = {fmt.name: fmt for fmt in FORMATS}


def output_format(name: str) -> OutputFormat:
    return _BY_NAME[name]


def needs_hits(names: Iterable[str]) -> bool:
    """True when any of these outputs shows hits: the scan must then collect them."""
    return any(_BY_NAME[name].needs_hits for name in names)


def check_output_folders(paths: Iterable[Path | None]) -> None:
    """Fail before any work when an output cannot be written there (- is standard output)."""
    for path in paths:
        if path is not None and str(path) != "-" and not path.parent.resolve().is_dir():
            raise InputError(
                N_("{path}: the folder {folder} does not exist"), path=path, folder=path.parent
            )


def write_outputs(
    result: ScanResult,
    outputs: Mapping[str, Path],
    debug: bool = False,
    options: ReportOptions = DEFAULT_OPTIONS,
) -> None:
    """Write each output file whole (or not at all). One that cannot be written does not stop
    the others; InputError then names every file that failed."""
    problems: list[InputError] = []
    for name, path in outputs.items():
        try:
            save(path, output_format(name).render(result, options, debug))
        except InputError as exc:
            problems.append(exc)
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InputError.joined(problems)


def save(path: Path, data: str | bytes) -> None:
    """Write an output file whole, or say plainly why it cannot be written."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise InputError(
            N_("{path}: cannot write the file: {reason}"), path=path, reason=exc.strerror
        ) from None
