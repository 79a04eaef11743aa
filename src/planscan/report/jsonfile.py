"""The full result as JSON, the format later tools (diff, merge, review) read."""

from __future__ import annotations

import json
from typing import Any

from planscan.models import DocumentResult, ScanResult


def result_to_dict(result: ScanResult) -> dict[str, Any]:
    keywords = result.keywords
    data: dict[str, Any] = {
        "planscan_version": result.planscan_version,
        "keywords": {"path": keywords.path, "sha256": keywords.sha256},
        "levels": [{"id": level.id, "label": level.label} for level in keywords.levels],
        "municipalities": list(result.municipalities),
        "documents": [_document(doc) for doc in result.documents],
        "matrix": [
            {
                "municipality": cell.municipality,
                "level": cell.level,
                "status": cell.status.value,
                "documents": list(cell.documents),
            }
            for cell in result.matrix
        ],
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


def _document(doc: DocumentResult) -> dict[str, Any]:
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
            }
            for hit in doc.hits
        ],
    }
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


def render_json(result: ScanResult) -> str:
    return dump_json(result_to_dict(result))


def dump_json(data: Any) -> str:
    """planscan's JSON layout: UTF-8 text, indented, one newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
