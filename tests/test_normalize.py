from __future__ import annotations

from pathlib import Path

import pytest

from planscan.chars import fold
from planscan.extract import extract_pages
from planscan.normalize import normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("bolig-\nsosiale", "boligsosiale"),
        ("vanskelig-\r\nstilte", "vanskeligstilte"),
        ("bolig- og næringsareal", "bolig- og næringsareal"),
        ("bolig-\nog næringsareal", "bolig- og næringsareal"),
        ("helse-\neller omsorg", "helse- eller omsorg"),
        ("UU-\nkrav", "UU-krav"),
        ("2018-\n2021", "2018-2021"),
        ("ﬁnansiering og ﬂyt", "finansiering og flyt"),
        ("bolig\u00adsosial", "boligsosial"),
        ("bolig\u00ad\nsosiale", "boligsosiale"),
        ("utfor\ufffe\r\nming", "utforming"),
        ("bolig\ufffesosiale og UU\ufffekrav", "boligsosiale og UU-krav"),
        ("helse\ufffeog omsorg", "helse- og omsorg"),
        ("vanskelig\u200bstilte", "vanskeligstilte"),
        # whitespace runs become one space, or one line break where they held one
        ("universell \n\n  utforming\t i", "universell\nutforming i"),
        ("  Mål  \n\n • Tiltak  1 \n", "Mål\n• Tiltak 1"),
        ("nær\u00a0heten", "nær heten"),
        # a double-struck running header, as pdftotext writes it
        ("KKOOMMMMUUNNEEPPLLAANN 1111 side", "KOMMUNEPLAN 1111 side"),
        ("BBOOLLIIGGSSOOSSIIAALL", "BOLIGSOSIAL"),
        ("Tillegg ...... 12", "Tillegg ...... 12"),
        # control characters: broken font encodings, and a hostile PDF's terminal escapes
        ("bolig\x00sosial\x02", "boligsosial"),
        ("Husbanken\x1b[2J\x1b]0;tittel\x07 lån", "Husbanken[2J]0;tittel lån"),
        ("side\x9b31m 3", "side31m 3"),
        ("felt\x1ffelt\x0bfelt\x85felt", "felt felt\nfelt\nfelt"),  # whitespace; line ends
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_fold_writes_norwegian_letters_as_ascii() -> None:
    assert fold("Nærhet Bølge Årsbudsjett") == "naerhet bolge arsbudsjett"


def test_line_breaks_take_the_place_of_spaces() -> None:
    """Offsets into the text are those of the text with spaces only."""
    raw = "Mål \n\n  Kommunen skal  hjelpe\r\nvanskeligstilte.\n\n"
    text = normalize_text(raw)
    assert text == "Mål\nKommunen skal hjelpe\nvanskeligstilte."
    assert text.replace("\n", " ") == " ".join(raw.split())


def test_line_end_hyphens_in_a_real_pdf(docs: dict[str, Path]) -> None:
    text = normalize_text(extract_pages(docs["hyphens_pdf"]).pages[0]).replace("\n", " ")
    assert "boligsosiale arbeidet for vanskeligstilte," in text
    assert "bolig- og næringsarealer" in text
    assert "universell utforming" in text
    assert "UU-krav" in text


def test_soft_hyphens_and_ligatures_in_a_real_docx(docs: dict[str, Path]) -> None:
    text = normalize_text(extract_pages(docs["hyphens_docx"]).pages[0])
    assert "boligsosiale tiltak" in text
    assert "demografiske endringer og flyktninger" in text
    assert "vanskeligstilte" in text
