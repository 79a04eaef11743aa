"""PDF text extraction with PDFium. The only importer of pypdfium2.

The default engine: about 50 times faster than pdfplumber on long plans, with the same
words (benchmarks/bench.py). PDFium marks a line-end hyphenation with U+FFFE and ends lines
with CRLF; normalize_text() handles both.
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdfium2
import pypdfium2.raw as pdfium_c

from planscan.chars import drop_invisible
from planscan.errors import DocumentError
from planscan.extract.precheck import blank_pages_error, pdf_password_error
from planscan.i18n import N_
from planscan.models import ExtractedInfo

ENGINE = "pdfium"
VERSION = f"pypdfium2 {pypdfium2.version.PYPDFIUM_INFO}"


def iter_pdfium_pages(
    path: Path,
    password: str | None = None,
    max_pages: int | None = None,
    first_page: int = 0,
    stop: Callable[[int], int | None] | None = None,
) -> Iterator[ExtractedInfo | str]:
    """Yield an ExtractedInfo, then the text of each page from first_page (at most
    max_pages in all). `stop(index)`, asked before each page, may return a page index to
    stop at: another reader reads the rest."""
    try:
        document = pypdfium2.PdfDocument(str(path), password=password or None)
    except pypdfium2.PdfiumError as exc:
        raise _document_error(str(exc), password) from None
    try:
        count = len(document)
        if count == 0:
            raise DocumentError(N_("the PDF has no readable pages; it is damaged"), "damaged")
        wanted = count if max_pages is None else min(count, max_pages)
        labels = tuple(_label(document, i) for i in range(wanted))
        yield ExtractedInfo(
            pages=count,
            engine=ENGINE,
            page_labels=labels if any(labels) else None,
            protected=_protected(document, password),
        )
        blank_pages = read = 0
        for index in range(first_page, wanted):
            limit = stop(index) if stop is not None else None
            if limit is not None and index >= limit:
                break
            read += 1
            text, blank = _page_text(document, index)
            blank_pages += blank
            yield text
        if read and blank_pages == read and first_page == 0 and read == wanted:
            raise blank_pages_error()
    finally:
        document.close()


def _page_text(document: pypdfium2.PdfDocument, index: int) -> tuple[str, bool]:
    """The text of page `index`, and whether the page is blank: no text is normal for a
    scan; no text and nothing drawn is a broken file.

    PDFium's own functions, not pypdfium2's page and text-page objects: those register a
    finaliser and a parent link for each page, about a twentieth of the reading time of a
    county's plans, for handles closed a few lines later anyway. The text is what
    PdfTextPage.get_text_range() returns, from the same calls.
    """
    page = pdfium_c.FPDF_LoadPage(document.raw, index)
    if not page:
        raise _damaged_page(index)
    try:
        text_page = pdfium_c.FPDFText_LoadPage(page)
        if not text_page:
            raise _damaged_page(index)
        try:
            text = _text_range(text_page)
        finally:
            pdfium_c.FPDFText_ClosePage(text_page)
        return text, not text.strip() and pdfium_c.FPDFPage_CountObjects(page) == 0
    finally:
        pdfium_c.FPDF_ClosePage(page)


def _damaged_page(index: int) -> DocumentError:
    return DocumentError(
        N_("page {page} of the PDF cannot be read: the file is damaged"),
        "damaged",
        page=index + 1,
    )


def _text_range(text_page: Any) -> str:
    """All the text of a text page, as PdfTextPage.get_text_range() reads it: characters
    PDFium leaves out at either end are skipped first (crbug.com/pdfium/2079), else it may
    read past them."""
    start, end = 0, pdfium_c.FPDFText_CountChars(text_page) - 1
    while start <= end:
        first = pdfium_c.FPDFText_GetTextIndexFromCharIndex(text_page, start)
        if first == -1:
            start += 1
            continue
        last = pdfium_c.FPDFText_GetTextIndexFromCharIndex(text_page, end)
        if last == -1:
            end -= 1
            continue
        # A bytearray, not a ctypes array: `c_ushort * n` makes a new type for every length,
        # a cycle of a dozen objects for the cycle collector to find and free, page after
        # page (most of a reader's cyclic garbage on the county benchmark).
        buffer = bytearray(2 * (last + 2 - first))
        units = ctypes.byref(ctypes.c_ushort.from_buffer(buffer))
        written = pdfium_c.FPDFText_GetText(text_page, start, end + 1 - start, units)
        return buffer[: 2 * max(written - 1, 0)].decode("utf-16-le", "ignore")
    return ""


def _protected(document: pypdfium2.PdfDocument, password: str | None) -> bool:
    """Whether the PDF was opened with a password it is encrypted with."""
    if not password:
        return False
    return bool(pypdfium2.raw.FPDF_GetSecurityHandlerRevision(document.raw) != -1)


def _label(document: pypdfium2.PdfDocument, index: int) -> str:
    try:
        # A label is the PDF's own text, shown in reports and on the terminal.
        return drop_invisible(document.get_page_label(index) or "")
    except pypdfium2.PdfiumError:
        return ""


def _document_error(detail: str, password: str | None) -> DocumentError:
    if "password" in detail.lower():
        return pdf_password_error(password)
    return DocumentError(
        N_("the PDF is damaged and cannot be opened; download it again"), "damaged"
    )


def render_page_gray(
    path: Path, index: int, password: str | None, dpi: int = 300, max_pixels: int = 40_000_000
) -> tuple[bytes, int]:
    """Render page `index` (0-based) in grey as a binary PGM image; return it and its dpi.

    Huge sheets (an A0 map) are rendered smaller, to at most max_pixels.
    """
    try:
        document = pypdfium2.PdfDocument(str(path), password=password or None)
    except pypdfium2.PdfiumError as exc:
        raise _document_error(str(exc), password) from None
    try:
        page = document[index]
        try:
            width, height = page.get_size()
            scale = dpi / 72
            if width * height * scale * scale > max_pixels:
                scale = math.sqrt(max_pixels / (width * height))
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                w, h, stride = bitmap.width, bitmap.height, bitmap.stride
                buffer = memoryview(bitmap.buffer).cast("B")
                rows = b"".join(buffer[r * stride : r * stride + w] for r in range(h))
            finally:
                bitmap.close()
        finally:
            page.close()
    finally:
        document.close()
    return b"P5\n%d %d\n255\n" % (w, h) + rows, round(scale * 72)
