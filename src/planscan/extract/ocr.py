"""OCR for scanned PDF pages: render them with pypdfium2, read them with Tesseract.

The only importer of pypdfium2. Tesseract is a program, not a Python package: it is run as
a subprocess with its Norwegian language data (Debian packages tesseract-ocr and
tesseract-ocr-nor). Only pages without a text layer are read, so a plan with a few scanned
pages (a signed decision, an appendix) costs only those pages.
"""

from __future__ import annotations

import math
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

from planscan.errors import DocumentError, InputError
from planscan.models import ExtractedText

LANGUAGE = "nor"
INSTALL_HINT = (
    "OCR needs the Tesseract program with Norwegian language data: install the packages"
    " tesseract-ocr and tesseract-ocr-nor (Debian/Ubuntu: apt-get install tesseract-ocr"
    " tesseract-ocr-nor; macOS: brew install tesseract tesseract-lang)"
)
DPI = 300
# An A0 map sheet at 300 dpi is 140 megapixels; such pages are rendered smaller.
MAX_PIXELS = 40_000_000
PAGE_TIMEOUT_SECONDS = 180
# A page with fewer letters than this in its text layer is read as an image: a scanned page
# often has a page number or a stamp as text, but no words.
MIN_LETTERS = 10


def check_tesseract() -> str:
    """Return the tesseract program's path; raise InputError saying what to install."""
    program = shutil.which("tesseract")
    if program is None:
        raise InputError(INSTALL_HINT)
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(f"tesseract does not run ({exc}); {INSTALL_HINT}") from None
    if LANGUAGE not in (listed.stdout + listed.stderr).split():
        raise InputError(f"Tesseract has no Norwegian language data ({LANGUAGE}); {INSTALL_HINT}")
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        raise InputError(
            "OCR needs pypdfium2 to render pages: pip install 'planscan[ocr]'"
        ) from None
    return program


def needs_ocr(page_text: str) -> bool:
    """True for a page whose text layer has (almost) no letters: a scanned page."""
    return sum(c.isalpha() for c in page_text) < MIN_LETTERS


def ocr_blank_pages(path: Path, extracted: ExtractedText, password: str | None) -> ExtractedText:
    """Given a PDF and its extracted text, return it with textless pages read by Tesseract."""
    todo = [i for i, text in enumerate(extracted.pages) if needs_ocr(text)]
    if not todo:
        return extracted
    program = check_tesseract()
    import pypdfium2 as pdfium

    pages = list(extracted.pages)
    try:
        pdf = pdfium.PdfDocument(str(path), password=password or None)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"the PDF cannot be rendered for OCR ({exc})", "damaged") from None
    try:
        for i in todo:
            image, dpi = _render_page(pdf[i])
            pages[i] = _tesseract(program, image, dpi, i + 1)
    finally:
        pdf.close()
    return replace(
        extracted,
        pages=tuple(pages),
        engine=f"{extracted.engine}+tesseract",
        ocr_pages=tuple(i + 1 for i in todo),
    )


def _render_page(page: Any) -> tuple[bytes, int]:
    """Render a page in grey as a binary PGM image (Tesseract reads it from stdin)."""
    try:
        width, height = page.get_size()
        scale = DPI / 72
        if width * height * scale * scale > MAX_PIXELS:
            scale = math.sqrt(MAX_PIXELS / (width * height))
        bitmap = page.render(scale=scale, grayscale=True)
        try:
            w, h, stride = bitmap.width, bitmap.height, bitmap.stride
            buffer = memoryview(bitmap.buffer).cast("B")
            rows = b"".join(buffer[r * stride : r * stride + w] for r in range(h))
        finally:
            bitmap.close()
    finally:
        page.close()
    return b"P5\n%d %d\n255\n" % (w, h) + rows, round(scale * 72)


def _tesseract(program: str, image: bytes, dpi: int, page_no: int) -> str:
    command = [program, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(dpi)]
    try:
        done = subprocess.run(
            command, input=image, capture_output=True, timeout=PAGE_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise DocumentError(
            f"OCR of page {page_no} took more than {PAGE_TIMEOUT_SECONDS} s; gave up", "ocr-failed"
        ) from None
    except OSError as exc:
        raise DocumentError(f"tesseract could not run: {exc.strerror}", "ocr-failed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit code {done.returncode}"
        raise DocumentError(f"OCR of page {page_no} failed: {detail}", "ocr-failed")
    return done.stdout.decode("utf-8", "replace")
