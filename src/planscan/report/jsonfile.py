"""The full result as JSON, the format later tools (diff, merge, review) read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from planscan.models import DocumentResult, Review, ScanResult


def result_to_dict(result: ScanResult, debug: bool = False) -> dict[str, Any]:
    """The JSON document; raw exception detail only with debug."""
    keywords = result.keywords
    data: dict[str, Any] = {
        "planscan_version": result.planscan_version,
        "keywords": {"path": keywords.path, "sha256": keywords.sha256},
        "levels": [{"id": level.id, "label": level.label} for level in keywords.levels],
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
            }
            for hit in doc.hits
        ],
    }
    if debug:
        data["detail"] = doc.detail
    if doc.breakdown is not None:
        b = doc.breakdown
        data["breakdown"] = {
            "points": round(b.points, 3),
            "words": b.words,
            "length_factor": round(b.length_factor, 4),
            "score": round(b.score, 4),
            "specific_terms": b.specific_terms,
            "reason": b.reason,
            "terms": [
                {
                    "term": t.term,
                    "count": t.count,
                    "counted": t.counted,
                    "weight": t.weight,
                    "points": t.points,
                    "specific": t.specific,
                }
                for t in b.terms
            ],
        }
    return data


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
