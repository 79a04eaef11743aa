"""PDF text extraction. The only importer of pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from planscan.errors import DocumentError


def extract_pdf_pages(path: Path, password: str | None = None) -> list[str]:
    """Return the text of each page of a PDF."""
    pages: list[str] = []
    try:
        with pdfplumber.open(path, password=password or "") as pdf:
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                # Without this, pdfplumber keeps every parsed page: gigabytes on long plans.
                page.close()
    except PDFPasswordIncorrect:
        raise DocumentError(
            "the PDF is password-protected; give --password or use an unprotected copy",
            "encrypted",
        ) from None
    except PDFSyntaxError:
        raise DocumentError(
            "the PDF is damaged or cut off (download incomplete?); download it again", "damaged"
        ) from None
    except Exception as exc:  # pdfminer raises many undocumented types on broken files
        raise DocumentError(
            f"the PDF cannot be read ({type(exc).__name__}); it may be damaged", "damaged"
        ) from exc
    return pages
