"""What each cell means, in the same words in every report and in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping

from planscan.i18n import N_, Language, get_language
from planscan.models import UNCLASSIFIED, Level, Review, ScanResult, Status

LEGEND: tuple[tuple[Status, str], ...] = (
    (Status.GREEN, N_("housing-social work is a main theme, with goals or measures")),
    (Status.YELLOW, N_("some housing-social content: a section, a few goals, planned tasks")),
    (Status.RED, N_("little or no housing-social content")),
    (Status.MISSING, N_("no document found for this plan level")),
    (Status.NO_TEXT, N_("no text could be extracted (scanned without OCR?)")),
    (Status.ERROR, N_("the document could not be read")),
)

_ENGLISH = get_language("en")

# Symbol and word for each status, in English: colour is never the only signal.
LABELS: dict[Status, str] = {status: _ENGLISH.status_label(status) for status in Status}

NOT_CHECKED_MEANING = N_("not checked: the manifest lists no plan for this level")
NOT_SEARCHED_MEANING = N_(
    "not searched: planscan find could not search the website (robots.txt, refused, down);"
    " unlike x, nobody knows whether the plan is online"
)
UNCLASSIFIED_LABEL = N_("Unclassified or not a plan")  # UNCLASSIFIED.label, for the catalogues
UNCLASSIFIED_NOTE = N_(
    "{label}: documents whose plan level is not known, or that are not the"
    " plan of a level (a planprogram, a profile); give their level in a manifest, or name the"
    " level in the file name"
)


def level_label(level: Level, lang: Language = _ENGLISH) -> str:
    """A level's label in the reader's language: the shipped keywords file's labels and the
    unclassified row's are in the catalogues; a label of the user's own is shown as written."""
    return lang._(level.label)


def level_labels(result: ScanResult, lang: Language = _ENGLISH) -> dict[str, str]:
    return {level.id: level_label(level, lang) for level in result.levels}


def missing_meaning(lang: Language = _ENGLISH) -> str:
    """What x means: in Norwegian "ikke funnet på nett", with the English legend's words."""
    meaning = lang._(LEGEND[3][1])
    if not lang.norwegian:
        return meaning
    return f"{lang.status_word(Status.MISSING)}: {meaning}"


def legend_entries(
    result: ScanResult | None = None, lang: Language = _ENGLISH
) -> tuple[tuple[Status, str], ...]:
    """The legend for a result, translated: every colour, and "not searched" and "not
    checked" where the matrix has them."""
    entries = LEGEND
    if result is not None and any(c.status is Status.NOT_SEARCHED for c in result.matrix):
        entries += ((Status.NOT_SEARCHED, NOT_SEARCHED_MEANING),)
    if result is not None and any(c.status is Status.NOT_CHECKED for c in result.matrix):
        entries += ((Status.NOT_CHECKED, NOT_CHECKED_MEANING),)
    return tuple(
        (status, missing_meaning(lang) if status is Status.MISSING else lang._(meaning))
        for status, meaning in entries
    )


def legend_notes(result: ScanResult | None = None, lang: Language = _ENGLISH) -> tuple[str, ...]:
    """Lines under the legend: what the unclassified row is, when the matrix has it."""
    if result is not None and UNCLASSIFIED in result.levels:
        return (lang._(UNCLASSIFIED_NOTE, label=level_label(UNCLASSIFIED, lang)),)
    return ()


REVIEWED_MARK = "✎"  # a reviewer set this cell's colour
STALE_MARK = "✎?"  # a review whose document has changed since: not applied

REVIEW_LEGEND = (
    (REVIEWED_MARK, N_("colour set by a reviewer; the computed one is kept in JSON/CSV")),
    (STALE_MARK, N_("a review not applied: the document has changed since; read it again")),
)


def review_legend(lang: Language = _ENGLISH) -> tuple[tuple[str, str], ...]:
    return tuple((mark, lang._(meaning)) for mark, meaning in REVIEW_LEGEND)


def review_place(review: Review, labels: Mapping[str, str]) -> str:
    """Where a review entry points, for people: "Vågan · Planstrategi" or a document."""
    o = review.override
    if review.municipality:
        return f"{review.municipality} · {labels.get(review.level or '', review.level)}"
    return f"{o.municipality or 'document'} · {o.level or (o.sha256 or '')[:12]}"
