from __future__ import annotations

import re
from pathlib import Path

import pytest

from planscan import KeywordSet, match
from planscan.extract import extract_pages
from planscan.match import find_hits, index_document, snippet
from planscan.models import Hit, MatchKind
from planscan.normalize import normalize_text
from planscan.runninglines import find_repeated_spans


def hits_in(path: Path, keywords: KeywordSet) -> dict[str, list[Hit]]:
    pages = [normalize_text(p) for p in extract_pages(path).pages]
    return find_hits(index_document(pages), keywords)


def hits_in_text(text: str, keywords: KeywordSet) -> dict[str, list[Hit]]:
    return find_hits(index_document([normalize_text(text)]), keywords)


EXPECTED_POSITIVE = {
    # utleieboliger, Boligbehovet, boligmarkedet, boliger, boligsosiale, boligsosial,
    # boligpolitikk, boligpolitikken
    "bolig": 8,
    "bosetning": 2,
    "vanskeligstilt": 2,
    "demografi": 2,
    "UU": 3,
    "universell utforming": 1,
    "boligsosial": 2,
    "boligpolitikk": 2,
    "boligmarked": 1,
    "Husbanken": 2,
    "nærhet": 2,
    "normalisering": 1,
    "integrering": 2,
    "barnefattigdom": 2,
}


@pytest.mark.parametrize("name", ["terms_pdf", "terms_docx"])
def test_every_term_found_in_its_inflections_and_compounds(
    docs: dict[str, Path], keywords: KeywordSet, name: str
) -> None:
    hits = hits_in(docs[name], keywords)
    assert {term: len(found) for term, found in hits.items()} == EXPECTED_POSITIVE
    assert all(hit.kind is MatchKind.EXACT for found in hits.values() for hit in found)


@pytest.mark.parametrize("name", ["lookalikes_pdf", "lookalikes_docx"])
def test_lookalike_real_words_never_count(
    docs: dict[str, Path], keywords: KeywordSet, name: str
) -> None:
    hits = hits_in(docs[name], keywords)
    found = {term: [h.match for h in hs] for term, hs in hits.items() if hs}
    assert found == {}


def test_ocr_damaged_forms_count_and_say_so(docs: dict[str, Path], keywords: KeywordSet) -> None:
    hits = hits_in(docs["ocr_pdf"], keywords)
    found = {term: [(h.match, h.kind) for h in hs] for term, hs in hits.items() if hs}
    assert found == {
        "vanskeligstilt": [("vanskeIigstilte", MatchKind.OCR)],
        "Husbanken": [("Hushanken", MatchKind.OCR)],
        "barnefattigdom": [("barnefattigdorn", MatchKind.OCR)],
        "nærhet": [("naerhet", MatchKind.FOLDED)],
    }


@pytest.mark.parametrize(
    "word",
    [
        "vanskligstilte",
        "Husbnken",
        "barnefatigdom",
        "vanskeligstiIte",
        "boligmarkd",
        "integreing",
        "normaliseing",
    ],
)
def test_one_lost_or_confused_letter_is_ocr_damage(keywords: KeywordSet, word: str) -> None:
    hits = hits_in_text(f"Et {word} her.", keywords)
    assert [h.match for hs in hits.values() for h in hs if h.kind is MatchKind.OCR] == [word]


@pytest.mark.parametrize(
    "word",
    # a real different letter, a shared tail, too short for OCR tolerance, too many losses
    [
        "besetningen",
        "demokratiske",
        "frivilligpolitisk",
        "særheten",
        "bolg",
        "vanskestilte",
        "Hsbnken",
    ],
)
def test_other_words_are_not_ocr_damage(keywords: KeywordSet, word: str) -> None:
    hits = hits_in_text(f"Et {word} her.", keywords)
    assert [h.match for hs in hits.values() for h in hs] == []


def test_abbreviation_is_upper_case_and_whole_word_only(keywords: KeywordSet) -> None:
    hits = hits_in_text("UU og UU-krav og (UU). Men ikke uu, Uu, UUT eller uutnyttet.", keywords)
    assert [h.match for h in hits["UU"]] == ["UU", "UU", "UU"]


def test_phrase_across_a_line_break_and_hyphenation(
    docs: dict[str, Path], keywords: KeywordSet
) -> None:
    hits = hits_in(docs["hyphens_pdf"], keywords)
    assert [h.match for h in hits["universell utforming"]] == ["universell utforming"]
    assert [h.match for h in hits["boligsosial"]] == ["boligsosiale"]
    assert [h.match for h in hits["vanskeligstilt"]] == ["vanskeligstilte"]
    assert [h.match for h in hits["UU"]] == ["UU"]
    # "bolig- og næringsarealer": the suspended compound stays a word of its own.
    assert [h.match for h in hits["bolig"]] == ["boligsosiale", "bolig"]


def test_phrase_needs_the_words_in_a_row(keywords: KeywordSet) -> None:
    hits = hits_in_text("universell og god utforming; universelle utformingen", keywords)
    assert [h.match for h in hits["universell utforming"]] == ["universelle utformingen"]


def test_nynorsk_variants(keywords: KeywordSet) -> None:
    text = (
        "Bustadsosial handlingsplan for vanskelegstilte på bustadmarknaden."
        " Bustadpolitikken og busetjing av flyktningar. Nærleik til tenester."
    )
    counts = {t: len(h) for t, h in hits_in_text(text, keywords).items() if h}
    assert counts == {
        "bolig": 3,  # Bustadsosial, bustadmarknaden, Bustadpolitikken
        "bosetning": 1,
        "vanskeligstilt": 1,
        "boligsosial": 1,
        "boligpolitikk": 1,
        "boligmarked": 1,
        "nærhet": 1,
    }


def test_nynorsk_settlement_words_from_real_plans(keywords: KeywordSet) -> None:
    # Both seen in the Buskerud corpus and missed before: "Nivå 3: Spreidd busetning".
    hits = hits_in_text("Spreidd busetning og ny busetnad i grendene.", keywords)
    assert [h.match for h in hits["bosetning"]] == ["busetning", "busetnad"]


def test_hits_keep_page_and_snippet(docs: dict[str, Path], keywords: KeywordSet) -> None:
    hits = hits_in(docs["pages_pdf"], keywords)
    [hit] = hits["Husbanken"]
    assert hit.page == 2
    assert hit.snippet == "Side to: Husbanken og startlån."


def test_snippet_is_cut_at_sentence_ends() -> None:
    text = "Første setning handler om noe annet. Her står Husbanken midt i. Neste setning."
    start = text.index("Husbanken")
    assert snippet(text, start, start + 9) == "Her står Husbanken midt i."


def test_snippet_of_a_long_sentence_is_cut_at_whole_words() -> None:
    text = " ".join(["ord"] * 60) + " Husbanken " + " ".join(["ord"] * 60)
    start = text.index("Husbanken")
    cut = snippet(text, start, start + 9)
    assert cut.startswith("…ord ") and cut.endswith(" ord…") and "Husbanken" in cut
    assert len(cut) < 200


def test_prefix_mode_needs_the_term_first(keywords: KeywordSet) -> None:
    from dataclasses import replace

    from planscan.models import MatchMode, Term

    prefix = replace(keywords, terms=(Term("bolig", MatchMode.PREFIX, 1.0, False),))
    hits = hits_in_text("Boligene, boligsosiale og utleieboliger", prefix)
    assert [h.match for h in hits["bolig"]] == ["Boligene", "boligsosiale"]


def test_folding_joined_words_is_folding_each_word() -> None:
    """The learning memories fold, casefold and skeleton a document's new words all at once,
    in one string: the same as word by word."""
    from planscan import chars, match

    words = ["Bustadsosial", "BOLIGSØKER", "Straße", "İzmir", "ΑΣ", "cIient", "rnøte", "éèäöå", "a"]
    assert match._skeletons(words) == [match.ocr_skeleton(word) for word in words]
    assert match._joined_casefolded(words) == match._joined(w.casefold() for w in words)
    assert match._joined_casefolded(words, folded=True) == match._joined(
        chars.fold(w) for w in words
    )
    joined, starts = match._joined_casefolded(words)
    for needle in ("bo", "s", "a", "ss", "rn", "zmir", "ασ"):
        for prefix in (True, False):
            expected = [
                i
                for i, w in enumerate(words)
                if (w.casefold().startswith(needle) if prefix else needle in w.casefold())
            ]
            assert match._find_in_joined(joined, starts, needle, prefix) == expected


def _whole_words(pages: list[str], words: list[str]) -> list[tuple[int, int, int, str]]:
    """The reference: one whole-word regex of the words, the longest first, over every page."""
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    pattern = re.compile(r"(?<![^\W_])(?:" + alternatives + r")(?![^\W_])")
    return [
        (page, found.start(), found.end(), found.group())
        for page, text in enumerate(pages)
        for found in pattern.finditer(text)
    ]


def test_words_found_by_str_find_as_by_the_regex() -> None:
    """find_positions finds a term's words with str.find on the pages that have them: the same
    places as a whole-word regex over every page, whatever glues to the word."""
    pages = [
        "Bolig og boliger, utleiebolig; bolig_2 2bolig bolig2 «bolig» bolig-\nbolig",
        "aa aaa aa.aa a",
        "ingen treff her",
    ]
    index = index_document(pages)
    for words in (["bolig", "boliger"], ["aa", "aaa", "a"], ["Bolig", "utleiebolig"]):
        expected = _whole_words(list(index.pages), words)
        assert sorted(index.find_words(words)) == expected


def test_running_line_hits_are_where_a_regex_finds_them(keywords: KeywordSet) -> None:
    """Hits in running lines are found by looking the line's words up: the same words, at
    the same places, as a whole-word regex of every found word over the lines."""
    body = "Kapittel {n} om skoler og veier i kommunen."
    header = "Bolig- og boligsosial plan 2bolig bolig_2 «Husbanken» boligene2 | utleieboligER"
    pages = [f"{header}\n{body.format(n=n)}\nSide {n}" for n in range(1, 9)]
    index = index_document(pages, find_repeated_spans(pages, pages))
    assert any(index.headers)
    hits = find_hits(index, keywords)
    repeated = {
        (hit.page, hit.match.casefold()) for found in hits.values() for hit in found if hit.repeated
    }
    _found, by_word = match.find_positions(index, keywords.terms, keywords)
    lines = [line for page in index.headers[:1] for line in page]
    expected = {(1, word.casefold()) for _line, _s, _e, word in _whole_words(lines, list(by_word))}
    assert len(expected) > 3 and repeated == expected
