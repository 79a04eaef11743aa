"""One self-contained HTML report: the coloured matrix, and behind every cell its evidence.

No network and no external assets: styles are inline, and a Content-Security-Policy allows
only the one fixed script below (by its hash). All document text is HTML-escaped; no script
is ever built from data. The evidence sits in <details> elements: a click on a matrix cell
follows its #doc-N link and the script opens that document's evidence. Without the script
everything still works by clicking the summaries, and printing opens every document.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape
from pathlib import Path

from planscan.explanation import (
    deciding_passages,
    explain_verdict,
    passage_counts,
    passage_label,
    passage_place,
    rule_sentences,
)
from planscan.i18n import N_, Language
from planscan.models import Cell, DocumentResult, Hit, Level, ReviewOutcome, ScanResult, Status
from planscan.report.evidence import (
    REPEATED_NOTE,
    evidence_by_term,
    highlight,
    kind_note,
    page_text,
    section_text,
)
from planscan.report.legend import (
    REVIEWED_MARK,
    STALE_MARK,
    legend_entries,
    legend_notes,
    level_label,
    level_labels,
    review_legend,
)
from planscan.report.options import DEFAULT_OPTIONS, ReportOptions, ordered_municipalities
from planscan.report.summary import level_counts, summary_statuses

# Fixed: never built from data. Opens the evidence a link points to, and all of it to print.
SCRIPT = """
(function () {
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView();
    }
    Array.prototype.forEach.call(document.querySelectorAll(".matrix a"), function (a) {
      a.classList.toggle("current", a.getAttribute("href") === "#" + id);
    });
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
  });
})();
"""
SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)

STYLE = """
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #1a1a1a; background: #fff; line-height: 1.4; }
body { margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { margin: 0 0 .2rem; font-size: 1.7rem; }
h2 { margin-top: 2rem; font-size: 1.3rem; border-bottom: 1px solid #ccc; }
h4 { margin: 1rem 0 .3rem; }
.meta, .hint, small, .dim { color: #555; }
table { border-collapse: collapse; }
/* A few municipalities: the frame scrolls sideways if it must. A turned matrix (a county) is
   narrow and long: it scrolls with the page, and its header row sticks to the window's top. */
.matrix-frame { max-width: 100%; overflow-x: auto; }
.matrix-frame.long { max-width: none; overflow: visible; }
.matrix { border-collapse: separate; border-spacing: 0; }
.matrix th, .matrix td { border: 1px solid #bbb; border-width: 0 1px 1px 0;
  padding: .35rem .6rem; }
.matrix tr > :first-child { border-left-width: 1px; }
.matrix thead th { border-top-width: 1px; }
/* The header row and the first column stay in sight while the matrix scrolls. */
.matrix thead th { background: #dde6f2; position: sticky; top: 0; z-index: 2;
  vertical-align: bottom; }
.matrix thead th:first-child { left: 0; z-index: 3; }
.matrix tbody th { text-align: left; font-weight: 600; background: #fafafa; position: sticky;
  left: 0; z-index: 1; white-space: nowrap; }
.matrix td { text-align: center; min-width: 7rem; font-weight: 600; }
.matrix.turned td { min-width: 4.5rem; padding: .2rem .4rem; }
.matrix.turned thead th { font-size: .8rem; font-weight: 600; max-width: 7rem; }
.matrix .num { display: block; color: #555; }
.summary { margin: .8rem 0; font-size: .92rem; }
.summary caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
.summary th, .summary td { border-bottom: 1px solid #ddd; padding: .15rem .6rem; }
.summary td { text-align: right; font-variant-numeric: tabular-nums; }
.summary th { text-align: left; font-weight: 400; }
.matrix td a { display: block; color: inherit; text-decoration: none; }
.matrix td a:hover, .matrix td a:focus { text-decoration: underline; }
.matrix td a.current { outline: 3px solid #2962ff; outline-offset: 1px; }
.st-green { background: #1e7b34; color: #fff; }
.st-yellow { background: #f5c518; color: #111; }
.st-red { background: #c0392b; color: #fff; }
.st-missing { background: #f0f0f0; color: #555; font-weight: 400; }
.st-no-text { background: #fff; color: #6a1b9a; outline: 2px dashed #6a1b9a; outline-offset: -4px; }
.st-error { background: #fce4ec; color: #880e4f; }
.st-not-searched { background: #fff3e0; color: #8a4b00; font-weight: 400; }
.st-not-checked { background: #fff; color: #777; font-weight: 400; }
td.reviewed { outline: 3px dashed #111; outline-offset: -5px; }
td.stale { outline: 3px dotted #880e4f; outline-offset: -5px; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .25rem; font-weight: 600; }
.legend { list-style: none; padding: 0; margin: .8rem 0; font-size: .92rem; }
.legend li { margin: .15rem 0; }
.legend .badge { min-width: 5.5rem; text-align: center; margin-right: .4rem; }
details.doc { border: 1px solid #ccc; border-radius: .3rem; margin: .4rem 0; }
details.doc > summary { cursor: pointer; padding: .45rem .6rem; }
details.doc[open] > summary { background: #f6f6f6; border-bottom: 1px solid #ddd; }
details.doc > div { padding: .3rem 1rem 1rem; }
details.doc:target { box-shadow: 0 0 0 3px #2962ff; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem;
  margin: .6rem 0; }
dl.facts dt { color: #555; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.why p { margin: .4rem 0; }
.review { border-left: 4px solid #111; padding: .3rem .8rem; background: #f7f7f7; }
.review.stale { border-color: #880e4f; background: #fce4ec; }
.breakdown th, .breakdown td { border-bottom: 1px solid #ddd; padding: .15rem .6rem; }
.breakdown td:not(:first-child), .breakdown th:not(:first-child) { text-align: right; }
.breakdown tfoot td { font-weight: 600; }
.breakdown tfoot td:first-child { white-space: nowrap; }
table.hits td { vertical-align: top; padding: .15rem .8rem .15rem 0; }
.page { color: #1a4f9c; font-variant-numeric: tabular-nums; white-space: nowrap; }
mark { background: #ffe066; color: inherit; font-weight: 600; padding: 0 .1rem; }
.note { color: #8a4b00; font-style: italic; }
.repeated { color: #555; }
@media screen and (min-width: 1300px) {
  body { max-width: none; margin: 0; padding: 0; }
  .layout.side { display: grid; grid-template-columns: fit-content(55%) minmax(0, 1fr);
    height: 100vh; }
  .side .overview { overflow: auto; padding: 0 1.5rem 1rem; border-right: 1px solid #ddd; }
  .side .evidence { overflow: auto; padding: 0 1.5rem 1rem; }
  .layout:not(.side) { padding: 0 1.5rem 1rem; }
  .evidence h2 { margin-top: 1.2rem; }
  header { margin-top: 1.2rem; }
}
@page { size: A4 landscape; margin: 10mm; }
@media print {
  :root { font-size: 10pt; }
  body { margin: 0; max-width: none; }
  .hint { display: none; }
  .layout, .overview, .evidence { display: block; height: auto; overflow: visible; }
  .matrix-frame { overflow: visible; }
  .matrix thead th, .matrix tbody th { position: static; }
  .matrix thead { display: table-header-group; }
  .matrix tr { break-inside: avoid; }
  .matrix td { min-width: 0; }
  .matrix.turned th, .matrix.turned td { padding: .05rem .3rem; font-size: 8.5pt; }
  .summary, .legend { break-inside: avoid; }
  .matrix td, .badge, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details.doc { break-inside: auto; border: none; }
  details.doc > summary { list-style: none; font-size: 1.1rem; break-after: avoid; }
  h2.documents { break-before: page; }
}
"""


# Words of the page, marked for the catalogues (they are used inside f-strings).
_PLAN_LEVEL = N_("Plan level")
_REVIEWS = N_("Reviews")
_PUBLISHED_AT = N_("Published at")
_REVIEWED = N_("Reviewed")
_REVIEW_NOT_APPLIED = N_("Review not applied")
_THE_PASSAGES_THAT_DECIDED_IT = N_("The passages that decided it")
_NONE = N_("none")
_NO_SEARCH_WORD_WAS_FOUND = N_("No search word was found.")
_PASSAGES = N_("Passages")
_NUMBER = N_("Number")
_HITS = N_("Hits")
_PLANSTATUS = N_("Planstatus")
_DOCUMENTS = N_("Documents")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _badge(status: Status, lang: Language, extra: str = "") -> str:
    label = lang.status_label(status)
    return f'<span class="badge st-{status.value}">{_e(label)}{_e(extra)}</span>'


def _cell_document(cell: Cell, result: ScanResult) -> int | None:
    """The index of the document a cell shows (its best), for the cell's link."""
    found = [
        (number, doc)
        for number, doc in enumerate(result.documents)
        if doc.path in cell.documents
        and (doc.municipality, doc.level) == (cell.municipality, cell.level)
    ]
    return max(found, key=lambda item: item[1].status.rank, default=(None, None))[0]


def _cell(result: ScanResult, municipality: str, level: Level, lang: Language) -> str:
    cell = result.cell(municipality, level.id)
    classes = [f"st-{cell.shown.value}"]
    mark = ""
    if cell.review is not None and cell.review.outcome is not ReviewOutcome.UNMATCHED:
        classes.append("reviewed" if cell.reviewed else "stale")
        mark = f" {REVIEWED_MARK if cell.reviewed else STALE_MARK}"
    label = _e(lang.status_label(cell.shown) + mark)
    number = _cell_document(cell, result)
    if number is not None:
        name = Path(result.documents[number].path).name
        title = f"{municipality} · {level_label(level, lang)}: {name}"
        label = f'<a href="#doc-{number}" title="{_e(title)}">{label}</a>'
    return f'<td class="{" ".join(classes)}">{label}</td>'


def _matrix(result: ScanResult, options: ReportOptions) -> str:
    """Levels as rows and a column per municipality; turned (a row per municipality, the
    levels numbered as in the summary) when there are more municipalities than fit."""
    lang = options.lang
    towns = ordered_municipalities(result, options)
    levels = result.levels
    if options.turns(len(result.municipalities)):
        head = "".join(
            f'<th scope="col"><span class="num">{number}</span>{_e(level_label(level, lang))}</th>'
            for number, level in enumerate(levels, start=1)
        )
        rows = [
            f'<tr id="m-{number}"><th scope="row">{_e(town)}</th>'
            + "".join(_cell(result, town, level, lang) for level in levels)
            + "</tr>"
            for number, town in enumerate(towns, start=1)
        ]
        first, kind, frame = lang._("Municipality"), "matrix turned", "matrix-frame long"
    else:
        head = "".join(f'<th scope="col">{_e(m)}</th>' for m in towns)
        rows = [
            f'<tr><th scope="row">{_e(level_label(level, lang))}</th>'
            + "".join(_cell(result, town, level, lang) for town in towns)
            + "</tr>"
            for level in levels
        ]
        first, kind, frame = lang._("Plan level"), "matrix", "matrix-frame"
    return (
        f'<div class="{frame}"><table class="{kind}"><thead><tr>'
        f'<th scope="col">{_e(first)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _summary(result: ScanResult, options: ReportOptions) -> str:
    """How many municipalities each level has in each status."""
    lang = options.lang
    statuses = summary_statuses(result)
    caption = lang.ngettext(
        "Municipalities per plan level (of {n} municipality)",
        "Municipalities per plan level (of {n} municipalities)",
        len(result.municipalities),
    )
    head = "".join(f'<th scope="col">{_badge(status, lang)}</th>' for status in statuses)
    rows = "".join(
        f'<tr><th scope="row">{row.number} {_e(level_label(row.level, lang))}</th>'
        + "".join(f"<td>{_e(lang.format_integer(row.counts[s]))}</td>" for s in statuses)
        + "</tr>"
        for row in level_counts(result)
    )
    return (
        f'<table class="summary"><caption>{_e(caption)}</caption><thead><tr>'
        f'<th scope="col">{_e(lang._(_PLAN_LEVEL))}</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def _legend(result: ScanResult, lang: Language) -> str:
    items = [
        f"<li>{_badge(status, lang)} {_e(meaning)}</li>"
        for status, meaning in legend_entries(result, lang)
    ]
    items += [f"<li>{_e(note)}</li>" for note in legend_notes(result, lang)]
    if result.reviews:
        items += [
            f'<li><span class="badge">{_e(mark)}</span> {_e(meaning)}</li>'
            for mark, meaning in review_legend(lang)
        ]
    return f'<ul class="legend">{"".join(items)}</ul>'


def _reviews(result: ScanResult, lang: Language) -> str:
    if not result.reviews:
        return ""
    labels = level_labels(result, lang)
    items = []
    for review in result.reviews:
        o = review.override
        municipality = review.municipality or o.municipality or lang._("document")
        level = labels.get(review.level or o.level or "", o.level or (o.sha256 or "")[:12])
        applied = review.outcome is ReviewOutcome.APPLIED
        state = (
            ""
            if applied
            else " — " + lang._("not applied ({outcome})", outcome=review.outcome.value)
        )
        items.append(
            f'<li class="review{"" if applied else " stale"}">'
            f"<b>{_e(municipality)} · {_e(level)}</b>{_e(state)}: {_e(lang.say(review.message))}"
            f"<br><i>{_e(o.why)}</i> <small>({_e(o.where)})</small></li>"
        )
    return f'<h2>{_e(lang._(_REVIEWS))}</h2><ul class="legend">{"".join(items)}</ul>'


def _facts(doc: DocumentResult, level: str, lang: Language) -> str:
    source = lang._(" (from the {source})", source=doc.level_source) if doc.level_source else ""
    pages = lang.ngettext("{n} page", "{n} pages", doc.pages)
    words = lang.ngettext("{n} word", "{n} words", doc.words)
    rows = [
        (lang._("Municipality"), doc.municipality),
        (lang._("Plan level"), level + source),
        (lang._("File"), doc.path),
        (lang._("Length"), f"{pages}, {words}"),
        ("sha256", doc.sha256 or "–"),
    ]
    if doc.title:
        rows.append((lang._("Title"), doc.title))
    if doc.engine:
        rows.append((lang._("Read with"), doc.engine + (" (OCR)" if doc.ocr else "")))
    body = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    if doc.url:
        url = doc.url
        link = (
            f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'
            if url.lower().startswith(("https://", "http://"))
            else _e(url)
        )
        body += f"<dt>{_e(lang._(_PUBLISHED_AT))}</dt><dd>{link}</dd>"
    return f'<dl class="facts">{body}</dl>'


def _review_note(cell: Cell | None, lang: Language) -> str:
    if cell is None or cell.review is None or cell.review.outcome is ReviewOutcome.UNMATCHED:
        return ""
    review, o = cell.review, cell.review.override
    when = o.date.isoformat()
    if cell.reviewed:
        by = lang._(
            "by {by}, {date} (computed: {status}).",
            by=o.by,
            date=when,
            status=lang.status_word(cell.status),
        )
        return (
            f'<div class="review"><b>{_e(lang._(_REVIEWED))} {_e(REVIEWED_MARK)}</b>'
            f" {_badge(o.status, lang)} {_e(by)}<br>{_e(o.why)}</div>"
        )
    by = lang._("by {by}, {date}:", by=o.by, date=when)
    return (
        f'<div class="review stale"><b>{_e(lang._(_REVIEW_NOT_APPLIED))} {_e(STALE_MARK)}</b>:'
        f" {_e(lang.say(review.message))}<br>{_badge(o.status, lang)} {_e(by)} {_e(o.why)}</div>"
    )


def _judgement(doc: DocumentResult, result: ScanResult, lang: Language) -> str:
    """The passages that decided the colour, the numbers behind it, and the rule."""
    j = doc.judgement
    if j is None:
        return ""
    rows = "".join(
        f'<tr><td class="page">{_e(passage_place(p, doc.unit))}</td><td>{_e(p.text)}'
        f' <span class="note">({_e(passage_label(p, lang))})</span></td></tr>'
        for p in deciding_passages(doc)
    )
    deciding = (
        f'<h3>{_e(lang._(_THE_PASSAGES_THAT_DECIDED_IT))}</h3><table class="hits">{rows}</table>'
        if rows
        else ""
    )
    counts = "".join(
        f"<tr><td>{_e(label)}</td><td>{number}</td></tr>"
        for label, number in passage_counts(doc, lang).items()
    )
    search = "".join(
        f"<tr><td>{_e(term.key)}</td><td>{doc.counts.get(term.key, 0)}</td></tr>"
        for term in result.keywords.terms
        if doc.counts.get(term.key, 0)
    )
    rule = "".join(f"<p>{_e(s)}</p>" for s in rule_sentences(result.keywords, lang))
    none = f"<tr><td colspan=2>{_e(lang._(_NONE))}</td></tr>"
    search_head = lang._("Search word (the report's method)")
    no_word = f"<tr><td colspan=2>{_e(lang._(_NO_SEARCH_WORD_WAS_FOUND))}</td></tr>"
    return (
        deciding + f'<table class="breakdown"><thead><tr><th>{_e(lang._(_PASSAGES))}</th>'
        f"<th>{_e(lang._(_NUMBER))}</th></tr></thead>"
        f"<tbody>{counts or none}</tbody></table>" + '<table class="breakdown"><thead><tr>'
        f"<th>{_e(search_head)}</th>"
        f"<th>{_e(lang._(_HITS))}</th></tr></thead><tbody>"
        f"{search or no_word}</tbody></table>"
        f'<div class="dim">{rule}</div>'
    )


def _snippet(snippet: str, match: str) -> str:
    if "\x00" in snippet or "\x01" in snippet:
        return "".join(
            f"<mark>{_e(piece)}</mark>" if is_match else _e(piece)
            for piece, is_match in highlight(snippet, match)
        )
    # Escaping is done character by character, so the snippet is escaped once, with \x00
    # and \x01 (which escaping leaves as they are) standing where the marks go.
    marked = "".join(
        f"\x00{piece}\x01" if is_match else piece for piece, is_match in highlight(snippet, match)
    )
    return escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")


def _place(hit: Hit, doc: DocumentResult) -> str:
    """The page, or a web plan's section heading, linked to its anchor when on the web."""
    url = doc.section_url(hit.page) if doc.unit == "section" else ""
    if not url:
        return _e(page_text(hit, doc))
    text = section_text(hit.page, hit.page_label)
    if url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text)}</a>'
    return f"{_e(text)} <small>{_e(url)}</small>"


def _hits(doc: DocumentResult, result: ScanResult, lang: Language) -> str:
    repeated_note = lang._(REPEATED_NOTE)
    # A county's plans have 140,000 hits, many on the same page and in the same passage:
    # a page's place and a passage's note are written once per document, not once per hit.
    places: dict[tuple[int, str | None], str] = {}
    marks: dict[tuple[str, int | None], str] = {}
    parts = []
    for evidence in evidence_by_term(doc, result.keywords.terms):
        if not evidence.hits and not evidence.repeated:
            continue
        count = len(evidence.hits)
        kind = lang._("housing-social word") if evidence.term.specific else lang._("general word")
        items = []
        for hit in evidence.hits:
            place = places.get((hit.page, hit.page_label))
            if place is None:
                place = places[(hit.page, hit.page_label)] = _place(hit, doc)
            how = kind_note(hit, lang)
            marked = marks.get((how, hit.passage))
            if marked is None:
                marked = marks[(how, hit.passage)] = _hit_note(how, hit.passage, doc, lang)
            items.append(
                f'<tr><td class="page">{place}</td><td>'
                f"{_snippet(hit.snippet, hit.match)}{marked}</td></tr>"
            )
        for hit in evidence.repeated:
            items.append(
                f'<tr class="repeated"><td class="page">{_place(hit, doc)}</td><td>'
                f"{_snippet(hit.snippet, hit.match)}"
                f' <span class="note">({_e(repeated_note)})</span></td></tr>'
            )
        hits = lang.ngettext("{n} hit", "{n} hits", count)
        parts.append(
            f'<section class="term"><h4>{_e(evidence.term.key)} <small>{_e(hits)}'
            f" · {_e(kind)}</small></h4>"
            f'<table class="hits">{"".join(items)}</table></section>'
        )
    return f"<h3>{_e(lang._(_HITS))}</h3>" + "".join(parts)


def _hit_note(how: str, passage: int | None, doc: DocumentResult, lang: Language) -> str:
    """How a hit matched and the passage it stands in, as a note after its snippet."""
    notes = [how]
    if passage is not None and passage < len(doc.passages):
        notes.append(passage_label(doc.passages[passage], lang))
    note = "; ".join(n for n in notes if n)
    return f' <span class="note">({_e(note)})</span>' if note else ""


def _document(doc: DocumentResult, doc_id: str, result: ScanResult, lang: Language) -> str:
    labels = level_labels(result, lang)
    level = labels.get(doc.level or "", doc.level or lang._("unclassified"))
    cell = next(
        (c for c in result.matrix if c.municipality == doc.municipality and c.level == doc.level),
        None,
    )
    score = (
        " · " + lang._("score {score}", score=lang.format_number(doc.score, 1))
        if doc.judgement is not None
        else ""
    )
    summary = (
        f"<summary>{_badge(doc.status, lang)} <b>{_e(doc.municipality)} · {_e(level)}</b>"
        f" · {_e(Path(doc.path).name)}{_e(score)}</summary>"
    )
    if doc.judgement is None:
        body = f"<p>{_e(lang.say(doc.message or lang.status_word(Status.NO_TEXT)))}</p>"
    else:
        why = "".join(f"<p>{_e(p)}</p>" for p in explain_verdict(doc, result.keywords, lang))
        body = (
            f'<div class="why">{why}</div>{_judgement(doc, result, lang)}{_hits(doc, result, lang)}'
        )
    return (
        f'<details class="doc" id="{doc_id}">{summary}<div>'
        f"{_facts(doc, level, lang)}{_review_note(cell, lang)}{body}</div></details>"
    )


def render_html(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The whole report as one HTML page, in the options' language."""
    lang = options.lang
    columns = {m: i for i, m in enumerate(ordered_municipalities(result, options))}
    levels = {level.id: i for i, level in enumerate(result.levels)}
    # In the matrix's order: municipality by municipality, level by level.
    ordered = sorted(
        enumerate(result.documents),
        key=lambda item: (
            columns.get(item[1].municipality, len(columns)),
            levels.get(item[1].level or "", len(levels)),
            item[0],
        ),
    )
    documents = "".join(_document(doc, f"doc-{number}", result, lang) for number, doc in ordered)
    keywords = result.keywords
    meta = lang._(
        "planscan {version} · search words from {path} (sha256 {sha}…)",
        version=result.planscan_version,
        path=keywords.path,
        sha=keywords.sha256[:12],
    )
    count = lang.ngettext("{n} document", "{n} documents", len(result.documents))
    hint = lang._(
        "Click a cell to read the evidence behind its colour: every hit with its page and the"
        " text around it, the score, and the reason for the colour."
    )
    # Side by side (matrix left, evidence right) on a wide screen; a turned matrix of a
    # county needs the width, so the evidence follows it.
    layout = "layout" if options.turns(len(result.municipalities)) else "layout side"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang.code}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{_e(lang._(_PLANSTATUS))} – planscan</title>"
        f"<style>{STYLE}</style></head><body>"
        f'<main class="{layout}"><div class="overview">'
        f"<header><h1>{_e(lang._(_PLANSTATUS))}</h1>"
        f'<p class="meta">{_e(meta)} · {_e(count)}</p></header>'
        f"{_matrix(result, options)}{_legend(result, lang)}{_summary(result, options)}"
        f'<p class="hint">{_e(hint)}</p>'
        f"{_reviews(result, lang)}</div>"
        f'<div class="evidence"><h2 class="documents">{_e(lang._(_DOCUMENTS))}</h2>'
        f"{documents}</div></main><script>{SCRIPT}</script></body></html>\n"
    )
