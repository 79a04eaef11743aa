"""Recognition on real titles and URLs: planscan find's level and status against the index
of 103 plan documents of the 18 Buskerud municipalities.

The index is data/planverk/buskerud/manifest.csv of the public repository
ChristianBHT/Framskrivningsverkt-y at commit 3633798be98e18bf03786c90755c49189af6d29a,
copied to tests/fixtures/buskerud_index.csv. A row agrees when planscan's level is the
index's document type (for types that are not plan levels, kunnskapsgrunnlag, planprogram,
vedtak, integrering: planscan does not take it for a plan of a level), and its status is the
index's (for the index's "rapport": planscan says it is not the plan itself).

    python benchmarks/find_recognition.py [--all]   # --all: every row, not only the misses
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.test_find_recognise import LEVEL_OF_TYPE, agrees, index_rows  # noqa: E402

from planscan.find.recognise import recognise  # noqa: E402
from planscan.keywords import load_keywords  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every row")
    args = parser.parse_args()
    keywords = load_keywords()
    rows = index_rows()
    level_ok = status_ok = both = 0
    for row in rows:
        found = recognise(row["tittel"], row["url"], keywords)
        expected = LEVEL_OF_TYPE.get(row["dokumenttype"])
        this_level = found.level == expected if expected else not found.is_plan
        this_status = (
            not found.is_plan if row["status"] == "rapport" else found.status == row["status"]
        )
        ok = agrees(row, keywords)
        level_ok += this_level
        status_ok += this_status
        both += ok
        if args.all or not ok:
            mark = "ok  " if ok else "MISS"
            print(
                f"{mark} {row['kommune']:<14} {row['dokumenttype']:<17} {row['status']:<13}"
                f" {row['tittel'][:60]:<60} -> {found.level or '-'} / {found.kind} /"
                f" {found.status} / {found.period or '-'}"
            )
    total = len(rows)
    print(f"level:           {level_ok}/{total} ({level_ok / total:.1%})")
    print(f"status:          {status_ok}/{total} ({status_ok / total:.1%})")
    print(f"level + status:  {both}/{total} ({both / total:.1%})")


if __name__ == "__main__":
    main()
