"""What planscan does to single characters: fold æ/ø/å, drop invisible and control
characters. Standard library only; every stage may use it."""

from __future__ import annotations

import re

# Characters that split a word without being part of it: soft hyphen, zero-width space and
# joiners, word joiner, BOM. And the control characters that are not whitespace: noise from
# broken font encodings, which a CSV file cannot hold (NUL) nor a spreadsheet, and which in a
# terminal would let a hostile PDF's escape sequences rewrite the screen. Those str.split()
# takes for whitespace (\t \n \v \f \r, \x1c-\x1f, \x85) become spaces at the end instead.
_INVISIBLE = re.compile(
    "[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]"
)
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e"})


def drop_invisible(text: str) -> str:
    """Remove the invisible and control characters of a text (a page, a page label)."""
    return _INVISIBLE.sub("", text)


def fold(word: str) -> str:
    """Lower-case a word and write æ/ø/å as ae/o/a, as damaged or ASCII-only text does."""
    return word.casefold().translate(_FOLD)
