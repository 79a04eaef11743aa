"""What is known of a document apart from what its text says: where it was found, its
level (from the manifest, else its title lines) and whether it is a plan at all.

Light on purpose: a re-scan served from the cache needs this and nothing of matching.
"""

from __future__ import annotations

from dataclasses import replace

from planscan.discover import classify_level, not_a_plan
from planscan.models import DocumentResult, KeywordSet, PlanRef, Status

# A document's kind ("planprogram") is read from its name and the start of its title.
_TITLE_HEAD_WORDS = 20


def blank_result(ref: PlanRef, keywords: KeywordSet, sha256: str | None = None) -> DocumentResult:
    """An error result with nothing read; callers fill in what they know."""
    # A plan fetched from the web is named by its URL, not by its place in the store.
    fetched = ref.url is not None and (ref.stored or ref.unavailable is not None)
    return DocumentResult(
        path=ref.url if fetched and ref.url else str(ref.path),
        sha256=sha256,
        municipality=ref.municipality,
        level=ref.level,
        level_source=ref.level_source,
        status=Status.ERROR,
        message=None,
        pages=0,
        words=0,
        score=0.0,
        counts={term.key: 0 for term in keywords.terms},
        hits=(),
        title=ref.title,
        url=ref.url,
    )


def describe(ref: PlanRef, sha256: str, title_text: str, keywords: KeywordSet) -> DocumentResult:
    """What is known of a document before its text is matched: where it was found, its
    level (from the manifest, else its title lines) and whether it is a plan at all."""
    result = blank_result(ref, keywords, sha256)
    if result.level is None:
        level = classify_level(title_text, keywords.levels)
        result = replace(result, level=level, level_source="title" if level else None)
    if result.level_source != "manifest":
        # Only the title's first words: a table of contents on the first page may list a
        # "Vedlegg" of a real plan.
        head = " ".join(title_text.split()[:_TITLE_HEAD_WORDS])
        name = ref.path.stem if ref.path is not None else (ref.title or "")
        result = replace(result, not_plan=not_a_plan([name, head], keywords))
    return result


# What analyse() finds in a document's text, as opposed to what describe() knows of it.
TEXT_FIELDS = (
    "status",
    "message",
    "reason",
    "pages",
    "words",
    "score",
    "counts",
    "hits",
    "judgement",
    "passages",
    "truncated",
    "engine",
    "ocr",
    "unit",
    "section_urls",
)


def reuse(
    ref: PlanRef, sha256: str, title_text: str, keywords: KeywordSet, analysed: DocumentResult
) -> DocumentResult:
    """A cached analysis of the same text and keywords, for this document: what analyse()
    would return, without matching or judging again."""
    found = {name: getattr(analysed, name) for name in TEXT_FIELDS}
    return replace(describe(ref, sha256, title_text, keywords), **found)
