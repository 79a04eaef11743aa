"""The matrix as a Markdown table with colour emoji: for a CI job summary or an email."""

from __future__ import annotations

from planscan.chars import terminal_safe
from planscan.i18n import N_, Language
from planscan.models import Cell, ReviewOutcome, ScanResult, Status
from planscan.report.legend import (
    REVIEWED_MARK,
    STALE_MARK,
    legend_entries,
    legend_notes,
    level_label,
    level_labels,
    review_legend,
    review_place,
)
from planscan.report.options import DEFAULT_OPTIONS, ReportOptions, ordered_municipalities
from planscan.report.summary import level_counts, summary_statuses

EMOJI_SYMBOL: dict[Status, str] = {
    Status.GREEN: "🟢",
    Status.YELLOW: "🟡",
    Status.RED: "🔴",
    Status.MISSING: "⚪",
    Status.NO_TEXT: "❔",
    Status.ERROR: "❗",
    Status.NOT_SEARCHED: "⊘",
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


# Words of the page, marked for the catalogues (they are used inside f-strings).
_MUNICIPALITY = N_("Municipality")
_PLAN_LEVEL = N_("Plan level")
_PLANSTATUS = N_("Planstatus")
_REVIEWS = N_("Reviews")


def escape(text: str) -> str:
    """Text that shows as itself in a Markdown table: no markup, no HTML, no broken row,
    nothing a terminal that shows the file (cat, a CI log) would act on."""
    return terminal_safe(text.translate(_SPECIAL))


def _label(status: Status, lang: Language) -> str:
    """Emoji and word: 🟢 grønn; x and · as the terminal shows them."""
    if status is Status.NOT_CHECKED:
        return "·"
    if status is Status.MISSING:
        return f"{EMOJI_SYMBOL[status]} x"
    return f"{EMOJI_SYMBOL[status]} {lang.status_word(status)}"


def _cell(cell: Cell, lang: Language) -> str:
    shown = _label(cell.shown, lang)
    if cell.review is None or cell.review.outcome is ReviewOutcome.UNMATCHED:
        return shown
    return f"{shown} {REVIEWED_MARK if cell.reviewed else STALE_MARK}"


def _matrix(result: ScanResult, options: ReportOptions) -> list[str]:
    lang = options.lang
    towns = ordered_municipalities(result, options)
    levels = result.levels
    turned = options.turns(len(towns))
    if turned:
        heads = [str(number) for number in range(1, len(levels) + 1)]
        lines = [
            f"| {escape(lang._(_MUNICIPALITY))} | " + " | ".join(heads) + " |",
            "|---|" + ":-:|" * len(heads),
        ]
        for town in towns:
            cells = [_cell(result.cell(town, level.id), lang) for level in levels]
            lines.append(f"| {escape(town)} | " + " | ".join(cells) + " |")
        return lines
    lines = [
        f"| {escape(lang._(_PLAN_LEVEL))} | " + " | ".join(escape(m) for m in towns) + " |",
        "|---|" + ":-:|" * len(towns),
    ]
    for level in levels:
        cells = [_cell(result.cell(m, level.id), lang) for m in towns]
        lines.append(f"| {escape(level_label(level, lang))} | " + " | ".join(cells) + " |")
    return lines


def _summary(result: ScanResult, lang: Language) -> list[str]:
    """How many municipalities each level has in each status (numbered: the turned table's
    column heads)."""
    statuses = summary_statuses(result)
    title = lang.ngettext(
        "Municipalities per plan level (of {n} municipality)",
        "Municipalities per plan level (of {n} municipalities)",
        len(result.municipalities),
    )
    lines = [
        f"### {escape(title)}",
        "",
        f"| | {escape(lang._(_PLAN_LEVEL))} | "
        + " | ".join(_label(s, lang) for s in statuses)
        + " |",
        "|--:|---|" + "--:|" * len(statuses),
    ]
    for row in level_counts(result):
        counts = " | ".join(lang.format_integer(row.counts[s]) for s in statuses)
        lines.append(f"| {row.number} | {escape(level_label(row.level, lang))} | {counts} |")
    return lines


def render_markdown(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The matrix, legend and summary as Markdown, in the options' language."""
    lang = options.lang
    lines = [f"## {lang._(_PLANSTATUS)}", "", *_matrix(result, options), ""]
    lines += [
        f"- {_label(status, lang)}: {meaning}" for status, meaning in legend_entries(result, lang)
    ]
    lines += [f"- {escape(note)}" for note in legend_notes(result, lang)]
    if result.reviews:
        lines += [f"- {mark}: {meaning}" for mark, meaning in review_legend(lang)]
        lines += [
            "",
            f"### {lang._(_REVIEWS)}",
            "",
        ]
        labels = level_labels(result, lang)
        for review in result.reviews:
            o = review.override
            where = review_place(review, labels)
            mark = (
                REVIEWED_MARK
                if review.outcome is ReviewOutcome.APPLIED
                else f"{STALE_MARK} "
                + lang._("not applied ({outcome})", outcome=review.outcome.value)
                + ":"
            )
            lines.append(
                f"- {mark} **{escape(where)}**: {escape(lang.say(review.message))}. {escape(o.why)}"
            )
    lines += ["", *_summary(result, lang)]
    counts = {s: sum(1 for c in result.matrix if c.shown is s) for s in Status}
    words = {s: lang.status_word(s) if lang.norwegian else s.value for s in Status}
    summary = ", ".join(f"{counts[s]} {words[s]}" for s in Status if counts[s])
    scanned = lang.ngettext(
        "{n} document scanned; cells: {summary}.",
        "{n} documents scanned; cells: {summary}.",
        len(result.documents),
        summary=summary,
    )
    lines += ["", scanned, ""]
    return "\n".join(lines)
