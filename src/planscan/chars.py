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
# The letters fold() writes otherwise. No spelling holds a letter of the table, so each
# letter is replaced on its own, in any order.
_FOLDED_LETTERS = (
    ("æ", "ae"), ("ø", "o"), ("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), ("è", "e"),
)  # fmt: skip


def drop_invisible(text: str) -> str:
    """Remove the invisible and control characters of a text (a page, a page label)."""
    return _INVISIBLE.sub("", text)


def fold(text: str) -> str:
    """Lower-case a word (or a text) and write æ/ø/å as ae/o/a, as damaged or ASCII-only
    text does.

    str.replace for each of the few letters it rewrites, where one is there at all: several
    times quicker than str.translate, which looks every character up, on a word as on a
    county's vocabulary joined into one string (matching and judging fold both, often).
    """
    text = text.casefold()
    for letter, spelled in _FOLDED_LETTERS:
        if letter in text:
            text = text.replace(letter, spelled)
    return text


# What a terminal would act on rather than show: C0 and C1 control characters (ESC starts
# the sequences that recolour, retitle, hide lines or forge links), line and paragraph
# breaks (a name with a newline could forge a whole "planscan: ..." line), and the bidi
# overrides and isolates that reorder what follows them on screen.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_UNSAFE_BUT_LINES = re.compile(_UNSAFE.pattern.replace("\x00-\x1f", "\x00-\x09\x0b-\x1f"))


def terminal_safe(text: str, keep_lines: bool = False) -> str:
    """Given text from outside (a name, a path, a URL, a message), return it with every
    character a terminal would act on written visibly: ESC as \\x1b, a newline as \\n.

    keep_lines keeps line feeds as they are: for text whose lines are already its own (a
    passage of a document) and for rendered output, whose line breaks are planscan's."""
    return (_UNSAFE_BUT_LINES if keep_lines else _UNSAFE).sub(_escaped, text)
