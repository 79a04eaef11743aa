"""Fetching published plans, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.errors import ExitCode
from planscan.fetch import fetch_urls
from planscan.models import FetchOutcome, FetchRecord, FetchSettings
from planscan.store import Store
from tests.fixtures.server import Site, running, serve, site_files

# Quick limits, so the slow cases take about a second.
FAST = FetchSettings(connect_timeout=2, read_timeout=2, deadline=5, retries=2, backoff=0.01)


@pytest.fixture(scope="module")
def site(docs: dict[str, Path]) -> Iterator[Site]:
    with serve(site_files(docs)) as running:
        yield running


def fetch_one(site: Site, store: Path, path: str, settings: FetchSettings = FAST) -> FetchRecord:
    return fetch_urls([site.url(path)], store=store, settings=settings).records[0]


def stored_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_downloads_once_per_content_with_a_record_per_url(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "store"
    urls = [site.url(p) for p in ("/plans/a.pdf", "/plans/b.docx", "/mirror/same-as-a.pdf")]
    urls.append(site.url("/wrong-name.pdf"))
    report = fetch_urls(urls, store=store, settings=FAST)
    a, b, mirror, wrong = report.records
    assert [r.outcome for r in report.records] == [FetchOutcome.DOWNLOADED] * 4
    pdf = site.files["/plans/a.pdf"]
    assert (a.sha256, a.size, a.kind, a.http_status) == (sha(pdf), len(pdf), "pdf", 200)
    assert a.final_url == a.url and a.etag and a.last_modified
    assert (b.kind, mirror.sha256) == ("docx", a.sha256)
    assert (wrong.kind, wrong.sha256) == ("docx", b.sha256)  # the body decides, not the name
    assert time.strptime(a.fetched_at, "%Y-%m-%dT%H:%M:%SZ")
    # Two distinct files for four URLs; nothing left in tmp/.
    assert stored_files(store) == sorted(
        [
            "index.json",
            f"objects/{a.sha256[:2]}/{a.sha256}.pdf",
            f"objects/{b.sha256[:2]}/{b.sha256}.docx",
        ]
    )
    index = json.loads((store / "index.json").read_text(encoding="utf-8"))
    assert index["planscan_store"] == 1
    assert [d["url"] for d in index["documents"]] == sorted(urls)
    first = next(d for d in index["documents"] if d["url"] == a.url)
    assert first["outcome"] == "downloaded" and first["sha256"] == a.sha256
    assert first["size"] == len(pdf) and first["final_url"] == a.url
    assert Store(store).record(a.url) == a


@pytest.mark.parametrize("path", ["/plans/a.pdf", "/lastmod-only.pdf"])
def test_an_unchanged_plan_is_not_downloaded_again(site: Site, tmp_path: Path, path: str) -> None:
    first = fetch_one(site, tmp_path, path)
    second = fetch_one(site, tmp_path, path)
    assert (first.outcome, second.outcome) == (FetchOutcome.DOWNLOADED, FetchOutcome.UNCHANGED)
    assert second.http_status == 304 and second.sha256 == first.sha256
    assert site.conditional[path] >= 1


def test_a_changed_plan_is_downloaded_again(site: Site, tmp_path: Path) -> None:
    first = fetch_one(site, tmp_path, "/changing.pdf")
    second = fetch_one(site, tmp_path, "/changing.pdf")
    assert second.outcome is FetchOutcome.DOWNLOADED
    assert second.sha256 != first.sha256 and second.kind == "docx"
    assert len(list((tmp_path / "objects").rglob("*.*"))) == 2


@pytest.mark.parametrize(
    ("path", "outcome", "status", "words"),
    [
        ("/missing.pdf", FetchOutcome.NOT_FOUND, 404, "HTTP 404 Not Found"),
        ("/gone.pdf", FetchOutcome.GONE, 410, "HTTP 410 Gone"),
        ("/soft404.pdf", FetchOutcome.SOFT_404, 200, "a web page"),
        ("/soft404-as-pdf.pdf", FetchOutcome.SOFT_404, 200, "a web page"),
        ("/empty.pdf", FetchOutcome.SOFT_404, 200, "an empty body"),
        ("/image.pdf", FetchOutcome.NOT_DOCUMENT, 200, "image/png"),
        ("/zip-not-docx.docx", FetchOutcome.NOT_DOCUMENT, 200, "neither PDF, DOCX nor DOC"),
    ],
)
def test_plans_that_are_not_online(
    site: Site, tmp_path: Path, path: str, outcome: FetchOutcome, status: int, words: str
) -> None:
    record = fetch_one(site, tmp_path, path + "?t=offline")
    assert (record.outcome, record.http_status, record.sha256) == (outcome, status, None)
    assert record.outcome.missing and words in (record.message or "")
    assert site.requests[path + "?t=offline"] == 1  # not retried
    assert stored_files(tmp_path) == ["index.json"]  # no object, no .part left behind


def test_redirects_are_followed_and_recorded(site: Site, tmp_path: Path) -> None:
    record = fetch_one(site, tmp_path, "/hops/5")  # five redirects are allowed
    assert record.outcome is FetchOutcome.DOWNLOADED
    assert record.final_url == site.url("/plans/a.pdf")


def test_too_many_redirects_and_a_loop(site: Site, tmp_path: Path) -> None:
    six = fetch_one(site, tmp_path, "/hops/6")
    loop = fetch_one(site, tmp_path, "/loop.pdf")
    for record in (six, loop):
        assert record.outcome is FetchOutcome.FAILED
        assert record.message == "more than 5 redirects (a redirect loop?)"
        assert record.attempts == 1
    assert site.requests["/loop.pdf"] == 6


@pytest.mark.parametrize("target", ["/to-ftp.pdf", "/to-file.pdf"])
def test_redirects_away_from_http_are_refused(site: Site, tmp_path: Path, target: str) -> None:
    record = fetch_one(site, tmp_path, target)
    assert record.outcome is FetchOutcome.REFUSED
    assert "only http and https" in (record.message or "")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/plan.pdf", "plan.pdf"])
def test_urls_other_than_http_are_refused_without_a_request(tmp_path: Path, url: str) -> None:
    record = fetch_urls([url], store=tmp_path, settings=FAST).records[0]
    assert record.outcome is FetchOutcome.REFUSED and record.sha256 is None


@pytest.mark.slow  # downloads that wait on timeouts and backoff
def test_a_5xx_is_retried_with_backoff(site: Site, tmp_path: Path) -> None:
    flaky = fetch_one(site, tmp_path, "/flaky.pdf")  # 503, 503, then the file
    assert (flaky.outcome, flaky.attempts) == (FetchOutcome.DOWNLOADED, 3)
    broken = fetch_one(site, tmp_path, "/broken.pdf")
    assert (broken.outcome, broken.attempts, broken.http_status) == (FetchOutcome.FAILED, 3, 500)
    assert broken.message == "HTTP 500 Internal Server Error"
    assert site.requests["/broken.pdf"] == 3


def test_other_http_errors_are_not_retried(site: Site, tmp_path: Path) -> None:
    record = fetch_one(site, tmp_path, "/forbidden.pdf")
    assert (record.outcome, record.attempts, record.http_status) == (FetchOutcome.FAILED, 1, 403)
    assert site.requests["/forbidden.pdf"] == 1


@pytest.mark.slow  # downloads that wait on timeouts and backoff
def test_a_timeout_is_retried(site: Site, tmp_path: Path) -> None:
    settings = FetchSettings(connect_timeout=2, read_timeout=0.3, deadline=5, backoff=0.01)
    record = fetch_one(site, tmp_path, "/slow-once.pdf", settings)
    assert (record.outcome, record.attempts) == (FetchOutcome.DOWNLOADED, 2)


@pytest.mark.slow  # downloads that wait on timeouts and backoff
@pytest.mark.parametrize("path", ["/drip.pdf", "/drip-headers.pdf"])
def test_a_slow_drip_is_cut_off_at_the_deadline(site: Site, tmp_path: Path, path: str) -> None:
    """One byte every 0.2 s never trips the 5 s read timeout; the 1 s deadline stops it."""
    settings = FetchSettings(connect_timeout=2, read_timeout=5, deadline=1.0, backoff=0.01)
    started = time.monotonic()
    record = fetch_one(site, tmp_path, path, settings)
    elapsed = time.monotonic() - started
    assert record.outcome is FetchOutcome.FAILED
    assert record.message == "gave up after 1 s, the time allowed per download (--deadline)"
    assert 0.9 < elapsed < 2.0
    assert stored_files(tmp_path) == ["index.json"]


@pytest.mark.parametrize("path", ["/big.pdf", "/big-unsized.pdf"])
def test_the_byte_cap(site: Site, tmp_path: Path, path: str) -> None:
    settings = FetchSettings(connect_timeout=2, read_timeout=2, deadline=5, max_bytes=10_000)
    record = fetch_one(site, tmp_path, path, settings)
    assert record.outcome is FetchOutcome.TOO_LARGE
    assert record.message == "larger than 10000 bytes, the most allowed (--max-bytes)"
    assert stored_files(tmp_path) == ["index.json"]


def test_names_from_the_url_or_content_disposition_are_never_used(
    site: Site, tmp_path: Path
) -> None:
    store = tmp_path / "deep" / "store"
    record = fetch_one(site, store, "/hostile/..%2F..%2F..%2Fevil.pdf")
    assert record.outcome is FetchOutcome.DOWNLOADED
    everything = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    assert everything == [
        "deep",
        "deep/store",
        "deep/store/index.json",
        "deep/store/objects",
        f"deep/store/objects/{record.sha256[:2]}",
        f"deep/store/objects/{record.sha256[:2]}/{record.sha256}.pdf",
        "deep/store/tmp",
    ]


def test_a_failed_fetch_keeps_the_copy_and_a_404_drops_it(site: Site, tmp_path: Path) -> None:
    once = FetchSettings(connect_timeout=2, read_timeout=2, deadline=5, retries=0)
    for path in ("/works-then-breaks.pdf", "/works-then-gone.pdf"):
        assert fetch_one(site, tmp_path, path, once).outcome is FetchOutcome.DOWNLOADED
    broken = fetch_one(site, tmp_path, "/works-then-breaks.pdf", once)
    assert broken.outcome is FetchOutcome.FAILED and broken.sha256 is not None
    assert broken.message is not None
    assert broken.message.startswith("HTTP 500 Internal Server Error; the copy fetched 20")
    assert Store(tmp_path).stored_file(broken) is not None
    gone = fetch_one(site, tmp_path, "/works-then-gone.pdf", once)
    assert (gone.outcome, gone.sha256) == (FetchOutcome.NOT_FOUND, None)


# --- fetch and scan from the command line --------------------------------------------


def write_manifest(folder: Path, site: Site, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "plans.yaml"
    manifest.write_text(
        "plans:\n"
        f"  - {{municipality: Alfa, level: temaplan-bolig, url: '{site.url('/plans/a.pdf')}'}}\n"
        f"  - {{municipality: Alfa, level: samfunnsdel, url: '{site.url('/missing.pdf')}'}}\n"
        f"  - {{municipality: Alfa, level: planstrategi, url: '{site.url('/soft404.pdf')}'}}\n"
        f"  - {{municipality: Beta, level: temaplan-bolig,"
        f" url: '{site.url('/mirror/same-as-a.pdf')}'}}\n"
        # A local path wins over the URL: never fetched.
        f"  - {{municipality: Beta, level: arealdel, path: nowhere.pdf,"
        f" url: '{site.url('/plans/b.docx?never')}'}}\n" + extra,
        encoding="utf-8",
    )
    return manifest


def test_scan_fetch_reads_plans_from_the_store(site: Site, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path / "m", site)
    store, out = tmp_path / "store", tmp_path / "status.json"
    args = ["scan", "-m", str(manifest), "--store", str(store), "--json", str(out), "-q"]
    code, stdout, stderr = run(*args, "--fetch")
    assert site.requests["/plans/b.docx?never"] == 0
    assert code == ExitCode.DOCUMENT_ERRORS  # nowhere.pdf does not exist
    assert stderr.endswith(
        f"planscan: {manifest.parent / 'nowhere.pdf'}: file not found; check the path\n"
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    docs = {(d["municipality"], d["level"]): d for d in data["documents"]}
    housing = docs["Alfa", "temaplan-bolig"]
    assert housing["path"] == housing["url"] == site.url("/plans/a.pdf")  # the URL, not the cache
    assert housing["sha256"] == sha(site.files["/plans/a.pdf"])
    assert housing["status"] in ("green", "yellow") and housing["counts"]["Husbanken"] > 0
    missing = docs["Alfa", "samfunnsdel"]
    assert (missing["status"], missing["reason"]) == ("missing", "not-found")
    assert missing["message"] == "HTTP 404 Not Found: the plan is not online at this address"
    assert (docs["Alfa", "planstrategi"]["status"], docs["Alfa", "planstrategi"]["reason"]) == (
        "missing",
        "soft-404",
    )
    cells = {(c["municipality"], c["level"]): c for c in data["matrix"]}
    assert cells["Alfa", "samfunnsdel"] == {
        "municipality": "Alfa",
        "level": "samfunnsdel",
        "status": "missing",
        "computed": "missing",
        "reviewed": False,
        "review": None,
        "documents": [site.url("/missing.pdf")],
    }
    # Without --fetch the same store gives the same result, with no new download.
    before = sum(site.requests.values())
    again = tmp_path / "again.json"
    run(*args[:-3], "--json", str(again), "-q")
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert sum(site.requests.values()) == before


def test_scan_without_fetching_first(site: Site, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, site)
    out = tmp_path / "s.json"
    code, _, _ = run(
        "scan", "-m", str(manifest), "--store", str(tmp_path / "empty"), "--json", str(out)
    )
    assert code == ExitCode.DOCUMENT_ERRORS
    doc = json.loads(out.read_text(encoding="utf-8"))["documents"][0]
    assert (doc["status"], doc["reason"]) == ("error", "not-fetched")
    assert doc["message"].endswith("run planscan fetch first, or scan --fetch")
    code, _, stderr = run("scan", str(tmp_path), "--fetch")
    assert (code, stderr) == (
        ExitCode.USAGE,
        "planscan: --fetch needs --manifest: the URLs are in the manifest\n",
    )


@pytest.mark.slow  # downloads that wait on timeouts and backoff
def test_fetch_command(site: Site, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, site)
    store = tmp_path / "store"
    code, stdout, stderr = run("fetch", str(manifest), "--store", str(store))
    assert (code, stderr) == (ExitCode.OK, "")
    assert f"Fetched into {store}" in stdout
    assert "↓ downloaded" in stdout and "x not found" in stdout and "x soft 404" in stdout
    assert stdout.rstrip().endswith("2 downloaded, 1 not-found, 1 soft-404")
    code, stdout, _ = run("fetch", str(manifest), "--store", str(store), "-q")
    assert stdout == "2 unchanged, 1 not-found, 1 soft-404\n"

    forbidden, drip = site.url("/forbidden.pdf?cli"), site.url("/drip.pdf?cli")
    broken = write_manifest(
        tmp_path / "broken",
        site,
        f"  - {{municipality: Beta, level: planstrategi, url: '{forbidden}'}}\n"
        f"  - {{municipality: Beta, level: samfunnsdel, url: '{drip}'}}\n",
    )
    args = ["fetch", str(broken), "--store", str(store), "--deadline", "0.5", "--retries", "0"]
    code, _, stderr = run(*args, "-q")
    assert code == ExitCode.DOCUMENT_ERRORS
    assert stderr == (
        f"planscan: {forbidden}: HTTP 403 Forbidden\n"
        f"planscan: {drip}: gave up after 0.5 s, the time allowed per"
        " download (--deadline)\n"
    )


def test_fetch_a_shard_fetches_only_its_urls(site: Site, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, site)
    fetched: set[str] = set()
    for index in (1, 2):
        report = planscan.fetch(
            manifest, store=tmp_path / "store", settings=FAST, shard=planscan.Shard(index, 2)
        )
        urls = {record.url for record in report.records}
        assert not urls & fetched
        fetched |= urls
    assert len(fetched) == 4


def test_a_server_down_this_week_does_not_empty_the_cell(site: Site, tmp_path: Path) -> None:
    url = site.url("/works-then-breaks.pdf?week")
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        f"plans:\n  - {{municipality: Alfa, level: temaplan-bolig, url: '{url}'}}\n", "utf-8"
    )
    store = ["--store", str(tmp_path / "store")]
    assert run("fetch", str(manifest), *store)[0] == ExitCode.OK
    code, _, err = run("fetch", str(manifest), *store, "--retries", "0", "-q")
    assert code == ExitCode.DOCUMENT_ERRORS
    assert err.startswith(f"planscan: {url}: HTTP 500 Internal Server Error; the copy fetched 20")
    code, out, _ = run("scan", "-m", str(manifest), *store, "-q")
    assert code == ExitCode.OK
    # The kept copy (the fixture's page of search words) is read: yellow, not x or an error.
    assert next(line for line in out.splitlines() if "Temaplan bolig" in line).count("yellow") == 1


def test_a_store_named_like_markup_is_printed_as_it_is(site: Site, tmp_path: Path) -> None:
    manifest = write_manifest(tmp_path, site)
    store = tmp_path / "[bold]butikk:100:"
    code, stdout, _ = run("fetch", str(manifest), "--store", str(store))
    assert code == ExitCode.OK
    assert f"Fetched into {store}" in " ".join(stdout.split()) and "💯" not in stdout


# Hostile servers (issue 20) -------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(docs: dict[str, Path]) -> Iterator[str]:
    from tests.fixtures import hostile

    pdf = docs["terms_pdf"].read_bytes()
    encoded = {"/twice.pdf": (hostile.gzip_layers(pdf, 2), "gzip, gzip")}
    bomb = hostile.gzip_bomb(inflated_mib=64, layers=3)
    with hostile.serve_hostile({"/good.pdf": pdf}, bomb, encoded) as base:
        yield base


def test_layers_of_gzip_are_inflated_one_by_one_up_to_the_cap(
    hostile_site: str, tmp_path: Path
) -> None:
    """Content-Encoding: gzip, gzip, gzip on a few hundred bytes: stopped at --max-bytes
    in the first layer that passes it, never inflated whole in memory."""
    import tracemalloc

    settings = FetchSettings(max_bytes=1 << 20, retries=0)
    tracemalloc.start()
    try:
        record = fetch_urls([f"{hostile_site}/gzip-bomb.pdf"], store=tmp_path, settings=settings)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20  # the 64 MiB the bomb inflates to were never held at once
    assert record.records[0].outcome is FetchOutcome.TOO_LARGE
    assert "--max-bytes" in (record.records[0].message or "")
    assert list((tmp_path / "tmp").glob("*.part")) == []


def test_a_body_encoded_twice_is_stored_as_the_file(
    hostile_site: str, tmp_path: Path, docs: dict[str, Path]
) -> None:
    record = fetch_urls([f"{hostile_site}/twice.pdf"], store=tmp_path, settings=FAST).records[0]
    assert record.outcome is FetchOutcome.DOWNLOADED
    assert record.sha256 == hashlib.sha256(docs["terms_pdf"].read_bytes()).hexdigest()


def test_url_credentials_are_used_but_never_stored_or_shown(
    hostile_site: str, tmp_path: Path
) -> None:
    from planscan.urls import with_credentials
    from tests.fixtures.hostile import PRIVATE_LOGIN

    plain = f"{hostile_site}/private.pdf"
    refused = fetch_urls([plain], store=tmp_path / "a", settings=FAST).records[0]
    assert refused.http_status == 401
    url = with_credentials(plain, PRIVATE_LOGIN)
    assert "p%40ss%3Aword@" in url
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        f"plans:\n  - {{municipality: Vefsn, level: temaplan-bolig, url: '{url}'}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "result.json"
    args = ["scan", "--manifest", str(manifest), "--fetch", "--store", str(tmp_path / "store")]
    result = CliRunner().invoke(
        app, [*args, "--json", str(out), "--markdown", str(tmp_path / "m.md")]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"][0]["url"] == plain  # fetched with the login, shown without
    assert data["documents"][0]["status"] != "error"
    for text in (
        result.stdout,
        result.stderr,
        *(
            p.read_text("utf-8", "replace")
            for p in tmp_path.rglob("*")
            if p.is_file() and p.suffix in (".json", ".md")
        ),
    ):
        assert "p@ss" not in text and "p%40ss" not in text and "planner:" not in text


@pytest.mark.slow  # waits on a server that never answers
def test_the_whole_fetch_has_a_time_budget(hostile_site: str, tmp_path: Path) -> None:
    settings = FetchSettings(connect_timeout=5, read_timeout=5, deadline=60, budget=2, retries=0)
    urls = [f"{hostile_site}/silent.pdf", f"{hostile_site}/good.pdf"]
    report = fetch_urls(urls, store=tmp_path, settings=settings)
    assert [r.outcome for r in report.records] == [FetchOutcome.FAILED, FetchOutcome.FAILED]
    assert "--budget" in (report.records[1].message or "")


def test_a_download_a_killed_fetch_left_is_swept(hostile_site: str, tmp_path: Path) -> None:
    import os

    left = tmp_path / "tmp" / "download-abc.part"
    left.parent.mkdir(parents=True)
    left.write_bytes(b"%PDF half")
    os.utime(left, (time.time() - 7200, time.time() - 7200))
    fetch_urls([f"{hostile_site}/good.pdf"], store=tmp_path, settings=FAST)
    assert not left.exists()


class _CountingHandler(BaseHTTPRequestHandler):
    """Answers every path with a small PDF after `delay` seconds, counting how many requests
    each host (the Host header's name) has in flight at once."""

    delay = 0.4
    lock = threading.Lock()
    in_flight: dict[str, int] = {}
    most: dict[str, int] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet tests
        pass

    def do_GET(self) -> None:
        host = self.headers.get("Host", "").split(":")[0]
        with self.lock:
            self.in_flight[host] = self.in_flight.get(host, 0) + 1
            self.most[host] = max(self.most.get(host, 0), self.in_flight[host])
        try:
            time.sleep(self.delay if host == "localhost" else 0.0)
            body = b"%PDF-1.4\n% a plan\n%%EOF\n" + self.path.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        finally:
            with self.lock:
                self.in_flight[host] -= 1


def test_hosts_are_fetched_at_once_but_each_host_one_request_at_a_time(tmp_path: Path) -> None:
    """A slow host (here 'localhost', 0.4 s an answer) does not hold up another ('127.0.0.1'),
    and no host ever has two requests in flight; the records stay in the given order."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    port = server.server_address[1]
    with running(server):
        slow = [f"http://localhost:{port}/slow-{i}.pdf" for i in range(4)]
        quick = [f"http://127.0.0.1:{port}/quick-{i}.pdf" for i in range(4)]
        urls = [u for pair in zip(slow, quick, strict=True) for u in pair]
        arrived: list[str] = []
        report = fetch_urls(
            urls,
            store=tmp_path,
            settings=FetchSettings(hosts=2),
            on_record=lambda r: arrived.append(r.url),
        )
    assert [record.url for record in report.records] == urls
    assert all(record.outcome is FetchOutcome.DOWNLOADED for record in report.records)
    # The quick host was done while the slow one was still on its first or second plan.
    assert arrived.index(quick[-1]) < arrived.index(slow[1])
    assert _CountingHandler.most == {"localhost": 1, "127.0.0.1": 1}


# What fetch says in bokmål and nynorsk, and English phrases that must not appear in either.
NORWEGIAN_FETCH = {
    "nb": (
        "Hentet til",
        "2 lastet ned, 1 ikke funnet, 1 myk 404",
        "HTTP 404 Not Found: planen ligger ikke på nett på denne adressen",
        "uten plantekst (3 ord utenom menyer og lenker), ikke en PDF, DOCX eller nettplan:"
        " planen ligger ikke på nett (myk 404)",
        "; kopien hentet 20",
    ),
    "nn": (
        "Henta til",
        "2 lasta ned, 1 ikkje funne, 1 mjuk 404",
        "HTTP 404 Not Found: planen ligg ikkje på nett på denne adressa",
        "utan plantekst (3 ord utanom menyar og lenkjer), ikkje ein PDF, DOCX eller nettplan:"
        " planen ligg ikkje på nett (mjuk 404)",
        "; kopien henta 20",
    ),
}
ENGLISH_FETCH = ("Fetched into", "downloaded", "not online", "soft 404", "bytes", "is kept")


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_fetch_in_norwegian(site: Site, tmp_path: Path, lang: str) -> None:
    title, summary, missing, soft_404, kept = NORWEGIAN_FETCH[lang]
    manifest = write_manifest(tmp_path, site)
    store = tmp_path / "store"
    code, out, err = run("fetch", str(manifest), "--store", str(store), "--lang", lang)
    assert (code, err) == (ExitCode.OK, "")
    assert out.splitlines()[0].rstrip() == f"{title} {store}"
    assert out.rstrip().endswith(f"\n{summary}")
    assert missing in out and soft_404 in " ".join(out.split())
    assert re.search(r"pdf · \d+ byte · sha256", out)
    assert not [phrase for phrase in ENGLISH_FETCH if phrase in out]

    # A server down this week: the note on standard error, from the environment's language.
    url = site.url("/works-then-breaks.pdf?" + lang)
    broken = tmp_path / "broken.yaml"
    broken.write_text(f"plans:\n  - {{municipality: Alfa, level: planstrategi, url: '{url}'}}\n")
    assert run("fetch", str(broken), "--store", str(store))[0] == ExitCode.OK
    result = CliRunner().invoke(
        app,
        ["fetch", str(broken), "--store", str(store), "--retries", "0", "-q"],
        env={"COLUMNS": "200", "PLANSCAN_LANG": lang},
    )
    assert result.exit_code == ExitCode.DOCUMENT_ERRORS
    assert result.stderr.startswith(f"planscan: {url}: HTTP 500 Internal Server Error{kept}")
    assert not [phrase for phrase in ENGLISH_FETCH if phrase in result.stderr + result.stdout]
    assert result.stdout == f"1 {'mislyktes' if lang == 'nb' else 'mislukka'}\n"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_what_the_store_says_is_said_in_the_readers_language(
    site: Site, tmp_path: Path, lang: str
) -> None:
    """A scan without --fetch reads why a plan is not online from the store's index (English
    text, as fetch stored it) and says it in the reader's language."""
    _, _, soft_404, _, _ = NORWEGIAN_FETCH[lang]
    missing = NORWEGIAN_FETCH[lang][2].split(": ", 1)[1]
    manifest = write_manifest(tmp_path, site)
    store = ["--store", str(tmp_path / "store")]
    assert run("fetch", str(manifest), *store)[0] == ExitCode.OK
    code, out, _ = run("scan", "-m", str(manifest), *store, "--lang", lang)
    said = " ".join(out.split())
    assert f"HTTP 404 Not Found: {missing}" in said and soft_404 in said
    assert not [phrase for phrase in ENGLISH_FETCH if phrase in out]
