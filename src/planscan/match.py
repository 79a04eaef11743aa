"""Find the hits of a KeywordSet in normalised page texts. The only importer of rapidfuzz.

Matching runs over the document's vocabulary (its distinct words), not over every word:
a 600-page plan has a few hundred thousand words but only a few thousand distinct ones.
Hits are then expanded from the vocabulary back to pages and snippets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Any, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, LCSseq

from planscan.chars import fold
from planscan.models import Hit, KeywordSet, MatchingRules, MatchKind, MatchMode, Term

# A word: letters, then letters or digits, not glued to a letter or digit before it.
_WORD = re.compile(r"(?<![^\W_])[^\W\d_][^\W_]*")

# OCR confusions folded away before comparing (both sides): m read as rn, d as cl, w as vv,
# l/i/1 and b/h mixed up, o as 0. Only used for terms long enough to get an OCR allowance.
_OCR_PAIRS = (("rn", "m"), ("cl", "d"), ("vv", "w"))
_OCR_CHARS = str.maketrans({"i": "l", "1": "l", "|": "l", "!": "l", "h": "b", "0": "o"})
_SENTENCE_END = re.compile(r"[.?!]\s")

SNIPPET_CHARS = 90

Position = tuple[int, int, int]  # page (0-based), start, end in the page's body text


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
    # The matchers made for this document, by keywords file (see matcher_for): not data.
    matchers: dict[int, tuple[KeywordSet, _RememberingMatcher]] = field(
        default_factory=dict, compare=False, repr=False
    )
    positions: dict[frozenset[str], list[tuple[int, int, int, str]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    # The pages each word looked for so far stands on (see pages_of): not data.
    word_pages: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def word_count(self) -> int:
        return sum(self.vocabulary.values())

    # The words of each page body, where index_document() counted them (else made when
    # first needed, from a cached index): not data.
    page_words: tuple[frozenset[str], ...] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def words_on_pages(self) -> tuple[frozenset[str], ...]:
        """The words of each page body: a word is looked for only on the pages that have it."""
        if self.page_words is not None:
            return self.page_words
        return tuple(frozenset(_WORD.findall(text)) for text in self.pages)

    def located(
        self, words: Iterable[str], also: Iterable[str] = ()
    ) -> list[tuple[int, int, int, str]]:
        """find_words(), remembered: phrases that start from the same words share it."""
        key = frozenset(words)
        found = self.positions.get(key)
        if found is None:
            found = self.positions[key] = list(self.find_words(key, also))
        return found

    def pages_of(self, words: Iterable[str], also: Iterable[str] = ()) -> dict[str, list[int]]:
        """The pages each word stands on (a dict that has at least the words asked for).

        The words not asked for before are looked up in one pass over the pages, together
        with `also`, the words likely to be asked for next: a long plan's pages are read
        once for a hundred phrases, not once for each phrase's words."""
        known = self.word_pages
        missing = {word for word in words if word not in known}
        if missing:
            missing.update(word for word in also if word not in known)
            for word in missing:
                known[word] = []
            for page, has in enumerate(self.words_on_pages):
                for word in has & missing:
                    known[word].append(page)
        return known

    def find_words(
        self, words: Iterable[str], also: Iterable[str] = ()
    ) -> Iterator[tuple[int, int, int, str]]:
        """Yield (page, start, end, word) for each whole-word occurrence of a few words.

        str.find over the pages that have the word: much quicker than a regex for the
        handful of words that start a phrase, and than reading every page for a rare one.
        `also`: see pages_of.
        """
        words = list(words)
        pages_of = self.pages_of(words, also)
        pages = self.pages
        for word in words:
            for page in pages_of[word]:
                text = pages[page]
                at = text.find(word)
                while at >= 0:
                    end = at + len(word)
                    before = text[at - 1] if at else " "
                    after = text[end] if end < len(text) else " "
                    if not before.isalnum() and not after.isalnum():
                        yield page, at, end, word
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
    page_words = []
    for text in bodies:
        words = _WORD.findall(text)
        counts.update(words)
        page_words.append(frozenset(words))
    for line in (line for page in headers for line in page):
        for word in _WORD.findall(line):
            counts.setdefault(word, 0)
    return DocumentIndex(bodies, dict(counts), headers, page_words=tuple(page_words))


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
    matcher = matcher_for(index, keywords)
    counts: dict[str, int] = {}
    for term in keywords.terms:
        if term.mode is MatchMode.PHRASE:
            counts[term.key] = len(_phrase_positions(index, term, matcher))
        else:
            counts[term.key] = sum(index.vocabulary[word] for word in matcher.matches(term))
    return counts


def find_positions(
    index: DocumentIndex, terms: Sequence[Term], keywords: KeywordSet
) -> tuple[dict[str, dict[Position, MatchKind]], dict[str, list[tuple[str, MatchKind]]]]:
    """Where each term stands in the page bodies: (page, start, end) -> how it matched, per
    term key; and, for single-word terms, which term each matching word belongs to."""
    matcher = matcher_for(index, keywords)
    found: dict[str, dict[Position, MatchKind]] = {}
    by_word: dict[str, list[tuple[str, MatchKind]]] = defaultdict(list)
    for term in terms:
        found[term.key] = {}
        if term.mode is MatchMode.PHRASE:
            found[term.key] = _phrase_positions(index, term, matcher)
        else:
            for word, kind in matcher.matches(term).items():
                by_word[word].append((term.key, kind))
    # str.find for each word on the pages that have it (find_words), in page order as a
    # regex over the pages would find them: several times quicker than that regex, which
    # tries every word at every position of a page.
    for page, start, end, word in sorted(index.find_words(by_word)):
        for term_key, kind in by_word[word]:
            found[term_key][(page, start, end)] = kind
    return found, by_word


def find_indicators(index: DocumentIndex, keywords: KeywordSet) -> dict[str, list[Position]]:
    """Where each housing-social indicator of the judgement rules stands, in page order."""
    terms = [indicator.term for indicator in keywords.judgement.indicators]
    found, _ = find_positions(index, terms, keywords)
    return {key: sorted(positions) for key, positions in found.items() if positions}


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
    found, by_word = find_positions(index, keywords.terms, keywords)
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
                    text[start:end].replace("\n", " "),
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
    if not found_words or not any(index.headers):
        return
    # The found words are words of the vocabulary (_WORD's runs of letters and digits that
    # start with a letter), so a line's words are found by _WORD and looked up: the same
    # occurrences as a regex of every found word, without compiling one per document.
    # A running line repeats on most pages: each distinct line is read once.
    on_line: dict[str, list[re.Match[str]]] = {}
    listed: set[tuple[str, str]] = set()
    for page, lines in enumerate(index.headers):
        for text in lines:
            matches = on_line.get(text)
            if matches is None:
                matches = on_line[text] = [
                    match for match in _WORD.finditer(text) if match.group() in found_words
                ]
            for match in matches:
                word = match.group()
                for term_key, kind in found_words[word]:
                    key = (term_key, word.casefold())
                    if key in listed:
                        continue
                    listed.add(key)
                    hits[term_key].append(
                        Hit(
                            term_key,
                            first_page + page + 1,
                            text[match.start() : match.end()],
                            kind,
                            text,
                            repeated=True,
                        )
                    )


def matcher_for(index: DocumentIndex, keywords: KeywordSet) -> _RememberingMatcher:
    """The document's matcher for these keywords: made once, for terms and indicators."""
    matchers = index.matchers
    found = matchers.get(id(keywords))
    if found is None or found[0] is not keywords:
        found = matchers[id(keywords)] = (
            keywords,
            _RememberingMatcher(
                list(index.vocabulary),
                keywords.matching,
                _ocr_memory(keywords),
                _exact_memory(keywords),
            ),
        )
    return found[1]


OcrKey = tuple[str, int, bool]  # the form's OCR skeleton, edits allowed, anchored (prefix)


class _WordMemory:
    """What is decided about each distinct word, for every word met so far in this process:
    a county's plans share most of their words, and only words not met before are decided.
    Subclasses decide (_decide), calling _found for the words each key matches."""

    def __init__(self) -> None:
        self.checked: set[str] = set()
        # The words some key matched (a twentieth of a plan's words, or so), and which keys
        # each matched and how, in the order decided.
        self.matched: set[str] = set()
        self.keys_of: dict[str, list[tuple[Any, MatchKind]]] = {}

    def learn(self, words: frozenset[str]) -> None:
        """Decide the words not met before. (Their order does not matter: what is decided
        about a word depends on the word alone.)"""
        new = list(words - self.checked)
        if not new:
            return
        if len(self.checked) + len(new) > _MEMORY_MAX_WORDS:  # bounded: start again
            self.checked.clear()
            self.matched.clear()
            self.keys_of.clear()
            new = list(words)
        self._decide(new)
        self.checked.update(new)

    def by_key(self, words: frozenset[str]) -> dict[Any, dict[str, MatchKind]]:
        """Given a document's words (learnt), the words each key matched, and how: made from
        the few words some key matched, not by asking each key about all of them. A word a
        key matched both as written and folded counts as written."""
        found: dict[Any, dict[str, MatchKind]] = defaultdict(dict)
        keys_of = self.keys_of
        for word in words & self.matched:
            for key, kind in keys_of[word]:
                found[key].setdefault(word, kind)
        return found

    def _found(self, key: Any, words: Iterable[str], kind: MatchKind) -> None:
        keys_of = self.keys_of
        for word in words:
            known = keys_of.get(word)
            if known is None:
                known = keys_of[word] = []
                self.matched.add(word)
            known.append((key, kind))

    def _decide(self, new: list[str]) -> None:
        raise NotImplementedError


class _OcrMemory(_WordMemory):
    """Which words are OCR-damaged forms of which terms and indicators (compared at C speed,
    with rapidfuzz)."""

    def __init__(self, keys: frozenset[OcrKey]) -> None:
        super().__init__()
        self.keys = keys

    def _decide(self, new: list[str]) -> None:
        skeletons = _skeletons(new)
        # Shortest first: a word shorter than a form less its edits cannot hold it (the two
        # share at most the word's letters), so each form is compared with the long enough.
        lengths = list(map(len, skeletons))
        every = _ByLength(skeletons, lengths, sorted(range(len(new)), key=lengths.__getitem__))
        # A form that must start the word is compared only with the words that start with
        # its first letter (_indel_within requires it): a fifteenth of them, or so.
        starting: dict[str, list[int]] = defaultdict(list)
        for i in every.order:
            starting[skeletons[i][:1]].append(i)
        by_first = {
            letter: _ByLength(skeletons, lengths, order) for letter, order in starting.items()
        }
        for key in self.keys:
            target, budget, anchored = key
            words = by_first.get(target[:1]) if anchored else every
            if words is None:
                continue
            low = bisect_left(words.lengths, len(target) - budget)
            found = _ocr_candidates(target, budget, anchored, words.skeletons[low:])
            self._found(key, (new[words.order[low + i]] for i in found), MatchKind.OCR)


_NO_WORDS: dict[str, MatchKind] = {}  # what a key matched in a document that has none: not changed


class _ByLength:
    """Some words' OCR skeletons, shortest first, with where each word stands in the batch."""

    def __init__(self, skeletons: list[str], lengths: list[int], order: list[int]) -> None:
        self.order = order
        self.lengths = [lengths[i] for i in self.order]
        self.skeletons = [skeletons[i] for i in self.order]


_MEMORY_MAX_WORDS = 1_000_000
_OCR_MEMORIES: dict[tuple[MatchingRules, frozenset[OcrKey]], _OcrMemory] = {}


_Memory = TypeVar("_Memory", bound=_WordMemory)


def _memory_for(table: dict[Any, _Memory], group: Any, make: Callable[[], _Memory]) -> _Memory:
    """The process's memory for this group of keys, made when first asked for; a few
    keywords files at most are remembered (another one: start again)."""
    memory = table.get(group)
    if memory is None:
        if len(table) > 8:
            table.clear()
        memory = table[group] = make()
    return memory


def _ocr_memory(keywords: KeywordSet) -> _OcrMemory:
    keys = _keys_of(keywords)[1]
    return _memory_for(_OCR_MEMORIES, (keywords.matching, keys), lambda: _OcrMemory(keys))


def forget_words() -> None:
    """Empty the memories of words met in this process, as in a new reader (benchmarks)."""
    _OCR_MEMORIES.clear()
    _EXACT_MEMORIES.clear()


ExactKey = tuple[str, bool]  # a form, and whether a word must start with it (else contain it)


class _ExactMemory(_WordMemory):
    """Which words hold which forms of the terms and indicators, as written (casefolded) and
    folded (æ/ø/å as ae/o/a): one str.find per form over the new words joined."""

    def __init__(self, keys: frozenset[ExactKey]) -> None:
        super().__init__()
        self.keys = keys
        # Each key's form casefolded and folded, worked out once, not for every batch.
        self._searched = [(key, key[0].casefold(), fold(key[0]), key[1]) for key in keys]

    def _decide(self, new: list[str]) -> None:
        casefolded = _joined_casefolded(new)
        folded = _joined_casefolded(new, folded=True)
        # A word without æ/ø/å (or ä/ö/é/è) folds to itself casefolded, so for a form without
        # them too, folding finds no word the casefolded search did not: only the few words
        # that folding changes are searched folded (a third of the finds saved).
        changed = [
            i
            for i, (word, its_fold) in enumerate(
                zip(casefolded[0].split("\n"), folded[0].split("\n"), strict=True)
            )
            if word != its_fold
        ]
        folded_changed = _joined_casefolded([new[i] for i in changed], folded=True)
        for key, casefolded_form, folded_form, prefix in self._searched:
            # As written first: a word found both ways counts as written (by_key).
            found = _find_in_joined(*casefolded, casefolded_form, prefix)
            self._found(key, (new[i] for i in found), MatchKind.EXACT)
            if folded_form != casefolded_form:
                found = _find_in_joined(*folded, folded_form, prefix)
                self._found(key, (new[i] for i in found), MatchKind.FOLDED)
            elif changed:
                found = _find_in_joined(*folded_changed, folded_form, prefix)
                self._found(key, (new[changed[i]] for i in found), MatchKind.FOLDED)


_EXACT_MEMORIES: dict[frozenset[ExactKey], _ExactMemory] = {}


def _exact_memory(keywords: KeywordSet) -> _ExactMemory:
    keys = _keys_of(keywords)[0]
    return _memory_for(_EXACT_MEMORIES, keys, lambda: _ExactMemory(keys))


_KEYS: dict[int, tuple[KeywordSet, frozenset[ExactKey], frozenset[OcrKey]]] = {}


def _keys_of(keywords: KeywordSet) -> tuple[frozenset[ExactKey], frozenset[OcrKey]]:
    """The exact and OCR keys of a keywords file, worked out once (not per document)."""
    found = _KEYS.get(id(keywords))
    if found is None or found[0] is not keywords:
        if len(_KEYS) > 8:
            _KEYS.clear()
        found = _KEYS[id(keywords)] = (
            keywords,
            frozenset(_exact_keys(keywords)),
            frozenset(_ocr_keys(keywords)),
        )
    return found[1], found[2]


def _exact_keys(keywords: KeywordSet) -> list[ExactKey]:
    """Every form the terms and indicators look words up by (for a phrase, the parts it may
    start its search from)."""
    terms = [*keywords.terms, *(indicator.term for indicator in keywords.judgement.indicators)]
    keys = []
    for term in terms:
        if term.mode is MatchMode.ABBREVIATION:
            continue
        prefix = term.mode in (MatchMode.PREFIX, MatchMode.PHRASE)
        for form in term.forms:
            if term.mode is not MatchMode.PHRASE:
                keys.append((form, prefix))
                continue
            parts = form.split()
            longest = max(parts, key=len)
            keys.extend((p, True) for p in parts if len(p) >= _ANCHOR_MIN_LETTERS or p is longest)
    return keys


def _ocr_keys(keywords: KeywordSet) -> list[OcrKey]:
    """Every OCR comparison the terms and indicators ask for."""
    terms = [*keywords.terms, *(indicator.term for indicator in keywords.judgement.indicators)]
    keys = []
    for term in terms:
        if not term.ocr or term.mode is MatchMode.ABBREVIATION:
            continue
        anchored = term.mode in (MatchMode.PREFIX, MatchMode.PHRASE)
        for form in term.forms:
            parts = form.split() if term.mode is MatchMode.PHRASE else [form]
            for part in parts:
                # The key a document's matcher looks the part up by (_RememberingMatcher._ocr).
                key = _ocr_key(part, keywords.matching, anchored)
                if key is not None:
                    keys.append(key)
    return keys


def _ocr_candidates(target: str, budget: int, anchored: bool, skeletons: list[str]) -> list[int]:
    """The indexes of the skeletons that are the target with at most `budget` letters lost
    or added."""
    # A C-speed filter first, exact and tight: a word in which the whole term aligns with
    # at most `budget` letters lost shares a subsequence of at least len - budget letters
    # with it. The exact rule is then checked on the few that pass (on real plans' 13,000
    # distinct words, 7 % of what the earlier partial-ratio filter let through).
    candidates = process.extract(
        target,
        skeletons,
        scorer=LCSseq.similarity,
        score_cutoff=len(target) - budget,
        limit=None,
    )
    return [
        i
        for _skeleton, _score, i in candidates
        if _indel_within(target, skeletons[i], budget, anchored)
    ]


class _RememberingMatcher:
    """Match one document's vocabulary against terms, deciding each form only once.

    The vocabulary's words are joined into one string (casefolded, and folded), so that a
    form is looked for with str.find over the whole vocabulary at C speed instead of word by
    word; the forms of phrases that recur ("til", "av", "kommunal") are decided once per
    document whatever the phrase.
    """

    def __init__(
        self,
        words: list[str],
        rules: MatchingRules,
        memory: _OcrMemory,
        exact_memory: _ExactMemory,
    ) -> None:
        self.words = words
        self.word_set = frozenset(words)
        self.rules = rules
        self.memory = memory
        self.exact_memory = exact_memory
        # The words each key of the OCR memory, and of the exact one, matched in this
        # document, by memory: once the memory has learnt the document's words.
        self._by_key: dict[_WordMemory, dict[Any, dict[str, MatchKind]]] = {}
        self._likely: frozenset[str] | None = None
        # The forms of a caller's own terms, decided for this document: (form, prefix, OCR).
        self._decided: dict[tuple[str, bool, bool], dict[str, MatchKind]] = {}
        self._occurrences: dict[int, tuple[dict[str, MatchKind], int]] = {}
        self._matched: dict[
            tuple[MatchMode, bool, tuple[str, ...], tuple[str, ...]], dict[str, MatchKind]
        ] = {}

    @cached_property
    def _casefolded(self) -> tuple[str, list[int]]:
        return _joined(word.casefold() for word in self.words)

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        return _joined(fold(word) for word in self.words)

    def matches(self, term: Term, forms: Iterable[str] | None = None) -> dict[str, MatchKind]:
        """Return the vocabulary words that count as the term, with how each matched.

        Decided once per document for the same forms, mode, OCR and exclusions (phrases
        share parts: "bolig", "kommunal"); the dict returned is shared: not to be changed."""
        mode = MatchMode.PREFIX if term.mode is MatchMode.PHRASE else term.mode
        forms = tuple(forms if forms is not None else term.forms)
        key = (mode, term.ocr, term.exclusions, forms)
        found = self._matched.get(key)
        if found is None:
            found = self._matched[key] = self._matches(term, mode, forms)
        return found

    @property
    def likely_words(self) -> frozenset[str]:
        """This document's words that some form of the keywords matched, once the memories
        have learnt them: the words phrases will be looked for by (see pages_of)."""
        if self._likely is None:
            if self.exact_memory not in self._by_key or self.memory not in self._by_key:
                return frozenset()
            self._likely = self.word_set & (self.exact_memory.matched | self.memory.matched)
        return self._likely

    def occurrences(self, found: dict[str, MatchKind], vocabulary: dict[str, int]) -> int:
        """How often the document has the words of a matches() result (added up once)."""
        known = self._occurrences.get(id(found))
        if known is None or known[0] is not found:
            total = sum(map(vocabulary.__getitem__, found))
            known = self._occurrences[id(found)] = (found, total)
        return known[1]

    def _matches(self, term: Term, mode: MatchMode, forms: tuple[str, ...]) -> dict[str, MatchKind]:
        found: dict[str, MatchKind] = {}
        if mode is MatchMode.ABBREVIATION:
            found.update((form, MatchKind.EXACT) for form in forms if form in self.word_set)
            return found
        prefix = mode is MatchMode.PREFIX
        # Every form's exact pass first, so a variant is never reported as OCR damage.
        for form in forms:
            for word, kind in self._exact(form, prefix).items():
                found.setdefault(word, kind)
        if term.ocr:
            for form in forms:
                for word, kind in self._ocr(form, prefix).items():
                    found.setdefault(word, kind)
        if term.exclusions:
            excluded = _folded_all(term.exclusions)
            found = {w: k for w, k in found.items() if not any(ex in fold(w) for ex in excluded)}
        return found

    def _exact(self, form: str, prefix: bool) -> dict[str, MatchKind]:
        key = (form, prefix)
        if key not in self.exact_memory.keys:
            return self._own_form(form, prefix)
        return self._remembered(self.exact_memory, key)

    def _ocr(self, form: str, prefix: bool) -> dict[str, MatchKind]:
        key = _ocr_key(form, self.rules, prefix)
        if key is None:
            return _NO_WORDS
        if key not in self.memory.keys:
            return self._own_form(form, prefix, key)
        return self._remembered(self.memory, key)

    def _remembered(self, memory: _WordMemory, key: Any) -> dict[str, MatchKind]:
        """The words of this document that a memory's key matched (the memory learns the
        document's words when first asked)."""
        by_key = self._by_key.get(memory)
        if by_key is None:
            memory.learn(self.word_set)
            by_key = self._by_key[memory] = memory.by_key(self.word_set)
        return by_key.get(key, _NO_WORDS)

    def _own_form(
        self, form: str, prefix: bool, ocr_key: OcrKey | None = None
    ) -> dict[str, MatchKind]:
        """A form the keywords file does not have (a caller's own term), as written and
        folded, or with OCR damage by its `ocr_key`: decided once, for this document only
        (the memories keep the keywords file's forms)."""
        ocr = ocr_key is not None
        decided = self._decided.get((form, prefix, ocr))
        if decided is not None:
            return decided
        if ocr_key is not None:
            skeletons = [ocr_skeleton(word) for word in self.words]
            found = {self.words[i]: MatchKind.OCR for i in _ocr_candidates(*ocr_key, skeletons)}
        else:
            found = {
                self.words[i]: MatchKind.EXACT
                for i in _find_in_joined(*self._casefolded, form.casefold(), prefix)
            }
            for i in _find_in_joined(*self._folded, fold(form), prefix):
                found.setdefault(self.words[i], MatchKind.FOLDED)
        self._decided[form, prefix, ocr] = found
        return found


@lru_cache(maxsize=4096)  # asked for each form of each term in every document
def _ocr_key(form: str, rules: MatchingRules, anchored: bool) -> OcrKey | None:
    """How a form is compared with OCR-damaged words, or None if it is too short to be."""
    budget = rules.edits_for(len(fold(form)))
    return (ocr_skeleton(form), budget, anchored) if budget else None


@lru_cache(maxsize=4096)
def _folded_all(words: tuple[str, ...]) -> tuple[str, ...]:
    """fold() of each word (a term's exclusions), worked out once."""
    return tuple(fold(word) for word in words)


def _joined(words: Iterable[str]) -> tuple[str, list[int]]:
    """Words joined by line breaks, and where each starts: one string to search at C speed."""
    starts, parts, at = [], [], 0
    for word in words:
        starts.append(at)
        parts.append(word)
        at += len(word) + 1
    return "\n".join(parts), starts


def _joined_casefolded(words: Sequence[str], folded: bool = False) -> tuple[str, list[int]]:
    """_joined() of the words casefolded (or folded), at C speed: casefolding and folding
    map each letter alone, and no word holds a line break."""
    joined = "\n".join(words)
    joined = fold(joined) if folded else joined.casefold()
    # Where each word starts: its length and a line break after each, summed (in C).
    starts = list(accumulate(map((1).__add__, map(len, joined.split("\n"))), initial=0))
    starts.pop()
    return joined, starts


def _skeletons(words: Sequence[str]) -> list[str]:
    """ocr_skeleton() of each word (at least one), folded and replaced in one string: no
    confusion spans a line break, and no word holds one."""
    joined = fold("\n".join(words))
    for damaged, letter in _OCR_PAIRS:
        joined = joined.replace(damaged, letter)
    return joined.translate(_OCR_CHARS).split("\n")


def _find_in_joined(joined: str, starts: list[int], needle: str, prefix: bool) -> list[int]:
    """The indexes of the words that contain `needle` (or start with it, if `prefix`)."""
    found: list[int] = []
    if not needle:
        return found
    if prefix:  # only the words that start with it: a line break and the needle
        if joined.startswith(needle):
            found.append(0)
        marker = "\n" + needle
        at = joined.find(marker)
        while at >= 0:
            found.append(bisect_left(starts, at + 1))
            at = joined.find(marker, at + len(marker))
        return found
    at = joined.find(needle)
    while at >= 0:
        index = bisect_right(starts, at) - 1
        if not prefix or starts[index] == at:
            found.append(index)
        # On to the next word: one hit per word is enough.
        next_start = starts[index + 1] if index + 1 < len(starts) else len(joined)
        at = joined.find(needle, next_start)
    return found


@lru_cache(maxsize=65536)  # the same words recur in plan after plan
def _indel_within(term: str, word: str, budget: int, anchored: bool) -> bool:
    """True if the whole term aligns with a part of the word using at most `budget` letters
    inserted or deleted (no substitutions: a different real letter is a different word).

    The term's first and last letters must be present: damage inside a word is OCR, while
    a word that merely shares the term's tail ("frivilligpolitisk") is another word.
    `anchored` requires the part to start the word. For terms of two letters or more.
    """
    # The part starts with the term's first letter and ends, later, with its last, so its
    # indel distance to the term is that of the letters between (an alignment can always
    # pair equal first letters, and equal last ones): rapidfuzz's Indel, in C, for each
    # such part no more than `budget` letters longer or shorter than the term.
    first, last, size = term[0], term[-1], len(term)
    start = word.find(first)
    while start >= 0 and (start == 0 or not anchored):
        for end in range(max(start + 1, start + size - 1 - budget), start + size + budget):
            if end >= len(word):
                break
            part = word[start : end + 1]
            if word[end] == last and Indel.distance(term, part, score_cutoff=budget) <= budget:
                return True
        start = word.find(first, start + 1)
    return False


def _phrase_positions(
    index: DocumentIndex, term: Term, matcher: _RememberingMatcher
) -> dict[Position, MatchKind]:
    """Positions where the parts of a phrase stand as consecutive words (on one page).

    The search starts from the phrase's longest part ("trenger" in "de som trenger det
    mest", not "de": long words are rare), and the words around it are checked one by one.
    """
    positions: dict[Position, MatchKind] = {}
    vocabulary = index.vocabulary
    for form in term.forms:
        parts, long_parts = _phrase_parts(form)
        # Parts of three letters or more are matched against the vocabulary (cheap: a few
        # str.find over it); the one the document uses least is where the search starts.
        long_words = {i: matcher.matches(term, [parts[i]]) for i in long_parts}
        if not all(long_words.values()):
            continue  # a part no word of this document matches
        anchor = min(long_words, key=lambda i: matcher.occurrences(long_words[i], vocabulary))
        anchor_words = long_words[anchor]
        checks = [
            long_words[i].get if i in long_words else _part_check(term, part, matcher)
            for i, part in enumerate(parts)
        ]
        for page, start, end, word in index.located(anchor_words, matcher.likely_words):
            text = index.pages[page]
            kinds = [anchor_words[word]]
            for check in checks[anchor + 1 :]:
                following = _WORD.search(text, end)
                kind = check(following.group()) if following is not None else None
                if following is None or kind is None:
                    break
                kinds.append(kind)
                end = following.end()
            else:
                for check in reversed(checks[:anchor]):
                    before = _previous_word(text, start)
                    kind = check(text[before:start].split()[0]) if before is not None else None
                    if before is None or kind is None:
                        break
                    kinds.append(kind)
                    start = before
                else:
                    positions.setdefault((page, start, end), max(kinds, key=_KIND_ORDER.index))
    return positions


@lru_cache(maxsize=4096)  # asked for each phrase in every document
def _phrase_parts(form: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """A phrase's parts, and which of them are long enough to start a search from (three
    letters or more; the longest part whatever its length)."""
    parts = tuple(form.split())
    longest = max(range(len(parts)), key=lambda i: len(parts[i]))
    return parts, tuple(
        i for i, part in enumerate(parts) if len(part) >= _ANCHOR_MIN_LETTERS or i == longest
    )


def _part_check(
    term: Term, part: str, matcher: _RememberingMatcher
) -> Callable[[str], MatchKind | None]:
    """How a word is checked against one part of a phrase: through the matcher for parts long
    enough to allow OCR damage; by its start for short ones ("til", "i"), which would
    otherwise match half the vocabulary."""
    if matcher.rules.edits_for(len(fold(part))) and term.ocr:
        allowed = matcher.matches(term, [part])
        return allowed.get
    return _start_check(part, term.exclusions)


@lru_cache(maxsize=4096)  # the same short parts ("til", "av") in phrase after phrase
def _start_check(part: str, exclusions: tuple[str, ...]) -> Callable[[str], MatchKind | None]:
    """A check that a word starts with a short part of a phrase (and holds no exclusion)."""
    casefolded, folded = part.casefold(), fold(part)
    excluded = _folded_all(exclusions)

    def check(word: str) -> MatchKind | None:
        if excluded and any(ex in fold(word) for ex in excluded):
            return None
        if word.casefold().startswith(casefolded):
            return MatchKind.EXACT
        return MatchKind.FOLDED if fold(word).startswith(folded) else None

    return check


def _previous_word(text: str, start: int) -> int | None:
    """Where the word before `start` begins (only spaces, punctuation and hyphens between)."""
    at = start
    while at > 0 and not text[at - 1].isalnum():
        at -= 1
        if start - at > 3:  # more than a little punctuation between: not the same phrase
            return None
    end = at
    while at > 0 and text[at - 1].isalnum():
        at -= 1
    if at == end:
        return None
    found = _WORD.match(text, at)
    return at if found is not None and found.end() == end else None


_KIND_ORDER = [MatchKind.EXACT, MatchKind.FOLDED, MatchKind.OCR]
_ANCHOR_MIN_LETTERS = 3


def snippet(
    text: str, start: int, end: int, width: int = SNIPPET_CHARS, ends: list[int] | None = None
) -> str:
    """Return the text around [start, end), cut at sentence ends or else at whole words.

    `ends` are the positions of the page's sentence ends (". "), if already known. Line
    breaks in the text are spaces in the snippet.
    """
    if ends is None:
        ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    left, right = max(0, start - width), min(len(text), end + width)
    prefix = suffix = ""
    i = bisect_left(ends, start - 1) - 1  # the last sentence end before the hit
    if i >= 0 and ends[i] + 2 >= left:
        left = ends[i] + 2
    elif left > 0:
        space = _first_space(text, left, start)
        left = space + 1 if space >= 0 else left
        prefix = "…"
    j = bisect_left(ends, end)  # the first sentence end after the hit
    if j < len(ends) and ends[j] < right:
        right = ends[j] + 1
    elif right < len(text):
        space = max(text.rfind(" ", end, right), text.rfind("\n", end, right))
        right = space if space >= 0 else right
        suffix = "…"
    return f"{prefix}{text[left:right].strip().replace(chr(10), ' ')}{suffix}"


def _first_space(text: str, start: int, end: int) -> int:
    """The first space or line break in text[start:end], or -1."""
    found = [at for at in (text.find(" ", start, end), text.find("\n", start, end)) if at >= 0]
    return min(found, default=-1)


def closest(query: str, choices: Sequence[str], limit: int = 3, cutoff: float = 75.0) -> list[str]:
    """The choices most like `query` (case and æ/ø/å folded), best first: a "did you mean"."""
    folded = [fold(choice) for choice in choices]
    found = process.extract(
        fold(query), folded, scorer=fuzz.WRatio, limit=limit, score_cutoff=cutoff
    )
    return [choices[index] for _, _, index in found]
