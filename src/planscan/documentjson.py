"""One document's result as JSON-ready data, both ways.

The result file (resultfile.py) and the analysis cache (cache.py) store documents in this
form; reading checks the shape and the type of every value, because both files come from
disk and may be damaged or made by someone else: a wrong value is a ValueError here, never
a crash later in a report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from planscan.models import (
    DocumentResult,
    Hit,
    Judgement,
    MatchKind,
    Passage,
    PassageClass,
    Status,
)

# Writing ---------------------------------------------------------------------------------


def document_to_dict(doc: DocumentResult, debug: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "path": doc.path,
        "sha256": doc.sha256,
        "municipality": doc.municipality,
        "level": doc.level,
        "level_source": doc.level_source,
        "title": doc.title,
        "url": doc.url,
        "not_plan": doc.not_plan,
        "status": doc.status.value,
        "reason": doc.reason,
        "message": doc.message,
        "truncated": doc.truncated,
        "engine": doc.engine,
        "ocr": doc.ocr,
        "pages": doc.pages,
        "unit": doc.unit,
        "words": doc.words,
        "score": doc.score,
        "counts": dict(doc.counts),
        "hits": [
            {
                "term": hit.term,
                "page": hit.page,
                "match": hit.match,
                "kind": hit.kind.value,
                "snippet": hit.snippet,
                "page_label": hit.page_label,
                "repeated": hit.repeated,
                "offset": hit.offset,
                "passage": hit.passage,
            }
            for hit in doc.hits
        ],
    }
    if doc.unit == "section":  # a web plan: where each section is, and each hit's section
        data["section_urls"] = [doc.section_url(n) for n in range(1, len(doc.section_urls) + 1)]
        for hit, item in zip(doc.hits, data["hits"], strict=True):
            item["section_url"] = doc.section_url(hit.page)
    if debug:
        data["detail"] = doc.detail
    if doc.judgement is not None:
        data["judgement"] = _judgement(doc.judgement)
        data["passages"] = [_passage(passage) for passage in doc.passages]
    return data


def _judgement(j: Judgement) -> dict[str, Any]:
    return {
        "status": j.status.value,
        "score": j.score,
        "spread": j.spread,
        "points": j.points,
        "words": j.words,
        "passages": j.passages,
        "measures": j.measures,
        "strong_measures": j.strong_measures,
        "strong": j.strong,
        "topics": list(j.topics),
        "weak_topics": list(j.weak_topics),
        "set_aside": j.set_aside,
        "reason": j.reason,
        "deciding": list(j.deciding),
    }


def _passage(p: Passage) -> dict[str, Any]:
    return {
        "page": p.page,
        "page_label": p.page_label,
        "start": p.start,
        "end": p.end,
        "class": p.kind.value,
        "why": p.why,
        "note": p.note,
        "heading": p.heading,
        "indicators": list(p.indicators),
        "topics": list(p.topics),
        "strong": p.strong,
        "measure": p.measure,
        "weight": p.weight,
        "text": p.text,
    }


# Reading ---------------------------------------------------------------------------------

_OPTIONAL_TEXT = (str, type(None))
_NUMBER = (int, float)
# The type every field read back must have; bool is checked apart (it is an int too).
_DOCUMENT_TYPES: dict[str, tuple[type, ...]] = {
    "path": (str,),
    "sha256": _OPTIONAL_TEXT,
    "municipality": (str,),
    "level": _OPTIONAL_TEXT,
    "level_source": _OPTIONAL_TEXT,
    "title": _OPTIONAL_TEXT,
    "url": _OPTIONAL_TEXT,
    "not_plan": _OPTIONAL_TEXT,
    "reason": _OPTIONAL_TEXT,
    "message": _OPTIONAL_TEXT,
    "engine": _OPTIONAL_TEXT,
    "detail": _OPTIONAL_TEXT,
    "unit": (str,),
    "truncated": (bool,),
    "ocr": (bool,),
    "pages": (int,),
    "words": (int,),
    "score": _NUMBER,
}
_HIT_TYPES: dict[str, tuple[type, ...]] = {
    "term": (str,),
    "page": (int,),
    "match": (str,),
    "snippet": (str,),
    "page_label": _OPTIONAL_TEXT,
    "repeated": (bool,),
    "offset": (int,),
    "passage": (int, type(None)),
}
_PASSAGE_TYPES: dict[str, tuple[type, ...]] = {
    "page": (int,),
    "start": (int,),
    "end": (int,),
    "text": (str,),
    "heading": _OPTIONAL_TEXT,
    "why": (str,),
    "strong": (bool,),
    "measure": (bool,),
    "weight": _NUMBER,
    "page_label": _OPTIONAL_TEXT,
    "note": _OPTIONAL_TEXT,
}
_JUDGEMENT_TYPES: dict[str, tuple[type, ...]] = {
    "score": _NUMBER,
    "spread": _NUMBER,
    "points": _NUMBER,
    "words": (int,),
    "passages": (int,),
    "measures": (int,),
    "strong_measures": (int,),
    "strong": (int,),
    "set_aside": (int,),
    "reason": (str,),
}
_DOCUMENT_FIELDS = {f.name for f in fields(DocumentResult)}


def document_from_dict(data: Mapping[str, Any]) -> DocumentResult:
    """Rebuild one document's result from document_to_dict()'s data.

    Raises ValueError naming the first value that is missing or of the wrong type.
    """
    # A result written before web plans were read has no unit: its documents are paged.
    values = _typed(data, _DOCUMENT_TYPES, "document", optional={"detail", "unit"})
    values["status"] = Status(_field(data, "status", (str,), "document"))
    counts = _field(data, "counts", (dict,), "document")
    values["counts"] = {
        str(key): _check(count, (int,), f"count of {key!r}") for key, count in counts.items()
    }
    values["hits"] = tuple(_hit(hit) for hit in _field(data, "hits", (list,), "document"))
    if "section_urls" in data:
        values["section_urls"] = _strings(data, "section_urls", "document")
    judgement = data.get("judgement")
    values["judgement"] = _read_judgement(judgement) if judgement else None
    values["passages"] = tuple(
        _read_passage(p) for p in _check(data.get("passages", []), (list,), "passages")
    )
    return DocumentResult(**{k: v for k, v in values.items() if k in _DOCUMENT_FIELDS})


def _hit(data: Any) -> Hit:
    values = _typed(_check(data, (dict,), "hit"), _HIT_TYPES, "hit")
    return Hit(**values, kind=MatchKind(_field(data, "kind", (str,), "hit")))


def _read_judgement(data: Any) -> Judgement:
    values = _typed(_check(data, (dict,), "judgement"), _JUDGEMENT_TYPES, "judgement")
    return Judgement(
        status=Status(_field(data, "status", (str,), "judgement")),
        topics=_strings(data, "topics", "judgement"),
        weak_topics=_strings(data, "weak_topics", "judgement"),
        deciding=tuple(
            _check(i, (int,), "judgement deciding")
            for i in _field(data, "deciding", (list,), "judgement")
        ),
        **values,
    )


def _read_passage(data: Any) -> Passage:
    values = _typed(_check(data, (dict,), "passage"), _PASSAGE_TYPES, "passage")
    return Passage(
        kind=PassageClass(_field(data, "class", (str,), "passage")),
        indicators=_strings(data, "indicators", "passage"),
        topics=_strings(data, "topics", "passage"),
        **values,
    )


def _typed(
    data: Mapping[str, Any],
    types: Mapping[str, tuple[type, ...]],
    what: str,
    optional: frozenset[str] | set[str] = frozenset(),
) -> dict[str, Any]:
    values = {}
    for name, allowed in types.items():
        if name in data and type(data[name]) in allowed:
            # A value of an allowed type itself (not a subclass: not a bool for an int) is
            # taken as it is; any other, or a missing one, is checked by _field.
            values[name] = data[name]
        elif name in data or name not in optional:
            values[name] = _field(data, name, allowed, what)
    return values


def _field(data: Mapping[str, Any], name: str, allowed: tuple[type, ...], what: str) -> Any:
    if name not in data:
        raise ValueError(f"{what}: {name} is missing")
    return _check(data[name], allowed, f"{what} {name}")


def _check(value: Any, allowed: tuple[type, ...], what: str) -> Any:
    # bool is an int in Python: a count of True is as wrong as a count of "3".
    if isinstance(value, bool) and bool not in allowed:
        raise ValueError(f"{what}: {value!r} is not a number")
    if not isinstance(value, allowed):
        raise ValueError(f"{what}: {type(value).__name__} where {allowed[0].__name__} belongs")
    return value


def _strings(data: Mapping[str, Any], name: str, what: str) -> tuple[str, ...]:
    values = _field(data, name, (list,), what)
    if _STR.issuperset(map(type, values)):  # all of them strings: no need to look one by one
        return tuple(values)
    return tuple(_check(s, (str,), f"{what} {name}") for s in values)


_STR = frozenset({str})
