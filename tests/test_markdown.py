"""The matrix as Markdown, for a CI job summary."""

from __future__ import annotations

from pathlib import Path

import planscan
from planscan.report.markdown import escape, render_markdown
from planscan.review import apply_review
from tests.fixtures.generate import HOSTILE_MUNICIPALITY
from tests.goldens import assert_golden


def test_examples_golden(examples_result: planscan.ScanResult) -> None:
    text = render_markdown(examples_result)
    assert "| Temaplan bolig | ⚪ x | ⚪ x | 🟢 green | ⚪ x |" in text
    assert_golden("examples-matrix.md", text)


def test_names_cannot_break_the_table_or_bring_html(evidence_result: planscan.ScanResult) -> None:
    head = render_markdown(evidence_result).splitlines()[2]
    assert head == ('| Plan level | =Beta"&gt;&lt;img src=x onerror=alert(3)&gt; | Alfa |')
    assert escape(HOSTILE_MUNICIPALITY) == '=Beta"&gt;&lt;img src=x onerror=alert(3)&gt;'
    assert escape("a|b *c* [d](e) <f> `g`") == "a\\|b \\*c\\* \\[d\\](e) &lt;f&gt; \\`g\\`"


def test_reviews_are_marked_and_listed(
    evidence_result: planscan.ScanResult, tmp_path: Path
) -> None:
    plan = next(d for d in evidence_result.documents if d.path.endswith("handlingsplan.pdf"))
    review = tmp_path / "review.yaml"
    review.write_text(
        f"reviews:\n  - {{municipality: Alfa, level: temaplan-bolig, sha256: {plan.sha256},"
        " status: yellow, by: Kari, date: 2024-03-01, why: 'Lite om *vanskeligstilte*'}\n",
        encoding="utf-8",
    )
    text = render_markdown(apply_review(evidence_result, review))
    assert "| Temaplan bolig | ⚪ x | 🟡 yellow ✎ |" in text
    assert (
        "- ✎ **Alfa · Temaplan bolig**: yellow set by Kari on 2024-03-01 (computed: green)."
        " Lite om \\*vanskeligstilte\\*"
    ) in text
