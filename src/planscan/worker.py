"""Read documents in child processes, so that no document can hang, exhaust or crash a scan.

Each reader is a child process in its own process group. The parent gives it one document
at a time and, every _POLL_SECONDS whatever the reader is doing, checks the clock, the
reader's own memory (on Linux) and the size of the text it sent: a document that takes
longer than its deadline (a base, plus a share per page actually read, up to three times
the base), more memory than the cap or more text than Limits.max_text_chars gets its
reader killed, with any children of its own, and a fresh reader takes the next document.
What a file claims (a million pages) never extends its budget. Pages are sent to the
parent as they are read (in batches, every 50 ms), so a timeout late in a long plan keeps
what was read. A reader dies with the parent (childprocess.py), even on SIGKILL.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from typing import Any

from planscan.analysis import analyse, index_keeping_text, read_and_analyse
from planscan.childprocess import die_with_parent
from planscan.describe import blank_result
from planscan.errors import DocumentError
from planscan.i18n import N_, Message, error_message
from planscan.judge import JudgedPart
from planscan.match import DocumentIndex, split_running
from planscan.models import DocumentResult, ExtractedInfo, Hit, KeywordSet, Limits, PlanRef
from planscan.runninglines import Edges, Span, running_keys_from_counts, spans_from_edges

_POLL_SECONDS = 0.1
# A reader sends the pages it has read at most this often (and before any other message):
# one message per page would wake the parent hundreds of times a second, and on a
# two-core machine every wake-up takes a core from a reader.
_SEND_PAGES_SECONDS = 0.05


@dataclass(frozen=True)
class ReadTask:
    """One document (or, for a shared PDF, the part from first_page) for a reader."""

    index: int
    ref: PlanRef
    sha256: str
    engine: str
    password: str | None
    evidence: bool = True
    ocr: bool = False
    first_page: int = 0  # > 0: the second part of a long PDF that two readers share


@dataclass
class ReadOutcome:
    """What came back for one document: its pages so far, and a result or an error."""

    task: ReadTask
    info: ExtractedInfo | None = None
    pages: list[str] = field(default_factory=list)
    title_text: str = ""
    # The running-line spans and vocabulary a reader sent: with the pages, the index.
    index_parts: tuple[tuple[tuple[Span, ...], ...], dict[str, int]] | None = None
    built_index: DocumentIndex | None = None
    ocr_pages: int = 0
    result: DocumentResult | None = None
    error: DocumentError | None = None
    detail: str | None = None  # the raw exception, shown only with --debug
    stopped: str | None = None  # "timeout", "memory" or "text": the parent killed the reader
    chars: int = 0  # characters of text received, for Limits.max_text_chars
    split_at: int | None = None  # the page this reader stopped at; another read the rest
    # A shared document's counts: its parts' counts added up, which is what counting the
    # joined text again would give (a word or phrase never spans two pages).
    counts: dict[str, int] | None = None
    hits: dict[str, list[Hit]] | None = None  # likewise its hits, with evidence
    # A part's page edges and running-line key counts (see headers.py), to be joined.
    part: tuple[list[Edges], Counter[str]] | None = None
    joined: bool = False  # two readers' parts, joined: the parent scores the whole
    # A part's passages, judged in its reader; for a joined document, both parts' (unless
    # the parts found other running lines than the whole has: the parent judges it whole).
    judged: JudgedPart | None = None
    judged_parts: tuple[JudgedPart, ...] | None = None

    @property
    def index(self) -> DocumentIndex | None:
        """The document's index, for the cache and for joining parts: built when first
        needed, which a scan without the cache may never do."""
        if self.built_index is None and self.index_parts is not None:
            spans, vocabulary = self.index_parts
            bodies, headers = split_running(self.pages, spans)
            self.built_index = DocumentIndex(bodies, vocabulary, headers)
        return self.built_index


# The child's side -------------------------------------------------------------------------


class _Outbox:
    """A reader's messages to the parent, with pages sent in batches.

    A thread sends the pages read so far every _SEND_PAGES_SECONDS, so that a page which
    hangs its parser (in C, which lets the thread run, or in Python, which switches
    threads) does not hold back the pages read before it: the parent keeps those when it
    kills the reader on its deadline.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()
        self.pages: list[str] = []
        self.closed = threading.Event()
        self.thread = threading.Thread(target=self._send_pages_often, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.closed.set()
        self.thread.join()

    def send(self, message: tuple[Any, ...]) -> None:
        with self.lock:
            if message[0] == "page":
                self.pages.append(message[1])
                return
            self._send_pages()
            self.conn.send(message)

    def _send_pages(self) -> None:
        if self.pages:
            pages, self.pages = self.pages, []
            self.conn.send(("pages", pages))

    def _send_pages_often(self) -> None:
        while not self.closed.wait(_SEND_PAGES_SECONDS):
            try:
                with self.lock:
                    self._send_pages()
            except (OSError, ValueError):  # the parent has gone
                return


def _child_main(
    conn: Connection,
    keywords: KeywordSet,
    limits: Limits,
    pdfs: bool,
    parent_pid: int,
    others: Sequence[Connection] = (),
) -> None:
    die_with_parent(parent_pid)  # SIGKILL when planscan ends, however it ends
    if hasattr(os, "setsid"):
        os.setsid()  # own process group: killing it also kills anything it started
    # The parent's ends of the other readers' pipes, inherited by fork: held open here,
    # they would keep those readers waiting for a parent that has gone.
    for other in others:
        other.close()
    # Ctrl-C goes to the parent, which ends the children; they must not print tracebacks.
    # The parent's handlers for SIGTERM and SIGHUP (cli.main) are not the reader's.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)

    if pdfs:
        # Loaded before the first task, so that a reader started to share a long PDF can
        # take its half the moment the other reader stops (see "halve" below).
        import planscan.extract.pdfium  # noqa: F401
    outbox = _Outbox(conn)
    outbox.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        if isinstance(task, tuple):  # a ("halve", pages) that came after the task ended
            continue
        limit: list[int | None] = [None]

        def stop(index: int, limit: list[int | None] = limit) -> int | None:
            # The parent may ask this reader to share the rest of a long PDF with a second
            # reader, ready and waiting: it keeps half of the pages not yet read (it knows
            # where it is; the parent, getting pages in batches, does not) and says where
            # it stops.
            if limit[0] is None and conn.poll():
                message = conn.recv()
                if isinstance(message, tuple) and message[0] == "halve":
                    limit[0] = share_point(index, message[1])
                    if limit[0] is not None:
                        outbox.send(("limit-ack", limit[0]))
            return limit[0]

        try:
            result = read_and_analyse(
                task.ref,
                task.sha256,
                task.engine,
                task.password,
                keywords,
                limits,
                send=outbox.send,
                evidence=task.evidence,
                ocr=task.ocr,
                first_page=task.first_page,
                stop=stop if task.engine == "pdfium" else None,
            )
            outbox.send(("done", result))
        except DocumentError as exc:
            detail = repr(exc.__cause__) if exc.__cause__ else None
            outbox.send(("error", exc.reason, error_message(exc), detail))
        except MemoryError:
            outbox.send(("error", "too-large", _MEMORY_MESSAGE, None))
        except Exception as exc:  # a parser bug must not end the scan
            outbox.send(
                (
                    "error",
                    "damaged",
                    Message("the document cannot be read; it may be damaged"),
                    _tb(exc),
                )
            )


def _tb(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).strip()


_MEMORY_MESSAGE = Message(
    "reading the document needed more memory than allowed: a compression bomb?"
)


# The parent's side ------------------------------------------------------------------------


@dataclass
class _Reader:
    """A reader process as the parent sees it: its pipe and the document it is reading."""

    process: Any  # multiprocessing.Process (typed loosely: context-specific classes)
    conn: Connection
    outcome: ReadOutcome | None = None
    started: float = 0.0
    warm: bool = False  # it said "ready": its modules are loaded
    memory_checked: float = 0.0  # when its memory was last read (a file read in /proc)

    def deadline(self, limits: Limits) -> float:
        """The base, plus a share for every page read so far (not what the file claims),
        never more than MAX_TIMEOUT_FACTOR times the base in all."""
        assert self.outcome is not None
        earned = limits.timeout_per_page * len(self.outcome.pages)
        most = (MAX_TIMEOUT_FACTOR - 1) * limits.timeout_seconds
        return self.started + limits.timeout_seconds + min(earned, most)


# A document's time to read is at most this many times --timeout, however many pages it has.
MAX_TIMEOUT_FACTOR = 3


def _context() -> Any:
    # fork starts a reader in milliseconds with planscan already imported; elsewhere spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


# A PDF at least this long is shared by two readers when one would otherwise sit idle...
SPLIT_MIN_PAGES = 120
# ...unless fewer pages than this are left: a second reader's start on the document (and
# joining the parts) costs about as much as reading that many pages.
SHARE_MIN_PAGES = 20


def share_point(index: int, pages: int) -> int | None:
    """Where a reader about to read page `index` of `pages` stops to share the rest with a
    second reader: half-way through what is left, or None when too little is left."""
    left = pages - index
    return index + left // 2 if left >= SHARE_MIN_PAGES else None


def read_documents(
    tasks: Sequence[ReadTask],
    keywords: KeywordSet,
    limits: Limits,
    jobs: int,
    on_outcome: Callable[[ReadOutcome], None],
    on_page: Callable[[ReadTask, int, int], None] | None = None,
) -> None:
    """Read every task in at most `jobs` child processes; call on_outcome as each ends.

    When the queue is empty and a reader is free, a long PDF is shared: once a second
    reader is ready, the first is asked to keep half of the pages it has not read yet and
    the second reads the rest; the two parts are joined here.
    """
    if not tasks:
        return
    context = _context()
    queue = deque(tasks)
    readers: list[_Reader] = []
    first_parts: dict[int, ReadOutcome] = {}  # a split document's first part, once read
    second_parts: dict[int, ReadOutcome] = {}
    splitting: set[int] = set()  # documents to be shared by two readers
    second_queued: set[int] = set()
    to_halve: dict[int, tuple[_Reader, int]] = {}  # waiting for a spare reader to be ready
    jobs = max(1, jobs)
    pdfs = any(task.engine == "pdfium" for task in tasks)

    def start_reader() -> _Reader:
        parent_end, child_end = context.Pipe(duplex=True)
        others = [r.conn for r in readers]  # a forked reader closes its copies of these
        process = context.Process(
            target=_child_main,
            args=(child_end, keywords, limits, pdfs, os.getpid(), others),
            daemon=True,
        )
        process.start()
        child_end.close()
        return _Reader(process, parent_end)

    def assign(reader: _Reader) -> None:
        task = queue.popleft()
        reader.outcome = ReadOutcome(task)
        reader.started = time.monotonic()
        reader.conn.send(task)

    def fill() -> None:
        for reader in readers:
            if reader.outcome is None and queue:
                assign(reader)
        while queue and len(readers) < jobs:
            reader = start_reader()
            readers.append(reader)
            assign(reader)

    def maybe_split(reader: _Reader) -> None:
        outcome = reader.outcome
        if outcome is None or outcome.info is None or queue or jobs < 2:
            return
        task = outcome.task
        pages = outcome.info.pages
        if limits.max_pages is not None:
            pages = min(pages, limits.max_pages)
        idle = sum(r.outcome is None for r in readers) + (jobs - len(readers))
        if task.engine != "pdfium" or task.first_page or pages < SPLIT_MIN_PAGES or not idle:
            return
        if task.index in splitting:
            return
        splitting.add(task.index)
        # The other half goes to a reader that is ready to start on it at once, so that
        # both halves end together: one is started now if none is waiting.
        to_halve[task.index] = (reader, pages)
        if not any(r.outcome is None and r.warm for r in readers):
            readers.append(start_reader())
        halve_when_ready()

    def halve_when_ready() -> None:
        if not any(r.outcome is None and r.warm for r in readers):
            return
        for index, (reader, pages) in list(to_halve.items()):
            del to_halve[index]
            outcome = reader.outcome
            if outcome is not None and outcome.task.index == index:
                reader.conn.send(("halve", pages))

    def finish(outcome: ReadOutcome) -> None:
        index = outcome.task.index
        if index not in splitting:
            on_outcome(outcome)
            return
        if outcome.task.first_page == 0:
            if outcome.split_at is None:  # it read to the end before it could stop
                splitting.discard(index)
                on_outcome(outcome)
                return
            first_parts[index] = outcome
        else:
            second_parts[index] = outcome
        if index in first_parts and index in second_parts:
            splitting.discard(index)
            on_outcome(_join(first_parts.pop(index), second_parts.pop(index)))

    try:
        fill()
        while any(r.outcome is not None for r in readers):
            busy = [r for r in readers if r.outcome is not None]
            starting = [r for r in readers if r.outcome is None and not r.warm]
            ready = wait([r.conn for r in busy + starting], timeout=_POLL_SECONDS)
            for reader in starting:
                if reader.conn in ready and not _hear_ready(reader):
                    readers.remove(reader)  # it died starting: no spare reader after all
                    _shutdown(reader)
            halve_when_ready()
            for reader in busy:
                finished = False
                if reader.conn in ready:
                    finished = _receive(reader, on_page)
                    outcome = reader.outcome
                    if outcome is not None and outcome.split_at is not None:
                        index = outcome.task.index
                        if outcome.task.first_page == 0 and index not in second_queued:
                            second_queued.add(index)
                            queue.appendleft(replace(outcome.task, first_page=outcome.split_at))
                    elif not finished:
                        maybe_split(reader)
                if not finished:
                    # Checked every turn, also while a reader keeps sending: a page tree
                    # that repeats one page for ever is never quiet.
                    over = _over_limits(reader, limits)
                    if over is not None:
                        _stop(reader, over)
                        finished = True
                if not finished:
                    continue
                assert reader.outcome is not None
                outcome, reader.outcome = reader.outcome, None
                if not reader.process.is_alive():
                    readers.remove(reader)
                # The reader gets its next document before this one is finished here
                # (scored, if shared, and written to the cache): it reads meanwhile.
                fill()
                finish(outcome)
                if not queue:  # a reader may be free: it may share another's long PDF
                    for other in readers:
                        maybe_split(other)
            fill()
    finally:
        for reader in readers:  # all asked first, so that they end together
            _ask_to_end(reader)
        for reader in readers:
            _shutdown(reader)


def _join(first: ReadOutcome, second: ReadOutcome) -> ReadOutcome:
    """One document from the two parts two readers read; the parent scores it."""
    joined = ReadOutcome(first.task, info=first.info, title_text=first.title_text, joined=True)
    joined.ocr_pages = first.ocr_pages + second.ocr_pages
    for part in (first, second):
        if part.error is not None:
            joined.error, joined.detail = part.error, part.detail
            return joined
    joined.pages = list(first.pages)
    if first.stopped is not None or len(first.pages) < (first.split_at or 0):
        joined.stopped = first.stopped or second.stopped or "timeout"
        return joined  # the second part does not follow on from the first
    joined.pages += second.pages
    if second.stopped is not None:
        joined.stopped = second.stopped
        return joined
    if first.part is not None and second.part is not None:
        (first_edges, first_seen), (second_edges, second_seen) = first.part, second.part
        keys = running_keys_from_counts(first_seen + second_seen, len(joined.pages))
        if keys != running_keys_from_counts(first_seen, len(first.pages)) or (
            keys != running_keys_from_counts(second_seen, len(second.pages))
        ):
            # The parts found different running lines: find them in the whole document,
            # as one reader would have, and count it again.
            edges = first_edges + second_edges
            spans = spans_from_edges(edges, joined.pages, keys)
            joined.built_index = index_keeping_text(joined.pages, spans)[1]
            return joined
    if first.index is not None and second.index is not None:
        vocabulary = Counter(first.index.vocabulary)
        vocabulary.update(second.index.vocabulary)
        joined.built_index = DocumentIndex(
            first.index.pages + second.index.pages,
            dict(vocabulary),
            _join_headers(first.index, second.index),
        )
    if first.judged is not None and second.judged is not None:
        joined.judged_parts = (first.judged, second.judged)
    if first.result is not None and second.result is not None:
        more = second.result.counts
        joined.counts = {key: n + more.get(key, 0) for key, n in first.result.counts.items()}
        if first.task.evidence:
            joined.hits = _join_hits(first.result.hits, second.result.hits, list(joined.counts))
    return joined


def _join_hits(
    first: Sequence[Hit], second: Sequence[Hit], terms: list[str]
) -> dict[str, list[Hit]]:
    """Two parts' hits as one reader lists them: for each term, the hits in the text in page
    order, then each running-header hit once, on the first page it stands on."""
    in_text: dict[str, list[Hit]] = {term: [] for term in terms}
    in_headers: dict[str, list[Hit]] = {term: [] for term in terms}
    listed: set[tuple[str, str]] = set()
    for hit in (*first, *second):
        if not hit.repeated:
            in_text[hit.term].append(hit)
        elif (hit.term, hit.match.casefold()) not in listed:
            listed.add((hit.term, hit.match.casefold()))
            in_headers[hit.term].append(hit)
    return {term: in_text[term] + in_headers[term] for term in terms}


def _join_headers(first: DocumentIndex, second: DocumentIndex) -> tuple[tuple[str, ...], ...]:
    if not first.headers and not second.headers:
        return ()
    empty: tuple[str, ...] = ()
    return (first.headers or (empty,) * len(first.pages)) + (
        second.headers or (empty,) * len(second.pages)
    )


def _hear_ready(reader: _Reader) -> bool:
    """Take an idle reader's "ready"; False if it died instead."""
    try:
        message = reader.conn.recv()
    except (EOFError, OSError):
        return False
    reader.warm = message[0] == "ready"
    return True


def _receive(reader: _Reader, on_page: Callable[[ReadTask, int, int], None] | None) -> bool:
    """Take the messages waiting from a reader, for at most _POLL_SECONDS (a reader that
    never stops sending must not keep the parent from its checks); True when its
    document is finished."""
    outcome = reader.outcome
    assert outcome is not None
    until = time.monotonic() + _POLL_SECONDS
    while True:
        try:
            message = reader.conn.recv()
        except (EOFError, OSError):
            # The reader died without a word: a crash in a parser, or the memory cap.
            reader.process.join(timeout=5)
            code = reader.process.exitcode
            outcome.error = DocumentError(
                N_("the reader crashed on this document; it is damaged or too large to read"),
                "damaged",
            )
            outcome.detail = f"reader exit code {code}"
            return True
        kind = message[0]
        if kind == "ready":
            reader.warm = True
        _take(outcome, message, on_page)
        if kind in ("done", "error"):
            return True
        if kind == "limit-ack":
            return False  # the caller queues the rest of the document for another reader
        if not reader.conn.poll() or time.monotonic() > until:
            return False


def _take(
    outcome: ReadOutcome,
    message: tuple[Any, ...],
    on_page: Callable[[ReadTask, int, int], None] | None = None,
) -> None:
    """Record one message from a reader in its document's outcome."""
    kind = message[0]
    if kind == "info":
        outcome.info = message[1]
    elif kind == "title":
        outcome.title_text = message[1]
    elif kind == "limit-ack":
        outcome.split_at = message[1]
    elif kind == "index":
        outcome.index_parts = (message[1], message[2])
        outcome.part = message[3]
    elif kind == "ocr":
        outcome.ocr_pages += 1
    elif kind == "pages":
        outcome.pages.extend(message[1])
        outcome.chars += sum(len(page) for page in message[1])
        if on_page is not None and outcome.info is not None:
            on_page(outcome.task, len(outcome.pages), outcome.info.pages)
    elif kind == "judged":
        outcome.judged = message[1]
    elif kind == "done":
        outcome.result = message[1]
    elif kind == "error":
        outcome.error = DocumentError(message[2], message[1])
        outcome.detail = message[3]


def _over_limits(reader: _Reader, limits: Limits) -> str | None:
    """ "timeout", "memory" or "text" when a reader's document has gone past that limit."""
    assert reader.outcome is not None
    if time.monotonic() > reader.deadline(limits):
        return "timeout"
    if reader.outcome.chars > limits.max_text_chars:
        return "text"
    if _over_memory(reader, limits):
        return "memory"
    return None


def _over_memory(reader: _Reader, limits: Limits) -> bool:
    if limits.max_memory_bytes is None:
        return False
    now = time.monotonic()
    if now - reader.memory_checked < _POLL_SECONDS:
        return False
    reader.memory_checked = now
    # A process's own memory is part of its resident memory (hugetlbfs pages apart, which
    # need a pool reserved by root and are mapped by nothing a reader runs), and statm
    # tells that at a thirtieth of the cost of smaps_rollup, which walks every mapping: under
    # the cap resident is under the cap. Only a reader past it resident, as one is that
    # shares much of a large parent, has its own memory counted.
    resident = resident_bytes(reader.process.pid)
    if resident is not None and resident <= limits.max_memory_bytes:
        return False
    used = private_bytes(reader.process.pid)
    return used is not None and used > limits.max_memory_bytes


def private_bytes(pid: int) -> int | None:
    """The memory a process has of its own (USS: private pages, not those it shares with
    the parent it was forked from), where the platform tells it (Linux /proc); else its
    resident memory."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            total = 0
            for line in rollup:
                if line.startswith(("Private_Clean:", "Private_Dirty:", "Private_Hugetlb:")):
                    total += int(line.split()[1]) * 1024
            return total
    except (OSError, ValueError, IndexError):
        return resident_bytes(pid)


def resident_bytes(pid: int) -> int | None:
    """A process's resident memory, where the platform tells it (Linux /proc)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _stop(reader: _Reader, why: str) -> None:
    assert reader.outcome is not None
    _kill(reader)
    reader.outcome.stopped = why
    # Pages already sent are kept; drain what is still in the pipe.
    try:
        while reader.conn.poll():
            message = reader.conn.recv()
            if message[0] in ("pages", "info", "title"):
                _take(reader.outcome, message)
    except (EOFError, OSError):
        pass


def _kill(reader: _Reader) -> None:
    pid = reader.process.pid
    try:
        if hasattr(os, "killpg"):
            os.killpg(pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            reader.process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    reader.process.join(timeout=5)


def _ask_to_end(reader: _Reader) -> None:
    if reader.outcome is None and reader.process.is_alive():
        try:
            reader.conn.send(None)
        except (OSError, ValueError):
            pass


def _shutdown(reader: _Reader) -> None:
    """End a reader: an idle one was asked to (see _ask_to_end), a busy one is killed."""
    if reader.outcome is None and reader.process.is_alive():
        reader.process.join(timeout=1)
    if reader.process.is_alive() or reader.outcome is not None:
        _kill(reader)
    else:
        # A finished reader may have left children in its group (a converter it started).
        try:
            if hasattr(os, "killpg"):
                os.killpg(reader.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    reader.conn.close()


def outcome_to_result(outcome: ReadOutcome, keywords: KeywordSet, limits: Limits) -> DocumentResult:
    """Turn what a reader sent into a DocumentResult, keeping pages read before a timeout."""
    task = outcome.task
    if outcome.result is not None:
        return outcome.result
    if (
        outcome.joined
        and outcome.error is None
        and outcome.stopped is None
        and outcome.info is not None
        and outcome.index is not None
    ):
        # Two readers shared this PDF: score the whole here.
        return analyse(
            task.ref,
            task.sha256,
            outcome.info,
            outcome.pages,
            outcome.title_text,
            keywords,
            truncated=limits.max_pages is not None and outcome.info.pages > limits.max_pages,
            evidence=task.evidence,
            index=outcome.index,
            ocr=outcome.ocr_pages > 0,
            known_counts=outcome.counts,
            known_hits=outcome.hits,
            judged_parts=outcome.judged_parts,
        )
    blank = blank_result(task.ref, keywords, task.sha256)
    if outcome.stopped is not None:
        if outcome.stopped == "memory":
            cap = (limits.max_memory_bytes or 0) // (1024 * 1024)
            message = Message(
                "reading the document needed more than {cap} MiB of memory: a compression"
                " bomb or a damaged file",
                cap=cap,
            )
            return replace(blank, message=message, reason="too-large")
        if outcome.stopped == "text":
            message = Message(
                "the document's text passed {chars} characters after {pages} pages: a page"
                " tree that repeats itself, or a damaged file; not scored",
                chars=format(limits.max_text_chars, ","),
                pages=len(outcome.pages),
            )
            return replace(blank, message=message, reason="too-large")
        total = outcome.info.pages if outcome.info else None
        if outcome.pages and outcome.info is not None:
            partial = analyse(
                task.ref,
                task.sha256,
                outcome.info,
                outcome.pages,
                outcome.title_text,
                keywords,
                truncated=True,
                ocr=outcome.ocr_pages > 0,
            )
            message = Message(
                "reading timed out after {pages} of {total} pages; the colour covers only"
                " those pages (raise --timeout for very long plans)",
                pages=len(outcome.pages),
                total=total,
            )
            return replace(partial, message=message, reason="timeout")
        message = Message("reading the document timed out; it may be damaged (or raise --timeout)")
        return replace(blank, message=message, reason="timeout")
    error = outcome.error or DocumentError(N_("the document cannot be read"), "damaged")
    return replace(blank, message=error_message(error), reason=error.reason, detail=outcome.detail)
