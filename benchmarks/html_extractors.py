"""Which main-content extractor reads web plans best: planscan's rules (extract/html.py),
trafilatura and readability-lxml, on the web fixtures (issue 16).

    python benchmarks/html_extractors.py

The two libraries are not planscan dependencies: install them beside it to compare
(`pip install trafilatura readability-lxml`); a missing one is left out. For each page it
prints what share of the plan's sentences each extractor keeps, how many pieces of
boilerplate (menus, cookie banner, the list of every plan, related content, footer) leak
into its text, how many section headings it keeps with their anchor (#id), and its time.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.fixtures.web import PLAN_LIST, plan_sections, web_page  # noqa: E402

from planscan.extract.html import read_sections  # noqa: E402
from planscan.models import Limits  # noqa: E402

BOILERPLATE = [
    *PLAN_LIST,
    "informasjonskapsler",
    "Relatert innhold",
    "Rådhusgata",
    "Forsiden",
    "Søk etter Husbanken",
    "Bolig og vanskeligstilte",
]
Extractor = Callable[[bytes], tuple[str, list[str]]]  # page -> (text, anchors kept)


def planscan_rules(page: bytes) -> tuple[str, list[str]]:
    sections = read_sections(page, Limits())
    return "\n".join(s.text for s in sections), [s.url for s in sections if s.url]


def trafilatura_extract(page: bytes) -> tuple[str, list[str]]:
    import trafilatura

    xml = trafilatura.extract(
        page.decode("utf-8"),
        output_format="xml",
        include_tables=True,
        include_links=False,
        favor_recall=True,
    )
    text = re.sub(r"<[^>]+>", "\n", xml or "")
    return text, re.findall(r'<head[^>]*\bid="([^"]+)"', xml or "")


def readability_extract(page: bytes) -> tuple[str, list[str]]:
    import lxml.html
    from readability import Document

    summary = Document(page.decode("utf-8")).summary(html_partial=True)
    tree = lxml.html.fromstring(summary)
    anchors = [h.get("id") for h in tree.xpath("//h1|//h2|//h3|//h4") if h.get("id")]
    return tree.text_content(), anchors


def available() -> dict[str, Extractor]:
    extractors: dict[str, Extractor] = {"planscan rules (lxml)": planscan_rules}
    try:
        import trafilatura  # noqa: F401

        extractors["trafilatura"] = trafilatura_extract
    except ImportError:
        print("trafilatura not installed: left out")
    try:
        import readability  # noqa: F401

        extractors["readability-lxml"] = readability_extract
    except ImportError:
        print("readability-lxml not installed: left out")
    return extractors


def main() -> None:
    pages = {
        "12 sections, heavy boilerplate": (plan_sections(12), True, "main"),
        "200 sections, heavy boilerplate": (plan_sections(200), True, "main"),
        "3 sections, no boilerplate": (plan_sections(3), False, "main"),
        "12 sections, no <main> element": (plan_sections(12), True, ""),
    }
    extractors = available()
    print(f"{'page':34} {'extractor':22} {'plan kept':>9} {'leaks':>5} {'anchors':>8} {'ms':>7}")
    for name, (sections, heavy, main_tag) in pages.items():
        page = web_page("Handlingsplan 2024-2028", sections, heavy=heavy, main=main_tag)
        sentences = [s for _, paragraphs in sections for p in paragraphs for s in p.split(". ")]
        for label, extract in extractors.items():
            started = time.perf_counter()
            text, anchors = extract(page)
            elapsed = (time.perf_counter() - started) * 1000
            flat = " ".join(text.split())
            kept = sum(" ".join(s.split()) in flat for s in sentences) / len(sentences)
            leaked = [b for b in BOILERPLATE if b in flat and b not in " ".join(sentences)]
            leaks = len(leaked)
            print(
                f"{name:34} {label:22} {kept:9.0%} {leaks:5d}"
                f" {len(anchors):>4}/{len(sections):<3} {elapsed:7.1f}"
                + (f"  leaked: {', '.join(leaked)}" if leaked else "")
            )


if __name__ == "__main__":
    main()
