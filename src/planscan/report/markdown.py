"""The matrix as a Markdown table with colour emoji: for a CI job summary or an email."""

from __future__ import annotations

from planscan.chars import terminal_safe
from planscan.models import Cell, ReviewOutcome, ScanResult, Status
from planscan.report.legend import (
    REVIEW_LEGEND,
    REVIEWED_MARK,
    STALE_MARK,
    legend_entries,
    legend_notes,
    review_place,
)
from planscan.report.options import DEFAULT_OPTIONS, ReportOptions

EMOJI: dict[Status, str] = {
    Status.GREEN: "🟢 green",
    Status.YELLOW: "🟡 yellow",
    Status.RED: "🔴 red",
    Status.MISSING: "⚪ x",
    Status.NO_TEXT: "❔ no text",
    Status.ERROR: "❗ error",
    Status.NOT_CHECKED: "·",
}

_SPECIAL = str.maketrans(
    {
        "|": "\\|",
        "\\": "\\\\",
        "*": "\\*",
        "_": "\\_",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "#": "\\#",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
    }
)


def escape(text: str) -> str:
    """Text that shows as itself in a Markdown table: no markup, no HTML, no broken row,
    nothing a terminal that shows the file (cat, a CI log) would act on."""
    return terminal_safe(text.translate(_SPECIAL))


def _cell(cell: Cell) -> str:
    shown = EMOJI[cell.shown]
    if cell.review is None or cell.review.outcome is ReviewOutcome.UNMATCHED:
        return shown
    return f"{shown} {REVIEWED_MARK if cell.reviewed else STALE_MARK}"


def render_markdown(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    lines = [
        "## Planstatus",
        "",
        "| Plan level | " + " | ".join(escape(m) for m in result.municipalities) + " |",
        "|---|" + ":-:|" * len(result.municipalities),
    ]
    for level in result.levels:
        cells = [_cell(result.cell(m, level.id)) for m in result.municipalities]
        lines.append(f"| {escape(level.label)} | " + " | ".join(cells) + " |")
    lines.append("")
    lines += [f"- {EMOJI[status]}: {meaning}" for status, meaning in legend_entries(result)]
    lines += [f"- {escape(note)}" for note in legend_notes(result)]
    if result.reviews:
        lines += [f"- {mark}: {meaning}" for mark, meaning in REVIEW_LEGEND]
        lines += [
            "",
            "### Reviews",
            "",
        ]
        labels = {level.id: level.label for level in result.levels}
        for review in result.reviews:
            o = review.override
            where = review_place(review, labels)
            mark = (
                REVIEWED_MARK
                if review.outcome is ReviewOutcome.APPLIED
                else f"{STALE_MARK} not applied ({review.outcome.value}):"
            )
            lines.append(f"- {mark} **{escape(where)}**: {escape(review.message)}. {escape(o.why)}")
    counts = {s: sum(1 for c in result.matrix if c.shown is s) for s in Status}
    summary = ", ".join(f"{counts[s]} {s.value}" for s in Status if counts[s])
    lines += ["", f"{len(result.documents)} documents scanned; cells: {summary}.", ""]
    return "\n".join(lines)
