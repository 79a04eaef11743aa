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
from planscan.models import Cell, DocumentResult, Hit, ReviewOutcome, ScanResult, Status
from planscan.report.evidence import (
    REPEATED_NOTE,
    evidence_by_term,
    highlight,
    kind_note,
    page_text,
    section_text,
)
from planscan.report.legend import (
    LABELS,
    REVIEW_LEGEND,
    REVIEWED_MARK,
    STALE_MARK,
    legend_entries,
    legend_notes,
)
from planscan.report.options import DEFAULT_OPTIONS, ReportOptions

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
.matrix th, .matrix td { border: 1px solid #bbb; padding: .35rem .6rem; }
.matrix thead th { background: #f3f3f3; }
.matrix tbody th { text-align: left; font-weight: 600; background: #fafafa; }
.matrix td { text-align: center; min-width: 7rem; font-weight: 600; }
.matrix td a { display: block; color: inherit; text-decoration: none; }
.matrix td a:hover, .matrix td a:focus { text-decoration: underline; }
.matrix td a.current { outline: 3px solid #2962ff; outline-offset: 1px; }
.st-green { background: #1e7b34; color: #fff; }
.st-yellow { background: #f5c518; color: #111; }
.st-red { background: #c0392b; color: #fff; }
.st-missing { background: #f0f0f0; color: #555; font-weight: 400; }
.st-no-text { background: #fff; color: #6a1b9a; outline: 2px dashed #6a1b9a; outline-offset: -4px; }
.st-error { background: #fce4ec; color: #880e4f; }
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
  .layout { display: grid; grid-template-columns: fit-content(55%) minmax(0, 1fr);
    height: 100vh; }
  .overview { overflow: auto; padding: 0 1.5rem 1rem; border-right: 1px solid #ddd; }
  .evidence { overflow: auto; padding: 0 1.5rem 1rem; }
  .evidence h2 { margin-top: 1.2rem; }
  header { margin-top: 1.2rem; }
}
@media print {
  body { margin: 0; max-width: none; }
  .hint { display: none; }
  .matrix td, .badge, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details.doc { break-inside: auto; border: none; }
  details.doc > summary { list-style: none; font-size: 1.1rem; break-after: avoid; }
  h2.documents { break-before: page; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _badge(status: Status, extra: str = "") -> str:
    return f'<span class="badge st-{status.value}">{_e(LABELS[status])}{_e(extra)}</span>'


def _cell_document(cell: Cell, result: ScanResult) -> int | None:
    """The index of the document a cell shows (its best), for the cell's link."""
    found = [
        (number, doc)
        for number, doc in enumerate(result.documents)
        if doc.path in cell.documents
        and (doc.municipality, doc.level) == (cell.municipality, cell.level)
    ]
    return max(found, key=lambda item: item[1].status.rank, default=(None, None))[0]


def _matrix(result: ScanResult) -> str:
    head = "".join(f'<th scope="col">{_e(m)}</th>' for m in result.municipalities)
    rows = []
    for level in result.levels:
        cells = []
        for municipality in result.municipalities:
            cell = result.cell(municipality, level.id)
            classes = [f"st-{cell.shown.value}"]
            mark = ""
            if cell.review is not None and cell.review.outcome is not ReviewOutcome.UNMATCHED:
                classes.append("reviewed" if cell.reviewed else "stale")
                mark = f" {REVIEWED_MARK if cell.reviewed else STALE_MARK}"
            label = _e(LABELS[cell.shown] + mark)
            number = _cell_document(cell, result)
            if number is not None:
                name = Path(result.documents[number].path).name
                title = f"{municipality} · {level.label}: {name}"
                label = f'<a href="#doc-{number}" title="{_e(title)}">{label}</a>'
            cells.append(f'<td class="{" ".join(classes)}">{label}</td>')
        rows.append(f'<tr><th scope="row">{_e(level.label)}</th>{"".join(cells)}</tr>')
    return (
        '<table class="matrix"><thead><tr><th scope="col">Plan level</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _legend(result: ScanResult) -> str:
    items = [
        f"<li>{_badge(status)} {_e(meaning)}</li>" for status, meaning in legend_entries(result)
    ]
    items += [f"<li>{_e(note)}</li>" for note in legend_notes(result)]
    if result.reviews:
        items += [
            f'<li><span class="badge">{_e(mark)}</span> {_e(meaning)}</li>'
            for mark, meaning in REVIEW_LEGEND
        ]
    return f'<ul class="legend">{"".join(items)}</ul>'


def _reviews(result: ScanResult) -> str:
    if not result.reviews:
        return ""
    labels = {level.id: level.label for level in result.levels}
    items = []
    for review in result.reviews:
        o = review.override
        municipality = review.municipality or o.municipality or "document"
        level = labels.get(review.level or o.level or "", o.level or (o.sha256 or "")[:12])
        applied = review.outcome is ReviewOutcome.APPLIED
        state = "" if applied else f" — not applied ({review.outcome.value})"
        items.append(
            f'<li class="review{"" if applied else " stale"}">'
            f"<b>{_e(municipality)} · {_e(level)}</b>{_e(state)}: {_e(review.message)}"
            f"<br><i>{_e(o.why)}</i> <small>({_e(o.where)})</small></li>"
        )
    return f'<h2>Reviews</h2><ul class="legend">{"".join(items)}</ul>'


def _facts(doc: DocumentResult, level_label: str) -> str:
    rows = [
        ("Municipality", doc.municipality),
        (
            "Plan level",
            level_label + (f" (from the {doc.level_source})" if doc.level_source else ""),
        ),
        ("File", doc.path),
        ("Length", f"{_count(doc.pages, 'page')}, {_count(doc.words, 'word')}"),
        ("sha256", doc.sha256 or "–"),
    ]
    if doc.title:
        rows.append(("Title", doc.title))
    if doc.engine:
        rows.append(("Read with", doc.engine + (" (OCR)" if doc.ocr else "")))
    body = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    if doc.url:
        url = doc.url
        link = (
            f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'
            if url.lower().startswith(("https://", "http://"))
            else _e(url)
        )
        body += f"<dt>Published at</dt><dd>{link}</dd>"
    return f'<dl class="facts">{body}</dl>'


def _review_note(cell: Cell | None) -> str:
    if cell is None or cell.review is None or cell.review.outcome is ReviewOutcome.UNMATCHED:
        return ""
    review, o = cell.review, cell.review.override
    if cell.reviewed:
        return (
            f'<div class="review"><b>Reviewed {_e(REVIEWED_MARK)}</b> {_badge(o.status)}'
            f" by {_e(o.by)}, {_e(o.date.isoformat())} (computed: {_e(cell.status.value)})."
            f"<br>{_e(o.why)}</div>"
        )
    return (
        f'<div class="review stale"><b>Review not applied {_e(STALE_MARK)}</b>:'
        f" {_e(review.message)}<br>{_badge(o.status)} by {_e(o.by)},"
        f" {_e(o.date.isoformat())}: {_e(o.why)}</div>"
    )


def _judgement(doc: DocumentResult, result: ScanResult) -> str:
    """The passages that decided the colour, the numbers behind it, and the rule."""
    j = doc.judgement
    if j is None:
        return ""
    rows = "".join(
        f'<tr><td class="page">{_e(passage_place(p, doc.unit))}</td><td>{_e(p.text)}'
        f' <span class="note">({_e(passage_label(p))})</span></td></tr>'
        for p in deciding_passages(doc)
    )
    deciding = (
        f'<h3>The passages that decided it</h3><table class="hits">{rows}</table>' if rows else ""
    )
    counts = "".join(
        f"<tr><td>{_e(label)}</td><td>{number}</td></tr>"
        for label, number in passage_counts(doc).items()
    )
    search = "".join(
        f"<tr><td>{_e(term.key)}</td><td>{doc.counts.get(term.key, 0)}</td></tr>"
        for term in result.keywords.terms
        if doc.counts.get(term.key, 0)
    )
    rule = "".join(f"<p>{_e(s)}</p>" for s in rule_sentences(result.keywords))
    return (
        deciding
        + '<table class="breakdown"><thead><tr><th>Passages</th><th>Number</th></tr></thead>'
        f"<tbody>{counts or '<tr><td colspan=2>none</td></tr>'}</tbody></table>"
        + '<table class="breakdown"><thead><tr><th>Search word (the report\'s method)</th>'
        f"<th>Hits</th></tr></thead><tbody>"
        f"{search or '<tr><td colspan=2>No search word was found.</td></tr>'}</tbody></table>"
        f'<div class="dim">{rule}</div>'
    )


def _snippet(snippet: str, match: str) -> str:
    return "".join(
        f"<mark>{_e(piece)}</mark>" if is_match else _e(piece)
        for piece, is_match in highlight(snippet, match)
    )


def _place(hit: Hit, doc: DocumentResult) -> str:
    """The page, or a web plan's section heading, linked to its anchor when on the web."""
    url = doc.section_url(hit.page) if doc.unit == "section" else ""
    if not url:
        return _e(page_text(hit, doc))
    text = section_text(hit.page, hit.page_label)
    if url.startswith(("http://", "https://")):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(text)}</a>'
    return f"{_e(text)} <small>{_e(url)}</small>"


def _hits(doc: DocumentResult, result: ScanResult) -> str:
    parts = []
    for evidence in evidence_by_term(doc, result.keywords.terms):
        if not evidence.hits and not evidence.repeated:
            continue
        count = len(evidence.hits)
        kind = "housing-social word" if evidence.term.specific else "general word"
        items = []
        for hit in evidence.hits:
            notes = [kind_note(hit)]
            if hit.passage is not None and hit.passage < len(doc.passages):
                notes.append(passage_label(doc.passages[hit.passage]))
            note = "; ".join(n for n in notes if n)
            marked = f' <span class="note">({_e(note)})</span>' if note else ""
            items.append(
                f'<tr><td class="page">{_place(hit, doc)}</td><td>'
                f"{_snippet(hit.snippet, hit.match)}{marked}</td></tr>"
            )
        for hit in evidence.repeated:
            items.append(
                f'<tr class="repeated"><td class="page">{_place(hit, doc)}</td><td>'
                f"{_snippet(hit.snippet, hit.match)}"
                f' <span class="note">({_e(REPEATED_NOTE)})</span></td></tr>'
            )
        parts.append(
            f'<section class="term"><h4>{_e(evidence.term.key)} <small>{count}'
            f" hit{'s' if count != 1 else ''} · {kind}</small></h4>"
            f'<table class="hits">{"".join(items)}</table></section>'
        )
    return "<h3>Hits</h3>" + "".join(parts)


def _document(doc: DocumentResult, doc_id: str, result: ScanResult) -> str:
    labels = {level.id: level.label for level in result.levels}
    level_label = labels.get(doc.level or "", doc.level or "unclassified")
    cell = next(
        (c for c in result.matrix if c.municipality == doc.municipality and c.level == doc.level),
        None,
    )
    score = f" · score {doc.score:.1f}" if doc.judgement is not None else ""
    summary = (
        f"<summary>{_badge(doc.status)} <b>{_e(doc.municipality)} · {_e(level_label)}</b>"
        f" · {_e(Path(doc.path).name)}{_e(score)}</summary>"
    )
    if doc.judgement is None:
        body = f"<p>{_e(doc.message or 'no text')}</p>"
    else:
        why = "".join(f"<p>{_e(p)}</p>" for p in explain_verdict(doc, result.keywords))
        body = f'<div class="why">{why}</div>{_judgement(doc, result)}{_hits(doc, result)}'
    return (
        f'<details class="doc" id="{doc_id}">{summary}<div>'
        f"{_facts(doc, level_label)}{_review_note(cell)}{body}</div></details>"
    )


def render_html(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """The whole report as one HTML page."""
    columns = {m: i for i, m in enumerate(result.municipalities)}
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
    documents = "".join(_document(doc, f"doc-{number}", result) for number, doc in ordered)
    keywords = result.keywords
    return (
        "<!DOCTYPE html>\n"
        '<html lang="nb"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">'
        '<meta name="referrer" content="no-referrer">'
        "<title>Planstatus – planscan</title>"
        f"<style>{STYLE}</style></head><body>"
        '<main class="layout"><div class="overview">'
        "<header><h1>Planstatus</h1>"
        f'<p class="meta">planscan {_e(result.planscan_version)} · search words from'
        f" {_e(keywords.path)} (sha256 {_e(keywords.sha256[:12])}…) ·"
        f" {len(result.documents)} documents</p></header>"
        f"{_matrix(result)}{_legend(result)}"
        '<p class="hint">Click a cell to read the evidence behind its colour: every hit with'
        " its page and the text around it, the score, and the reason for the colour.</p>"
        f"{_reviews(result)}</div>"
        f'<div class="evidence"><h2 class="documents">Documents</h2>{documents}</div>'
        f"</main><script>{SCRIPT}</script></body></html>\n"
    )
