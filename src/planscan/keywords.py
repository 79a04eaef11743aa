"""Load and validate a keywords file (keywords.yaml) into a KeywordSet."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from planscan.errors import ConfigError, Problem
from planscan.i18n import Message
from planscan.models import (
    Indicator,
    JudgementRules,
    KeywordSet,
    Level,
    MatchingRules,
    MatchMode,
    Strength,
    Term,
    VerdictRules,
)
from planscan.yamlfile import Checker, Node, not_utf8, parse_nodes, read_yaml_bytes, within

VERSION = 2
_TOP_KEYS = ("version", "matching", "judgement", "terms", "levels", "not_plans")
_TERM_KEYS = ("mode", "specific", "generic", "variants", "exclusions", "ocr")
_LEVEL_KEYS = ("label", "patterns", "fallback")
_JUDGEMENT_LISTS = (
    "housing_words",
    "contents_headings",
    "reference_headings",
    "document_words",
    "dropped_words",
    "negations",
    "measure_headings",
    "measure_words",
    "measure_verbs",
)
_JUDGEMENT_KEYS = ("indicators", *_JUDGEMENT_LISTS, "verdict")
_TOPIC_KEYS = ("why", "strong", "weak", "needs", "other_sense")
_VERDICT_KEYS = (
    "strong_weight",
    "weak_weight",
    "measure_factor",
    "min_length_words",
    "green",
    "yellow",
)
_MODES = tuple(m.value for m in MatchMode)
# An upper-case word of up to five letters is an abbreviation: "ROP", never "tropisk".
_MAX_ABBREVIATION = 5


def default_keywords_path() -> Path:
    """Return the keywords.yaml shipped inside the package."""
    # Beside this module, as pip installs it: importlib.resources would find the same file
    # and costs 6 ms to import on every run.
    return Path(__file__).with_name("keywords.yaml")


def known_level(
    check: Checker,
    fields: Mapping[str, Node],
    level: str | None,
    level_ids: Sequence[str],
    where: str,
) -> bool:
    """Whether the level an entry of a user's file names (a manifest's plan or search, a
    review) is one of the keywords file's, or none (missing levels are checked elsewhere);
    if not, the problem is noted at the entry's "level"."""
    if level is None or level in level_ids:
        return True
    check.problem(
        fields["level"],
        Message(
            "{where}: level {level} is not in the keywords file; use one of: {levels}",
            where=where,
            level=repr(level),
            levels=", ".join(level_ids),
        ),
    )
    return False


def load_keywords(path: Path | str | None = None) -> KeywordSet:
    """Given a keywords file (default: the shipped one), return a validated KeywordSet.

    Raises ConfigError listing every problem as FILE:LINE:COL.
    """
    file = Path(path) if path is not None else default_keywords_path()
    display = str(path) if path is not None else "keywords.yaml (built in)"
    data = read_yaml_bytes(file, display)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(display, 1, 1, not_utf8(exc))
        raise ConfigError([problem]) from None
    root = parse_nodes(text, display)
    return _build(root, display, hashlib.sha256(data).hexdigest())


def _build(root: Node, display: str, sha256: str) -> KeywordSet:
    check = Checker(display)
    top = check.mapping(
        root, Message("the keywords file"), _TOP_KEYS, required=("terms", "levels", "judgement")
    )
    if "version" in top:
        version = check.number(top["version"], "version", integer=True)
        if version == 1:
            check.problem(
                top["version"],
                Message(
                    "version 1 is planscan 1.0's format (colours from weighted word counts);"
                    " planscan now judges the passages around the hits: copy the judgement"
                    " section from the shipped keywords.yaml, drop scoring and the terms'"
                    " weight, and set version: 2"
                ),
            )
        elif version is not None and version != VERSION:
            check.problem(
                top["version"],
                Message(
                    "version {version} is not supported; use {supported}",
                    version=format(version, "g"),
                    supported=VERSION,
                ),
            )
    terms = _terms(check, top["terms"]) if "terms" in top else ()
    levels = _levels(check, top["levels"]) if "levels" in top else ()
    judgement = _judgement(check, top["judgement"]) if "judgement" in top else None
    matching = _matching(check, top["matching"]) if "matching" in top else MatchingRules()
    not_plans = check.strings(top["not_plans"], "not_plans") if "not_plans" in top else ()
    check.raise_if_any()
    assert judgement is not None
    return KeywordSet(display, sha256, terms, levels, judgement, matching, not_plans)


def _terms(check: Checker, node: Node) -> tuple[Term, ...]:
    entries = check.mapping(node, "terms")
    if node.kind == "map" and not entries and not check.problems:
        check.problem(node, Message("terms is empty; list at least one search term"))
    terms = []
    for key, spec in entries.items():
        where = Message("term {term}", term=repr(key))
        fields = check.mapping(spec, where, _TERM_KEYS, required=("mode",))
        mode = None
        if "mode" in fields:
            text = check.string(fields["mode"], within(where, "mode"))
            if text is not None and text not in _MODES:
                check.problem(
                    fields["mode"],
                    Message(
                        "{where}: mode {mode} is unknown; use one of: {modes}",
                        where=where,
                        mode=repr(text),
                        modes=", ".join(_MODES),
                    ),
                )
            elif text is not None:
                mode = MatchMode(text)
        specific = (
            check.boolean(fields["specific"], within(where, "specific"))
            if "specific" in fields
            else False
        )
        generic = (
            check.boolean(fields["generic"], within(where, "generic"))
            if "generic" in fields
            else False
        )
        ocr = check.boolean(fields["ocr"], within(where, "ocr")) if "ocr" in fields else True
        if specific and generic:
            check.problem(
                fields["generic"],
                Message("{where}: a term cannot be both specific and generic", where=where),
            )
        variants = (
            check.strings(fields["variants"], within(where, "variants"))
            if "variants" in fields
            else ()
        )
        exclusions = (
            check.strings(fields["exclusions"], within(where, "exclusions"))
            if "exclusions" in fields
            else ()
        )
        if mode is MatchMode.ABBREVIATION:
            for form, form_node in ((key, spec), *((v, fields["variants"]) for v in variants)):
                if " " in form.strip():
                    check.problem(
                        form_node,
                        Message(
                            "{where}: an abbreviation is one word, not {form}",
                            where=where,
                            form=repr(form),
                        ),
                    )
        if mode is None or specific is None or generic is None or ocr is None:
            continue
        terms.append(
            Term(
                key=key,
                mode=mode,
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
        where = Message("level {level}", level=repr(level_id))
        fields = check.mapping(spec, where, _LEVEL_KEYS, required=("label", "patterns"))
        label = check.string(fields["label"], within(where, "label")) if "label" in fields else None
        patterns = (
            check.strings(fields["patterns"], within(where, "patterns"))
            if "patterns" in fields
            else ()
        )
        fallback = (
            check.strings(fields["fallback"], within(where, "fallback"))
            if "fallback" in fields
            else ()
        )
        if "patterns" in fields and fields["patterns"].kind == "seq" and not patterns:
            check.problem(
                fields["patterns"],
                Message("{where}: patterns needs at least one entry", where=where),
            )
        if label is not None and patterns:
            levels.append(Level(level_id, label, patterns, fallback))
    return tuple(levels)


def _judgement(check: Checker, node: Node) -> JudgementRules | None:
    fields = check.mapping(node, "judgement", _JUDGEMENT_KEYS, required=_JUDGEMENT_KEYS)
    indicators = _indicators(check, fields["indicators"]) if "indicators" in fields else ()
    lists = {
        key: check.strings(fields[key], f"judgement: {key}") if key in fields else ()
        for key in _JUDGEMENT_LISTS
    }
    verdict = _verdict(check, fields["verdict"]) if "verdict" in fields else None
    if verdict is None:
        return None
    return JudgementRules(indicators=indicators, verdict=verdict, **lists)


def _indicators(check: Checker, node: Node) -> tuple[Indicator, ...]:
    topics = check.mapping(node, "judgement: indicators")
    found: list[Indicator] = []
    seen: dict[str, str] = {}
    for topic, spec in topics.items():
        where = f"judgement: indicators: {topic}"
        fields = check.mapping(spec, where, _TOPIC_KEYS, required=("why",))
        if "why" in fields:
            check.string(fields["why"], within(where, "why"))
        if "strong" not in fields and "weak" not in fields:
            check.problem(
                spec, Message("{where} needs strong or weak forms (or both)", where=where)
            )
        needs = check.strings(fields["needs"], within(where, "needs")) if "needs" in fields else ()
        other = (
            check.strings(fields["other_sense"], within(where, "other_sense"))
            if "other_sense" in fields
            else ()
        )
        for strength in Strength:
            if strength.value not in fields:
                continue
            forms_node = fields[strength.value]
            for form in check.strings(forms_node, within(where, strength.value)):
                key = " ".join(form.split())
                if key.casefold() in seen:
                    check.problem(
                        forms_node,
                        Message(
                            "{where}: {form} is already an indicator of {topic}",
                            where=where,
                            form=repr(key),
                            topic=repr(seen[key.casefold()]),
                        ),
                    )
                    continue
                seen[key.casefold()] = topic
                found.append(
                    Indicator(
                        term=Term(key=key, mode=_indicator_mode(key)),
                        strength=strength,
                        topic=topic,
                        needs=needs,
                        other_sense=other,
                    )
                )
    return tuple(found)


def _indicator_mode(form: str) -> MatchMode:
    """A phrase when it has several words; an abbreviation when upper case and short; else
    the form anywhere in a word (compounds and inflections)."""
    if " " in form:
        return MatchMode.PHRASE
    if form.isupper() and len(form) <= _MAX_ABBREVIATION:
        return MatchMode.ABBREVIATION
    return MatchMode.CONTAINS


def _verdict(check: Checker, node: Node) -> VerdictRules | None:
    where = "judgement: verdict"
    fields = check.mapping(node, where, _VERDICT_KEYS, required=_VERDICT_KEYS)
    if any(key not in fields for key in _VERDICT_KEYS):
        return None
    strong = check.number(fields["strong_weight"], within(where, "strong_weight"), 0)
    weak = check.number(fields["weak_weight"], within(where, "weak_weight"), 0)
    factor = check.number(fields["measure_factor"], within(where, "measure_factor"), 1)
    length = check.number(
        fields["min_length_words"], within(where, "min_length_words"), 1, integer=True
    )
    green_keys = ("min_score", "min_spread", "min_measures", "min_topics")
    green = check.mapping(fields["green"], within(where, "green"), green_keys, required=green_keys)
    yellow = check.mapping(
        fields["yellow"],
        within(where, "yellow"),
        ("min_passage_points",),
        required=("min_passage_points",),
    )
    score = (
        check.number(green["min_score"], within(where, "green: min_score"), 0)
        if ("min_score" in green)
        else None
    )
    spread = (
        check.number(green["min_spread"], within(where, "green: min_spread"), 0)
        if ("min_spread" in green)
        else None
    )
    if spread is not None and spread > 1:
        check.problem(
            green["min_spread"],
            Message("{where}: green: min_spread is a share: 0 to 1", where=where),
        )
        spread = None
    measures = (
        check.number(green["min_measures"], within(where, "green: min_measures"), 0, integer=True)
        if "min_measures" in green
        else None
    )
    topics = (
        check.number(green["min_topics"], within(where, "green: min_topics"), 0, integer=True)
        if "min_topics" in green
        else None
    )
    passage = (
        check.number(yellow["min_passage_points"], within(where, "yellow: min_passage_points"), 0)
        if "min_passage_points" in yellow
        else None
    )
    if strong is not None and weak is not None and weak > strong:
        check.problem(
            fields["weak_weight"],
            Message(
                "{where}: weak_weight ({weak}) is above strong_weight ({strong})",
                where=where,
                weak=format(weak, "g"),
                strong=format(strong, "g"),
            ),
        )
    values = (strong, weak, factor, length, score, spread, measures, topics, passage)
    if any(value is None for value in values):
        return None
    assert strong is not None and weak is not None and factor is not None
    assert length is not None and score is not None and measures is not None
    assert spread is not None
    assert topics is not None and passage is not None
    return VerdictRules(
        strong_weight=strong,
        weak_weight=weak,
        measure_factor=factor,
        min_length_words=int(length),
        green_score=score,
        green_spread=spread,
        green_measures=int(measures),
        green_topics=int(topics),
        yellow_points=passage,
    )


def _matching(check: Checker, node: Node) -> MatchingRules:
    fields = check.mapping(node, "matching", ("ocr_edits",))
    if "ocr_edits" not in fields:
        return MatchingRules()
    table = fields["ocr_edits"]
    if table.kind != "map":
        check.problem(
            table, Message("matching: ocr_edits must map a term length to the edits allowed")
        )
        return MatchingRules()
    pairs = []
    for key_node, value_node in table.pairs:
        length = check.number(
            key_node, Message("matching: ocr_edits: a term length"), 1, integer=True
        )
        edits = check.number(value_node, "matching: ocr_edits: edits", 0, integer=True)
        if length is not None and edits is not None:
            pairs.append((int(length), int(edits)))
    return MatchingRules(tuple(sorted(pairs)))
