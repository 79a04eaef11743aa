"""Turn extracted text into the normalised text that matching reads. Standard library only."""

from __future__ import annotations

import re
import unicodedata

from planscan.chars import drop_invisible

_PDFIUM_HYPHEN = re.compile("\ufffe[ \\t]*\\n?")
_SOFT_HYPHEN_BREAK = re.compile("\u00ad[ \\t]*\\n[ \\t]*")

# Words after which a line-end hyphen is a suspended compound, not a broken word:
# "bolig- og næringsareal", "helse- eller omsorgstjenester".
_SUSPENDED_BEFORE = frozenset({"og", "eller", "samt", "enn", "and", "or", "til", "som"})

# A hyphen at a line end between two word characters. Anchored on the hyphen (not on the
# word before it) so the scan stays linear on long texts.
_HYPHEN_BREAK = re.compile(r"[-\u2010\u2011](?<=\w.)[ \t]*\n[ \t]*(?=\w)")
_WORD_BEFORE = re.compile(r"\w+$")
_WORD_AFTER = re.compile(r"\w+")

# pdftotext prints bold running headers that the PDF draws twice as doubled letters:
# "KKOOMMMMUUNNEEPPLLAANN" for "KOMMUNEPLAN". A token of three or more doubled characters,
# with at least one letter, is such a double strike.
_DOUBLED = re.compile(r"(\S)\1(?:(\S)\2){2,}")
# The same after a whitespace character: only a whole token is undoubled, so only a match at
# a token's start matters, and a pattern that starts with \s lets re skip in C to the next
# whitespace instead of trying the pattern at every character (half the time on real plans).
_DOUBLED_AFTER_SPACE = re.compile(r"(\s)((\S)\3(?:(\S)\4){2,})")

# Bump when normalize_text() changes: cached texts made by an older version are not used.
# 4: line breaks are kept (as one "\n"), so passages can follow lists, headings and tables.
NORMALIZE_VERSION = 4


def normalize_text(raw: str) -> str:
    """Given raw extracted text, return it NFKC-normalised, with broken words rejoined.

    Line-end hyphens are removed where a word was broken ("bolig-\\nsosiale") and kept
    where they mark a suspended compound ("bolig- og næringsareal") or follow an
    upper-case abbreviation ("UU-\\nkrav"). Doubled letters of a double-struck header
    are single again ("BBOOLLIIGG" -> "BOLIG"). Whitespace runs become one space, or one line
    break ("\\n") where they held a line break; empty lines are dropped.
    """
    text = raw if unicodedata.is_normalized("NFKC", raw) else unicodedata.normalize("NFKC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = undouble(text)
    if "\ufffe" in text:
        # pdfium writes a line-end hyphen as U+FFFE and drops the line break: restore both,
        # so one rule decides for every engine whether the hyphen joins a broken word.
        text = _PDFIUM_HYPHEN.sub("-\n", text)
    if "\u00ad" in text:
        # A soft hyphen at a line end: the word goes on on the next line.
        text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = drop_invisible(text)
    text = _HYPHEN_BREAK.sub(_join_broken_word, text)
    return tidy_whitespace(text)


def tidy_whitespace(text: str) -> str:
    """Whitespace runs become one space, or one line break where they held one; empty lines
    are dropped: the text is the same length as with spaces only, and passages can still see
    lines."""
    # Most pages are tidy already (four in five of the county benchmark's): a few scans in C
    # tell, where splitting every line and joining its words again takes five times longer.
    # Without any other whitespace (not printable, as are the other line ends), single spaces
    # inside lines and no empty line or whitespace at either end is the result itself.
    if (
        "  " not in text
        and " \n" not in text
        and "\n " not in text
        and "\n\n" not in text
        and text[:1] not in (" ", "\n")
        and text[-1:] not in (" ", "\n")
        and text.replace("\n", "").isprintable()
    ):
        return text
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def undouble(text: str) -> str:
    """Write double-struck tokens ("KKOOMMMMUUNNEE") with single letters ("KOMMUNE")."""
    text = _DOUBLED_AFTER_SPACE.sub(_undouble_after_space, text)
    first = _DOUBLED.match(text)  # the text's first token, with no whitespace before it
    return text if first is None else _undouble_token(first) + text[first.end() :]


def _undouble_after_space(match: re.Match[str]) -> str:
    return match.group(1) + _whole_token_undoubled(match.group(2), match.string, match.end())


def _undouble_token(match: re.Match[str]) -> str:
    token, text = match.group(0), match.string
    # Only a whole token counts: the match must stand between whitespace (checked here,
    # not in the pattern, so the pattern is tried only where a letter is doubled).
    start = match.start()
    if start and not text[start - 1].isspace():
        return token
    return _whole_token_undoubled(token, text, match.end())


def _whole_token_undoubled(token: str, text: str, end: int) -> str:
    """A doubled token ending at `end` in the text, with single letters if it is a whole
    token (the text or a whitespace goes on after it) with a letter in it; else as it is."""
    if end < len(text) and not text[end].isspace():
        return token  # a token that goes on: not double-struck as a whole
    return token[::2] if any(c.isalpha() for c in token) else token


def _join_broken_word(match: re.Match[str]) -> str:
    text = match.string
    head_match = _WORD_BEFORE.search(text, max(0, match.start() - 64), match.start())
    tail_match = _WORD_AFTER.match(text, match.end())
    head = head_match.group() if head_match else ""
    tail = tail_match.group() if tail_match else ""
    if tail.casefold() in _SUSPENDED_BEFORE:
        return "- "
    if not tail[:1].islower() or head.isupper():
        return "-"
    return ""
