"""Download the plans a manifest lists by URL into the store. The only importer of httpx.

Each download is bounded: http(s) only, at most `max_redirects` redirects (each one
checked), connect and read timeouts, a total deadline (a server that drips one byte
every few seconds is cut off), a byte cap, and retries with backoff on timeouts and 5xx
only. The file type is read from the body's first bytes. A plan that is not online (404,
410, a web page where a document was expected) is a normal outcome, not an error.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planscan._version import __version__
from planscan.discover import load_manifest
from planscan.extract.precheck import sniff
from planscan.keywords import load_keywords
from planscan.models import (
    FetchOutcome,
    FetchRecord,
    FetchReport,
    FetchSettings,
    KeywordSet,
    Shard,
)
from planscan.shard import in_shard
from planscan.store import Store

if TYPE_CHECKING:  # imported when a download starts: `import planscan` stays quick
    import socket

    import httpx

RecordCallback = Callable[[FetchRecord], None]

USER_AGENT = f"planscan/{__version__} (audit of municipal plans; python-httpx)"
ACCEPT = (
    "application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    " application/msword;q=0.9, */*;q=0.1"
)
_SCHEMES = ("http", "https")
_HEAD_BYTES = 2048
INDEX_EVERY = 5.0  # seconds between writes of the store's index during a fetch


def fetch(
    manifest: Path | str,
    *,
    store: Store | Path | str,
    keywords: KeywordSet | Path | str | None = None,
    settings: FetchSettings | None = None,
    shard: Shard | None = None,
    on_record: RecordCallback | None = None,
) -> FetchReport:
    """Download every plan the manifest lists by `url` (and no `path`) into the store.

    An unchanged plan is not downloaded again (ETag / Last-Modified). With `shard`, only
    the URLs of that slice of the manifest are fetched, the slice `scan(shard=...)` reads.
    """
    keyword_set = keywords if isinstance(keywords, KeywordSet) else load_keywords(keywords)
    manifest_path = Path(manifest)
    refs = load_manifest(manifest_path, keyword_set)
    urls: dict[str, None] = {}
    for ref in refs:
        if ref.path is None and ref.url and (shard is None or in_shard(ref, shard)):
            urls.setdefault(ref.url, None)
    return fetch_urls(urls, store=store, settings=settings, on_record=on_record)


def fetch_urls(
    urls: Iterable[str],
    *,
    store: Store | Path | str,
    settings: FetchSettings | None = None,
    on_record: RecordCallback | None = None,
) -> FetchReport:
    """Download each URL into the store and record the outcome; return the records."""
    import httpx

    the_store = store if isinstance(store, Store) else Store(store)
    limits = settings or FetchSettings()
    records = []
    flushed = time.monotonic()
    with httpx.Client(
        follow_redirects=False,  # each redirect is checked here
        headers={"User-Agent": USER_AGENT},
        # A fresh connection per request, so the deadline watchdog sees every socket.
        limits=httpx.Limits(max_keepalive_connections=0),
    ) as client:
        try:
            for url in urls:
                record = _fetch_one(client, url, the_store, limits)
                the_store.put(record)
                records.append(record)
                # Now and then, not per URL: thousands of plans would rewrite the index
                # thousands of times. A crash loses at most a few records, never a file.
                if time.monotonic() - flushed > INDEX_EVERY:
                    the_store.flush()
                    flushed = time.monotonic()
                if on_record is not None:
                    on_record(record)
        finally:
            the_store.flush()
    return FetchReport(str(the_store.root), tuple(records))


class _Stop(Exception):
    """This attempt ended without a document; retry says whether another may help."""

    def __init__(
        self,
        message: str,
        outcome: FetchOutcome = FetchOutcome.FAILED,
        http_status: int | None = None,
        retry: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.outcome = outcome
        self.http_status = http_status
        self.retry = retry


def _fetch_one(
    client: httpx.Client, url: str, store: Store, settings: FetchSettings
) -> FetchRecord:
    fetched_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    previous = store.record(url)
    # The copy to keep, and to ask the server about, is the one actually in the store.
    keep = previous if previous is not None and store.stored_file(previous) else None
    deadline = time.monotonic() + settings.deadline
    attempts = 0
    while True:
        attempts += 1
        try:
            record = _attempt(client, url, keep, store, settings, deadline)
            return replace(record, fetched_at=fetched_at, attempts=attempts)
        except _Stop as stop:
            delay = settings.backoff * 2 ** (attempts - 1)
            out_of_time = time.monotonic() + delay >= deadline
            if not stop.retry or attempts > settings.retries or out_of_time:
                return _failed(url, fetched_at, stop, keep, attempts)
            time.sleep(delay)


def _failed(
    url: str, fetched_at: str, stop: _Stop, keep: FetchRecord | None, attempts: int
) -> FetchRecord:
    """A failed fetch keeps the previous copy, so one bad week does not empty a cell."""
    record = FetchRecord(
        url=url,
        outcome=stop.outcome,
        fetched_at=fetched_at,
        http_status=stop.http_status,
        message=stop.message,
        attempts=attempts,
    )
    if keep is None:
        return record
    return replace(
        record,
        sha256=keep.sha256,
        size=keep.size,
        kind=keep.kind,
        etag=keep.etag,
        last_modified=keep.last_modified,
        message=f"{stop.message}; the copy fetched {keep.fetched_at} is kept",
    )


def _attempt(
    client: httpx.Client,
    url: str,
    keep: FetchRecord | None,
    store: Store,
    settings: FetchSettings,
    deadline: float,
) -> FetchRecord:
    from urllib.parse import urlsplit

    import httpx

    headers = {"Accept": ACCEPT}
    if keep is not None and keep.etag:
        headers["If-None-Match"] = keep.etag
    if keep is not None and keep.last_modified:
        headers["If-Modified-Since"] = keep.last_modified
    current = url
    for _ in range(settings.max_redirects + 1):
        if urlsplit(current).scheme.lower() not in _SCHEMES:
            where = "" if current == url else f"redirected to {current}: "
            raise _Stop(f"{where}only http and https URLs are fetched", FetchOutcome.REFUSED)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Stop(_deadline_message(settings))
        watchdog = _Watchdog(deadline)
        try:
            with client.stream(
                "GET",
                current,
                headers=headers,
                timeout=httpx.Timeout(
                    connect=min(settings.connect_timeout, remaining),
                    read=min(settings.read_timeout, remaining),
                    write=min(settings.read_timeout, remaining),
                    pool=min(settings.connect_timeout, remaining),
                ),
                extensions={"trace": watchdog.trace},
            ) as response:
                if response.has_redirect_location:
                    current = str(response.url.join(response.headers["Location"]))
                    continue
                record = _receive(response, url, keep, store, settings, deadline)
                return replace(record, final_url=current)
        except httpx.TimeoutException:
            if watchdog.fired or time.monotonic() >= deadline:
                raise _Stop(_deadline_message(settings)) from None
            raise _Stop("timed out waiting for the server", retry=True) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise _Stop(f"not a URL that can be fetched: {exc}", FetchOutcome.REFUSED) from None
        except httpx.HTTPError as exc:
            if watchdog.fired:
                raise _Stop(_deadline_message(settings)) from None
            raise _Stop(f"could not download: {exc}") from None
        except OSError as exc:
            raise _Stop(f"cannot write to the store {store.root}: {exc.strerror}") from None
        finally:
            watchdog.cancel()
    raise _Stop(f"more than {settings.max_redirects} redirects (a redirect loop?)")


def _receive(
    response: httpx.Response,
    url: str,
    keep: FetchRecord | None,
    store: Store,
    settings: FetchSettings,
    deadline: float,
) -> FetchRecord:
    status = response.status_code
    said = f"HTTP {status} {response.reason_phrase}".rstrip()
    if status == 304 and keep is not None:
        return replace(
            keep,
            outcome=FetchOutcome.UNCHANGED,
            http_status=status,
            etag=response.headers.get("ETag", keep.etag),
            last_modified=response.headers.get("Last-Modified", keep.last_modified),
            message=None,
        )
    if status in (404, 410):
        outcome = FetchOutcome.NOT_FOUND if status == 404 else FetchOutcome.GONE
        message = f"{said}: the plan is not online at this address"
        return FetchRecord(url, outcome, "", http_status=status, message=message)
    if status >= 500:
        raise _Stop(said, http_status=status, retry=True)
    if not 200 <= status < 300:
        raise _Stop(said, http_status=status)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise _Stop(_too_large(settings), FetchOutcome.TOO_LARGE, status)

    part = store.new_part()
    try:
        digest = hashlib.sha256()
        size = 0
        head = b""
        with part.open("wb") as out:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > settings.max_bytes:
                    raise _Stop(_too_large(settings), FetchOutcome.TOO_LARGE, status)
                if time.monotonic() > deadline:
                    raise _Stop(_deadline_message(settings), http_status=status)
                if len(head) < _HEAD_BYTES:
                    head += chunk[: _HEAD_BYTES - len(head)]
                digest.update(chunk)
                out.write(chunk)
        content_type = response.headers.get("Content-Type", "").lower()
        kind = _kind(head, part, content_type)
        if kind in ("html", "empty"):
            what = "an empty body" if kind == "empty" else "a web page"
            message = f"{said} with {what}, not a PDF or DOCX: the plan is not online (soft 404)"
            return FetchRecord(url, FetchOutcome.SOFT_404, "", http_status=status, message=message)
        if kind is None:
            got = content_type or "no Content-Type"
            message = f"{said} with a file that is neither PDF, DOCX nor DOC ({got})"
            return FetchRecord(
                url, FetchOutcome.NOT_DOCUMENT, "", http_status=status, message=message
            )
        sha256 = digest.hexdigest()
        store.commit(part, sha256, kind)
        return FetchRecord(
            url,
            FetchOutcome.DOWNLOADED,
            "",
            http_status=status,
            sha256=sha256,
            size=size,
            kind=kind,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )
    finally:
        part.unlink(missing_ok=True)


def _kind(head: bytes, part: Path, content_type: str) -> str | None:
    """The stored file type, from the body's first bytes; 'html'/'empty' for a soft 404."""
    sniffed = sniff(head)
    if sniffed == "pdf":
        return "pdf"
    if sniffed == "ole":
        return "doc"
    if sniffed == "zip":
        import zipfile

        try:
            with zipfile.ZipFile(part) as archive:
                return "docx" if "word/document.xml" in archive.namelist() else None
        except (zipfile.BadZipFile, OSError):
            return None
    if sniffed in ("html", "empty"):
        return sniffed
    return "html" if content_type.startswith(("text/html", "application/xhtml")) else None


def _deadline_message(settings: FetchSettings) -> str:
    return f"gave up after {settings.deadline:g} s, the time allowed per download (--deadline)"


def _too_large(settings: FetchSettings) -> str:
    return f"larger than {settings.max_bytes} bytes, the most allowed (--max-bytes)"


class _Watchdog:
    """Shut a download's socket when the deadline passes, whatever the socket is waiting
    for: read timeouts alone let a server that drips headers or body hold on for ever."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.fired = False
        self._timers: list[threading.Timer] = []

    def trace(self, event: str, info: Mapping[str, Any]) -> None:
        if event != "connection.connect_tcp.complete":
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        import socket

        if isinstance(sock, socket.socket):
            timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), self._fire, (sock,))
            timer.daemon = True
            timer.start()
            self._timers.append(timer)

    def _fire(self, sock: socket.socket) -> None:
        import socket

        self.fired = True
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:  # already closed
            pass

    def cancel(self) -> None:
        for timer in self._timers:
            timer.cancel()
