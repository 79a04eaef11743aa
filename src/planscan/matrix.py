"""The municipality × plan level matrix: documents into cells, municipality order, and which
cells fail a --fail-on rule. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from planscan._version import __version__
from planscan.models import Cell, DocumentResult, KeywordSet, PlanRef, ScanResult, Status


def build_result(
    refs: Sequence[PlanRef],
    documents: Sequence[DocumentResult],
    keywords: KeywordSet,
    warnings: Sequence[str] = (),
) -> ScanResult:
    """Put documents into the municipality × level matrix; a cell shows its best document."""
    municipalities = _municipality_order(refs)
    cells = []
    for level in keywords.levels:
        for municipality in municipalities:
            docs = [d for d in documents if d.municipality == municipality and d.level == level.id]
            status = max((d.status for d in docs), key=lambda s: s.rank, default=Status.MISSING)
            cells.append(Cell(municipality, level.id, status, tuple(d.path for d in docs)))
    return ScanResult(
        __version__, keywords, municipalities, tuple(documents), tuple(cells), tuple(warnings)
    )


def _municipality_order(refs: Sequence[PlanRef]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for ref in refs:
        seen.setdefault(ref.municipality, None)
    return tuple(seen)


def failing_cells(result: ScanResult, fail_on: Status | None) -> tuple[Cell, ...]:
    """The cells whose shown colour is at or below `fail_on` (green > yellow > red > no-text
    > error > missing); none when no rule is given."""
    if fail_on is None:
        return ()
    return tuple(cell for cell in result.matrix if cell.shown.rank <= fail_on.rank)
