"""Accuracy on real plans: planscan's colours against a human auditor's labels.

Reads the Buskerud corpus (pdftotext output of 25 real municipal plans, never committed) from
../shared/corpus/ beside the repository, renders each text page by page into a PDF (fpdf2) and
a DOCX (python-docx), scans both through planscan.scan, and prints:

- for each of the 14 labelled documents the computed colour against the label, the agreement
  (exact and within one step) and a confusion table, for PDF and DOCX;
- the colours of the 11 unlabelled documents (unseen plans: look, do not tune);
- for every term, the distinct words it matched in all 25 documents, with counts, so a
  reviewer can spot false positives and misses.

The converter's header before the first page marker is stripped (it names the document type).
fpdf2's core fonts hold only cp1252: characters outside it are mapped (ligatures to their
letters, bullets to "•", minus to "-") or dropped; the DOCX keeps every character.

    python benchmarks/accuracy.py [--corpus DIR] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from fpdf import FPDF

import planscan
from planscan.models import DocumentResult, Status

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
ORDER = (Status.RED, Status.YELLOW, Status.GREEN)
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)
_PAGE_MARKER = re.compile(r"<!-- (?:side|seksjon) \d+ -->")
_LABEL_ROW = re.compile(r"^\| \d+ \| (\S+\.md) \|.*\*\*(GREEN|YELLOW|RED)\*\*")

# Characters outside cp1252 that have a faithful cp1252 form; anything else is dropped.
_CP1252_MAP = {"\uf0b7": "•", "▪": "•", "❖": "•", "➢": "•", "\uf0d8": "•", "−": "-", "→": "->"}


@dataclass(frozen=True)
class Plan:
    name: str
    municipality: str
    pages: tuple[str, ...]
    label: Status | None


def read_labels(corpus: Path) -> dict[str, Status]:
    labels = {}
    for line in (corpus / "buskerud-labels.md").read_text(encoding="utf-8").splitlines():
        match = _LABEL_ROW.match(line)
        if match:
            labels[match.group(1)] = Status(match.group(2).lower())
    return labels


def read_plans(corpus: Path) -> list[Plan]:
    labels = read_labels(corpus)
    plans = []
    for path in sorted((corpus / "buskerud").glob("3*.md")):
        # Everything before the first page marker is the converter's header: it names the
        # document type ("Dokumenttype: bolig") and would leak the label.
        pages = tuple(_PAGE_MARKER.split(path.read_text(encoding="utf-8"))[1:])
        municipality = path.stem.split("_")[1]
        plans.append(Plan(path.name, municipality, pages, labels.get(path.name)))
    return plans


def to_cp1252(text: str, dropped: Counter[str]) -> str:
    out = []
    for char in text:
        try:
            char.encode("cp1252")
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        mapped = _CP1252_MAP.get(char) or unicodedata.normalize("NFKC", char)
        try:
            mapped.encode("cp1252")
            out.append(mapped)
        except UnicodeEncodeError:
            dropped[char] += 1
    return "".join(out)


def write_pdf(path: Path, pages: Sequence[str], dropped: Counter[str]) -> None:
    """One PDF page per source page; the font shrinks until the page's text fits."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=12)
    usable = pdf.h - 24
    for page in pages:
        text = to_cp1252(page.strip("\n"), dropped)
        pdf.add_page()
        size = 9.0
        while True:
            pdf.set_font("Helvetica", size=size)
            height = size * 0.45
            lines = pdf.multi_cell(0, height, text, dry_run=True, output="LINES")
            if len(lines) * height <= usable or size <= 4:
                break
            size -= 0.5
        pdf.multi_cell(0, height, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def write_docx(path: Path, pages: Sequence[str]) -> None:
    """One paragraph per source line; a page break between source pages."""
    document = docx.Document()
    document.core_properties.created = FIXED_DATE
    document.styles["Normal"].font.size = Pt(9)
    for number, page in enumerate(pages):
        for line_no, line in enumerate(page.strip("\n").split("\n")):
            paragraph = document.add_paragraph()
            if number and line_no == 0:
                paragraph.add_run().add_break(WD_BREAK.PAGE)
            paragraph.add_run(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def scan_format(root: Path, plans: Sequence[Plan], suffix: str) -> dict[str, DocumentResult]:
    files = [
        root / suffix / plan.municipality / f"{Path(plan.name).stem}.{suffix}" for plan in plans
    ]
    result = planscan.scan(files)
    by_path = {Path(doc.path): doc for doc in result.documents}
    return {plan.name: by_path[file] for plan, file in zip(plans, files, strict=True)}


def steps(a: Status, b: Status) -> int:
    return abs(ORDER.index(a) - ORDER.index(b))


def print_agreement(title: str, pairs: Sequence[tuple[Status, Status]]) -> None:
    exact = sum(1 for label, got in pairs if label is got)
    within = sum(1 for label, got in pairs if steps(label, got) <= 1)
    n = len(pairs)
    print(f"{title}: exact {exact}/{n} ({exact / n:.0%}), within one step {within}/{n}")
    table = Counter(pairs)
    print("  " + "label \\ computed".ljust(18) + "".join(f"{s.value:>8}" for s in ORDER))
    for label in reversed(ORDER):
        print(f"  {label.value:<18}" + "".join(f"{table[(label, got)]:>8}" for got in ORDER))


def short(name: str) -> str:
    return name.removesuffix(".md")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--keep", type=Path, help="write the rendered PDF/DOCX files here")
    args = parser.parse_args(argv)
    if not (args.corpus / "buskerud-labels.md").is_file():
        print(f"accuracy: no corpus at {args.corpus}; nothing to measure", file=sys.stderr)
        return 0
    started = time.monotonic()
    plans = read_plans(args.corpus)
    dropped: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        for plan in plans:
            stem = Path(plan.name).stem
            write_pdf(root / "pdf" / plan.municipality / f"{stem}.pdf", plan.pages, dropped)
            write_docx(root / "docx" / plan.municipality / f"{stem}.docx", plan.pages)
        rendered = time.monotonic()
        results = {suffix: scan_format(root, plans, suffix) for suffix in ("pdf", "docx")}
    elapsed = time.monotonic() - started

    print(f"planscan {planscan.__version__} accuracy on the Buskerud corpus, {date.today()}")
    print(
        f"{len(plans)} real plans rendered to PDF and DOCX in {rendered - started:.0f} s,"
        f" scanned in {elapsed - (rendered - started):.0f} s"
    )
    if dropped:
        listed = ", ".join(f"U+{ord(c):04X} ×{n}" for c, n in dropped.most_common())
        print(f"PDF only: characters outside cp1252 dropped: {listed}")
    print()

    labelled = [p for p in plans if p.label is not None]
    unseen = [p for p in plans if p.label is None]
    width = max(len(short(p.name)) for p in plans)
    print(f"Labelled documents ({len(labelled)})")
    print(f"  {'document':<{width}}  {'label':<7} {'pdf':<7} {'docx':<7} {'score':>11}  agree")
    for plan in labelled:
        assert plan.label is not None
        pdf, dx = results["pdf"][plan.name], results["docx"][plan.name]
        mark = {0: "yes", 1: "one off"}.get(steps(plan.label, pdf.status), "NO")
        print(
            f"  {short(plan.name):<{width}}  {plan.label.value:<7} {pdf.status.value:<7}"
            f" {dx.status.value:<7} {pdf.score:>5.1f}/{dx.score:<5.1f}  {mark}"
        )
    print()
    for suffix in ("pdf", "docx"):
        pairs = [(p.label, results[suffix][p.name].status) for p in labelled if p.label]
        print_agreement(suffix.upper(), pairs)
    print()
    print(f"Unlabelled documents ({len(unseen)}): unseen plans, not used for tuning")
    print(f"  {'document':<{width}}  {'pdf':<7} {'docx':<7} {'score':>11}")
    for plan in unseen:
        pdf, dx = results["pdf"][plan.name], results["docx"][plan.name]
        row = (
            f"  {short(plan.name):<{width}}  {pdf.status.value:<7} {dx.status.value:<7}"
            f" {pdf.score:>5.1f}/{dx.score:<5.1f}"
        )
        print(row.rstrip())
    print()
    pdf_words = matched_words(results["pdf"].values())
    print_matched_words(pdf_words, f"PDF, all {len(plans)} documents")
    docx_words = matched_words(results["docx"].values())
    differences = [
        f"{term}: {word} pdf {pdf_words[0][term][word]} docx {docx_words[0][term][word]}"
        for term in pdf_words[0].keys() | docx_words[0].keys()
        for word in pdf_words[0][term].keys() | docx_words[0][term].keys()
        if pdf_words[0][term][word] != docx_words[0][term][word]
    ]
    print()
    print("DOCX matched " + ("the same words." if not differences else "differently:"))
    for line in sorted(differences):
        print(f"  {line}")
    return 0


Words = dict[str, Counter[str]]


def matched_words(
    docs: Iterable[DocumentResult],
) -> tuple[Words, Words, dict[tuple[str, str], str]]:
    """Per term: counted words, words in running headers, and how inexact words matched."""
    words: Words = defaultdict(Counter)
    repeated: Words = defaultdict(Counter)
    kinds: dict[tuple[str, str], str] = {}
    for doc in docs:
        for hit in doc.hits:
            (repeated if hit.repeated else words)[hit.term][hit.match] += 1
            if hit.kind.value != "exact":
                kinds[(hit.term, hit.match)] = hit.kind.value
    return words, repeated, kinds


def print_matched_words(
    found_words: tuple[Words, Words, dict[tuple[str, str], str]], title: str
) -> None:
    words, repeated, kinds = found_words
    print(f"Matched words per term ({title}; [ocr]/[folded] mark inexact matches)")
    for term in planscan.load_keywords().terms:
        found = words[term.key]
        total = sum(found.values())
        listed = ", ".join(
            f"{w}{' [' + kinds[(term.key, w)] + ']' if (term.key, w) in kinds else ''} {n}"
            for w, n in sorted(found.items(), key=lambda x: (-x[1], x[0].casefold()))
        )
        print(f"- {term.key} ({total} hits, {len(found)} words): {listed}")
        if repeated[term.key]:
            reps = ", ".join(f"{w} {n}" for w, n in repeated[term.key].most_common())
            print(f"    in running headers/footers (listed once per document, not counted): {reps}")


if __name__ == "__main__":
    sys.exit(main())
