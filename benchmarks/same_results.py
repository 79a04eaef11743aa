"""Same results before and after a speed-up: scan examples/ and the rendered real plans
with evidence (and without: counts and colours only) and compare planscan's JSON byte for
byte with a saved copy.

    python benchmarks/same_results.py --save DIR [--plans KEEP_DIR] [--more DIR...]   # before
    python benchmarks/same_results.py --check DIR [--plans KEEP_DIR] [--more DIR...]  # after

KEEP_DIR is what `benchmarks/accuracy.py --keep DIR` wrote (pdf/ and docx/).
No cache: every document is read and analysed again.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import planscan
from planscan.models import ScanOptions
from planscan.resultfile import render_json

REPO = Path(__file__).resolve().parents[1]


def results(plans: Path | None, more: Sequence[Path]) -> dict[str, str]:
    sets = {"examples": [REPO / "examples"]}
    for number, folder in enumerate(more, 1):
        sets[f"more-{number}"] = [folder]
    if plans is not None:
        sets["plans-pdf"] = [plans / "pdf"]
        sets["plans-docx"] = [plans / "docx"]
    found = {}
    for evidence in (True, False):
        options = ScanOptions(evidence=evidence, cache_dir=None)
        for name, paths in sets.items():
            label = name if evidence else f"{name}-counts"
            text = render_json(planscan.scan(paths, options=options))
            # The checkout's own path (examples/) is not a result: a copy of the project in
            # another folder (a worktree) compares equal.
            found[label] = text.replace(json.dumps(str(REPO))[1:-1], "<repo>")
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--check", type=Path)
    parser.add_argument("--plans", type=Path)
    parser.add_argument("--more", type=Path, nargs="*", default=[], help="other folders")
    args = parser.parse_args(argv)
    found = results(args.plans, args.more)
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for name, text in found.items():
            (args.save / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"saved {len(found)} results to {args.save}")
        return 0
    failed = 0
    for name, text in found.items():
        before = (args.check / f"{name}.json").read_text(encoding="utf-8")
        if before == text:
            print(f"{name}: identical ({len(text):,} characters)")
            continue
        failed += 1
        print(f"{name}: DIFFERENT")
        diff = difflib.unified_diff(before.splitlines(), text.splitlines(), lineterm="", n=1)
        for line in list(diff)[:40]:
            print("  " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
