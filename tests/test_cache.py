"""The cache: re-scans read analyses, keyword changes re-use the text, damage is repaired."""

from __future__ import annotations

import json
import shutil
import zlib
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


def _entries(cache: Path, analyses: bool) -> list[Path]:
    """The cache's text entries, or its analysis entries."""
    found = sorted(cache.rglob("*.json.z"))
    return [path for path in found if path.name.endswith(".analysis.json.z") == analyses]


def _other_keywords(tmp_path: Path) -> Path:
    """keywords.yaml with a green that needs a hundred times the score."""
    text = (Path(__file__).parents[1] / "keywords.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "keywords.yaml"
    changed.write_text(text.replace("      min_score: 4\n", "      min_score: 400\n"), "utf-8")
    return changed


def test_rescan_reads_the_analysis_and_matches_nothing(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for evidence in (False, True):  # what a scan keeps differs: each has its own analyses
        options = ScanOptions(cache_dir=tmp_path / "cache", evidence=evidence)
        first = planscan.scan([plans], options=options)
        with monkeypatch.context() as patch:
            patch.setattr("planscan.worker.read_documents", _forbidden)
            patch.setattr("planscan.analysis.analyse", _forbidden)
            second = planscan.scan([plans], options=options)
        assert second.documents == first.documents
        assert any(doc.passages for doc in second.documents)
        assert all(bool(doc.hits) == evidence for doc in second.documents if doc.counts)


def _forbidden(*args: object, **kwargs: object) -> None:
    raise AssertionError("a document was read or matched again")


def test_other_keywords_analyse_the_cached_text_again_without_reading(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)
    monkeypatch.setattr("planscan.worker.read_documents", _forbidden)
    third = planscan.scan([plans], keywords=_other_keywords(tmp_path), options=options)
    assert [d.counts for d in third.documents] == [d.counts for d in first.documents]
    assert [d.status for d in third.documents] != [d.status for d in first.documents]
    assert len(_entries(tmp_path / "cache", analyses=True)) == 2 * len(first.documents)


def test_a_cached_analysis_serves_the_same_document_anywhere(plans: Path, tmp_path: Path) -> None:
    """Where a document was found is not in its analysis: a copy in another municipality's
    folder, under another name, gets what a scan without the cache gives it."""
    options = ScanOptions(cache_dir=tmp_path / "cache")
    planscan.scan([plans], options=options)
    moved = tmp_path / "moved"
    for source in sorted((plans / "Vefsn").iterdir()):
        target = moved / "Hattfjelldal" / f"kopi-{source.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    served = planscan.scan([moved], options=options)
    fresh = planscan.scan([moved], options=ScanOptions(cache_dir=None))
    assert served.documents == fresh.documents
    assert {doc.municipality for doc in served.documents} == {"Hattfjelldal"}
    for entry in _entries(tmp_path / "cache", analyses=True):
        data = json.loads(zlib.decompress(entry.read_bytes()))
        assert str(tmp_path) not in json.dumps(data)  # no path
        assert (data["document"]["municipality"], data["document"]["path"]) == ("", "")


def test_a_damaged_analysis_is_made_again_with_a_warning(plans: Path, tmp_path: Path) -> None:
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)
    analyses = _entries(tmp_path / "cache", analyses=True)
    assert len(analyses) == len(first.documents)
    analyses[0].write_bytes(b"not zlib at all")
    # Whole JSON of the wrong shape: counts that are text.
    data = json.loads(zlib.decompress(analyses[1].read_bytes()))
    data["document"]["counts"] = dict.fromkeys(data["document"]["counts"], "3")
    analyses[1].write_bytes(zlib.compress(json.dumps(data).encode()))
    second = planscan.scan([plans], options=options)
    assert second.documents == first.documents
    assert len(second.warnings) == 2
    assert all("cache entry damaged, analysing the document again" in w for w in second.warnings)
    assert "count of" in " ".join(second.warnings)
    third = planscan.scan([plans], options=options)  # repaired
    assert third.warnings == ()


def test_entries_written_by_earlier_versions_are_still_read(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries were compressed at zlib level 6 with spaced JSON; now level 1, compact: both
    read back the same, so a cache made before is served as it is."""
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)
    for entry in _entries(tmp_path / "cache", analyses=True):
        data = json.loads(zlib.decompress(entry.read_bytes()))
        entry.write_bytes(zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 6))
    monkeypatch.setattr("planscan.worker.read_documents", _forbidden)
    monkeypatch.setattr("planscan.analysis.analyse", _forbidden)
    second = planscan.scan([plans], options=options)
    assert second.documents == first.documents and second.warnings == ()


def test_entries_are_written_whole_but_not_forced_to_disk(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache entry is renamed into place once written, as a report is, but without an
    fsync: a cache can make again what a power cut took (see the next test)."""
    from planscan import atomicwrite

    synced: list[int] = []
    monkeypatch.setattr(atomicwrite.os, "fsync", synced.append)
    planscan.scan([plans], options=ScanOptions(cache_dir=tmp_path / "cache"))
    entries = _entries(tmp_path / "cache", analyses=False)
    assert entries and synced == []
    with pytest.raises(TypeError):
        atomicwrite.write_entry(entries[0], 12345)  # type: ignore[arg-type]
    assert zlib.decompress(entries[0].read_bytes())  # the entry before is kept whole
    assert not list((tmp_path / "cache").rglob("*.tmp"))
    atomicwrite.write_atomic(tmp_path / "report.json", "{}")  # a report is forced to disk
    assert len(synced) == 1


def test_an_entry_cut_short_is_read_again(plans: Path, tmp_path: Path) -> None:
    """Entries are not forced to disk (atomicwrite.py): after a power cut one may be cut
    short. Its zlib stream does not end, which is a damaged entry, never a shorter text."""
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)
    for entry in _entries(tmp_path / "cache", analyses=True):
        blob = entry.read_bytes()
        entry.write_bytes(blob[: len(blob) - 20])
    second = planscan.scan([plans], options=options)
    assert second.documents == first.documents
    assert len(second.warnings) == len(first.documents)
    assert all(w.endswith(": cut short") for w in second.warnings)
    assert planscan.scan([plans], options=options).warnings == ()  # repaired


def test_a_damaged_text_entry_is_read_again_with_a_warning(plans: Path, tmp_path: Path) -> None:
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)
    texts = _entries(tmp_path / "cache", analyses=False)
    assert len(texts) == len(first.documents)
    texts[0].write_bytes(b"not zlib at all")
    # Other keywords: no analysis to serve, so the text is needed.
    other = _other_keywords(tmp_path)
    second = planscan.scan([plans], keywords=other, options=options)
    assert [d.counts for d in second.documents] == [d.counts for d in first.documents]
    assert len(second.warnings) == 1 and "cache entry damaged" in second.warnings[0]
    third = planscan.scan([plans], keywords=other, options=options)  # repaired
    assert third.warnings == ()


def test_nothing_of_a_document_opened_with_a_password_is_analysed_into_the_cache(
    tmp_path: Path,
) -> None:
    from tests.fixtures import hostile

    files = hostile.build_hostile(tmp_path / "hostile")
    folder = tmp_path / "plans" / "Vefsn"
    folder.mkdir(parents=True)
    shutil.copyfile(files["encrypted"], folder / "boligplan.pdf")
    options = ScanOptions(cache_dir=tmp_path / "cache", password="hemmelig")
    doc = planscan.scan([tmp_path / "plans"], options=options).documents[0]
    assert doc.counts["Husbanken"] == 1
    assert _entries(tmp_path / "cache", analyses=True) == []


def test_cache_commands(plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from planscan.cli import app
    from planscan.find.pagecache import CachedPage, PageCache

    monkeypatch.setenv("PLANSCAN_CACHE_DIR", str(tmp_path / "c"))
    runner = CliRunner()
    assert runner.invoke(app, ["scan", str(plans), "-q"]).exit_code == 0
    info = runner.invoke(app, ["cache", "info"]).stdout
    assert info.startswith(f"{tmp_path / 'c'}\n8 documents, ")
    # A page planscan find read, kept for its next run: cleared too.
    pages = PageCache(tmp_path / "c" / "find-pages")
    pages.put("https://www.vefsn.kommune.no/planer", CachedPage("text/html", b"<p>x</p>", "e1"))
    assert pages.get("https://www.vefsn.kommune.no/planer") is not None
    cleared = runner.invoke(app, ["cache", "clear"]).stdout
    assert cleared.startswith("removed 8 cached documents and 1 page planscan find had read")
    assert pages.get("https://www.vefsn.kommune.no/planer") is None
    assert runner.invoke(app, ["cache", "info"]).stdout.endswith("0 documents, 0.0 MiB\n")


@pytest.mark.parametrize(
    ("lang", "info", "cleared"),
    [
        (
            "nb",
            "8 dokumenter, ",
            "fjernet 8 mellomlagrede dokumenter og 1 side planscan find hadde lest, fra ",
        ),
        (
            "nn",
            "8 dokument, ",
            "fjerna 8 mellomlagra dokument og 1 side planscan find hadde lese, frå ",
        ),
    ],
)
def test_cache_commands_in_norwegian(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, info: str, cleared: str
) -> None:
    from typer.testing import CliRunner

    from planscan.cli import app
    from planscan.find.pagecache import CachedPage, PageCache

    monkeypatch.setenv("PLANSCAN_CACHE_DIR", str(tmp_path / "c"))
    runner = CliRunner()
    assert runner.invoke(app, ["scan", str(plans), "-q"]).exit_code == 0
    PageCache(tmp_path / "c" / "find-pages").put(
        "https://www.vefsn.kommune.no/planer", CachedPage("text/html", b"<p>x</p>", "e1")
    )
    said = runner.invoke(app, ["cache", "info", "--lang", lang]).stdout
    assert said.startswith(f"{tmp_path / 'c'}\n{info}") and " MiB\n" in said
    assert "," in said.split(info)[1]  # the size with a decimal comma
    said = runner.invoke(app, ["cache", "clear", "--lang", lang]).stdout
    assert said == f"{cleared}{tmp_path / 'c'}\n"
    # The language from the environment, as for scan.
    monkeypatch.setenv("PLANSCAN_LANG", lang)
    assert runner.invoke(app, ["cache", "info"]).stdout.endswith(", 0,0 MiB\n")


def _rewrite(entry: Path, text: str) -> None:
    entry.write_bytes(zlib.compress(text.encode()))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda d: {**d, "text": 12345}, id="text-a-number"),
        pytest.param(
            lambda d: {**d, "info": {**d["info"], "page_labels": [1, {"x": 2}]}}, id="labels"
        ),
        pytest.param(lambda d: {**d, "headers": [[1, [2]], 3]}, id="headers"),
        pytest.param(lambda d: {**d, "words": [1]}, id="words"),
        pytest.param(lambda d: {**d, "counts": [7]}, id="counts-as-a-list"),
        pytest.param(lambda d: {**d, "counts": "not base64"}, id="counts-not-base64"),
        pytest.param(lambda d: {**d, "counts": "AAA="}, id="counts-cut-short"),
        pytest.param(lambda d: {**d, "words": d["words"] + " bolig"}, id="a-word-too-many"),
        pytest.param(lambda d: {**d, "info": {**d["info"], "pages": -1}}, id="negative"),
        pytest.param(lambda d: {**d, "truncated": "no"}, id="truncated"),
        pytest.param(lambda d: [1, 2, 3], id="not-a-mapping"),
        pytest.param(lambda d: "@deep@", id="deep-nesting"),
    ],
)
def test_a_text_entry_of_the_wrong_shape_is_read_again(
    plans: Path, tmp_path: Path, damage: object
) -> None:
    """Entries that inflate and parse but hold the wrong types (issue 20): a warning, and
    the document is read again, never a crash or a wrong count."""
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)
    for entry in _entries(tmp_path / "cache", analyses=True):
        entry.unlink()  # so the text entries are read
    for entry in _entries(tmp_path / "cache", analyses=False):
        changed = damage(json.loads(zlib.decompress(entry.read_bytes())))  # type: ignore[operator]
        text = json.dumps(changed).replace('"@deep@"', "[" * 200_000 + "]" * 200_000)
        _rewrite(entry, text)
    second = planscan.scan([plans], options=options)
    assert second.documents == first.documents
    assert second.warnings and all("cache entry damaged" in w for w in second.warnings)


def test_an_entry_that_inflates_past_the_cap_is_not_inflated(
    plans: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planscan import cache

    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 1 << 20)
    options = ScanOptions(cache_dir=tmp_path / "cache")
    first = planscan.scan([plans], options=options)
    for entry in _entries(tmp_path / "cache", analyses=True):
        entry.write_bytes(zlib.compress(b" " * (8 << 20)))  # 8 MiB of spaces from 8 KB
    second = planscan.scan([plans], options=options)
    assert second.documents == first.documents
    assert any("inflates to more than 1 MiB" in w for w in second.warnings)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_the_text_of_a_protected_document_is_never_cached(tmp_path: Path, engine: str) -> None:
    """Read once with --password, the text must not be served to a scan without it."""
    from tests.fixtures import hostile

    files = hostile.build_hostile(tmp_path / "hostile")
    folder = tmp_path / "plans" / "Vefsn"
    folder.mkdir(parents=True)
    shutil.copyfile(files["encrypted"], folder / "boligplan.pdf")
    options = ScanOptions(cache_dir=tmp_path / "cache", password="hemmelig", engine=engine)
    assert planscan.scan([tmp_path / "plans"], options=options).documents[0].counts["Husbanken"]
    for entry in (tmp_path / "cache").rglob("*.z"):
        assert b"Husbanken" not in zlib.decompress(entry.read_bytes())
    without = ScanOptions(cache_dir=tmp_path / "cache", engine=engine)
    doc = planscan.scan([tmp_path / "plans"], options=without).documents[0]
    assert (doc.status.value, doc.reason) == ("error", "encrypted")


def test_an_unprotected_document_read_with_a_password_is_still_cached(
    plans: Path, tmp_path: Path
) -> None:
    options = ScanOptions(cache_dir=tmp_path / "cache", password="ikke-brukt")
    planscan.scan([plans], options=options)
    assert _entries(tmp_path / "cache", analyses=False)
