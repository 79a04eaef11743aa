"""Arrange a document's hits as evidence a planner reads: by term, with pages and marks. Pure.

Shared by every renderer (terminal, HTML, XLSX, CSV), so they all say the same thing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from planscan.errors import InputError
from planscan.i18n import N_, Language, get_language
from planscan.models import DocumentResult, Hit, KeywordSet, MatchKind, Term

ENGLISH = get_language("en")
KIND_NOTES = {
    MatchKind.EXACT: "",
    MatchKind.FOLDED: N_("written without æ/ø/å"),
    MatchKind.OCR: N_("damaged letters: an OCR guess"),
}
# The matched word in a snippet is marked with brackets Norwegian text never uses: plans quote
# with «guillemets» («faddere» i «bosettingsfasen»), which would read as planscan's marks.
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
REPEATED_NOTE = N_("running header/footer: listed once, not counted")


@dataclass(frozen=True)
class TermEvidence:
    term: Term
    hits: tuple[Hit, ...]  # counted hits, in page order
    repeated: tuple[Hit, ...]  # hits in running headers/footers, each listed once


def select_terms(keywords: KeywordSet, names: Iterable[str] = ()) -> tuple[Term, ...]:
    """The terms named (case-insensitive), or all; raise InputError naming an unknown one."""
    wanted = list(names)
    if not wanted:
        return keywords.terms
    by_name = {term.key.casefold(): term for term in keywords.terms}
    chosen: list[Term] = []
    for name in wanted:
        term = by_name.get(name.casefold())
        if term is None:
            known = ", ".join(t.key for t in keywords.terms)
            raise InputError(
                N_("--term {name} is not a search word; use one of: {terms}"),
                name=repr(name),
                terms=known,
            )
        if term not in chosen:
            chosen.append(term)
    return tuple(chosen)


def evidence_by_term(doc: DocumentResult, terms: Sequence[Term]) -> tuple[TermEvidence, ...]:
    """Given a document and terms, return each term's hits split into counted and repeated."""
    by_term: dict[str, list[Hit]] = {}
    for hit in doc.hits:  # one pass over a long plan's hits, not one per term
        by_term.setdefault(hit.term, []).append(hit)
    grouped = []
    for term in terms:
        hits = by_term.get(term.key, [])
        grouped.append(
            TermEvidence(
                term,
                tuple(h for h in hits if not h.repeated),
                tuple(h for h in hits if h.repeated),
            )
        )
    return tuple(grouped)


def page_text(hit: Hit, doc: DocumentResult | None = None) -> str:
    """'s. 12', or 's. 12 (side iv)' where the printed page number differs; for a web plan
    its section: 'avsn. 3 «3.1 Bosetting» (https://…#bosetting)'."""
    if doc is not None and doc.unit == "section":
        return section_text(hit.page, hit.page_label, doc.section_url(hit.page))
    if hit.page_label and hit.page_label != str(hit.page):
        return f"s. {hit.page} (side {hit.page_label})"
    return f"s. {hit.page}"


def section_text(number: int, heading: str | None, url: str = "") -> str:
    """A web plan's section, where a PDF names its page: 'avsn. 3 «Bosetting» (URL#id)'."""
    text = f"avsn. {number}"
    if heading:
        text += f" «{heading}»"
    return f"{text} ({url})" if url else text


def page_place(hit: Hit, doc: DocumentResult) -> str:
    """The short form for a narrow column: 's. 12' or 'avsn. 3'."""
    return f"avsn. {hit.page}" if doc.unit == "section" else page_text(hit)


def kind_note(hit: Hit, lang: Language = ENGLISH) -> str:
    """How a hit matched, when it was not letter for letter: 'vanskeIigstilte: an OCR guess'."""
    note = KIND_NOTES[hit.kind]
    return f"{MARK_OPEN}{hit.match}{MARK_CLOSE}: {lang._(note)}" if note else ""


def highlight(snippet: str, match: str) -> tuple[tuple[str, bool], ...]:
    """Split snippet into (text, is_match) pieces, marking every occurrence of the matched words."""
    if not match:
        return ((snippet, False),)
    whole_words, anywhere = _match_patterns(match)
    # Whole words first: "Husbanken" must not light up inside "Husbankens".
    found_all = list(whole_words.finditer(snippet))
    if not found_all:
        found_all = list(anywhere.finditer(snippet))
    pieces: list[tuple[str, bool]] = []
    last = 0
    for found in found_all:
        if found.start() > last:
            pieces.append((snippet[last : found.start()], False))
        pieces.append((found.group(), True))
        last = found.end()
    if last < len(snippet):
        pieces.append((snippet[last:], False))
    return tuple(pieces)


@functools.lru_cache(maxsize=4096)
def _match_patterns(match: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The matched words as a whole word, and anywhere: compiled once for the many hits
    of a word (a county's report marks 140,000 hits of a few hundred words).

    The whole word is looked for by its first letters, which re finds quickly, and only
    then is the letter before it checked, by looking back over the word to it: the same
    places as (?<!\\w)word(?!\\w), which re has to try at every character.
    """
    word = re.escape(match)
    return re.compile(rf"{word}(?<!\w{word})(?!\w)"), re.compile(word)
