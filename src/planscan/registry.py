"""Norway's 357 municipalities (data/kommuner.csv): look one up by number or name.

Names are compared without case, accents or punctuation, and with æ/ø/å read as their
ASCII spellings ("Vagan", "vågan", "VÅGAN" and "1865" are all Vågan; "aal" is Ål, as
"aal.kommune.no" writes it). The registry is read once, when first asked.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources

from planscan.errors import InputError
from planscan.i18n import N_, Message
from planscan.models import Municipality

_SEPARATORS = re.compile(r"[\s\-_.,'’/]+")
# ASCII spellings of æ/ø/å and their doubled old forms all meet in one key: "Flaa",
# "flå" and "fla" are one name, as are "Baerum" and "Bærum".
_DOUBLES = (("ae", "a"), ("aa", "a"), ("oe", "o"))
_LEADING_NUMBER = re.compile(r"^(\d{4})(?=$|[\s\-_.])")
_SUFFIX = re.compile(r"\s+(kommune|kommun|suohkan)$")


def name_key(text: str) -> str:
    """The form names are compared in: lower case, no accents, æ/ø/å as a/o, no
    punctuation, without a trailing "kommune"."""
    text = text.casefold().replace("æ", "ae").replace("ø", "o").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _SEPARATORS.sub(" ", text).strip()
    for double, single in _DOUBLES:
        text = text.replace(double, single)
    return _SUFFIX.sub("", text)


@dataclass(frozen=True)
class Registry:
    """The municipalities, and the keys they are found by."""

    municipalities: tuple[Municipality, ...]

    @functools.cached_property
    def _by_number(self) -> dict[str, Municipality]:
        return {m.number: m for m in self.municipalities}

    @functools.cached_property
    def _by_key(self) -> dict[str, tuple[Municipality, ...]]:
        found: dict[str, list[Municipality]] = {}
        for municipality in self.municipalities:
            for name in _names(municipality):
                entries = found.setdefault(name_key(name), [])
                if municipality not in entries:
                    entries.append(municipality)
        return {key: tuple(entries) for key, entries in found.items()}

    @functools.cached_property
    def counties(self) -> dict[str, str]:
        """County number -> county name, in number order."""
        pairs = sorted({(m.county_number, m.county) for m in self.municipalities})
        return dict(pairs)

    def find(self, query: str) -> Municipality | None:
        """The municipality a number or name stands for; None when none or two do."""
        text = query.strip()
        if text.isdigit():
            return self._by_number.get(text.zfill(4)) if len(text) <= 4 else None
        found = self._by_key.get(name_key(text), ())
        if not found and (number := _number_and_name(text)) is not None:
            return self._by_number.get(number)
        return found[0] if len(found) == 1 else None

    def get(self, query: str) -> Municipality:
        """The municipality a number or name stands for; InputError with a "did you mean"
        when there is none, and with the numbers when two share the name."""
        found = self.find(query)
        if found is not None:
            return found
        shared = self._by_key.get(name_key(query), ())
        if len(shared) > 1:
            options = ", ".join(f"{m.number} {m.shown}" for m in shared)
            raise InputError(
                N_("{name} is the name of {count} municipalities ({options}): give the number"),
                name=repr(query),
                count=len(shared),
                options=options,
            )
        raise InputError(
            N_("unknown municipality {name}{suggestion}"),
            name=repr(query),
            suggestion=self._did_you_mean(query),
        )

    def _did_you_mean(self, query: str) -> Message:
        from planscan.match import closest

        names = sorted({name for m in self.municipalities for name in _names(m)})
        suggestions = [self.shown_for(name) for name in closest(query, names)]
        unique = list(dict.fromkeys(suggestions))
        if not unique:
            return Message("; give a municipality's name or its four-digit number (kommunenummer)")
        if len(unique) == 1:
            return Message("; did you mean {name}?", name=unique[0])
        return Message(
            "; did you mean {names} or {last}?", names=", ".join(unique[:-1]), last=unique[-1]
        )

    def shown_for(self, name: str) -> str:
        found = self._by_key.get(name_key(name), ())
        return " or ".join(m.shown for m in found) if found else name

    def county(self, query: str) -> tuple[Municipality, ...]:
        """The municipalities of a county, given by number ("33") or name ("Buskerud")."""
        text = query.strip()
        for number, name in self.counties.items():
            if text.zfill(2) == number or name_key(text) == name_key(name):
                return tuple(m for m in self.municipalities if m.county_number == number)
        listed = ", ".join(f"{number} {name}" for number, name in self.counties.items())
        raise InputError(
            N_("unknown county {name}; the counties are: {counties}"),
            name=repr(query),
            counties=listed,
        )

    def in_file_name(self, stem: str) -> Municipality | None:
        """The municipality a file name starts with, as a number: "3301_drammen_plan"."""
        match = _LEADING_NUMBER.match(stem)
        return self._by_number.get(match.group(1)) if match else None

    def proper_name(self, name: str) -> str:
        """The shown name of the municipality a name or number stands for; the name as it
        is when it stands for none (a district, a test's "Alfa")."""
        found = self.find(name)
        return found.shown if found is not None else name


def _names(municipality: Municipality) -> Iterable[str]:
    yield municipality.name
    yield municipality.official_name
    yield municipality.shown


def _number_and_name(text: str) -> str | None:
    """The number of "1865_vagan" or "1865 Vågan": a number first, and its name after."""
    match = _LEADING_NUMBER.match(text)
    return match.group(1) if match else None


@functools.cache
def registry() -> Registry:
    """The shipped registry, read once."""
    text = resources.files("planscan").joinpath("data/kommuner.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines))
    names = [row["kommune"] for row in rows]
    municipalities = []
    for row in rows:
        municipality = Municipality(
            number=row["kommunenummer"],
            name=row["kommune"],
            official_name=row["kommune_offisielt"],
            county_number=row["fylkesnummer"],
            county=row["fylke"],
            malform=row["malform"],
            website=row["nettside"],
        )
        shared = names.count(municipality.name) > 1
        shown = f"{municipality.name} ({municipality.county})" if shared else municipality.name
        municipalities.append(replace(municipality, shown=shown))
    return Registry(tuple(municipalities))
