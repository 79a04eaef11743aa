"""Every hit as CSV, one row per hit, for people who filter in Excel."""

from __future__ import annotations

import csv
import functools
import io

from planscan.models import ScanResult
from planscan.report.csvfile import CSV_FORMATS, safe_cell
from planscan.report.evidence import KIND_NOTES
from planscan.report.options import DEFAULT_OPTIONS, ReportOptions

HEADER = (
    "municipality",
    "level",
    "path",
    "status",
    "term",
    "page",
    "page_label",
    "match",
    "kind",
    "kind_note",
    "repeated",
    "passage_class",
    "passage_why",
    "snippet",
    "section_url",
)


def render_hits_csv(result: ScanResult, options: ReportOptions = DEFAULT_OPTIONS) -> str:
    """One row per hit, in document order; a header-only file when nothing was found. A web
    plan's hit has its section's number in `page`, its heading in `page_label` and where it
    is in `section_url`.

    Written in the options' CSV dialect (Norwegian Excel's ; in nb and nn, with a byte-order
    mark; see csvfile), cells that look like formulas neutralised. The column names and ids
    stay the same in every language, for filters and scripts; the kind note is translated.
    """
    lang = options.lang
    form = CSV_FORMATS[options.dialect]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=form.delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    # Most cells repeat from hit to hit (a document's, a term, a page): each different value
    # is made safe once. A snippet seldom repeats.
    safe = functools.cache(safe_cell)
    for doc in result.documents:
        document = [
            safe(doc.municipality),
            safe(doc.level or ""),
            safe(doc.path),
            safe(doc.status.value),
        ]
        rows = []
        for hit in doc.hits:
            passage = (
                doc.passages[hit.passage]
                if hit.passage is not None and hit.passage < len(doc.passages)
                else None
            )
            rows.append(
                [
                    *document,
                    safe(hit.term),
                    safe(str(hit.page)),
                    safe(hit.page_label or ""),
                    safe(hit.match),
                    safe(hit.kind.value),
                    safe(lang._(KIND_NOTES[hit.kind]) if KIND_NOTES[hit.kind] else ""),
                    safe("yes" if hit.repeated else ""),
                    safe(passage.kind.value if passage else ""),
                    safe(passage.why if passage else ""),
                    safe_cell(hit.snippet),
                    safe(doc.section_url(hit.page)),
                ]
            )
        writer.writerows(rows)
    return ("\ufeff" if form.bom else "") + buffer.getvalue()
