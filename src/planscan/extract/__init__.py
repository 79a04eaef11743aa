"""Read the text of a plan document, page by page, whatever its format.

The format is decided by the file's first bytes, not its name: municipal websites serve
web pages saved as .pdf and old Word files renamed .docx.
"""

from __future__ import annotations

from pathlib import Path

from planscan.errors import DocumentError
from planscan.models import ExtractedText

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".doc")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
    lowered = head[:1024].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")):
        return "html"
    return "unknown"


def extract_pages(path: Path, password: str | None = None, *, ocr: bool = False) -> ExtractedText:
    """Return the raw text of each page; raise DocumentError with a planner-readable message.

    With `ocr`, PDF pages without a text layer are read with Tesseract (planscan.extract.ocr).
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(2048)
    except OSError as exc:
        raise DocumentError(f"cannot open the file: {exc.strerror}", "unreadable") from None
    kind = sniff(head)
    if kind == "empty":
        raise DocumentError("the file is empty (0 bytes); download it again", "empty")
    if kind == "html":
        raise DocumentError(
            "the file is a web page, not a PDF or DOCX; the server returned a page instead"
            " of the document",
            "not-pdf",
        )
    if kind == "pdf":
        from planscan.extract.pdf import extract_pdf_pages

        text = ExtractedText(tuple(extract_pdf_pages(path, password)), "pdfplumber")
        if ocr:
            from planscan.extract.ocr import ocr_blank_pages

            text = ocr_blank_pages(path, text, password)
        return text
    if kind == "zip":
        from planscan.extract.docx import extract_docx_pages

        return ExtractedText(tuple(extract_docx_pages(path)), "python-docx")
    if kind == "ole":
        raise DocumentError(
            "the file is an old Word .doc (or a password-protected Word file);"
            " open it in Word and save it as .docx",
            "legacy-doc",
        )
    raise DocumentError("the file is neither a PDF nor a DOCX document", "damaged")
