"""Plans published as web pages (extract/html.py): only the plan's own text counts, and its
sections take the place of pages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import planscan
from planscan import KeywordSet, Status
from planscan.cli import app
from planscan.documentjson import document_from_dict
from planscan.errors import DocumentError, ExitCode
from planscan.extract import extract_pages
from planscan.extract.html import make_bundle, read_sections
from planscan.models import Limits, PlanRef, ScanOptions
from planscan.report.hitscsv import render_hits_csv
from planscan.report.html import render_html
from planscan.report.xlsx import render_xlsx
from planscan.resultfile import result_to_dict
from tests.fixtures.web import (
    PLAN_LIST,
    plan_sections,
    plan_text_pdf,
    section_html,
    soft_404_page,
    web_page,
)

TITLE = "Boligsosial handlingsplan 2024-2028"


def scan_one(path: Path, keywords: KeywordSet) -> planscan.DocumentResult:
    return planscan.scan_document(PlanRef("X", path, "temaplan-bolig"), keywords)


def test_a_web_plan_counts_what_the_same_text_as_a_pdf_counts(
    tmp_path: Path, keywords: KeywordSet
) -> None:
    sections = plan_sections(12)
    page = tmp_path / "plan.html"
    page.write_bytes(web_page(TITLE, sections))  # menus, cookie banner, plan list, footer
    pdf = plan_text_pdf(tmp_path / "plan.pdf", TITLE, sections)
    web, paper = scan_one(page, keywords), scan_one(pdf, keywords)
    assert web.status is not Status.ERROR and web.engine == "lxml-html"
    assert dict(web.counts) == dict(paper.counts) and sum(web.counts.values()) > 50
    assert web.status is paper.status
    assert web.unit == "section" and web.pages == 13  # the title, then 12 chapters


def test_navigation_contributes_nothing(tmp_path: Path, keywords: KeywordSet) -> None:
    heavy, bare = tmp_path / "heavy.html", tmp_path / "bare.htm"
    sections = plan_sections(6)
    heavy.write_bytes(web_page(TITLE, sections))
    bare.write_bytes(web_page(TITLE, sections, heavy=False))
    text = "\n".join(extract_pages(heavy).pages)
    assert text == "\n".join(extract_pages(bare).pages)
    for boilerplate in ("informasjonskapsler", "Relatert", "Rådhusgata", "Søk", "Forsiden"):
        assert boilerplate not in text
    assert dict(scan_one(heavy, keywords).counts) == dict(scan_one(bare, keywords).counts)


def test_two_web_plans_sharing_a_plan_list_do_not_share_its_hits(
    tmp_path: Path, keywords: KeywordSet
) -> None:
    # Drammen starts every plan's page with the list of all its plans, inside the content.
    school = [("Skolestruktur", ["Skolene skal samles i tre kretser. " * 30])]
    health = [("Folkehelse", ["Fysisk aktivitet for alle aldre i nærmiljøet. " * 30])]
    first, second = tmp_path / "skole.html", tmp_path / "helse.html"
    first.write_bytes(web_page("Skoleplan", school))
    second.write_bytes(web_page("Folkehelseplan", health))
    for path in (first, second):
        doc = scan_one(path, keywords)
        assert doc.status is Status.RED, doc.message
        assert sum(doc.counts.values()) == 0, [h.match for h in doc.hits]
    assert all(name not in "\n".join(extract_pages(first).pages) for name in PLAN_LIST)


def test_sections_are_headings_with_their_anchors(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_bytes(web_page(TITLE, plan_sections(3)))
    text = extract_pages(page)
    assert text.page_labels == (TITLE, "1. Kapittel 1", "2. Kapittel 2", "3. Kapittel 3")
    assert text.section_urls == ("", "#kap-1", "#kap-2", "#kap-3")
    assert text.pages[1].startswith("1. Kapittel 1\nKommunen har mange utleieboliger")


def test_every_output_names_the_section_where_a_pdf_names_the_page(
    tmp_path: Path, keywords: KeywordSet
) -> None:
    folder = tmp_path / "Alfa"
    folder.mkdir()
    sections = [
        ("Bolig", ["Innledning til planen. " * 40]),
        ("3.1 Bosetting", ["Husbanken gir startlån."]),
    ]
    body = section_html(sections).replace('id="kap-1"', "")  # a heading without an anchor
    page = web_page(TITLE, [], heavy=False).replace(b"</main>", body.encode() + b"</main>")
    (folder / "boligsosial-handlingsplan.html").write_bytes(page)
    result = planscan.scan([tmp_path], options=ScanOptions(jobs=1))
    doc = result.documents[0]
    hit = next(h for h in doc.hits if h.term == "Husbanken")
    assert (hit.page, hit.page_label, doc.section_url(hit.page)) == (3, "3.1 Bosetting", "#kap-2")
    # JSON, both ways.
    data = json.loads(json.dumps(result_to_dict(result)))
    item = data["documents"][0]
    assert item["unit"] == "section" and item["section_urls"] == ["", "", "#kap-2"]
    found = next(h for h in item["hits"] if h["term"] == "Husbanken")
    assert (found["page"], found["page_label"], found["section_url"]) == (
        3,
        "3.1 Bosetting",
        "#kap-2",
    )
    assert document_from_dict(item) == doc
    # Hits CSV.
    rows = list(csv.DictReader(io.StringIO(render_hits_csv(result)[1:])))
    row = next(r for r in rows if r["term"] == "Husbanken")
    assert (row["page"], row["page_label"], row["section_url"]) == ("3", "3.1 Bosetting", "#kap-2")
    # HTML report.
    assert "avsn. 3 «3.1 Bosetting» <small>#kap-2</small>" in render_html(result)
    # Excel: the Hits sheet, page label and section URL.
    book = load_workbook(io.BytesIO(render_xlsx(result)))
    sheet = book.worksheets[2]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[3] == "Husbanken")
    assert (row[header.index("Page label")], row[header.index("Section URL")]) == (
        "3.1 Bosetting",
        "#kap-2",
    )
    # planscan hits and explain.
    path = str(folder / "boligsosial-handlingsplan.html")
    out = CliRunner().invoke(app, ["hits", path])
    assert out.exit_code == ExitCode.OK, out.output
    assert "avsn. 3" in out.stdout and "in «3.1 Bosetting» (#kap-2)" in out.stdout
    out = CliRunner().invoke(app, ["explain", path])
    assert out.exit_code == ExitCode.OK, out.output
    assert "avsn. 3" in out.stdout and "in «3.1 Bosetting»" in out.stdout
    # In Norwegian: "i" the section.
    for command in ("hits", "explain"):
        out = CliRunner().invoke(app, [command, path, "--lang", "nn"])
        assert "i «3.1 Bosetting»" in out.stdout and "in «" not in out.stdout


def test_section_headings_are_escaped_in_the_html_report(
    tmp_path: Path, keywords: KeywordSet
) -> None:
    hostile = '<img src=x onerror="alert(1)">Bosetting'
    body = (
        f"<h2 id='a\"b'>{hostile.replace('<', '&lt;')}</h2><p>{'Husbanken gir startlån. ' * 40}</p>"
    )
    page = tmp_path / "Alfa" / "plan.html"
    page.parent.mkdir()
    page.write_text(f"<html><body><main>{body}</main></body></html>", encoding="utf-8")
    report = render_html(planscan.scan([tmp_path], options=ScanOptions(jobs=1)))
    assert "<img src=x" not in report and "&lt;img src=x onerror=" in report


def test_a_page_that_is_not_a_plan_is_said_to_be_so(tmp_path: Path, keywords: KeywordSet) -> None:
    page = tmp_path / "plan.html"
    page.write_bytes(soft_404_page())
    doc = scan_one(page, keywords)
    assert (doc.status, doc.reason) == (Status.ERROR, "not-a-plan")
    assert doc.message is not None and doc.message.startswith("the web page has no plan text")
    # Saved under a PDF's name, it is the server's page instead of the document.
    renamed = page.rename(tmp_path / "plan.pdf")
    assert scan_one(renamed, keywords).reason == "not-pdf"
    # A bare list of links is no plan either.
    links = "".join(
        f'<li><a href="/p/{i}">Boligsosial handlingsplan {i}</a></li>' for i in range(99)
    )
    page.write_text(f"<html><body><main><ul>{links}</ul></main></body></html>", encoding="utf-8")
    assert scan_one(page, keywords).reason == "not-a-plan"


def test_web_pages_are_read_within_limits() -> None:
    plan = web_page(TITLE, plan_sections(3))
    with pytest.raises(DocumentError, match="over the 1 MiB limit for web pages"):
        read_sections(plan + b" " * (1024 * 1024), Limits(html_max_bytes=1024 * 1024))
    with pytest.raises(DocumentError, match="more than 50 elements"):
        read_sections(plan, Limits(html_max_nodes=50))
    deep = b"<html><body><main>" + b"<div>" * 120 + b"Husbanken " * 200 + b"</main></body></html>"
    with pytest.raises(DocumentError, match="deeper than 100 levels") as caught:
        read_sections(deep, Limits(html_max_depth=100))
    assert caught.value.reason == "too-large"


def test_the_encoding_is_read_from_the_page_or_guessed() -> None:
    text = "Vanskeligstilte på boligmarkedet får hjelp fra Husbanken. " * 20
    latin = f"<html><body><main><p>{text}</p></main></body></html>".encode("cp1252")
    declared = b'<html><head><meta charset="windows-1252"></head>' + latin[6:]
    for data in (latin, declared):
        assert "får hjelp" in read_sections(data, Limits())[0].text


def test_a_bundle_keeps_each_page_url_and_needs_no_cleaning() -> None:
    bundle = make_bundle(
        TITLE,
        [
            ("https://example.test/plan/", section_html(plan_sections(2))),
            ("https://example.test/plan/del-2", section_html(plan_sections(1, seed=5), 3)),
        ],
    )
    sections = read_sections(bundle, Limits())
    assert [s.url for s in sections] == [
        "https://example.test/plan/#kap-1",
        "https://example.test/plan/#kap-2",
        "https://example.test/plan/del-2#kap-3",
    ]
