"""Read the text of a plan document, page by page, whatever its format.

The format is decided by the file's first bytes, not its name: municipal websites serve
web pages saved as .pdf and old Word files renamed .docx. A web page is a plan when it
has plan text besides its menus (html.py); its sections take the place of pages. Cheap
checks run before any parser sees the file (precheck.py); the parsers run in a child
process (worker.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

from planscan.errors import DocumentError
from planscan.extract.precheck import check_file
from planscan.models import ExtractedInfo, ExtractedText, Limits

PDF_ENGINES = ("pdfium", "pdfplumber")
DEFAULT_PDF_ENGINE = "pdfium"

_ENGINE_PACKAGES = {
    "pdfium": "pypdfium2",
    "pdfplumber": "pdfplumber",
    "python-docx": "python-docx",
    "lxml-html": "lxml",
}
# Our own main-content rules decide a web page's text as much as lxml does (html.py):
# bumped whenever they change what text a page gives, it is part of the cache key.
HTML_RULES_VERSION = 1
_ENGINE_RULES = {"lxml-html": f" rules {HTML_RULES_VERSION}"}


@cache
def engine_version(engine: str) -> str:
    """The extractor and its version, for cache keys; imports nothing of the extractor."""
    package = _ENGINE_PACKAGES[engine]
    return f"{package} {_installed_version(package)}" + _ENGINE_RULES.get(engine, "")


def _installed_version(package: str) -> str:
    # A re-scan from the cache needs only this: the name of the package's .dist-info folder
    # says it in a directory listing, where importlib.metadata takes 18 ms to import.
    from importlib.util import find_spec

    module = {"python-docx": "docx"}.get(package, package)
    spec = find_spec(module)
    if spec is not None and spec.origin is not None:
        site = Path(spec.origin).parent.parent
        wanted = package.replace("-", "_").casefold()
        for info in site.glob("*.dist-info"):
            name, _, version = info.name[: -len(".dist-info")].partition("-")
            if name.replace("-", "_").replace(".", "_").casefold() == wanted and version:
                return version
    from importlib import metadata

    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown"


def iter_pages(
    path: Path,
    engine: str = DEFAULT_PDF_ENGINE,
    password: str | None = None,
    limits: Limits | None = None,
    first_page: int = 0,
    stop: Callable[[int], int | None] | None = None,
) -> Iterator[ExtractedInfo | str]:
    """Yield an ExtractedInfo, then each page's raw text. Raise DocumentError with a
    planner-readable message for a file that cannot be read.

    `first_page` and `stop` let two readers share one long PDF (pdfium only)."""
    limits = limits or Limits()
    kind = check_file(path, limits)
    if kind == "pdf":
        if engine == "pdfplumber":
            from planscan.extract.pdf import iter_pdfplumber_pages

            yield from iter_pdfplumber_pages(path, password, limits.max_pages)
        elif engine == "pdfium":
            from planscan.extract.pdfium import iter_pdfium_pages

            yield from iter_pdfium_pages(path, password, limits.max_pages, first_page, stop)
        else:
            raise ValueError(f"unknown PDF engine {engine!r}")
    elif kind == "html":
        from planscan.extract.html import iter_html_pages

        yield from iter_html_pages(path, limits)
    else:
        from planscan.extract.docx import iter_docx_pages

        yield from iter_docx_pages(path, limits.max_pages)


def extract_pages(
    path: Path,
    password: str | None = None,
    engine: str = DEFAULT_PDF_ENGINE,
    limits: Limits | None = None,
) -> ExtractedText:
    """Read a whole document in this process (no isolation); for tests and notebooks."""
    items = iter_pages(path, engine, password, limits)
    info = next(items)
    assert isinstance(info, ExtractedInfo)
    pages = tuple(str(page) for page in items)
    return ExtractedText(pages, info.engine, info.page_labels, section_urls=info.section_urls)


__all__ = [
    "DEFAULT_PDF_ENGINE",
    "PDF_ENGINES",
    "DocumentError",
    "engine_version",
    "extract_pages",
    "iter_pages",
]
