"""Find the hits of a KeywordSet in normalised page texts. The only importer of rapidfuzz.

Matching runs over the document's vocabulary (its distinct words), not over every word:
a 600-page plan has a few hundred thousand words but only a few thousand distinct ones.
Hits are then expanded from the vocabulary back to pages and snippets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from planscan.models import Hit, KeywordSet, MatchingRules, MatchKind, MatchMode, Term
from planscan.normalize import fold

_WORD = re.compile(r"[^\W\d_][^\W_]*")

# OCR confusions folded away before comparing (both sides): m read as rn, d as cl, w as vv,
# l/i/1 and b/h mixed up, o as 0. Only used for terms long enough to get an OCR allowance.
_OCR_PAIRS = (("rn", "m"), ("cl", "d"), ("vv", "w"))
_OCR_CHARS = str.maketrans({"i": "l", "1": "l", "|": "l", "!": "l", "h": "b", "0": "o"})

SNIPPET_CHARS = 90


@dataclass(frozen=True)
class PageWords:
    text: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class DocumentIndex:
    """A document's pages cut into words, and where each distinct word occurs."""

    pages: tuple[PageWords, ...]
    vocabulary: dict[str, list[tuple[int, int]]]  # word as written -> (page index, word index)

    @property
    def word_count(self) -> int:
        return sum(len(p.spans) for p in self.pages)

    def word_at(self, page: int, index: int) -> str | None:
        spans = self.pages[page].spans
        if 0 <= index < len(spans):
            start, end = spans[index]
            return self.pages[page].text[start:end]
        return None


def index_document(pages: Sequence[str]) -> DocumentIndex:
    """Given normalised page texts, return their words and vocabulary."""
    vocabulary: dict[str, list[tuple[int, int]]] = defaultdict(list)
    indexed = []
    for page_no, text in enumerate(pages):
        spans = tuple(m.span() for m in _WORD.finditer(text))
        for word_no, (start, end) in enumerate(spans):
            vocabulary[text[start:end]].append((page_no, word_no))
        indexed.append(PageWords(text, spans))
    return DocumentIndex(tuple(indexed), dict(vocabulary))


def ocr_skeleton(word: str) -> str:
    """Fold a word so that common OCR confusions compare equal."""
    folded = fold(word)
    for damaged, letter in _OCR_PAIRS:
        folded = folded.replace(damaged, letter)
    return folded.translate(_OCR_CHARS)


def find_hits(
    index: DocumentIndex,
    keywords: KeywordSet,
    repeated: Sequence[Sequence[tuple[int, int]]] | None = None,
) -> dict[str, list[Hit]]:
    """Return every hit of every term, keyed by term (all terms present, in file order).

    `repeated` gives, per page, the character spans of running headers and footers
    (planscan.headers). A hit inside one is marked `repeated` and listed once per term and
    word, at its first page: it is evidence to show, not a mention to count.
    """
    words = list(index.vocabulary)
    matcher = _VocabularyMatcher(words, keywords.matching)
    hits: dict[str, list[Hit]] = {}
    for term in keywords.terms:
        if term.mode is MatchMode.PHRASE:
            positions = _phrase_positions(index, term, matcher)
        else:
            positions = {}
            for word, kind in matcher.matches(term).items():
                for page, word_no in index.vocabulary[word]:
                    positions[(page, word_no, 1)] = kind
        hits[term.key] = _list_repeated_once(
            [
                _make_hit(index, term.key, page, word_no, length, kind, repeated)
                for (page, word_no, length), kind in sorted(positions.items())
            ]
        )
    return hits


def _list_repeated_once(hits: list[Hit]) -> list[Hit]:
    listed: set[str] = set()
    kept = []
    for hit in hits:
        if hit.repeated:
            word = hit.match.casefold()
            if word in listed:
                continue
            listed.add(word)
        kept.append(hit)
    return kept


class _VocabularyMatcher:
    def __init__(self, words: list[str], rules: MatchingRules) -> None:
        self.words = words
        self.word_set = frozenset(words)
        self.rules = rules
        self.casefolded = [w.casefold() for w in words]
        self.folded = [fold(w) for w in words]
        self.skeletons = [ocr_skeleton(w) for w in words]

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
    index: DocumentIndex, term: Term, matcher: _VocabularyMatcher
) -> dict[tuple[int, int, int], MatchKind]:
    positions: dict[tuple[int, int, int], MatchKind] = {}
    for form in term.forms:
        parts = form.split()
        part_matches = [matcher.matches(term, [part]) for part in parts]
        for first, first_kind in part_matches[0].items():
            for page, word_no in index.vocabulary[first]:
                kinds = [first_kind]
                for offset, allowed in enumerate(part_matches[1:], start=1):
                    following = index.word_at(page, word_no + offset)
                    if following is None or following not in allowed:
                        break
                    kinds.append(allowed[following])
                else:
                    key = (page, word_no, len(parts))
                    kind = max(kinds, key=_KIND_ORDER.index)
                    positions.setdefault(key, kind)
    return positions


_KIND_ORDER = [MatchKind.EXACT, MatchKind.FOLDED, MatchKind.OCR]


def _make_hit(
    index: DocumentIndex,
    term: str,
    page: int,
    word_no: int,
    length: int,
    kind: MatchKind,
    repeated: Sequence[Sequence[tuple[int, int]]] | None,
) -> Hit:
    text = index.pages[page].text
    spans = index.pages[page].spans
    start, end = spans[word_no][0], spans[word_no + length - 1][1]
    in_header = repeated is not None and any(a <= start and end <= b for a, b in repeated[page])
    return Hit(term, page + 1, text[start:end], kind, snippet(text, start, end), repeated=in_header)


def snippet(text: str, start: int, end: int, width: int = SNIPPET_CHARS) -> str:
    """Return the text around [start, end), cut at sentence ends or whole words."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    before = text[left:start]
    sentence_start = max(before.rfind(". "), before.rfind("? "), before.rfind("! "))
    if sentence_start >= 0:
        left += sentence_start + 2
    elif left > 0:
        space = before.find(" ")
        left += space + 1 if space >= 0 else 0
    after = text[end:right]
    stops = [i for i in (after.find(". "), after.find("? "), after.find("! ")) if i >= 0]
    if stops:
        right = end + min(stops) + 1
    elif right < len(text):
        space = after.rfind(" ")
        right = end + space if space >= 0 else right
    prefix = "…" if left > 0 and sentence_start < 0 else ""
    suffix = "…" if right < len(text) and not stops else ""
    return f"{prefix}{text[left:right].strip()}{suffix}"
