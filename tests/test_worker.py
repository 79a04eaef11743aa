"""Hostile and broken documents: never crash, never hang, never lie (issue 5)."""

from __future__ import annotations

import http.server
import os
import resource
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import planscan
from planscan import KeywordSet, Status
from planscan.extract import extract_pages
from planscan.models import Limits, PlanRef
from planscan.scan import ScanOptions, scan_document
from tests.fixtures import hostile

FAST = Limits(timeout_seconds=3, timeout_per_page=0.2, max_memory_bytes=600 << 20)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hostile.build_hostile(tmp_path_factory.mktemp("hostile"))


def scan_one(path: Path, keywords: KeywordSet, **options: object) -> planscan.DocumentResult:
    opts = ScanOptions(jobs=1, limits=FAST, **options)  # type: ignore[arg-type]
    return scan_document(PlanRef("Testby", path), keywords, opts)


EXPECTED = [
    ("reference_loop", "damaged", "blank"),
    ("page_tree_cycle", "damaged", "damaged"),
    ("huge_xref", "damaged", "damaged"),
    ("truncated", "truncated", "download cut off"),
    ("zero_bytes", "empty", "empty"),
    ("html", "not-pdf", "web page"),
    ("random", "damaged", "neither a PDF, a DOCX nor a web page"),
    ("encrypted", "encrypted", "--password"),
    ("ole_docx", "legacy-doc", "save it as .docx"),
    ("ole_encrypted", "encrypted", "password-protected"),
    ("corrupt_zip", "damaged", "damaged ZIP"),
    ("billion_laughs", "damaged", "damaged"),
]


@pytest.mark.parametrize(("name", "reason", "words"), EXPECTED)
def test_each_broken_file_gets_its_reason_and_a_plain_message(
    files: dict[str, Path], keywords: KeywordSet, name: str, reason: str, words: str
) -> None:
    doc = scan_one(files[name], keywords)
    assert (doc.status, doc.reason) == (Status.ERROR, reason)
    assert words in (doc.message or "")
    assert "Traceback" not in (doc.message or "") and "\n" not in (doc.message or "")


def test_password(files: dict[str, Path], keywords: KeywordSet) -> None:
    doc = scan_one(files["encrypted"], keywords, password="hemmelig")
    assert doc.status is Status.YELLOW and doc.counts["Husbanken"] == 1
    # An empty user password (only an owner password) just works.
    assert scan_one(files["owner_only"], keywords).counts["vanskeligstilt"] == 1


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_wrong_password_is_told_apart_from_none(
    files: dict[str, Path], keywords: KeywordSet, engine: str
) -> None:
    options = ScanOptions(jobs=1, engine=engine)
    none = scan_document(PlanRef("A", files["encrypted"]), keywords, options)
    wrong = scan_document(
        PlanRef("A", files["encrypted"]), keywords, replace(options, password="feil")
    )
    assert (none.reason, wrong.reason) == ("encrypted", "wrong-password")
    assert "give --password" in (none.message or "")
    assert (wrong.message or "").startswith("the password is wrong for this PDF")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_no_text_is_not_red_and_blank_is_an_error(
    docs: dict[str, Path], files: dict[str, Path], keywords: KeywordSet, engine: str
) -> None:
    assert scan_one(docs["scanned_pdf"], keywords, engine=engine).status is Status.NO_TEXT
    if engine == "pdfium":  # pdfplumber hangs on this file: see the timeout test
        assert scan_one(files["reference_loop"], keywords, engine=engine).reason == "damaged"


@pytest.mark.slow  # deadlines, kills and memory caps take real time
def test_a_hanging_parser_is_killed_at_the_deadline(
    files: dict[str, Path], keywords: KeywordSet
) -> None:
    started = time.monotonic()
    doc = scan_one(files["reference_loop"], keywords, engine="pdfplumber")
    elapsed = time.monotonic() - started
    assert (doc.status, doc.reason) == (Status.ERROR, "timeout")
    assert FAST.timeout_seconds <= elapsed < FAST.timeout_seconds + 3


@pytest.mark.slow  # deadlines, kills and memory caps take real time
def test_pages_read_before_a_timeout_are_kept(tmp_path: Path, keywords: KeywordSet) -> None:
    path = hostile.slow_last_page(tmp_path / "slow.pdf")
    limits = Limits(timeout_seconds=1.5, timeout_per_page=0.1)
    doc = scan_document(
        PlanRef("X", path), keywords, ScanOptions(engine="pdfplumber", limits=limits)
    )
    assert (doc.reason, doc.truncated, doc.pages) == ("timeout", True, 2)
    assert doc.counts["Husbanken"] == 2 and doc.status is Status.YELLOW
    assert "after 2 of 3 pages" in (doc.message or "")
    # pdfium reads the same file in well under a second, to the end.
    whole = scan_document(PlanRef("X", path), keywords, ScanOptions(limits=limits))
    assert (whole.reason, whole.pages, whole.truncated) == (None, 3, False)


@pytest.mark.slow  # deadlines, kills and memory caps take real time
def test_memory_cap_stops_a_flate_bomb(tmp_path: Path, keywords: KeywordSet) -> None:
    bomb = hostile.flate_bomb(tmp_path / "bomb.pdf", inflated_mib=256)
    assert bomb.stat().st_size < 2 << 20
    limits = Limits(timeout_seconds=30, max_memory_bytes=200 << 20)
    doc = scan_document(PlanRef("X", bomb), keywords, ScanOptions(limits=limits))
    assert (doc.status, doc.reason) == (Status.ERROR, "too-large")
    assert "more than 200 MiB" in (doc.message or "")


@pytest.mark.slow  # deadlines, kills and memory caps take real time
@pytest.mark.parametrize("builder", ["docx_document_bomb", "docx_unused_part_bomb"])
def test_docx_zip_bombs_are_refused_before_inflating(
    tmp_path: Path, keywords: KeywordSet, builder: str
) -> None:
    path = getattr(hostile, builder)(tmp_path / f"{builder}.docx")
    assert path.stat().st_size < 2 << 20
    started = time.monotonic()
    doc = scan_one(path, keywords)
    assert (doc.status, doc.reason) == (Status.ERROR, "too-large")
    assert "compression bomb" in (doc.message or "")
    assert time.monotonic() - started < 2


@pytest.fixture()
def loopback_server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"LEAKED-FROM-SERVER")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/xxe", requests
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow  # deadlines, kills and memory caps take real time
def test_xxe_leaks_no_file_and_makes_no_request(
    tmp_path: Path, keywords: KeywordSet, loopback_server: tuple[str, list[str]]
) -> None:
    url, requests = loopback_server
    path = hostile.docx_xxe(tmp_path / "xxe.docx", url)
    text = " ".join(extract_pages(path).pages)
    assert "root:" not in text and "LEAKED" not in text
    doc = scan_one(path, keywords)
    assert all("root:" not in hit.snippet for hit in doc.hits)
    assert requests == []


def test_max_pages_truncates_visibly(docs: dict[str, Path], keywords: KeywordSet) -> None:
    limits = Limits(max_pages=1)
    doc = scan_document(PlanRef("X", docs["pages_pdf"]), keywords, ScanOptions(limits=limits))
    assert (doc.pages, doc.truncated, doc.counts["Husbanken"]) == (1, True, 0)
    assert "first 1 of 3 pages" in (doc.message or "")


def _child_pids() -> list[int]:
    me = str(os.getpid())
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == me:
                found.append(int(entry))
    return found


@pytest.mark.slow  # deadlines, kills and memory caps take real time
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_mixed_batch_finishes_in_time_with_real_results_and_no_children_left(
    files: dict[str, Path], keywords: KeywordSet, tmp_path: Path
) -> None:
    batch = tmp_path / "Testby"
    batch.mkdir()
    for name, path in files.items():
        (batch / f"{name}{path.suffix}").write_bytes(path.read_bytes())
    good = {name: scan_one(files[name], keywords) for name in ("good_pdf", "good_docx")}
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    # pdfplumber, because it is the engine that hangs on two of these files.
    result = planscan.scan([batch], options=ScanOptions(engine="pdfplumber", jobs=2, limits=FAST))
    elapsed = time.monotonic() - started
    # Two files hang until the deadline; with two readers they overlap.
    assert elapsed < 2 * FAST.timeout_seconds + 5
    by_name = {Path(d.path).stem: d for d in result.documents}
    assert len(by_name) == len(files)
    for name, alone in good.items():
        assert by_name[name].counts == alone.counts and by_name[name].status is alone.status
    assert by_name["reference_loop"].reason == "timeout"
    assert by_name["huge_xref"].reason == "timeout"
    assert _child_pids() == []
    # The parent never held a document's parse: its peak memory barely moved.
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert grown_kib < 100 * 1024


def test_a_reader_sends_pages_in_batches_and_in_order() -> None:
    from multiprocessing import Pipe

    from planscan.worker import _Outbox

    parent, child = Pipe()
    outbox = _Outbox(child)
    for number in range(200):
        outbox.send(("page", f"side {number}"))
    outbox.send(("done", "result"))
    outbox.close()
    received = []
    while (message := parent.recv())[0] != "done":
        received.append(message)
    pages = [page for kind, batch in received if kind == "pages" for page in batch]
    assert pages == [f"side {number}" for number in range(200)]
    assert len(received) < 20  # batches, not a message per page


@pytest.mark.slow  # deadlines, kills and memory caps take real time
def test_pages_are_sent_while_the_next_page_hangs() -> None:
    from multiprocessing import Pipe

    from planscan.worker import _SEND_PAGES_SECONDS, _Outbox

    parent, child = Pipe()
    outbox = _Outbox(child)
    outbox.send(("page", "one"))
    outbox.send(("page", "two"))
    # Nothing more is sent, as when the parser hangs on the third page.
    assert parent.poll(20 * _SEND_PAGES_SECONDS)
    assert parent.recv() == ("pages", ["one", "two"])
    outbox.close()


def test_a_reader_shares_half_of_what_is_left_and_not_the_last_few_pages() -> None:
    from planscan.worker import SHARE_MIN_PAGES, share_point

    assert share_point(0, 600) == 300
    assert share_point(100, 600) == 350  # half of the 500 pages not read yet
    assert share_point(600 - SHARE_MIN_PAGES, 600) == 600 - SHARE_MIN_PAGES // 2
    assert share_point(600 - SHARE_MIN_PAGES + 1, 600) is None
    assert share_point(599, 600) is None


def test_the_deadline_grows_with_pages_read_not_with_pages_claimed() -> None:
    """A 1.6 KB page tree claims a million pages: that buys it no time (issue 20)."""
    from planscan.models import ExtractedInfo
    from planscan.worker import ReadOutcome, ReadTask, _Reader

    limits = Limits(timeout_seconds=10, timeout_per_page=0.5)
    outcome = ReadOutcome(
        ReadTask(0, PlanRef("X", Path("dag.pdf")), "0" * 64, "pdfium", None),
        info=ExtractedInfo(pages=1_000_000, engine="pdfium"),
    )
    reader = _Reader(process=None, conn=None, outcome=outcome, started=100.0)  # type: ignore[arg-type]
    assert reader.deadline(limits) == 110.0  # nothing read yet: the base only
    outcome.pages = ["side"] * 8
    assert reader.deadline(limits) == 114.0  # half a second per page read
    outcome.pages = ["side"] * 20_000
    assert reader.deadline(limits) == 130.0  # never more than 3 x --timeout


@pytest.mark.slow  # deadlines, kills and memory caps take real time
def test_a_repeating_page_tree_ends_within_three_times_the_timeout(
    tmp_path: Path, keywords: KeywordSet
) -> None:
    """Every page of a million the same page with text: stopped by the deadline or the text
    limit, whichever comes first, though the reader never stops sending pages."""
    dag = hostile.page_tree_dag(tmp_path / "dag.pdf", text=b"Husbanken og startlaan " * 40)
    limits = replace(FAST, timeout_seconds=2, max_memory_bytes=400 << 20)
    doc = scan_document(PlanRef("Testby", dag), keywords, ScanOptions(jobs=1, limits=limits))
    assert doc.reason in ("timeout", "too-large") and doc.truncated in (True, False)
    assert doc.message is not None


def test_text_past_the_limit_is_an_error_row(docs: dict[str, Path], keywords: KeywordSet) -> None:
    options = ScanOptions(jobs=1, limits=replace(FAST, max_text_chars=100))
    doc = scan_document(PlanRef("Testby", docs["terms_pdf"]), keywords, options)
    assert (doc.status, doc.reason) == (Status.ERROR, "too-large")
    assert doc.message is not None and "passed 100 characters" in doc.message


@contextmanager
def _child_beside_ballast() -> Iterator[Any]:
    """A forked child of this process while it holds 300 MB, every page touched (resident):
    nearly all of the child's resident memory is shared with this process."""
    import multiprocessing

    ballast = bytearray(300 << 20)
    ballast[::4096] = b"x" * len(ballast[::4096])
    context = multiprocessing.get_context("fork")
    ready, done = context.Event(), context.Event()
    child = context.Process(target=_hold, args=(ready, done))
    child.start()
    try:
        assert ready.wait(30)
        yield child
    finally:
        done.set()
        child.join(10)
        del ballast


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_a_readers_memory_is_its_own_not_what_it_shares_with_the_parent() -> None:
    """A reader forked from a parent holding 300 MB has 300 MB resident, nearly all of it
    shared: only its own memory counts against --max-memory."""
    from planscan.worker import private_bytes, resident_bytes

    with _child_beside_ballast() as child:
        shared_too, own = resident_bytes(child.pid), private_bytes(child.pid)
        assert shared_too is not None and own is not None
        assert shared_too > 300 << 20
        assert own < 100 << 20


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_own_memory_is_counted_only_when_resident_memory_is_past_the_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Resident memory is cheap to read and never less than a reader's own: the cap is
    checked on it first, and on the reader's own memory only past it."""
    from planscan import worker

    counted: list[int] = []
    own_memory = worker.private_bytes

    def counting(pid: int) -> int | None:
        counted.append(pid)
        return own_memory(pid)

    monkeypatch.setattr(worker, "private_bytes", counting)
    with _child_beside_ballast() as child:
        reader = worker._Reader(process=child, conn=None)  # type: ignore[arg-type]

        def over(cap_mib: int) -> bool:
            reader.memory_checked = 0.0  # due
            return worker._over_memory(reader, Limits(max_memory_bytes=cap_mib << 20))

        assert not over(4096) and counted == []  # under the cap resident: not counted
        assert not over(200) and counted == [child.pid]  # shared with this process
        assert over(1)


def _hold(ready: object, done: object) -> None:
    ready.set()  # type: ignore[attr-defined]
    done.wait(30)  # type: ignore[attr-defined]
