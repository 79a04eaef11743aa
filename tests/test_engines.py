"""pdfium (the default) and pdfplumber must find the same words (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.corpus import write_pdf

import planscan
from planscan.scan import ScanOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 40-page plan from the benchmark corpus generator, and the examples' PDFs."""
    root = tmp_path_factory.mktemp("engines")
    write_pdf(root / "Eksempelby" / "okonomiplan-40.pdf", 40, seed=40)
    for pdf in EXAMPLES.glob("*/*.pdf"):
        target = root / pdf.parent.name / pdf.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(pdf.read_bytes())
    return root


def test_both_engines_give_the_same_counts(plans: Path) -> None:
    fast = planscan.scan([plans], options=ScanOptions(engine="pdfium", evidence=False))
    slow = planscan.scan([plans], options=ScanOptions(engine="pdfplumber", evidence=False))
    assert len(fast.documents) == len(slow.documents) > 10
    for a, b in zip(fast.documents, slow.documents, strict=True):
        assert (a.path, a.counts, a.pages) == (b.path, b.counts, b.pages)
        assert (a.engine, b.engine) == ("pdfium", "pdfplumber")
    assert [c.status for c in fast.matrix] == [c.status for c in slow.matrix]
