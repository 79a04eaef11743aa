"""PDF text extraction with pdfplumber (`--engine pdfplumber`). The only importer of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from planscan.errors import DocumentError
from planscan.extract.precheck import blank_pages_error, pdf_password_error
from planscan.i18n import N_
from planscan.models import ExtractedInfo

ENGINE = "pdfplumber"


def iter_pdfplumber_pages(
    path: Path, password: str | None = None, max_pages: int | None = None
) -> Iterator[ExtractedInfo | str]:
    """Yield an ExtractedInfo, then the text of each page (at most max_pages)."""
    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            count = len(pdf.pages)
            if count == 0:
                raise DocumentError(N_("the PDF has no readable pages; it is damaged"), "damaged")
            wanted = count if max_pages is None else min(count, max_pages)
            protected = bool(password) and getattr(pdf.doc, "encryption", None) is not None
            yield ExtractedInfo(pages=count, engine=ENGINE, protected=protected)
            blank_pages = 0
            for page in pdf.pages[:wanted]:
                try:
                    text = page.extract_text() or ""
                    if not text.strip() and not any(page.objects.values()):
                        blank_pages += 1
                finally:
                    # Without this, pdfplumber keeps every parsed page: gigabytes on long plans.
                    page.close()
                yield text
            if blank_pages == wanted:
                raise blank_pages_error()
    except DocumentError:
        raise
    except PDFPasswordIncorrect:
        raise pdf_password_error(password) from None
    except PDFSyntaxError:
        raise DocumentError(
            N_("the PDF is damaged or cut off (download incomplete?); download it again"),
            "damaged",
        ) from None
    except Exception as exc:  # pdfminer raises many undocumented types on broken files
        if any(isinstance(arg, PDFPasswordIncorrect) for arg in exc.args):
            raise pdf_password_error(password) from None
        raise DocumentError(
            N_("the PDF cannot be read ({error}); it may be damaged"),
            "damaged",
            error=type(exc).__name__,
        ) from exc
