"""The judgement rules, one by one, on short real-looking Norwegian text (bokmål and nynorsk).

Each test reads pages as a reader process would (analysis.analyse_pages) and looks at the
passage planscan made around a phrase, and at the colour the passages give.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planscan import KeywordSet, Status
from planscan.analysis import analyse_pages
from planscan.models import DocumentResult, Passage, PassageClass

FILLER = (
    "Kommunen har gode skoler, et aktivt kulturliv og mange frivillige lag og foreninger."
    " Veiene skal vedlikeholdes, og vann og avløp skal fornyes i takt med veksten."
)


def read(keywords: KeywordSet, *pages: str) -> DocumentResult:
    return analyse_pages(list(pages), keywords)


def passage_with(doc: DocumentResult, words: str) -> Passage:
    found = [p for p in doc.passages if words in p.text]
    assert found, f"no passage with {words!r}: {[p.text for p in doc.passages]}"
    return found[0]


# Housing-social, and strong or weak ------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "words", "strong"),
    [
        ("Kommunen tilbyr startlån til husstander som ikke får lån i banken.", "startlån", True),
        ("Vanskeligstilte på boligmarkedet skal få hjelp til å skaffe bolig.", "Vanskelig", True),
        ("Dei vanskelegstilte på bustadmarknaden skal få hjelp.", "vanskelegstilte", True),
        ("Kommunen har 40 kommunale bustader og to mellombels bustader.", "kommunale", True),
        ("Tal på bustadlause har gått ned sidan 2018.", "bustadlause", True),
        ("Leie før eie gjør det mulig å kjøpe boligen man bor i.", "Leie før eie", True),
        ("Om lag 8 prosent av barna bor i familier med lavinntekt.", "lavinntekt", False),
        ("Det trengs flere omsorgsboliger for eldre.", "omsorgsboliger", False),
    ],
)
def test_a_passage_that_names_housing_social_work_counts(
    keywords: KeywordSet, sentence: str, words: str, strong: bool
) -> None:
    passage = passage_with(read(keywords, f"{FILLER}\n{sentence}"), words)
    assert passage.kind is PassageClass.HOUSING_SOCIAL
    assert passage.strong is strong


def test_general_housing_is_not_housing_social(keywords: KeywordSet) -> None:
    doc = read(keywords, "Kommunen skal regulere nok boligtomter og legge til rette for bolyst.")
    passage = passage_with(doc, "boligtomter")
    assert passage.kind is PassageClass.GENERAL
    assert doc.status is Status.RED


def test_a_target_group_counts_only_where_the_passage_is_about_housing(
    keywords: KeywordSet,
) -> None:
    welfare = "Velferdsteknologi skal gi personer med nedsatt funksjonsevne større trygghet."
    housing = "Kommunen skal bygge boliger for personer med nedsatt funksjonsevne."
    doc = read(keywords, f"{welfare}\n{housing}")
    assert passage_with(doc, "Velferdsteknologi").kind is PassageClass.GENERAL
    assert passage_with(doc, "bygge boliger").kind is PassageClass.HOUSING_SOCIAL


# Words with a second meaning ---------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Busetjingsmønsteret i Ål er spreidd, med mange små grender.",  # nynorsk
        "Framleis er mykje av busetjinga i Ål knytt til gardsbruk.",
        "Det legges til rette for spredt boligbygging for å opprettholde bosetting i grendene.",
        "Vi vil at flere skal bosette seg i kommunen.",
    ],
)
def test_bosetting_as_where_people_live_is_not_counted(keywords: KeywordSet, sentence: str) -> None:
    passage = read(keywords, sentence).passages[0]
    assert (passage.kind, passage.why) == (PassageClass.NOT_COUNTED, "other-sense")


@pytest.mark.parametrize(
    "sentence",
    [
        "Kommunen har vedtatt bosetting av 15 flyktninger i 2024.",
        "Kommunen skal busetje 10 flyktningar i året etter oppmoding frå IMDi.",
    ],
)
def test_bosetting_of_refugees_counts(keywords: KeywordSet, sentence: str) -> None:
    passage = read(keywords, sentence).passages[0]
    assert passage.kind is PassageClass.HOUSING_SOCIAL
    assert "bosetting av flyktninger" in passage.topics


def test_bosetting_without_refugees_or_a_settlement_pattern_is_general(
    keywords: KeywordSet,
) -> None:
    doc = read(keywords, "Tiltaksstrategien skal gi økt bosetting i kommunen.")
    assert passage_with(doc, "bosetting").kind is PassageClass.GENERAL


# What is not content ------------------------------------------------------------------------


def test_a_dropped_task_is_not_counted(keywords: KeywordSet) -> None:
    """Drammen's planstrategi: the plan against child poverty "utgår som egen planoppgave"."""
    doc = read(keywords, "Utgår som egen planoppgave:\n(2) Tiltak mot barnefattigdom\n")
    passage = passage_with(doc, "barnefattigdom")
    assert (passage.kind, passage.why) == (PassageClass.NOT_COUNTED, "dropped")
    assert doc.status is Status.RED


def test_a_plan_in_a_list_of_sources_is_not_counted(keywords: KeywordSet) -> None:
    doc = read(
        keywords,
        f"{FILLER}\nKilder:\nBoligsosial handlingsplan 2015–2019, Hole kommune\n"
        "Statistisk sentralbyrå, tabell 06265",
    )
    passage = passage_with(doc, "Boligsosial")
    assert (passage.kind, passage.why) == (PassageClass.NOT_COUNTED, "reference")
    assert doc.status is Status.RED


def test_a_plan_title_in_a_list_of_planned_plans_is_not_counted(keywords: KeywordSet) -> None:
    doc = read(
        keywords,
        "Nr. Navn på planoppgave\n"
        "9. Temaplan boligutvikling (mangfold, aktører, virkemidler,\n"
        "(4) tredje boligsektor)\n"
        "25. Handlingsplan mot barnefattigdom\n",
    )
    assert passage_with(doc, "tredje boligsektor").why == "title"
    assert passage_with(doc, "barnefattigdom").why == "title"
    assert doc.status is Status.RED


def test_a_sentence_that_mentions_a_plan_is_content(keywords: KeywordSet) -> None:
    doc = read(keywords, "Boligsosial handlingsplan skal sikre at vanskeligstilte får bolig.")
    assert doc.passages[0].kind is PassageClass.HOUSING_SOCIAL


def test_a_table_of_contents_is_not_counted(keywords: KeywordSet) -> None:
    doc = read(
        keywords,
        "Innhold\n1 Innledning ........ 3\n2 Vanskeligstilte på boligmarkedet ........ 5\n",
    )
    assert passage_with(doc, "Vanskeligstilte").why == "contents"
    assert doc.status is Status.RED


def test_a_negated_indicator_is_not_counted(keywords: KeywordSet) -> None:
    doc = read(keywords, "Kommunen har ingen kommunale utleieboliger i dag.")
    passage = doc.passages[0]
    assert (passage.kind, passage.why, passage.note) == (
        PassageClass.NOT_COUNTED,
        "negated",
        "ingen",
    )


# Goals and measures ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "measure"),
    [
        ("Kommunen skal kjøpe fem kommunale utleieboliger.", "kjøpe", True),
        ("Det er 40 kommunale utleieboliger i kommunen.", "Det er", False),
        ("• Etablere et boligkontor som samordner startlån og bostøtte", "Etablere", True),
        ("Tiltak\nStartlån og bostøtte gjennom NAV-kontoret.", "NAV", True),
        ("Tilskuddet blir gitt til førstegangs etablerere under 35 år.", "Tilskuddet", True),
    ],
)
def test_goals_and_measures_are_recognised(
    keywords: KeywordSet, text: str, words: str, measure: bool
) -> None:
    assert passage_with(read(keywords, text), words).measure is measure


def test_a_measure_weighs_more_than_background(keywords: KeywordSet) -> None:
    v = keywords.judgement.verdict
    doc = read(
        keywords,
        "Det er 40 kommunale utleieboliger i kommunen.\n"
        "Kommunen skal kjøpe fem nye kommunale utleieboliger.",
    )
    assert passage_with(doc, "Det er").weight == v.strong_weight
    assert passage_with(doc, "skal kjøpe").weight == v.strong_weight * v.measure_factor


# The verdict ---------------------------------------------------------------------------------


def test_weak_background_alone_is_red(keywords: KeywordSet) -> None:
    """A statistic is not yet a plan (the Gol folkehelseprofil, Flå's planstrategi)."""
    doc = read(
        keywords,
        f"{FILLER}\nMange barn bor i husholdninger med vedvarende lavinntekt.\n"
        "Andelen som bor i omsorgsboliger er høy.",
    )
    assert doc.judgement is not None and doc.judgement.passages == 2
    assert doc.status is Status.RED


def test_one_passage_that_names_the_work_is_yellow(keywords: KeywordSet) -> None:
    doc = read(keywords, f"{FILLER}\nVanskeligstilte får hjelp av NAV.\n{FILLER}")
    assert doc.status is Status.YELLOW


def test_one_dense_section_in_a_broad_plan_is_yellow_not_green(keywords: KeywordSet) -> None:
    """The label scale: a section inside a broader document is yellow; a main theme green."""
    measures = [
        "Kommunen skal kjøpe ti kommunale utleieboliger for vanskeligstilte.",
        "Startlån og bostøtte fra Husbanken skal brukes aktivt.",
        "Ingen skal være bostedsløse: kommunen skal tilby midlertidig bolig samme dag.",
        "Kommunen skal tilby boveiledning til alle som trenger det.",
        "Kommunen skal ha en tilvisningsavtale med private utleiere.",
        "Kommunen skal prøve ut leie før eie for barnefamilier.",
    ]
    section = "\n".join(measures)
    broad = [f"{FILLER} Side {n}." for n in range(1, 10)]
    section_doc = read(keywords, *broad, section)
    assert section_doc.status is Status.YELLOW
    judgement = section_doc.judgement
    assert judgement is not None and judgement.spread < keywords.judgement.verdict.green_spread
    # The same measures spread through the plan make housing-social work its theme.
    themed = read(keywords, *(f"{FILLER} {line}" for line in measures))
    assert themed.status is Status.GREEN


def test_the_same_sentence_twice_counts_once(keywords: KeywordSet) -> None:
    line = "Kommunen skal kjøpe fem kommunale utleieboliger."
    once = read(keywords, f"{FILLER}\n{line}")
    twice = read(keywords, f"{FILLER}\n{line}", f"{FILLER}\n{line}")
    assert once.judgement is not None and twice.judgement is not None
    assert once.judgement.points == twice.judgement.points


def test_the_numbers_come_from_the_keywords_file(keywords: KeywordSet) -> None:
    lines = "\n".join(f"Kommunen skal kjøpe {n} kommunale utleieboliger." for n in range(3))
    strict = replace(
        keywords,
        judgement=replace(
            keywords.judgement,
            verdict=replace(keywords.judgement.verdict, yellow_points=100.0),
        ),
    )
    assert read(keywords, lines).status is not Status.RED
    assert read(strict, lines).status is Status.RED


def test_the_deciding_passages_are_housing_social(keywords: KeywordSet) -> None:
    doc = read(
        keywords,
        f"{FILLER}\nKommunen skal kjøpe fem kommunale utleieboliger.\n{FILLER}",
    )
    assert doc.judgement is not None
    deciding = [doc.passages[i] for i in doc.judgement.deciding]
    assert [p.text for p in deciding] == ["Kommunen skal kjøpe fem kommunale utleieboliger."]


def test_every_hit_points_at_its_passage(keywords: KeywordSet) -> None:
    doc = read(keywords, "Boligbehovet er stort.\nKommunen har 40 kommunale boliger.")
    for hit in doc.hits:
        assert hit.passage is not None
        passage = doc.passages[hit.passage]
        assert passage.start <= hit.offset < passage.end


def test_a_listed_word_starts_a_word() -> None:
    """_WordList finds a listed word only where a word starts, as its lookbehind did."""
    from planscan.judge import _WordList

    words = _WordList.of(["bolig", "sosial bolig", "tiltak"], whole=False)
    assert words.search("utleieboliger og sosial  boliger") == "sosial bolig"
    assert words.search("utleieboliger, 2bolig, _bolig") == "bolig"
    assert words.search("utleieboliger og 2boliger") is None
    assert words.search("bolig") == "bolig"
    whole = _WordList.of(["skal"], whole=True)
    assert whole.search("skaleres skal_ skal.") == "skal"
    assert whole.search("skaleres") is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abæ -", min_size=1, max_size=6), min_size=1, max_size=8),
    st.text("abæ -_\n", max_size=40),
    st.booleans(),
)
def test_a_word_list_finds_the_longest_form_as_the_forms_tried_longest_first(
    words: list[str], text: str, whole: bool
) -> None:
    """_WordList's pattern shares the forms' common starts: at each place it finds what the
    forms written out longest first found."""
    import re

    from planscan.chars import fold
    from planscan.judge import _WordList

    words_list = _WordList.of(words, whole=whole)
    forms = sorted(words_list.written, key=len, reverse=True)
    if not forms:
        assert words_list.search(fold(text)) is None
        return
    body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
    longest_first = _WordList(
        re.compile(f"(?:{body})" + (r"(?![^\W_])" if whole else "")), words_list.written
    )
    assert words_list.search(fold(text)) == longest_first.search(fold(text))


# Pieces of lines: prose, headings, list markers, dot leaders, a line too long for a heading.
_LINE_PIECES = [
    *("Kommunen skal", "bygge", "boliger", "TILTAK", "Innhold", "12", "x" * 60),
    *("1.", "2.1", "(a)", "•", "-", ".", ",", ";", ":", " "),
    *("...", ". .", "…", "___", "......", "……", "_____"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LINE_PIECES), max_size=6), min_size=1, max_size=8))
def test_lines_of_prose_skipped_on_the_way_are_what_reading_them_finds(
    keywords: KeywordSet, lines: list[list[str]]
) -> None:
    """_Page passes over most lines of prose without _read_line (they break nothing, whatever
    the line before): its flags are what _read_line finds for every line but those that
    carry on a sentence (lower case first), which it has always passed over."""
    from planscan import judge

    text = "\n".join("".join(pieces) for pieces in lines)
    rules = judge._compiled(keywords.judgement)
    page = judge._Page(text, rules)
    contents_page = any(rules.is_contents_heading(line) for line in text.split("\n")[:8])
    flags: list[int] = []
    previous_end, open_line, lead_in = True, False, False
    for line in text.split("\n"):
        if (
            line[:1].islower()
            and line[1:2] not in (".", ")")
            and not contents_page
            and "..." not in line
            and "…" not in line
        ):
            ended = line.endswith((".", "!", "?", ":"))
            flags.append(0)
            previous_end, open_line, lead_in = ended, not ended, ended and line[-1] == ":"
            continue
        flag, previous_end, open_line, lead_in = judge._read_line(
            line, previous_end, open_line, lead_in, contents_page
        )
        flags.append(flag)
    assert page.flags == flags


def test_an_indicator_is_judged_in_the_passage_its_hit_points_to(keywords: KeywordSet) -> None:
    # A list item's passage can run over lines that hold a sentence of their own: each
    # indicator is judged in its own passage, the one a hit at the same place shows.
    from planscan.judge import judge_document
    from planscan.match import find_indicators, index_document

    text = (
        "• • • •\n"
        "selvstendig. Alle skal bo trygt i egnet bolig ut fra familiestørrelse og økonomi. "
        "Oppfølging\n"
        "Innen to år etter bosetting skal alle flyktninger få råd om boligkjøp og vite hva "
        "som skal\n"
        "til for at de kan kjøpe egen bolig."
    )
    index = index_document([text])
    indicators = find_indicators(index, keywords)
    where = sorted((position, key) for key, found in indicators.items() for position in found)
    passages, _, hit_passages = judge_document(
        index.pages, index.word_count, keywords, indicators, [p for p, _ in where]
    )
    assert len(set(hit_passages)) > 1
    for (_position, key), passage in zip(where, hit_passages, strict=True):
        assert key in passages[passage].indicators


def test_a_document_judged_in_two_parts_is_judged_as_one(keywords: KeywordSet) -> None:
    # Two readers share a long PDF and each judges its part; joined, the passages, their
    # order and the judgement are those of one reader, wherever the document is split,
    # also where a passage takes its heading from a page of the other part.
    from planscan.judge import judge_document, judge_part, judge_parts
    from planscan.match import find_hits, find_indicators, index_document

    pages = [
        "Boligsosial handlingsplan\nInnledning om planen.",
        "3 Tiltak for vanskeligstilte\nKommunen skal kjøpe flere kommunale utleieboliger.",
        "Startlån fra Husbanken skal brukes aktivt, og bostøtte skal være kjent for alle.",
        "Bostedsløse skal få bolig innen tre måneder. Leie før eie prøves ut.",
        "4 Boligmarkedet\nPrisene stiger. Vanskeligstilte på boligmarkedet trenger hjelp.",
    ]
    index = index_document(pages)
    hits = [hit for found in find_hits(index, keywords).values() for hit in found]
    positions = [(hit.page - 1, hit.offset, hit.offset + len(hit.match)) for hit in hits]
    indicators = find_indicators(index, keywords)
    for keep_all in (True, False):
        whole = judge_document(
            pages, index.word_count, keywords, indicators, positions, keep_all=keep_all
        )
        assert whole[0] and whole[1].deciding
        for split in range(1, len(pages)):
            parts = []
            for first, last in ((0, split), (split, len(pages))):
                part_index = index_document(pages[first:last])
                parts.append(
                    judge_part(
                        part_index.pages,
                        keywords,
                        find_indicators(part_index, keywords),
                        [(p - first, s, e) for p, s, e in positions if first <= p < last],
                        first,
                    )
                )
            joined = judge_parts(
                pages, index.word_count, keywords, parts, positions, keep_all=keep_all
            )
            assert joined == whole, split
