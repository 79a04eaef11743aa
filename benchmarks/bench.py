"""planscan performance targets (issue 4), measured side by side with pdftotext in one run.

    python benchmarks/bench.py [--runs 5] [--corpus DIR]

Builds a deterministic corpus (benchmarks/corpus.py: a 600-page plan, eight 200-page plans, a
200-page DOCX, a 20-page plan), then prints one line per target: measured value, goal, the
ratio that decides it, and PASS or FAIL. Timings are medians of paired runs in this one
process, because this machine is shared and noisy: only ratios measured together mean much.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import build_corpus, font_used, write_pdf  # noqa: E402

# The `planscan` command as installed beside this Python (what users run), else `-m`.
_SCRIPT = Path(sys.executable).with_name("planscan")
PLANSCAN = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "planscan"]


def timed(command: Sequence[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def rounds(actions: Mapping[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Each action's wall times, the actions taking turns round by round, so that each round
    sees the machine in much the same state."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            times[name].append(action())
    return times


def paired(commands: dict[str, Sequence[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall time of each command, the commands alternating run by run."""
    actions = {name: partial(timed, command, env) for name, command in commands.items()}
    return {name: statistics.median(values) for name, values in rounds(actions, runs).items()}


def spread(over: Sequence[float], under: Sequence[float]) -> str:
    """The lowest and highest of the round-by-round ratios over/under."""
    ratios = [a / b for a, b in zip(over, under, strict=True)]
    return f"{min(ratios):.2f}–{max(ratios):.2f}×"


_EXTRACT = (
    "import sys, pypdfium2\n"
    "for name in sys.argv[1:]:\n"
    "    pdf = pypdfium2.PdfDocument(name)\n"
    "    for i in range(len(pdf)):\n"
    "        page = pdf[i]; text = page.get_textpage(); text.get_text_range()\n"
    "        text.close(); page.close()\n"
)


# What no Python reader of PDFium can beat on two cores: one Python start-up, then PDFium's
# text of half the pages in each of two processes; nothing normalised, matched or judged.
_HALVES = (
    "import os, sys\n"
    "child = os.fork()\n"
    "import pypdfium2\n"
    "pdf = pypdfium2.PdfDocument(sys.argv[1])\n"
    "half = len(pdf) // 2\n"
    "for i in range(half, len(pdf)) if child == 0 else range(half):\n"
    "    page = pdf[i]; text = page.get_textpage(); text.get_text_range()\n"
    "    text.close(); page.close()\n"
    "if child:\n"
    "    os.waitpid(child, 0)\n"
    "else:\n"
    "    os._exit(0)\n"
)


def _run_together(commands: Sequence[Sequence[str]], env: dict[str, str]) -> float:
    started = time.perf_counter()
    running = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL) for c in commands]
    for process in running:
        process.wait()
    return time.perf_counter() - started


def median_of(action: Callable[[], object], runs: int) -> float:
    values = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        values.append(time.perf_counter() - started)
    return statistics.median(values)


def line(name: str, measured: str, goal: str, ratio: float, ok: bool) -> None:
    print(
        f"{name:<44} {measured:>18}  goal {goal:<22} ratio {ratio:6.2f}  {'PASS' if ok else 'FAIL'}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / ".corpus")
    args = parser.parse_args(argv)
    if shutil.which("pdftotext") is None:
        print("pdftotext is not installed: apt-get install poppler-utils", file=sys.stderr)
        return 2

    files = build_corpus(args.corpus)
    small = args.corpus / "small" / "plan-20.pdf"
    if not small.exists():
        write_pdf(small, 20, seed=20)
    big = files["big"]
    batch = [files[f"batch{i}"] for i in range(8)]
    cache = Path(tempfile.mkdtemp(prefix="planscan-bench-cache-"))
    env = dict(os.environ, PLANSCAN_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT / "src"))
    # `pip install` compiles planscan to bytecode; running from src/ without it would time
    # the compiler on every start. (__pycache__ folders are ignored by git.)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src")],
        env=env,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    runs = args.runs
    print(
        f"planscan benchmark, {date.today()}, {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, median of {runs} paired runs;"
        f" corpus font: {font_used()}"
    )

    # 1. One 600-page PDF, whole process, against pdftotext.
    t = paired(
        {
            "pdftotext": ["pdftotext", str(big), "/dev/null"],
            "planscan": [*PLANSCAN, "scan", str(big), "--no-cache", "-q"],
            "floor": [sys.executable, "-c", _HALVES, str(big)],
        },
        runs,
        env,
    )
    ratio = t["planscan"] / t["pdftotext"]
    line(
        "1 scan 600 pages vs pdftotext",
        f"{t['planscan']:.2f}s vs {t['pdftotext']:.2f}s",
        "≤ 1.0× pdftotext",
        ratio,
        ratio <= 1.0,
    )
    print(
        f"  (floor: PDFium's text alone, half the pages in each of two processes after one Python"
        f" start-up: {t['floor']:.2f}s, {t['floor'] / t['pdftotext']:.2f}× pdftotext)"
    )

    # 2. Pages per second per core, and two readers against one on 8 × 200 pages.
    one = paired(
        {"one": [*PLANSCAN, "scan", str(big), "--no-cache", "-q", "--jobs", "1"]}, runs, env
    )["one"]
    rate = 600 / one
    line(
        "2a pages/s per core (600 pages, --jobs 1)",
        f"{rate:.0f} pages/s",
        "≥ 500 pages/s",
        rate / 500,
        rate >= 500,
    )
    batch_dir = batch[0].parent
    # What this machine gives two processes at all: plain pdfium extraction of the same
    # eight plans, in one process and then split over two. It takes turns with the two
    # planscan runs, round by round: how well two processes scale here varies from minute
    # to minute, and each round sees much the same machine.
    extract = [sys.executable, "-c", _EXTRACT, *map(str, batch)]
    halves = [[sys.executable, "-c", _EXTRACT, *map(str, half)] for half in (batch[:4], batch[4:])]
    scan_batch = [*PLANSCAN, "scan", str(batch_dir), "--no-cache", "-q", "--jobs"]
    times = rounds(
        {
            "jobs1": partial(timed, [*scan_batch, "1"], env),
            "jobs2": partial(timed, [*scan_batch, "2"], env),
            "alone": partial(timed, extract, env),
            "together": partial(_run_together, halves, env),
        },
        runs,
    )
    t = {name: statistics.median(values) for name, values in times.items()}
    speedup = t["jobs1"] / t["jobs2"]
    print(
        f"  (baseline: plain pdfium text extraction, 2 processes vs 1 on this machine:"
        f" {t['alone'] / t['together']:.2f}×; round by round"
        f" {spread(times['alone'], times['together'])})"
    )
    line(
        "2b 8×200 pages, --jobs 2 vs --jobs 1",
        f"{t['jobs1']:.2f}s / {t['jobs2']:.2f}s = {speedup:.2f}×",
        "≥ 1.8× faster",
        speedup / 1.8,
        speedup >= 1.8,
    )
    print(f"  (round by round: {spread(times['jobs1'], times['jobs2'])})")
    # The same scans through the library in this (already started) process: the readers'
    # own scaling, without the start-up that both whole-process runs pay.
    import planscan
    from planscan.scan import ScanOptions

    alternating: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in (1, 2):  # as `scan -q` does: counts, no snippets, no cache
            options = ScanOptions(jobs=jobs, evidence=False)
            started = time.perf_counter()
            planscan.scan([batch_dir], options=options)
            alternating[jobs].append(time.perf_counter() - started)
    in_process = {jobs: statistics.median(times) for jobs, times in alternating.items()}
    print(
        f"  (the same in process, planscan.scan(): {in_process[1]:.2f}s / {in_process[2]:.2f}s,"
        f" {in_process[1] / in_process[2]:.2f}×; start-up of the whole-process runs:"
        f" {t['jobs2'] - in_process[2]:.2f}s)"
    )

    # 3. Re-scan of 11 unchanged documents from the cache.
    rescan_dir = Path(tempfile.mkdtemp(prefix="planscan-bench-rescan-")) / "Eksempelby"
    rescan_dir.mkdir()
    for path in [*batch, big, files["docx"], small]:
        (rescan_dir / path.name).symlink_to(path)
    subprocess.run(
        [*PLANSCAN, "scan", str(rescan_dir), "-q"], env=env, stdout=subprocess.DEVNULL, check=False
    )
    whole = paired({"rescan": [*PLANSCAN, "scan", str(rescan_dir), "-q"]}, runs, env)["rescan"]
    line(
        "3a re-scan 11 unchanged documents",
        f"{whole * 1000:.0f} ms",
        "< 300 ms",
        whole / 0.3,
        whole < 0.3,
    )
    os.environ["PLANSCAN_CACHE_DIR"] = str(cache)

    # As `planscan scan` does without an evidence report: counts, no snippets.
    options = ScanOptions(cache_dir=cache, evidence=False)
    per_doc = median_of(lambda: planscan.scan([rescan_dir], options=options), runs) / 11
    line(
        "3b cached document, in process",
        f"{per_doc * 1000:.1f} ms/doc",
        "< 10 ms/doc",
        per_doc / 0.010,
        per_doc < 0.010,
    )

    # 4. Peak memory of a reader on the 600-page PDF.
    probe = (
        "import resource, planscan, sys; from planscan.scan import ScanOptions;"
        f"planscan.scan([{str(big)!r}], options=ScanOptions(jobs=1));"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    peak_mib = int(done.stdout.split()[-1]) / 1024
    line(
        "4 reader peak memory, 600 pages",
        f"{peak_mib:.0f} MiB",
        "≤ 100 MiB",
        peak_mib / 100,
        peak_mib <= 100,
    )

    # 5. Start-up: --help, and a 20-page scan.
    t = paired(
        {
            "help": [*PLANSCAN, "--help"],
            "small": [*PLANSCAN, "scan", str(small), "--no-cache", "-q"],
        },
        runs,
        env,
    )
    line(
        "5a planscan --help",
        f"{t['help'] * 1000:.0f} ms",
        "≤ 300 ms",
        t["help"] / 0.3,
        t["help"] <= 0.3,
    )
    line(
        "5b scan a 20-page plan",
        f"{t['small'] * 1000:.0f} ms",
        "≤ 300 ms",
        t["small"] / 0.3,
        t["small"] <= 0.3,
    )

    # 6. Tokenising and matching against extraction, in process, on the 600-page plan.
    from planscan.extract import extract_pages
    from planscan.match import count_terms, find_hits, index_document
    from planscan.normalize import normalize_text
    from planscan.runninglines import find_repeated_spans

    keywords = planscan.load_keywords()
    raw: list[str] = []
    extraction = median_of(lambda: raw.__setitem__(slice(None), extract_pages(big).pages), runs)
    pages = [normalize_text(p) for p in raw]
    normalising = median_of(lambda: [normalize_text(p) for p in raw], runs)
    headers = median_of(lambda: find_repeated_spans(raw, pages), runs)
    spans = find_repeated_spans(raw, pages)
    matching = median_of(lambda: count_terms(index_document(pages, spans), keywords), runs)
    share = matching / extraction
    line(
        "6 tokenise+match vs extraction (600 p.)",
        f"{matching * 1000:.0f} / {extraction * 1000:.0f} ms",
        "≤ 15 % of extraction",
        share / 0.15,
        share <= 0.15,
    )
    # 6b. The same with the judgement (issue 14): indicators found and passages judged, with
    # the OCR memory emptied first, as a reader meets its first plan.
    from planscan import match
    from planscan.analysis import analyse
    from planscan.models import ExtractedInfo, PlanRef

    def judged() -> None:
        match.forget_words()
        index = index_document(pages, spans)
        info = ExtractedInfo(len(pages), "pdfium")
        analyse(PlanRef("A", big), "", info, pages, "", keywords, evidence=False, index=index)

    judging = median_of(judged, runs)
    share = judging / extraction
    line(
        "6b tokenise+match+judge vs extraction (600 p.)",
        f"{judging * 1000:.0f} / {extraction * 1000:.0f} ms",
        "≤ 20 % of extraction",
        share / 0.20,
        share <= 0.20,
    )
    index = index_document(pages, spans)
    evidence = median_of(lambda: find_hits(index, keywords), runs)
    print(
        f"  (also per 600 pages: normalising {normalising * 1000:.0f} ms and running headers"
        f" {headers * 1000:.0f} ms, counted with extraction; every hit with its snippet, only"
        f" for --json/--html/--xlsx/--csv-hits/hits: {evidence * 1000:.0f} ms)"
    )
    print(
        f"  (this process: peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB)"
    )
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
