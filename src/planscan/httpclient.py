"""HTTP for planscan (fetch and find): the only importer of httpx.

A client that never follows redirects by itself (callers check each hop), names planscan in
its User-Agent, opens a fresh connection per request, and shuts a request's socket when its
deadline passes, whatever the socket is waiting for: read timeouts alone let a server that
drips headers or body one byte at a time hold on for ever.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from planscan._version import PROJECT_URL, __version__

if TYPE_CHECKING:  # imported when a request starts: `import planscan` stays quick
    import socket

    import httpx

USER_AGENT = f"planscan/{__version__} (+{PROJECT_URL}; audit of municipal plans)"


class HttpError(Exception):
    """A request that ended without an answer. kind: "timeout" (no bytes for a while),
    "deadline" (the whole request took too long), "invalid-url", "too-large" (a body, or a
    layer of its Content-Encoding, past the limit given to `chunks`) or "failed"."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Response:
    """An answer whose body has not been read yet: read it with `chunks`."""

    status: int
    reason: str
    url: str
    headers: Mapping[str, str]  # names in any case
    redirect: str | None  # the absolute Location of a redirect, else None
    _response: httpx.Response

    def chunks(self, limit: int | None = None) -> Iterator[bytes]:
        """The body, its Content-Encoding (gzip, deflate) undone layer by layer, a step of at
        most _INFLATE_STEP bytes at a time; with `limit`, every layer's output counts and
        passing it is HttpError "too-large": `Content-Encoding: gzip, gzip, gzip` on a few
        hundred bytes never becomes gigabytes in memory."""
        header = self.headers.get("Content-Encoding", "")
        encodings = [e.strip().lower() for e in header.split(",") if e.strip()]
        body: Iterator[bytes] = iter(self._response.iter_raw())
        for encoding in reversed(encodings):  # the last one applied is undone first
            if encoding == "identity":
                continue
            if encoding not in ("gzip", "x-gzip", "deflate"):
                raise HttpError(f"a Content-Encoding planscan does not read: {encoding}", "failed")
            body = _inflate(body, limit)
        return _capped(body, limit)


# Inflated at most this much at a time: a few bytes of a bomb never become gigabytes at once.
_INFLATE_STEP = 1 << 20


def _too_large(limit: int) -> HttpError:
    return HttpError(f"the body is larger than {limit} bytes", "too-large")


def _inflate(chunks: Iterator[bytes], limit: int | None) -> Iterator[bytes]:
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # a gzip or a zlib header
    total = 0
    try:
        for chunk in chunks:
            data = chunk
            while data and not inflater.eof:  # anything after the end is ignored
                out = inflater.decompress(data, _INFLATE_STEP)
                total += len(out)
                if limit is not None and total > limit:
                    raise _too_large(limit)
                if out:
                    yield out
                data = inflater.unconsumed_tail
            if inflater.eof:
                break
        tail = inflater.flush()
    except zlib.error as exc:
        raise HttpError(f"a damaged compressed body ({exc})", "failed") from None
    if limit is not None and total + len(tail) > limit:
        raise _too_large(limit)
    if tail:
        yield tail


def _capped(chunks: Iterator[bytes], limit: int | None) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if limit is not None and total > limit:
            raise _too_large(limit)
        yield chunk


class HttpClient:
    """One client for a run of requests; use it in a `with` block."""

    def __init__(self, user_agent: str = USER_AGENT) -> None:
        import httpx

        self._client = httpx.Client(
            follow_redirects=False,  # each redirect is checked by the caller
            # Only the encodings Response.chunks() inflates with a bound, layer by layer.
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            # A fresh connection per request, so the deadline watchdog sees every socket.
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @contextmanager
    def stream(
        self,
        url: str,
        *,
        headers: Mapping[str, str],
        connect_timeout: float,
        read_timeout: float,
        deadline: float,
        auth: tuple[str, str] | None = None,
    ) -> Iterator[Response]:
        """GET url; the body is read from the answer inside the block. `deadline` is a
        time.monotonic() value. Raise HttpError when no answer comes, or the body stops."""
        import httpx

        watchdog = _Watchdog(deadline)
        try:
            with self._client.stream(
                "GET",
                url,
                headers=dict(headers),
                auth=auth,
                timeout=httpx.Timeout(
                    connect=connect_timeout,
                    read=read_timeout,
                    write=read_timeout,
                    pool=connect_timeout,
                ),
                extensions={"trace": watchdog.trace},
            ) as answer:
                redirect = None
                if answer.has_redirect_location:
                    redirect = str(answer.url.join(answer.headers["Location"]))
                yield Response(
                    answer.status_code,
                    answer.reason_phrase,
                    str(answer.url),
                    answer.headers,
                    redirect,
                    answer,
                )
        except httpx.TimeoutException:
            if watchdog.fired or time.monotonic() >= deadline:
                raise HttpError("the time allowed ran out", "deadline") from None
            raise HttpError("timed out waiting for the server", "timeout") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise HttpError(str(exc), "invalid-url") from None
        except httpx.HTTPError as exc:
            if watchdog.fired:
                raise HttpError("the time allowed ran out", "deadline") from None
            raise HttpError(str(exc) or type(exc).__name__, "failed") from None
        finally:
            watchdog.cancel()


class _Watchdog:
    """Shut a request's socket when the deadline passes."""

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
