"""A ResultDiff as Markdown (for a CI job summary or a pull request) and as JSON."""

from __future__ import annotations

from typing import Any

from planscan.chars import terminal_safe
from planscan.i18n import DEFAULT_LANGUAGE, N_, Language, get_language
from planscan.models import DocumentChange, DocumentRef, ResultDiff, Status
from planscan.report.legend import level_label
from planscan.resultfile import dump_json

_EN = get_language(DEFAULT_LANGUAGE)
# What happened to a document between two results, as the JSON says it (ids) and in words.
CHANGE_WORDS = {"added": N_("added"), "removed": N_("removed"), "replaced": N_("replaced")}

# Symbol and word: the word carries the meaning where emoji do not show.
MARKDOWN_STATUS = {
    Status.GREEN: "🟢 green",
    Status.YELLOW: "🟡 yellow",
    Status.RED: "🔴 red",
    Status.MISSING: "✖ missing",
    Status.NO_TEXT: "❔ no text",
    Status.ERROR: "❗ error",
    Status.NOT_SEARCHED: "⊘ not searched",
    Status.NOT_CHECKED: "· not checked",
}


def diff_headline(diff: ResultDiff, lang: Language = _EN) -> str:
    """One line: how many cells changed, and how."""
    worse, better = len(diff.worse), len(diff.better)
    if not diff.cells:
        return lang._("no cell changed colour")
    return lang.ngettext(
        "{cells} cell changed colour: {better} better, {worse} worse",
        "{cells} cells changed colour: {better} better, {worse} worse",
        len(diff.cells),
        cells=len(diff.cells),
        better=better,
        worse=worse,
    )


def count_documents(diff: ResultDiff) -> dict[str, int]:
    counts = dict.fromkeys(("added", "removed", "replaced"), 0)
    for change in diff.documents:
        counts[change.change] += 1
    return counts


def document_counts(diff: ResultDiff, lang: Language = _EN) -> str:
    """'2 added, 0 removed, 1 replaced'."""
    return lang._("{added} added, {removed} removed, {replaced} replaced", **count_documents(diff))


def change_word(change: str, lang: Language = _EN) -> str:
    """added, removed, replaced: in the reader's language."""
    return lang._(CHANGE_WORDS[change]) if change in CHANGE_WORDS else change


def markdown_status(status: Status, lang: Language = _EN) -> str:
    """Symbol and word; the English words are the JSON's ids, others the language's."""
    if not lang.norwegian:
        return MARKDOWN_STATUS[status]
    return f"{MARKDOWN_STATUS[status].split(' ', 1)[0]} {lang.status_word(status)}"


def render_diff_markdown(diff: ResultDiff, lang: Language = _EN) -> str:
    """The changed cells, worse first, then the documents that changed."""
    labels = {level.id: level_label(level, lang) for level in diff.levels}
    lines = [
        f"### planscan diff: {diff_headline(diff, lang)}",
        "",
        f"{_code(diff.old)} → {_code(diff.new)}",
        "",
    ]
    note = lang._("Note:")
    lines += [f"> **{note}** {_text(caveat)}" for caveat in diff.caveats]
    if diff.caveats:
        lines.append("")
    if diff.cells:
        head = [lang._(h) for h in ("Plan level", "Municipality", "Before", "After", "Change")]
        lines += ["| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
        for cell in diff.cells:
            change = "▼ " + lang._("worse") if cell.worse else "▲ " + lang._("better")
            lines.append(
                f"| {_text(labels.get(cell.level, cell.label))} | {_text(cell.municipality)} |"
                f" {markdown_status(cell.old, lang)} | {markdown_status(cell.new, lang)} |"
                f" {change} |"
            )
        lines.append("")
    documents = lang._("Documents:")
    lines.append(f"**{documents}** {document_counts(diff, lang)}")
    if diff.documents:
        head = [lang._(h) for h in ("Document", "Municipality", "Plan level", "Before", "After")]
        lines += ["", "| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
        for doc in diff.documents:
            level = labels.get(doc.level, doc.level) if doc.level else lang._("unclassified")
            lines.append(
                f"| {change_word(doc.change, lang)} | {_text(doc.municipality)} | {_text(level)} |"
                f" {_document(doc.old, lang)} | {_document(doc.new, lang)} |"
            )
    return "\n".join(lines) + "\n"


def _document(doc: DocumentRef | None, lang: Language) -> str:
    if doc is None:
        return "–"
    return f"{_code(doc.path)} ({markdown_status(doc.status, lang)})"


def _text(value: str) -> str:
    """Plain text that cannot break a Markdown table or open an HTML tag, nor act on a
    terminal that shows the file."""
    return terminal_safe(value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;"))


def _code(value: str) -> str:
    if "`" in value or "|" in value or terminal_safe(value) != value:
        return _text(value)
    return f"`{value}`"


def diff_to_dict(diff: ResultDiff) -> dict[str, Any]:
    return {
        "old": diff.old,
        "new": diff.new,
        "summary": {
            "cells_changed": len(diff.cells),
            "better": len(diff.better),
            "worse": len(diff.worse),
            **count_documents(diff),
        },
        "cells": [
            {
                "municipality": cell.municipality,
                "level": cell.level,
                "label": cell.label,
                "old": cell.old.value,
                "new": cell.new.value,
                "change": "worse" if cell.worse else "better",
            }
            for cell in diff.cells
        ],
        "documents": [_document_change(change) for change in diff.documents],
        "caveats": list(diff.caveats),
    }


def _document_change(change: DocumentChange) -> dict[str, Any]:
    def side(doc: DocumentRef | None) -> dict[str, Any] | None:
        if doc is None:
            return None
        return {"path": doc.path, "url": doc.url, "sha256": doc.sha256, "status": doc.status.value}

    return {
        "change": change.change,
        "municipality": change.municipality,
        "level": change.level,
        "old": side(change.old),
        "new": side(change.new),
    }


def render_diff_json(diff: ResultDiff) -> str:
    return dump_json(diff_to_dict(diff))
