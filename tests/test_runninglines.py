"""Running headers and footers are listed once and never counted."""

from __future__ import annotations

from pathlib import Path

import pytest

import planscan
from planscan import KeywordSet
from planscan.models import PlanRef
from planscan.normalize import normalize_text
from planscan.runninglines import find_repeated_spans, find_running_lines, line_key


def test_line_key_ignores_page_numbers_spacing_and_double_strike() -> None:
    assert line_key("Side 3 av 22") == line_key("Side 14 av 22") == "sideav"
    assert line_key("KKOOMMMMUUNNEEPPLLAANN 1111") == line_key("12 KOMMUNEPLAN") == "kommuneplan"


def test_a_line_on_most_pages_is_running() -> None:
    pages = [f"Boligsosial plan\nSide {n}\nTekst nummer {n}." for n in range(1, 6)]
    assert find_running_lines(pages) == {"boligsosialplan", "side", "tekstnummer"}


def test_left_and_right_page_headers_each_on_half_the_pages_are_running() -> None:
    pages = [("Boligsosial plan" if n % 2 else "Kapittel 2 Mål") + "\nTekst." for n in range(10)]
    assert find_running_lines(pages) >= {"boligsosialplan", "kapittelmål"}


def test_a_line_on_few_pages_or_a_long_line_is_not_running() -> None:
    long_line = "Kommunen skal ha en boligsosial handlingsplan " * 3
    pages = [long_line, long_line, long_line, "Boligsosial plan", "Boligsosial plan"]
    assert find_running_lines(pages) == frozenset()
    # two pages are too few to call anything a running header
    assert find_running_lines(["Boligsosial plan", "Boligsosial plan"]) == frozenset()


def test_spans_point_at_the_header_in_the_normalised_text() -> None:
    bodies = ["Om skolen.", "Om barnehagen.", "Det boligsosiale arbeidet.", "Om helse."]
    raw = [f"Boligsosial plan for Alfa\n{body}\nSide {n}" for n, body in enumerate(bodies)]
    normalized = [normalize_text(page) for page in raw]
    spans = find_repeated_spans(raw, normalized)
    # "boligsosiale" in the body is not in a span; the header and the footer are.
    text = normalized[2]
    assert [text[a:b] for a, b in spans[2]] == ["Boligsosial plan for Alfa", "Side 2"]


@pytest.mark.parametrize("name", ["running_header_pdf", "running_header_docx"])
def test_running_header_and_footer_do_not_inflate_counts(
    docs: dict[str, Path], keywords: KeywordSet, name: str
) -> None:
    # Five pages, each with "Boligsosial handlingsplan ..." as header and "Plan for
    # bosetting og integrering ... side N av 5" as footer; one body mention of Husbanken.
    doc = planscan.scan_document(PlanRef("Alfa", docs[name]), keywords)
    assert {term: n for term, n in doc.counts.items() if n} == {"Husbanken": 1}
    repeated = [(h.term, h.match, h.page) for h in doc.hits if h.repeated]
    assert repeated == [
        ("bolig", "Boligsosial", 1),
        ("bosetning", "bosetting", 1),
        ("boligsosial", "Boligsosial", 1),
        ("integrering", "integrering", 1),
    ]
    [husbanken] = [h for h in doc.hits if not h.repeated]
    assert (husbanken.term, husbanken.page) == ("Husbanken", 3)


def test_a_header_run_into_the_first_body_line_is_still_a_header() -> None:
    # pdftotext joins them on some pages of a real plan; "Planstrategien" is a body word.
    header = "Boligsosial plan for Alfa kommune 2023-2030"
    raw = [f"{header}\nOm skolen {n}.\nSide {n}" for n in range(4)]
    raw.append(f"{header} Det boligsosiale arbeidet skal styrkes.\nSide 4")
    raw.append("Planstrategien nevner boligsosial plan for Alfa kommune.\nSide 5")
    normalized = [normalize_text(page) for page in raw]
    spans = find_repeated_spans(raw, normalized)
    assert [normalized[4][a:b] for a, b in spans[4]] == [header, "Side 4"]
    assert [normalized[5][a:b] for a, b in spans[5]] == ["Side 5"]
