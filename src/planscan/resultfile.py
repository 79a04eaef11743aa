"""Read a result JSON (scan --json) back: as plain data for diff, as a ScanResult for merge."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

from planscan.errors import InputError
from planscan.models import (
    DocumentResult,
    Hit,
    KeywordSet,
    MatchKind,
    ScoreBreakdown,
    Status,
    TermScore,
)

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
    breakdown = data.get("breakdown")
    values["breakdown"] = _breakdown(breakdown, status, keywords) if breakdown else None
    return DocumentResult(**values)


def _hit(data: Mapping[str, Any]) -> Hit:
    values = {key: value for key, value in data.items() if key in _HIT_FIELDS}
    return Hit(**{**values, "kind": MatchKind(data["kind"])})


def _breakdown(data: Mapping[str, Any], status: Status, keywords: KeywordSet) -> ScoreBreakdown:
    generic = {term.key for term in keywords.terms if term.generic}
    terms = tuple(
        TermScore(
            t["term"],
            t["count"],
            t["counted"],
            t["weight"],
            t["points"],
            t["specific"],
            t["term"] in generic,
        )
        for t in data["terms"]
    )
    generic_points = min(sum(t.points for t in terms if t.generic), keywords.scoring.generic_cap)
    return ScoreBreakdown(
        terms=terms,
        generic_points=generic_points,
        points=data["points"],
        words=data["words"],
        length_factor=data["length_factor"],
        score=data["score"],
        specific_terms=data["specific_terms"],
        status=status,
        reason=data["reason"],
    )
