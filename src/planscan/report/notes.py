"""The lines a scan leaves on standard error: warnings, documents that failed, reviews not
applied, downloads that fell back to a kept copy, what was left out. Plain text; the CLI
prints each item as one line, with whatever a terminal would act on written visibly."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planscan.models import Cell, FetchReport, ReviewOutcome, ScanResult, Status


def scan_notes(result: ScanResult, debug: bool = False) -> list[str]:
    """Every note about a scan, each a line starting with "planscan: "."""
    lines = [f"planscan: warning: {warning}" for warning in result.warnings]
    for doc in result.failed:
        lines.append(f"planscan: {doc.path}: {doc.message}")
        if debug and doc.detail:
            lines += doc.detail.splitlines()
    for review in result.reviews:
        if review.outcome is not ReviewOutcome.APPLIED:
            lines.append(f"planscan: {review.override.where}: review not applied: {review.message}")
    if result.fetch is not None:
        lines += kept_copy_notes(result.fetch)
    lines += [f"planscan: note: {note}" for note in result.notes]
    for folder in result.skipped_plan_sets:
        lines.append(
            f"planscan: note: {folder} has its own plans.yaml and was left out;"
            f" scan it with --manifest {Path(folder) / 'plans.yaml'}"
        )
    if result.shard is not None:
        part = result.shard
        lines.append(
            f"planscan: shard {part.index}/{part.count}: {len(part.positions)} of {part.total}"
            " documents; join the parts' JSON with planscan merge"
        )
    return lines


def kept_copy_notes(report: FetchReport) -> list[str]:
    """Downloads that failed where the store still has last time's copy, which was read."""
    return [
        f"planscan: {record.url}: {record.message}"
        for record in report.failed
        if record.sha256 is not None
    ]


def fetch_notes(report: FetchReport) -> list[str]:
    """Every download that went wrong (not the plans that are simply not online)."""
    return [f"planscan: {record.url}: {record.message}" for record in report.failed]


def fail_on_notes(result: ScanResult, cells: Sequence[Cell], fail_on: Status) -> list[str]:
    """Why --fail-on makes the scan fail: every cell at or below the status, by name."""
    if not cells:
        return []
    labels = {level.id: level.label for level in result.levels}
    lines = [
        f"planscan: --fail-on {fail_on.value}: {len(cells)}"
        f" cell{'s are' if len(cells) != 1 else ' is'} at or below {fail_on.value}:"
    ]
    for cell in cells:
        shown = "x (missing)" if cell.shown is Status.MISSING else cell.shown.value
        reviewed = " (set by a reviewer)" if cell.reviewed else ""
        lines.append(
            f"planscan:   {cell.municipality} · {labels.get(cell.level, cell.level)}:"
            f" {shown}{reviewed}"
        )
    return lines
