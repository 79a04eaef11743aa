"""Download the plans a manifest lists by URL into the store (over httpclient).

Each download is bounded: http(s) only, at most `max_redirects` redirects (each one
checked), connect and read timeouts, a total deadline (a server that drips one byte
every few seconds is cut off, see httpclient), a byte cap, and retries with backoff on
timeouts and 5xx only. The file type is read from the body's first bytes. A plan that is
not online (404, 410, a web page where a document was expected) is a normal outcome, not
an error.

A web page that is a plan is read as one: with the pages under its path (same host, same
path prefix, robots.txt obeyed (robots.py), one request at a time with a pause between),
or, for a Framsikt publication, from its static content.html and the description.json of
each text block. What is stored is one bundle of the plan's own text (extract/html.py), content-
addressed like a PDF, so a menu or a date on the page that changes is not a changed plan.
"""

from __future__ import annotations

import hashlib
import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from planscan.discover import load_manifest
from planscan.errors import DocumentError
from planscan.extract.precheck import sniff
from planscan.httpclient import HttpClient, HttpError, Response
from planscan.i18n import Message, error_message
from planscan.keywords import load_keywords
from planscan.models import (
    FetchOutcome,
    FetchRecord,
    FetchReport,
    FetchSettings,
    KeywordSet,
    Limits,
    Shard,
)
from planscan.shard import in_shard
from planscan.store import Store
from planscan.urls import Credentials, split_credentials, strip_credentials, with_credentials

if TYPE_CHECKING:
    from planscan.robots import Robots

RecordCallback = Callable[[FetchRecord], None]

ACCEPT = (
    "application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    " application/msword;q=0.9, */*;q=0.1"
)
_SCHEMES = ("http", "https")
_HEAD_BYTES = 2048
_WEB_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
# Framsikt's one-page view of a publication ("Vis planen på én side"): always this id.
FRAMSIKT_SUMMARY = "content/html/summary/11111111-1111-1111-1111-111111111111/content.html"
_MAX_CRAWL_DELAY = 10.0  # seconds: a robots.txt asking for more is followed this far
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
            urls.setdefault(with_credentials(ref.url, ref.credentials), None)
    return fetch_urls(urls, store=store, settings=settings, on_record=on_record)


def fetch_urls(
    urls: Iterable[str],
    *,
    store: Store | Path | str,
    settings: FetchSettings | None = None,
    on_record: RecordCallback | None = None,
) -> FetchReport:
    """Download each URL into the store and record the outcome; return the records, in the
    order of `urls`.

    Up to `settings.hosts` hosts are fetched at once, each by one thread that asks its
    host for one URL at a time: a slow municipality does not hold up the others, and no
    server gets two requests at once.
    """
    the_store = store if isinstance(store, Store) else Store(store)
    the_store.sweep_parts()
    the_store.records()  # read the index once, before any thread looks up a URL in it
    limits = settings or FetchSettings()
    todo = list(urls)
    by_host: dict[str, list[int]] = {}
    for position, url in enumerate(todo):
        by_host.setdefault((urlsplit(url).hostname or "").lower(), []).append(position)
    hosts: queue.SimpleQueue[list[int]] = queue.SimpleQueue()
    for positions in by_host.values():
        hosts.put(positions)
    done: queue.SimpleQueue[tuple[int, FetchRecord | BaseException]] = queue.SimpleQueue()
    # The whole fetch has a budget too: unresponsive servers must not hold a CI job for
    # hours. A URL not reached in time is recorded as failed (its stored copy is kept).
    until = time.monotonic() + limits.budget

    def fetch_hosts() -> None:
        with HttpClient() as client:
            while True:
                try:
                    positions = hosts.get_nowait()
                except queue.Empty:
                    return
                for position in positions:
                    try:
                        record = _fetch_one(client, todo[position], the_store, limits, until)
                    except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                        done.put((position, exc))
                        return
                    done.put((position, record))

    # Daemon threads: an interrupted fetch ends without waiting for a slow server; what
    # they leave is a .part file the next fetch sweeps.
    threads = [
        threading.Thread(target=fetch_hosts, name="planscan-fetch", daemon=True)
        for _ in range(max(1, min(limits.hosts, len(by_host))))
    ]
    records: dict[int, FetchRecord] = {}
    flushed = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        while len(records) < len(todo):
            try:
                position, outcome = done.get(timeout=0.5)  # wakes for signals now and then
            except queue.Empty:
                if not any(thread.is_alive() for thread in threads) and done.empty():
                    raise RuntimeError("the fetch threads ended before every URL") from None
                continue
            if isinstance(outcome, BaseException):
                raise outcome
            the_store.put(outcome)
            records[position] = outcome
            # Now and then, not per URL: thousands of plans would rewrite the index
            # thousands of times. A crash loses at most a few records, never a file.
            if time.monotonic() - flushed > INDEX_EVERY:
                the_store.flush()
                flushed = time.monotonic()
            if on_record is not None:
                on_record(outcome)
    finally:
        the_store.flush()
    return FetchReport(str(the_store.root), tuple(records[i] for i in range(len(todo))))


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
    client: HttpClient,
    url: str,
    store: Store,
    settings: FetchSettings,
    until: float = float("inf"),
) -> FetchRecord:
    fetched_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    # User information in a URL is used for the request, as Basic auth, and kept out of
    # everything stored or shown: the record, the store's index, messages.
    url, auth = split_credentials(url)
    previous = store.record(url)
    # The copy to keep, and to ask the server about, is the one actually in the store.
    keep = previous if previous is not None and store.stored_file(previous) else None
    deadline = min(time.monotonic() + settings.deadline, until)
    if deadline <= time.monotonic():
        stop = _Stop(
            Message(
                "not fetched: the fetch used up its {seconds} s (--budget) before this URL",
                seconds=format(settings.budget, "g"),
            )
        )
        return _failed(url, fetched_at, stop, keep, 0)
    attempts = 0
    while True:
        attempts += 1
        try:
            record = _attempt(client, url, keep, store, settings, deadline, auth)
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
        message=Message(
            "{message}; the copy fetched {fetched} is kept",
            message=stop.message,
            fetched=keep.fetched_at,
        ),
    )


def _attempt(
    client: HttpClient,
    url: str,
    keep: FetchRecord | None,
    store: Store,
    settings: FetchSettings,
    deadline: float,
    auth: Credentials | None = None,
) -> FetchRecord:
    from urllib.parse import urlsplit

    headers = {"Accept": ACCEPT}
    # A web plan is many files: an unchanged first page says nothing of the others.
    conditional = keep is not None and keep.kind != "html"
    if conditional and keep is not None and keep.etag:
        headers["If-None-Match"] = keep.etag
    if conditional and keep is not None and keep.last_modified:
        headers["If-Modified-Since"] = keep.last_modified
    current = url
    for _ in range(settings.max_redirects + 1):
        if urlsplit(current).scheme.lower() not in _SCHEMES:
            refused = Message("only http and https URLs are fetched")
            if current != url:
                refused = Message("redirected to {url}: {why}", url=current, why=refused)
            raise _Stop(refused, FetchOutcome.REFUSED)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Stop(_deadline_message(settings))
        try:
            # The credentials go only to the host they were given for, not where it redirects.
            same_host = urlsplit(current).netloc == urlsplit(url).netloc
            with client.stream(
                current,
                headers=headers,
                connect_timeout=min(settings.connect_timeout, remaining),
                read_timeout=min(settings.read_timeout, remaining),
                deadline=deadline,
                auth=auth if same_host else None,
            ) as response:
                if response.redirect is not None:
                    current = strip_credentials(response.redirect)
                    continue
                received = _receive(response, url, keep, store, settings, deadline)
                if isinstance(received, FetchRecord):
                    return replace(received, final_url=current)
            # A web page: read it as a plan now its own download is closed.
            record = _web_plan(client, url, current, received, store, settings, deadline)
            return replace(record, final_url=current)
        except HttpError as exc:
            if exc.kind == "deadline" or time.monotonic() >= deadline:
                raise _Stop(_deadline_message(settings)) from None
            if exc.kind == "timeout":
                raise _Stop(Message("timed out waiting for the server"), retry=True) from None
            if exc.kind == "invalid-url":
                refused = Message("not a URL that can be fetched: {why}", why=str(exc))
                raise _Stop(refused, FetchOutcome.REFUSED) from None
            if exc.kind == "too-large":
                raise _Stop(_too_large(settings), FetchOutcome.TOO_LARGE) from None
            raise _Stop(Message("could not download: {why}", why=str(exc))) from None
        except OSError as exc:
            raise _Stop(_unwritable(store, exc)) from None
    raise _Stop(Message("more than {n} redirects (a redirect loop?)", n=settings.max_redirects))


class _Page:
    """A web page downloaded where a document was expected: a web plan, or a soft 404."""

    def __init__(self, body: bytes, status: int, said: str) -> None:
        self.body = body
        self.status = status
        self.said = said


def _receive(
    response: Response,
    url: str,
    keep: FetchRecord | None,
    store: Store,
    settings: FetchSettings,
    deadline: float,
) -> FetchRecord | _Page:
    status = response.status
    said = f"HTTP {status} {response.reason}".rstrip()
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
        message = Message("{said}: the plan is not online at this address", said=said)
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
        cap, web_cap = settings.max_bytes, Limits().html_max_bytes
        with part.open("wb") as out:
            for chunk in response.chunks(settings.max_bytes):
                size += len(chunk)
                if size > cap:
                    if cap == web_cap:
                        message = Message(
                            "a web page larger than {n} bytes, the most read of one", n=web_cap
                        )
                        raise _Stop(message, FetchOutcome.TOO_LARGE, status)
                    raise _Stop(_too_large(settings), FetchOutcome.TOO_LARGE, status)
                if time.monotonic() > deadline:
                    raise _Stop(_deadline_message(settings), http_status=status)
                if len(head) < _HEAD_BYTES:
                    head += chunk[: _HEAD_BYTES - len(head)]
                    if sniff(head) == "html":  # a page, not a document: a web page's limit
                        cap = min(settings.max_bytes, web_cap)
                digest.update(chunk)
                out.write(chunk)
        content_type = response.headers.get("Content-Type", "").lower()
        kind = _kind(head, part, content_type)
        if kind == "html":
            return _Page(part.read_bytes(), status, said)
        if kind == "empty":
            message = Message(
                "{said} with an empty body, not a PDF or DOCX: the plan is not online (soft 404)",
                said=said,
            )
            return FetchRecord(url, FetchOutcome.SOFT_404, "", http_status=status, message=message)
        if kind is None:
            got = content_type or Message("no Content-Type")
            message = Message(
                "{said} with a file that is neither PDF, DOCX nor DOC ({got})", said=said, got=got
            )
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


def _web_plan(
    client: HttpClient,
    url: str,
    final_url: str,
    page: _Page,
    store: Store,
    settings: FetchSettings,
    deadline: float,
) -> FetchRecord:
    """Read a web page as a plan (with its pages, or as a Framsikt publication) into one
    bundle in the store; a page with no plan text is a soft 404."""
    from planscan.extract.html import MIN_PLAN_WORDS, make_bundle, read_web_page

    limits = _web_limits(deadline)
    try:
        first = read_web_page(page.body, final_url, limits)
    except DocumentError as exc:
        outcome = FetchOutcome.TOO_LARGE if exc.reason == "too-large" else FetchOutcome.FAILED
        unread = Message("the web page cannot be read: {why}", why=error_message(exc))
        raise _Stop(unread, outcome, page.status) from None
    web = _Web(client, settings, deadline)
    note = None
    if _is_framsikt(final_url, page.body, first.words):
        pages = [(_framsikt_base(final_url), _framsikt_text(web, final_url, limits))]
    else:
        rest, words, note = _crawl(web, final_url, first.links, len(page.body), limits)
        if first.words + words < MIN_PLAN_WORDS:
            message = Message(
                "{said} with a web page with no plan text ({words} words besides menus and"
                " links), not a PDF, DOCX or web plan: the plan is not online (soft 404)",
                said=page.said,
                words=first.words,
            )
            return FetchRecord(
                url, FetchOutcome.SOFT_404, "", http_status=page.status, message=message
            )
        pages = [(final_url, first.content), *rest]
    bundle = make_bundle(first.title, pages)
    sha256 = hashlib.sha256(bundle).hexdigest()
    part = store.new_part()
    try:
        part.write_bytes(bundle)
        store.commit(part, sha256, "html")
    except OSError as exc:
        raise _Stop(_unwritable(store, exc)) from None
    finally:
        part.unlink(missing_ok=True)
    return FetchRecord(
        url,
        FetchOutcome.DOWNLOADED,
        "",
        http_status=page.status,
        sha256=sha256,
        size=len(bundle),
        kind="html",
        message=note,
    )


def _web_limits(deadline: float) -> Limits:
    return Limits(timeout_seconds=max(1.0, deadline - time.monotonic()))


class _Web:
    """Requests for the rest of a web plan: one at a time, a pause between two, robots.txt
    obeyed, each within the download's deadline and a web page's byte limit."""

    def __init__(self, client: HttpClient, settings: FetchSettings, deadline: float) -> None:
        self.client = client
        self.settings = settings
        self.deadline = deadline
        self.delay = settings.web_delay
        self._robots: dict[str, Robots | None] = {}
        self._last = 0.0

    def allowed(self, url: str) -> bool:
        from urllib.parse import urlsplit

        from planscan.robots import Robots

        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            rules: Robots | None = None
            status, _, body = self.get(f"{origin}/robots.txt", check_robots=False)
            if status in (401, 403):
                rules = Robots("User-agent: *\nDisallow: /\n")
            elif status == 200:
                rules = Robots(body.decode("utf-8", "replace"))
                asked = rules.crawl_delay()
                if asked is not None:
                    self.delay = max(self.delay, min(asked, _MAX_CRAWL_DELAY))
            self._robots[origin] = rules
        rules = self._robots[origin]
        return rules is None or rules.allowed(url)

    def get(self, url: str, check_robots: bool = True) -> tuple[int, str, bytes]:
        """(HTTP status, final URL, body) of a GET, redirects followed and checked."""
        from urllib.parse import urlsplit

        current = url
        for _ in range(self.settings.max_redirects + 1):
            if urlsplit(current).scheme.lower() not in _SCHEMES:
                return 0, current, b""
            if check_robots and not self.allowed(current):
                return 403, current, b""
            wait = self._last + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                raise _Stop(_deadline_message(self.settings))
            try:
                with self.client.stream(
                    current,
                    headers={"Accept": _WEB_ACCEPT},
                    connect_timeout=min(self.settings.connect_timeout, remaining),
                    read_timeout=min(self.settings.read_timeout, remaining),
                    deadline=self.deadline,
                ) as response:
                    if response.redirect is not None:
                        current = strip_credentials(response.redirect)
                        continue
                    body = b""
                    if response.status == 200:
                        cap = Limits().html_max_bytes
                        try:
                            for chunk in response.chunks(cap):
                                body += chunk
                        except HttpError as exc:
                            if exc.kind != "too-large":
                                raise
                            return 413, current, b""
                    return response.status, current, body
            except HttpError as exc:
                if exc.kind == "deadline" or time.monotonic() >= self.deadline:
                    raise _Stop(_deadline_message(self.settings)) from None
                return 0, current, b""
            finally:
                self._last = time.monotonic()
        return 0, current, b""


def _crawl(
    web: _Web, start: str, links: tuple[str, ...], size: int, limits: Limits
) -> tuple[list[tuple[str, str]], int, str | None]:
    """The other pages of a web plan under the start page's path, in the order they are
    linked (breadth first), each page once; their words; a note when a limit stopped it."""
    from collections import deque
    from urllib.parse import urlsplit

    from planscan.extract.html import read_web_page

    prefix = _path_prefix(start)
    pages: list[tuple[str, str]] = []
    words = 0
    if urlsplit(prefix).path == "/":  # a site's front page: its links are the whole site
        return pages, words, None
    queue = deque(link for link in links if _under(link, prefix))
    seen = {start}
    while queue:
        link = queue.popleft()
        if link in seen:
            continue
        seen.add(link)
        if len(pages) + 1 >= web.settings.web_max_pages:
            limit = Message("{n} pages", n=web.settings.web_max_pages)
            return pages, words, _stopped(limit, prefix)
        if size >= limits.html_max_bytes:
            return pages, words, _stopped(Message("{n} bytes", n=limits.html_max_bytes), prefix)
        if time.monotonic() + web.delay >= web.deadline:
            limit = Message("{n} s (--deadline)", n=format(web.settings.deadline, "g"))
            return pages, words, _stopped(limit, prefix)
        status, final, body = web.get(link)
        if status != 200 or sniff(body[:_HEAD_BYTES]) != "html":
            continue
        if final != link and (not _under(final, prefix) or final in seen):
            continue
        seen.add(final)
        try:
            page = read_web_page(body, final, limits)
        except DocumentError:
            continue
        size += len(body)
        words += page.words
        pages.append((final, page.content))
        queue.extend(next_link for next_link in page.links if _under(next_link, prefix))
    return pages, words, None


def _stopped(limit: Message, prefix: str) -> Message:
    return Message(
        "only the pages under {prefix} read within {limit} were kept (the limit)",
        prefix=prefix,
        limit=limit,
    )


def _path_prefix(url: str) -> str:
    """The folder a web plan's pages sit under: the start page's path as a folder."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _under(url: str, prefix: str) -> bool:
    return url.startswith(prefix) and url != prefix.rstrip("/")


def _is_framsikt(url: str, body: bytes, words: int) -> bool:
    """A Framsikt publication: on Framsikt's hosts, or an app page without text of its own
    that names Framsikt (a municipality's own address for it)."""
    from urllib.parse import urlsplit

    from planscan.extract.html import MIN_PLAN_WORDS

    host = (urlsplit(url).hostname or "").lower()
    if host == "framsikt.net" or host.endswith(".framsikt.net"):
        return True
    return words < MIN_PLAN_WORDS and b"framsikt" in body[:65536].lower()


def _framsikt_base(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    path = parts.path.removesuffix("index.html")
    path = path if path.endswith("/") else path + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _framsikt_text(web: _Web, url: str, limits: Limits) -> str:
    """The whole publication as HTML, in document order: Framsikt's one-page view gives the
    headings and where each text block goes; each block's description.json gives its text.
    Anything else than that structure is an error naming what was not as expected."""
    import json
    import re
    from html import escape

    from planscan.extract.html import clean_fragment, framsikt_outline

    base = _framsikt_base(url)
    summary = base + FRAMSIKT_SUMMARY

    def unexpected(what: Message) -> Message:
        return Message(
            "{url}: a Framsikt publication planscan cannot read as expected: {what}",
            url=url,
            what=what,
        )

    status, _, body = web.get(summary)
    if status != 200:
        said = (
            Message("{url} is not allowed by robots.txt", url=summary)
            if status == 403
            else Message("{url} answered HTTP {status}", url=summary, status=status)
        )
        raise _Stop(unexpected(said), http_status=status or None)
    try:
        outline = framsikt_outline(body, limits)
    except DocumentError as exc:
        raise _Stop(
            unexpected(Message("{url}: {why}", url=summary, why=error_message(exc)))
        ) from None
    blocks = [value for kind, value in outline if kind == "text"]
    if not blocks:
        raise _Stop(unexpected(Message("{url} has no text blocks (no dataId)", url=summary)))
    if len(blocks) > web.settings.web_max_parts:
        raise _Stop(
            unexpected(
                Message(
                    "{url} has {blocks} text blocks, more than the {most} planscan reads",
                    url=summary,
                    blocks=len(blocks),
                    most=web.settings.web_max_parts,
                )
            ),
            FetchOutcome.TOO_LARGE,
        )
    parts: list[str] = []
    size = len(body)
    for number, (kind, value) in enumerate(outline):
        if kind != "text":
            parts.append(f'<{kind} id="s-{number}">{escape(value)}</{kind}>')
            continue
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,100}", value):
            raise _Stop(
                unexpected(
                    Message("{url} has a text block id {id}", url=summary, id=repr(value[:40]))
                )
            )
        where = f"{base}content/text/{value}/description.json"
        status, _, data = web.get(where)
        if status != 200:
            said = Message("{url} answered HTTP {status}", url=where, status=status)
            raise _Stop(unexpected(said), http_status=status or None)
        size += len(data)
        if size > limits.html_max_bytes:
            raise _Stop(
                Message(
                    "{url}: the Framsikt publication is larger than {n} bytes, the most read of"
                    " a web plan",
                    url=url,
                    n=limits.html_max_bytes,
                ),
                FetchOutcome.TOO_LARGE,
            )
        try:
            description = json.loads(data)["description"]
            if not isinstance(description, str):
                raise TypeError("description is not text")
            parts.append(clean_fragment(description, limits))
        except (ValueError, KeyError, TypeError) as exc:
            said = Message("{url} has no description text ({why})", url=where, why=str(exc))
            raise _Stop(unexpected(said)) from None
        except DocumentError as exc:
            raise _Stop(
                unexpected(Message("{url}: {why}", url=where, why=error_message(exc)))
            ) from None
    return "\n".join(parts)


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


def _deadline_message(settings: FetchSettings) -> Message:
    return Message(
        "gave up after {seconds} s, the time allowed per download (--deadline)",
        seconds=format(settings.deadline, "g"),
    )


def _too_large(settings: FetchSettings) -> Message:
    return Message("larger than {n} bytes, the most allowed (--max-bytes)", n=settings.max_bytes)


def _unwritable(store: Store, exc: OSError) -> Message:
    return Message("cannot write to the store {folder}: {why}", folder=store.root, why=exc.strerror)
