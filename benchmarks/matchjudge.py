"""CPU time of matching and judging against extraction, on PDFs of real plans' pages.

    python benchmarks/matchjudge.py [--profile N] [--repeat R] PDF_OR_FOLDER...

Pages are extracted once (pdfium, normalised, running lines found; its CPU time is
"extraction"); then index_document + analyse(evidence=False) run R times, the word and line
memories emptied before the first document of each round, and the least CPU time of a
round is "analysis". process_time(): the machine may be shared.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from planscan import judge, match
from planscan.analysis import analyse
from planscan.extract import iter_pages
from planscan.keywords import load_keywords
from planscan.match import index_document
from planscan.models import ExtractedInfo, Limits, PlanRef
from planscan.normalize import normalize_text
from planscan.runninglines import find_repeated_spans


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest")
    args = parser.parse_args(argv)
    pdfs = sorted(
        pdf for path in args.paths for pdf in (path.rglob("*.pdf") if path.is_dir() else [path])
    )
    keywords = load_keywords(None)
    documents = []
    extraction = 0.0
    for pdf in pdfs:
        started = time.process_time()
        raw = [page for page in iter_pages(pdf, "pdfium", None, Limits()) if isinstance(page, str)]
        pages = [normalize_text(page) for page in raw]
        spans = find_repeated_spans(raw, pages)
        extraction += time.process_time() - started
        documents.append((pdf, pages, spans))

    def run() -> None:
        match.forget_words()
        getattr(judge, "forget_lines", lambda: None)()  # versions before it have none
        for pdf, pages, spans in documents:
            index = index_document(pages, spans)
            info = ExtractedInfo(len(pages), "pdfium")
            analyse(PlanRef("A", pdf), "", info, pages, "", keywords, evidence=False, index=index)

    rounds = []
    for _ in range(args.repeat):
        started = time.process_time()
        run()
        rounds.append(time.process_time() - started)
    analysis = min(rounds)
    pages = sum(len(d[1]) for d in documents)
    each = ", ".join(f"{r * 1000:.0f}" for r in rounds)
    print(
        f"{len(documents)} PDFs, {pages} pages: extraction {extraction * 1000:.0f} ms CPU,"
        f" match+judge {analysis * 1000:.0f} ms CPU (rounds {each}),"
        f" ratio {analysis / extraction:.2f}"
    )
    if args.profile:
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        run()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
