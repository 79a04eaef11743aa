"""Join the parts of a sharded scan (scan --shard I/N) into the result of a single run."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from planscan.documentjson import document_from_dict
from planscan.errors import InputError
from planscan.i18n import N_, Message
from planscan.keywords import load_keywords
from planscan.matrix import build_result
from planscan.models import KeywordSet, PlanRef, ScanResult, Status
from planscan.resultfile import read_result

# What every part must agree on, with what to tell the user when one does not.
_SAME = {
    "planscan_version": Message("another planscan version"),
    "keywords": Message("another keywords file"),
    "levels": Message("other plan levels"),
    "municipalities": Message("another manifest or other folders"),
}


def merge(
    parts: Sequence[Path | str | Mapping[str, Any]],
    *,
    keywords: KeywordSet | Path | str | None = None,
) -> ScanResult:
    """Given the JSON results of `scan --shard 1/N` … `N/N`, return the whole scan's result.

    Its JSON is byte for byte what one unsharded run writes. `keywords` must be the file
    the parts were scanned with (default: the shipped keywords.yaml); it is checked by sha256.
    """
    named = [
        (str(part), read_result(part))
        if isinstance(part, (str, Path))
        else (Message("part {n}", n=i), part)
        for i, part in enumerate(parts, start=1)
    ]
    if not named:
        raise InputError(N_("nothing to merge: give the JSON files of scan --shard I/N"))
    for name, data in named:
        _check_part(name, data)
    first_name, first = named[0]
    for name, data in named:
        if not isinstance(data.get("shard"), Mapping):
            raise InputError(
                N_("{name}: not a part of a sharded scan (made without --shard)"), name=name
            )
        for key, what in _SAME.items():
            if data.get(key) != first.get(key):
                raise InputError(
                    N_("{name}: made with {what} than {first} ({key} differ)"),
                    name=name,
                    what=what,
                    first=first_name,
                    key=key,
                )
    count, total = first["shard"]["count"], first["shard"]["total"]
    seen: dict[int, str] = {}
    for name, data in named:
        shard = data["shard"]
        if shard["count"] != count or shard["total"] != total:
            raise InputError(
                N_("{name}: a part of another sharded scan than {first}"),
                name=name,
                first=first_name,
            )
        if shard["index"] in seen:
            raise InputError(
                N_("shard {index}/{count} is given twice: {first}, {name}"),
                index=shard["index"],
                count=count,
                first=seen[shard["index"]],
                name=name,
            )
        seen[shard["index"]] = name
    missing = [f"{i}/{count}" for i in range(1, count + 1) if i not in seen]
    if missing:
        raise InputError(
            N_("shard {shards} missing: merge needs every part"), shards=", ".join(missing)
        )

    keyword_set = keywords if isinstance(keywords, KeywordSet) else load_keywords(keywords)
    if keyword_set.sha256 != first["keywords"]["sha256"]:
        raise InputError(
            N_(
                "{name}: scanned with another keywords file ({path});"
                " give that file with --keywords"
            ),
            name=first_name,
            path=first["keywords"]["path"],
        )
    slots: list[tuple[str, Mapping[str, Any]] | None] = [None] * total
    for name, data in named:
        positions = data["shard"]["positions"]
        if len(positions) != len(data["documents"]):
            raise InputError(
                N_("{name}: the shard's positions do not match its documents"), name=name
            )
        for position, document in zip(positions, data["documents"], strict=True):
            if not 0 <= position < total or slots[position] is not None:
                raise InputError(
                    N_("{name}: document position {position} is out of place"),
                    name=name,
                    position=position,
                )
            slots[position] = (name, document)
    documents = []
    for slot in slots:
        if slot is not None:
            name, document = slot
            try:
                documents.append(document_from_dict(document))
            except (ValueError, TypeError, AttributeError) as exc:
                raise InputError(
                    N_("{name}: a document is damaged: {why}"), name=name, why=str(exc)
                ) from None
    if len(documents) != total:
        raise InputError(
            N_("the parts hold {count} of {total} documents"), count=len(documents), total=total
        )
    refs = [PlanRef(municipality, None) for municipality in first["municipalities"]]
    # Which cells nobody looked for is known from the manifest, which the parts share: every
    # part's matrix says so.
    not_checked = {
        (cell["municipality"], cell["level"])
        for cell in first["matrix"]
        if cell.get("computed") == Status.NOT_CHECKED.value
    }
    result = build_result(refs, documents, keyword_set, not_checked=not_checked)
    return replace(
        result,
        planscan_version=first["planscan_version"],
        keywords=replace(keyword_set, path=first["keywords"]["path"]),
    )


def _check_part(name: str, data: Mapping[str, Any]) -> None:
    """Every field merge reads, of the type it needs: a part of the wrong shape is one line
    naming its file, never a traceback from the middle of the merge."""

    def need(value: Any, kind: type | tuple[type, ...], what: str) -> Any:
        if not isinstance(value, kind) or isinstance(value, bool):
            raise InputError(
                N_("{name}: not a part of a sharded scan: {what} has the wrong type"),
                name=name,
                what=what,
            )
        return value

    shard = data.get("shard")
    if shard is None:
        return  # said below: made without --shard
    need(shard, Mapping, "shard")
    for key in ("count", "total", "index"):
        need(shard.get(key), int, f"shard.{key}")
    for position in need(shard.get("positions"), list, "shard.positions"):
        need(position, int, Message("a shard position"))
    for document in need(data.get("documents"), list, "documents"):
        need(document, Mapping, Message("a document"))
    need(need(data.get("keywords"), Mapping, "keywords").get("sha256"), str, "keywords.sha256")
    for municipality in need(data.get("municipalities"), list, "municipalities"):
        need(municipality, str, "a municipality")
    for cell in need(data.get("matrix"), list, "matrix"):
        need(cell, Mapping, "a matrix cell")
