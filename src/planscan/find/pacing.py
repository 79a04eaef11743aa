"""One request at a time per host, at least `delay` seconds apart, shared by every
municipality searched at once (several use the same document host)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    delay: float = 1.0
    next_at: float = 0.0  # time.monotonic() of the earliest next request
    last_end: float = 0.0  # when the last request ended


class OutOfTime(Exception):
    """The wait for a host's turn would pass the municipality's deadline."""


class Pacer:
    """Turns per host: a request waits for the one before it, and for the delay after it."""

    def __init__(self, delay: float) -> None:
        self.default_delay = delay
        self._hosts: dict[str, _Host] = {}
        self._guard = threading.Lock()

    def _host(self, host: str) -> _Host:
        with self._guard:
            return self._hosts.setdefault(host, _Host(delay=self.default_delay))

    def slow_down(self, host: str, delay: float) -> None:
        """A site's Crawl-delay: never faster than the default."""
        entry = self._host(host)
        entry.delay = max(entry.delay, delay, self.default_delay)
        # The robots.txt request that told us ended already: its gap grows too.
        entry.next_at = max(entry.next_at, entry.last_end + entry.delay)

    def hold_off(self, host: str, seconds: float) -> None:
        """Retry-After: no request to the host before `seconds` from now."""
        entry = self._host(host)
        entry.next_at = max(entry.next_at, time.monotonic() + seconds)

    @contextmanager
    def turn(self, host: str, deadline: float) -> Iterator[None]:
        """Wait for the host's turn (raise OutOfTime if it comes after `deadline`), make the
        request in the block; the next turn starts `delay` seconds after the block ends."""
        entry = self._host(host)
        if not entry.lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise OutOfTime(host)
        try:
            wait = entry.next_at - time.monotonic()
            if wait > 0:
                if time.monotonic() + wait > deadline:
                    raise OutOfTime(host)
                time.sleep(wait)
            try:
                yield
            finally:
                entry.last_end = time.monotonic()
                entry.next_at = max(entry.next_at, entry.last_end + entry.delay)
        finally:
            entry.lock.release()
