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
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

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
_WORD = re.compile(r"[^\W\d_]+")
# A passage is never longer than this many characters on either side of what it is for:
# flattened tables and pages without punctuation have no sentence ends to stop at.
_REACH = 320
_MAX_HEADING_WORDS = 12
_MAX_HEADING_CHARS = 100
_MAX_TITLE_WORDS = 16  # a line naming a plan or document is short
_TITLE_HEAD_WORDS = 3  # and says what kind of document it is among its first words
_HEADING_PAGES_BACK = 2  # a heading is looked for this many pages back
_PARTS = 10  # the text is cut in tenths to see how far housing-social passages spread


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str
    item: bool  # starts with a list marker
    heading: bool
    contents: bool  # a line of a table of contents


@dataclass
class _Page:
    """A page's lines, worked out once when the first passage on the page is asked for."""

    text: str
    lines: list[_Line] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    @classmethod
    def read(cls, text: str, rules: _Rules) -> _Page:
        page = cls(text)
        at = 0
        previous_end = True  # the page's first line follows nothing
        open_line = False  # the line before ends mid-sentence (no full stop, not a heading)
        raw_lines = text.split("\n")
        contents_page = any(rules.is_contents_heading(line) for line in raw_lines[:8])
        for raw in raw_lines:
            start, end = at, at + len(raw)
            at = end + 1
            marker = _ITEM.match(raw)
            item = bool(marker) and not _SECTION_NUMBER.match(raw)
            if item and marker and open_line and raw[marker.end() : marker.end() + 1].islower():
                # "(4) tredje boligsektor)": a flattened table's number in front of the rest
                # of the line above, not a new item.
                item = False
            contents = bool(_DOT_LEADER.search(raw)) or (
                contents_page and bool(_ENDS_WITH_NUMBER.search(raw))
            )
            heading = not contents and _looks_like_heading(raw, previous_end, item)
            page.lines.append(_Line(start, end, raw, item, heading, contents))
            page.starts.append(start)
            ended = raw.rstrip().endswith((".", "!", "?", ":"))
            previous_end = heading or ended or item
            open_line = not heading and not ended
        return page

    def line_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)


def _looks_like_heading(line: str, after_an_end: bool, item: bool) -> bool:
    """A short line that starts a section: "3.1 Bosetting", "Tiltak:", "BOLIGSOSIALT ARBEID"."""
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > _MAX_HEADING_WORDS or len(stripped) > _MAX_HEADING_CHARS:
        return False
    letters = sum(c.isalpha() for c in stripped)
    if letters < 3 or letters < len(stripped) / 2:
        return False
    numbered = bool(_SECTION_NUMBER.match(stripped))
    if item and not numbered:
        return False
    if stripped.endswith((".", ",", ";")) and not numbered:
        return False
    first = next((c for c in stripped if c.isalpha()), "")
    if not numbered and not first.isupper():
        return False
    return numbered or after_an_end or stripped.isupper() or stripped.endswith(":")


@dataclass(frozen=True)
class _WordList:
    """Words (and phrases) matched at the start of words, case- and æøå-insensitively."""

    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, words: Iterable[str]) -> _WordList:
        forms = sorted({fold(w.strip()) for w in words if w.strip()}, key=len, reverse=True)
        if not forms:
            return cls(None)
        body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
        return cls(re.compile(rf"(?<![^\W_])(?:{body})"))

    def search(self, folded_text: str) -> str | None:
        """The first listed word the (folded) text contains, or None."""
        if self.pattern is None:
            return None
        found = self.pattern.search(folded_text)
        return found.group() if found else None


@dataclass(frozen=True)
class _WholeWords:
    """Words matched only as whole words ("skal", not "skaleres")."""

    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, words: Iterable[str]) -> _WholeWords:
        forms = sorted({fold(w.strip()) for w in words if w.strip()}, key=len, reverse=True)
        if not forms:
            return cls(None)
        body = "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)
        return cls(re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])"))

    def search(self, folded_text: str) -> str | None:
        if self.pattern is None:
            return None
        found = self.pattern.search(folded_text)
        return found.group() if found else None


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
        self.contents = _WholeWords.of(rules.contents_headings)
        self.references = _WordList.of(rules.reference_headings)
        self.dropped = _WordList.of(rules.dropped_words)
        self.negations = _WholeWords.of(rules.negations)
        self.measure_headings = _WholeWords.of(rules.measure_headings)
        self.measure_words = _WholeWords.of(rules.measure_words)
        self.measure_verbs = _WholeWords.of(rules.measure_verbs)
        documents = sorted({fold(w) for w in rules.document_words}, key=len, reverse=True)
        # A document word standing alone or as the end of a compound ("boligplan",
        # "handlingsplanen"): the line names a plan.
        self.document = (
            re.compile(r"(?:" + "|".join(map(re.escape, documents)) + r")(?:en|a|et)?(?![^\W_])")
            if documents
            else None
        )

    def is_contents_heading(self, line: str) -> bool:
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
    """Passages of one document, made as hits ask for them."""

    pages: Sequence[str]
    rules: _Rules
    page_labels: Sequence[str] | None
    read_pages: dict[int, _Page] = field(default_factory=dict)
    by_span: dict[tuple[int, int, int], int] = field(default_factory=dict)
    spans: list[tuple[int, int, int]] = field(default_factory=list)

    def page(self, number: int) -> _Page:
        page = self.read_pages.get(number)
        if page is None:
            page = self.read_pages[number] = _Page.read(self.pages[number], self.rules)
        return page

    def span_of(self, page_number: int, start: int, end: int) -> tuple[int, int, int]:
        """The passage around [start, end) on a page: its heading line, list item or sentence,
        and within a line that holds several bullet points, its bullet point."""
        number, low, high = self._span(page_number, start, end)
        text = self.pages[page_number]
        before = max(text.rfind(bullet, low, start) for bullet in _INLINE_BULLETS)
        if before > low:
            low = before
        after = [at for bullet in _INLINE_BULLETS if (at := text.find(bullet, end, high)) > 0]
        if after:
            high = min(after)
        while high > low and text[high - 1].isspace():
            high -= 1
        return number, low, high

    def _span(self, page_number: int, start: int, end: int) -> tuple[int, int, int]:
        page = self.page(page_number)
        text = page.text
        first = page.line_at(start)
        line = page.lines[first]
        if line.heading or line.contents:
            return page_number, line.start, line.end
        if line.item or self._in_item(page, first):
            top = first
            while not page.lines[top].item and top > 0 and first - top < 3:
                top -= 1
            bottom = page.line_at(max(start, end - 1))
            while (
                bottom + 1 < len(page.lines)
                and bottom - top < 4
                and not page.lines[bottom + 1].item
                and not page.lines[bottom + 1].heading
                and not page.lines[bottom].text.rstrip().endswith((".", "!", "?", ":", ";"))
            ):
                bottom += 1
            return page_number, page.lines[top].start, page.lines[bottom].end
        # Prose: the sentence, not reaching into a heading or list item before or after it.
        low = max(0, start - _REACH)
        for number in range(first, -1, -1):
            candidate = page.lines[number]
            if candidate.end < low:
                break
            if candidate.heading or candidate.item or candidate.contents:
                low = max(low, candidate.end + 1)
                break
        high = min(len(text), end + _REACH)
        for number in range(first + 1, len(page.lines)):
            candidate = page.lines[number]
            if candidate.start > high:
                break
            if candidate.heading or candidate.item or candidate.contents:
                high = min(high, candidate.start - 1)
                break
        sentence_start = low
        for match in _SENTENCE_END.finditer(text, low, start):
            sentence_start = match.end() + 1
        found_end = _SENTENCE_END.search(text, end, high)
        sentence_end = found_end.end() if found_end else high
        if sentence_start > start:
            sentence_start = low
        return page_number, sentence_start, max(sentence_end, end)

    def _in_item(self, page: _Page, line_number: int) -> bool:
        """A line that carries on the list item above it (a wrapped bullet point)."""
        for number in range(line_number - 1, max(-1, line_number - 3), -1):
            line = page.lines[number]
            if line.text.rstrip().endswith((".", "!", "?", ":", ";")) or line.heading:
                return False
            if line.item:
                return True
        return False

    def heading(self, page_number: int, start: int) -> str | None:
        """The nearest heading above a position, on its page or a page or two before."""
        page = self.page(page_number)
        line = page.line_at(start)
        for number in range(line - (0 if page.lines[line].start < start else 1), -1, -1):
            candidate = page.lines[number]
            if candidate.heading and candidate.start < start:
                return candidate.text.strip()
        for back in range(page_number - 1, max(-1, page_number - 1 - _HEADING_PAGES_BACK), -1):
            earlier = self.page(back)
            for candidate in reversed(earlier.lines):
                if candidate.heading:
                    return candidate.text.strip()
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
) -> tuple[tuple[Passage, ...], Judgement, tuple[int, ...]]:
    """Given a document's page bodies, its word count, where the indicators and hits stand
    (page numbers 0-based in `pages`), return its passages, its Judgement, and for each of
    `hit_positions` the index of its passage.

    `first_page`: the first of `pages` is this page of the document (for page numbers)."""
    rules = _compiled(keywords.judgement)
    reader = _Reader(pages, rules, page_labels)
    found: dict[int, list[tuple[str, int, int]]] = {}  # passage -> indicator, start, end
    for key, positions in indicators.items():
        for page, start, end in positions:
            index = reader.passage_index(reader.span_of(page, start, end))
            found.setdefault(index, []).append((key, start, end))
    hit_passages = tuple(
        reader.passage_index(reader.span_of(page, start, end)) for page, start, end in hit_positions
    )
    headings: dict[int, str | None] = {}
    passages = []
    for index, (page, start, end) in enumerate(reader.spans):
        heading = reader.heading(page, start)
        headings[index] = heading
        passages.append(
            _classify(reader, page, start, end, heading, found.get(index, []), first_page)
        )
    judgement = _verdict(passages, words, rules, _part_of(pages))
    return tuple(passages), judgement, hit_passages


def _part_of(pages: Sequence[str]) -> Callable[[Passage], int]:
    """Which tenth of the document's text a passage starts in (0-9), whatever its pages."""
    starts, at = [], 0
    for text in pages:
        starts.append(at)
        at += len(text) + 1
    total = max(at, 1)

    def part(passage: Passage) -> int:
        page = passage.page - 1
        offset = starts[page] + passage.start if 0 <= page < len(starts) else 0
        return min(_PARTS - 1, _PARTS * offset // total)

    return part


def _classify(
    reader: _Reader,
    page: int,
    start: int,
    end: int,
    heading: str | None,
    found: list[tuple[str, int, int]],
    first_page: int,
) -> Passage:
    rules = reader.rules
    page_text = reader.pages[page]
    text = " ".join(page_text[start:end].split())
    folded = fold(text)
    folded_heading = fold(heading) if heading else ""
    label = None
    if reader.page_labels and first_page + page < len(reader.page_labels):
        label = reader.page_labels[first_page + page] or None
    base = Passage(
        page=first_page + page + 1,
        start=start,
        end=end,
        text=text,
        heading=heading,
        kind=PassageClass.GENERAL,
        why="general",
        page_label=label,
    )
    line = reader.page(page).lines[reader.page(page).line_at(start)]
    is_heading = line.heading and line.start == start

    def set_aside(why: str, note: str | None) -> Passage:
        return _replace(base, kind=PassageClass.NOT_COUNTED, why=why, note=note)

    if line.contents:
        return set_aside("contents", None)
    reference = rules.references.search(folded_heading) if heading else None
    if reference is not None and not is_heading:
        return set_aside("reference", heading)
    if _names_a_document(text, rules):
        return set_aside("title", None)
    dropped = rules.dropped.search(folded) or (
        rules.dropped.search(folded_heading) if heading else None
    )
    if dropped is not None:
        return set_aside("dropped", dropped)

    valid: list[Indicator] = []
    reasons: list[tuple[str, str]] = []
    for key, at, until in found:
        indicator = rules.indicators[key]
        before = fold(page_text[max(start, at - 40) : at]).split()[-3:]
        negation = rules.negations.search(" ".join(before))
        if negation is not None:
            reasons.append(("negated", negation))
            continue
        other = rules.other_sense.get(key)
        if other is not None:
            word = fold(_whole_word(page_text, at, until))
            sense = other.search(word) or other.search(folded)
            if sense is not None:
                reasons.append(("other-sense", sense))
                continue
        needs = rules.needs.get(key)
        if needs is not None and needs.search(folded) is None:
            if not heading or needs.search(folded_heading) is None:
                reasons.append(("needs-context", key))
                continue
        valid.append(indicator)

    measure = _is_measure(text, folded, folded_heading, rules)
    if valid:
        strong = any(ind.strength is Strength.STRONG for ind in valid)
        topics = tuple(dict.fromkeys(ind.topic for ind in valid))
        weight = rules.verdict.strong_weight if strong else rules.verdict.weak_weight
        if measure:
            weight *= rules.verdict.measure_factor
        return _replace(
            base,
            kind=PassageClass.HOUSING_SOCIAL,
            why="heading" if is_heading else "indicator",
            indicators=tuple(dict.fromkeys(ind.term.key for ind in valid)),
            topics=topics,
            strong=strong,
            measure=measure,
            weight=weight,
        )
    if reasons and not any(why == "needs-context" for why, _ in reasons):
        why, note = reasons[0]
        return set_aside(why, note)
    return _replace(base, measure=measure)


def _replace(passage: Passage, **changes: object) -> Passage:
    from dataclasses import replace

    return replace(passage, **changes)  # type: ignore[arg-type]


def _whole_word(text: str, start: int, end: int) -> str:
    """The whole word (or words) a match stands in: "busetjingsmønster" for "busetjing"."""
    while start > 0 and (text[start - 1].isalnum()):
        start -= 1
    while end < len(text) and (text[end].isalnum()):
        end += 1
    return text[start:end]


def _names_a_document(text: str, rules: _Rules) -> bool:
    """A short line or list item that is the title of a plan or document: it names the kind
    of document among its first words, has no verb of its own and no full stop:
    "Boligsosial handlingsplan 2015–2019", "9. Temaplan boligutvikling (...)"."""
    if rules.document is None:
        return False
    body = _ITEM.sub("", text, count=1).strip()
    words = body.split()
    if not words or len(words) > _MAX_TITLE_WORDS or body.endswith((".", "!", "?")):
        return False
    folded = fold(body)
    if rules.document.search(" ".join(fold(body).split()[:_TITLE_HEAD_WORDS])) is None:
        return False
    if rules.measure_words.search(folded) is not None:
        return False
    return not any(verb in _FINITE_VERBS for verb in _WORD.findall(folded))


# Finite verbs that make a line a statement rather than a title (bokmål and nynorsk).
_FINITE_VERBS = frozenset(
    "er har blir ble var vert vart gir gjev kan ma bor gjelder gjeld omfatter omfattar viser "
    "syner beskriver skildrar legger legg sikrer sikrar bidrar inneholder inneheld".split()
)


def _is_measure(text: str, folded: str, folded_heading: str, rules: _Rules) -> bool:
    """A goal or a measure: under a goals or measures heading, a commitment ("skal", "vil"),
    or a list item that starts with what is to be done ("Etablere ...", "Videreføre ...")."""
    if folded_heading and rules.measure_headings.search(folded_heading) is not None:
        return True
    if rules.measure_words.search(folded) is not None:
        return True
    body = fold(_ITEM.sub("", text, count=1).strip())
    first = _WORD.match(body)
    return first is not None and rules.measure_verbs.search(first.group()) is not None


def _verdict(
    passages: Sequence[Passage], words: int, rules: _Rules, part: Callable[[Passage], int]
) -> Judgement:
    numbers = rules.verdict
    counted: dict[str, Passage] = {}
    for passage in passages:
        if passage.kind is PassageClass.HOUSING_SOCIAL:
            # The same sentence twice (a summary repeating a measure) is one statement.
            key = fold(passage.text)
            if key not in counted or counted[key].weight < passage.weight:
                counted[key] = passage
    social = list(counted.values())
    points = sum(p.weight for p in social)
    length = max(words, numbers.min_length_words)
    score = points * 1000 / length
    strong = [p for p in social if p.strong]
    measures = [p for p in social if p.measure]
    strong_measures = [p for p in strong if p.measure]
    topics = tuple(dict.fromkeys(t for p in strong for t in p.topics))
    weak_topics = tuple(dict.fromkeys(t for p in social for t in p.topics if t not in topics))
    set_aside = sum(1 for p in passages if p.kind is PassageClass.NOT_COUNTED)
    best = max((p.weight for p in social), default=0.0)
    spread = len({part(p) for p in strong}) / _PARTS
    if (
        score >= numbers.green_score
        and spread >= numbers.green_spread
        and len(strong_measures) >= numbers.green_measures
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
        measures=len(measures),
        strong_measures=len(strong_measures),
        strong=len(strong),
        topics=topics,
        weak_topics=weak_topics,
        set_aside=set_aside,
        reason="",
    )
    index = {id(p): i for i, p in enumerate(passages)}
    deciding = tuple(index[id(p)] for p in _deciding(status, social, passages))
    from dataclasses import replace

    return replace(judgement, reason=verdict_reason(judgement, rules.rules), deciding=deciding)


def _deciding(
    status: Status, social: Sequence[Passage], passages: Sequence[Passage]
) -> list[Passage]:
    """The two or three passages that show why the colour is what it is."""
    ranked = sorted(social, key=lambda p: (-p.weight, -p.strong, p.page, p.start))
    if status is Status.GREEN:
        chosen: list[Passage] = []
        topics: set[str] = set()
        for passage in ranked:
            if passage.strong and passage.measure and not topics.issuperset(passage.topics):
                chosen.append(passage)
                topics.update(passage.topics)
            if len(chosen) == 3:
                break
        return chosen or ranked[:3]
    if ranked:
        return ranked[:3]
    aside = [p for p in passages if p.kind is PassageClass.NOT_COUNTED]
    return aside[:3]


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
