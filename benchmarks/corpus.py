# ruff: noqa: E501  (Norwegian sample sentences)
"""Deterministic benchmark plans: long Norwegian plan PDFs and a DOCX, built on demand.

Pages have a running header and footer, paragraphs with words hyphenated at line ends,
and budget tables, like the økonomiplaner and kunnskapsgrunnlag that run to hundreds of
pages. Used by bench.py and by the engine-equivalence test.
"""

from __future__ import annotations

import random
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from fpdf import FPDF

GENERATOR_VERSION = 2
LINE_CHARS = 92
LINES_PER_PAGE = 44

_SENTENCES = [
    "Kommunen skal sikre at vanskeligstilte på boligmarkedet får hjelp til å skaffe og beholde en egnet bolig.",
    "Husbankens virkemidler, som startlån og bostøtte, skal brukes aktivt for å hjelpe barnefamilier.",
    "Det boligsosiale arbeidet forankres i kommuneplanens samfunnsdel og i økonomiplanen.",
    "Befolkningsframskrivingene viser at demografien endres, med flere eldre og færre i yrkesaktiv alder.",
    "Nye boligområder skal ha universell utforming, og krav om UU gjelder for alle nye bygg.",
    "Integrering av flyktninger og bosetning i kommunale utleieboliger krever samarbeid på tvers.",
    "Nærhet til skole, barnehage og kollektivtransport er viktig når nye boliger planlegges.",
    "Normaliseringsprinsippet ligger til grunn for tjenester til personer med nedsatt funksjonsevne.",
    "Barnefattigdom skal motvirkes gjennom tiltak i skole, fritid og boligpolitikk.",
    "Boligmarkedet i sentrum preges av høye priser og få mindre utleieboliger.",
    "Driftsbudsjettet for helse og omsorg økes med tre prosent i planperioden.",
    "Investeringer i skolebygg og idrettsanlegg prioriteres i de første årene av perioden.",
    "Klimagassutslippene fra transport skal reduseres gjennom bedre gang- og sykkelveier.",
    "Næringslivet i regionen har behov for kompetent arbeidskraft og tilgjengelige tomter.",
    "Tjenesteområdene rapporterer tertialvis på måloppnåelse og økonomi.",
    "Vedlikeholdsetterslepet på kommunale bygg er beregnet til rundt førti millioner kroner.",
]


def _lines(rng: random.Random, count: int) -> list[str]:
    """Wrapped prose lines; some words are hyphenated across the line end."""
    lines: list[str] = []
    current = ""
    while len(lines) < count:
        for word in rng.choice(_SENTENCES).split():
            if len(current) + 1 + len(word) <= LINE_CHARS:
                current = f"{current} {word}".strip()
                continue
            room = LINE_CHARS - len(current) - 2
            if len(word) > 9 and room >= 4 and rng.random() < 0.5:
                cut = min(room, len(word) - 3)
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
            else:
                lines.append(current)
                current = word
    return lines[:count]


def _table(rng: random.Random) -> list[str]:
    rows = ["Tjenesteområde (kr 1000)      2024      2025      2026      2027"]
    for name in ("Oppvekst", "Helse og omsorg", "Teknisk drift", "Kultur", "Sentraladministrasjon"):
        values = "".join(f"{rng.randint(10_000, 400_000):>10,}".replace(",", " ") for _ in range(4))
        rows.append(f"{name:<28}{values}")
    return rows


def page_lines(seed: int, pages: int) -> list[list[str]]:
    rng = random.Random(seed)
    out = []
    for number in range(1, pages + 1):
        body = _lines(rng, LINES_PER_PAGE - 10)
        if number % 3 == 0:
            body = body[:20] + _table(rng) + body[20:26]
        out.append(
            ["Økonomiplan 2024–2027 for Eksempelby kommune", *body, f"Side {number} av {pages}"]
        )
    return out


# Real plans come from Word or InDesign with an embedded TrueType font subset; text in such
# a font costs every extractor more than the PDF core fonts do, and pdftotext more than
# pdfium. The corpus uses one where the system has it (Debian: fonts-dejavu-core).
TRUETYPE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def font_used() -> str:
    found = next((font for font in TRUETYPE_FONTS if font.exists()), None)
    return f"embedded TrueType ({found.name})" if found else "core font Helvetica (no DejaVu found)"


def write_pdf(path: Path, pages: int, seed: int) -> Path:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 1))
    pdf.set_auto_page_break(False)
    font = next((f for f in TRUETYPE_FONTS if f.exists()), None)
    if font is not None:
        pdf.add_font("Plan", fname=str(font))
        pdf.set_font("Plan", size=9)
    else:
        pdf.set_font("Helvetica", size=9)
    for lines in page_lines(seed, pages):
        pdf.add_page()
        for line in lines:
            text = line if font is not None else line.replace("–", "-")
            pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def write_docx(path: Path, pages: int, seed: int) -> Path:
    document = docx.Document()
    for number, lines in enumerate(page_lines(seed, pages)):
        for index, line in enumerate(lines[1:-1]):
            paragraph = document.add_paragraph()
            if number and index == 0:
                paragraph.add_run().add_break(WD_BREAK.PAGE)
            paragraph.add_run(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def build_corpus(root: Path) -> dict[str, Path]:
    """The benchmark corpus (built once per generator version)."""
    root = root / f"v{GENERATOR_VERSION}"
    files = {"big": root / "big" / "okonomiplan-600.pdf", "docx": root / "docx" / "plan-200.docx"}
    files |= {f"batch{i}": root / "batch" / f"plan-{i}.pdf" for i in range(8)}
    if not files["big"].exists():
        write_pdf(files["big"], 600, seed=600)
    if not files["docx"].exists():
        write_docx(files["docx"], 200, seed=200)
    for i in range(8):
        if not files[f"batch{i}"].exists():
            write_pdf(files[f"batch{i}"], 200, seed=i)
    return files
