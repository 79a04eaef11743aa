"""How many municipalities each plan level has in each status ("how many of our 41 have a
housing plan?"), the same in every report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from planscan.models import Level, ScanResult, Status

# Always shown, in this order; the others only where the matrix has them.
MAIN_STATUSES = (Status.GREEN, Status.YELLOW, Status.RED, Status.MISSING)
OTHER_STATUSES = (Status.NO_TEXT, Status.ERROR, Status.NOT_SEARCHED, Status.NOT_CHECKED)


@dataclass(frozen=True)
class LevelCount:
    """One level's count of municipalities by the status their cell shows."""

    number: int  # the level's number in the matrix (1-based): the turned matrix's column head
    level: Level
    counts: dict[Status, int]


def summary_statuses(result: ScanResult) -> tuple[Status, ...]:
    """The statuses the summary has columns for: green, yellow, red, x, and any other the
    matrix shows."""
    shown = {cell.shown for cell in result.matrix}
    return MAIN_STATUSES + tuple(s for s in OTHER_STATUSES if s in shown)


def level_counts(result: ScanResult) -> tuple[LevelCount, ...]:
    """Per level, the number of municipalities whose cell shows each status (reviews count)."""
    rows = []
    for number, level in enumerate(result.levels, start=1):
        counted = Counter(cell.shown for cell in result.matrix if cell.level == level.id)
        counts = {status: counted.get(status, 0) for status in summary_statuses(result)}
        rows.append(LevelCount(number, level, counts))
    return tuple(rows)
