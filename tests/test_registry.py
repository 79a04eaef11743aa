"""The shipped registry of Norway's municipalities (src/planscan/data/kommuner.csv)."""

from __future__ import annotations

from importlib import resources

import pytest

from planscan.errors import InputError
from planscan.registry import name_key, registry


def test_the_registry_has_all_357_municipalities_of_the_2024_numbering() -> None:
    municipalities = registry().municipalities
    assert len(municipalities) == 357
    assert len({m.number for m in municipalities}) == 357
    assert all(len(m.number) == 4 and m.number.isdigit() for m in municipalities)
    assert len(registry().counties) == 15
    assert {m.malform for m in municipalities} == {"Bokmål", "Nynorsk", "Nøytral"}
    assert all(m.website.endswith(".no") and "://" not in m.website for m in municipalities)
    drammen = registry().get("3301")  # 3005 before 2024
    assert (drammen.name, drammen.county, drammen.website) == (
        "Drammen",
        "Buskerud",
        "www.drammen.kommune.no",
    )


def test_the_data_file_names_its_source_and_licence() -> None:
    text = resources.files("planscan").joinpath("data/kommuner.csv").read_text(encoding="utf-8")
    header = "".join(line for line in text.splitlines() if line.startswith("#"))
    assert "aprestmo/norway-geodata" in header
    assert "MIT licence" in header


def test_every_name_stands_for_one_municipality_except_the_two_shared_ones() -> None:
    keys: dict[str, set[str]] = {}
    for m in registry().municipalities:
        for name in (m.name, m.official_name):
            keys.setdefault(name_key(name), set()).add(m.number)
    shared = {key for key, numbers in keys.items() if len(numbers) > 1}
    assert shared == {"heroy", "valer"}


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("Vågan", "1865"),
        ("vågan", "1865"),
        ("Vagan", "1865"),
        ("VÅGAN", "1865"),
        ("1865", "1865"),
        ("1865_vagan", "1865"),
        ("Ål", "3328"),
        ("aal", "3328"),  # as www.aal.kommune.no spells it
        ("Flaa", "3320"),
        ("Baerum", "3201"),
        ("Nore-og-Uvdal", "3338"),
        ("nore_og_uvdal", "3338"),
        ("Drammen kommune", "3301"),
        ("  Drammen ", "3301"),
        ("301", "0301"),  # Oslo, its leading zero left out (a spreadsheet does that)
        ("Kárášjohka", "5610"),  # the Sami name
        ("karasjohka", "5610"),
        ("Guovdageaidnu", "5612"),
        ("Herøy (Nordland)", "1818"),
    ],
)
def test_lookup_by_number_or_name_in_any_spelling(query: str, number: str) -> None:
    assert registry().get(query).number == number


def test_the_proper_name_is_shown() -> None:
    assert registry().proper_name("vagan") == "Vågan"
    assert registry().proper_name("1818") == "Herøy (Nordland)"
    assert registry().proper_name("kárášjohka") == "Karasjok"
    assert registry().proper_name("Alfa") == "Alfa"  # not a municipality: as written


def test_an_unknown_name_gets_a_did_you_mean() -> None:
    with pytest.raises(InputError) as caught:
        registry().get("Sortlnd")
    assert str(caught.value).startswith("unknown municipality 'Sortlnd'; did you mean Sortland")


def test_a_name_without_any_near_match_says_what_to_give() -> None:
    with pytest.raises(InputError) as caught:
        registry().get("xyzzy")
    assert str(caught.value) == (
        "unknown municipality 'xyzzy'; give a municipality's name or its four-digit number"
        " (kommunenummer)"
    )


def test_a_shared_name_asks_for_the_number() -> None:
    with pytest.raises(InputError) as caught:
        registry().get("Herøy")
    assert str(caught.value) == (
        "'Herøy' is the name of 2 municipalities (1515 Herøy (Møre og Romsdal),"
        " 1818 Herøy (Nordland)): give the number"
    )
    assert registry().find("Herøy") is None


def test_an_unknown_number_is_unknown() -> None:
    assert registry().find("9999") is None
    with pytest.raises(InputError, match="unknown municipality '9999'"):
        registry().get("9999")


def test_a_county_by_number_or_name() -> None:
    buskerud = registry().county("Buskerud")
    assert len(buskerud) == 18
    assert buskerud == registry().county("33") == registry().county("buskerud")
    assert len(registry().county("Nordland")) == 41
    assert len(registry().county("3")) == 1  # Oslo, "03"
    assert sum(len(registry().county(n)) for n in registry().counties) == 357


def test_an_unknown_county_lists_the_counties() -> None:
    with pytest.raises(InputError) as caught:
        registry().county("99")
    message = str(caught.value)
    assert message.startswith("unknown county '99'; the counties are: 03 Oslo, 11 Rogaland")
    assert "33 Buskerud" in message


@pytest.mark.parametrize(
    ("stem", "number"),
    [
        ("3301_drammen_kommuneplan", "3301"),
        ("3301-drammen", "3301"),
        ("3301", "3301"),
        ("1865 Vågan planstrategi", "1865"),
        ("2018-2030_samfunnsdel", None),  # a year range, not a number and a name
        ("9999_nowhere", None),
        ("33011_plan", None),
        ("samfunnsdel_3301", None),
    ],
)
def test_a_file_name_that_starts_with_a_kommunenummer(stem: str, number: str | None) -> None:
    found = registry().in_file_name(stem)
    assert (found.number if found else None) == number
