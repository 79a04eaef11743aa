"""Turn extracted text into the normalised text that matching reads. Standard library only."""

from __future__ import annotations

import re
import unicodedata

# Characters that split a word without being part of it: soft hyphen, zero-width space and
# joiners, word joiner, BOM, and the U+FFFE that pdfium leaves at a line-end hyphenation.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_PDFIUM_HYPHEN = "\ufffe"

# Words after which a line-end hyphen is a suspended compound, not a broken word:
# "bolig- og næringsareal", "helse- eller omsorgstjenester".
_SUSPENDED_BEFORE = frozenset({"og", "eller", "samt", "enn", "and", "or", "til", "som"})

# pdftotext prints bold running headers that the PDF draws twice as doubled letters:
# "KKOOMMMMUUNNEEPPLLAANN" for "KOMMUNEPLAN". A token of three or more doubled characters,
# with at least one letter, is such a double strike.
_DOUBLED = re.compile(r"(?<!\S)(?:(\S)\1){3,}(?!\S)")

_HYPHEN_BREAK = re.compile(r"(\w+)[-\u2010\u2011]\s*\n\s*(\w+)")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_]+")

_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e"})


def normalize_text(raw: str) -> str:
    """Given raw extracted text, return it NFKC-normalised, with broken words rejoined.

    Line-end hyphens are removed where a word was broken ("bolig-\\nsosiale") and kept
    where they mark a suspended compound ("bolig- og næringsareal") or follow an
    upper-case abbreviation ("UU-\\nkrav"). Doubled letters of a double-struck header
    are single again ("BBOOLLIIGG" -> "BOLIG"). Whitespace runs become one space.
    """
    text = unicodedata.normalize("NFKC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = undouble(text)
    # A soft hyphen or pdfium's hyphen mark at a line end: the word goes on on the next line.
    text = re.sub(r"[\u00ad\ufffe][ \t]*\n[ \t]*", "", text)
    text = text.replace(_PDFIUM_HYPHEN, "").translate(_INVISIBLE)
    text = _HYPHEN_BREAK.sub(_join_broken_word, text)
    return _SPACES.sub(" ", text).strip()


def undouble(text: str) -> str:
    """Write double-struck tokens ("KKOOMMMMUUNNEE") with single letters ("KOMMUNE")."""
    return _DOUBLED.sub(_undouble_token, text)


def _undouble_token(match: re.Match[str]) -> str:
    token = match.group(0)
    return token[::2] if any(c.isalpha() for c in token) else token


def _join_broken_word(match: re.Match[str]) -> str:
    head, tail = match.group(1), match.group(2)
    if tail.casefold() in _SUSPENDED_BEFORE or not tail[0].islower() or head.isupper():
        return f"{head}- {tail}" if tail.casefold() in _SUSPENDED_BEFORE else f"{head}-{tail}"
    return head + tail


def fold(word: str) -> str:
    """Lower-case a word and write æ/ø/å as ae/o/a, as damaged or ASCII-only text does."""
    return word.casefold().translate(_FOLD)


def words(text: str) -> list[re.Match[str]]:
    """Return the word tokens of normalised text: runs of letters (digits and hyphens split)."""
    return list(_WORD.finditer(text))
