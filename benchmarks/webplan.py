"""Issue 16's target: reading a 200-section web plan from the store takes under 0.5 s.

    python benchmarks/webplan.py [--runs 5]

Publishes a 200-section plan as one web page with heavy navigation on 127.0.0.1, fetches it
into a temporary store (as `planscan fetch` does), then times, round by round in this one
process, the median of:

- extraction alone: the stored bundle's sections (extract/html.py);
- a cold scan from the store: planscan.scan(manifest, store) with no cache, a reader process
  reading and analysing the plan (what a first `planscan scan -m plans.yaml` does);
- a warm scan: the same with the cache filled (a re-scan of an unchanged plan);
- the same text as a PDF, scanned cold, for comparison.

It prints each time, the goal, the ratio that decides it and PASS or FAIL, and the ratio of the
web plan to the PDF measured in the same rounds. Only ratios measured together mean much on a
shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.fixtures.server import serve  # noqa: E402
from tests.fixtures.web import plan_sections, plan_text_pdf, web_page  # noqa: E402

import planscan  # noqa: E402
from planscan.extract.html import read_sections  # noqa: E402
from planscan.fetch import fetch_urls  # noqa: E402
from planscan.models import FetchSettings, Limits, ScanOptions  # noqa: E402
from planscan.store import Store  # noqa: E402

GOAL = 0.5  # seconds
SECTIONS = 200
TITLE = "Boligsosial handlingsplan 2024-2036"


def median_times(actions: dict[str, Callable[[], object]], runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            started = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        os.environ.pop(name, None)
    os.environ["NO_PROXY"] = "*"
    sections = plan_sections(SECTIONS)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        page = web_page(TITLE, sections)
        with serve({"/planer/bolig/": page}) as site:
            url = site.url("/planer/bolig/")
            report = fetch_urls([url], store=root / "store", settings=FetchSettings(web_delay=0))
        record = report.records[0]
        stored = Store(root / "store").stored_file(record)
        assert stored is not None, record.message
        manifest = root / "plans.yaml"
        manifest.write_text(
            f"plans:\n  - {{municipality: Alfa, level: temaplan-bolig, url: '{url}'}}\n",
            encoding="utf-8",
        )
        plan_text_pdf(root / "Alfa" / "plan.pdf", TITLE, sections)
        cold = ScanOptions(jobs=1)
        warm = ScanOptions(jobs=1, cache_dir=root / "cache")
        bundle = stored.read_bytes()

        def scan_web(options: ScanOptions) -> None:
            result = planscan.scan(manifest=manifest, store=root / "store", options=options)
            assert result.documents[0].unit == "section", result.documents[0].message

        scan_web(warm)  # fill the cache
        pdf_pages = planscan.scan([root / "Alfa"], options=cold).documents[0].pages
        times = median_times(
            {
                "extract": lambda: read_sections(bundle, Limits()),
                "cold": lambda: scan_web(cold),
                "warm": lambda: scan_web(warm),
                "pdf": lambda: planscan.scan([root / "Alfa"], options=cold),
            },
            runs,
        )
    median = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"a {SECTIONS}-section web plan ({len(page) // 1024} KiB page with navigation, "
        f"{len(bundle) // 1024} KiB stored), {runs} rounds, medians:"
    )
    for name, label in (
        ("extract", "extraction of the stored plan"),
        ("cold", "scan from the store, no cache"),
        ("warm", "scan from the store, cached"),
    ):
        ratio = median[name] / GOAL
        verdict = "PASS" if ratio < 1 else "FAIL"
        print(
            f"  {label:<34} {median[name] * 1000:7.1f} ms  goal < {GOAL * 1000:.0f} ms"
            f"  ratio {ratio:5.2f}  {verdict}"
        )
    ratios = [c / p for c, p in zip(times["cold"], times["pdf"], strict=True)]
    print(
        f"  {f'the same text, a {pdf_pages}-page PDF, cold':<34} {median['pdf'] * 1000:7.1f} ms"
        f"  web/PDF {statistics.median(ratios):.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f}x)"
    )


if __name__ == "__main__":
    main()
