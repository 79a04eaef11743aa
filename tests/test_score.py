from __future__ import annotations

import math
from dataclasses import replace

from planscan import KeywordSet
from planscan.models import Status
from planscan.score import score_document


def counts(**given: int) -> dict[str, int]:
    return {k.replace("_", " "): v for k, v in given.items()}


def test_points_are_weight_times_capped_hits(keywords: KeywordSet) -> None:
    result = score_document({"bolig": 300, "Husbanken": 2}, 1000, keywords)
    bolig = next(t for t in result.terms if t.term == "bolig")
    assert (bolig.count, bolig.counted, bolig.points) == (300, 10, 10 * 0.25)
    assert result.points == 10 * 0.25 + 2 * 3


def test_short_documents_count_as_the_minimum_length(keywords: KeywordSet) -> None:
    short = score_document({"Husbanken": 2}, 100, keywords)
    assert short.length_factor == math.sqrt(2)  # min_length_words 2000 / unit 1000
    long = score_document({"Husbanken": 2}, 8000, keywords)
    assert long.length_factor == math.sqrt(8)
    assert long.score == short.score / 2


def test_generic_words_alone_never_reach_yellow(keywords: KeywordSet) -> None:
    # An arealdel: hundreds of "bolig", universell utforming in every provision.
    result = score_document(
        counts(bolig=400, universell_utforming=25, UU=12, demografi=3), 6000, keywords
    )
    assert result.status is Status.RED
    assert "little housing-social content" in result.reason


def test_one_specific_mention_in_a_short_plan_is_yellow(keywords: KeywordSet) -> None:
    result = score_document({"vanskeligstilt": 1}, 1500, keywords)
    assert result.status is Status.YELLOW


def test_green_needs_score_and_breadth(keywords: KeywordSet) -> None:
    narrow = score_document({"Husbanken": 10, "bolig": 10, "boligmarked": 10}, 2000, keywords)
    assert narrow.score >= keywords.scoring.green_score
    assert narrow.status is Status.YELLOW
    assert "only 1 specific" in narrow.reason
    broad = score_document(
        {"Husbanken": 10, "vanskeligstilt": 5, "bolig": 10, "boligmarked": 10}, 2000, keywords
    )
    assert broad.status is Status.GREEN


def test_thresholds_come_from_the_keywords_file(keywords: KeywordSet) -> None:
    strict = replace(keywords, scoring=replace(keywords.scoring, yellow_score=100, green_score=200))
    assert score_document({"vanskeligstilt": 1}, 1500, strict).status is Status.RED


def test_generic_terms_share_one_cap(keywords: KeywordSet) -> None:
    result = score_document(counts(bolig=50, demografi=50, integrering=50), 2000, keywords)
    assert sum(t.points for t in result.terms if t.generic) == 2.5 + 5 + 5
    assert result.generic_points == keywords.scoring.generic_cap
    assert result.points == keywords.scoring.generic_cap
