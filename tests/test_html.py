"""The HTML report, as a person sees it in a real browser (headless Chromium)."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

import planscan
from planscan.report.html import CSP, SCRIPT, render_html
from planscan.review import apply_review
from tests import chromium
from tests.fixtures.generate import HOSTILE_IMG, HOSTILE_MUNICIPALITY, HOSTILE_SCRIPT

pytestmark = pytest.mark.slow  # a real browser

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "test-artifacts"  # screenshots and prints for a person to look at; gitignored

needs_chromium = pytest.mark.skipif(chromium.CHROMIUM is None, reason=chromium.MISSING)


@pytest.fixture(scope="module")
def reviewed(
    evidence_result: planscan.ScanResult, tmp_path_factory: pytest.TempPathFactory
) -> planscan.ScanResult:
    plan = next(d for d in evidence_result.documents if d.path.endswith("handlingsplan.pdf"))
    review = tmp_path_factory.mktemp("html-review") / "review.yaml"
    review.write_text(
        "reviews:\n  - municipality: Alfa\n    level: temaplan-bolig\n"
        f"    sha256: {plan.sha256}\n    status: yellow\n    by: Kari <b>Nordmann</b>\n"
        "    date: 2024-03-01\n"
        '    why: "Lite om vanskeligstilte </div><script>alert(4)</script>"\n',
        encoding="utf-8",
    )
    return apply_review(evidence_result, review)


def doc_id(result: planscan.ScanResult, name: str) -> str:
    return f"doc-{next(i for i, d in enumerate(result.documents) if d.path.endswith(name))}"


@pytest.fixture(scope="module")
def pages(
    reviewed: planscan.ScanResult,
    examples_result: planscan.ScanResult,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, object]:
    """Both reports written, opened in Chromium once each way, all at the same time."""
    if chromium.CHROMIUM is None:
        pytest.skip(chromium.MISSING)
    folder = tmp_path_factory.mktemp("html")
    hostile, examples = folder / "hostile.html", folder / "examples.html"
    hostile.write_text(render_html(reviewed), encoding="utf-8")
    examples.write_text(render_html(examples_result), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    # The first cell of the matrix that has a document: Fauske's samfunnsdel.
    first = doc_id(examples_result, "Fauske/plan-2016-vedtatt.docx")
    target = doc_id(reviewed, "handlingsplan.pdf")
    window = "--window-size=1600,1000"
    jobs = [
        chromium.Job(
            f"{hostile.as_uri()}#{target}",
            ("--dump-dom", f"--screenshot={ARTIFACTS / 'html-report-hostile.png'}", window),
        ),
        chromium.Job(
            f"{examples.as_uri()}#{first}",
            ("--dump-dom", f"--screenshot={ARTIFACTS / 'html-report.png'}", window),
        ),
        chromium.Job(
            hostile.as_uri(),
            ("--no-pdf-header-footer", f"--print-to-pdf={ARTIFACTS / 'html-report-print.pdf'}"),
        ),
    ]
    hostile_dom, examples_dom, *_ = chromium.run_all(jobs)
    return {
        "hostile": chromium.parse(hostile_dom),
        "examples": chromium.parse(examples_dom),
        "target": target,
        "first": first,
    }


def matrix_text(dom: chromium.Element) -> list[list[str]]:
    table = next(t for t in dom.iter("table") if "matrix" in t.classes)
    return [
        [cell.text().strip() for cell in row.iter() if cell.tag in ("th", "td")]
        for row in table.iter("tr")
    ]


@needs_chromium
def test_a_person_sees_the_matrix_as_in_the_terminal(
    pages: dict[str, chromium.Element], examples_result: planscan.ScanResult
) -> None:
    rows = matrix_text(pages["examples"])  # type: ignore[arg-type]
    assert rows[0] == ["Plan level", "Fauske", "Sortland", "Vefsn", "Vågan"]
    labels = {"green": "● green", "yellow": "◐ yellow", "red": "○ red", "missing": "x"}
    for row, level in zip(rows[1:], examples_result.keywords.levels, strict=True):
        expected = [
            labels[examples_result.cell(m, level.id).status.value]
            for m in examples_result.municipalities
        ]
        assert row == [level.label, *expected]


@needs_chromium
def test_the_cell_link_opens_that_documents_evidence_and_only_that(
    pages: dict[str, object],
) -> None:
    dom = pages["examples"]
    assert isinstance(dom, chromium.Element)
    details = list(dom.iter("details"))
    assert len(details) == 29
    opened = [d.attrs["id"] for d in details if "open" in d.attrs]
    assert opened == [pages["first"]]
    current = [a for a in dom.iter("a") if "current" in a.classes]
    assert [a.attrs["href"] for a in current] == [f"#{pages['first']}"]
    evidence = next(d for d in details if "open" in d.attrs)
    text = " ".join(evidence.text().split())
    assert "Fauske · Kommuneplan – samfunnsdel · plan-2016-vedtatt.docx" in text
    assert "Red: little housing-social content: no housing-social passage." in text
    assert "s. 4Legge til rette for integrering" in text and "(general)" in text
    assert "Search word (the report's method)" in text


@needs_chromium
def test_document_text_stays_text(pages: dict[str, object]) -> None:
    dom = pages["hostile"]
    assert isinstance(dom, chromium.Element)
    assert [e.tag for e in dom.iter("img")] == []
    scripts = list(dom.iter("script"))
    assert len(scripts) == 1 and scripts[0].text() == SCRIPT
    assert next(dom.iter("title")).text() == "Planstatus – planscan"
    rows = matrix_text(dom)
    assert rows[0] == ["Plan level", HOSTILE_MUNICIPALITY, "Alfa"]
    assert ["Temaplan bolig", "x", "◐ yellow ✎"] in rows
    opened = next(d for d in dom.iter("details") if "open" in d.attrs)
    assert opened.attrs["id"] == pages["target"]
    text = opened.text()
    assert f"Husbanken {HOSTILE_SCRIPT} bidrar." in text
    assert f"{HOSTILE_IMG} boligsosialt arbeid" in text
    assert "Kari <b>Nordmann</b>" in text
    assert "Lite om vanskeligstilte </div><script>alert(4)</script>" in text
    marks = [m.text() for m in opened.iter("mark")]
    assert marks.count("Husbanken") == 4 and "vanskeIigstilte" in marks
    assert "running header/footer: listed once, not counted" in text


@needs_chromium
def test_printing_shows_every_documents_evidence(pages: dict[str, object]) -> None:
    with pdfplumber.open(ARTIFACTS / "html-report-print.pdf") as pdf:
        printed = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    # No document is open before printing; the report opens them all to print.
    assert "Et boligsosialt arbeid for vanskeligstilte." in printed
    assert "Husbanken og kommunen samarbeider." in printed
    assert "Nye boliger og næringsliv." in printed


@needs_chromium
def test_screenshots_are_left_for_a_person(pages: dict[str, object]) -> None:
    for name in ("html-report.png", "html-report-hostile.png"):
        data = (ARTIFACTS / name).read_bytes()
        assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000


def test_no_network_no_external_assets_one_fixed_script(
    reviewed: planscan.ScanResult, examples_result: planscan.ScanResult
) -> None:
    hostile, examples = render_html(reviewed), render_html(examples_result)
    for page in (hostile, examples):
        assert f'content="{CSP.replace(chr(39), "&#x27;")}"' in page
        assert "default-src 'none'" in CSP
        assert re.findall(r"<script\b[^>]*>", page) == ["<script>"]
        assert page.count(SCRIPT) == 1
        assert not re.search(r"<[^>]*\s(src|href)=\"(?!#)", page)  # links only within the page
        for external in ("<link", "@import", "url(", "http://", "https://"):
            assert external not in page
    assert "<img" not in hostile and "alert(1)</script>" not in hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile


def test_document_urls_link_only_to_web_pages(evidence_tree: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "plans.yaml"
    plan = evidence_tree / "Alfa" / "kommuneplanens-samfunnsdel.docx"
    manifest.write_text(
        "plans:\n"
        f"  - {{municipality: Alfa, level: samfunnsdel, path: '{plan}',"
        " url: 'javascript:alert(5)'}\n"
        f"  - {{municipality: Beta, level: samfunnsdel, path: '{plan}',"
        " url: 'https://example.org/a?b=1&c=\"'}\n",
        encoding="utf-8",
    )
    page = render_html(planscan.scan(manifest=manifest))
    assert 'href="javascript' not in page and "<dd>javascript:alert(5)</dd>" in page
    assert '<a href="https://example.org/a?b=1&amp;c=&quot;" rel="noreferrer noopener">' in page
