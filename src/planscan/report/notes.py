"""The lines a scan leaves on standard error: warnings, documents that failed, reviews not
applied, downloads that fell back to a kept copy, what was left out. Plain text; the CLI
prints each item as one line, with whatever a terminal would act on written visibly."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planscan.i18n import Language, get_language
from planscan.models import Cell, FetchReport, ReviewOutcome, ScanResult, Status
from planscan.report.legend import level_labels

_ENGLISH = get_language("en")


def scan_notes(result: ScanResult, debug: bool = False, lang: Language = _ENGLISH) -> list[str]:
    """Every note about a scan, each a line starting with "planscan: ". The frame is in the
    reader's language, and what the scan itself says where it is a Message."""
    warning, note = lang._("warning"), lang._("note")
    lines = [f"planscan: {warning}: {lang.say(text)}" for text in result.warnings]
    for doc in result.failed:
        lines.append(f"planscan: {doc.path}: {lang.say(doc.message or '')}")
        if debug and doc.detail:
            lines += doc.detail.splitlines()
    for review in result.reviews:
        if review.outcome is not ReviewOutcome.APPLIED:
            not_applied = lang._("review not applied")
            why = lang.say(review.message)
            lines.append(f"planscan: {review.override.where}: {not_applied}: {why}")
    if result.fetch is not None:
        lines += kept_copy_notes(result.fetch, lang)
    lines += [f"planscan: {note}: {lang.say(text)}" for text in result.notes]
    for folder in result.skipped_plan_sets:
        left_out = lang._(
            "{folder} has its own plans.yaml and was left out; scan it with --manifest {manifest}",
            folder=folder,
            manifest=Path(folder) / "plans.yaml",
        )
        lines.append(f"planscan: {note}: {left_out}")
    if result.shard is not None:
        part = result.shard
        shard = lang._(
            "shard {index}/{count}: {documents} of {total} documents; join the parts' JSON with"
            " planscan merge",
            index=part.index,
            count=part.count,
            documents=len(part.positions),
            total=part.total,
        )
        lines.append(f"planscan: {shard}")
    return lines


def kept_copy_notes(report: FetchReport, lang: Language = _ENGLISH) -> list[str]:
    """Downloads that failed where the store still has last time's copy, which was read."""
    return [
        f"planscan: {record.url}: {lang.say(record.message or '')}"
        for record in report.failed
        if record.sha256 is not None
    ]


def fetch_notes(report: FetchReport, lang: Language = _ENGLISH) -> list[str]:
    """Every download that went wrong (not the plans that are simply not online)."""
    return [f"planscan: {record.url}: {lang.say(record.message or '')}" for record in report.failed]


def fail_on_notes(
    result: ScanResult, cells: Sequence[Cell], fail_on: Status, lang: Language = _ENGLISH
) -> list[str]:
    """Why --fail-on makes the scan fail: every cell at or below the status, by name."""
    if not cells:
        return []
    labels = level_labels(result, lang)
    word = _word(fail_on, lang)
    count = lang.ngettext(
        "{n} cell is at or below {status}:",
        "{n} cells are at or below {status}:",
        len(cells),
        status=word,
    )
    lines = [f"planscan: --fail-on {fail_on.value}: {count}"]
    for cell in cells:
        shown = (
            f"x ({_word(Status.MISSING, lang)})"
            if cell.shown is Status.MISSING
            else _word(cell.shown, lang)
        )
        reviewed = " " + lang._("(set by a reviewer)") if cell.reviewed else ""
        lines.append(
            f"planscan:   {cell.municipality} · {labels.get(cell.level, cell.level)}:"
            f" {shown}{reviewed}"
        )
    return lines


def _word(status: Status, lang: Language) -> str:
    """English keeps the ids (missing, red) --fail-on takes; Norwegian its words."""
    return lang.status_word(status) if lang.norwegian else status.value
