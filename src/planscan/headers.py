"""Recognise running headers and footers: lines that repeat at the top or bottom of pages.

A plan's title in the header of every page ("Boligsosial handlingsplan 2017–2020") is one
statement, not forty. Its hits are listed once, marked as repeated, and not counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from planscan.match import find_hits, index_document
from planscan.models import Hit, KeywordSet
from planscan.normalize import normalize_text

EDGE_LINES = 3  # lines at the top and at the bottom of a page where headers and footers stand
MIN_PAGES = 4  # a line must repeat on at least this many pages ...
MIN_SHARE = 0.4  # ... and on this share of all pages (odd and even pages may differ)
MAX_CHARS = 150  # a header is a short line, not a paragraph

_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def line_key(line: str) -> str:
    """The form in which header lines compare equal: page numbers masked, spacing collapsed."""
    return _DIGITS.sub("#", _SPACES.sub(" ", line).strip()).casefold()


def _edges(page: str) -> list[str]:
    lines = [line for line in page.splitlines() if line.strip()]
    if len(lines) <= 2 * EDGE_LINES:
        return lines
    return lines[:EDGE_LINES] + lines[-EDGE_LINES:]


def mark_repeated(pages: Sequence[str]) -> frozenset[str]:
    """Given raw page texts, return the keys (see line_key) of their running header lines."""
    if len(pages) < MIN_PAGES:
        return frozenset()
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({line_key(line) for line in _edges(page) if len(line.strip()) <= MAX_CHARS})
    needed = max(MIN_PAGES, MIN_SHARE * len(pages))
    return frozenset(key for key, pages_with in seen.items() if pages_with >= needed)


@dataclass(frozen=True)
class RunningText:
    """Pages without their running header lines, and those lines with the first page (1-based)."""

    pages: tuple[str, ...]
    lines: tuple[tuple[str, int], ...]


def split_running(pages: Sequence[str]) -> RunningText:
    """Remove running header and footer lines from the edges of each page."""
    repeated = mark_repeated(pages)
    if not repeated:
        return RunningText(tuple(pages), ())
    first_seen: dict[str, tuple[str, int]] = {}
    content = []
    for number, page in enumerate(pages, start=1):
        lines = page.splitlines()
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edges = set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])
        kept = []
        for i, line in enumerate(lines):
            key = line_key(line)
            if i in edges and key in repeated:
                first_seen.setdefault(key, (line.strip(), number))
            else:
                kept.append(line)
        content.append("\n".join(kept))
    return RunningText(tuple(content), tuple(first_seen.values()))


def running_hits(lines: Sequence[tuple[str, int]], keywords: KeywordSet) -> tuple[Hit, ...]:
    """The hits in running header lines, each listed once, on the first page it stands on."""
    if not lines:
        return ()
    index = index_document([normalize_text(text) for text, _ in lines])
    return tuple(
        replace(hit, page=lines[hit.page - 1][1], repeated=True)
        for term_hits in find_hits(index, keywords).values()
        for hit in term_hits
    )
