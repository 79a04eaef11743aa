"""Load and validate a keywords file (keywords.yaml) into a KeywordSet."""

from __future__ import annotations

import hashlib
from pathlib import Path

from planscan.errors import ConfigError, Problem
from planscan.models import KeywordSet, Level, MatchingRules, MatchMode, ScoringRules, Term
from planscan.yamlfile import Checker, Node, parse_nodes

_TOP_KEYS = ("version", "matching", "scoring", "terms", "levels")
_TERM_KEYS = ("mode", "weight", "specific", "generic", "variants", "exclusions", "ocr")
_LEVEL_KEYS = ("label", "patterns")
_SCORING_KEYS = ("cap", "generic_cap", "length_unit_words", "min_length_words", "green", "yellow")
_MODES = tuple(m.value for m in MatchMode)


def default_keywords_path() -> Path:
    """Return the keywords.yaml shipped inside the package."""
    # Beside this module, as pip installs it: importlib.resources would find the same file
    # and costs 6 ms to import on every run.
    return Path(__file__).with_name("keywords.yaml")


def load_keywords(path: Path | str | None = None) -> KeywordSet:
    """Given a keywords file (default: the shipped one), return a validated KeywordSet.

    Raises ConfigError listing every problem as FILE:LINE:COL.
    """
    file = Path(path) if path is not None else default_keywords_path()
    display = str(path) if path is not None else "keywords.yaml (built in)"
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise ConfigError([Problem(display, 1, 1, "file not found")]) from None
    except OSError as exc:
        raise ConfigError([Problem(display, 1, 1, f"cannot read: {exc.strerror}")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(display, 1, 1, f"not UTF-8 text ({exc.reason}); save it as UTF-8")
        raise ConfigError([problem]) from None
    root = parse_nodes(text, display)
    return _build(root, display, hashlib.sha256(data).hexdigest())


def _build(root: Node, display: str, sha256: str) -> KeywordSet:
    check = Checker(display)
    top = check.mapping(
        root, "the keywords file", _TOP_KEYS, required=("terms", "levels", "scoring")
    )
    if "version" in top:
        version = check.number(top["version"], "version", integer=True)
        if version is not None and version != 1:
            check.problem(top["version"], f"version {version:g} is not supported; use 1")
    terms = _terms(check, top["terms"]) if "terms" in top else ()
    levels = _levels(check, top["levels"]) if "levels" in top else ()
    scoring = _scoring(check, top["scoring"]) if "scoring" in top else None
    matching = _matching(check, top["matching"]) if "matching" in top else MatchingRules()
    check.raise_if_any()
    assert scoring is not None
    return KeywordSet(display, sha256, terms, levels, scoring, matching)


def _terms(check: Checker, node: Node) -> tuple[Term, ...]:
    entries = check.mapping(node, "terms")
    if node.kind == "map" and not entries and not check.problems:
        check.problem(node, "terms is empty; list at least one search term")
    terms = []
    for key, spec in entries.items():
        where = f"term {key!r}"
        fields = check.mapping(spec, where, _TERM_KEYS, required=("mode", "weight"))
        mode = None
        if "mode" in fields:
            text = check.string(fields["mode"], f"{where}: mode")
            if text is not None and text not in _MODES:
                check.problem(
                    fields["mode"],
                    f"{where}: mode {text!r} is unknown; use one of: {', '.join(_MODES)}",
                )
            elif text is not None:
                mode = MatchMode(text)
        weight = (
            check.number(fields["weight"], f"{where}: weight", 0) if "weight" in fields else None
        )
        specific = (
            check.boolean(fields["specific"], f"{where}: specific")
            if "specific" in fields
            else False
        )
        generic = (
            check.boolean(fields["generic"], f"{where}: generic") if "generic" in fields else False
        )
        ocr = check.boolean(fields["ocr"], f"{where}: ocr") if "ocr" in fields else True
        if specific and generic:
            check.problem(fields["generic"], f"{where}: a term cannot be both specific and generic")
        variants = (
            check.strings(fields["variants"], f"{where}: variants") if "variants" in fields else ()
        )
        exclusions = (
            check.strings(fields["exclusions"], f"{where}: exclusions")
            if "exclusions" in fields
            else ()
        )
        if mode is MatchMode.ABBREVIATION:
            for form, form_node in ((key, spec), *((v, fields["variants"]) for v in variants)):
                if " " in form.strip():
                    check.problem(form_node, f"{where}: an abbreviation is one word, not {form!r}")
        if mode is None or weight is None or specific is None or generic is None or ocr is None:
            continue
        terms.append(
            Term(
                key=key,
                mode=mode,
                weight=weight,
                specific=specific,
                generic=generic,
                variants=variants,
                exclusions=tuple(e.casefold() for e in exclusions),
                ocr=ocr,
            )
        )
    return tuple(terms)


def _levels(check: Checker, node: Node) -> tuple[Level, ...]:
    entries = check.mapping(node, "levels")
    levels = []
    for level_id, spec in entries.items():
        where = f"level {level_id!r}"
        fields = check.mapping(spec, where, _LEVEL_KEYS, required=("label", "patterns"))
        label = check.string(fields["label"], f"{where}: label") if "label" in fields else None
        patterns = (
            check.strings(fields["patterns"], f"{where}: patterns") if "patterns" in fields else ()
        )
        if "patterns" in fields and fields["patterns"].kind == "seq" and not patterns:
            check.problem(fields["patterns"], f"{where}: patterns needs at least one entry")
        if label is not None and patterns:
            levels.append(Level(level_id, label, patterns))
    return tuple(levels)


def _scoring(check: Checker, node: Node) -> ScoringRules | None:
    required = _SCORING_KEYS
    fields = check.mapping(node, "scoring", _SCORING_KEYS, required=required)
    if any(key not in fields for key in required):
        return None
    cap = check.number(fields["cap"], "scoring: cap", 1, integer=True)
    generic_cap = check.number(fields["generic_cap"], "scoring: generic_cap", 0)
    unit = check.number(fields["length_unit_words"], "scoring: length_unit_words", 1, integer=True)
    min_len = check.number(fields["min_length_words"], "scoring: min_length_words", 1, integer=True)
    green = check.mapping(
        fields["green"],
        "scoring: green",
        ("min_score", "min_specific_terms"),
        required=("min_score", "min_specific_terms"),
    )
    yellow = check.mapping(
        fields["yellow"], "scoring: yellow", ("min_score",), required=("min_score",)
    )
    green_score = (
        check.number(green["min_score"], "scoring: green: min_score", 0)
        if "min_score" in green
        else None
    )
    green_specific = (
        check.number(
            green["min_specific_terms"], "scoring: green: min_specific_terms", 0, integer=True
        )
        if "min_specific_terms" in green
        else None
    )
    yellow_score = (
        check.number(yellow["min_score"], "scoring: yellow: min_score", 0)
        if "min_score" in yellow
        else None
    )
    values = (cap, generic_cap, unit, min_len, green_score, green_specific, yellow_score)
    if any(v is None for v in values):
        return None
    assert cap is not None and generic_cap is not None
    assert unit is not None and min_len is not None
    assert green_score is not None and green_specific is not None and yellow_score is not None
    if yellow_score > green_score:
        check.problem(
            yellow["min_score"],
            f"scoring: yellow: min_score ({yellow_score:g}) is above green's ({green_score:g})",
        )
    return ScoringRules(
        cap=int(cap),
        generic_cap=generic_cap,
        length_unit_words=int(unit),
        min_length_words=int(min_len),
        green_score=green_score,
        green_specific_terms=int(green_specific),
        yellow_score=yellow_score,
    )


def _matching(check: Checker, node: Node) -> MatchingRules:
    fields = check.mapping(node, "matching", ("ocr_edits",))
    if "ocr_edits" not in fields:
        return MatchingRules()
    table = fields["ocr_edits"]
    if table.kind != "map":
        check.problem(table, "matching: ocr_edits must map a term length to the edits allowed")
        return MatchingRules()
    pairs = []
    for key_node, value_node in table.pairs:
        length = check.number(key_node, "matching: ocr_edits: a term length", 1, integer=True)
        edits = check.number(value_node, "matching: ocr_edits: edits", 0, integer=True)
        if length is not None and edits is not None:
            pairs.append((int(length), int(edits)))
    return MatchingRules(tuple(sorted(pairs)))
