"""A ResultDiff as Markdown (for a CI job summary or a pull request) and as JSON."""

from __future__ import annotations

from typing import Any

from planscan.chars import terminal_safe
from planscan.models import DocumentChange, DocumentRef, ResultDiff, Status
from planscan.resultfile import dump_json

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


def diff_headline(diff: ResultDiff) -> str:
    """One line: how many cells changed, and how."""
    worse, better = len(diff.worse), len(diff.better)
    if not diff.cells:
        return "no cell changed colour"
    cells = "1 cell" if len(diff.cells) == 1 else f"{len(diff.cells)} cells"
    return f"{cells} changed colour: {better} better, {worse} worse"


def count_documents(diff: ResultDiff) -> dict[str, int]:
    counts = dict.fromkeys(("added", "removed", "replaced"), 0)
    for change in diff.documents:
        counts[change.change] += 1
    return counts


def document_counts(diff: ResultDiff) -> str:
    """'2 added, 0 removed, 1 replaced'."""
    return ", ".join(f"{n} {kind}" for kind, n in count_documents(diff).items())


def render_diff_markdown(diff: ResultDiff) -> str:
    """The changed cells, worse first, then the documents that changed."""
    labels = {level.id: level.label for level in diff.levels}
    lines = [
        f"### planscan diff: {diff_headline(diff)}",
        "",
        f"{_code(diff.old)} → {_code(diff.new)}",
        "",
    ]
    lines += [f"> **Note:** {_text(caveat)}" for caveat in diff.caveats]
    if diff.caveats:
        lines.append("")
    if diff.cells:
        lines += [
            "| Plan level | Municipality | Before | After | Change |",
            "|---|---|---|---|---|",
        ]
        for cell in diff.cells:
            change = "▼ worse" if cell.worse else "▲ better"
            lines.append(
                f"| {_text(cell.label)} | {_text(cell.municipality)} |"
                f" {MARKDOWN_STATUS[cell.old]} | {MARKDOWN_STATUS[cell.new]} | {change} |"
            )
        lines.append("")
    lines.append(f"**Documents:** {document_counts(diff)}")
    if diff.documents:
        lines += [
            "",
            "| Document | Municipality | Plan level | Before | After |",
            "|---|---|---|---|---|",
        ]
        for doc in diff.documents:
            level = labels.get(doc.level, doc.level) if doc.level else "unclassified"
            lines.append(
                f"| {doc.change} | {_text(doc.municipality)} | {_text(level)} |"
                f" {_document(doc.old)} | {_document(doc.new)} |"
            )
    return "\n".join(lines) + "\n"


def _document(doc: DocumentRef | None) -> str:
    if doc is None:
        return "–"
    return f"{_code(doc.path)} ({MARKDOWN_STATUS[doc.status]})"


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
