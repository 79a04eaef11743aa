"""planscan find against fake municipal websites on 127.0.0.1 (tests/fixtures/sites.py):
the right document for every level that has one, x for every level that has none, and
every politeness rule kept (the servers log each request's time)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from planscan import KeywordSet
from planscan.discover import load_manifest
from planscan.errors import InputError
from planscan.find import find, resolve_municipalities
from planscan.models import FindReport, FindSettings, SearchOutcome, SiteSearch, Status
from tests.fixtures.sites import (
    PDF,
    UUID_BOLIG,
    Answer,
    Site,
    bokmal_site,
    document_host,
    free_port,
    nynorsk_site,
    page,
    pdf,
    serve,
    serve_all,
)

FAST = FindSettings(delay=0.02, allow_private=True)


def chosen(search: SiteSearch) -> dict[str, str | None]:
    """Level -> the chosen URL's path (None: not found)."""
    found: dict[str, str | None] = {}
    for finding in search.findings:
        url = finding.best.url if finding.best else None
        found[finding.level] = url.split("/", 3)[3] if url else None
    return found


@pytest.fixture(scope="module")
def sites() -> Iterator[tuple[Site, Site, Site]]:
    docs = document_host()
    with serve(docs):
        with serve_all([bokmal_site(docs, crawl_delay=0.05), nynorsk_site()]) as (nb, nn):
            yield docs, nb, nn


@pytest.fixture(scope="module")
def report(
    sites: tuple[Site, Site, Site], keywords: KeywordSet, tmp_path_factory: pytest.TempPathFactory
) -> FindReport:
    docs, nb, nn = sites
    settings = FindSettings(delay=0.02, allow_private=True, allow_hosts=(docs.host,))
    output = tmp_path_factory.mktemp("find") / "plans.yaml"
    return find(
        ["3301", "Ål"],
        output=output,
        keywords=keywords,
        settings=settings,
        start_urls={"Drammen": nb.base + "/", "aal": nn.base + "/"},
        today="2026-12-04",
    )


def test_the_right_document_for_every_level_and_x_for_the_others(report: FindReport) -> None:
    drammen, aal = report.searches
    assert (drammen.municipality, drammen.number, aal.municipality) == ("Drammen", "3301", "Ål")
    assert chosen(drammen) == {
        # the newest adopted plan, not the old one beside it nor the planprogram
        "samfunnsdel": "globalassets/planer/kommuneplanens-samfunnsdel-2021-2040.pdf",
        "arealdel": None,  # its only link is dead (404)
        "okonomiplan-4arig": "2025/fakeby/bm-2025-okonomiplan_2025-2028",  # Framsikt-like
        "okonomiplan-arlig": None,
        "temaplan-bolig": f"aimfiles/{UUID_BOLIG}.pdf",  # opaque: the link text names it
        "temaplan-oppvekst": "temaplan-oppvekst/",  # a plan published as a web page
        "temaplan-folkehelse": "globalassets/planer/temaplan-folkehelse-2024-2030.pdf",  # sitemap
        "temaplan-helse": "globalassets/planer/helse-og-omsorgsplan.docx",  # robots: unchecked
        # the adopted plan over the newer høringsutkast beside it
        "planstrategi": "siteassets/politikk/planer/planstrategi-2020-2023.pdf",
    }
    assert chosen(aal) == {
        "samfunnsdel": "_f/p1/i4cb126ce-f1d5-41a1-9126-b656ed445ee9/samfunnsdel.pdf",
        "arealdel": None,
        "okonomiplan-4arig": None,
        "okonomiplan-arlig": None,
        "temaplan-bolig": (
            "download/18.2b2ef61194d8525c6b608f/1739174339683/Bustadpolitisk%20plan.pdf"
        ),
        "temaplan-oppvekst": None,
        "temaplan-folkehelse": None,
        "temaplan-helse": None,
        # behind a redirect
        "planstrategi": "_f/p1/i528bde89-d603-4535-8e5e-4a8f3c4c3868/planstrategi-2024-2027.pdf",
    }


def test_each_choice_says_why_and_lists_the_other_candidates(report: FindReport) -> None:
    drammen = report.searches[0]
    strategi = next(f for f in drammen.findings if f.level == "planstrategi")
    assert strategi.best is not None
    assert (strategi.best.status, strategi.best.period, strategi.best.format) == (
        "vedtatt",
        "2020-2023",
        "pdf",
    )
    assert strategi.best.reason.startswith("adopted plan, period 2020-2023; chosen over 1 other")
    assert strategi.best.link_text == "Planstrategi 2020-2023"
    assert strategi.best.found_on.endswith("/politikk/planer/")
    [other] = strategi.others
    assert (other.status, other.period) == ("høringsutkast", "2024-2027")
    samfunnsdel = next(f for f in drammen.findings if f.level == "samfunnsdel")
    assert {c.kind for c in samfunnsdel.others} == {"plan", "planprogram"}
    arealdel = next(f for f in drammen.findings if f.level == "arealdel")
    assert arealdel.outcome is SearchOutcome.NOT_FOUND
    assert "dead links: " in arealdel.message and "(gone: HTTP 404)" in arealdel.message


def test_robots_txt_is_obeyed_with_its_wildcards(
    report: FindReport, sites: tuple[Site, Site, Site]
) -> None:
    _, nb, _ = sites
    paths = nb.paths()
    assert paths[0] == "/robots.txt"
    assert paths.count("/robots.txt") == 1
    assert not [p for p in paths if "?sok=" in p]  # Disallow: /*?sok= (search form, links)
    assert not [p for p in paths if p.startswith("/intern/")]
    assert not [p for p in paths if p.endswith(".docx")]  # Disallow: /*.docx$
    assert "/sitemap.xml" in paths


def test_one_request_at_a_time_per_host_and_the_crawl_delay_between(
    report: FindReport, sites: tuple[Site, Site, Site]
) -> None:
    docs, nb, nn = sites
    assert min(nb.gaps()) >= 0.05 - 0.005  # robots.txt: Crawl-delay: 0.05
    assert min(nn.gaps()) >= 0.02 - 0.005
    assert min(docs.gaps()) >= 0.02 - 0.005


def test_a_soft_404_page_is_not_read_as_a_plan_page(report: FindReport) -> None:
    drammen = report.searches[0]
    urls = {f.best.url for f in drammen.findings if f.best} | {
        c.url for f in drammen.findings for c in f.others
    }
    assert not [u for u in urls if "politikk-og-samfunn" in u]
    assert drammen.pages == 5  # the soft 404 and the 404 are not counted as pages read


def test_the_manifest_is_what_scan_reads(report: FindReport, keywords: KeywordSet) -> None:
    refs = load_manifest(Path(report.manifest), keywords)
    found = [(r.municipality, r.level, r.format) for r in refs if r.url]
    assert ("Drammen", "okonomiplan-4arig", "framsikt") in found
    assert ("Ål", "samfunnsdel", "pdf") in found
    assert len(found) == 10
    absent = [(r.municipality, r.level) for r in refs if r.url is None]
    assert len(absent) == 8  # each a level searched without finding a plan: x
    assert all(r.not_searched is None for r in refs)


def test_a_site_that_cannot_be_searched_is_not_searched_and_the_others_are_done(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    blocked = Site({"/robots.txt": Answer(body=b"User-agent: *\nDisallow: /\n"), "/": page("x")})
    refused = Site({"/": Answer(403, b"Forbidden")})
    garbage = Site({"/": Answer(body=b"\x00\x01\x02garbage", content_type="application/x-junk")})
    good = nynorsk_site()
    down = f"http://127.0.0.1:{free_port()}/"
    with serve_all([blocked, refused, garbage, good]):
        report = find(
            ["Flå", "Gol", "Hol", "Ål", "Sigdal"],
            output=tmp_path / "plans.yaml",
            keywords=keywords,
            settings=FAST,
            start_urls={
                "Flå": blocked.base + "/",
                "Gol": refused.base + "/",
                "Hol": garbage.base + "/",
                "Ål": good.base + "/",
                "Sigdal": down,
            },
        )
    messages = {s.municipality: s.message for s in report.not_searched}
    assert set(messages) == {"Flå", "Gol", "Hol", "Sigdal"}
    assert "robots.txt" in messages["Flå"] and "does not allow planscan" in messages["Flå"]
    assert "HTTP 403" in messages["Gol"]
    assert "not a web page" in messages["Hol"]
    assert messages["Sigdal"].startswith(down)
    assert blocked.paths() == ["/robots.txt"]
    aal = report.searches[3]
    assert aal.searched and chosen(aal)["samfunnsdel"] is not None
    refs = load_manifest(tmp_path / "plans.yaml", keywords)
    not_searched = {(r.municipality, r.not_searched is not None) for r in refs if r.url is None}
    assert ("Flå", True) in not_searched and ("Ål", False) in not_searched


def test_the_matrix_tells_not_searched_from_not_found(keywords: KeywordSet, tmp_path: Path) -> None:
    import planscan

    blocked = Site({"/robots.txt": Answer(body=b"User-agent: planscan\nDisallow: /\n")})
    good = nynorsk_site()
    with serve_all([blocked, good]):
        find(
            ["Flå", "Ål"],
            output=tmp_path / "plans.yaml",
            keywords=keywords,
            settings=FAST,
            start_urls={"Flå": blocked.base + "/", "Ål": good.base + "/"},
        )
        result = planscan.scan(
            manifest=tmp_path / "plans.yaml",
            store=tmp_path / "store",
            fetch=planscan.FetchSettings(),
        )
    assert result.cell("Flå", "planstrategi").status is Status.NOT_SEARCHED
    assert result.cell("Ål", "arealdel").status is Status.MISSING
    # Fetched and read: the fixture's PDF is a stub, so the reader says it is damaged.
    assert result.cell("Ål", "samfunnsdel").status is Status.ERROR
    assert result.cell("Ål", "samfunnsdel").documents


@pytest.mark.slow
def test_429_with_retry_after_is_waited_out(keywords: KeywordSet) -> None:
    def front(count: int) -> Answer:
        if count == 1:
            return Answer(429, b"Too Many Requests", headers={"Retry-After": "1"})
        return page("Forside", [("/plan.pdf", "Planstrategi 2024-2027")])

    site = Site({"/": front, "/plan.pdf": pdf()})
    with serve(site):
        report = find(["Hole"], keywords=keywords, settings=FAST, start_urls={"Hole": site.base})
    assert chosen(report.searches[0])["planstrategi"] == "plan.pdf"
    first, second = [t for t, p in site.log if p == "/"]
    assert second - first >= 1.0


def test_a_site_that_always_answers_429_is_not_searched(keywords: KeywordSet) -> None:
    site = Site({"/": Answer(429, b"Slow down", headers={"Retry-After": "0"})})
    with serve(site):
        report = find(["Hole"], keywords=keywords, settings=FAST, start_urls={"Hole": site.base})
    [search] = report.not_searched
    assert "HTTP 429" in search.message
    assert site.paths().count("/") == 3  # the first try and two after Retry-After


def test_a_site_with_thousands_of_pages_stops_at_the_page_budget(keywords: KeywordSet) -> None:
    def endless(path: str) -> Answer:
        number = int(path.rsplit("/", 1)[-1]) if path.startswith("/side/") else 0
        links = [(f"/side/{number * 10 + i}", f"Side {number * 10 + i}") for i in range(1, 11)]
        return page(f"Side {number}", links)

    site = Site({"/": page("Forside", [("/side/1", "Side 1")])}, fallback=endless)
    settings = FindSettings(delay=0.005, allow_private=True, max_pages=30)
    with serve(site):
        report = find(
            ["Modum"], keywords=keywords, settings=settings, start_urls={"Modum": site.base}
        )
    [search] = report.searches
    assert search.pages == 30
    assert "the page budget (30 pages) ran out" in search.message
    assert all(f.outcome is SearchOutcome.NOT_FOUND for f in search.findings)


@pytest.mark.slow
def test_a_slow_site_stops_at_the_time_budget(keywords: KeywordSet) -> None:
    links = [(f"/side/{i}", f"Plan {i}") for i in range(20)]
    site = Site(
        {"/": page("Forside", links)}, fallback=lambda _: Answer(body=b"<html></html>", delay=0.3)
    )
    settings = FindSettings(delay=0.01, allow_private=True, max_seconds=1.5)
    started = time.monotonic()
    with serve(site):
        report = find(
            ["Lier"], keywords=keywords, settings=settings, start_urls={"Lier": site.base}
        )
    assert time.monotonic() - started < 4
    assert "time budget (1.5 s) ran out" in report.searches[0].message


def test_private_addresses_are_refused_without_the_flag(keywords: KeywordSet) -> None:
    site = nynorsk_site()
    with serve(site):
        report = find(
            ["Ål"],
            keywords=keywords,
            settings=FindSettings(delay=0.01),
            start_urls={"Ål": site.base},
        )
    [search] = report.not_searched
    assert "private or loopback address" in search.message
    assert site.paths() == []


@pytest.mark.slow
def test_many_municipalities_take_about_the_time_of_the_slowest(keywords: KeywordSet) -> None:
    sites = [nynorsk_site() for _ in range(6)]
    names = ["Flå", "Nesbyen", "Gol", "Hemsedal", "Ål", "Hol"]
    settings = FindSettings(delay=0.2, allow_private=True)
    with serve_all(sites):
        started = time.monotonic()
        report = find(
            names,
            keywords=keywords,
            settings=settings,
            start_urls={n: s.base for n, s in zip(names, sites, strict=True)},
        )
        elapsed = time.monotonic() - started
    slowest = max(s.seconds for s in report.searches)
    assert elapsed < slowest * 1.5
    assert all(chosen(s)["samfunnsdel"] for s in report.searches)


def test_pinned_and_hand_written_entries_are_kept_and_changes_are_said(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    output = tmp_path / "plans.yaml"
    site = nynorsk_site()
    with serve(site):
        first = find(["Ål"], output=output, keywords=keywords, settings=FAST,
                     start_urls={"Ål": site.base})  # fmt: skip
        assert len(first.changes) == 3 and all(": new: " in c for c in first.changes)
        text = output.read_text(encoding="utf-8")
        # A person pins the samfunnsdel, and adds a plan by hand; the site drops a plan.
        text = text.replace("pinned: false", "pinned: true", 1)
        text = text.replace(
            "plans:\n",
            "plans:\n- municipality: aal\n  level: temaplan-helse\n  path: helse.pdf\n",
            1,
        )
        output.write_text(text, encoding="utf-8")
        site.routes["/planar/"] = page("Planar", [])
        again = find(["Ål"], output=output, keywords=keywords, settings=FAST,
                     start_urls={"Ål": site.base})  # fmt: skip
    assert again.kept == (
        "Ål · Kommuneplan – samfunnsdel: kept as a person set it",
        "Ål · Temaplan helse: kept as a person set it",
    )
    assert len(again.changes) == 2
    assert all(": gone: " in change for change in again.changes)
    refs = load_manifest(output, keywords)
    samfunnsdel = [r for r in refs if r.level == "samfunnsdel"]
    assert len(samfunnsdel) == 1 and samfunnsdel[0].url is not None
    assert [r.path.name for r in refs if r.path] == ["helse.pdf"]


def test_unknown_names_counties_and_start_urls_are_one_line_errors(keywords: KeywordSet) -> None:
    with pytest.raises(InputError, match="^unknown municipality 'Vagn'; did you mean Vågan"):
        resolve_municipalities(["Vagn"])
    with pytest.raises(InputError, match="^unknown county '99'"):
        resolve_municipalities(county="99")
    with pytest.raises(InputError, match="^name municipalities, or give --county or --all$"):
        resolve_municipalities()
    with pytest.raises(InputError, match=r"^--start-url Vågan=ftp://x/: not an http\(s\) URL$"):
        find(["Vågan"], keywords=keywords, start_urls={"Vågan": "ftp://x/"})
    with pytest.raises(InputError, match="^--start-url Bodø=http://x/: Bodø is not searched$"):
        find(["Vågan"], keywords=keywords, start_urls={"Bodø": "http://x/"})
    assert len(resolve_municipalities(county="Buskerud", names=["3301"])) == 18


def test_secrets_in_urls_are_never_written(keywords: KeywordSet, tmp_path: Path) -> None:
    site = Site({"/": page("Forside", [("/p.pdf", "Planstrategi 2024-2027")]), "/p.pdf": pdf()})
    with serve(site):
        secret = site.base.replace("http://", "http://kari:hemmelig@") + "/"
        report = find(["Ål"], output=tmp_path / "plans.yaml", keywords=keywords,
                      settings=FAST, start_urls={"Ål": secret})  # fmt: skip
    assert "hemmelig" not in (tmp_path / "plans.yaml").read_text(encoding="utf-8")
    assert "hemmelig" not in repr(report)
    assert PDF.startswith(b"%PDF")


def test_a_second_run_asks_changed_since_and_reads_unchanged_pages_from_its_cache(
    keywords: KeywordSet, tmp_path: Path
) -> None:
    site = nynorsk_site()
    site.etags = True
    settings = FindSettings(delay=0.02, allow_private=True, cache_dir=tmp_path / "pages")
    with serve(site):
        first = find(["Ål"], keywords=keywords, settings=settings, start_urls={"Ål": site.base})
        assert site.not_modified == []
        second = find(["Ål"], keywords=keywords, settings=settings, start_urls={"Ål": site.base})
    assert set(site.not_modified) >= {"/", "/planar/"}
    assert chosen(second.searches[0]) == chosen(first.searches[0])
    assert "(2 unchanged since the last run)" in second.searches[0].message
    assert second.searches[0].bytes < first.searches[0].bytes


def test_the_sites_own_search_finds_what_the_links_do_not(keywords: KeywordSet) -> None:
    from urllib.parse import unquote

    def search(path: str) -> Answer | None:
        if path.startswith("/sok?") and "planstrategi" in unquote(path):
            return page("Søkeresultat", [("/filer/ps.pdf", "Planstrategi 2024-2027")])
        return page("Søkeresultat") if path.startswith("/sok?") else None

    site = Site(
        {"/": page("Forside", [("/om/", "Om kommunen")], search="/sok"), "/filer/ps.pdf": pdf()},
        fallback=search,
    )
    with serve(site):
        report = find(["Hole"], keywords=keywords, settings=FAST, start_urls={"Hole": site.base})
    assert chosen(report.searches[0])["planstrategi"] == "filer/ps.pdf"
    assert "and the site's search" in report.searches[0].message
    assert "/sok?sok=planstrategi" in site.paths()
