"""The municipality × plan level matrix: documents into cells, municipality order, and which
cells fail a --fail-on rule. Pure."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from planscan._version import __version__
from planscan.models import (
    UNCLASSIFIED,
    Cell,
    DocumentResult,
    KeywordSet,
    PlanRef,
    ScanResult,
    Status,
)

CellKey = tuple[str, str]  # municipality, level id


def build_result(
    refs: Sequence[PlanRef],
    documents: Sequence[DocumentResult],
    keywords: KeywordSet,
    warnings: Sequence[str] = (),
    not_checked: Collection[CellKey] | None = None,
) -> ScanResult:
    """Put documents into the municipality × level matrix; a cell shows its best document.

    A cell with no document is `x` (missing), or "not searched" when planscan find could not
    search the municipality's website for it, unless nobody looked for it: a level the
    manifest does not list for a municipality that only the manifest names (`not_checked`,
    worked out from `refs` when not given). Documents with no level, or that are not the plan
    of a level, go to a last row of their own, so that none vanishes from the matrix.
    """
    municipalities = _municipality_order(refs)
    if not_checked is None:
        not_checked = unlisted_cells(refs, keywords)
    not_searched = {(r.municipality, r.level) for r in refs if r.not_searched is not None}
    placed = [d for d in documents if d.in_a_level]
    others = [d for d in documents if not d.in_a_level]
    cells = []
    for level in keywords.levels:
        for municipality in municipalities:
            docs = [d for d in placed if d.municipality == municipality and d.level == level.id]
            key = (municipality, level.id)
            empty = (
                Status.NOT_CHECKED
                if key in not_checked
                else Status.NOT_SEARCHED
                if key in not_searched
                else Status.MISSING
            )
            cells.append(_cell(municipality, level.id, docs, empty))
    if others:
        for municipality in municipalities:
            docs = [d for d in others if d.municipality == municipality]
            cells.append(_cell(municipality, UNCLASSIFIED.id, docs, Status.NOT_CHECKED))
    return ScanResult(
        __version__, keywords, municipalities, tuple(documents), tuple(cells), tuple(warnings)
    )


def _cell(municipality: str, level: str, docs: Sequence[DocumentResult], empty: Status) -> Cell:
    status = max((d.status for d in docs), key=lambda s: s.rank, default=empty)
    return Cell(municipality, level, status, tuple(d.path for d in docs))


def unlisted_cells(refs: Sequence[PlanRef], keywords: KeywordSet) -> set[CellKey]:
    """The cells of municipalities named only by a manifest, for levels it does not list."""
    from_files = {ref.municipality for ref in refs if ref.level_source != "manifest"}
    listed = {(ref.municipality, ref.level) for ref in refs if ref.level_source == "manifest"}
    return {
        (ref.municipality, level.id)
        for ref in refs
        if ref.municipality not in from_files
        for level in keywords.levels
        if (ref.municipality, level.id) not in listed
    }


def _municipality_order(refs: Sequence[PlanRef]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for ref in refs:
        seen.setdefault(ref.municipality, None)
    return tuple(seen)


def failing_cells(result: ScanResult, fail_on: Status | None) -> tuple[Cell, ...]:
    """The cells whose shown colour is at or below `fail_on` (green > yellow > red > no-text
    > error > missing); none when no rule is given. A cell nobody looked for never fails."""
    if fail_on is None:
        return ()
    return tuple(
        cell
        for cell in result.matrix
        if cell.shown is not Status.NOT_CHECKED and cell.shown.rank <= fail_on.rank
    )
