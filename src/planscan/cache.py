"""Cache of extracted text, keyed by content, extractor and its version.

What is cached is what matching and snippets need (the normalised page texts, the title
lines, page labels), never the results of one keyword set: a changed keywords.yaml re-uses
the cache. Entries are zlib-compressed JSON, written atomically.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from planscan.atomicwrite import remove_stale, write_atomic
from planscan.match import DocumentIndex
from planscan.models import ExtractedInfo
from planscan.normalize import NORMALIZE_VERSION

# Bump when what is cached changes. 5: a PDF two readers shared has its running headers
# found across the whole document (before, part by part: entries may differ).
CACHE_FORMAT = 5
_SUFFIX = ".json.z"


@dataclass(frozen=True)
class CachedText:
    """What the cache keeps of a document: its text and index, for any keywords."""

    info: ExtractedInfo
    title_text: str
    truncated: bool
    # The page bodies, running headers apart, and the vocabulary: counting a cached
    # document needs neither tokenising nor header detection.
    index: DocumentIndex


class CacheCorrupt(Exception):
    """An entry that cannot be read; the caller rebuilds it and warns."""


def default_cache_dir() -> Path:
    """The user's cache folder for planscan's extracted text."""
    from planscan.store import user_cache_root

    return user_cache_root() / "text"


class TextCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def key(self, sha256: str, engine_version: str, max_pages: int | None) -> str:
        parts = f"{CACHE_FORMAT}|{NORMALIZE_VERSION}|{engine_version}|{max_pages}|{sha256}"
        return hashlib.sha256(parts.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}{_SUFFIX}"

    def get(self, key: str) -> CachedText | None:
        path = self._path(key)
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CacheCorrupt(f"{path}: {exc.strerror}") from None
        try:
            data = json.loads(zlib.decompress(blob))
            info = ExtractedInfo(
                pages=int(data["info"]["pages"]),
                engine=str(data["info"]["engine"]),
                page_labels=tuple(data["info"]["page_labels"])
                if data["info"]["page_labels"] is not None
                else None,
            )
            index = DocumentIndex(
                pages=tuple(data["text"].split("\f")),
                vocabulary={str(k): int(v) for k, v in data["vocabulary"].items()},
                headers=tuple(tuple(str(line) for line in page) for page in data["headers"]),
            )
            return CachedText(info, str(data["title_text"]), bool(data["truncated"]), index)
        except (zlib.error, ValueError, KeyError, TypeError) as exc:
            raise CacheCorrupt(f"{path}: {type(exc).__name__}") from None

    def put(self, key: str, entry: CachedText) -> None:
        data = {
            "info": {
                "pages": entry.info.pages,
                "engine": entry.info.engine,
                "page_labels": list(entry.info.page_labels)
                if entry.info.page_labels is not None
                else None,
            },
            # One string, not a list: far quicker to parse. Pages never contain \f (it is
            # whitespace, and normalisation turns whitespace into spaces).
            "text": "\f".join(entry.index.pages),
            "vocabulary": entry.index.vocabulary,
            "headers": [list(page) for page in entry.index.headers],
            "title_text": entry.title_text,
            "truncated": entry.truncated,
        }
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 6))

    def stats(self) -> tuple[int, int]:
        """(entries, bytes) in the cache."""
        entries = size = 0
        if self.directory.is_dir():
            for path in self.directory.rglob(f"*{_SUFFIX}"):
                entries += 1
                size += path.stat().st_size
        return entries, size

    def clear(self) -> int:
        """Remove every entry (and stale temporary files); return how many entries."""
        removed = 0
        if not self.directory.is_dir():
            return 0
        for path in list(self.directory.rglob("*")):
            if path.is_file() and (path.name.endswith(_SUFFIX) or path.name.endswith(".tmp")):
                removed += path.name.endswith(_SUFFIX)
                path.unlink(missing_ok=True)
        return removed

    def sweep_temporary(self) -> None:
        """Remove temporary files a killed scan left behind."""
        if self.directory.is_dir():
            remove_stale(self.directory.rglob("*.tmp"))
