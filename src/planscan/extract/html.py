"""Web pages (HTML): the plan's own text, section by section. The only importer of lxml.html.

A web plan has no pages; its headings take their place. Each h1-h4 heading starts a section,
labelled with the heading and cited with its anchor (#id) where it has one. Only the plan's
own text counts: navigation, menus, cookie banners, headers and footers, "related content",
search boxes, forms and bare link lists (a municipality's list of every plan, repeated on
each plan's page) are dropped before any text is read.

Main-content rules are our own, on lxml (already installed with python-docx): measured on
the fixtures against trafilatura and readability-lxml (benchmarks/html_extractors.py), they
keep every section heading with its anchor and drop link lists inside <main>, which the two
libraries do not both do. Input is bounded like any reader's: bytes, elements, nesting
depth and time.

A web plan fetched over several pages, or from Framsikt's static files, is stored as one
"bundle": a page of <section data-planscan-url> elements holding each page's main content,
already cleaned (see make_bundle), so the store keeps it content-addressed like a PDF.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html

from planscan.chars import drop_invisible
from planscan.errors import DocumentError
from planscan.i18n import N_
from planscan.models import ExtractedInfo, Limits

ENGINE = "lxml-html"
BUNDLE_GENERATOR = "planscan-web-bundle/1"
# Fewer words of main content than this: a page not found, a search or login page, a link
# list; not a plan.
MIN_PLAN_WORDS = 100
SECTION_TAGS = frozenset({"h1", "h2", "h3", "h4"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LABEL_CHARS = 100

# Elements that are never the plan's text.
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "nav",
    "aside",
    "dialog",
    "menu",
    "button",
    "input",
    "select",
    "textarea",
    "label",
    "img",
    "video",
    "audio",
    "map",
)
_DROP_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "search",
        "complementary",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
        "toolbar",
        "tablist",
    }
)
# id/class words of boilerplate, matched as whole words of the name ("main-nav", "cookieBar").
_BOILERPLATE_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "megamenu",
        "breadcrumb",
        "breadcrumbs",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "footer",
        "sidebar",
        "related",
        "share",
        "sharing",
        "social",
        "search",
        "skip",
        "skiplink",
        "pagination",
        "pager",
        "toolbar",
        "banner",
        "newsletter",
        "feedback",
        "tilbakemelding",
        "relatert",
        "snarveier",
        "sok",
        "meny",
        "brodsmuler",
    }
)
_NAME_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "header",
        "footer",
        "hr",
        *_HEADINGS,
    }
)
_LINK_LISTS = frozenset({"ul", "ol", "dl", "div", "section", "table", "p"})
_LINK_SHARE = 0.6  # of a block's text in links: a link list, not plan text
_MIN_LINKS = 3
_SPACES = re.compile(r"\s+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CHECK_EVERY = 2048  # elements between looks at the clock


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, up to the next heading; stands in for a page."""

    heading: str  # on one line, shortened; "" for text before the first heading
    url: str  # where it is: "URL#anchor", "#anchor" in a local file, or ""
    text: str


def iter_html_pages(path: Path, limits: Limits) -> Iterator[ExtractedInfo | str]:
    """Yield an ExtractedInfo (sections as pages, headings as labels), then each section's
    text. Raise DocumentError for a page with no plan text or over a limit."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            N_("cannot read the file: {why}"), "unreadable", why=exc.strerror
        ) from None
    sections = read_sections(data, limits, not_html=path.suffix.lower() not in (".html", ".htm"))
    wanted = sections[: limits.max_pages] if limits.max_pages is not None else sections
    yield ExtractedInfo(
        pages=len(sections),
        engine=ENGINE,
        page_labels=tuple(s.heading for s in wanted),
        unit="section",
        section_urls=tuple(s.url for s in wanted),
    )
    for section in wanted:
        yield section.text


def read_sections(
    data: bytes, limits: Limits, base_url: str = "", not_html: bool = False
) -> list[Section]:
    """Given a web page's bytes, return the plan's sections; raise DocumentError when the
    page is over a limit or has no plan text. `not_html`: the file's name promised a PDF
    or DOCX (a server's error page saved under the document's name)."""
    deadline = time.monotonic() + limits.timeout_seconds
    root = parse_html(data, limits)
    if _is_bundle(root):
        sections = _bundle_sections(root, limits, deadline)
    else:
        sections = _walk(main_content(root, limits, deadline), base_url, limits, deadline)
    words = sum(len(s.text.split()) for s in sections)
    if words < MIN_PLAN_WORDS:
        if not_html:
            raise DocumentError(
                N_(
                    "the file is a web page, not a PDF or DOCX; the server returned a page"
                    " instead of the document"
                ),
                "not-pdf",
            )
        raise DocumentError(
            N_(
                "the web page has no plan text ({words} words besides menus and links): a page"
                " not found, a search or login page, or a list of links"
            ),
            "not-a-plan",
            words=words,
        )
    return sections


def parse_html(data: bytes, limits: Limits) -> lxml.html.HtmlElement:
    """Parse a page within the byte and element limits; raise DocumentError otherwise."""
    if len(data) > limits.html_max_bytes:
        raise DocumentError(
            N_("the web page is {size} MiB, over the {limit} MiB limit for web pages"),
            "too-large",
            size=len(data) // (1024 * 1024),
            limit=limits.html_max_bytes // (1024 * 1024),
        )
    # Every element starts with "<": a cheap upper bound before the parser builds a tree.
    if data.count(b"<") > 2 * limits.html_max_nodes:
        raise _too_many(limits)
    parser = lxml.html.HTMLParser(
        encoding=_encoding(data),
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,  # libxml2 refuses nesting deeper than 256 and huge text nodes
    )
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentError(
            N_("the web page cannot be read ({why})"), "damaged", why=str(exc)
        ) from None
    count = 0
    for _ in root.iter():
        count += 1
        if count > limits.html_max_nodes:
            raise _too_many(limits)
    return root


def _too_many(limits: Limits) -> DocumentError:
    return DocumentError(
        N_("the web page has more than {n} elements, too many to read safely"),
        "too-large",
        n=limits.html_max_nodes,
    )


def _encoding(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    found = _CHARSET.search(data[:4096])
    if found:
        name = found.group(1).decode("ascii", "replace").lower()
        try:
            "".encode(name)
        except LookupError:
            name = ""
        if name:
            return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1") else name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _is_bundle(root: lxml.html.HtmlElement) -> bool:
    return any(meta.get("content") == BUNDLE_GENERATOR for meta in root.iter("meta"))


def main_content(
    root: lxml.html.HtmlElement, limits: Limits, deadline: float | None = None
) -> lxml.html.HtmlElement:
    """The element holding the plan's own text, with everything that is not the plan
    removed from it (in place)."""
    _drop_boilerplate(root, limits, deadline)
    mains = root.xpath("//main | //*[@role='main']")
    if len(mains) == 1:
        content = mains[0]
    else:
        articles = root.xpath("//article")
        if len(articles) == 1:
            content = articles[0]
        else:
            bodies = root.xpath("//body")
            content = bodies[0] if bodies else root
    _drop_link_lists(content)
    return content


def _drop_boilerplate(root: lxml.html.HtmlElement, limits: Limits, deadline: float | None) -> None:
    doomed: list[lxml.html.HtmlElement] = []
    keep = set(root.xpath("//main | //*[@role='main'] | //article | //body | //html"))
    for ancestor in list(keep):
        keep.update(ancestor.iterancestors())
    for count, element in enumerate(root.iter()):
        if deadline is not None and count % _CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise _too_slow(limits)
        tag = element.tag if isinstance(element.tag, str) else ""
        if element in keep:
            continue
        if tag in _DROP_TAGS or (element.get("role") or "").lower() in _DROP_ROLES:
            doomed.append(element)
        elif element.get("hidden") is not None or element.get("aria-hidden") == "true":
            doomed.append(element)
        elif tag == "form" and not element.xpath(".//h1|.//h2|.//h3|.//main|.//article"):
            doomed.append(element)  # a search box or login form, not an ASP.NET page wrapper
        elif tag in ("header", "footer") and not _inside(element, "article"):
            doomed.append(element)
        elif _boilerplate_name(element):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _inside(element: lxml.html.HtmlElement, tag: str) -> bool:
    return any(a.tag == tag for a in element.iterancestors())


def _boilerplate_name(element: lxml.html.HtmlElement) -> bool:
    names = f"{element.get('id') or ''} {element.get('class') or ''}"
    if not names.strip():
        return False
    words = {word.lower() for word in _NAME_WORD.findall(names)}
    return not words.isdisjoint(_BOILERPLATE_WORDS)


def _drop_link_lists(content: lxml.html.HtmlElement) -> None:
    """Drop blocks whose text is mostly links: menus inside <main>, lists of every plan."""
    doomed: list[lxml.html.HtmlElement] = []
    for element in content.iter(*_LINK_LISTS):
        if element is content or any(element in d.iterancestors() for d in doomed[-8:]):
            continue
        links = element.xpath(".//a[@href]")
        if len(links) < _MIN_LINKS:
            continue
        text = len(_SPACES.sub("", element.text_content()))
        linked = sum(len(_SPACES.sub("", a.text_content())) for a in links)
        if text and linked / text >= _LINK_SHARE:
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _too_slow(limits: Limits) -> DocumentError:
    return DocumentError(
        N_("the web page took more than {seconds} s to read"),
        "timeout",
        seconds=format(limits.timeout_seconds, "g"),
    )


def _walk(
    content: lxml.html.HtmlElement, base_url: str, limits: Limits, deadline: float | None
) -> list[Section]:
    """Cut the content into sections at h1-h4 headings, in document order."""
    sections: list[Section] = []
    heading, url = "", ""
    parts: list[str] = []

    def close() -> None:
        text = "".join(parts)
        if text.strip() or heading:
            sections.append(Section(heading, url, _tidy(text)))
        parts.clear()

    depth = 0
    count = 0
    for event, element in lxml.etree.iterwalk(content, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "end":
            depth -= 1
            if tag in _BLOCKS:
                parts.append("\n")
            elif tag in ("td", "th"):
                parts.append(" ")
            if element is not content and element.tail:
                parts.append(element.tail)
            continue
        depth += 1
        count += 1
        if depth > limits.html_max_depth:
            raise DocumentError(
                N_("the web page nests elements deeper than {n} levels"),
                "too-large",
                n=limits.html_max_depth,
            )
        if deadline is not None and count % _CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise _too_slow(limits)
        if tag in SECTION_TAGS:
            close()
            heading = _label(element.text_content())
            anchor = _anchor(element)
            url = f"{base_url}#{anchor}" if anchor else base_url
            parts.append("\n")
        elif tag in _BLOCKS:
            parts.append("\n")
        elif tag == "br":
            parts.append("\n")
        if tag == "li":
            parts.append("• ")
        if element.text:
            parts.append(element.text)
    close()
    return sections


def _anchor(heading: lxml.html.HtmlElement) -> str:
    """The id a link can point at: the heading's, one inside it, or its section's."""
    if heading.get("id"):
        return str(heading.get("id"))
    for inner in heading.iter():
        name = inner.get("id") or (inner.get("name") if inner.tag == "a" else None)
        if name:
            return str(name)
    parent = heading.getparent()
    if parent is not None and parent.get("id") and parent.index(heading) == 0:
        return str(parent.get("id"))
    previous = heading.getprevious()
    if (
        previous is not None
        and previous.tag == "a"
        and previous.get("name")
        and not previous.text_content().strip()
    ):
        return str(previous.get("name"))
    return ""


def _label(text: str) -> str:
    label = _SPACES.sub(" ", drop_invisible(text)).strip()
    return label if len(label) <= _LABEL_CHARS else label[: _LABEL_CHARS - 1].rstrip() + "…"


def _tidy(text: str) -> str:
    lines = (line.strip() for line in text.replace("\r", "\n").split("\n"))
    out: list[str] = []
    for line in lines:
        if line:
            out.append(_SPACES.sub(" ", line))
    return "\n".join(out)


def _bundle_sections(root: lxml.html.HtmlElement, limits: Limits, deadline: float) -> list[Section]:
    sections: list[Section] = []
    for element in list(root.iter(*_DROP_TAGS)):  # made by the fetcher, but a file may lie
        if element.getparent() is not None:
            element.drop_tree()
    for page in root.xpath("//body/section[@data-planscan-url]"):
        sections.extend(_walk(page, str(page.get("data-planscan-url")), limits, deadline))
    return sections


def make_bundle(title: str, pages: Sequence[tuple[str, str]]) -> bytes:
    """Given (url, clean HTML) per page in reading order, return one bundle to store."""
    from html import escape

    parts = [
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">',
        f'<meta name="generator" content="{BUNDLE_GENERATOR}">',
        f"<title>{escape(title)}</title></head><body>\n",
    ]
    for url, body in pages:
        parts.append(
            f'<section data-planscan-url="{escape(url, quote=True)}">\n{body}\n</section>\n'
        )
    parts.append("</body></html>\n")
    return "".join(parts).encode("utf-8")


@dataclass(frozen=True)
class WebPage:
    """What the fetcher needs of one downloaded page: its plan text as HTML to bundle, how
    many words it has, its title and its links (absolute, without #fragment, in order)."""

    content: str
    words: int
    title: str
    links: tuple[str, ...]


def read_web_page(data: bytes, base_url: str, limits: Limits) -> WebPage:
    """Given a downloaded page, return its main content and links; raise DocumentError for a
    page over a limit."""
    from urllib.parse import urldefrag, urljoin

    deadline = time.monotonic() + limits.timeout_seconds
    root = parse_html(data, limits)
    links: dict[str, None] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if href and not href.startswith(("#", "mailto:", "tel:", "javascript:")):
            links.setdefault(urldefrag(urljoin(base_url, href))[0], None)
    titles = root.xpath("//title")
    title = _label(titles[0].text_content()) if titles else ""
    content = main_content(root, limits, deadline)
    words = sum(len(s.text.split()) for s in _walk(content, "", limits, deadline))
    if content.tag in ("body", "html"):
        content.tag = "div"  # a bundle's page is a part of its body
    return WebPage(clean_html(content), words, title, tuple(links))


def framsikt_outline(data: bytes, limits: Limits) -> list[tuple[str, str]]:
    """Given Framsikt's one-page content.html, return its headings ("h1".."h6", title) and
    text placeholders ("text", dataId) in document order."""
    root = parse_html(data, limits)
    outline: list[tuple[str, str]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        # The HTML parser lowers attribute names: Framsikt's dataId is dataid here.
        data_id = element.get("dataid")
        if data_id:
            outline.append(("text", data_id.strip()))
            continue
        classes = (element.get("class") or "").split()
        level = next((c for c in classes if c in _HEADINGS), None)
        if "row" in classes and level is not None:
            title = _label(element.text_content())
            if title:
                outline.append((level, title))
    return outline


def clean_fragment(fragment: str, limits: Limits) -> str:
    """A piece of HTML from a publication (a Framsikt text block) without scripts, styles,
    forms or anything else that is not text, to keep in a bundle."""
    from html import escape

    wrapped = f"<html><body><div>{fragment}</div></body></html>".encode()
    root = parse_html(wrapped, limits)
    for element in list(root.iter(*_DROP_TAGS, "form")):
        if element.getparent() is not None:
            element.drop_tree()
    body = root.find("body")
    if body is None or len(body) == 0:
        return escape(root.text_content())
    return clean_html(body[0])


def clean_html(element: lxml.html.HtmlElement) -> str:
    """The main content as HTML to keep in a bundle (what main_content left of a page)."""
    for handler in list(element.iter()):
        for name in [n for n in handler.attrib if n.lower().startswith("on")]:
            del handler.attrib[name]  # no event handler survives into a stored page
    return str(lxml.html.tostring(element, encoding="unicode", method="html"))
