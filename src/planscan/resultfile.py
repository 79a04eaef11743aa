"""The result file (scan --json), both ways: written from a ScanResult, and read back as plain
data for diff or as documents for merge. Later tools (diff, merge, CI scripts) read this format."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from planscan.errors import InputError
from planscan.models import (
    DocumentResult,
    Hit,
    Judgement,
    KeywordSet,
    MatchKind,
    Passage,
    PassageClass,
    Review,
    ScanResult,
    Status,
)

# Writing ---------------------------------------------------------------------------------


def result_to_dict(result: ScanResult, debug: bool = False) -> dict[str, Any]:
    """The JSON document; raw exception detail only with debug."""
    keywords = result.keywords
    data: dict[str, Any] = {
        "planscan_version": result.planscan_version,
        "keywords": {"path": keywords.path, "sha256": keywords.sha256},
        "levels": [{"id": level.id, "label": level.label} for level in result.levels],
        "municipalities": list(result.municipalities),
        "documents": [_document(doc, debug) for doc in result.documents],
        "warnings": list(result.warnings),
        "matrix": [
            {
                "municipality": cell.municipality,
                "level": cell.level,
                "status": cell.shown.value,
                "computed": cell.status.value,
                "reviewed": cell.reviewed,
                "documents": list(cell.documents),
                "review": _review(cell.review) if cell.review else None,
            }
            for cell in result.matrix
        ],
        "reviews": [_review(review) for review in result.reviews],
    }
    if result.shard is not None:  # one part of a --shard scan; merge() reads this
        shard = result.shard
        data["shard"] = {
            "index": shard.index,
            "count": shard.count,
            "total": shard.total,
            "positions": list(shard.positions),
        }
    return data


def _review(review: Review) -> dict[str, Any]:
    o = review.override
    return {
        "outcome": review.outcome.value,
        "message": review.message,
        "municipality": review.municipality or o.municipality,
        "level": review.level or o.level,
        "sha256": o.sha256,
        "status": o.status.value,
        "by": o.by,
        "date": o.date.isoformat(),
        "why": o.why,
        "where": o.where,
    }


def _document(doc: DocumentResult, debug: bool) -> dict[str, Any]:
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


def render_json(result: ScanResult, debug: bool = False) -> str:
    return dump_json(result_to_dict(result, debug))


def dump_json(data: Any) -> str:
    """planscan's JSON layout: UTF-8 text, indented, one newline at the end.

    An object or list that holds only plain values (a hit, a document's counts) stands on
    one line: easier to read in a list of thousands, and written by json's C encoder,
    which indenting every value would not use (four times slower on a plan with 40,000
    hits).
    """
    return _layout(data, "") + "\n"


_ONE_LINE = json.JSONEncoder(ensure_ascii=False).encode


def _layout(value: Any, indent: str) -> str:
    if isinstance(value, dict) and not _plain(value.values()):
        inner = indent + "  "
        lines = [f"{inner}{_ONE_LINE(k)}: {_layout(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(lines) + f"\n{indent}}}"
    if isinstance(value, list) and not _plain(value):
        inner = indent + "  "
        lines = [inner + _layout(item, inner) for item in value]
        return "[\n" + ",\n".join(lines) + f"\n{indent}]"
    return _ONE_LINE(value)


def _plain(values: Iterable[Any]) -> bool:
    """True when no value is a non-empty object or list."""
    return not any(isinstance(v, (dict, list)) and v for v in values)


# Reading ---------------------------------------------------------------------------------

_REQUIRED = ("planscan_version", "keywords", "levels", "municipalities", "documents", "matrix")
_DOCUMENT_FIELDS = {f.name for f in fields(DocumentResult)}
_HIT_FIELDS = {f.name for f in fields(Hit)}


def read_result(path: Path | str) -> dict[str, Any]:
    """Given a file written by scan --json, return its data; InputError says what is wrong."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{file}: no such file") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{file}: not a planscan result (JSON from scan --json): {exc}") from None
    if not isinstance(data, dict) or any(key not in data for key in _REQUIRED):
        raise InputError(f"{file}: not a planscan result (JSON from scan --json)")
    return data


def document_from_dict(data: Mapping[str, Any], keywords: KeywordSet) -> DocumentResult:
    """Rebuild one document's result from its JSON; render_json() gives the same JSON back."""
    values: dict[str, Any] = {k: v for k, v in data.items() if k in _DOCUMENT_FIELDS}
    status = Status(data["status"])
    values["status"] = status
    values["counts"] = dict(data["counts"])
    values["hits"] = tuple(_hit(hit) for hit in data["hits"])
    judgement = data.get("judgement")
    values["judgement"] = _read_judgement(judgement) if judgement else None
    values["passages"] = tuple(_read_passage(p) for p in data.get("passages", ()))
    return DocumentResult(**values)


def _hit(data: Mapping[str, Any]) -> Hit:
    values = {key: value for key, value in data.items() if key in _HIT_FIELDS}
    return Hit(**{**values, "kind": MatchKind(data["kind"])})


def _read_judgement(data: Mapping[str, Any]) -> Judgement:
    return Judgement(
        status=Status(data["status"]),
        score=data["score"],
        spread=data["spread"],
        points=data["points"],
        words=data["words"],
        passages=data["passages"],
        measures=data["measures"],
        strong_measures=data["strong_measures"],
        strong=data["strong"],
        topics=tuple(data["topics"]),
        weak_topics=tuple(data["weak_topics"]),
        set_aside=data["set_aside"],
        reason=data["reason"],
        deciding=tuple(data["deciding"]),
    )


def _read_passage(data: Mapping[str, Any]) -> Passage:
    return Passage(
        page=data["page"],
        start=data["start"],
        end=data["end"],
        text=data["text"],
        heading=data["heading"],
        kind=PassageClass(data["class"]),
        why=data["why"],
        indicators=tuple(data["indicators"]),
        topics=tuple(data["topics"]),
        strong=data["strong"],
        measure=data["measure"],
        weight=data["weight"],
        page_label=data["page_label"],
        note=data["note"],
    )
