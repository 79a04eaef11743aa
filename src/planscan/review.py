"""The planner has the last word: read a review file and apply its overrides to a scan.

A review file (review.yaml) records colours set by a person who read the evidence:

    reviews:
      - municipality: Vågan
        level: planstrategi
        sha256: 3f5a...          # the document as it was read (planscan hits FILE prints it)
        status: green            # or grønn, gul, rød (nynorsk: grøn, gul, raud)
        by: Kari Nordmann
        date: 2024-03-01
        why: Kapittel 4 handler om vanskeligstilte på boligmarkedet.

An entry names a cell (municipality and level) or only a document (sha256). When the
document has changed since (its sha256 differs), the override is stale: flagged, not applied.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from planscan.i18n import Message, status_of_word
from planscan.keywords import known_level
from planscan.models import (
    Cell,
    KeywordSet,
    Override,
    Review,
    ReviewOutcome,
    ScanResult,
    Status,
)
from planscan.yamlfile import Checker, Node, load_nodes, within

DEFAULT_REVIEW_NAME = "review.yaml"
REVIEW_STATUSES = (Status.GREEN, Status.YELLOW, Status.RED)

_TOP_KEYS = ("reviews",)
_ENTRY_KEYS = ("municipality", "level", "sha256", "status", "by", "date", "why")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def default_review_path(manifest: Path | None) -> Path | None:
    """The review.yaml beside the manifest, if there is one."""
    if manifest is None:
        return None
    candidate = manifest.parent / DEFAULT_REVIEW_NAME
    return candidate if candidate.is_file() else None


def load_review(path: Path | str, keywords: KeywordSet) -> tuple[Override, ...]:
    """Read and check a review file; raise ConfigError listing every problem as FILE:LINE:COL."""
    display = str(path)
    root = load_nodes(Path(path), display)
    check = Checker(display)
    top = check.mapping(root, Message("the review file"), _TOP_KEYS, required=("reviews",))
    node = top.get("reviews")
    if node is not None and node.kind != "seq":
        check.problem(node, Message("reviews must be a list of reviews (lines starting with '- ')"))
    level_ids = tuple(level.id for level in keywords.levels)
    overrides: list[Override] = []
    first_at: dict[tuple[str | None, ...], int] = {}
    for number, entry in enumerate(node.items if node is not None else (), start=1):
        override = _entry(check, entry, Message("review {n}", n=number), level_ids)
        if override is None:
            continue
        target = (override.municipality, override.level) if override.level else (override.sha256,)
        if target in first_at:
            check.problem(
                entry,
                Message(
                    "review {n} reviews the same {target} as line {line}",
                    n=number,
                    target=_describe(target),
                    line=first_at[target],
                ),
            )
            continue
        first_at[target] = entry.line
        overrides.append(replace(override, where=f"{display}:{entry.line}:{entry.column}"))
    check.raise_if_any()
    return tuple(overrides)


def _entry(check: Checker, entry: Node, where: str, level_ids: tuple[str, ...]) -> Override | None:
    """One entry of the review file, or None (with its problems reported) if it is unusable."""
    fields = check.mapping(entry, where, _ENTRY_KEYS, required=("status", "by", "date", "why"))
    if entry.kind != "map":
        return None
    text: dict[str, str | None] = {
        key: check.string(fields[key], within(where, key))
        for key in ("municipality", "level", "status", "by", "why")
        if key in fields
    }
    if "sha256" in fields:
        # As written: YAML would read a digest of only digits as a number.
        sha_node = fields["sha256"]
        text["sha256"] = sha_node.raw.lower() if sha_node.is_scalar and sha_node.raw else None
        if not _SHA256.fullmatch(text["sha256"] or ""):
            check.problem(
                sha_node,
                Message(
                    "{where}: sha256 must be the 64 hex digits planscan prints for the document",
                    where=where,
                ),
            )
            text["sha256"] = None
    day = check.date(fields["date"], within(where, "date")) if "date" in fields else None
    ok = all(value is not None for value in text.values()) and day is not None
    level, status = text.get("level"), text.get("status")
    if not known_level(check, fields, level, level_ids, where):
        ok = False
    statuses = [s.value for s in REVIEW_STATUSES]
    # A planner writes the colour in any of planscan's languages: grønn, grøn, gul, rød, raud.
    chosen = status_of_word(status) if status is not None else None
    if status is not None and chosen not in REVIEW_STATUSES:
        check.problem(
            fields["status"],
            Message(
                "{where}: status {status} is not one of {statuses}"
                " (or grønn, gul, rød; nynorsk grøn, gul, raud)",
                where=where,
                status=repr(status),
                statuses=", ".join(statuses),
            ),
        )
        ok = False
    if ("municipality" in fields) != ("level" in fields):
        missing = "level" if "municipality" in fields else "municipality"
        check.problem(
            entry,
            Message(
                "{where}: give {key} too, or only the document's sha256", where=where, key=missing
            ),
        )
        ok = False
    elif "level" not in fields and "sha256" not in fields:
        check.problem(
            entry,
            Message("{where} needs municipality and level, or the document's sha256", where=where),
        )
        ok = False
    if not ok or chosen is None or day is None:
        return None
    return Override(
        status=chosen,
        by=str(text["by"]),
        date=day,
        why=str(text["why"]),
        municipality=text.get("municipality"),
        level=level,
        sha256=text.get("sha256"),
    )


def _describe(target: tuple[str | None, ...]) -> Message:
    if len(target) == 2:
        return Message("cell ({municipality} · {level})", municipality=target[0], level=target[1])
    return Message("document (sha256)")


def apply_review(result: ScanResult, overrides: Sequence[Override] | Path | str) -> ScanResult:
    """Return result with each override applied to its cell, or flagged as stale or unmatched."""
    if isinstance(overrides, (Path, str)):
        overrides = load_review(overrides, result.keywords)
    sha_by_path = {doc.path: doc.sha256 for doc in result.documents}
    cells = {(c.municipality, c.level): c for c in result.matrix}
    reviews: list[Review] = []
    for override in overrides:
        review = _resolve(override, result, cells, sha_by_path)
        reviews.append(review)
        if review.municipality is not None and review.level is not None:
            cell = cells[(review.municipality, review.level)]
            if cell.review is None or cell.review.outcome is not ReviewOutcome.APPLIED:
                cells[(review.municipality, review.level)] = replace(cell, review=review)
    matrix = tuple(cells[(c.municipality, c.level)] for c in result.matrix)
    return replace(result, matrix=matrix, reviews=result.reviews + tuple(reviews))


def _resolve(
    override: Override,
    result: ScanResult,
    cells: dict[tuple[str, str], Cell],
    sha_by_path: dict[str, str | None],
) -> Review:
    if override.municipality is None or override.level is None:
        assert override.sha256 is not None
        doc = next((d for d in result.documents if d.sha256 == override.sha256), None)
        if doc is None or doc.level is None or (doc.municipality, doc.level) not in cells:
            return Review(
                override,
                ReviewOutcome.UNMATCHED,
                Message(
                    "no scanned document has sha256 {sha}…: it has changed since the review, or"
                    " was not scanned",
                    sha=override.sha256[:12],
                ),
            )
        return _judge(override, cells[(doc.municipality, doc.level)], sha_by_path)
    cell = cells.get((override.municipality, override.level))
    if cell is None:
        return Review(
            override,
            ReviewOutcome.UNMATCHED,
            Message("{municipality} is not in this scan", municipality=override.municipality),
        )
    return _judge(override, cell, sha_by_path)


# A status in a review's message: English keeps the ids (green, missing) the review file and
# the JSON use; Norwegian says its words.
_STATUS_WORDS = {
    "green": Message("green"),
    "yellow": Message("yellow"),
    "red": Message("red"),
    "missing": Message("missing"),
    "no-text": Message("no-text"),
    "error": Message("error"),
    "not-searched": Message("not-searched"),
    "not-checked": Message("not-checked"),
}


def _judge(override: Override, cell: Cell, sha_by_path: dict[str, str | None]) -> Review:
    current = [sha for sha in (sha_by_path.get(path) for path in cell.documents) if sha]
    at = cell.municipality, cell.level
    if override.sha256 is None and current:
        return Review(
            override,
            ReviewOutcome.STALE,
            Message(
                "the review does not say which document was read, and the cell now has one;"
                " read it and add sha256: {sha}",
                sha=current[0],
            ),
            *at,
        )
    if override.sha256 is not None and override.sha256 not in current:
        now = (
            Message("now sha256 {sha}", sha=current[0])
            if current
            else Message("no document is found now")
        )
        return Review(
            override,
            ReviewOutcome.STALE,
            Message(
                "the document has changed since the review (reviewed sha256 {sha}…, {now});"
                " read it again and update the review",
                sha=override.sha256[:12],
                now=now,
            ),
            *at,
        )
    computed = cell.status.value
    return Review(
        override,
        ReviewOutcome.APPLIED,
        Message(
            "{status} set by {by} on {date} (computed: {computed})",
            status=_STATUS_WORDS.get(override.status.value, override.status.value),
            by=override.by,
            date=override.date.isoformat(),
            computed=_STATUS_WORDS.get(computed, computed),
        ),
        *at,
    )
