"""Property tests and a bounded fuzz run: the guards hold for inputs nobody thought of."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections.abc import Iterable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import planscan
from planscan.errors import ConfigError
from planscan.keywords import load_keywords
from planscan.models import Hit, Limits, MatchKind, PlanRef, Status
from planscan.report.csvfile import safe_cell
from planscan.report.html import render_html
from planscan.scan import ScanOptions, scan_document

pytestmark = pytest.mark.slow  # fuzzing

FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
REPO = Path(__file__).resolve().parents[1]


@given(st.text())
def test_csv_cells_never_start_like_a_formula(value: str) -> None:
    cell = safe_cell(value)
    assert not cell.startswith(FORMULA)
    # Nothing else is lost: the neutralised cell is the value, without the NUL characters a
    # CSV file cannot hold, with at most a leading quote.
    kept = value.replace("\x00", "")
    assert cell in (kept, "'" + kept)
    # And it survives the CSV round trip as text.
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == [cell]


def test_a_nul_character_cannot_break_a_csv_file() -> None:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell("bolig\x00plan"), safe_cell("\x00=1+1")])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == ["boligplan", "'=1+1"]


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if any(name.startswith("on") for name, _ in attrs):
            raise AssertionError(f"event handler attribute in <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def base_result(docs: dict[str, Path]) -> planscan.ScanResult:
    return planscan.scan([docs["terms_pdf"]], options=ScanOptions(jobs=1))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=80))
def test_html_shows_document_text_as_text_and_runs_no_script_from_it(
    base_result: planscan.ScanResult, text: str
) -> None:
    doc = base_result.documents[0]
    hostile = Hit("bolig", 1, text, MatchKind.EXACT, f"før {text} etter")
    result = replace(
        base_result,
        documents=(replace(doc, hits=(hostile, *doc.hits), title=text, municipality=text),),
    )
    page = render_html(result)
    fixed = _Scripts()
    fixed.feed(render_html(base_result))
    parser = _Scripts()
    parser.feed(page)
    # The only scripts are the report's own, whatever the documents say.
    assert len(parser.scripts) == len(fixed.scripts)
    cleaned = re.sub(r"\s+", " ", text).strip()
    if cleaned:
        assert any(cleaned in re.sub(r"\s+", " ", chunk) for chunk in [" ".join(parser.text)])


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 50),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(["contains", "prefix", "phrase", "abbreviation", "no", "yes", "bolig", ""]),
    st.text(max_size=12),
)
_YAML_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "terms",
                    "levels",
                    "scoring",
                    "matching",
                    "mode",
                    "weight",
                    "variants",
                    "label",
                    "patterns",
                    "cap",
                    "green",
                    "yellow",
                    "min_score",
                    "bolig",
                    "x",
                    "version",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(_YAML_VALUES)
def test_keywords_validator_accepts_or_explains_any_document(tmp_path_factory, value) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("kw") / "keywords.yaml"
    path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    _load_or_explain(path)


@settings(max_examples=150, deadline=None)
@given(st.randoms(use_true_random=False))
def test_keywords_validator_survives_damaged_copies_of_the_shipped_file(
    tmp_path_factory,
    rnd: random.Random,  # type: ignore[no-untyped-def]
) -> None:
    lines = (REPO / "keywords.yaml").read_text(encoding="utf-8").splitlines()
    for _ in range(rnd.randint(1, 4)):
        i = rnd.randrange(len(lines))
        action = rnd.choice(["drop", "dup", "cut", "indent", "swap"])
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "cut":
            lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
        elif action == "indent":
            lines[i] = " " + lines[i]
        else:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    path = tmp_path_factory.mktemp("kw") / "keywords.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    _load_or_explain(path)


def _load_or_explain(path: Path) -> None:
    try:
        load_keywords(path)
    except ConfigError as exc:
        for line in str(exc).splitlines():
            assert re.match(rf"^{re.escape(str(path))}:\d+:\d+: \S", line), line


@pytest.mark.parametrize("seed_name", ["terms_pdf", "terms_docx"])
def test_fuzzed_documents_never_crash_a_scan(
    docs: dict[str, Path], keywords: planscan.KeywordSet, tmp_path: Path, seed_name: str
) -> None:
    """Bounded fuzz run over the extraction entry point, seeded from the generated files:
    random byte flips, cuts and splices. Every one must end as a result with a status."""
    seed = docs[seed_name].read_bytes()
    rnd = random.Random(f"planscan-{seed_name}")
    limits = Limits(timeout_seconds=5, timeout_per_page=0.5, max_memory_bytes=512 << 20)
    for number in range(12):
        data = bytearray(seed)
        for _ in range(rnd.randint(1, 40)):
            at = rnd.randrange(len(data))
            kind = rnd.random()
            if kind < 0.6:
                data[at] = rnd.randrange(256)
            elif kind < 0.8:
                del data[at : at + rnd.randint(1, 200)]
            else:
                data[at:at] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 50)))
        path = tmp_path / f"fuzz-{number}{docs[seed_name].suffix}"
        path.write_bytes(bytes(data))
        doc = scan_document(PlanRef("X", path), keywords, ScanOptions(jobs=1, limits=limits))
        assert doc.status in set(Status)
        if doc.status is Status.ERROR:
            assert doc.reason and doc.message and "\n" not in doc.message


_LETTERS = st.text(alphabet="bolighsaetnvkrdmu", min_size=1, max_size=16)


@settings(max_examples=300, deadline=None)
@given(
    target=st.sampled_from(["boligsosial", "vanskeligstilt", "husbanken", "bosetning"]),
    words=st.lists(_LETTERS, min_size=1, max_size=40),
    budget=st.integers(min_value=1, max_value=3),
    anchored=st.booleans(),
)
def test_the_ocr_filter_drops_no_word_the_exact_rule_accepts(
    target: str, words: list[str], budget: int, anchored: bool
) -> None:
    """The fast filter before the OCR rule must never lose a word: its candidates, checked,
    are exactly the words the rule accepts when it is asked about every word."""
    from planscan.match import _indel_within, _ocr_candidates

    # Damaged forms of the target too, or random words would rarely come near it.
    words = [*words, target[1:], target[:3] + target[4:], target[:-2] + "x" + target[-2:]]
    expected = [i for i, word in enumerate(words) if _indel_within(target, word, budget, anchored)]
    assert sorted(_ocr_candidates(target, budget, anchored, words)) == expected


def _indel_within_by_table(term: str, word: str, budget: int, anchored: bool) -> bool:
    """The OCR rule spelt out as a dynamic-programming table: the whole term aligned with a
    part of the word, first and last letters kept, at most `budget` letters lost or added."""
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
    return any(prev[j - 1] <= budget for j in range(1, width) if word[j - 1] == term[-1])


@settings(max_examples=500, deadline=None)
@given(
    target=st.sampled_from(["boligsosial", "vanskeligstilt", "husbanken", "bosetning", "aba"]),
    extra=_LETTERS,
    before=st.sampled_from(["", "b", "lo", "xy"]),
    after=st.sampled_from(["", "a", "en", "xy"]),
    cut=st.integers(min_value=0, max_value=12),
    budget=st.integers(min_value=1, max_value=3),
    anchored=st.booleans(),
)
def test_the_ocr_rule_is_the_alignment_table(
    target: str, extra: str, before: str, after: str, cut: int, budget: int, anchored: bool
) -> None:
    """_indel_within (rapidfuzz's Indel over the word's parts) decides as the full table does,
    on damaged forms of the term (letters cut, letters added, words around) and random words."""
    from planscan.match import _indel_within

    damaged = target[:cut] + extra[:2] + target[cut + 1 :]
    for word in (before + damaged + after, extra, before + target + after):
        expected = _indel_within_by_table(target, word, budget, anchored)
        assert _indel_within(target, word, budget, anchored) is expected, word


_STRUCK = st.lists(
    st.sampled_from(["A", "AA", "BB", "KK", "OO", "x", "11", "é", " ", "\n", "\xa0"]),
    max_size=16,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_STRUCK)
def test_undoubling_tokens_after_spaces_is_undoubling_at_every_character(text: str) -> None:
    """undouble() looks for double-struck tokens only where a token starts (after whitespace,
    or at the text's start): the same text as trying the pattern at every character."""
    from planscan.normalize import _DOUBLED, _undouble_token, undouble

    assert undouble(text) == _DOUBLED.sub(_undouble_token, text)


_SPACED = st.lists(
    st.sampled_from(
        ["a", "b", "é", " ", "  ", "\n", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x85", "\xa0"]
        + ["\u2028", "\u2029", "\u3000", "\u200e", "\ue000"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=_SPACED)
def test_tidy_text_is_left_as_it_is_only_where_tidying_would_not_change_it(text: str) -> None:
    """tidy_whitespace() returns a text it finds tidy at once: the same text as splitting
    every line into its words and joining them again, whatever whitespace it holds."""
    from planscan.normalize import tidy_whitespace

    lines = (" ".join(line.split()) for line in text.splitlines())
    assert tidy_whitespace(text) == "\n".join(line for line in lines if line)


def _layout_as_before(value: object, indent: str = "") -> str:
    """The result file's layout as it was first written (one value at a time): the
    reference for dump_json()."""
    one_line = json.JSONEncoder(ensure_ascii=False).encode

    def plain(values: Iterable[object]) -> bool:
        return not any(isinstance(v, (dict, list)) and v for v in values)

    inner = indent + "  "
    if isinstance(value, dict) and not plain(value.values()):
        lines = [f"{inner}{one_line(k)}: {_layout_as_before(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(lines) + f"\n{indent}}}"
    if isinstance(value, list) and not plain(value):
        lines = [inner + _layout_as_before(item, inner) for item in value]
        return "[\n" + ",\n".join(lines) + f"\n{indent}]"
    return one_line(value)


# Text that looks like the separators dump_json() splits the encoder's output at.
_JSON_TEXT = st.lists(
    st.sampled_from(["a", "ø", "}", "{", "[", "]", ",", " ", ":", '"', "\\", "\n", "\x00", "\x01"]),
    max_size=6,
).map("".join)
_JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _JSON_TEXT
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_JSON_TEXT, inner, max_size=4),
    max_leaves=40,
)


@settings(max_examples=1000, deadline=None)
@given(value=_JSON_VALUES)
def test_the_result_files_layout_is_the_layout_of_one_value_at_a_time(value: object) -> None:
    """dump_json() writes many plain values in one call of json's encoder and splits its
    output at separators: the same text as laying out and encoding one value at a time."""
    from planscan.resultfile import dump_json

    assert dump_json(value) == _layout_as_before(value) + "\n"


@settings(max_examples=300, deadline=None)
@given(
    hits=st.lists(
        st.dictionaries(_JSON_TEXT, _JSON_SCALARS | st.just([]) | st.just({})), max_size=5
    )
)
def test_a_list_of_plain_objects_is_laid_out_as_one_value_at_a_time(hits: list[object]) -> None:
    """A list of objects of plain values (hits) is written in one call: the same text."""
    from planscan.resultfile import dump_json

    value = {"documents": [{"hits": hits, "passages": [{"topics": ["a", "b"]}, *hits]}]}
    assert dump_json(value) == _layout_as_before(value) + "\n"


_SNIPPET_TEXT = st.lists(
    st.sampled_from(["bo", "lig", "Bo", "_", "1", "ø", " ", "-", "."]), max_size=10
)


@settings(max_examples=1000, deadline=None)
@given(snippet=_SNIPPET_TEXT.map("".join), match=_SNIPPET_TEXT.map("".join))
def test_a_hit_is_marked_where_the_whole_word_pattern_finds_it(snippet: str, match: str) -> None:
    """highlight() finds a whole word by its letters first and then looks back: the same
    places as a pattern that looks back first."""
    from planscan.report.evidence import highlight

    pattern = rf"(?<!\w){re.escape(match)}(?!\w)"
    found = list(re.finditer(pattern, snippet)) or list(re.finditer(re.escape(match), snippet))
    marked = [(snippet[f.start() : f.end()], f.start()) for f in found] if match else []
    pieces = highlight(snippet, match)
    starts = []
    position = 0
    for piece, is_match in pieces:
        if is_match:
            starts.append((piece, position))
        position += len(piece)
    assert "".join(piece for piece, _ in pieces) == snippet
    assert starts == marked
