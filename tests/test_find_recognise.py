"""Recognising plans from link text and URL (planscan.find.recognise).

Test data: the index of 103 real plan documents of the 18 Buskerud municipalities, file
data/planverk/buskerud/manifest.csv of the public repository ChristianBHT/Framskrivningsverkt-y
at commit 3633798be98e18bf03786c90755c49189af6d29a, copied unchanged to
tests/fixtures/buskerud_index.csv: titles, document types, status and URLs are facts.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planscan import KeywordSet
from planscan.find.recognise import read_period, read_status, recognise, url_words

INDEX = Path(__file__).parent / "fixtures" / "buskerud_index.csv"
# The index's document types that are plan levels; the others (kunnskapsgrunnlag,
# planprogram, vedtak, integrering) must not be taken for the plan of a level.
LEVEL_OF_TYPE = {
    "samfunnsdel": "samfunnsdel",
    "planstrategi": "planstrategi",
    "helse_omsorg": "temaplan-helse",
    "bolig": "temaplan-bolig",
    "bolig_omsorg": "temaplan-bolig",
    "folkehelse": "temaplan-folkehelse",
}


def index_rows() -> list[dict[str, str]]:
    with INDEX.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def agrees(row: dict[str, str], keywords: KeywordSet) -> bool:
    """planscan's level and status agree with the index's document type and status."""
    found = recognise(row["tittel"], row["url"], keywords)
    expected = LEVEL_OF_TYPE.get(row["dokumenttype"])
    level_ok = found.level == expected if expected else not found.is_plan
    if row["status"] == "rapport":  # a report: not the plan itself
        return level_ok and not found.is_plan
    return level_ok and found.status == row["status"]


def test_the_index_is_the_one_publishing_md_counted() -> None:
    rows = index_rows()
    assert len(rows) == 103
    assert sum(r["format"] == "pdf" for r in rows) == 92
    assert sum(r["status"] == "vedtatt" for r in rows) == 83


def test_level_and_status_agree_with_the_buskerud_index_for_at_least_95_percent(
    keywords: KeywordSet,
) -> None:
    rows = index_rows()
    agreed = sum(agrees(row, keywords) for row in rows)
    assert agreed / len(rows) >= 0.95, f"{agreed}/{len(rows)}"


def test_no_knowledge_base_of_the_index_is_taken_for_a_plan(keywords: KeywordSet) -> None:
    taken = [
        row["tittel"]
        for row in index_rows()
        if row["dokumenttype"] in ("kunnskapsgrunnlag", "planprogram", "vedtak")
        and row["status"] == "rapport"
        and recognise(row["tittel"], row["url"], keywords).is_plan
    ]
    assert taken == []


@pytest.mark.parametrize(
    ("title", "url", "level", "kind", "status"),
    [
        # Opaque file names: only the link text says what it is.
        ("Boligsosial plan for Kongsberg kommune 2023-2030",
         "https://aimblob.blob.core.windows.net/aimfiles/dec50ec7-4c9a-48ad-bd00-5cf9f9ad0cd5.pdf",
         "temaplan-bolig", "plan", "vedtatt"),
        ("Kommuneplanens samfunnsdel 2040 - høringsutkast", "https://x/a.pdf",
         "samfunnsdel", "plan", "høringsutkast"),
        ("Planstrategi 2024-2027 - høringsutgave", "https://x/b.pdf",
         "planstrategi", "plan", "høringsutkast"),
        ("Planstrategi 2025-2028 - utkast pr. 27. mars 2025", "https://x/c.pdf",
         "planstrategi", "plan", "utkast"),
        ("Planprogram kommuneplanens samfunnsdel 2021-2033", "https://x/d.pdf",
         "samfunnsdel", "planprogram", "vedtatt"),
        ("Leve hele livet - delrapport og handlingsplan (vedtatt 24.03.2021)", "https://x/e.pdf",
         "temaplan-helse", "plan", "vedtatt"),
        ("Folkehelseoversikt Drammen 2023", "https://x/f.pdf",
         "temaplan-folkehelse", "oversikt", "vedtatt"),
        ("Kommuneplanens samfunnsdel - statistikkhefte", "https://x/g.pdf",
         "samfunnsdel", "statistikk", "vedtatt"),
        # No link text: the URL's words.
        ("", "https://www.gol.kommune.no/siteassets/planar-og-regulering/kommuneplanar/samfunnsdel/"
             "kommuneplanens-samfunnsdel-2018-2030-vedteken.pdf",
         "samfunnsdel", "plan", "vedtatt"),
        ("", "https://www.hole.kommune.no/download/18.5c2c56c219c98a23dd04954/1772711775859/"
             "Kommunedelplan%20Velferd%202026-2038%20(7).pdf",
         "temaplan-helse", "plan", "vedtatt"),
        # Nynorsk.
        ("Kommuneplanen sin samfunnsdel (vedteken)", "https://x/h.pdf",
         "samfunnsdel", "plan", "vedtatt"),
        ("Bustadpolitisk plan - høyringsutkast", "https://x/i.pdf",
         "temaplan-bolig", "plan", "høringsutkast"),
        ("Nyheter", "https://x/nyheter/", None, "plan", "vedtatt"),
    ],
)  # fmt: skip
def test_recognise(
    keywords: KeywordSet, title: str, url: str, level: str | None, kind: str, status: str
) -> None:
    found = recognise(title, url, keywords)
    assert (found.level, found.kind, found.status) == (level, kind, status)


@pytest.mark.parametrize(
    ("texts", "period"),
    [
        (["Kommuneplanens samfunnsdel 2018-2030"], "2018-2030"),
        (["Kommuneplanens samfunnsdel 2018-30"], "2018-2030"),
        (["Plan 2018–2030"], "2018-2030"),
        (["temaplan-for-boligutvikling-2023--2033"], "2023-2033"),
        (["temaplan folkehelse 2024 2030"], "2024-2030"),
        (["Kommuneplanens samfunnsdel 2040 - høringsutkast"], "2040"),
        (["Helse- og velferdsplan (vedtatt 6.12.2021)"], None),  # a date, not a period
        (["i4cb126ce-f1d5-2021-9126-b656ed445ee9"], None),  # hex, not years
        (["Boligstrategi", "boligstrategi-2020-2024"], "2020-2024"),
    ],
)
def test_read_period(texts: list[str], period: str | None) -> None:
    assert read_period(texts) == period


def test_read_status_takes_the_first_text_that_names_one() -> None:
    assert read_status(["Planstrategi 2024-2027", "vedtatt-planstrategi"]) == ("vedtatt", True)
    assert read_status(["Planstrategi"]) == ("vedtatt", False)
    assert read_status(["Forslag til planstrategi"]) == ("forslag", True)


def test_url_words() -> None:
    assert url_words("https://x.no/a-b/Kommuneplanens+samfunnsdel+2018-30.pdf") == (
        "Kommuneplanens samfunnsdel 2018 30",
        "a b",
    )
