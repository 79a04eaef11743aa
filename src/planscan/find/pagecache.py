"""Pages planscan find has read, kept with their ETag and Last-Modified, so that a weekly run
asks each site "changed since?" and an unchanged page (304) costs a few bytes.

One file per URL, named by the URL's sha256 (the URL itself is not kept); written whole or
not at all; a damaged or unreadable entry is simply not used.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from planscan.atomicwrite import write_atomic


@dataclass(frozen=True)
class CachedPage:
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    def validators(self) -> dict[str, str]:
        """The headers of a conditional request for this page."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class PageCache:
    """A folder of cached pages; created on first write."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / digest[:2] / f"{digest}.page"

    def clear(self) -> int:
        """Remove every cached page (and temporary files a killed run left); return how many
        pages."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for path in list(self.root.rglob("*")):
            if path.is_file() and path.name.endswith((".page", ".tmp")):
                removed += path.name.endswith(".page")
                path.unlink(missing_ok=True)
        return removed

    def get(self, url: str) -> CachedPage | None:
        try:
            data = json.loads(self._path(url).read_text(encoding="utf-8"))
            body = zlib.decompress(base64.b64decode(data["body"]))
            return CachedPage(
                str(data["content_type"]), body, data.get("etag"), data.get("last_modified")
            )
        except (OSError, ValueError, KeyError, TypeError, zlib.error):
            return None

    def put(self, url: str, page: CachedPage) -> None:
        if not (page.etag or page.last_modified):
            return  # nothing to ask "changed since?" with
        data = {
            "content_type": page.content_type,
            "etag": page.etag,
            "last_modified": page.last_modified,
            "body": base64.b64encode(zlib.compress(page.body)).decode("ascii"),
        }
        path = self._path(url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(data))
        except OSError:
            pass  # a cache that cannot be written only costs the next run some bytes
