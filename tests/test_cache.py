"""The text cache: re-scans read it, keyword changes re-use it, damage is repaired."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import planscan
from planscan.match import count_terms, find_hits, index_document
from planscan.scan import ScanOptions

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture()
def plans(tmp_path: Path) -> Path:
    root = tmp_path / "plans"
    shutil.copytree(EXAMPLES / "Vefsn", root / "Vefsn")
    return root


def test_counts_from_the_vocabulary_equal_the_hits(keywords: planscan.KeywordSet) -> None:
    result = planscan.scan([EXAMPLES], options=ScanOptions(evidence=True))
    for doc in result.documents:
        assert doc.counts == {t: sum(1 for h in doc.hits if h.term == t) for t in doc.counts}
    fast = planscan.scan([EXAMPLES], options=ScanOptions(evidence=False))
    assert [d.counts for d in fast.documents] == [d.counts for d in result.documents]
    assert all(d.hits == () for d in fast.documents)


def test_count_terms_matches_find_hits_on_text(keywords: planscan.KeywordSet) -> None:
    pages = ["Universell utforming og universelle utformingen. UU. Husbankens startlån."]
    index = index_document(pages)
    assert count_terms(index, keywords) == {
        term: len(hits) for term, hits in find_hits(index, keywords).items()
    }


def test_rescan_reads_the_cache_and_starts_no_reader(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)

    def no_reader(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document was read again")

    monkeypatch.setattr("planscan.worker.read_documents", no_reader)
    second = planscan.scan([plans], options=options)
    assert second.documents == first.documents
    # Other keywords: still from the cache, no re-extraction.
    text = (Path(__file__).parents[1] / "keywords.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "keywords.yaml"
    changed.write_text(text.replace("      min_score: 4\n", "      min_score: 400\n"), "utf-8")
    third = planscan.scan([plans], keywords=changed, options=options)
    assert [d.counts for d in third.documents] == [d.counts for d in first.documents]
    assert [d.status for d in third.documents] != [d.status for d in first.documents]


def test_a_damaged_cache_entry_is_read_again_with_a_warning(plans: Path, tmp_path: Path) -> None:
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)
    entries = sorted((tmp_path / "cache").rglob("*.json.z"))
    assert len(entries) == len(first.documents)
    entries[0].write_bytes(b"not zlib at all")
    second = planscan.scan([plans], options=options)
    assert [d.counts for d in second.documents] == [d.counts for d in first.documents]
    assert len(second.warnings) == 1 and "cache entry damaged" in second.warnings[0]
    third = planscan.scan([plans], options=options)  # repaired
    assert third.warnings == ()


def test_cache_commands(plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from planscan.cli import app

    monkeypatch.setenv("PLANSCAN_CACHE_DIR", str(tmp_path / "c"))
    runner = CliRunner()
    assert runner.invoke(app, ["scan", str(plans), "-q"]).exit_code == 0
    info = runner.invoke(app, ["cache", "info"]).stdout
    assert info.startswith(f"{tmp_path / 'c'}\n8 documents, ")
    assert runner.invoke(app, ["cache", "clear"]).stdout.startswith("removed 8 cached documents")
    assert runner.invoke(app, ["cache", "info"]).stdout.endswith("0 documents, 0.0 MiB\n")
