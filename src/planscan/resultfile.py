"""The result file (scan --json), both ways: written from a ScanResult, and read back as plain
data for diff or as documents for merge. Later tools (diff, merge, CI scripts) read this format."""

from __future__ import annotations

import json
from collections.abc import Collection
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
    layout = _Layout()
    layout.write(data, "")
    layout.parts.append("\n")
    return "".join(layout.parts)


_ONE_LINE = json.JSONEncoder(ensure_ascii=False).encode
# The same encoder with a newline between the items of a list or object. json escapes every
# control character in a string, so in its output a raw newline is always such a separator,
# and \x00 never appears: the output can be split at them safely.
_MARKED = json.JSONEncoder(ensure_ascii=False, separators=("\n", ": ")).encode


class _Layout:
    """Writes a value in planscan's layout as pieces of text, joined once at the end.

    Each value's text is not built whole and then copied into its parent's: for a county,
    that copied 86 MB once for every level of the document. Plain values are written by
    json's encoder many at a time, since a call of it costs more than most values do.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, value: Any, indent: str) -> None:
        if isinstance(value, dict) and not _plain(value.values()):
            self._object(value, indent)
        elif isinstance(value, list) and not _plain(value):
            self._list(value, indent)
        else:
            self.parts.append(_ONE_LINE(value))

    def _object(self, value: dict[Any, Any], indent: str) -> None:
        inner = indent + "  "
        values = list(value.values())
        laid_out = [isinstance(v, (dict, list)) and bool(v) for v in values]
        # The keys and the values that stand on one line, written in one call.
        flat = [v for v, nested in zip(values, laid_out, strict=True) if not nested]
        texts = _one_line_each([*value, *flat])
        flat_texts = iter(texts[len(values) :])
        parts = self.parts
        separator = "{\n"
        for key, v, nested in zip(texts[: len(values)], values, laid_out, strict=True):
            if nested:
                parts.append(f"{separator}{inner}{key}: ")
                self.write(v, inner)
            else:
                parts.append(f"{separator}{inner}{key}: {next(flat_texts)}")
            separator = ",\n"
        parts.append(f"\n{indent}}}")

    def _list(self, items: list[Any], indent: str) -> None:
        inner = indent + "  "
        one_line = [isinstance(item, dict) and _plain(item.values()) for item in items]
        if all(one_line):  # a list of hits, say: written in one call
            text = _plain_objects(items).replace("\x00", f",\n{inner}")
            self.parts.append(f"[\n{inner}{text}\n{indent}]")
            return
        # The objects of plain values among the others (most passages): in one call too.
        plain_items = [item for item, plain in zip(items, one_line, strict=True) if plain]
        lines = iter(_plain_objects(plain_items).split("\x00") if plain_items else ())
        parts = self.parts
        separator = "[\n"
        for item, plain in zip(items, one_line, strict=True):
            if plain:
                parts.append(f"{separator}{inner}{next(lines)}")
            else:
                parts.append(separator + inner)
                self.write(item, inner)
            separator = ",\n"
        parts.append(f"\n{indent}]")


def _plain_objects(objects: list[dict[Any, Any]]) -> str:
    """The objects (at least one, each of plain values) as _ONE_LINE writes each, with
    \x00 between them, in one call of json's encoder.

    In _MARKED's output, "}\\n{" stands only between two objects: inside one, a newline is
    followed by a key, and a key never starts with "{". Every other newline stands between
    two pairs of an object (its values hold no non-empty list or object), where _ONE_LINE
    writes ", ".
    """
    return _MARKED(objects)[1:-1].replace("}\n{", "}\x00{").replace("\n", ", ")


def _one_line_each(values: list[Any]) -> list[str]:
    """[_ONE_LINE(v) for v in values], in one call of json's encoder where that gives the same.

    Written as one list by _MARKED, the list holds exactly one newline fewer than it has
    items when no value holds a newline of its own (a list or object of two items or more);
    each value is then written as _ONE_LINE writes it.
    """
    if not values:
        return []
    pieces = _MARKED(values)[1:-1].split("\n")
    if len(pieces) == len(values):
        return pieces
    return [_ONE_LINE(v) for v in values]


# Types that are never an object or a list: values of only these are plain, found in C.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(values: Collection[Any]) -> bool:
    """True when no value is a non-empty object or list."""
    if _SCALARS.issuperset(map(type, values)):
        return True
    for value in values:
        if isinstance(value, (dict, list)) and value:
            return False
    return True


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
