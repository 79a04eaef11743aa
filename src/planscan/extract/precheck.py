"""Cheap checks before any parser opens a file. Standard library only.

The parsers do badly on hostile input (endless loops, gigabytes of memory, messages such as
"No /Root object!" for every kind of damage), so what can be told from a file's bytes and a
ZIP's central directory is told here, with a message a planner can act on.
"""

from __future__ import annotations

import os
from pathlib import Path

from planscan.errors import DocumentError
from planscan.i18n import N_, Message
from planscan.inputfile import open_regular
from planscan.models import Limits

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A password-protected Word file is an OLE container with these streams, whatever its name.
_OLE_ENCRYPTED = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_MIB = 1024 * 1024


def pdf_password_error(password: str | None = None) -> DocumentError:
    """What every PDF engine says about a password it does not have, or a wrong one."""
    if password:
        return DocumentError(
            N_("the password is wrong for this PDF; check --password (it is case-sensitive)"),
            "wrong-password",
        )
    return DocumentError(
        N_("the PDF is password-protected; give --password or use an unprotected copy"),
        "encrypted",
    )


def blank_pages_error() -> DocumentError:
    """What every PDF engine says when no page has text or anything drawn on it."""
    return DocumentError(
        N_("the PDF's pages are blank (no text, no images): it is damaged or empty"), "damaged"
    )


def sniff(head: bytes) -> str:
    """Given a file's first bytes, return 'pdf', 'zip', 'ole', 'html', 'empty' or 'unknown'."""
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    lowered = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<!--")):
        return "html"
    return "unknown"


def check_file(path: Path, limits: Limits) -> str:
    """Return 'pdf', 'docx' or 'html', or raise DocumentError saying what is wrong and what
    to do. Whether a web page is a plan, html.py decides from its text."""
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(4096)
            handle.seek(max(0, size - 2048))
            tail = handle.read()
    except FileNotFoundError:
        raise DocumentError(N_("file not found; check the path"), "missing-file") from None
    except OSError as exc:
        raise DocumentError(
            N_("cannot open the file: {why}"), "unreadable", why=exc.strerror
        ) from None
    if size > limits.max_file_bytes:
        raise DocumentError(
            N_(
                "the file is {size} MiB, over the {limit} MiB limit; raise --max-file-size if it"
                " is a real plan"
            ),
            "too-large",
            size=size // _MIB,
            limit=limits.max_file_bytes // _MIB,
        )
    kind = sniff(head)
    if kind == "empty":
        raise DocumentError(N_("the file is empty (0 bytes); download it again"), "empty")
    if kind == "html":
        return "html"
    if kind == "pdf":
        if b"%%EOF" not in tail:
            raise DocumentError(
                N_("the PDF is cut off (no end marker): download cut off? Download it again"),
                "truncated",
            )
        return "pdf"
    if kind == "zip":
        _check_zip(path, limits)
        return "docx"
    if kind == "ole":
        with path.open("rb") as handle:
            directory = handle.read(4 * _MIB)
        if any(name in directory for name in _OLE_ENCRYPTED):
            raise DocumentError(
                N_("the Word file is password-protected; save an unprotected copy as .docx"),
                "encrypted",
            )
        raise DocumentError(
            N_(
                "the file is an old Word .doc (whatever its name); open it in Word and save it"
                " as .docx"
            ),
            "legacy-doc",
        )
    raise DocumentError(N_("the file is neither a PDF, a DOCX nor a web page"), "damaged")


def _check_zip(path: Path, limits: Limits) -> None:
    """Refuse ZIP bombs from the central directory, before anything is inflated."""
    import zipfile  # only readers open ZIP files; the parent process never needs it

    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentError(
            N_(
                "the file is a damaged ZIP archive, not a readable Word document; download it again"
            ),
            "damaged",
        ) from None
    if len(entries) > limits.zip_max_entries:
        raise _bomb(
            Message(
                "it has {parts} parts (limit {limit})",
                parts=len(entries),
                limit=limits.zip_max_entries,
            )
        )
    if not any(e.filename == "word/document.xml" for e in entries):
        raise DocumentError(
            N_("the file is a ZIP archive but not a Word document (.docx)"), "damaged"
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > limits.zip_max_part_bytes:
            raise _bomb(
                Message(
                    "{part} inflates to {size} MiB (limit {limit} MiB)",
                    part=entry.filename,
                    size=entry.file_size // _MIB,
                    limit=limits.zip_max_part_bytes // _MIB,
                )
            )
        if entry.file_size > _MIB and entry.file_size > limits.zip_max_ratio * max(
            entry.compress_size, 1
        ):
            raise _bomb(
                Message(
                    "{part} inflates {times} times (limit {limit})",
                    part=entry.filename,
                    times=entry.file_size // max(entry.compress_size, 1),
                    limit=limits.zip_max_ratio,
                )
            )
    if total > limits.zip_max_total_bytes:
        raise _bomb(
            Message(
                "it inflates to {size} MiB (limit {limit} MiB)",
                size=total // _MIB,
                limit=limits.zip_max_total_bytes // _MIB,
            )
        )


def _bomb(why: Message) -> DocumentError:
    return DocumentError(
        N_("the DOCX is too large to read safely: {why}; a compression bomb or a damaged file"),
        "too-large",
        why=why,
    )
