"""Web plans fetched from a server on 127.0.0.1: one page, a plan over several pages under
one path, Framsikt publications, soft 404s, loops and a page too large to read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import planscan
from planscan import KeywordSet
from planscan.analysis import analyse_pages
from planscan.extract.html import read_sections
from planscan.fetch import fetch_urls
from planscan.models import (
    FetchOutcome,
    FetchRecord,
    FetchSettings,
    Limits,
    PlanRef,
    ScanOptions,
)
from planscan.store import Store
from tests.fixtures.server import Site, serve
from tests.fixtures.web import (
    FILLER,
    framsikt_files,
    markdown_plan_text,
    multi_page_site,
    plan_sections,
    plan_text_pdf,
    sections_from_markdown,
    soft_404_page,
    web_page,
)

# No pause between requests: the server is ours.
QUICK = FetchSettings(connect_timeout=2, read_timeout=2, deadline=20, retries=0, web_delay=0)
TITLE = "Temaplan bolig 2024-2036"
SINGLE = plan_sections(10)
CHAPTERS = plan_sections(24, seed=3)
PLAN = plan_sections(16, seed=7)
BUDGET = plan_sections(9, seed=11)
ROLLAG = Path(__file__).resolve().parents[2] / (
    "shared/corpus/buskerud/3336_rollag_samfunnsdel_2023-2033.md"
)


def site_pages() -> dict[str, bytes]:
    files = {
        "/planer/bolig/": web_page(TITLE, SINGLE),
        "/soft404/": soft_404_page(),
        "/robots.txt": b"User-agent: *\nDisallow: /skjult/\nDisallow: /plan/stengt/kapittel-2\n",
        "/plan/stor/": b"<!DOCTYPE html><html><body><main>"
        + b"<p>Husbanken og bolig.</p>" * 2_000_000
        + b"</main></body></html>",
    }
    files.update(multi_page_site("/plan/bolig/", TITLE, CHAPTERS, per_page=6))
    files.update(multi_page_site("/plan/stengt/", TITLE, CHAPTERS[:12], per_page=6))
    files.update(framsikt_files("/plan/rollag/plan-9bcf-42065/", TITLE, PLAN))
    files.update(framsikt_files("/2026/malvik/bm-2026-hop_2026_2029/", "Handlingsprogram", BUDGET))
    files.update(framsikt_files("/plan/brutt/plan-1/", TITLE, PLAN[:2]))
    del files[
        "/plan/brutt/plan-1/content/html/summary/11111111-1111-1111-1111-111111111111/content.html"
    ]
    files.update(framsikt_files("/plan/rar/plan-2/", TITLE, PLAN[:2]))
    for name in list(files):
        if name.startswith("/plan/rar/plan-2/content/text/"):
            files[name] = b'{"text": "no description here"}'
    if ROLLAG.is_file():
        title, sections, levels = sections_from_markdown(ROLLAG.read_text(encoding="utf-8"))
        files.update(framsikt_files("/plan/rollag-ekte/plan-1/", title, sections, levels))
    return files


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serve(site_pages()) as running:
        yield running


def fetch_one(site: Site, store: Path, path: str, settings: FetchSettings = QUICK) -> FetchRecord:
    return fetch_urls([site.url(path)], store=store, settings=settings).records[0]


def read_stored(record: FetchRecord, store: Path, keywords: KeywordSet) -> planscan.DocumentResult:
    stored = Store(store).stored_file(record)
    assert stored is not None and stored.suffix == ".html"
    ref = PlanRef("X", stored, "temaplan-bolig", url=record.url, stored=True)
    return planscan.scan_document(ref, keywords, ScanOptions(jobs=1))


def pdf_counts(
    tmp_path: Path, title: str, sections: object, keywords: KeywordSet
) -> dict[str, int]:
    pdf = plan_text_pdf(tmp_path / "same.pdf", title, sections)  # type: ignore[arg-type]
    return dict(planscan.scan_document(PlanRef("X", pdf), keywords, ScanOptions(jobs=1)).counts)


def test_a_web_plan_is_fetched_and_counts_as_the_same_text_in_a_pdf(
    site: Site, tmp_path: Path, keywords: KeywordSet
) -> None:
    record = fetch_one(site, tmp_path / "store", "/planer/bolig/")
    assert (record.outcome, record.kind, record.message) == (FetchOutcome.DOWNLOADED, "html", None)
    doc = read_stored(record, tmp_path / "store", keywords)
    assert dict(doc.counts) == pdf_counts(tmp_path, TITLE, SINGLE, keywords)
    hit = next(h for h in doc.hits if h.page > 2)
    assert doc.section_url(hit.page) == site.url(f"/planer/bolig/#kap-{hit.page - 1}")
    assert hit.page_label == f"{hit.page - 1}. Kapittel {hit.page - 1}"
    # The store keeps the plan's text only: the menus are not in it.
    stored = Store(tmp_path / "store").stored_file(record)
    assert stored is not None and b"informasjonskapsler" not in stored.read_bytes()


def test_a_refetch_of_an_unchanged_web_plan_stores_the_same_file(
    site: Site, tmp_path: Path
) -> None:
    first = fetch_one(site, tmp_path / "store", "/plan/bolig/")
    again = fetch_one(site, tmp_path / "store", "/plan/bolig/")
    assert again.sha256 == first.sha256 and again.outcome is FetchOutcome.DOWNLOADED
    objects = list((tmp_path / "store" / "objects").rglob("*.html"))
    assert len(objects) == 1


def test_a_plan_over_several_pages_is_read_as_one_document(
    site: Site, tmp_path: Path, keywords: KeywordSet
) -> None:
    before = dict(site.requests)
    record = fetch_one(site, tmp_path / "store", "/plan/bolig/")
    asked = {path: n - before.get(path, 0) for path, n in site.requests.items()}
    chapters = [f"/plan/bolig/kapittel-{n}" for n in range(1, 5)]
    # Each page once, though every page links to the start, to itself and to the others.
    assert [asked.get(path) for path in chapters] == [1, 1, 1, 1]
    assert not any(path.startswith(("/annet/", "/planer/")) for path, n in asked.items() if n)
    doc = read_stored(record, tmp_path / "store", keywords)
    # The start page's introduction, then each page's own title and its chapters, in order.
    sections: list[tuple[str, list[str]]] = [("Innledning", [FILLER, FILLER])]
    for n in range(4):
        sections += [(f"{TITLE}: del {n + 1}", []), *CHAPTERS[n * 6 : n * 6 + 6]]
    assert dict(doc.counts) == pdf_counts(tmp_path, TITLE, sections, keywords)
    stored = Store(tmp_path / "store").stored_file(record)
    assert stored is not None
    headings = [s.heading for s in read_sections(stored.read_bytes(), Limits())]
    assert headings == [TITLE, *(heading for heading, _ in sections)]
    seventh = headings.index(CHAPTERS[6][0])  # the first chapter of the second page
    assert doc.section_urls[seventh] == site.url("/plan/bolig/kapittel-2#kap-1")


def test_robots_txt_and_the_page_limit_are_obeyed(site: Site, tmp_path: Path) -> None:
    before = site.requests["/plan/stengt/kapittel-2"]
    record = fetch_one(site, tmp_path / "a", "/plan/stengt/")
    assert record.outcome is FetchOutcome.DOWNLOADED
    assert site.requests["/plan/stengt/kapittel-2"] == before  # disallowed by robots.txt
    limited = fetch_one(
        site,
        tmp_path / "b",
        "/plan/bolig/",
        FetchSettings(deadline=20, retries=0, web_delay=0, web_max_pages=3),
    )
    assert limited.outcome is FetchOutcome.DOWNLOADED
    assert limited.message == (
        f"only the pages under {site.url('/plan/bolig/')} read within 3 pages were kept (the limit)"
    )


@pytest.mark.parametrize(
    ("path", "title", "sections"),
    [
        ("/plan/rollag/plan-9bcf-42065/", TITLE, PLAN),
        ("/2026/malvik/bm-2026-hop_2026_2029/", "Handlingsprogram", BUDGET),
    ],
)
def test_a_framsikt_publication_is_read_from_its_static_content(
    site: Site, tmp_path: Path, keywords: KeywordSet, path: str, title: str, sections: object
) -> None:
    record = fetch_one(site, tmp_path / "store", path)
    assert (record.outcome, record.kind) == (FetchOutcome.DOWNLOADED, "html"), record.message
    doc = read_stored(record, tmp_path / "store", keywords)
    assert dict(doc.counts) == pdf_counts(tmp_path, title, sections, keywords)
    stored = Store(tmp_path / "store").stored_file(record)
    assert stored is not None
    headings = [s.heading for s in read_sections(stored.read_bytes(), Limits())]
    assert headings == [title, *(heading for heading, _ in sections)]  # in document order
    assert all(u.startswith(site.url(path)) for u in doc.section_urls)


def test_a_framsikt_publication_not_as_expected_is_an_error_naming_the_url(
    site: Site, tmp_path: Path
) -> None:
    missing = fetch_one(site, tmp_path / "store", "/plan/brutt/plan-1/")
    assert missing.outcome is FetchOutcome.FAILED and missing.sha256 is None
    summary = "content/html/summary/11111111-1111-1111-1111-111111111111/content.html"
    assert missing.message == (
        f"{site.url('/plan/brutt/plan-1/')}: a Framsikt publication planscan cannot read as"
        f" expected: {site.url('/plan/brutt/plan-1/' + summary)} answered HTTP 404"
    )
    odd = fetch_one(site, tmp_path / "store", "/plan/rar/plan-2/")
    assert odd.outcome is FetchOutcome.FAILED
    assert odd.message is not None and "description.json has no description text" in odd.message


def test_a_page_that_is_not_a_plan_is_still_a_soft_404(site: Site, tmp_path: Path) -> None:
    record = fetch_one(site, tmp_path / "store", "/soft404/")
    assert record.outcome is FetchOutcome.SOFT_404 and record.sha256 is None
    assert record.message == (
        "HTTP 200 OK with a web page with no plan text (15 words besides menus and links),"
        " not a PDF, DOCX or web plan: the plan is not online (soft 404)"
    )


def test_a_page_too_large_to_read_is_cut_off(site: Site, tmp_path: Path) -> None:
    record = fetch_one(site, tmp_path / "store", "/plan/stor/")
    assert record.outcome is FetchOutcome.TOO_LARGE
    assert record.message == "a web page larger than 33554432 bytes, the most read of one"


@pytest.mark.skipif(not ROLLAG.is_file(), reason="the real-plan corpus is not here")
def test_the_real_rollag_plan_as_framsikt_counts_as_its_text(
    site: Site, tmp_path: Path, keywords: KeywordSet
) -> None:
    record = fetch_one(site, tmp_path / "store", "/plan/rollag-ekte/plan-1/")
    doc = read_stored(record, tmp_path / "store", keywords)
    title, sections, _ = sections_from_markdown(ROLLAG.read_text(encoding="utf-8"))
    text = analyse_pages(markdown_plan_text(title, sections), keywords)
    assert dict(doc.counts) == dict(text.counts) and sum(text.counts.values()) > 20
    assert json.dumps(doc.section_urls).count("plan-1") == len(doc.section_urls)


def test_a_changed_web_plan_is_a_new_file_and_scan_fetch_cites_sections_by_url(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from planscan.cli import app

    files = multi_page_site("/plan/a/", TITLE, CHAPTERS[:12], per_page=6)
    with serve(files) as running:
        manifest = tmp_path / "plans.yaml"
        manifest.write_text(
            f"plans:\n  - {{municipality: Alfa, level: temaplan-bolig,"
            f" url: '{running.url('/plan/a/')}'}}\n",
            encoding="utf-8",
        )
        store, out = tmp_path / "store", tmp_path / "r.json"
        args = ["scan", "-m", str(manifest), "--store", str(store), "--json", str(out), "-q"]
        result = CliRunner().invoke(app, [*args, "--fetch"])
        assert result.exit_code == 0, result.output
        first = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
        assert first["path"] == running.url("/plan/a/") and first["unit"] == "section"
        hit = next(h for h in first["hits"] if h["page"] > 3)
        assert hit["section_url"].startswith(running.url("/plan/a/kapittel-"))
        # Only the second page changes: the plan is a new file in the store.
        running.files["/plan/a/kapittel-2"] = running.files["/plan/a/kapittel-2"].replace(
            b"Kapittel 7", b"Kapittel sju"
        )
        CliRunner().invoke(app, [*args, "--fetch"])
        second = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
        assert second["sha256"] != first["sha256"]
