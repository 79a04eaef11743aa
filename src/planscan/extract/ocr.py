"""OCR for scanned PDF pages: rendered by planscan.extract.pdfium, read by Tesseract.

Tesseract is a program, not a Python package: it is run as a subprocess with its Norwegian
language data (Debian packages tesseract-ocr and tesseract-ocr-nor). Only pages without a
text layer are read, so a plan with a few scanned pages (a signed decision, an appendix)
costs only those pages.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from planscan.childprocess import child_setup
from planscan.errors import DocumentError, InputError
from planscan.i18n import N_, Message

LANGUAGE = "nor"
INSTALL_HINT = Message(
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
        raise InputError("{hint}", hint=INSTALL_HINT)
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise InputError(
            N_("tesseract does not run ({why}); {hint}"), why=str(exc), hint=INSTALL_HINT
        ) from None
    if LANGUAGE not in (listed.stdout + listed.stderr).split():
        raise InputError(
            N_("Tesseract has no Norwegian language data ({language}); {hint}"),
            language=LANGUAGE,
            hint=INSTALL_HINT,
        )
    return program


def needs_ocr(page_text: str) -> bool:
    """True for a page whose text layer has (almost) no letters: a scanned page."""
    return sum(c.isalpha() for c in page_text) < MIN_LETTERS


def ocr_page(path: Path, index: int, password: str | None) -> str:
    """Read page `index` (0-based) of a PDF with Tesseract."""
    from planscan.extract.pdfium import render_page_gray

    program = check_tesseract()
    image, dpi = render_page_gray(path, index, password, dpi=DPI, max_pixels=MAX_PIXELS)
    return _tesseract(program, image, dpi, index + 1)


def _tesseract(program: str, image: bytes, dpi: int, page_no: int) -> str:
    command = [program, "stdin", "stdout", "-l", LANGUAGE, "--dpi", str(dpi)]
    try:
        done = subprocess.run(
            command,
            input=image,
            capture_output=True,
            timeout=PAGE_TIMEOUT_SECONDS,
            check=False,
            preexec_fn=child_setup,  # tesseract ends with its reader, whatever ends that
        )
    except subprocess.TimeoutExpired:
        raise DocumentError(
            N_("OCR of page {page} took more than {seconds} s; gave up"),
            "ocr-failed",
            page=page_no,
            seconds=PAGE_TIMEOUT_SECONDS,
        ) from None
    except OSError as exc:
        raise DocumentError(
            N_("tesseract could not run: {why}"), "ocr-failed", why=exc.strerror
        ) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit code {done.returncode}"
        raise DocumentError(
            N_("OCR of page {page} failed: {why}"), "ocr-failed", page=page_no, why=detail
        )
    return done.stdout.decode("utf-8", "replace")
