"""The document store: downloaded plans kept by content (sha256), and a record per URL.

Layout of a store folder:

    index.json                  one record per URL (written atomically)
    objects/ab/ab12…ef.pdf      each distinct file once, named by its sha256 and its type
    tmp/                        downloads in progress (*.part), renamed into objects/

Names inside the store come only from the sha256 and the file type read from the body's
first bytes, never from a URL or a server's Content-Disposition, so no path can escape it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, fields, replace
from pathlib import Path
from typing import Any

from planscan.atomicwrite import remove_stale, write_atomic
from planscan.errors import InputError
from planscan.i18n import N_, Message
from planscan.inputfile import read_regular
from planscan.models import FetchOutcome, FetchRecord, PlanRef, Status, Unavailable

INDEX_NAME = "index.json"
INDEX_FORMAT = 1
KINDS = ("pdf", "docx", "doc", "html")  # html: a web plan, kept as one bundle of its pages
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_RECORD_FIELDS = {f.name for f in fields(FetchRecord)}


def user_cache_root() -> Path:
    """planscan's per-user cache folder (platformdirs): downloads and extracted text."""
    import platformdirs

    return platformdirs.user_cache_path("planscan", appauthor=False)


def default_store_path() -> Path:
    """The per-user cache folder planscan keeps downloads in."""
    return user_cache_root() / "store"


class Store:
    """A store folder; created on first write."""

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root)
        self.index_path = self.root / INDEX_NAME
        self._records: dict[str, FetchRecord] | None = None
        self._dirty = False

    def records(self) -> dict[str, FetchRecord]:
        """Every record in the store, by URL."""
        if self._records is None:
            self._records = _read_index(self.index_path)
        return self._records

    def record(self, url: str) -> FetchRecord | None:
        return self.records().get(url)

    def object_path(self, sha256: str, kind: str) -> Path:
        if not _SHA256.match(sha256) or kind not in KINDS:
            raise InputError(
                N_("{path}: not a valid stored file: {name}"),
                path=self.index_path,
                name=sha256 + "." + kind,
            )
        return self.root / "objects" / sha256[:2] / f"{sha256}.{kind}"

    def stored_file(self, record: FetchRecord) -> Path | None:
        """The stored copy a record points to, if it is there."""
        if record.sha256 is None or record.kind is None:
            return None
        path = self.object_path(record.sha256, record.kind)
        return path if path.is_file() else None

    def sweep_parts(self) -> None:
        """Remove downloads a killed fetch left in tmp/ (once no fetch can still be
        writing them: an hour old)."""
        remove_stale((self.root / "tmp").glob("download-*.part"))

    def new_part(self) -> Path:
        """A fresh, empty file to download into."""
        tmp = self.root / "tmp"
        tmp.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="download-", suffix=".part", dir=tmp)
        os.close(fd)
        return Path(name)

    def commit(self, part: Path, sha256: str, kind: str) -> Path:
        """Move a finished download into the store; the same content is kept once."""
        target = self.object_path(sha256, kind)
        if target.is_file():
            part.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, target)
        return target

    def put(self, record: FetchRecord) -> None:
        """Record the latest fetch of a URL; flush() writes the index."""
        self.records()[record.url] = record
        self._dirty = True

    def flush(self) -> None:
        """Write the index, whole or not at all, if anything changed since the last time."""
        if self._dirty:
            self.root.mkdir(parents=True, exist_ok=True)
            write_atomic(self.index_path, _render_index(self.records().values()))
            self._dirty = False


def _render_index(records: Iterable[FetchRecord]) -> str:
    documents = []
    for record in sorted(records, key=lambda r: r.url):
        data = asdict(record)
        data["outcome"] = record.outcome.value
        documents.append(data)
    body = {"planscan_store": INDEX_FORMAT, "documents": documents}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


# The index is read only up to this size (a regular file): about a million records.
MAX_INDEX_BYTES = 512 * 1024 * 1024


def _read_index(path: Path) -> dict[str, FetchRecord]:
    try:
        text = read_regular(path, MAX_INDEX_BYTES).decode("utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise InputError(
            N_("{path}: cannot read the store index: {why}"), path=path, why=exc.strerror
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            N_("{path}: cannot read the store index: {why}"), path=path, why=str(exc)
        ) from None
    try:
        data = json.loads(text)
        if data.get("planscan_store") != INDEX_FORMAT:
            raise ValueError(f"unknown format {data.get('planscan_store')!r}")
        records = [_record(item) for item in data["documents"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(
            N_(
                "{path}: the store index is damaged ({why});"
                " delete the store folder and fetch again"
            ),
            path=path,
            why=str(exc),
        ) from None
    return {record.url: record for record in records}


def _record(item: Mapping[str, Any]) -> FetchRecord:
    values = {key: value for key, value in item.items() if key in _RECORD_FIELDS}
    record = FetchRecord(**{**values, "outcome": FetchOutcome(values["outcome"])})
    if record.sha256 is not None and not _SHA256.match(record.sha256):
        raise ValueError(f"bad sha256 for {record.url}")
    if record.kind is not None and record.kind not in KINDS:
        raise ValueError(f"bad file type for {record.url}")
    return record


def locate(refs: Sequence[PlanRef], store: Store) -> list[PlanRef]:
    """Point each plan listed only by URL at its stored copy, or say why there is none."""
    return [_locate(ref, store) if ref.path is None and ref.url else ref for ref in refs]


def _locate(ref: PlanRef, store: Store) -> PlanRef:
    assert ref.url is not None
    record = store.record(ref.url)
    if record is None:
        return _unavailable(
            ref,
            Status.ERROR,
            "not-fetched",
            Message(
                "not in the store {folder}; run planscan fetch first, or scan --fetch",
                folder=store.root,
            ),
        )
    if record.outcome.missing:
        return _unavailable(ref, Status.MISSING, record.outcome.value, record.message or "")
    stored = store.stored_file(record)
    if stored is not None:
        return replace(ref, path=stored, stored=True)
    if record.sha256 is not None:
        return _unavailable(
            ref, Status.ERROR, "not-fetched", "the stored copy is gone; run planscan fetch again"
        )
    return _unavailable(ref, Status.ERROR, record.outcome.value, record.message or "")


def _unavailable(ref: PlanRef, status: Status, reason: str, message: str) -> PlanRef:
    return replace(ref, unavailable=Unavailable(status, reason, message))
