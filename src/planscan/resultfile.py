"""The result file (scan --json), both ways: written from a ScanResult, and read back as plain
data for diff or as documents for merge. Later tools (diff, merge, CI scripts) read this format."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from planscan.documentjson import document_to_dict
from planscan.errors import InputError
from planscan.i18n import N_
from planscan.inputfile import read_regular
from planscan.models import (
    Review,
    ScanResult,
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
        "documents": [document_to_dict(doc, debug) for doc in result.documents],
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


# A result file is read only up to this size (a regular file: not a pipe or a device).
MAX_RESULT_BYTES = 1024 * 1024 * 1024


def read_result(path: Path | str) -> dict[str, Any]:
    """Given a file written by scan --json, return its data; InputError says what is wrong."""
    file = Path(path)
    try:
        data = json.loads(read_regular(file, MAX_RESULT_BYTES).decode("utf-8"))
    except FileNotFoundError:
        raise InputError(N_("{path}: no such file"), path=file) from None
    except OSError as exc:
        raise InputError(N_("{path}: cannot read: {why}"), path=file, why=exc.strerror) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(
            N_("{path}: not a planscan result (JSON from scan --json): {why}"),
            path=file,
            why=str(exc),
        ) from None
    if not isinstance(data, dict) or any(key not in data for key in _REQUIRED):
        raise InputError(N_("{path}: not a planscan result (JSON from scan --json)"), path=file)
    return data
