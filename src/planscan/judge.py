"""Read the text around the hits as an auditor does: passages, what each one is, and the colour.

The report's method is to search with the words, read the text where they occur and judge.
This module does the reading: every hit and every housing-social indicator belongs to a
passage (its sentence, list item, table row or heading, under the heading it stands under);
each passage is housing-social, general housing, or not counted (another sense of the word,
a title in a list of plans or sources, a table of contents, a dropped or negated task); and
the colour comes from the housing-social passages, with goals and measures weighing more
than background text. The rules and their reasons are in keywords.yaml (judgement).

Pure, standard library only: normalised page texts and positions in, passages and a
Judgement out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, groupby
from operator import itemgetter
from os.path import commonprefix
from typing import NamedTuple

from planscan.chars import fold
from planscan.models import (
    Indicator,
    Judgement,
    JudgementRules,
    KeywordSet,
    Passage,
    PassageClass,
    Status,
    Strength,
)

Position = tuple[int, int, int]  # page (0-based), start, end in the page's text

# A list item: a bullet, a dash, or a number or letter with "." or ")" ("1.", "a)", "(2)").
_ITEM = re.compile(
    r"^(?:[•●▪■◦‣∙·○□➢❖►✓✔\uf0b7\uf0a7\uf0d8\uf076\uf0fc*–—-]+|\(?\d{1,2}[.)]|\(\d{1,2}\)"
    r"|\(?[a-zæøå][.)])\s*"
)
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})+\.?\s")  # "3.1 Bosetting", "2.1.4 Mål"
_DOT_LEADER = re.compile(r"(?:\.\s?){5,}|…{2,}|_{5,}")
_ENDS_WITH_NUMBER = re.compile(r"\s\d{1,3}$")
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
# Bullets that pdftotext leaves inside a line when it runs several list items together.
_INLINE_BULLETS = ("•", "▪", "●", "■", "➢", "◦", "\uf0b7", "\uf0a7", "\uf0d8")
_INLINE_BULLET = re.compile("[" + "".join(_INLINE_BULLETS) + "]")
_WORD = re.compile(r"[^\W\d_]+")
# A passage is never longer than this many characters on either side of what it is for:
# flattened tables and pages without punctuation have no sentence ends to stop at.
_REACH = 320
_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 100
_MAX_TITLE_WORDS = 16  # a line naming a plan or document is short
_TITLE_HEAD_WORDS = 3  # and says what kind of document it is among its first words
_HEADING_PAGES_BACK = 2  # a heading is looked for this many pages back
_MAX_CONTENTS_HEADING_CHARS = 40  # "Innholdsfortegnelse", "Innhold:"
_PARTS = 10  # the text is cut in tenths to see how far housing-social passages spread


# What a line is (bit flags).
_F_HEADING, _F_ITEM, _F_CONTENTS = 1, 2, 4
_BULLET_CHARS = frozenset("•●▪■◦‣∙·○□➢❖►✓✔*–—-\uf0b7\uf0a7\uf0d8\uf076\uf0fc")
_ENDS = (".", "!", "?", ":")


class _Page:
    """A page's lines and sentence ends, worked out once when a passage on it is asked for.

    Only what passages need is kept: where each line starts, the lines that break prose
    (headings, list items, table-of-contents lines) and where sentences end; every lookup
    is then a bisection.
    """

    __slots__ = (
        "text",
        "starts",
        "lengths",
        "flags",
        "breaks",
        "sentence_ends",
        "headings",
        "bullets",
        "bullet_offsets",
    )

    def __init__(self, text: str, rules: _Rules) -> None:
        self.text = text
        lines = text.split("\n")
        self.lengths = lengths = list(map(len, lines))
        # Each line starts after the ones before it and their line breaks (summed in C).
        self.starts = list(accumulate(map((1).__add__, lengths), initial=0))
        self.starts.pop()
        self.flags = flags = [0] * len(lines)
        self.breaks: list[int] = []
        self.headings: list[int] = []
        contents_page = any(rules.is_contents_heading(line) for line in lines[:8])
        previous_end = True  # the page's first line follows nothing
        open_line = lead_in = False  # the line before ends mid-sentence / with a colon
        for number, line in enumerate(lines):
            if not contents_page and (
                (
                    line[:1].islower()
                    and line[1:2] not in (".", ")")
                    and "..." not in line
                    and "…" not in line
                )
                or (
                    line[:1].isupper()
                    and (len(line) > _MAX_HEADING_CHARS or line.endswith((".", ",", ";")))
                    and not _may_hold_dot_leader(line)
                )
            ):
                # A line that carries on a sentence (most lines of prose), or one that starts
                # a sentence and is too long for a heading or ends as no heading does (see
                # _looks_like_heading), with no list marker or dot leader: it breaks nothing,
                # is no heading, and does not start with a digit, whatever the line before.
                ended = line.endswith(_ENDS)
                lead_in = ended and line[-1] == ":"
                previous_end = ended
                open_line = not ended
                continue
            key = (line, previous_end, open_line, lead_in, contents_page)
            read = _LINES.get(key)
            if read is None:
                # Two lines in three that come here recur (table cells, years, "Tiltak:"):
                # what a line is, given the line before, and what it leaves for the line after
                # are worked out once per process.
                if len(_LINES) >= _LINES_MAX:
                    _LINES.clear()
                read = _LINES[key] = _read_line(*key)
            flag, previous_end, open_line, lead_in = read
            if flag:
                flags[number] = flag
                self.breaks.append(number)
                if flag & _F_HEADING:
                    self.headings.append(number)
        self.sentence_ends: list[int] | None = None  # worked out once a sentence is asked for
        self.bullets = any(bullet in text for bullet in _INLINE_BULLETS)
        self.bullet_offsets: list[int] | None = None  # where they stand, once asked for

    def segment_of(self, start: int, end: int) -> tuple[int, int]:
        """The passage that holds [start, end): its heading or contents line, its list item
        with the lines that carry it on, or its sentence (cut in pieces of at most
        2 × _REACH characters where a table has no full stops), and within a line that holds
        several bullet points, its bullet point. The same for every position in it."""
        flags, starts = self.flags, self.starts
        first = self.line_at(start)
        flag = flags[first]
        if flag & (_F_HEADING | _F_CONTENTS):
            low, high = starts[first], self.line_end(first)
        else:
            top = first if flag & _F_ITEM else self._item_above(first)
            if top is not None:
                bottom = top
                while (
                    bottom + 1 < len(flags)
                    and bottom - top < 4
                    and not flags[bottom + 1]
                    and self.ends_open(bottom)
                ):
                    bottom += 1
                low, high = starts[top], self.line_end(max(bottom, self.line_at(end - 1)))
            else:
                low, high = self._sentence(first, start, end)
        if self.bullets:
            low, high = self._bullet_point(low, high, start, end)
        text = self.text
        while low < start and text[low].isspace():
            low += 1
        while high > end and text[high - 1].isspace():
            high -= 1
        return low, max(high, end)

    def _sentence(self, line: int, start: int, end: int) -> tuple[int, int]:
        """The sentence of prose around [start, end), inside its block of prose lines."""
        breaks, ends = self.breaks, self.sentence_ends
        if ends is None:
            ends = self.sentence_ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        at = bisect_right(breaks, line)
        block_low = self.line_end(breaks[at - 1]) + 1 if at else 0
        block_high = self.starts[breaks[at]] - 1 if at < len(breaks) else len(self.text)
        before = bisect_right(ends, start) - 1
        low = ends[before] + 1 if before >= 0 and ends[before] + 1 > block_low else block_low
        after = bisect_left(ends, end)
        high = ends[after] if after < len(ends) and ends[after] <= block_high else block_high
        if high - low > 2 * _REACH:
            # A table or a list without full stops: pieces of fixed size from its start, so
            # that every position in one piece finds the same passage.
            piece = (start - low) // (2 * _REACH)
            low, high = low + piece * 2 * _REACH, min(high, low + (piece + 1) * 2 * _REACH)
        return low, high

    def _item_above(self, number: int) -> int | None:
        """The list item a line carries on (a wrapped bullet point), if any."""
        for above in range(number - 1, max(-1, number - 3), -1):
            if self.flags[above] & _F_HEADING or not self.ends_open(above):
                return None
            if self.flags[above] & _F_ITEM:
                return above
        return None

    def _bullet_point(self, low: int, high: int, start: int, end: int) -> tuple[int, int]:
        """[low, high) cut at the inline bullets nearest before start and after end."""
        offsets = self.bullet_offsets
        if offsets is None:
            # Found once for the page and then bisected: a page of bullet points asks for
            # many passages, and looking for each bullet in each passage cost more.
            offsets = self.bullet_offsets = [m.start() for m in _INLINE_BULLET.finditer(self.text)]
        before = bisect_left(offsets, start) - 1
        if before >= 0 and offsets[before] > low:
            low = offsets[before]
        after = bisect_left(offsets, end)
        return low, offsets[after] if after < len(offsets) and offsets[after] < high else high

    def line_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def line_end(self, number: int) -> int:
        return self.starts[number] + self.lengths[number]

    def line_text(self, number: int) -> str:
        return self.text[self.starts[number] : self.line_end(number)]

    def ends_open(self, number: int) -> bool:
        """The line ends mid-sentence: no full stop, colon or semicolon, not a heading."""
        end = self.line_end(number)
        return end > self.starts[number] and self.text[end - 1] not in ".!?:;"


# A line and what the line before it left (see _read_line) -> what _read_line returns.
_LINES: dict[tuple[str, bool, bool, bool, bool], tuple[int, bool, bool, bool]] = {}
_LINES_MAX = 100_000


def forget_lines() -> None:
    """Empty the memories of lines and headings met in this process, as in a new reader
    (benchmarks)."""
    _LINES.clear()
    for rules in _COMPILED.values():
        rules.headings.clear()


def _read_line(
    line: str, previous_end: bool, open_line: bool, lead_in: bool, contents_page: bool
) -> tuple[int, bool, bool, bool]:
    """A line's flags, given what the line before it left, and what it leaves for the line
    after it: whether that follows the end of a sentence, a heading or a list item
    (previous_end), a line that ends mid-sentence (open_line), or a colon that leads in a
    list (lead_in: not a numbered heading such as "2.1 Mål:")."""
    flag = _line_flags(line, previous_end, open_line, lead_in, contents_page)
    ended = line.endswith(_ENDS)
    lead_in = line.endswith(":") and not (line[:1].isdigit() and _SECTION_NUMBER.match(line))
    if flag & _F_HEADING:
        read = (flag, True, False, lead_in)
    else:
        read = (flag, bool(flag & _F_ITEM) or ended, not ended, lead_in)
    # There are a few dozen such results: each is kept once, so that the line memory (up to
    # _LINES_MAX lines in a reader with little memory to spare) holds no more than its keys.
    return _READS.setdefault(read, read)


_READS: dict[tuple[int, bool, bool, bool], tuple[int, bool, bool, bool]] = {}


def _line_flags(
    line: str, previous_end: bool, open_line: bool, lead_in: bool, contents_page: bool
) -> int:
    """A line's flags; quick string tests first, regular expressions only where they help."""
    if not line:
        return 0
    first = line[0]
    numbered = first.isdigit() and _SECTION_NUMBER.match(line) is not None
    item = False
    if first in _BULLET_CHARS or (
        not numbered and (first.isdigit() or first == "(" or line[1:2] in (".", ")"))
    ):
        marker = _ITEM.match(line)
        item = marker is not None
        if marker is not None and open_line and line[marker.end() : marker.end() + 1].islower():
            # "(4) tredje boligsektor)": a flattened table's number in front of the rest
            # of the line above, not a new item.
            item = False
    if _may_hold_dot_leader(line) and _DOT_LEADER.search(line):
        return _F_CONTENTS
    if contents_page and _ENDS_WITH_NUMBER.search(line):
        return _F_CONTENTS
    # A line after "Kilder:" or "Tiltak:" is the first entry of a list, not a heading.
    if not lead_in and _looks_like_heading(line, previous_end, item, numbered):
        return _F_HEADING
    return _F_ITEM if item else 0


def _may_hold_dot_leader(line: str) -> bool:
    """What _DOT_LEADER needs, looked for quickly before it is searched for."""
    return "..." in line or ". ." in line or "…" in line or "___" in line


def _looks_like_heading(line: str, after_an_end: bool, item: bool, numbered: bool) -> bool:
    """A short line that starts a section: "3.1 Bosetting", "Tiltak:", "BOLIGSOSIALT ARBEID"."""
    if len(line) > _MAX_HEADING_CHARS or (item and not numbered):
        return False
    if not numbered and line.endswith((".", ",", ";")):
        return False
    if line.count(" ") >= _MAX_HEADING_WORDS:
        return False
    stripped = line.strip()
    if not (numbered or after_an_end or stripped.endswith(":") or stripped.isupper()):
        return False
    letters = sum(map(str.isalpha, stripped))
    if letters < 3 or letters < len(stripped) / 2:
        return False
    if not numbered:
        first = next((c for c in stripped if c.isalpha()), "")
        if not first.isupper():
            return False
    return True


@dataclass(frozen=True)
class _WordList:
    """Words (and phrases) of keywords.yaml found in a text case- and æøå-insensitively: at
    the start of a word, or (whole) only as whole words ("skal", not "skaleres")."""

    # The forms (the longest that matches) without "not after a letter or digit", which
    # search() checks itself: a pattern that starts with a lookbehind is tried at every
    # position, one that starts with its forms skips to where their first letters stand.
    pattern: re.Pattern[str] | None
    written: dict[str, str]  # folded form -> as keywords.yaml writes it, for messages

    @classmethod
    def of(cls, words: Iterable[str], whole: bool = False) -> _WordList:
        written = {" ".join(fold(w).split()): w.strip() for w in words if w.strip()}
        if not written:
            return cls(None, {})
        end = r"(?![^\W_])" if whole else ""
        return cls(re.compile(f"(?:{_alternatives(written)}){end}"), written)

    def search(self, folded_text: str) -> str | None:
        """The first listed word the (folded) text contains at the start of a word, as the
        list writes it, or None."""
        if self.pattern is None:
            return None
        found = self.pattern.search(folded_text)
        while found is not None and _AFTER_WORD.match(folded_text, found.start()) is None:
            found = self.pattern.search(folded_text, found.start() + 1)
        if found is None:
            return None
        return self.written.get(" ".join(found.group().split()), found.group())


def _alternatives(forms: Iterable[str]) -> str:
    """A pattern for any of the forms, where forms that start alike share their start,
    "ikk(?:e viderefort|je vidarefort)", and a space stands for any run of spaces.

    re tries a pattern's alternatives one after the other at each place where one may
    start: thirteen words written out were thirteen tries at most places, and the searches
    were nearly half of deciding a passage. A shared start is tried once, and where one form
    is the start of another ("mal", "malsetting") the longer is tried first: the form found
    at a place is the longest that matches there, as when the forms were tried longest first.
    """
    in_order = sorted(set(forms))  # "" first: a form ends here
    branches = []
    # The forms with the same first letter: their longest shared start, then the
    # alternatives for what follows it in each ("" where one of them ends there).
    for _, same_first in groupby((form for form in in_order if form), key=itemgetter(0)):
        alike = list(same_first)
        shared = alike[0] if len(alike) == 1 else commonprefix(alike)
        branch = re.escape(shared).replace(r"\ ", r"\s+")
        if len(alike) > 1:
            branch += _alternatives([form[len(shared) :] for form in alike])
        branches.append(branch)
    if not branches:
        return ""
    longer = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{longer})?" if in_order[0] == "" else longer


# Not after a letter or digit: where a listed word may start.
_AFTER_WORD = re.compile(r"(?<![^\W_])")


class _Rules:
    """JudgementRules compiled once per keywords file."""

    def __init__(self, rules: JudgementRules) -> None:
        self.rules = rules
        self.verdict = rules.verdict
        self.indicators = {indicator.term.key: indicator for indicator in rules.indicators}
        self.needs = {
            key: _WordList.of(ind.needs) for key, ind in self.indicators.items() if ind.needs
        }
        self.other_sense = {
            key: _WordList.of(ind.other_sense)
            for key, ind in self.indicators.items()
            if ind.other_sense
        }
        self.housing = _WordList.of(rules.housing_words)
        self.contents = _WordList.of(rules.contents_headings, whole=True)
        self.references = _WordList.of(rules.reference_headings)
        self.dropped = _WordList.of(rules.dropped_words)
        self.negations = _WordList.of(rules.negations, whole=True)
        self.measure_headings = _WordList.of(rules.measure_headings, whole=True)
        self.measure_words = _WordList.of(rules.measure_words, whole=True)
        self.measure_verbs = _WordList.of(rules.measure_verbs, whole=True)
        documents = sorted({fold(w) for w in rules.document_words}, key=len, reverse=True)
        # A document word standing alone or as the end of a compound ("boligplan",
        # "handlingsplanen"): the line names a plan.
        self.document = (
            re.compile(r"(?:" + "|".join(map(re.escape, documents)) + r")(?:en|a|et)?(?![^\W_])")
            if documents
            else None
        )

        self.headings: dict[str, tuple[str, bool, str | None, bool]] = {}  # _heading_facts

    def is_contents_heading(self, line: str) -> bool:
        if len(line) > _MAX_CONTENTS_HEADING_CHARS:
            return False
        stripped = line.strip().rstrip(":")
        return len(stripped.split()) <= 3 and self.contents.search(fold(stripped)) is not None


_COMPILED: dict[int, _Rules] = {}


def _compiled(rules: JudgementRules) -> _Rules:
    key = id(rules)
    found = _COMPILED.get(key)
    if found is None or found.rules is not rules:
        if len(_COMPILED) > 32:
            _COMPILED.clear()
        found = _COMPILED[key] = _Rules(rules)
    return found


@dataclass
class _Reader:
    """Passages of one document, made as indicators and hits ask for them."""

    pages: Sequence[str]
    rules: _Rules
    page_labels: Sequence[str] | None
    read_pages: dict[int, _Page] = field(default_factory=dict)
    by_span: dict[tuple[int, int, int], int] = field(default_factory=dict)
    spans: list[tuple[int, int, int]] = field(default_factory=list)
    last_heading: dict[int, str | None] = field(default_factory=dict)

    def page(self, number: int) -> _Page:
        page = self.read_pages.get(number)
        if page is None:
            page = self.read_pages[number] = _Page(self.pages[number], self.rules)
        return page

    def span_of(self, page_number: int, start: int, end: int) -> tuple[int, int, int]:
        """The passage around [start, end) on a page: its heading line, list item or
        sentence, and within a line that holds several bullet points, its bullet point."""
        low, high = self.page(page_number).segment_of(start, end)
        return page_number, low, high

    def heading(self, page_number: int, start: int, line: int | None = None) -> str | None:
        """The nearest heading above a position, on its page or a page or two before."""
        page = self.page(page_number)
        if line is None:
            line = page.line_at(start)
        at = bisect_right(page.headings, line) - 1
        while at >= 0 and page.starts[page.headings[at]] >= start:
            at -= 1
        if at >= 0:
            return page.line_text(page.headings[at]).strip()
        for back in range(page_number - 1, max(-1, page_number - 1 - _HEADING_PAGES_BACK), -1):
            if back not in self.last_heading:
                earlier = self.page(back)
                self.last_heading[back] = (
                    earlier.line_text(earlier.headings[-1]).strip() if earlier.headings else None
                )
            if self.last_heading[back] is not None:
                return self.last_heading[back]
        return None

    def passage_index(self, span: tuple[int, int, int]) -> int:
        index = self.by_span.get(span)
        if index is None:
            index = self.by_span[span] = len(self.spans)
            self.spans.append(span)
        return index


def judge_document(
    pages: Sequence[str],
    words: int,
    keywords: KeywordSet,
    indicators: Mapping[str, Sequence[Position]],
    hit_positions: Sequence[Position] = (),
    page_labels: Sequence[str] | None = None,
    first_page: int = 0,
    keep_all: bool = True,
) -> tuple[tuple[Passage, ...], Judgement, tuple[int, ...]]:
    """Given a document's page bodies, its word count, where the indicators and hits stand
    (page numbers 0-based in `pages`), return its passages, its Judgement, and for each of
    `hit_positions` the index of its passage.

    `first_page`: the first of `pages` is this page of the document (for page numbers).
    `keep_all=False` keeps only the passages that decided the colour (a scan that lists no
    hits needs no more, and a plan full of housing-social text has thousands)."""
    part = judge_part(pages, keywords, indicators, hit_positions)
    return judge_parts(
        pages, words, keywords, [part], hit_positions, page_labels, first_page, keep_all
    )


Span = tuple[int, int, int]  # a passage: page (0-based), start, end


class JudgedPart(NamedTuple):
    """The pages of a document one reader judged (all of them, or its part of a long PDF two
    readers shared): each indicator's and hit's passage, the indicators in each passage, and
    what each passage is. Pages are counted from the document's first page, so parts join."""

    first_page: int  # the part's first page in the document (0-based)
    indicators: tuple[tuple[Position, str], ...]  # in page order
    spans: dict[Position, Span]  # each indicator's and each hit's passage
    found: dict[Span, tuple[tuple[str, int, int], ...]]  # indicator, start, end per passage
    records: dict[Span, _Record]


def judge_part(
    pages: Sequence[str],
    keywords: KeywordSet,
    indicators: Mapping[str, Sequence[Position]],
    hit_positions: Sequence[Position] = (),
    first_page: int = 0,
) -> JudgedPart:
    """Judge the passages of these pages, the document's from `first_page` on, where the
    indicators and hits stand (page numbers 0-based in `pages`). A passage's heading may be
    on the two pages before it: for the first two pages of a part after the first, which
    its reader did not have, judge_parts() looks it up again."""
    rules = _compiled(keywords.judgement)
    reader = _Reader(pages, rules, None)
    ordered = sorted(
        (position, key) for key, positions in indicators.items() for position in positions
    )
    spans: dict[Position, Span] = {}
    found: dict[Span, list[tuple[str, int, int]]] = {}
    # Each position its own passage, in page order (a passage found for one position is
    # not always the passage of a position inside it: a list item's passage can hold a
    # sentence that is a passage of its own).
    # A position's passage is worked out once: a term's hit mostly stands where an
    # indicator does, and two indicators may stand at one place.
    for position, key in ordered:
        span = spans.get(position)
        if span is None:
            span = spans[position] = reader.span_of(*position)
        found.setdefault(span, []).append((key, position[1], position[2]))
    for position in hit_positions:
        if position not in spans:
            spans[position] = reader.span_of(*position)
    memo: dict[tuple[object, ...], _Class] = {}
    records = {
        span: _record(reader, *span, found.get(span, ()), memo)
        for span in dict.fromkeys(spans.values())
    }

    if not first_page:
        # The pages are the document's from its first on: the page numbers stay as they
        # are, and every position, passage and record need not be made again.
        return JudgedPart(
            0,
            tuple(ordered),
            spans,
            {span: tuple(where) for span, where in found.items()},
            records,
        )

    def moved(position: Position) -> Position:
        return (position[0] + first_page, position[1], position[2])

    return JudgedPart(
        first_page,
        tuple((moved(position), key) for position, key in ordered),
        {moved(position): moved(span) for position, span in spans.items()},
        {moved(span): tuple(where) for span, where in found.items()},
        {
            moved(span): record._replace(page=record.page + first_page)
            for span, record in records.items()
        },
    )


def judge_parts(
    pages: Sequence[str],
    words: int,
    keywords: KeywordSet,
    parts: Sequence[JudgedPart],
    hit_positions: Sequence[Position] = (),
    page_labels: Sequence[str] | None = None,
    first_page: int = 0,
    keep_all: bool = True,
) -> tuple[tuple[Passage, ...], Judgement, tuple[int, ...]]:
    """judge_document() from the judged parts of the document, in page order (two readers
    judge the halves of a long PDF at once): the same passages, in the same order."""
    rules = _compiled(keywords.judgement)
    reader = _Reader(pages, rules, page_labels)
    spans: dict[Position, Span] = {}
    found: dict[Span, tuple[tuple[str, int, int], ...]] = {}
    records: dict[Span, _Record] = {}
    memo: dict[tuple[object, ...], _Class] = {}
    for part in parts:
        spans.update(part.spans)
        found.update(part.found)
        records.update(part.records)
    for part in parts:
        if part.first_page:  # headings looked for on the pages before, which it lacked
            edge = part.first_page + _HEADING_PAGES_BACK
            for span in [span for span in part.records if span[0] < edge]:
                records[span] = _record(reader, *span, found.get(span, ()), memo)
    # Passages numbered as one reader numbers them: the indicators' in page order, then
    # the hits' in the order given.
    for part in parts:
        for position, _key in part.indicators:
            reader.passage_index(spans[position])
    hit_passages = [
        reader.passage_index(spans.get(position) or reader.span_of(*position))
        for position in hit_positions
    ]
    ordered = [
        records.get(span) or _record(reader, *span, found.get(span, ()), memo)
        for span in reader.spans
    ]
    judgement = _verdict(ordered, words, rules, _part_of(pages))
    if keep_all:
        kept = list(range(len(ordered)))
    else:
        kept = sorted(judgement.deciding)
        renumber = {old: new for new, old in enumerate(kept)}
        judgement = replace(judgement, deciding=tuple(renumber[i] for i in judgement.deciding))
        hit_passages = []
    passages = tuple(_passage(reader, ordered[i], first_page) for i in kept)
    return passages, judgement, tuple(hit_passages)


class _Record(NamedTuple):
    """A passage before it is a Passage: where it is and what it is."""

    page: int  # 0-based, in the pages given
    start: int
    end: int
    text: str
    heading: str | None
    decided: _Class


def _record(
    reader: _Reader,
    page: int,
    start: int,
    end: int,
    found: Sequence[tuple[str, int, int]],
    memo: dict[tuple[object, ...], _Class],
) -> _Record:
    text = reader.pages[page][start:end].replace("\n", " ")
    page_lines = reader.page(page)
    line = page_lines.line_at(start)
    flags = page_lines.flags[line]
    heading = reader.heading(page, start, line)
    is_heading = bool(flags & _F_HEADING) and page_lines.starts[line] == start
    contents = bool(flags & _F_CONTENTS)
    relative = tuple(sorted((key, at - start, until - start) for key, at, until in found))
    key = (text, heading, is_heading, contents, relative)
    decided = memo.get(key)
    if decided is None:
        decided = memo[key] = _class_of(reader.rules, text, heading, is_heading, contents, relative)
    return _Record(page, start, end, text, heading, decided)


def _passage(reader: _Reader, record: _Record, first_page: int) -> Passage:
    kind, why, note, indicators, topics, strong, measure, weight = record.decided
    label = None
    labels = reader.page_labels
    if labels and first_page + record.page < len(labels):
        label = labels[first_page + record.page] or None
    return Passage(
        page=first_page + record.page + 1,
        start=record.start,
        end=record.end,
        text=record.text,
        heading=record.heading,
        kind=kind,
        why=why,
        indicators=indicators,
        topics=topics,
        strong=strong,
        measure=measure,
        weight=weight,
        page_label=label,
        note=note,
    )


def _part_of(pages: Sequence[str]) -> Callable[[_Record], int]:
    """Which tenth of the document's text a passage starts in (0-9), whatever its pages."""
    starts, at = [], 0
    for text in pages:
        starts.append(at)
        at += len(text) + 1
    total = max(at, 1)

    def part(record: _Record) -> int:
        offset = starts[record.page] + record.start
        return min(_PARTS - 1, _PARTS * offset // total)

    return part


# What a passage is: kind, why, note, indicators, topics, strong, measure, weight.
_Class = tuple[PassageClass, str, str | None, tuple[str, ...], tuple[str, ...], bool, bool, float]


def _class_of(
    rules: _Rules,
    text: str,
    heading: str | None,
    is_heading: bool,
    contents: bool,
    found: tuple[tuple[str, int, int], ...],
) -> _Class:
    """What a passage is, from its text, its heading and the indicators in it (at offsets
    into the text). The same passage under the same heading is decided once."""
    aside = PassageClass.NOT_COUNTED
    if contents:
        return (aside, "contents", None, (), (), False, False, 0.0)
    folded = fold(text)
    # Folding rewrites each character on its own, to one character or more: where the
    # folded text is as long as the text, every character stayed one, and a piece of the
    # folded text is that piece of the text folded (most passages; "æ" becomes "ae").
    folds_one_to_one = len(folded) == len(text)
    folded_heading, reference, heading_dropped, measure_heading = _heading_facts(rules, heading)
    if heading and not is_heading and reference:
        return (aside, "reference", heading, (), (), False, False, 0.0)
    body = _ITEM.sub("", text, count=1).strip()  # without its list marker
    if _names_a_document(body, rules):
        return (aside, "title", None, (), (), False, False, 0.0)
    dropped = rules.dropped.search(folded) or heading_dropped
    if dropped is not None:
        return (aside, "dropped", dropped, (), (), False, False, 0.0)

    valid: list[Indicator] = []
    reasons: list[tuple[str, str]] = []
    for key, at, until in found:
        indicator = rules.indicators[key]
        start = max(0, at - 40)
        before = (
            folded[start : max(0, at)] if folds_one_to_one else fold(text[start : max(0, at)])
        ).split()[-3:]
        negation = rules.negations.search(" ".join(before))
        if negation is not None:
            reasons.append(("negated", negation))
            continue
        other = rules.other_sense.get(key)
        if other is not None:
            sense = other.search(fold(_whole_word(text, at, until))) or other.search(folded)
            if sense is not None:
                reasons.append(("other-sense", sense))
                continue
        needs = rules.needs.get(key)
        if needs is not None and needs.search(folded) is None:
            if not heading or needs.search(folded_heading) is None:
                reasons.append(("needs-context", key))
                continue
        valid.append(indicator)

    measure = measure_heading or _is_measure(body, folded, rules)
    if valid:
        strong = any(ind.strength is Strength.STRONG for ind in valid)
        weight = rules.verdict.strong_weight if strong else rules.verdict.weak_weight
        if measure:
            weight *= rules.verdict.measure_factor
        return (
            PassageClass.HOUSING_SOCIAL,
            "heading" if is_heading else "indicator",
            None,
            tuple(dict.fromkeys(ind.term.key for ind in valid)),
            tuple(dict.fromkeys(ind.topic for ind in valid)),
            strong,
            measure,
            weight,
        )
    if reasons and not any(why == "needs-context" for why, _ in reasons):
        why, note = reasons[0]
        return (aside, why, note, (), (), False, False, 0.0)
    return (PassageClass.GENERAL, "general", None, (), (), False, measure, 0.0)


def _heading_facts(rules: _Rules, heading: str | None) -> tuple[str, bool, str | None, bool]:
    """A heading folded, whether it heads references, the dropped word it has, and whether
    it heads goals or measures: worked out once for all the passages under it."""
    if not heading:
        return ("", False, None, False)
    found = rules.headings.get(heading)
    if found is None:
        if len(rules.headings) >= _HEADINGS_MAX:
            rules.headings.clear()
        folded = fold(heading)
        found = rules.headings[heading] = (
            folded,
            rules.references.search(folded) is not None,
            rules.dropped.search(folded),
            rules.measure_headings.search(folded) is not None,
        )
    return found


_HEADINGS_MAX = 10_000


def _whole_word(text: str, start: int, end: int) -> str:
    """The whole word (or words) a match stands in: "busetjingsmønster" for "busetjing"."""
    while start > 0 and (text[start - 1].isalnum()):
        start -= 1
    while end < len(text) and (text[end].isalnum()):
        end += 1
    return text[start:end]


def _names_a_document(body: str, rules: _Rules) -> bool:
    """A short line or list item (`body`: its text without the list marker) that is the
    title of a plan or document: it names the kind of document among its first words, has
    no verb of its own and no full stop: "Boligsosial handlingsplan 2015–2019",
    "9. Temaplan boligutvikling (...)"."""
    if rules.document is None or body.endswith((".", "!", "?")):  # most passages: a sentence
        return False
    words = body.split()
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    folded = fold(body)
    if rules.document.search(" ".join(folded.split()[:_TITLE_HEAD_WORDS])) is None:
        return False
    if rules.measure_words.search(folded) is not None:
        return False
    return not any(verb in _FINITE_VERBS for verb in _WORD.findall(folded))


# Finite verbs that make a line a statement rather than a title (bokmål and nynorsk).
_FINITE_VERBS = frozenset(
    "er har blir ble var vert vart gir gjev kan ma bor gjelder gjeld omfatter omfattar viser "
    "syner beskriver skildrar legger legg sikrer sikrar bidrar inneholder inneheld".split()
)


def _is_measure(body: str, folded: str, rules: _Rules) -> bool:
    """A goal or a measure (`body`: the passage without its list marker, `folded`: all of it
    folded): a commitment ("skal", "vil"), or a list item that starts with what is to be
    done ("Etablere ...", "Videreføre ..."). A goals or measures heading is the caller's."""
    if rules.measure_words.search(folded) is not None:
        return True
    # Its first word lies in the body's first piece before a space: only that is folded.
    first = _WORD.match(fold(body.partition(" ")[0]))
    return first is not None and rules.measure_verbs.search(first.group()) is not None


def _verdict(
    records: Sequence[_Record], words: int, rules: _Rules, part: Callable[[_Record], int]
) -> Judgement:
    numbers = rules.verdict
    counted: dict[str, int] = {}  # text -> the record that counts for it
    for number, record in enumerate(records):
        if record.decided[0] is PassageClass.HOUSING_SOCIAL:
            # The same sentence twice (a summary repeating a measure) is one statement.
            seen = counted.get(record.text)
            if seen is None or records[seen].decided[7] < record.decided[7]:
                counted[record.text] = number
    social = sorted(counted.values())
    decided = [records[i].decided for i in social]
    points = sum(d[7] for d in decided)
    length = max(words, numbers.min_length_words)
    score = points * 1000 / length
    strong = [i for i in social if records[i].decided[5]]
    measures = sum(1 for d in decided if d[6])
    strong_measures = sum(1 for i in strong if records[i].decided[6])
    topics = tuple(dict.fromkeys(t for i in strong for t in records[i].decided[4]))
    weak_topics = tuple(dict.fromkeys(t for d in decided for t in d[4] if t not in topics))
    set_aside = sum(1 for r in records if r.decided[0] is PassageClass.NOT_COUNTED)
    best = max((d[7] for d in decided), default=0.0)
    spread = len({part(records[i]) for i in strong}) / _PARTS
    if (
        score >= numbers.green_score
        and spread >= numbers.green_spread
        and strong_measures >= numbers.green_measures
        and len(topics) >= numbers.green_topics
    ):
        status = Status.GREEN
    elif best >= numbers.yellow_points:
        status = Status.YELLOW
    else:
        status = Status.RED
    judgement = Judgement(
        status=status,
        score=round(score, 2),
        spread=spread,
        points=points,
        words=words,
        passages=len(social),
        measures=measures,
        strong_measures=strong_measures,
        strong=len(strong),
        topics=topics,
        weak_topics=weak_topics,
        set_aside=set_aside,
        reason="",
        deciding=_deciding(status, social, records),
    )
    return replace(judgement, reason=verdict_reason(judgement, rules.rules))


def _deciding(status: Status, social: Sequence[int], records: Sequence[_Record]) -> tuple[int, ...]:
    """The two or three passages that show why the colour is what it is."""

    def rank(i: int) -> tuple[float, int, int, int]:
        decided = records[i].decided
        return (-decided[7], -int(decided[5]), records[i].page, records[i].start)

    ranked = sorted(social, key=rank)
    if status is Status.GREEN:
        chosen: list[int] = []
        topics: set[str] = set()
        for i in ranked:
            _, _, _, _, its_topics, strong, measure, _ = records[i].decided
            if strong and measure and not topics.issuperset(its_topics):
                chosen.append(i)
                topics.update(its_topics)
            if len(chosen) == 3:
                break
        return tuple(chosen or ranked[:3])
    if ranked:
        return tuple(ranked[:3])
    aside = [i for i, r in enumerate(records) if r.decided[0] is PassageClass.NOT_COUNTED]
    return tuple(aside[:3])


def verdict_reason(judgement: Judgement, rules: JudgementRules) -> str:
    """One sentence: the colour and the numbers that gave it."""
    j = judgement
    counts = (
        f"{j.passages} housing-social passage{'s' if j.passages != 1 else ''}"
        f" ({j.measures} goal{'s' if j.measures != 1 else ''} or measure"
        f"{'s' if j.measures != 1 else ''}), {_decimal(j.score)} per 1,000 words, named"
        f" outright in {j.spread * 100:.0f} % of the text, {len(j.topics)}"
        f" topic{'s' if len(j.topics) != 1 else ''} named outright"
    )
    if j.status is Status.GREEN:
        return f"housing-social work is a main theme: {counts}"
    if j.status is Status.YELLOW:
        return f"some housing-social content: {counts}"
    if j.passages:
        return (
            f"little housing-social content: {counts}; no passage names housing-social work"
            " outright or sets a housing-social goal or measure"
        )
    return "little housing-social content: no housing-social passage"


def _decimal(value: float) -> str:
    return f"{value:.1f}"
