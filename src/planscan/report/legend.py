"""What each cell means, in the same words in every report."""

from __future__ import annotations

from collections.abc import Mapping

from planscan.models import UNCLASSIFIED, Review, ScanResult, Status

LEGEND: tuple[tuple[Status, str], ...] = (
    (Status.GREEN, "housing-social work is a main theme, with goals or measures"),
    (Status.YELLOW, "some housing-social content: a section, a few goals, planned tasks"),
    (Status.RED, "little or no housing-social content"),
    (Status.MISSING, "no document found for this plan level"),
    (Status.NO_TEXT, "no text could be extracted (scanned without OCR?)"),
    (Status.ERROR, "the document could not be read"),
)

# Symbol and word for each status: colour is never the only signal.
LABELS: dict[Status, str] = {
    Status.GREEN: "● green",
    Status.YELLOW: "◐ yellow",
    Status.RED: "○ red",
    Status.MISSING: "x",
    Status.NO_TEXT: "? no text",
    Status.ERROR: "! error",
    Status.NOT_CHECKED: "·",
}

NOT_CHECKED_MEANING = "not checked: the manifest lists no plan for this level"
UNCLASSIFIED_NOTE = (
    f"{UNCLASSIFIED.label}: documents whose plan level is not known, or that are not the"
    " plan of a level (a planprogram, a profile); give their level in a manifest, or name the"
    " level in the file name"
)


def legend_entries(result: ScanResult | None = None) -> tuple[tuple[Status, str], ...]:
    """The legend for a result: every colour, and "not checked" where the matrix has it."""
    entries = LEGEND
    if result is not None and any(c.status is Status.NOT_CHECKED for c in result.matrix):
        entries += ((Status.NOT_CHECKED, NOT_CHECKED_MEANING),)
    return entries


def legend_notes(result: ScanResult | None = None) -> tuple[str, ...]:
    """Lines under the legend: what the unclassified row is, when the matrix has it."""
    if result is not None and UNCLASSIFIED in result.levels:
        return (UNCLASSIFIED_NOTE,)
    return ()


REVIEWED_MARK = "✎"  # a reviewer set this cell's colour
STALE_MARK = "✎?"  # a review whose document has changed since: not applied

REVIEW_LEGEND = (
    (REVIEWED_MARK, "colour set by a reviewer; the computed one is kept in JSON/CSV"),
    (STALE_MARK, "a review not applied: the document has changed since; read it again"),
)


def review_place(review: Review, labels: Mapping[str, str]) -> str:
    """Where a review entry points, for people: "Vågan · Planstrategi" or a document."""
    o = review.override
    if review.municipality:
        return f"{review.municipality} · {labels.get(review.level or '', review.level)}"
    return f"{o.municipality or 'document'} · {o.level or (o.sha256 or '')[:12]}"
