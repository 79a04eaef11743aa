"""DOCX text extraction. The only importer of python-docx (and its lxml)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from planscan.errors import DocumentError
from planscan.i18n import N_
from planscan.models import ExtractedInfo

ENGINE = "python-docx"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def iter_docx_pages(path: Path, max_pages: int | None = None) -> Iterator[ExtractedInfo | str]:
    """Yield an ExtractedInfo, then the text of each page (at most max_pages)."""
    pages = extract_docx_pages(path)
    yield ExtractedInfo(pages=len(pages), engine=ENGINE)
    yield from pages[:max_pages]


def extract_docx_pages(path: Path) -> list[str]:
    """Return the body text of a DOCX, split into pages at page breaks.

    A DOCX has no fixed pages; explicit page breaks and the page breaks Word recorded at
    its last layout (lastRenderedPageBreak) are used. Headers and footers are not read:
    they repeat on every page and would inflate counts.
    """
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError):
        raise DocumentError(
            N_("the file is a ZIP archive but not a Word document (.docx)"), "damaged"
        ) from None
    except Exception as exc:  # python-docx and lxml raise many types on broken files
        raise DocumentError(
            N_("the DOCX cannot be read ({error}); it may be damaged"),
            "damaged",
            error=type(exc).__name__,
        ) from exc
    return _pages(document.element.body)


_P, _TR, _TC, _T = f"{_W}p", f"{_W}tr", f"{_W}tc", f"{_W}t"
_TAB, _BR, _CR, _TYPE, _VAL = f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}type", f"{_W}val"
_RENDERED_BREAK, _BREAK_BEFORE = f"{_W}lastRenderedPageBreak", f"{_W}pageBreakBefore"
# Only these elements make text or breaks: the walk skips the rest (run properties, fonts,
# sizes, bookmarks), which are most of a document's elements.
_TEXT_TAGS = (_P, _TR, _TC, _T, _TAB, _BR, _CR, _RENDERED_BREAK, _BREAK_BEFORE)


def _pages(body: etree._Element) -> list[str]:
    pages: list[list[str]] = [[]]

    def new_page() -> None:
        if "".join(pages[-1]).strip():  # consecutive breaks make one boundary
            pages.append([])

    for event, element in etree.iterwalk(body, events=("start", "end"), tag=_TEXT_TAGS):
        tag = element.tag
        if event == "end":
            if tag in (_P, _TR):
                pages[-1].append("\n")
            elif tag == _TC:
                pages[-1].append(" ")
            continue
        if tag == _T and element.text:
            pages[-1].append(element.text)
        elif tag == _TAB:
            pages[-1].append("\t")
        elif tag == _BR:
            if element.get(_TYPE) == "page":
                new_page()
            else:
                pages[-1].append("\n")
        elif tag == _CR:
            pages[-1].append("\n")
        elif tag == _RENDERED_BREAK:
            new_page()
        elif tag == _BREAK_BEFORE and element.get(_VAL, "true") != "false":
            new_page()
    texts = ["".join(parts) for parts in pages]
    return texts if any(t.strip() for t in texts) else [""] * max(1, len(texts))
