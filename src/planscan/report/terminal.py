"""Rich renderables for the terminal. With planscan.cli, the only importer of rich.

Colour is never the only signal: every cell carries a symbol and a word, so the matrix
reads the same with NO_COLOR, when piped, and in a CI log.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from planscan.models import (
    DocumentRef,
    DocumentResult,
    FetchOutcome,
    FetchReport,
    ResultDiff,
    ScanResult,
    Status,
)
from planscan.report.diffreport import diff_headline, document_counts

CELL_LOOK: dict[Status, tuple[str, str]] = {
    Status.GREEN: ("● green", "bold black on green"),
    Status.YELLOW: ("◐ yellow", "bold black on yellow"),
    Status.RED: ("○ red", "bold white on red"),
    Status.MISSING: ("x", "dim"),
    Status.NO_TEXT: ("? no text", "magenta"),
    Status.ERROR: ("! error", "bold magenta"),
}

LEGEND = (
    (Status.GREEN, "good hits on the search words: housing-social work is a theme"),
    (Status.YELLOW, "few hits: some housing-social content"),
    (Status.RED, "little housing-social content to trace"),
    (Status.MISSING, "no document found for this plan level"),
    (Status.NO_TEXT, "no text could be extracted (scanned without OCR?)"),
    (Status.ERROR, "the document could not be read"),
)


def status_text(status: Status) -> Text:
    label, style = CELL_LOOK[status]
    return Text(f" {label} ", style=style)


def render_matrix(result: ScanResult) -> Table:
    """The municipality × plan level matrix, as in the report's 'Planstatus juni 2018'."""
    table = Table(title="Planstatus", title_justify="left", show_lines=False)
    table.add_column("Plan level", style="bold")
    for municipality in result.municipalities:
        table.add_column(municipality, justify="center")
    for level in result.keywords.levels:
        cells = [status_text(result.cell(m, level.id).status) for m in result.municipalities]
        table.add_row(level.label, *cells)
    return table


def render_legend() -> Table:
    table = Table.grid(padding=(0, 1))
    for status, meaning in LEGEND:
        table.add_row(status_text(status), meaning)
    return table


def display_path(path: str) -> str:
    """A path relative to the working directory where that is shorter; a URL as it is."""
    if "://" in path:
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return relative if not relative.startswith("..") else str(Path(path))


def _terms_found(doc: DocumentResult) -> str:
    if doc.message:
        return doc.message
    found = [f"{term} {count}" for term, count in doc.counts.items() if count]
    return ", ".join(found) if found else "none of the search words"


def render_documents(result: ScanResult) -> Table:
    """One entry per document: status, score, municipality, level, file, terms found.

    A list rather than a wide table, so it stays readable in an 80-column CI log.
    """
    labels = {level.id: level.label for level in result.keywords.levels}
    table = Table.grid(padding=(0, 1))
    table.title = "Documents"
    table.title_justify = "left"
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    table.add_column(overflow="fold")
    for doc in result.documents:
        level = labels.get(doc.level, doc.level) if doc.level else "unclassified"
        score = f"{doc.score:.1f}" if doc.breakdown is not None else "–"
        details = Text.assemble(
            (f"{doc.municipality} · {level}", "bold"),
            f" · {display_path(doc.path)}\n",
            (_terms_found(doc), "italic" if doc.message else ""),
        )
        table.add_row(status_text(doc.status), score, details)
    return table


def render_scan(result: ScanResult) -> Group:
    return Group(render_matrix(result), render_legend(), Text(""), render_documents(result))


def render_explain(doc: DocumentResult, result: ScanResult) -> Group:
    """How each term added to one document's score, and why it got its colour."""
    rules = result.keywords.scoring
    head = Text.assemble(
        (display_path(doc.path), "bold"),
        f"  {doc.municipality} · {doc.level or 'unclassified'} · {doc.pages} pages ·"
        f" {doc.words} words  ",
        status_text(doc.status),
    )
    if doc.breakdown is None:
        return Group(head, Text(doc.message or "no score"))
    b = doc.breakdown
    table = Table(title="Score, term by term", title_justify="left")
    table.add_column("Term")
    table.add_column("Specific", justify="center")
    table.add_column("Hits", justify="right")
    table.add_column(f"Counted (cap {rules.cap})", justify="right")
    table.add_column("Weight", justify="right")
    table.add_column("Points", justify="right")
    for t in b.terms:
        table.add_row(
            t.term,
            "yes" if t.specific else "",
            str(t.count),
            str(t.counted),
            f"{t.weight:g}",
            f"{t.points:g}",
        )
    table.add_section()
    table.add_row("Total", "", "", "", "", f"{b.points:g}")
    length = max(b.words, rules.min_length_words) / rules.length_unit_words
    summary = Text(
        f"length: {b.words} words → {length:g} × {rules.length_unit_words} words"
        f" (at least {rules.min_length_words}); √length = {b.length_factor:.2f}\n"
        f"score = points / √length = {b.points:g} / {b.length_factor:.2f} = {b.score:.1f}\n"
        f"specific housing-social terms found: {b.specific_terms}\n"
        f"thresholds: green ≥ {rules.green_score:g} with ≥ {rules.green_specific_terms}"
        f" specific terms; yellow ≥ {rules.yellow_score:g}\n"
        f"verdict: {doc.status.value} — {b.reason}"
    )
    return Group(head, table, summary)


def render_diff(diff: ResultDiff) -> Group:
    """Cells that changed colour (worse first) and documents added, removed or replaced."""
    labels = {level.id: level.label for level in diff.levels}
    head = Text.assemble(("planscan diff: ", "bold"), diff_headline(diff))
    parts: list[Table | Text] = [head, Text(f"{diff.old} → {diff.new}", style="dim")]
    if diff.cells:
        table = Table(title="Cells", title_justify="left")
        table.add_column("Plan level", style="bold")
        table.add_column("Municipality")
        table.add_column("Before", justify="center")
        table.add_column("After", justify="center")
        table.add_column("Change")
        for cell in diff.cells:
            change = Text("▼ worse", style="bold red") if cell.worse else Text("▲ better")
            table.add_row(
                cell.label, cell.municipality, status_text(cell.old), status_text(cell.new), change
            )
        parts.append(table)
    parts.append(Text.assemble(("Documents: ", "bold"), document_counts(diff)))
    if diff.documents:
        docs = Table.grid(padding=(0, 1))
        docs.add_column(no_wrap=True)
        docs.add_column(overflow="fold")
        for doc in diff.documents:
            level = labels.get(doc.level, doc.level) if doc.level else "unclassified"
            where = f"{doc.municipality} · {level}"
            if doc.old is not None and doc.new is not None:
                what = f"{_doc_line(doc.old)}\n  → {_doc_line(doc.new)}"
            else:
                what = _doc_line(doc.old or doc.new)
            docs.add_row(doc.change, Text.assemble((where, "bold"), f"\n{what}"))
        parts.append(docs)
    return Group(*parts)


def _doc_line(doc: DocumentRef | None) -> str:
    assert doc is not None
    return f"{display_path(doc.path)} ({doc.status.value})"


FETCH_LOOK: dict[FetchOutcome, tuple[str, str]] = {
    FetchOutcome.DOWNLOADED: ("↓ downloaded", "green"),
    FetchOutcome.UNCHANGED: ("= unchanged", ""),
    FetchOutcome.NOT_FOUND: ("x not found", "dim"),
    FetchOutcome.GONE: ("x gone", "dim"),
    FetchOutcome.SOFT_404: ("x soft 404", "dim"),
    FetchOutcome.NOT_DOCUMENT: ("x not a document", "dim"),
    FetchOutcome.TOO_LARGE: ("! too large", "bold magenta"),
    FetchOutcome.REFUSED: ("! refused", "bold magenta"),
    FetchOutcome.FAILED: ("! failed", "bold magenta"),
}


def render_fetch(report: FetchReport) -> Group:
    """One entry per URL: what happened, the size and sha256, and any message."""
    table = Table.grid(padding=(0, 1))
    table.title = f"Fetched into {report.store}"
    table.title_justify = "left"
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for record in report.records:
        label, style = FETCH_LOOK[record.outcome]
        details = Text(record.url)
        if record.final_url and record.final_url != record.url:
            details.append(f"\n→ {record.final_url}")
        if record.sha256:
            details.append(f"\n{record.kind} · {record.size} bytes · sha256 {record.sha256[:12]}")
        if record.message:
            details.append(f"\n{record.message}", style="italic")
        table.add_row(Text(label, style=style), details)
    counts: dict[str, int] = {}
    for record in report.records:
        counts[record.outcome.value] = counts.get(record.outcome.value, 0) + 1
    summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items()) or "no URLs"
    return Group(table, Text(summary))
