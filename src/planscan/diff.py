"""Compare two scan results: which cells changed colour, which documents came, went or
were replaced. Works on the JSON that scan --json writes, so last month's file will do."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from planscan.errors import InputError
from planscan.i18n import N_, Message
from planscan.models import (
    CellChange,
    DocumentChange,
    DocumentRef,
    Level,
    ResultDiff,
    ScanResult,
    Status,
)
from planscan.resultfile import read_result, result_to_dict

ResultLike = ScanResult | Mapping[str, Any] | Path | str


def diff(old: ResultLike, new: ResultLike) -> ResultDiff:
    """Given an older and a newer result (ScanResult, JSON data or a JSON file), return
    the cells that changed colour and the documents added, removed or replaced.

    Documents are compared cell by cell by sha256: the same content is the same document
    wherever it lies. A document whose URL or path stayed but whose content changed, or
    the only document that went from a cell where only one came, counts as replaced.
    Entries without content (not online, not fetched) show in the cells only.
    """
    old_name, old_data = _load(old, "old")
    new_name, new_data = _load(new, "new")
    levels = _levels(new_data, old_data)
    municipalities = _union(new_data["municipalities"], old_data["municipalities"])
    old_cells, new_cells = _cells(old_data), _cells(new_data)
    changes = []
    for level in levels:
        for municipality in municipalities:
            before = old_cells.get((municipality, level.id), Status.MISSING)
            after = new_cells.get((municipality, level.id), Status.MISSING)
            if before != after:
                changes.append(CellChange(municipality, level.id, level.label, before, after))
    changes.sort(key=lambda change: not change.worse)  # stable: worse first, then matrix order

    old_docs, new_docs = _documents(old_data), _documents(new_data)
    documents: list[DocumentChange] = []
    cell_order = [(m, level.id) for level in levels for m in municipalities]
    extra = [key for key in {**old_docs, **new_docs} if key not in cell_order]
    for key in cell_order + extra:
        documents += _compare_cell(key, old_docs.get(key, []), new_docs.get(key, []))
    caveats = _caveats(old_data, new_data)
    return ResultDiff(old_name, new_name, levels, tuple(changes), tuple(documents), caveats)


def _caveats(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    """What makes the two results not alike, so that a colour may change without a plan."""
    found = []
    before, after = old.get("planscan_version"), new.get("planscan_version")
    if before != after:
        found.append(
            Message(
                "the results were made by different planscan versions ({before} and {after}):"
                " a cell may have changed colour because planscan judges differently",
                before=before,
                after=after,
            )
        )
    old_keywords, new_keywords = old.get("keywords") or {}, new.get("keywords") or {}
    if old_keywords.get("sha256") != new_keywords.get("sha256"):
        found.append(
            Message(
                "the results were made with different keywords files ({before} and {after}):"
                " a cell may have changed colour because the search words or rules changed",
                before=old_keywords.get("path"),
                after=new_keywords.get("path"),
            )
        )
    return tuple(found)


def _load(result: ResultLike, default_name: str) -> tuple[str, Mapping[str, Any]]:
    if isinstance(result, ScanResult):
        return default_name, result_to_dict(result)
    data: Mapping[str, Any]
    if isinstance(result, (str, Path)):
        name, data = str(result), read_result(result)
    else:
        name, data = default_name, result
    # Everything diff reads, read once here: a file of the wrong shape is one line naming
    # it, never a traceback from the middle of the comparison.
    try:
        _levels(data, {"levels": []})
        _cells(data)
        _documents(data)
        if not all(isinstance(m, str) for m in data["municipalities"]):
            raise TypeError("a municipality that is not text")
        _caveats(data, data)
    except (TypeError, KeyError, ValueError, AttributeError) as exc:
        raise InputError(
            N_("{path}: not a planscan result (JSON from scan --json): {why}"),
            path=name,
            why=repr(exc),
        ) from None
    return name, data


def _union(first: Sequence[str], second: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))


def _levels(new: Mapping[str, Any], old: Mapping[str, Any]) -> tuple[Level, ...]:
    labels: dict[str, str] = {}
    for data in (new, old):
        for level in data["levels"]:
            labels.setdefault(level["id"], level["label"])
    return tuple(Level(level_id, label, ()) for level_id, label in labels.items())


def _cells(data: Mapping[str, Any]) -> dict[tuple[str, str], Status]:
    return {(c["municipality"], c["level"]): Status(c["status"]) for c in data["matrix"]}


CellKey = tuple[str, str | None]


def _documents(data: Mapping[str, Any]) -> dict[CellKey, list[DocumentRef]]:
    cells: dict[CellKey, list[DocumentRef]] = {}
    for doc in data["documents"]:
        if doc.get("sha256") is None:
            continue
        ref = DocumentRef(doc["path"], doc["sha256"], Status(doc["status"]), doc.get("url"))
        cells.setdefault((doc["municipality"], doc.get("level")), []).append(ref)
    return cells


def _compare_cell(
    key: CellKey, old: list[DocumentRef], new: list[DocumentRef]
) -> list[DocumentChange]:
    municipality, level = key
    new_shas = {doc.sha256 for doc in new}
    old_shas = {doc.sha256 for doc in old}
    gone = [doc for doc in old if doc.sha256 not in new_shas]
    came = [doc for doc in new if doc.sha256 not in old_shas]
    replaced: list[tuple[DocumentRef, DocumentRef]] = []
    for before in list(gone):
        after = next((doc for doc in came if _source(doc) == _source(before)), None)
        if after is not None:
            replaced.append((before, after))
            gone.remove(before)
            came.remove(after)
    if len(gone) == 1 and len(came) == 1:
        replaced.append((gone.pop(), came.pop()))
    return (
        [DocumentChange("replaced", municipality, level, a, b) for a, b in replaced]
        + [DocumentChange("removed", municipality, level, doc, None) for doc in gone]
        + [DocumentChange("added", municipality, level, None, doc) for doc in came]
    )


def _source(doc: DocumentRef) -> str:
    return doc.url or doc.path
