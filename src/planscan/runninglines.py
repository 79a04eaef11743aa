"""Running headers and footers: lines a PDF repeats on most of its pages. Standard library only.

A plan's title in the header ("Boligsosial plan for Kongsberg kommune", on 33 of 44 pages)
or a footer naming the plan ("Plan for bosetting og integrering av flyktninger") would
otherwise count as a hit on every page. Detection is line-based, on the raw page texts
(normalisation joins lines), and the lines found are then located in the normalised texts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from planscan.normalize import normalize_text, undouble

# A line is a running header or footer when it stands on at least this share of the pages
# and on at least DEFAULT_MIN_PAGES of them. Left and right pages often carry different
# headers (the plan's title on one, the chapter on the other), so each appears on about
# half the pages: "most pages" would miss them.
DEFAULT_MIN_SHARE = 0.4
DEFAULT_MIN_PAGES = 3
# Headers and footers are short; a long line repeated on many pages is body text (and
# pdftotext writes whole paragraphs as one line).
MAX_LINE_WORDS = 15
MIN_KEY_LETTERS = 3
# pdftotext sometimes runs a header into the first body line ("Boligsosialplan for
# Kongsberg kommune 2023-2030 De årlige budsjettvedtakene ..."). A line that starts with a
# running line of at least this many letters, up to a word boundary, starts with that header.
MIN_JOINED_KEY_LETTERS = 10
# Running headers and footers stand in the first and last few lines of a page's text; only
# those are looked at (a tenth of the work on a long plan).
EDGE_LINES = 4

_NOT_LETTERS = re.compile(r"[\W\d_]+")

Span = tuple[int, int]
# A page's first and last lines (with their line ends): where running lines stand. All a
# parent process needs to find running lines across the parts two readers read.
Edges = tuple[tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=8192)  # running lines recur on page after page
def line_key(line: str) -> str:
    """The letters of a line, lower case: page numbers, dates and spacing do not count.

    "Side 3 av 22" and "Side 4 av 22" have the same key, and so do a header and its
    double-struck copy ("KKOOMMMMUUNNEE 1111").
    """
    return _NOT_LETTERS.sub("", undouble(line).casefold())


def find_running_lines(
    pages: Sequence[str],
    *,
    min_share: float = DEFAULT_MIN_SHARE,
    min_pages: int = DEFAULT_MIN_PAGES,
) -> frozenset[str]:
    """Given raw page texts, return the keys (see line_key) of lines repeated on most pages."""
    return running_keys([page_edges(page) for page in pages], min_share, min_pages)


def running_keys(
    edges: Sequence[Edges],
    min_share: float = DEFAULT_MIN_SHARE,
    min_pages: int = DEFAULT_MIN_PAGES,
) -> frozenset[str]:
    """Given each page's edges (see page_edges), return the keys of its running lines."""
    return running_keys_from_counts(key_counts(edges), len(edges), min_share, min_pages)


def key_counts(edges: Sequence[Edges]) -> Counter[str]:
    """On how many of the pages each candidate line key stands (added up over the parts of
    a document, these are the whole document's counts)."""
    seen: Counter[str] = Counter()
    for top, bottom in edges:
        seen.update({key for key in map(_candidate_key, top + bottom) if key})
    return seen


def running_keys_from_counts(
    seen: Counter[str],
    pages: int,
    min_share: float = DEFAULT_MIN_SHARE,
    min_pages: int = DEFAULT_MIN_PAGES,
) -> frozenset[str]:
    """The running lines' keys, given key_counts() over a document of `pages` pages."""
    needed = max(min_pages, min_share * pages)
    return frozenset(key for key, count in seen.items() if count >= needed)


def find_repeated_spans(
    raw_pages: Sequence[str],
    normalized_pages: Sequence[str],
    *,
    min_share: float = DEFAULT_MIN_SHARE,
    min_pages: int = DEFAULT_MIN_PAGES,
) -> tuple[tuple[Span, ...], ...]:
    """Given raw page texts and their normalize_text() forms, return for each page the
    (start, end) character spans of its running headers and footers in the normalised text.
    """
    edges = [page_edges(raw) for raw in raw_pages]
    return spans_from_edges(edges, normalized_pages, running_keys(edges, min_share, min_pages))


def spans_from_edges(
    edges: Sequence[Edges], normalized_pages: Sequence[str], keys: frozenset[str]
) -> tuple[tuple[Span, ...], ...]:
    """Given pages' edges, their normalised texts and the running lines' keys, return each
    page's running-line spans in its normalised text."""
    if not keys:
        return tuple(() for _ in edges)
    return tuple(
        _spans_in_page(page, normalized, keys)
        for page, normalized in zip(edges, normalized_pages, strict=True)
    )


def page_edges(page: str) -> Edges:
    """The lines where running headers and footers stand: the first and last few."""
    lines = page.splitlines(keepends=True)
    return tuple(lines[:EDGE_LINES]), tuple(lines[max(EDGE_LINES, len(lines) - EDGE_LINES) :])


@lru_cache(maxsize=8192)
def _candidate_key(line: str) -> str:
    if len(line.split()) > MAX_LINE_WORDS:
        return ""
    key = line_key(line)
    return key if len(key) >= MIN_KEY_LETTERS else ""


def _spans_in_page(edges: Edges, normalized: str, keys: frozenset[str]) -> tuple[Span, ...]:
    spans: list[Span] = []
    joinable = [key for key in keys if len(key) >= MIN_JOINED_KEY_LETTERS]
    top, bottom = edges
    for number, line in enumerate(top + bottom):
        key = _candidate_key(line)
        if key in keys:
            target = _normalized_line(line)
        elif joinable and any(line_key(line).startswith(k) for k in joinable):
            # Only lines that start like a running header are looked at letter by letter.
            target = _normalized_line(_joined_header(undouble(line), joinable))
        else:
            continue
        if not target:
            continue
        # Where the line stands in the normalised page: a header line is the first place
        # its text occurs (nothing comes before it but other header lines), a footer line the
        # last. Normalising the text before the line would find it too, at ten times the cost.
        if number < len(top):
            near = len(_normalized_line("".join(top[:number]))) if number else 0
            found = normalized.find(target, max(0, near - 3))
        else:
            found = normalized.rfind(target)
        if found < 0:
            found = normalized.find(target)
        if found >= 0 and (found, found + len(target)) not in spans:
            spans.append((found, found + len(target)))
    return tuple(spans)


# Running lines recur on page after page: each is normalised once.
_normalized_line = lru_cache(maxsize=8192)(normalize_text)


def _joined_header(line: str, keys: list[str]) -> str:
    """The start of a line that is a running header run into body text, or ""."""
    letters = [i for i, c in enumerate(line) if not _NOT_LETTERS.fullmatch(c)]
    key = "".join(line[i] for i in letters).casefold()
    if len(key) != len(letters):  # a letter whose case folding is longer ("ß")
        return ""
    for running in keys:
        if len(running) >= len(key):
            continue
        if not key.startswith(running):
            continue
        end = letters[len(running) - 1] + 1
        if end < len(line) and line[end].isalpha():
            continue  # "Planstrategien ..." does not start with "Planstrategi"
        return line[: letters[len(running)]]  # with the page number or year after it
    return ""
