"""robots.txt, read with Protego (fetch's web plans, find): the only importer of protego.

The standard library's urllib.robotparser ignores wildcard and end-of-URL rules
(`Disallow: /*.pdf$`), so it would let planscan fetch what a site forbids; Protego, Scrapy's
parser, reads them as Google does.
"""

from __future__ import annotations

from protego import Protego

from planscan._version import __version__

ROBOTS_TOKEN = "planscan"  # the name a robots.txt can address planscan by


class Robots:
    """The rules of one site's robots.txt for planscan; no text means everything is allowed."""

    def __init__(self, text: str | None) -> None:
        self._rules = Protego.parse(text) if text else None

    def allowed(self, url: str) -> bool:
        if self._rules is None:
            return True
        return bool(self._rules.can_fetch(url, f"{ROBOTS_TOKEN}/{__version__}"))

    def crawl_delay(self) -> float | None:
        if self._rules is None:
            return None
        delay = self._rules.crawl_delay(ROBOTS_TOKEN)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        return list(self._rules.sitemaps) if self._rules is not None else []
