"""Rich renderables for the terminal. With planscan.cli, the only importer of rich.

Colour is never the only signal: every cell carries a symbol and a word, so the matrix
reads the same with NO_COLOR, when piped, and in a CI log.

Every string that came from outside (names of folders and files, manifest and review
fields, URLs, messages that quote them, document text) goes through _safe: a terminal
must show it, never act on it. The CLI's console makes a last pass over all output too.
"""

from __future__ import annotations

import os
import shlex
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from planscan.chars import terminal_safe
from planscan.i18n import N_, Language
from planscan.i18n.language import status_symbol
from planscan.models import (
    UNCLASSIFIED,
    Cell,
    DocumentRef,
    DocumentResult,
    FetchOutcome,
    FetchReport,
    FindReport,
    Hit,
    KeywordSet,
    Passage,
    ResultDiff,
    ReviewOutcome,
    ScanResult,
    SearchOutcome,
    Status,
    Term,
)
from planscan.report.diffreport import change_word, diff_headline, document_counts
from planscan.report.evidence import (
    MARK_CLOSE,
    MARK_OPEN,
    evidence_by_term,
    highlight,
    kind_note,
    page_place,
    page_text,
)
from planscan.report.legend import (
    REVIEWED_MARK,
    STALE_MARK,
    legend_entries,
    legend_notes,
    level_label,
    level_labels,
    review_legend,
    review_place,
)
from planscan.report.options import (
    DEFAULT_OPTIONS,
    Layout,
    ReportOptions,
    ordered_municipalities,
)
from planscan.report.summary import level_counts, summary_statuses

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID
from planscan.explanation import (
    deciding_passages,
    explain_verdict,
    passage_counts,
    passage_label,
    passage_place,
    rule_sentences,
)

STYLES: dict[Status, str] = {
    Status.GREEN: "bold black on green",
    Status.YELLOW: "bold black on yellow",
    Status.RED: "bold white on red",
    Status.MISSING: "dim",
    Status.NO_TEXT: "magenta",
    Status.ERROR: "bold magenta",
    Status.NOT_SEARCHED: "yellow",
    Status.NOT_CHECKED: "dim",
}

_EN = DEFAULT_OPTIONS.lang


def _safe(text: str) -> str:
    """Text from outside as a terminal shows it: control characters, line breaks and bidi
    overrides written visibly (see chars.terminal_safe)."""
    return terminal_safe(text)


def _safe_lines(text: str) -> str:
    """Document text (a snippet, a passage): its own line breaks kept, the rest made safe."""
    return terminal_safe(text, keep_lines=True)


def status_text(status: Status, lang: Language = _EN) -> Text:
    return Text(f" {lang.status_label(status)} ", style=STYLES[status])


def cell_text(cell: Cell, lang: Language = _EN) -> Text:
    """A matrix cell: its colour, marked when a reviewer set it or a review went stale."""
    if cell.review is None or cell.review.outcome is ReviewOutcome.UNMATCHED:
        return status_text(cell.status, lang)
    mark = REVIEWED_MARK if cell.reviewed else STALE_MARK
    return Text(f" {lang.status_label(cell.shown)} {mark} ", style=STYLES[cell.shown])


def render_matrix(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> Matrix:
    """The municipality × plan level matrix, as in the report's 'Planstatus juni 2018', and
    under it how many municipalities each level has in each status. Laid out when printed:
    levels as rows while the municipalities fit the width, else turned."""
    return Matrix(result, options)


_UNBOUNDED = 100_000


class Matrix:
    """The matrix as a Rich renderable: it chooses its layout for the width it is given, so
    no municipality or level name is ever cut."""

    def __init__(self, result: ScanResult, options: ReportOptions) -> None:
        self.result = result
        self.options = options
        self.lang = options.lang
        self.towns = ordered_municipalities(result, options)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        unbounded = options.update_width(_UNBOUNDED)  # the width a table wants, not gets
        if self.options.layout is Layout.REPORT:
            yield self.report_table()
            yield self.summary(numbered=False)
            return
        if self.options.layout is Layout.AUTO:
            report = self.report_table()
            if Measurement.get(console, unbounded, report).maximum <= width:
                yield report
                yield self.summary(numbered=False)
                return
        turned = self.turned_table(words=True)
        if Measurement.get(console, unbounded, turned).maximum > width:
            turned = self.turned_table(words=False)
        yield turned
        yield self.summary(numbered=True)

    def report_table(self) -> Table:
        """Levels as rows, a column per municipality."""
        lang = self.lang
        table = Table(title=lang._("Planstatus"), title_justify="left", show_lines=False)
        table.add_column(lang._("Plan level"), style="bold")
        for municipality in self.towns:
            table.add_column(Text(_safe(municipality)), justify="center")  # a name, never markup
        for level in self.result.levels:
            cells = [cell_text(self.result.cell(m, level.id), lang) for m in self.towns]
            table.add_row(Text(_safe(level_label(level, lang))), *cells)
        return table

    def turned_table(self, words: bool) -> Table:
        """Municipalities as rows, the levels' numbers as column heads (the key is the
        summary under it); cells with their word where that fits, else the symbol alone."""
        lang = self.lang
        table = Table(title=lang._("Planstatus"), title_justify="left", show_lines=False)
        table.add_column(lang._("Municipality"), style="bold", no_wrap=True)
        for number, _level in enumerate(self.result.levels, start=1):
            table.add_column(str(number), justify="center", no_wrap=True)
        for municipality in self.towns:
            cells = [self.result.cell(municipality, level.id) for level in self.result.levels]
            shown = [cell_text(c, lang) if words else _symbol_text(c) for c in cells]
            table.add_row(Text(_safe(municipality)), *shown)
        return table

    def summary(self, numbered: bool) -> Table:
        """Per level: how many municipalities are green, yellow, red, x (and the others the
        matrix has). Numbered, it is the turned matrix's key."""
        lang = self.lang
        title = lang.ngettext(
            "Municipalities per plan level (of {n} municipality)",
            "Municipalities per plan level (of {n} municipalities)",
            len(self.towns),
        )
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
        if numbered:
            table.add_column("", justify="right", no_wrap=True)
        table.add_column(lang._("Plan level"))
        statuses = summary_statuses(self.result)
        for status in statuses:
            table.add_column(Text(lang.status_label(status)), justify="right")
        for row in level_counts(self.result):
            counts = [lang.format_integer(row.counts[status]) for status in statuses]
            label = Text(_safe(level_label(row.level, lang)))
            table.add_row(*([str(row.number)] if numbered else []), label, *counts)
        return table


def _symbol_text(cell: Cell) -> Text:
    """A turned matrix's cell: the status's symbol (and a review's mark)."""
    status = cell.shown if cell.review is not None else cell.status
    mark = ""
    if cell.review is not None and cell.review.outcome is not ReviewOutcome.UNMATCHED:
        mark = REVIEWED_MARK if cell.reviewed else STALE_MARK
    return Text(f" {status_symbol(status)}{mark} ", style=STYLES[status])


def render_legend(
    result: ScanResult | None = None, options: ReportOptions = DEFAULT_OPTIONS
) -> Group:
    """What each cell means, for this result: its marks and rows included."""
    lang = options.lang
    table = Table.grid(padding=(0, 1))
    for status, meaning in legend_entries(result, lang):
        table.add_row(status_text(status, lang), Text(_safe(meaning)))
    if result is not None and result.reviews:
        for mark, meaning in review_legend(lang):
            table.add_row(Text(f" {mark}"), Text(meaning))
    notes = [Text(_safe(note)) for note in legend_notes(result, lang)]
    return Group(table, *notes)


def display_path(path: str) -> str:
    """A path relative to the working directory where that is shorter; a URL as it is.
    Made safe for the terminal (see _safe)."""
    return _safe(_relative_path(path))


def _relative_path(path: str) -> str:
    if "://" in path:
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return relative if not relative.startswith("..") else str(Path(path))


def _ocr_note(lang: Language) -> str:
    # Text that came from OCR may have misread words: the planner should know to check.
    return " · " + lang._("read with OCR")


def _terms_found(doc: DocumentResult, lang: Language) -> str:
    if doc.message:
        return _safe(lang.say(doc.message))
    found = [f"{term} {count}" for term, count in doc.counts.items() if count]
    return ", ".join(found) if found else lang._("none of the search words")


def _unclassified(lang: Language) -> str:
    return lang._("unclassified")


def render_documents(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> Group:
    """One entry per document: status, score, municipality and level, the file on a line of
    its own (never wrapped or cut, so it can be pasted into `planscan hits`), and the search
    words found, or why the document has no colour or no cell.

    A list rather than a wide table, so it stays readable in an 80-column CI log.
    """
    lang = options.lang
    labels = level_labels(result, lang)
    lines: list[Text | Padding] = [Text(lang._("Documents"), style="italic")]

    status_width = _status_width(lang)
    indent = status_width + _SCORE_WIDTH

    def indented(text: Text) -> Padding:
        return Padding(text, (0, 0, 0, indent))

    for doc in result.documents:
        level = labels.get(doc.level, doc.level) if doc.level else _unclassified(lang)
        score = lang.format_number(doc.score, 1) if doc.judgement is not None else "–"
        head = status_text(doc.status, lang)
        head.pad_right(status_width - head.cell_len)
        head.append(f"{score:>5} ")
        head.append(_safe(f"{doc.municipality} · {level}"), style="bold")
        if doc.ocr:
            head.append(_ocr_note(lang))
        lines.append(head)
        # The path whole, on one line however long: it is pasted into `planscan hits`.
        path = " " * indent + display_path(doc.path)
        lines.append(Text(path, no_wrap=True, overflow="ignore"))
        lines.append(indented(Text(_terms_found(doc, lang), style="italic" if doc.message else "")))
        place = _placement_note(doc, result, lang)
        if place:
            lines.append(indented(Text(place, style="dim")))
    return Group(*lines)


# The document list's columns: the status label, then the score, then the text.
_SCORE_WIDTH = 6


def _status_width(lang: Language) -> int:
    """Room for the longest status label of the language ("? no text": 12 columns)."""
    return max(len(lang.status_label(status)) for status in Status) + 3


def _placement_note(doc: DocumentResult, result: ScanResult, lang: Language) -> str:
    """Why a document is in the matrix's last row, and how to move it to a level."""
    if doc.in_a_level:
        return ""
    row = level_label(UNCLASSIFIED, lang)
    if doc.not_plan is not None:
        return lang._(
            "not a plan of a level ({what}): shown in the row «{row}»; a manifest can still"
            " put it in a level",
            what=_safe(doc.not_plan),
            row=row,
        )
    return lang._(
        "its plan level is not known: shown in the row «{row}»; give its level in a manifest"
        " (plans.yaml), or put the level in its file name (e.g. samfunnsdel, planstrategi,"
        " boligsosial-handlingsplan)",
        row=row,
    )


def render_scan(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> Group:
    parts: list[Matrix | Table | Text | Group] = [
        render_matrix(result, options),
        render_legend(result, options),
    ]
    if result.reviews:
        parts += [Text(""), render_reviews(result, options)]
    return Group(*parts, Text(""), render_documents(result, options))


def render_reviews(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> Table:
    """Each override of the review file: applied (who, when, why), stale or unmatched."""
    lang = options.lang
    labels = level_labels(result, lang)
    table = Table.grid(padding=(0, 1))
    table.title = lang._("Reviews")
    table.title_justify = "left"
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for review in result.reviews:
        o = review.override
        where = _safe(review_place(review, labels))
        if review.outcome is ReviewOutcome.APPLIED:
            mark, body = (
                REVIEWED_MARK,
                Text.assemble(
                    (f"{where}: ", "bold"),
                    _safe(lang.say(review.message)),
                    (f"\n{_safe(o.why)}", "italic"),
                ),
            )
        else:
            mark, body = (
                STALE_MARK,
                Text.assemble(
                    (f"{where}: ", "bold"),
                    (
                        lang._("not applied ({outcome})", outcome=review.outcome.value) + ": ",
                        "bold",
                    ),
                    _safe(lang.say(review.message)),
                    f"\n{_safe(o.where)}",
                ),
            )
        table.add_row(Text(mark), body)
    return table


def _level_columns(result: ScanResult, docs: list[DocumentResult]) -> list[str]:
    """Column heads for one municipality's documents: the level's number (5, 5b, ?)."""
    numbers = {level.id: str(i) for i, level in enumerate(result.levels, start=1)}
    heads: list[str] = []
    for doc in docs:
        head = numbers.get(doc.level or "", "?")
        suffix = sum(1 for h in heads if h.rstrip("bcdefghij") == head)
        heads.append(head + ("bcdefghij"[suffix - 1] if suffix else ""))
    return heads


def render_details(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> Group:
    """Per-term hit counts for every document: one table per municipality, a column per plan."""
    lang = options.lang
    order = {level.id: i for i, level in enumerate(result.levels)}
    parts: list[Table | Text] = []
    for municipality in ordered_municipalities(result, options):
        docs = sorted(
            (d for d in result.documents if d.municipality == municipality),
            key=lambda d: order.get(d.level or "", len(order)),
        )
        if not docs:
            continue
        heads = _level_columns(result, docs)
        title = lang._("Hits per search word · {municipality}", municipality=_safe(municipality))
        table = Table(title=Text(title), title_justify="left")
        table.add_column(lang._("Search word"))
        for head in heads:
            table.add_column(head, justify="right")
        for term in result.keywords.terms:
            row = [str(d.counts.get(term.key, 0) or "·") if d.judgement else "" for d in docs]
            table.add_row(Text(_safe(term.key), style="bold" if term.specific else ""), *row)
        table.add_section()
        scores = (lang.format_number(d.score, 1) if d.judgement else "–" for d in docs)
        table.add_row(lang._("score"), *scores)
        table.add_row(lang._("status"), *(status_symbol(d.status) for d in docs))
        files = Table.grid(padding=(0, 1))
        files.add_column(justify="right", style="bold")
        files.add_column(overflow="fold")
        for head, doc in zip(heads, docs, strict=True):
            files.add_row(head, Text(_safe(Path(doc.path).name)))
        parts += [table, files, Text("")]
    key = ", ".join(
        f"{i} {_safe(level_label(lvl, lang))}" for i, lvl in enumerate(result.levels, start=1)
    )
    parts.append(
        Text(
            lang._(
                "Columns: {key}, ? unclassified. Search words in bold are housing-social"
                " (specific); · means no hit.",
                key=key,
            )
        )
    )
    return Group(*parts)


def _term_head(term: Term, count: int, repeated: int, lang: Language) -> Text:
    kind = (
        lang._("housing-social word")
        if term.specific
        else lang._("general word")
        if term.generic
        else ""
    )
    extra = (
        ", " + lang.ngettext("{n} in a running header", "{n} in a running header", repeated)
        if repeated
        else ""
    )
    hits = lang.ngettext("{n} hit", "{n} hits", count)
    return Text.assemble(
        (_safe(term.key), "bold"), f" · {hits}{extra}" + (f" · {kind}" if kind else "")
    )


def _snippet_text(snippet: str, match: str) -> Text:
    text = Text()
    for piece, is_match in highlight(snippet, match):
        if is_match:
            text.append(f"{MARK_OPEN}{_safe_lines(piece)}{MARK_CLOSE}", style="bold reverse")
        else:
            text.append(_safe_lines(piece))
    return text


def render_hits(
    doc: DocumentResult,
    result: ScanResult,
    terms: tuple[Term, ...],
    options: ReportOptions = DEFAULT_OPTIONS,
) -> Group:
    """Every hit of the given terms in one document, by term, with page, snippet and what
    its passage is (housing-social, general, not counted and why)."""
    lang = options.lang
    head = _document_head(doc, result, lang)
    if doc.judgement is None:
        return Group(head, Text(_safe(lang.say(doc.message or lang.status_word(Status.NO_TEXT)))))
    parts: list[Table | Text] = [head, Text(f"sha256 {doc.sha256}", style="dim"), Text("")]
    missing = []
    for evidence in evidence_by_term(doc, terms):
        count = len(evidence.hits)
        if not count and not evidence.repeated:
            missing.append(evidence.term.key)
            continue
        parts.append(_term_head(evidence.term, count, len(evidence.repeated), lang))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, justify="right", style="cyan")
        table.add_column(overflow="fold")
        for hit in evidence.hits:
            line = _with_note(_snippet_text(hit.snippet, hit.match), hit, lang)
            if hit.passage is not None and hit.passage < len(doc.passages):
                label = passage_label(doc.passages[hit.passage], lang)
                line.append(f"  [{label}]", style="dim")
            _add_section(line, hit, doc, lang)
            table.add_row(Text(page_place(hit, doc)), line)
        for hit in evidence.repeated:
            line = _with_note(_snippet_text(hit.snippet, hit.match), hit, lang)
            line.append(
                "  [" + lang._("running header/footer: listed once, not counted") + "]",
                style="italic",
            )
            table.add_row(Text(page_place(hit, doc)), line)
        parts += [table, Text("")]
    if missing:
        parts.append(
            Text(_safe(lang._("Not found: {terms}", terms=", ".join(missing))), style="dim")
        )
    return Group(*parts)


def _add_section(line: Text, hit: Hit, doc: DocumentResult, lang: Language = _EN) -> None:
    """A web plan's hit names its section where a PDF's names its page."""
    if doc.unit == "section":
        where = page_text(hit, doc).removeprefix(f"avsn. {hit.page}").strip()
        if where:
            line.append("\n  " + lang._("in {section}", section=_safe(where)), style="dim")


def _with_note(text: Text, hit: Hit, lang: Language) -> Text:
    note = kind_note(hit, lang)
    if note:
        text.append(f"  [{_safe(note)}]", style="italic")
    return text


def _document_head(doc: DocumentResult, result: ScanResult, lang: Language) -> Text:
    pages = lang.ngettext("{n} page", "{n} pages", doc.pages)
    words = lang.ngettext("{n} word", "{n} words", doc.words)
    return Text.assemble(
        (display_path(doc.path), "bold"),
        f"  {_safe(doc.municipality)} · {_safe(doc.level or _unclassified(lang))} · {pages} ·"
        f" {words}{_ocr_note(lang) if doc.ocr else ''}  ",
        status_text(doc.status, lang),
    )


def render_explain(
    doc: DocumentResult, result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS
) -> Group:
    """Why one document got its colour: the rule, the passages that decided it, the numbers
    behind it, and the report's counts of the search words."""
    lang = options.lang
    head = _document_head(doc, result, lang)
    j = doc.judgement
    if j is None:
        return Group(head, Text(_safe(lang.say(doc.message or lang._("not judged")))))
    parts: list[Table | Text] = [head, Text("")]
    parts += [
        Text(lang._("The rule"), style="bold"),
        Text("\n".join(rule_sentences(result.keywords, lang))),
    ]
    parts += [Text(""), Text(lang._("In plain words"), style="bold")]
    parts.append(Text(_safe_lines("\n\n".join(explain_verdict(doc, result.keywords, lang)))))
    deciding = deciding_passages(doc)
    if deciding:
        parts += [Text(""), Text(lang._("The passages that decided it"), style="bold")]
        parts.append(_passage_table(deciding, lang, doc.unit))
    table = Table(title=lang._("Passages"), title_justify="left")
    table.add_column(lang._("Passages with hits or indicators"))
    table.add_column(lang._("Number"), justify="right")
    for label, number in passage_counts(doc, lang).items():
        table.add_row(label, lang.format_integer(number))
    counts = Table(
        title=lang._("The report's search words (its method: hits)"), title_justify="left"
    )
    counts.add_column(lang._("Search word"))
    counts.add_column(lang._("Hits"), justify="right")
    for term in result.keywords.terms:
        counts.add_row(
            Text(_safe(term.key), style="bold" if term.specific else ""),
            lang.format_integer(doc.counts.get(term.key, 0)),
        )
    command = f"planscan hits {shlex.quote(_relative_path(doc.path))}"
    read = Text(_safe(lang._("Read the evidence: {command}", command=command)), style="dim")
    return Group(*parts, Text(""), table, Text(""), counts, Text(""), read)


def _passage_table(passages: Sequence[Passage], lang: Language, unit: str = "page") -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="cyan")
    table.add_column(overflow="fold")
    for passage in passages:
        body = Text(_safe_lines(passage.text))
        body.append(f"\n[{_safe(passage_label(passage, lang))}]", style="dim")
        place = passage_place(passage, unit).split(" · ")[0]
        if unit == "section":
            place, _, section = place.partition(" ")
            place, section = f"{place} {section.split(' ', 1)[0]}", section.partition(" ")[2]
            if section:
                body.append("\n" + lang._("in {section}", section=_safe(section)), style="dim")
        table.add_row(Text(_safe(place)), body)
        if passage.heading and not (unit == "section" and passage.heading == passage.page_label):
            under = lang._("under: {heading}", heading=_safe(passage.heading))
            table.add_row(Text(""), Text(under, style="italic dim"))
    return table


def make_progress(console: Console, lang: Language = _EN) -> tuple[Progress, TaskID, TaskID]:
    """A progress display for long scans: documents, and pages with rate and time left."""
    # Imported here: only a terminal shows a progress bar, and the module is slow to load.
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    progress = Progress(
        TextColumn("{task.description:<9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    documents = progress.add_task(lang._("documents"), total=None, rate="")
    pages = progress.add_task(lang._("pages"), total=None, rate="")
    return progress, documents, pages


def render_diff(diff: ResultDiff, lang: Language = _EN) -> Group:
    """Cells that changed colour (worse first) and documents added, removed or replaced."""
    labels = {level.id: level_label(level, lang) for level in diff.levels}
    head = Text.assemble(("planscan diff: ", "bold"), diff_headline(diff, lang))
    parts: list[Table | Text] = [
        head,
        Text(f"{_safe(str(diff.old))} → {_safe(str(diff.new))}", style="dim"),
    ]
    note = lang._("Note:")
    parts += [Text(f"{note} {_safe(lang.say(caveat))}", style="bold") for caveat in diff.caveats]
    if diff.cells:
        table = Table(title=lang._("Cells"), title_justify="left")
        table.add_column(lang._("Plan level"), style="bold")
        table.add_column(lang._("Municipality"))
        table.add_column(lang._("Before"), justify="center")
        table.add_column(lang._("After"), justify="center")
        table.add_column(lang._("Change"))
        for cell in diff.cells:
            if cell.worse:
                change = Text("▼ " + lang._("worse"), style="bold red")
            else:
                change = Text("▲ " + lang._("better"))
            table.add_row(
                Text(_safe(labels.get(cell.level, cell.label))),
                Text(_safe(cell.municipality)),
                status_text(cell.old, lang),
                status_text(cell.new, lang),
                change,
            )
        parts.append(table)
    parts.append(Text.assemble((lang._("Documents:") + " ", "bold"), document_counts(diff, lang)))
    if diff.documents:
        docs = Table.grid(padding=(0, 1))
        docs.add_column(no_wrap=True)
        docs.add_column(overflow="fold")
        for doc in diff.documents:
            level = labels.get(doc.level, doc.level) if doc.level else lang._("unclassified")
            where = _safe(f"{doc.municipality} · {level}")
            if doc.old is not None and doc.new is not None:
                what = f"{_doc_line(doc.old, lang)}\n  → {_doc_line(doc.new, lang)}"
            else:
                what = _doc_line(doc.old or doc.new, lang)
            docs.add_row(change_word(doc.change, lang), Text.assemble((where, "bold"), f"\n{what}"))
        parts.append(docs)
    return Group(*parts)


def _doc_line(doc: DocumentRef | None, lang: Language) -> str:
    assert doc is not None
    status = doc.status.value if not lang.norwegian else lang.status_word(doc.status)
    return f"{display_path(doc.path)} ({status})"


FETCH_LOOK: dict[FetchOutcome, tuple[str, str, str]] = {
    FetchOutcome.DOWNLOADED: ("↓", N_("downloaded"), "green"),
    FetchOutcome.UNCHANGED: ("=", N_("unchanged"), ""),
    FetchOutcome.NOT_FOUND: ("x", N_("not found"), "dim"),
    FetchOutcome.GONE: ("x", N_("gone"), "dim"),
    FetchOutcome.SOFT_404: ("x", N_("soft 404"), "dim"),
    FetchOutcome.NOT_DOCUMENT: ("x", N_("not a document"), "dim"),
    FetchOutcome.TOO_LARGE: ("!", N_("too large"), "bold magenta"),
    FetchOutcome.REFUSED: ("!", N_("refused"), "bold magenta"),
    FetchOutcome.FAILED: ("!", N_("failed"), "bold magenta"),
}


def render_fetch(report: FetchReport, lang: Language = _EN) -> Group:
    """One entry per URL: what happened, the size and sha256, and any message."""
    table = Table.grid(padding=(0, 1))
    table.title = lang._("Fetched into {store}", store=_safe(str(report.store)))
    table.title_justify = "left"
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for record in report.records:
        symbol, word, style = FETCH_LOOK[record.outcome]
        details = Text(_safe(record.url))
        if record.final_url and record.final_url != record.url:
            details.append(f"\n→ {_safe(record.final_url)}")
        if record.sha256:
            bytes_ = record.size or 0
            number = lang.format_integer(bytes_, group=None if lang.norwegian else "")
            size = lang.ngettext("{size} byte", "{size} bytes", bytes_, size=number)
            details.append(f"\n{record.kind} · {size} · sha256 {record.sha256[:12]}")
        if record.message:
            details.append(f"\n{_safe(lang.say(record.message))}", style="italic")
        table.add_row(Text(f"{symbol} {lang._(word)}", style=style), details)
    counts: dict[FetchOutcome, int] = {}
    for record in report.records:
        counts[record.outcome] = counts.get(record.outcome, 0) + 1
    # English names the outcomes by their ids (not-found, soft-404), as the JSON does.
    words = {o: lang._(FETCH_LOOK[o][1]) if lang.norwegian else o.value for o in counts}
    summary = ", ".join(f"{lang.format_integer(n)} {words[o]}" for o, n in counts.items())
    return Group(table, Text(summary or lang._("no URLs")))


class ScanProgress:
    """A progress bar on a terminal; nothing in CI logs or when output is piped."""

    def __init__(self, console: Console, lang: Language = _EN) -> None:
        self.console = console
        self.lang = lang
        self.bar: Any = None
        self.documents: Any = None
        self.pages: Any = None
        self.page_counts: dict[str, tuple[int, int]] = {}
        self.started = time.monotonic()

    def __enter__(self) -> ScanProgress:
        if self.console.is_terminal and not self.console.is_dumb_terminal:
            self.bar, self.documents, self.pages = make_progress(self.console, self.lang)
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def start(self, documents: int) -> None:
        if self.bar is not None:
            self.bar.update(self.documents, total=documents)
            self.started = time.monotonic()

    def document(self, doc: DocumentResult) -> None:
        if self.bar is not None:
            self.bar.advance(self.documents)

    def page(self, path: str, done: int, total: int) -> None:
        if self.bar is None:
            return
        self.page_counts[path] = (done, total)
        read = sum(d for d, _ in self.page_counts.values())
        known = sum(t for _, t in self.page_counts.values())
        elapsed = max(time.monotonic() - self.started, 1e-3)
        rate = self.lang._("{rate} pages/s", rate=self.lang.format_number(read / elapsed, 0))
        self.bar.update(self.pages, completed=read, total=known, rate=rate)


FIND_LOOK: dict[SearchOutcome, tuple[str, str]] = {
    SearchOutcome.FOUND: ("✓", "green"),
    SearchOutcome.NOT_FOUND: ("x", "dim"),
    SearchOutcome.NOT_SEARCHED: ("⊘", "yellow"),
}


def render_find(report: FindReport, keywords: KeywordSet, lang: Language = _EN) -> Group:
    """A municipality × level table of what find found (✓ with the format, x, ⊘), the sites
    that could not be searched and why, what changed since the last run, and a summary."""
    levels = keywords.levels
    manifest = _safe(report.manifest) if report.manifest else lang._("(not written)")
    table = Table(
        title=lang._("Found online → {manifest}", manifest=manifest),
        title_justify="left",
        show_footer=len(report.searches) > 1,
    )
    table.add_column(lang._("Municipality"), no_wrap=True, footer=lang._("found"))
    for level in levels:
        found = sum(
            f.level == level.id and f.outcome is SearchOutcome.FOUND
            for search in report.searches
            for f in search.findings
        )
        table.add_column(
            level_label(level, lang), justify="center", footer=f"{found}/{len(report.searches)}"
        )
    pages = sum(s.pages for s in report.searches)
    table.add_column(lang._("pages"), justify="right", footer=lang.format_integer(pages))
    counts = dict.fromkeys(SearchOutcome, 0)
    for search in report.searches:
        cells = []
        by_level = {f.level: f for f in search.findings}
        for level in levels:
            finding = by_level.get(level.id)
            if finding is None:
                cells.append(Text(""))
                continue
            counts[finding.outcome] += 1
            label, style = FIND_LOOK[finding.outcome]
            if finding.best is not None:
                label = f"{label} {finding.best.format}"
            cells.append(Text(label, style=style))
        table.add_row(Text(search.municipality), *cells, Text(lang.format_integer(search.pages)))
    lines: list[Text] = []
    for search in report.not_searched:
        why = lang._(
            "{municipality}: not searched: {why}",
            municipality=search.municipality,
            why=_safe(lang.say(search.message)),
        )
        lines.append(Text(f"⊘ {why}"))
    for change in report.changes:  # titles and URLs from the websites: shown as they are
        lines.append(Text(lang._("changed: {change}", change=_safe(lang.say(change)))))
    for kept in report.kept:
        lines.append(Text(lang._("kept: {entry}", entry=_safe(lang.say(kept)))))
    summary = lang._(
        "{found} found (✓), {not_found} not found (x), {not_searched} not searched (⊘) in"
        " {municipalities}",
        found=lang.format_integer(counts[SearchOutcome.FOUND]),
        not_found=lang.format_integer(counts[SearchOutcome.NOT_FOUND]),
        not_searched=lang.format_integer(counts[SearchOutcome.NOT_SEARCHED]),
        municipalities=lang.ngettext(
            "{n} municipality", "{n} municipalities", len(report.searches)
        ),
    )
    return Group(table, *lines, Text(summary))


class FindProgress:
    """One line per municipality being searched, on a terminal; nothing when piped."""

    def __init__(self, console: Console, lang: Language = _EN) -> None:
        self.console = console
        self.lang = lang
        self.bar: Any = None
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> FindProgress:
        if self.console.is_terminal and not self.console.is_dumb_terminal:
            from rich.progress import Progress, SpinnerColumn, TextColumn

            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}", markup=False),
                TextColumn("{task.fields[what]}", markup=False),
                console=self.console,
                transient=True,
            )
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def event(self, municipality: str, what: str) -> None:
        if self.bar is None:
            return
        if municipality not in self.tasks:
            self.tasks[municipality] = self.bar.add_task(municipality, total=None, what="")
        task = self.tasks[municipality]
        if what == "done":
            self.bar.remove_task(task)
        else:
            self.bar.update(task, what=self.lang.say(what))
