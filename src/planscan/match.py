"""Find the hits of a KeywordSet in normalised page texts. The only importer of rapidfuzz.

Matching runs over the document's vocabulary (its distinct words), not over every word:
a 600-page plan has a few hundred thousand words but only a few thousand distinct ones.
Hits are then expanded from the vocabulary back to pages and snippets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process

from planscan.chars import fold
from planscan.models import Hit, KeywordSet, MatchingRules, MatchKind, MatchMode, Term

# A word: letters, then letters or digits, not glued to a letter or digit before it.
_WORD = re.compile(r"(?<![^\W_])[^\W\d_][^\W_]*")

# OCR confusions folded away before comparing (both sides): m read as rn, d as cl, w as vv,
# l/i/1 and b/h mixed up, o as 0. Only used for terms long enough to get an OCR allowance.
_OCR_PAIRS = (("rn", "m"), ("cl", "d"), ("vv", "w"))
_OCR_CHARS = str.maketrans({"i": "l", "1": "l", "|": "l", "!": "l", "h": "b", "0": "o"})
_SENTENCE_END = re.compile(r"[.?!] ")

SNIPPET_CHARS = 90


@dataclass(frozen=True)
class DocumentIndex:
    """A document's normalised pages and its vocabulary (distinct words and their counts).

    Counting runs in C (findall + Counter); positions are looked up only for the words
    that match a term, so a long plan costs little more to match than to read.
    """

    pages: tuple[str, ...]  # the body of each page: running headers and footers cut out
    # word as written -> occurrences in the bodies (0: only in running headers, so that
    # header hits can still be listed once as evidence)
    vocabulary: dict[str, int]
    headers: tuple[tuple[str, ...], ...] = ()  # per page, its running header/footer lines

    @property
    def word_count(self) -> int:
        return sum(self.vocabulary.values())

    @cached_property
    def _joined(self) -> tuple[str, list[int]]:
        starts, at = [], 0
        for text in self.pages:
            starts.append(at)
            at += len(text) + 1
        return "\f".join(self.pages), starts

    def find_words(self, words: Iterable[str]) -> Iterator[tuple[int, int, int, str]]:
        """Yield (page, start, end, word) for each whole-word occurrence of a few words.

        str.find over the joined text: much quicker than a regex for the handful of words
        that start a phrase.
        """
        text, starts = self._joined
        for word in words:
            at = text.find(word)
            while at >= 0:
                end = at + len(word)
                before = text[at - 1] if at else " "
                after = text[end] if end < len(text) else " "
                if not before.isalnum() and not after.isalnum():
                    page = bisect_right(starts, at) - 1
                    yield page, at - starts[page], end - starts[page], word
                at = text.find(word, end)


def split_running(
    pages: Sequence[str], repeated: Sequence[Sequence[tuple[int, int]]] | None
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Given normalised pages and their running-header spans, return each page's body (the
    spans cut out) and its running header and footer lines."""
    bodies: list[str] = []
    headers: list[tuple[str, ...]] = []
    for number, text in enumerate(pages):
        spans = sorted(repeated[number]) if repeated else ()
        lines: list[str] = []
        if spans:
            pieces, at = [], 0
            for start, end in spans:
                pieces.append(text[at:start])
                lines.append(text[max(start, at) : end])
                at = max(at, end)
            pieces.append(text[at:])
            text = " ".join(piece.strip() for piece in pieces if piece.strip())
        bodies.append(text)
        headers.append(tuple(lines))
    return tuple(bodies), (tuple(headers) if repeated else ())


def index_document(
    pages: Sequence[str], repeated: Sequence[Sequence[tuple[int, int]]] | None = None
) -> DocumentIndex:
    """Given normalised page texts (and their running-header spans), return their
    vocabulary. Words in running headers and footers are not counted."""
    bodies, headers = split_running(pages, repeated)
    counts: Counter[str] = Counter()
    for text in bodies:
        counts.update(_WORD.findall(text))
    for line in (line for page in headers for line in page):
        for word in _WORD.findall(line):
            counts.setdefault(word, 0)
    return DocumentIndex(bodies, dict(counts), headers)


def ocr_skeleton(word: str) -> str:
    """Fold a word so that common OCR confusions compare equal."""
    folded = fold(word)
    for damaged, letter in _OCR_PAIRS:
        folded = folded.replace(damaged, letter)
    return folded.translate(_OCR_CHARS)


def count_terms(index: DocumentIndex, keywords: KeywordSet) -> dict[str, int]:
    """Hits per term, from the vocabulary's counts: no positions, no snippets.

    Equal to the lengths of find_hits(); this is what a scan needs for colours, and it
    costs milliseconds even on a 600-page plan.
    """
    matcher = _RememberingMatcher(list(index.vocabulary), keywords.matching)
    counts: dict[str, int] = {}
    for term in keywords.terms:
        if term.mode is MatchMode.PHRASE:
            counts[term.key] = len(_phrase_positions(index, term, matcher))
        else:
            counts[term.key] = sum(index.vocabulary[word] for word in matcher.matches(term))
    return counts


def find_hits(
    index: DocumentIndex,
    keywords: KeywordSet,
    page_labels: Sequence[str] | None = None,
    first_page: int = 0,
) -> dict[str, list[Hit]]:
    """Return every hit of every term, keyed by term (all terms present, in file order).

    `first_page`: the index's first page is this page of the document (a part of a PDF two
    readers share); hits are numbered and labelled as pages of the whole document.
    """
    matcher = _RememberingMatcher(list(index.vocabulary), keywords.matching)
    found: dict[str, dict[tuple[int, int, int], MatchKind]] = {}
    by_word: dict[str, list[tuple[str, MatchKind]]] = defaultdict(list)
    for term in keywords.terms:
        found[term.key] = {}
        if term.mode is MatchMode.PHRASE:
            found[term.key] = _phrase_positions(index, term, matcher)
        else:
            for word, kind in matcher.matches(term).items():
                by_word[word].append((term.key, kind))
    for page, start, end, word in _locate(index.pages, by_word):
        for term_key, kind in by_word[word]:
            found[term_key][(page, start, end)] = kind
    sentence_ends: dict[int, list[int]] = {}
    hits: dict[str, list[Hit]] = {}
    for term_key, positions in found.items():
        term_hits = hits[term_key] = []
        for (page, start, end), kind in sorted(positions.items()):
            text = index.pages[page]
            ends = sentence_ends.get(page)
            if ends is None:  # sentence ends are found once per page
                ends = sentence_ends[page] = [m.start() for m in _SENTENCE_END.finditer(text)]
            label = page_labels[first_page + page] or None if page_labels else None
            term_hits.append(
                Hit(
                    term_key,
                    first_page + page + 1,
                    text[start:end],
                    kind,
                    snippet(text, start, end, ends=ends),
                    page_label=label,
                    offset=start,
                )
            )
    _add_header_hits(index, found_words=by_word, hits=hits, first_page=first_page)
    return hits


def _add_header_hits(
    index: DocumentIndex,
    found_words: dict[str, list[tuple[str, MatchKind]]],
    hits: dict[str, list[Hit]],
    first_page: int,
) -> None:
    """Hits in running headers and footers: each term and word listed once, at the first
    page it stands on, marked repeated. Evidence to show, not mentions to count."""
    listed: set[tuple[str, str]] = set()
    for page, lines in enumerate(index.headers):
        for line, start, end, word in _locate(lines, found_words):
            for term_key, kind in found_words[word]:
                key = (term_key, word.casefold())
                if key in listed:
                    continue
                listed.add(key)
                text = lines[line]
                hits[term_key].append(
                    Hit(term_key, first_page + page + 1, text[start:end], kind, text, repeated=True)
                )


def _locate(pages: Sequence[str], words: Iterable[str]) -> Iterator[tuple[int, int, int, str]]:
    """Yield (page, start, end, word) for each occurrence of the given words."""
    alternatives = sorted(words, key=len, reverse=True)
    if not alternatives:
        return
    pattern = re.compile(
        r"(?<![^\W_])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![^\W_])"
    )
    for page, text in enumerate(pages):
        for match in pattern.finditer(text):
            yield page, match.start(), match.end(), match.group()


# Which words count as which term does not depend on the document: remembered across
# documents (a scan of many plans meets the same words again and again). Bounded.
_DECIDED: dict[tuple[Term, tuple[str, ...], MatchingRules], dict[str, MatchKind | None]] = {}
_DECIDED_MAX_WORDS = 400_000


class _RememberingMatcher:
    """Match a document's vocabulary against terms, deciding each word only once."""

    def __init__(self, words: list[str], rules: MatchingRules) -> None:
        self.words = words
        self.rules = rules
        # Each word's folded forms, made once for all terms rather than once per term.
        self.forms: dict[str, tuple[str, str, str]] = {}

    def matches(self, term: Term, forms: Iterable[str] | None = None) -> dict[str, MatchKind]:
        forms = tuple(forms if forms is not None else term.forms)
        key = (term, forms, self.rules)
        decided = _DECIDED.setdefault(key, {})
        new = [word for word in self.words if word not in decided]
        if new:
            if sum(map(len, _DECIDED.values())) + len(new) > _DECIDED_MAX_WORDS:
                _DECIDED.clear()
                decided = _DECIDED.setdefault(key, {})
                new = list(self.words)
            found = _VocabularyMatcher(new, self.rules, self._forms(new)).matches(term, forms)
            decided.update((word, found.get(word)) for word in new)
        return {word: kind for word in self.words if (kind := decided[word]) is not None}

    def _forms(self, words: list[str]) -> list[tuple[str, str, str]]:
        known = self.forms
        for word in words:
            if word not in known:
                known[word] = _word_forms(word)
        return [known[word] for word in words]


def _word_forms(word: str) -> tuple[str, str, str]:
    """A word casefolded, folded (see normalize.fold) and as its OCR skeleton."""
    return word.casefold(), fold(word), ocr_skeleton(word)


class _VocabularyMatcher:
    def __init__(
        self, words: list[str], rules: MatchingRules, forms: Sequence[tuple[str, str, str]]
    ) -> None:
        self.words = words
        self.word_set = frozenset(words)
        self.rules = rules
        self.casefolded = [f[0] for f in forms]
        self.folded = [f[1] for f in forms]
        self.skeletons = [f[2] for f in forms]

    def matches(self, term: Term, forms: Iterable[str] | None = None) -> dict[str, MatchKind]:
        """Return the vocabulary words that count as the term, with how each matched."""
        mode = MatchMode.PREFIX if term.mode is MatchMode.PHRASE else term.mode
        found: dict[str, MatchKind] = {}
        forms = tuple(forms if forms is not None else term.forms)
        if mode is MatchMode.ABBREVIATION:
            found.update((form, MatchKind.EXACT) for form in forms if form in self.word_set)
        else:
            # Every form's exact pass first, so a variant is never reported as OCR damage.
            for form in forms:
                self._exact(form, mode, found)
            for form in forms:
                budget = self.rules.edits_for(len(fold(form))) if term.ocr else 0
                if budget:
                    self._ocr(form, mode, budget, found)
        return {
            w: k for w, k in found.items() if not any(fold(ex) in fold(w) for ex in term.exclusions)
        }

    def _exact(self, form: str, mode: MatchMode, found: dict[str, MatchKind]) -> None:
        cf, fd = form.casefold(), fold(form)
        prefix = mode is MatchMode.PREFIX
        for word, word_cf, word_fd in zip(self.words, self.casefolded, self.folded, strict=True):
            if word in found:
                continue
            if word_cf.startswith(cf) if prefix else cf in word_cf:
                found[word] = MatchKind.EXACT
            elif word_fd.startswith(fd) if prefix else fd in word_fd:
                found[word] = MatchKind.FOLDED

    def _ocr(self, form: str, mode: MatchMode, budget: int, found: dict[str, MatchKind]) -> None:
        target = ocr_skeleton(form)
        # A cheap C-speed filter first; the exact rule is checked on the few candidates.
        # partial_ratio compares windows as long as the shorter string, which may have lost
        # `budget` letters; each edit then costs up to two in its indel ratio.
        cutoff = max(0.0, 100.0 * (1.0 - 2 * budget / (len(target) - budget)) - 1.0)
        candidates = process.extract(
            target, self.skeletons, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None
        )
        for _skeleton, _score, i in candidates:
            word = self.words[i]
            if word in found:
                continue
            if _indel_within(target, self.skeletons[i], budget, mode is MatchMode.PREFIX):
                found[word] = MatchKind.OCR


@lru_cache(maxsize=65536)  # the same words recur in plan after plan
def _indel_within(term: str, word: str, budget: int, anchored: bool) -> bool:
    """True if the whole term aligns with a part of the word using at most `budget` letters
    inserted or deleted (no substitutions: a different real letter is a different word).

    The term's first and last letters must be present: damage inside a word is OCR, while
    a word that merely shares the term's tail ("frivilligpolitisk") is another word.
    `anchored` requires the part to start the word.
    """
    inf = budget + 1
    width = len(word) + 1
    # prev[j]: least edits aligning term[:i] to a part of word ending at j.
    prev = [inf] * width
    for j in range(1, width):
        if term[0] == word[j - 1] and (not anchored or j == 1):
            prev[j] = 0
        elif prev[j - 1] + 1 < inf:  # extra word letters after the first term letter
            prev[j] = prev[j - 1] + 1
    for i in range(1, len(term) - 1):
        cur = [inf] * width
        for j in range(1, width):
            best = min(prev[j] + 1, cur[j - 1] + 1, inf)
            if term[i] == word[j - 1]:
                best = min(best, prev[j - 1])
            cur[j] = best
        prev = cur
    last = term[-1]
    return any(prev[j - 1] <= budget for j in range(1, width) if word[j - 1] == last)


def _phrase_positions(
    index: DocumentIndex, term: Term, matcher: _RememberingMatcher
) -> dict[tuple[int, int, int], MatchKind]:
    """Positions where the parts of a phrase stand as consecutive words (on one page)."""
    positions: dict[tuple[int, int, int], MatchKind] = {}
    for form in term.forms:
        parts = [matcher.matches(term, [part]) for part in form.split()]
        for page, start, end, first in index.find_words(parts[0]):
            text = index.pages[page]
            kinds = [parts[0][first]]
            for allowed in parts[1:]:
                following = _WORD.search(text, end)
                if following is None or following.group() not in allowed:
                    break
                kinds.append(allowed[following.group()])
                end = following.end()
            else:
                kind = max(kinds, key=_KIND_ORDER.index)
                positions.setdefault((page, start, end), kind)
    return positions


_KIND_ORDER = [MatchKind.EXACT, MatchKind.FOLDED, MatchKind.OCR]


def snippet(
    text: str, start: int, end: int, width: int = SNIPPET_CHARS, ends: list[int] | None = None
) -> str:
    """Return the text around [start, end), cut at sentence ends or else at whole words.

    `ends` are the positions of the page's sentence ends (". "), if already known.
    """
    if ends is None:
        ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    left, right = max(0, start - width), min(len(text), end + width)
    prefix = suffix = ""
    i = bisect_left(ends, start - 1) - 1  # the last sentence end before the hit
    if i >= 0 and ends[i] + 2 >= left:
        left = ends[i] + 2
    elif left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
        prefix = "…"
    j = bisect_left(ends, end)  # the first sentence end after the hit
    if j < len(ends) and ends[j] < right:
        right = ends[j] + 1
    elif right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
        suffix = "…"
    return f"{prefix}{text[left:right].strip()}{suffix}"
