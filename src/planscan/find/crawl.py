"""Search one municipality's website for plans, politely and within bounds.

The crawl starts at the website's front page (or --start-url), reads robots.txt first and
obeys it (Protego), reads the sitemaps it lists, follows links on the site by how much they
look like plan pages (depth and page budgets), notes links to documents on the site and on
allowed document hosts (Azure blob stores, Framsikt, OpenGov), uses the site's own search
form for levels still missing, and last asks each level's chosen document for its first
bytes, so a dead link is not written down. Every request waits for its host's turn (pacing).
"""

from __future__ import annotations

import email.utils
import html
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from planscan.chars import fold
from planscan.extract.precheck import sniff
from planscan.find.pacing import OutOfTime, Pacer
from planscan.find.pagecache import CachedPage, PageCache
from planscan.find.recognise import recognise, url_words
from planscan.httpclient import HttpClient, HttpError
from planscan.i18n import Message
from planscan.models import (
    Candidate,
    FindSettings,
    KeywordSet,
    LevelFinding,
    SearchOutcome,
    SiteSearch,
)
from planscan.robots import Robots

EventCallback = Callable[[str, str], None]  # municipality, what it is doing

# Hosts where municipalities keep their documents (publishing.md: 26 % of the Buskerud plans
# are on one of them). A leading dot: the host and its subdomains.
DOCUMENT_HOSTS = (
    "aimblob.blob.core.windows.net",
    "pub.framsikt.net",
    ".framsikt.net",
    "opengov.360online.com",
)
_FRAMSIKT = ".framsikt.net"
# Framsikt publications: plan module and budget module paths (publishing.md 1.3), on
# pub.framsikt.net, a municipality's own framsikt.net subdomain, or a copy of the layout.
_FRAMSIKT_PATH = re.compile(r"^/plan/[^/]+/plan-[0-9a-f-]{36}-\d+/|^/\d{4}/[^/]+/(bm|mr)-\d{4,6}-")
_DOCUMENT_SUFFIX = re.compile(r"\.(pdf|docx?)$", re.IGNORECASE)
# Paths of the CMSs in use that hold files whatever their name says (publishing.md 1.2).
_DOCUMENT_PATH = re.compile(
    r"/(siteassets|globalassets|contentassets)/.+\.\w{2,4}$|/_f/p\d+/i[0-9a-f-]{36}/"
    r"|/download/18\.[0-9a-f]+/|/get-file/|/File/Details/",
    re.IGNORECASE,
)
_SOFT_404 = re.compile(
    r"(?<![a-z0-9])(404|finnes ikke|finst ikkje|ikke funnet|fant ikke|fann ikkje|not found)"
    r"(?![a-z0-9])",
    re.IGNORECASE,
)
# Words of links that lead towards plans, folded; a link naming a level comes first.
_PLAN_WORDS = ("plan", "strategi", "styringsdokument", "politikk", "budsjett", "okonomi",
               "samfunn", "horing", "hoyring", "kunngjoring", "dokument", "helse", "bolig",
               "bustad", "oppvekst", "areal")  # fmt: skip
# Plan pages of the CMSs in use, tried when no link leads there (nynorsk first for nynorsk).
_GUESSES_NB = ("/politikk-og-samfunn/planer/", "/politikk/planer/", "/planer/")
_GUESSES_NN = ("/politikk-og-samfunn/planar/", "/politikk/planar/", "/planar/")
_SEARCH_FIELDS = ("q", "query", "sok", "søk", "search", "s", "text", "searchquery")
_FORMAT_RANK = {"pdf": 3, "docx": 3, "doc": 2, "framsikt": 1, "web": 0}
_STATUS_RANK = {"vedtatt": 3, "høringsutkast": 2, "utkast": 1, "forslag": 1}
_ROBOTS_BYTES = 512 * 1024
_CHECK_BYTES = 4096
_MAX_SITEMAPS = 5
_MAX_HOPS = 5
_RETRIES = 2  # after a 429 or 503 with Retry-After
_OTHERS = 10  # candidates listed under a level's choice


class Shared:
    """What every municipality's search shares: host turns, robots.txt and addresses."""

    def __init__(self, settings: FindSettings) -> None:
        self.settings = settings
        self.pacer = Pacer(settings.delay)
        self._robots: dict[str, Robots | str] = {}  # origin -> rules, or why unreadable
        self._robots_locks: dict[str, threading.Lock] = {}
        self._private: dict[str, bool] = {}
        self._guard = threading.Lock()
        self.cache = PageCache(settings.cache_dir) if settings.cache_dir is not None else None

    def robots_lock(self, origin: str) -> threading.Lock:
        with self._guard:
            return self._robots_locks.setdefault(origin, threading.Lock())

    def robots(self, origin: str) -> Robots | str | None:
        return self._robots.get(origin)

    def set_robots(self, origin: str, rules: Robots | str) -> None:
        self._robots[origin] = rules

    def is_private(self, host: str) -> bool:
        """A loopback, private, link-local or reserved address, or a name resolving to one."""
        if host not in self._private:
            try:
                addresses = [ipaddress.ip_address(host.strip("[]"))]
            except ValueError:
                try:
                    infos = socket.getaddrinfo(host, None)
                except (socket.gaierror, UnicodeError):
                    return False  # the request says it: the name does not resolve
                addresses = [ipaddress.ip_address(str(info[4][0])) for info in infos]
            self._private[host] = any(
                a.is_private or a.is_loopback or a.is_link_local or a.is_reserved
                or a.is_unspecified or a.is_multicast
                for a in addresses
            )  # fmt: skip
        return self._private[host]


@dataclass
class _Answer:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    error: str | None = None  # no answer, or not allowed to ask: why
    retry_after: float | None = None  # seconds, from a Retry-After header
    cached: bool = False  # 304 Not Modified: the body is the cached copy

    @property
    def ok(self) -> bool:
        return self.error is None and 200 <= self.status < 300


class _Refused(Exception):
    """A URL planscan may not or cannot ask for: why, in a few words."""


class _Budget(Exception):
    """A budget of the municipality ran out."""


def _message(stop: Exception) -> str:
    """What a _Refused or _Budget says, as the Message it was raised with."""
    said = stop.args[0] if stop.args else ""
    return said if isinstance(said, str) else str(said)


@dataclass
class _Page:
    title: str = ""
    h1: str = ""
    base: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)  # href, text
    forms: list[tuple[str, str]] = field(default_factory=list)  # action, field name


class _PageParser(HTMLParser):
    """Links with their text, the title, the first h1, and search forms of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._href: str | None = None
        self._text: list[str] = []
        self._in: str | None = None  # "title" or "h1" while inside one
        self._form: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and values.get("href"):
            self._href, self._text = values["href"], []
        elif tag == "base" and values.get("href") and self.page.base is None:
            self.page.base = values["href"]
        elif tag in ("title", "h1") and not getattr(self.page, tag):
            self._in, self._text = tag, []
        elif tag == "form" and values.get("method", "get").lower() == "get":
            self._form = values.get("action", "")
        elif tag == "input" and self._form is not None:
            name = values.get("name", "")
            if values.get("type") == "search" or name.lower() in _SEARCH_FIELDS:
                self.page.forms.append((self._form, name))
        elif tag == "img" and self._href is not None and values.get("alt"):
            self._text.append(values["alt"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.page.links.append((self._href, " ".join(" ".join(self._text).split())))
            self._href = None
        elif tag == self._in:
            setattr(self.page, tag, " ".join(" ".join(self._text).split()))
            self._in = None
        elif tag == "form":
            self._form = None

    def handle_data(self, data: str) -> None:
        if self._href is not None or self._in is not None:
            self._text.append(data)


def _parse_page(text: str) -> _Page:
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # noqa: BLE001 - a broken page gives what was read before it broke
        pass
    return parser.page


def _host(url: str) -> str:
    """host[:port], without any user:password@."""
    return urlsplit(url).netloc.rsplit("@", 1)[-1].lower()


def _origin(url: str) -> str:
    return f"{urlsplit(url).scheme.lower()}://{_host(url)}"


def _same_site(host: str, site: str) -> bool:
    return host.removeprefix("www.") == site.removeprefix("www.")


def _allowed_host(host: str, extra: tuple[str, ...]) -> bool:
    name = host.split(":")[0] if not host.startswith("[") else host
    for allowed in (*DOCUMENT_HOSTS, *extra):
        allowed = allowed.lower()
        if allowed.startswith("."):
            if name.endswith(allowed) or host.endswith(allowed):
                return True
        elif host == allowed or name == allowed:
            return True
    return False


def _looks_like_document(url: str) -> bool:
    path = urlsplit(url).path
    return bool(_DOCUMENT_SUFFIX.search(path) or _DOCUMENT_PATH.search(path))


def _is_framsikt(url: str) -> bool:
    return _host(url).endswith(_FRAMSIKT) or bool(_FRAMSIKT_PATH.match(urlsplit(url).path))


def _format_of(url: str) -> str:
    if _is_framsikt(url):
        return "framsikt"
    suffix = _DOCUMENT_SUFFIX.search(urlsplit(url).path)
    return suffix.group(1).lower() if suffix else ("pdf" if _looks_like_document(url) else "web")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _decode(body: bytes, content_type: str) -> str:
    charset = re.search(r"charset=([\w-]+)", content_type)
    for encoding in (charset.group(1) if charset else "utf-8", "utf-8", "cp1252"):
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", errors="replace")


def _clean_url(href: str, base: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    # Keep the fragment of a Framsikt publication (its routes live there); drop others.
    fragment = parts.fragment if _is_framsikt(url) else ""
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, fragment))


def _safe(url: str) -> str:
    """A URL without user:password, for anything written down or shown."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class SiteCrawler:
    """One municipality's search; run() gives its SiteSearch."""

    def __init__(
        self,
        municipality: str,
        number: str | None,
        malform: str,
        start_url: str,
        keywords: KeywordSet,
        shared: Shared,
        on_event: EventCallback | None = None,
    ) -> None:
        self.name = municipality
        self.number = number
        self.malform = malform
        self.start_url = start_url
        self.keywords = keywords
        self.shared = shared
        self.settings = shared.settings
        self.on_event = on_event
        self.site = _host(start_url)
        self.requests = 0
        self.pages = 0
        self.unchanged = 0  # pages the site said were unchanged since the last run (304)
        self.bytes = 0
        self.started = time.monotonic()
        self.deadline = self.started + self.settings.max_seconds
        self.candidates: dict[str, Candidate] = {}
        self.stopped: str | None = None  # why the crawl stopped early
        self.searched_with: list[str] = []
        self._seen: set[str] = set()
        # (-priority, order, url, depth, link text, the page it was found on)
        self._queue: list[tuple[float, int, str, int, str, str]] = []
        self._order = 0
        self._http: HttpClient | None = None
        self._search_form: tuple[str, str] | None = None  # the front page's: action, field

    # -- requests ------------------------------------------------------------------

    def _event(self, what: str) -> None:
        if self.on_event is not None:
            self.on_event(self.name, what)

    def _spend(self) -> None:
        if self.requests >= self.settings.max_requests:
            raise _Budget(
                Message("the request budget ({n} requests) ran out", n=self.settings.max_requests)
            )
        if self.bytes >= self.settings.max_bytes:
            raise _Budget(Message("the byte budget ({n} bytes) ran out", n=self.settings.max_bytes))
        if time.monotonic() >= self.deadline:
            raise _Budget(self._out_of_time())

    def _out_of_time(self) -> Message:
        return Message(
            "the time budget ({seconds} s) ran out", seconds=format(self.settings.max_seconds, "g")
        )

    def _may_ask(self, url: str) -> None:
        """Raise _Refused unless planscan may ask for url."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise _Refused(Message("{url} is not an http(s) URL", url=_safe(url)))
        host = _host(url)
        if not (_same_site(host, self.site) or _allowed_host(host, self.settings.allow_hosts)):
            raise _Refused(
                Message("{host} is neither the municipality's site nor a document host", host=host)
            )
        if not self.settings.allow_private and self.shared.is_private(parts.hostname or ""):
            raise _Refused(
                Message(
                    "{host} is a private or loopback address (--allow-private-hosts to allow)",
                    host=host,
                )
            )
        rules = self._robots(url)
        if isinstance(rules, str):
            raise _Refused(rules)
        if not rules.allowed(url):
            raise _Refused(
                Message(
                    "robots.txt of {host} does not allow planscan to read {url}",
                    host=host,
                    url=_safe(url),
                )
            )

    def _robots(self, url: str) -> Robots | str:
        origin = _origin(url)
        with self.shared.robots_lock(origin):
            known = self.shared.robots(origin)
            if known is not None:
                return known
            answer = self._get(origin + "/robots.txt", _ROBOTS_BYTES, check=False)
            rules: Robots | str
            if answer.error is not None:
                rules = Message(
                    "robots.txt of {host} could not be read: {why}",
                    host=_host(url),
                    why=answer.error,
                )
            elif answer.status >= 500 or answer.status == 429:
                rules = Message(
                    "robots.txt of {host} could not be read (HTTP {status})",
                    host=_host(url),
                    status=answer.status,
                )
            elif 200 <= answer.status < 300:
                rules = Robots(_decode(answer.body, answer.content_type))
                delay = rules.crawl_delay()
                if delay is not None:
                    self.shared.pacer.slow_down(_host(url), delay)
            else:  # 4xx: no rules, everything allowed (as the robots.txt RFC 9309 says)
                rules = Robots(None)
            self.shared.set_robots(origin, rules)
            return rules

    def _get(
        self, url: str, max_bytes: int, check: bool = True, headers: dict[str, str] | None = None
    ) -> _Answer:
        """GET url and its redirects, each hop checked, paced, within budget; 429 and 503
        with a short Retry-After are waited out."""
        current = url
        retries = 0
        hops = 0
        while True:
            try:
                if check:
                    self._may_ask(current)
                self._spend()
            except _Refused as refused:
                return _Answer(current, 0, "", b"", _message(refused))
            host = _host(current)
            self.requests += 1
            try:
                with self.shared.pacer.turn(host, self.deadline):
                    answer = self._receive(current, max_bytes, headers or {})
            except OutOfTime:
                raise _Budget(self._out_of_time()) from None
            if answer.error is not None:
                return answer
            if answer.status in (301, 302, 303, 307, 308) and answer.url != current:
                hops += 1
                if hops > _MAX_HOPS:
                    return replace(answer, error=Message("more than {n} redirects", n=_MAX_HOPS))
                current = answer.url
                continue
            if answer.status in (429, 503) and retries < _RETRIES:
                wait = answer.retry_after
                if wait is not None and wait <= self.settings.max_retry_after:
                    retries += 1
                    self.shared.pacer.hold_off(host, wait)
                    continue
            return answer

    def _client(self) -> HttpClient:
        # One client for the whole search: making one reads the CA certificates (tens of ms).
        if self._http is None:
            self._http = HttpClient()
        return self._http

    def _receive(self, url: str, max_bytes: int, headers: dict[str, str]) -> _Answer:
        settings = self.settings
        remaining = max(0.1, self.deadline - time.monotonic())
        cache = self.shared.cache if "Range" not in headers else None
        cached = cache.get(url) if cache is not None else None
        if cached is not None:
            headers = {**headers, **cached.validators()}
        try:
            with self._client().stream(
                url,
                headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.5", **headers},
                connect_timeout=min(settings.connect_timeout, remaining),
                read_timeout=min(settings.read_timeout, remaining),
                deadline=min(self.deadline, time.monotonic() + settings.read_timeout * 3),
            ) as response:
                retry_after = _retry_after(response.headers.get("Retry-After"))
                if response.redirect is not None:
                    return _Answer(response.redirect, response.status, "", b"")
                if response.status == 304 and cached is not None:
                    return _Answer(url, 200, cached.content_type, cached.body, cached=True)
                body = bytearray()
                for chunk in response.chunks():
                    body += chunk
                    if len(body) >= max_bytes:
                        break
                self.bytes += len(body)
                kind = response.headers.get("Content-Type", "").lower()
                if cache is not None and response.status == 200 and len(body) < max_bytes:
                    page = CachedPage(
                        kind,
                        bytes(body),
                        response.headers.get("ETag"),
                        response.headers.get("Last-Modified"),
                    )
                    cache.put(url, page)
                return _Answer(
                    url, response.status, kind, bytes(body[:max_bytes]), retry_after=retry_after
                )
        except HttpError as exc:
            what = {"timeout": "timed out", "deadline": "took too long"}.get(exc.kind, str(exc))
            return _Answer(url, 0, "", b"", what)

    # -- the crawl -----------------------------------------------------------------

    def run(self) -> SiteSearch:
        try:
            return self._run()
        finally:
            if self._http is not None:
                self._http.close()

    def _run(self) -> SiteSearch:
        self._event(Message("reading robots.txt"))
        try:
            start = self._get(self.start_url, self.settings.page_bytes)
            problem = self._start_problem(start)
            if problem is not None:
                return self._not_searched(problem)
            self._read_sitemaps()
            self._push(start.url, 0, 1000.0)
            self._seen.discard(start.url)
            self._crawl(first=start)
            self._search_missing()
        except _Budget as budget:
            self.stopped = _message(budget)
        return self._finish()

    def _start_problem(self, start: _Answer) -> str | None:
        where = _safe(self.start_url)
        status = start.status
        if start.error is not None:
            return Message("{url}: {why}", url=where, why=start.error)
        if status in (401, 403):
            return Message(
                "{url}: HTTP {status}, the site refuses planscan (a bot filter?)",
                url=where,
                status=status,
            )
        if status == 429 or status >= 500:
            return Message(
                "{url}: HTTP {status}, the site is busy or down", url=where, status=status
            )
        if not 200 <= status < 300:
            return f"{where}: HTTP {status}"
        if sniff(start.body[:2048]) != "html" and "html" not in start.content_type:
            return Message("{url}: the start page is not a web page", url=where)
        return None

    def failed(self, why: str) -> SiteSearch:
        """The search ended in an error of planscan's own: every level not searched."""
        return self._not_searched(why)

    def _not_searched(self, why: str) -> SiteSearch:
        findings = tuple(
            LevelFinding(self.name, level.id, SearchOutcome.NOT_SEARCHED, message=why)
            for level in self.keywords.levels
        )
        return self._search(False, why, findings)

    def _search(
        self, searched: bool, message: str, findings: tuple[LevelFinding, ...]
    ) -> SiteSearch:
        return SiteSearch(
            municipality=self.name,
            number=self.number,
            start_url=_safe(self.start_url),
            searched=searched,
            message=message,
            findings=findings,
            pages=self.pages,
            requests=self.requests,
            bytes=self.bytes,
            seconds=round(time.monotonic() - self.started, 2),
        )

    def _push(
        self, url: str, depth: int, priority: float, text: str = "", found_on: str = ""
    ) -> None:
        import heapq

        if url in self._seen or depth > self.settings.max_depth:
            return
        self._seen.add(url)
        self._order += 1
        heapq.heappush(self._queue, (-priority, self._order, url, depth, text, found_on))

    def _priority(self, text: str, url: str) -> float:
        slug, folders = url_words(url)
        recognised = recognise(text, url, self.keywords)
        score = 50.0 if recognised.level is not None else 0.0
        words = fold(f"{text} {slug} {folders}")
        score += 10.0 * min(4, sum(word in words for word in _PLAN_WORDS))
        return score

    def _read_sitemaps(self) -> None:
        rules = self._robots(self.start_url)
        if isinstance(rules, str):
            return
        todo = [u for u in rules.sitemaps() if _same_site(_host(u), self.site)][:_MAX_SITEMAPS]
        read = 0
        while todo and read < _MAX_SITEMAPS:
            sitemap = todo.pop(0)
            read += 1
            self._event(Message("reading the sitemap"))
            answer = self._get(sitemap, self.settings.page_bytes)
            if not answer.ok:
                continue
            text = _decode(answer.body, answer.content_type)
            locations = [html.unescape(m) for m in re.findall(r"<loc>\s*(.*?)\s*</loc>", text)]
            if "<sitemapindex" in text:
                todo.extend(u for u in locations if _same_site(_host(u), self.site))
                continue
            self.searched_with.append(Message("the sitemap"))
            for location in locations:
                url = _clean_url(location, sitemap)
                if url is None:
                    continue
                self._consider_link(url, "", sitemap, 1)

    def _crawl(self, first: _Answer | None = None) -> None:
        import heapq

        guesses = _GUESSES_NN if self.malform == "Nynorsk" else _GUESSES_NB
        for path in guesses:
            self._push(urljoin(self.start_url, path), 1, 5.0)
        while self._queue:
            if self.pages >= self.settings.max_pages:
                self.stopped = Message(
                    "the page budget ({n} pages) ran out", n=self.settings.max_pages
                )
                return
            _, _, url, depth, link_text, found_on = heapq.heappop(self._queue)
            if first is not None and url == first.url:
                answer, first = first, None
            else:
                answer = self._get(url, self.settings.page_bytes)
            if not answer.ok:
                continue
            if sniff(answer.body[:2048]) in ("pdf", "zip", "ole"):
                # A link that led to a document (a redirect, a download script).
                self._add(answer.url, link_text, found_on or url, link_text)
                continue
            if "html" not in (answer.content_type or "text/html"):
                continue
            text = _decode(answer.body, answer.content_type)
            page = _parse_page(text)
            if _SOFT_404.search(page.title) or _SOFT_404.search(page.h1):
                continue  # a "page not found" page that answers 200
            self.pages += 1
            self.unchanged += answer.cached
            self._event(Message("{n} pages read", n=self.pages))
            self._consider_page(answer.url, page, depth)

    def _consider_page(self, url: str, page: _Page, depth: int) -> None:
        heading = page.h1 or page.title
        if depth > 0 and heading:
            found = recognise(heading, url, self.keywords, title=page.h1 or None)
            if found.is_plan:
                self._add(url, heading, url, heading, found_format="web")
        if depth == 0 and page.forms and self._search_form is None:
            action, name = page.forms[0]
            self._search_form = (urljoin(url, action or url), name)
        base = urljoin(url, page.base) if page.base else url
        for href, text in page.links:
            target = _clean_url(href, base)
            if target is not None:
                self._consider_link(target, text, url, depth + 1)

    def _consider_link(self, url: str, text: str, found_on: str, depth: int) -> None:
        host = _host(url)
        on_site = _same_site(host, self.site)
        if _looks_like_document(url) or _is_framsikt(url):
            if on_site or _allowed_host(host, self.settings.allow_hosts):
                self._add(url, text, found_on, text)
        elif on_site:
            self._push(url, depth, self._priority(text, url), text, found_on)

    def _add(
        self, url: str, text: str, found_on: str, link_text: str, found_format: str | None = None
    ) -> None:
        found = recognise(text, url, self.keywords)
        if found.level is None:
            return
        slug, _ = url_words(url)
        title = text or slug
        candidate = Candidate(
            url=_safe(url),
            title=title,
            level=found.level,
            status=found.status,
            format=found_format or _format_of(url),
            found_on=_safe(found_on),
            link_text=link_text,
            period=found.period,
            kind=found.kind,
            reason=found.reason,
        )
        known = self.candidates.get(candidate.url)
        if known is None or (not known.link_text and link_text):
            self.candidates[candidate.url] = candidate

    def _search_missing(self) -> None:
        """The site's own search, for levels without a plan yet."""
        if self._search_form is None:
            return
        action, name = self._search_form
        missing = [lvl for lvl in self.keywords.levels if not self._plans(lvl.id)]
        if not missing:
            return
        self.searched_with.append(Message("the site's search"))
        nynorsk = self.malform == "Nynorsk"
        for level in missing:
            words = sorted(level.patterns, key=lambda p: (("bustad" in p) != nynorsk, len(p)))
            url = f"{action}{'&' if '?' in action else '?'}{urlencode({name: words[0]})}"
            self._push(url, max(0, self.settings.max_depth - 1), 900.0)
        self._crawl()

    def _plans(self, level: str) -> list[Candidate]:
        return [c for c in self.candidates.values() if c.level == level and c.kind == "plan"]

    # -- choosing ------------------------------------------------------------------

    def _finish(self) -> SiteSearch:
        self._event(Message("checking the chosen documents"))
        findings = []
        for level in self.keywords.levels:
            try:
                findings.append(self._choose(level.id, level.label))
            except _Budget as budget:
                self.stopped = self.stopped or _message(budget)
                findings.append(self._choose(level.id, level.label, check=False))
        where = Message("{n} pages of {site}", n=self.pages, site=self.site)
        for other in dict.fromkeys(self.searched_with):
            where = Message("{one} and {other}", one=where, other=other)
        message = Message("read {where}", where=where)
        if self.unchanged:
            message = Message(
                "{message} ({n} unchanged since the last run)", message=message, n=self.unchanged
            )
        if self.stopped:
            message = Message("{message}; stopped: {why}", message=message, why=self.stopped)
        self._event("done")
        return self._search(True, message, tuple(findings))

    def _choose(self, level: str, label: str, check: bool = True) -> LevelFinding:
        candidates = sorted(
            (c for c in self.candidates.values() if c.level == level), key=rank, reverse=True
        )
        plans = [c for c in candidates if c.kind == "plan"]
        dropped: list[str] = []
        for candidate in plans[:3]:
            verdict = self._check(candidate) if check and self.settings.check_documents else None
            if verdict is not None and verdict.startswith("gone"):
                dropped.append(f"{candidate.url} ({verdict})")
                continue
            best = replace(candidate, reason=_why(candidate, plans, verdict))
            others = tuple(c for c in candidates if c.url != candidate.url)[:_OTHERS]
            return LevelFinding(self.name, level, SearchOutcome.FOUND, best, others)
        message = Message(
            "searched {n} pages of {site}: no {level}", n=self.pages, site=self.site, level=label
        )
        not_plans = sorted({c.kind for c in candidates if c.kind != "plan"})
        if not_plans:
            message = Message(
                "{message} (found only: {kinds})", message=message, kinds=", ".join(not_plans)
            )
        if dropped:
            message = Message(
                "{message}; dead links: {links}", message=message, links=", ".join(dropped)
            )
        if self.stopped:
            message = Message("{message}; stopped early: {why}", message=message, why=self.stopped)
        return LevelFinding(
            self.name, level, SearchOutcome.NOT_FOUND, None, tuple(candidates[:_OTHERS]), message
        )

    def _check(self, candidate: Candidate) -> str | None:
        """Ask for a document's first bytes: "gone: ..." for a dead link, else a note."""
        if candidate.format == "web":
            return None  # read as a page already
        answer = self._get(candidate.url, _CHECK_BYTES, headers={"Range": "bytes=0-4095"})
        if answer.error is not None:
            return f"not checked: {answer.error}"
        if answer.status in (404, 410):
            return f"gone: HTTP {answer.status}"
        if not 200 <= answer.status < 300:
            return f"not checked: HTTP {answer.status}"
        kind = sniff(answer.body[:2048])
        if candidate.format == "framsikt":
            return "checked: the publication answers"
        if kind in ("html", "empty"):
            return "gone: a web page where a document was expected (soft 404)"
        return "checked: a PDF" if kind == "pdf" else "checked: a document"


def rank(candidate: Candidate) -> tuple[int, int, int, int, int]:
    """The order of choice: a plan, adopted, the newest period, a readable format."""
    years = [int(y) for y in re.findall(r"\d{4}", candidate.period or "")]
    end, start = (max(years), min(years)) if years else (0, 0)
    return (
        candidate.kind == "plan",
        _STATUS_RANK.get(candidate.status, 0),
        end,
        start,
        _FORMAT_RANK.get(candidate.format, 0),
    )


def _why(best: Candidate, plans: list[Candidate], verdict: str | None) -> str:
    status = {"vedtatt": "adopted"}.get(best.status, best.status)
    parts = [f"{status} plan" + (f", period {best.period}" if best.period else "")]
    if len(plans) > 1:
        parts.append(f"chosen over {len(plans) - 1} other plan{'s' if len(plans) > 2 else ''}")
    parts.append(best.reason)
    if verdict:
        parts.append(verdict)
    return "; ".join(parts)
