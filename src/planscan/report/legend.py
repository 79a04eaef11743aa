"""What each cell means, in the same words in every report."""

from __future__ import annotations

from collections.abc import Mapping

from planscan.models import Review, Status

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
}

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
