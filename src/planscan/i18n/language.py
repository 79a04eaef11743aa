"""A Language: translated messages (stdlib gettext), numbers, dates and status words."""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from planscan.errors import InputError
from planscan.i18n.message import Message
from planscan.models import Status

LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "en"
DOMAIN = "planscan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# Environment variables that name the user's language, in POSIX order of precedence.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")

# Symbols of the statuses: the same in every language, so colour is never the only signal.
_SYMBOLS: dict[Status, str] = {
    Status.GREEN: "●",
    Status.YELLOW: "◐",
    Status.RED: "○",
    Status.MISSING: "x",
    Status.NO_TEXT: "?",
    Status.ERROR: "!",
    Status.NOT_SEARCHED: "⊘",
    Status.NOT_CHECKED: "·",
}

# No-break space: a number is never broken over two lines (Norwegian groups thousands by
# a space; a thin one where the text is typeset, a normal-width one in a terminal).
NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"
GROUP_FROM = 10_000


def N_(message: str) -> str:
    """Mark a message for the catalogues where it is defined; translate it where it is shown."""
    return message


@dataclass(frozen=True)
class Language:
    """One language's words and number formats. Get one with get_language(code)."""

    code: str
    translations: gettext.NullTranslations = field(repr=False, compare=False)

    @property
    def norwegian(self) -> bool:
        return self.code in ("nb", "nn")

    # Messages. Fields ({name}) are filled after translation, so a translation can move them;
    # a field that is a Message is said in this language too.
    def _(self, message: str, /, **fields: object) -> str:
        text = self.translations.gettext(message)
        return text.format(**self._said(fields)) if fields else text

    def say(self, text: str) -> str:
        """A Message in this language. Other text is a Message that was stored as text and
        read back (the cache, the store's index, a manifest find wrote): said in this
        language when it is one of the catalogues' messages, else as it is."""
        if isinstance(text, Message) and text.plural is not None:
            return self.ngettext(text.template, text.plural, text.n, **text.fields)
        if isinstance(text, Message):
            return self._(text.template, **text.fields)
        if not text or not self.norwegian:
            return text
        return self._said_again(text, depth=2)

    def _said_again(self, text: str, depth: int) -> str:
        """Text a message made, said in this language: the message itself, or the message
        with fields whose words it has ("HTTP 404 Not Found: the plan is not online at this
        address"), its fields taken from the text and said again (a field may be a message
        of its own), down to `depth` levels."""
        said = self.translations.gettext(text)
        if said != text or depth < 0:
            return said
        for pattern, template in _patterns(self.code):
            match = pattern.fullmatch(text)
            if match is not None:
                fields = {k: self._said_again(v, depth - 1) for k, v in match.groupdict().items()}
                return self.translations.gettext(template).format(**fields)
        # "PLACE: message", where the place is a URL or a file (never said in a language).
        place, colon, rest = text.partition(": ")
        said = self._said_again(rest, depth - 1) if colon else rest
        return f"{place}{colon}{said}" if said != rest else text

    def _said(self, fields: Mapping[str, object]) -> dict[str, object]:
        return {k: self.say(v) if isinstance(v, Message) else v for k, v in fields.items()}

    def gettext(self, message: str, /, **fields: object) -> str:
        return self._(message, **fields)

    def ngettext(self, singular: str, plural: str, n: int, /, **fields: object) -> str:
        """The form for n; {n} in the message is n formatted for the language."""
        text = self.translations.ngettext(singular, plural, n)
        return text.format(n=self.format_integer(n), **self._said(fields))

    def pgettext(self, context: str, message: str, /, **fields: object) -> str:
        text = self.translations.pgettext(context, message)
        return text.format(**self._said(fields)) if fields else text

    # Numbers and dates.
    @property
    def decimal_sign(self) -> str:
        return "," if self.norwegian else "."

    @property
    def group_sign(self) -> str:
        return NO_BREAK_SPACE if self.norwegian else ","

    def format_number(self, value: float, digits: int = 1, group: str | None = None) -> str:
        """12345.678 -> "12 345,7" (nb, nn) or "12,345.7" (en); group="" writes no groups.

        Thousands are grouped from five digits on (1094 pages, 12 345 words), as Norwegian
        typography does, in English too.
        """
        grouped = "," if abs(value) >= GROUP_FROM else ""
        text = f"{value:{grouped}.{digits}f}"
        sign = self.group_sign if group is None else group
        return text.replace(",", "\0").replace(".", self.decimal_sign).replace("\0", sign)

    def format_integer(self, value: int, group: str | None = None) -> str:
        return self.format_number(value, 0, group)

    def format_percent(self, fraction: float, digits: int = 0) -> str:
        """0.256 -> "26 %" (nb, nn: a no-break space before the sign) or "26%" (en)."""
        number = self.format_number(fraction * 100, digits)
        return f"{number}{NO_BREAK_SPACE}%" if self.norwegian else f"{number}%"

    def format_date(self, day: date) -> str:
        """5 March 2026 (en), 5. mars 2026 (nb, nn)."""
        month = self._month_names()[day.month - 1]
        if self.norwegian:
            return f"{day.day}. {month} {day.year}"
        return f"{day.day} {month} {day.year}"

    def _month_names(self) -> tuple[str, ...]:
        return (
            self.pgettext("month", "January"),
            self.pgettext("month", "February"),
            self.pgettext("month", "March"),
            self.pgettext("month", "April"),
            self.pgettext("month", "May"),
            self.pgettext("month", "June"),
            self.pgettext("month", "July"),
            self.pgettext("month", "August"),
            self.pgettext("month", "September"),
            self.pgettext("month", "October"),
            self.pgettext("month", "November"),
            self.pgettext("month", "December"),
        )

    # Statuses.
    def status_word(self, status: Status) -> str:
        """The status in a word: green, grønn, grøn; missing is "not found online"."""
        return self._status_words()[status]

    def _status_words(self) -> dict[Status, str]:
        return {
            Status.GREEN: self.pgettext("status", "green"),
            Status.YELLOW: self.pgettext("status", "yellow"),
            Status.RED: self.pgettext("status", "red"),
            Status.MISSING: self.pgettext("status", "not found online"),
            Status.NO_TEXT: self.pgettext("status", "no text"),
            Status.ERROR: self.pgettext("status", "error"),
            Status.NOT_SEARCHED: self.pgettext("status", "not searched"),
            Status.NOT_CHECKED: self.pgettext("status", "not checked"),
        }

    def status_label(self, status: Status) -> str:
        """Symbol and word, as a matrix cell shows it ("● grønn"); x and · stand alone."""
        symbol = _SYMBOLS[status]
        if status in (Status.MISSING, Status.NOT_CHECKED):
            return symbol
        return f"{symbol} {self.status_word(status)}"


# A message's fields, as tools/catalogues.py finds them.
_FIELD = re.compile(r"\{(\w+)\}")
# Messages with fewer letters than this outside their fields ("{url}: {why}") would match
# almost any text: they are never looked for.
_MIN_LETTERS = 4


@functools.cache
def _patterns(code: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The language's messages with fields, as patterns matching their English text, the
    most words first (the most particular message wins)."""
    catalog: dict[object, str] = getattr(get_language(code).translations, "_catalog", {})
    found = []
    for key in catalog:
        if not isinstance(key, str) or "\x04" in key or "{" not in key:
            continue  # plural forms, messages with a context, messages without fields
        names = _FIELD.findall(key)
        literal = _FIELD.sub("", key)
        if len(names) != len(set(names)) or sum(c.isalpha() for c in literal) < _MIN_LETTERS:
            continue
        parts = _FIELD.split(key)  # literal, name, literal, name, ..., literal
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
        )
        found.append((len(literal), re.compile(regex, re.DOTALL), key))
    found.sort(key=lambda item: -item[0])
    return tuple((pattern, key) for _, pattern, key in found)


def status_symbol(status: Status) -> str:
    return _SYMBOLS[status]


@functools.cache
def get_language(code: str = DEFAULT_LANGUAGE) -> Language:
    """The Language for nb, nn or en, with its compiled catalogue (English has none)."""
    if code not in LANGUAGES:
        raise InputError(
            N_("{code}: not a language planscan speaks (nb, nn or en)"),
            code=code,
        )
    translations = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[code], fallback=code == DEFAULT_LANGUAGE
    )
    return Language(code, translations)


def language_of_locale(value: str) -> str | None:
    """nb for nb_NO.UTF-8, no_NO, nb; nn for nn_NO; en for other real locales; None if empty."""
    if not value:
        return None
    name = value.split(".")[0].split("@")[0].split("_")[0].split("-")[0].lower()
    if name in ("nb", "no"):
        return "nb"
    if name == "nn":
        return "nn"
    return DEFAULT_LANGUAGE


def choose_language(option: str | None, environ: Mapping[str, str]) -> str:
    """--lang, else PLANSCAN_LANG, else the locale (LC_ALL, LC_MESSAGES, LANG), else en."""
    if option:
        return get_language(option).code
    chosen = environ.get("PLANSCAN_LANG", "")
    if chosen:
        if chosen not in LANGUAGES:
            raise InputError(
                N_("PLANSCAN_LANG={value}: not a language planscan speaks (nb, nn or en)"),
                value=chosen,
            )
        return chosen
    for variable in _LOCALE_VARIABLES:
        language = language_of_locale(environ.get(variable, ""))
        if language is not None:
            return language
    return DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=1)
def _words_of_statuses() -> dict[str, Status]:
    words: dict[str, Status] = {status.value: status for status in Status}
    for code in LANGUAGES:
        language = get_language(code)
        for status in Status:
            words.setdefault(language.status_word(status).casefold(), status)
    return words


def status_of_word(word: str) -> Status | None:
    """The status a word names in any of the three languages (gul, raud, green, grønn)."""
    return _words_of_statuses().get(" ".join(word.split()).casefold())
