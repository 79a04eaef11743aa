"""How a report is written for its readers: language, matrix layout, municipality order, CSV
dialect. Every renderer takes a ReportOptions; none of it changes the JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from planscan.i18n import DEFAULT_LANGUAGE, Language, get_language
from planscan.models import ScanResult
from planscan.registry import registry


class Layout(str, Enum):
    """The matrix: levels as rows and municipalities as columns (report), the other way
    round (turned), or turned only when the municipalities do not fit the width (auto)."""

    AUTO = "auto"
    REPORT = "report"
    TURNED = "turned"


class Order(str, Enum):
    """Municipalities by kommunenummer (from the registry; others after, by name), by name in
    Norwegian alphabetical order (… Værøy, Vågan, Øksnes), or as the scan gave them."""

    NUMBER = "number"
    NAME = "name"
    GIVEN = "given"


class CsvDialect(str, Enum):
    """excel-nb: ; and decimal comma, UTF-8 with BOM (Norwegian Excel). excel: , and point,
    UTF-8 with BOM (English Excel). rfc4180: , and point, UTF-8 without BOM (scripts)."""

    EXCEL_NB = "excel-nb"
    EXCEL = "excel"
    RFC4180 = "rfc4180"


# More municipalities than this, and a page report turns its matrix (a row per municipality):
# the report layout shows about ten 7rem columns beside its level labels on a 1366 px screen,
# and about as many on an A4 landscape page.
TURN_AFTER = 10


@dataclass(frozen=True)
class ReportOptions:
    """The reader's choices. csv_dialect None follows the language (nb, nn: excel-nb)."""

    language: str = DEFAULT_LANGUAGE
    layout: Layout = Layout.AUTO
    order: Order = Order.GIVEN
    csv_dialect: CsvDialect | None = None
    csv_scores: bool = False

    @property
    def lang(self) -> Language:
        return get_language(self.language)

    def turns(self, municipalities: int) -> bool:
        """Whether a page report (HTML, XLSX, Markdown) turns its matrix: by --layout, or in
        auto when there are more municipalities than fit as columns."""
        if self.layout is Layout.AUTO:
            return municipalities > TURN_AFTER
        return self.layout is Layout.TURNED

    @property
    def dialect(self) -> CsvDialect:
        if self.csv_dialect is not None:
            return self.csv_dialect
        return CsvDialect.EXCEL_NB if self.lang.norwegian else CsvDialect.EXCEL


DEFAULT_OPTIONS = ReportOptions()

# Norwegian alphabetical order: æ, ø, å after z, in that order ("{", "|" and "}" sort right
# after z); ä and ö as æ and ø; aa as å (old spellings).
_NORWEGIAN_LETTERS = {"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|"}


def norwegian_key(name: str) -> tuple[str, str]:
    """Sort key for names in Norwegian order: … Værøy, Vågan, Øksnes, Ørland, Ås."""
    folded = name.casefold().replace("aa", "å")
    return "".join(_NORWEGIAN_LETTERS.get(c, c) for c in folded), name


def ordered_municipalities(
    result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS
) -> tuple[str, ...]:
    """The matrix's municipalities in the order the reader asked for."""
    names: Sequence[str] = result.municipalities
    if options.order is Order.NAME:
        return tuple(sorted(names, key=norwegian_key))
    if options.order is Order.NUMBER:
        return tuple(sorted(names, key=_by_number))
    return tuple(names)


def _by_number(name: str) -> tuple[int, str, tuple[str, str]]:
    """Kommunenummer first (from the registry: "Vågan" or "1865 Vågan"); names it does not
    know after them, by name."""
    found = registry().find(name)
    return (0, found.number, norwegian_key(name)) if found else (1, "", norwegian_key(name))
