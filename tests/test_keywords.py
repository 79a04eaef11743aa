from __future__ import annotations

from pathlib import Path

import pytest

from planscan.errors import ConfigError
from planscan.keywords import default_keywords_path, load_keywords
from planscan.models import KeywordSet, MatchMode, Strength

REPO = Path(__file__).resolve().parents[1]

REPORT_TERMS = [
    "bolig",
    "bosetning",
    "vanskeligstilt",
    "demografi",
    "UU",
    "universell utforming",
    "boligsosial",
    "boligpolitikk",
    "boligmarked",
    "Husbanken",
    "nærhet",
    "normalisering",
    "integrering",
    "barnefattigdom",
]

LEVELS = [
    "samfunnsdel",
    "arealdel",
    "okonomiplan-4arig",
    "okonomiplan-arlig",
    "temaplan-bolig",
    "temaplan-oppvekst",
    "temaplan-folkehelse",
    "temaplan-helse",
    "planstrategi",
]


def test_shipped_keywords_have_the_reports_terms_and_levels() -> None:
    keywords = load_keywords()
    assert [t.key for t in keywords.terms] == REPORT_TERMS
    assert [lvl.id for lvl in keywords.levels] == LEVELS
    assert keywords.level("samfunnsdel").label == "Kommuneplan – samfunnsdel"  # type: ignore[union-attr]
    modes = {t.key: t.mode for t in keywords.terms}
    assert modes["UU"] is MatchMode.ABBREVIATION
    assert modes["universell utforming"] is MatchMode.PHRASE
    assert {t.key for t in keywords.terms if t.specific} == {
        "vanskeligstilt",
        "boligsosial",
        "boligpolitikk",
        "Husbanken",
        "barnefattigdom",
    }


def test_packaged_keywords_file_is_the_top_level_one() -> None:
    assert default_keywords_path().read_bytes() == (REPO / "keywords.yaml").read_bytes()


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "keywords.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_keywords(path)
    return str(info.value).splitlines()


def shipped_with(old: str, new: str) -> str:
    text = (REPO / "keywords.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = text.splitlines()
    found = [i + 1 for i, line in enumerate(lines) if needle in line]
    return found[occurrence - 1]


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "terms:\n  bolig: [contains\nlevels: {}\n")
    [error] = errors_of(path)
    assert error.startswith(f"{path}:3:")
    assert "YAML syntax error" in error


def test_unknown_key_wrong_type_bool_and_duplicate_all_reported(tmp_path: Path) -> None:
    text = shipped_with(
        "    generic: true\n    variants: [bustad]",
        "    generic: lots\n    colour: blue\n    variants: [bustad]",
    )
    text = text.replace(
        "  nærhet:\n    mode: contains",
        "  nærhet:\n    mode: contains\n    ocr: no\n    mode: prefix",
        1,
    )
    text = text.replace("    variants: [bustad]", "    variants: [bustad, no]", 1)
    path = write(tmp_path, text)
    errors = errors_of(path)
    generic_line = line_of(text, "generic: lots")
    assert (
        f"{path}:{generic_line}:14: term 'bolig': generic must be true or false, not the text"
        " 'lots'"
    ) in errors
    assert (
        f"{path}:{generic_line + 1}:5: unknown key 'colour' in term 'bolig'; expected one of:"
        " mode, specific, generic, variants, exclusions, ocr"
    ) in errors
    variants_line = line_of(text, "variants: [bustad, no]")
    assert (
        f"{path}:{variants_line}:24: an item of term 'bolig': variants: 'no' is read as the"
        ' boolean false by YAML; put it in quotes: "no"'
    ) in errors
    duplicate_line = line_of(text, "    mode: prefix")
    first_line = duplicate_line - 2  # "mode: contains", then "ocr: no", then the duplicate
    assert (
        f"{path}:{duplicate_line}:5: duplicate key 'mode' in term 'nærhet' (first at line"
        f" {first_line}); YAML would silently keep only the last one"
    ) in errors
    assert len(errors) == 4


def test_missing_and_unknown_sections(tmp_path: Path) -> None:
    path = write(tmp_path, "terms:\n  bolig: {mode: contains}\ncolours: {}\n")
    assert errors_of(path) == [
        f"{path}:1:1: the keywords file is missing the required key 'levels'",
        f"{path}:1:1: the keywords file is missing the required key 'judgement'",
        f"{path}:3:1: unknown key 'colours' in the keywords file; expected one of:"
        " version, matching, judgement, terms, levels, not_plans",
    ]


def test_a_version_1_file_says_what_changed(tmp_path: Path) -> None:
    text = shipped_with("version: 2", "version: 1")
    [error] = errors_of(write(tmp_path, text))
    assert "version 1 is planscan 1.0's format" in error
    assert "copy the judgement section from the shipped keywords.yaml" in error


def test_indicators_are_read_by_topic_with_their_strength(keywords: KeywordSet) -> None:
    by_key = {i.term.key: i for i in keywords.judgement.indicators}
    assert by_key["startlån"].strength is Strength.STRONG
    assert by_key["startlån"].topic == "husbankens virkemidler"
    assert by_key["lavinntekt"].strength is Strength.WEAK
    assert by_key["leie før eie"].term.mode is MatchMode.PHRASE
    assert by_key["ROP"].term.mode is MatchMode.ABBREVIATION
    assert "flyktning" in by_key["bosetting"].needs
    assert "mønster" in by_key["busetjing"].other_sense


def test_an_indicator_twice_and_a_topic_without_forms(tmp_path: Path) -> None:
    text = shipped_with(
        "      strong: [barnefattigdom]\n",
        "      strong: [barnefattigdom, startlån]\n",
    )
    text = text.replace("  housing_words:", "    tom:\n      why: nothing\n  housing_words:", 1)
    errors = errors_of(write(tmp_path, text))
    assert any(
        "'startlån' is already an indicator of 'husbankens virkemidler'" in e for e in errors
    )
    assert any("judgement: indicators: tom needs strong or weak forms" in e for e in errors)


def test_unknown_mode_and_bad_thresholds(tmp_path: Path) -> None:
    text = shipped_with("    mode: abbreviation", "    mode: acronym")
    text = text.replace("    weak_weight: 0.5\n", "    weak_weight: 5\n")
    text = text.replace("      min_spread: 0.5\n", "      min_spread: 50\n")
    path = write(tmp_path, text)
    errors = errors_of(path)
    assert any(
        "term 'UU': mode 'acronym' is unknown; use one of: contains, prefix, phrase, abbreviation"
        in e
        for e in errors
    )
    assert any("verdict: weak_weight (5) is above strong_weight (1)" in e for e in errors)
    assert any("green: min_spread is a share: 0 to 1" in e for e in errors)


def test_bool_term_key_must_be_quoted(tmp_path: Path) -> None:
    text = shipped_with("  bolig:\n", "  no:\n")
    path = write(tmp_path, text)
    assert errors_of(path) == [
        f"{path}:{line_of(text, '  no:')}:3: key 'no' in terms is read as the boolean false"
        ' by YAML; put it in quotes: "no"'
    ]


def test_missing_file_and_not_utf8(tmp_path: Path) -> None:
    assert errors_of(tmp_path / "nope.yaml") == [f"{tmp_path / 'nope.yaml'}:1:1: file not found"]
    path = tmp_path / "latin1.yaml"
    path.write_bytes("terms: {nærhet: {}}".encode("latin-1"))
    [error] = errors_of(path)
    assert error.startswith(f"{path}:1:1: not UTF-8 text")


def test_custom_ocr_table_is_read(tmp_path: Path) -> None:
    text = shipped_with("    8: 1 ", "    6: 1 ")
    keywords = load_keywords(write(tmp_path, text))
    assert keywords.matching.ocr_edits == ((6, 1), (12, 2))
    assert keywords.matching.edits_for(5) == 0
    assert keywords.matching.edits_for(7) == 1
    assert keywords.matching.edits_for(14) == 2
