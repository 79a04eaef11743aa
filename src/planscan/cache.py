"""Cache of extracted text and of analyses, keyed by everything that can change them.

Two kinds of entry, zlib-compressed JSON written whole or not at all (write_entry):
- a document's text (the normalised pages, title lines, page labels, vocabulary), keyed by
  its content, the extractor and its version: a changed keywords.yaml re-uses it;
- a document's analysis (counts, hits, passages, colour), keyed by the text's key, the
  keywords (every rule, not only the file's name) and planscan's version: a re-scan of an
  unchanged document reads it and matches nothing again.
An analysis keeps nothing of where the document was found (path, municipality, URL):
scan.py puts that back, so a moved or renamed file is still found in the cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
import zlib
from array import array
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from planscan._version import __version__
from planscan.atomicwrite import remove_stale, write_entry
from planscan.collector import collector_paused
from planscan.documentjson import document_from_dict, document_to_dict
from planscan.inputfile import read_regular
from planscan.match import DocumentIndex
from planscan.models import DocumentResult, ExtractedInfo, KeywordSet
from planscan.normalize import NORMALIZE_VERSION

# Bump when what is cached changes. 5: a PDF two readers shared has its running headers
# found across the whole document (before, part by part: entries may differ). 6: the text
# of a password-protected document is never cached (format 5 may hold some: not read).
# 7: the vocabulary as its words in one string and its counts packed (see _vocabulary_data).
CACHE_FORMAT = 7
# An entry is read only up to this size, compressed and inflated: a cache folder is a file
# system anyone with access may write to, and a damaged entry must not exhaust memory.
MAX_ENTRY_BYTES = 256 * 1024 * 1024
_SUFFIX = ".json.z"
# zlib's fastest level: a cold scan writes every entry while its readers wait for cores, and
# level 6 took three times the CPU for entries a fifth smaller (county benchmark: 2.9 s of
# the scan's 45 CPU seconds, 31 MB against 37). Any level reads back the same way.
_LEVEL = 1
# Bump when what an analysis entry holds changes, or how it is worked out between releases
# (planscan's version is in the key too). 2: each indicator judged in its own passage.
ANALYSIS_FORMAT = 2
_ANALYSIS_SUFFIX = ".analysis.json.z"


@dataclass(frozen=True)
class CachedText:
    """What the cache keeps of a document: its text and index, for any keywords."""

    info: ExtractedInfo
    title_text: str
    truncated: bool
    # The page bodies, running headers apart, and the vocabulary: counting a cached
    # document needs neither tokenising nor header detection.
    index: DocumentIndex


@dataclass(frozen=True)
class CachedAnalysis:
    """A document's analysis: its result without where it was found, and its title lines
    (its level and whether it is a plan are decided again from them and its name)."""

    title_text: str
    document: DocumentResult


class CacheCorrupt(Exception):
    """An entry that cannot be read; the caller rebuilds it and warns."""


def default_cache_dir() -> Path:
    """The user's cache folder for planscan's extracted text."""
    from planscan.store import user_cache_root

    return user_cache_root() / "text"


def rules_digest(keywords: KeywordSet) -> str:
    """A digest of every rule of a keyword set, not of the file it came from: a KeywordSet
    changed in code gets its own analyses, and the same file elsewhere shares them."""
    # A KeywordSet holds tuples, strings, numbers and enums only: its repr is stable.
    return hashlib.sha256(repr(replace(keywords, path="")).encode()).hexdigest()


class TextCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def key(self, sha256: str, engine_version: str, max_pages: int | None) -> str:
        parts = f"{CACHE_FORMAT}|{NORMALIZE_VERSION}|{engine_version}|{max_pages}|{sha256}"
        return hashlib.sha256(parts.encode()).hexdigest()

    def analysis_key(self, text_key: str, rules: str, evidence: bool) -> str:
        """The key of a document's analysis: its text's key, the keywords' rules_digest(),
        planscan's version, and whether every hit was listed."""
        parts = f"{ANALYSIS_FORMAT}|{__version__}|{text_key}|{evidence}|{rules}"
        return hashlib.sha256(parts.encode()).hexdigest()

    def _path(self, key: str, suffix: str = _SUFFIX) -> Path:
        return self.directory / key[:2] / f"{key}{suffix}"

    def _read(self, path: Path) -> Any:
        """The entry's data; None when there is none; CacheCorrupt when it cannot be read:
        not a regular file, over MAX_ENTRY_BYTES compressed or inflated, cut short, not
        JSON, or JSON nested too deep to read."""
        try:
            blob = read_regular(path, MAX_ENTRY_BYTES)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CacheCorrupt(f"{path}: {exc.strerror}") from None
        try:
            inflater = zlib.decompressobj()
            data = inflater.decompress(blob, MAX_ENTRY_BYTES)
            if inflater.unconsumed_tail:
                raise CacheCorrupt(f"{path}: inflates to more than {MAX_ENTRY_BYTES >> 20} MiB")
            if not inflater.eof:  # a power cut may leave one so: see write_entry()
                raise CacheCorrupt(f"{path}: cut short")
            return json.loads(data)
        except (zlib.error, ValueError, RecursionError) as exc:
            raise CacheCorrupt(f"{path}: {type(exc).__name__}") from None

    def _write(self, path: Path, data: Any) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), check_circular=False)
        write_entry(path, zlib.compress(text.encode(), _LEVEL))

    def get_analysis(self, key: str) -> CachedAnalysis | None:
        path = self._path(key, _ANALYSIS_SUFFIX)
        with collector_paused():  # a plan's hits and passages: thousands of new objects
            data = self._read(path)
            if data is None:
                return None
            try:
                title_text = data["title_text"]
                if not isinstance(title_text, str):
                    raise ValueError("title_text is not text")
                return CachedAnalysis(title_text, document_from_dict(data["document"]))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise CacheCorrupt(f"{path}: {exc}") from None

    def put_analysis(self, key: str, title_text: str, document: DocumentResult) -> None:
        # Nothing of where the document was found: not a path, a URL (which may carry a
        # password) or a municipality.
        anonymous = replace(document, path="", municipality="", title=None, url=None)
        data = {"title_text": title_text, "document": document_to_dict(anonymous)}
        self._write(self._path(key, _ANALYSIS_SUFFIX), data)

    def get(self, key: str) -> CachedText | None:
        path = self._path(key)
        data = self._read(path)
        if data is None:
            return None
        try:
            return _text_entry(data)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CacheCorrupt(f"{path}: {exc or type(exc).__name__}") from None

    def put(self, key: str, entry: CachedText) -> None:
        """Keep a document's text, unless it was protected by a password: its text must
        not be readable from the cache by anyone without the password."""
        if entry.info.protected:
            return
        data = {
            "info": {
                "pages": entry.info.pages,
                "engine": entry.info.engine,
                "page_labels": list(entry.info.page_labels)
                if entry.info.page_labels is not None
                else None,
                "unit": entry.info.unit,
                "section_urls": list(entry.info.section_urls)
                if entry.info.section_urls is not None
                else None,
            },
            # One string, not a list: far quicker to parse. Pages never contain \f (it is
            # whitespace, and normalisation turns whitespace into spaces).
            "text": "\f".join(entry.index.pages),
            **_vocabulary_data(entry.index.vocabulary),
            "headers": [list(page) for page in entry.index.headers],
            "title_text": entry.title_text,
            "truncated": entry.truncated,
        }
        self._write(self._path(key), data)

    def stats(self) -> tuple[int, int]:
        """(documents, bytes) in the cache: the documents whose text it keeps, and the size
        of every entry, analyses too."""
        entries = size = 0
        if self.directory.is_dir():
            for path in self.directory.rglob(f"*{_SUFFIX}"):
                entries += not path.name.endswith(_ANALYSIS_SUFFIX)
                size += path.stat().st_size
        return entries, size

    def clear(self) -> int:
        """Remove every entry (and stale temporary files); return how many entries."""
        removed = 0
        if not self.directory.is_dir():
            return 0
        for path in list(self.directory.rglob("*")):
            if path.is_file() and (path.name.endswith(_SUFFIX) or path.name.endswith(".tmp")):
                removed += path.name.endswith(_SUFFIX) and not path.name.endswith(_ANALYSIS_SUFFIX)
                path.unlink(missing_ok=True)
        return removed

    def sweep_temporary(self) -> None:
        """Remove temporary files a killed scan left behind."""
        if self.directory.is_dir():
            remove_stale(self.directory.rglob("*.tmp"))


def _text_entry(data: Any) -> CachedText:
    """A text entry from its JSON data, every field checked for its type (ValueError)."""
    top = _mapping(data, "the entry")
    info = _mapping(top["info"], "info")
    labels = info["page_labels"]
    urls = info.get("section_urls")
    headers = _typed(top["headers"], list, "headers")
    return CachedText(
        ExtractedInfo(
            pages=_count(info["pages"], "info.pages"),
            engine=_typed(info["engine"], str, "info.engine"),
            page_labels=None if labels is None else _strings(labels, "info.page_labels"),
            unit=_typed(info.get("unit", "page"), str, "info.unit"),
            section_urls=None if urls is None else _strings(urls, "info.section_urls"),
        ),
        _typed(top["title_text"], str, "title_text"),
        _typed(top["truncated"], bool, "truncated"),
        DocumentIndex(
            pages=tuple(_typed(top["text"], str, "text").split("\f")),
            vocabulary=_vocabulary(top),
            headers=tuple(_strings(page, "headers") for page in headers),
        ),
    )


# The array type code of an unsigned 32-bit integer ("I" wherever Python runs today).
_U32 = next(code for code in "IL" if array(code).itemsize == 4)


def _vocabulary_data(vocabulary: dict[str, int]) -> dict[str, str]:
    """A vocabulary as two strings: its words, joined by spaces (a word holds none), and
    its counts as unsigned 32-bit little-endian integers in base64.

    The JSON encoder took a third of the planscan process's CPU time in a cold county scan
    on a vocabulary written as an object (1.08 million words and counts, each escaped and
    formatted on its own); two strings are written and read almost at the speed of memory.
    """
    counts = array(_U32, vocabulary.values())
    if sys.byteorder == "big":
        counts.byteswap()
    return {
        "words": " ".join(vocabulary),
        "counts": base64.b64encode(counts.tobytes()).decode("ascii"),
    }


def _vocabulary(top: dict[str, Any]) -> dict[str, int]:
    """The vocabulary _vocabulary_data() wrote (ValueError if it is not that)."""
    words_text = _typed(top["words"], str, "words")
    words = words_text.split(" ") if words_text else []
    counts = array(_U32)
    counts.frombytes(base64.b64decode(_typed(top["counts"], str, "counts"), validate=True))
    if sys.byteorder == "big":
        counts.byteswap()
    if len(counts) != len(words):
        raise ValueError(f"{len(words)} words but {len(counts)} counts")
    return dict(zip(words, counts.tolist(), strict=True))


def _typed(value: Any, kind: type, what: str) -> Any:
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ValueError(f"{what} is not {kind.__name__}")
    return value


def _mapping(value: Any, what: str) -> dict[str, Any]:
    return dict(_typed(value, dict, what))


def _count(value: Any, what: str) -> int:
    number: int = _typed(value, int, what)
    if number < 0:
        raise ValueError(f"{what} is negative")
    return number


def _strings(value: Any, what: str) -> tuple[str, ...]:
    return tuple(_typed(item, str, f"an item of {what}") for item in _typed(value, list, what))
