from __future__ import annotations

from pathlib import Path

import planscan
from planscan import KeywordSet, Status
from planscan.models import PlanRef


def test_scan_a_folder_from_python(tree: Path) -> None:
    result = planscan.scan([tree])
    assert result.municipalities == ("Alfa", "Beta")
    by_name = {Path(d.path).name: d for d in result.documents}
    housing = by_name["boligsosial-handlingsplan.pdf"]
    assert housing.status is Status.GREEN
    assert housing.pages == 2
    assert housing.counts["Husbanken"] == 2
    assert {h.page for h in housing.hits} == {1, 2}
    # The level of dokument-2017.pdf comes from the title on its first page.
    strategy = by_name["dokument-2017.pdf"]
    assert (strategy.level, strategy.level_source) == ("planstrategi", "title")
    # A file no pattern recognises is still scanned and listed, with no level.
    note = by_name["notat.pdf"]
    assert note.level is None and note.status is Status.RED
    # A web page saved as .pdf is an error with a plain message, not red.
    page = by_name["arealdel-nettside.pdf"]
    assert page.status is Status.ERROR and page.reason == "not-pdf"
    assert "web page" in (page.message or "")
    assert result.failed == (page,)
    assert result.cell("Alfa", "temaplan-bolig").status is Status.GREEN
    assert result.cell("Beta", "arealdel").status is Status.ERROR
    assert result.cell("Beta", "planstrategi").status is Status.RED
    assert result.cell("Alfa", "planstrategi").status is Status.MISSING
    assert len(result.matrix) == 10 * 2  # nine levels and the unclassified row
    assert result.cell("Beta", "unclassified").status is Status.RED
    assert result.cell("Alfa", "unclassified").status is Status.NOT_CHECKED


def test_scanned_pdf_is_no_text_never_red(docs: dict[str, Path], keywords: KeywordSet) -> None:
    doc = planscan.scan_document(PlanRef("X", docs["scanned_pdf"], "samfunnsdel"), keywords)
    assert doc.status is Status.NO_TEXT
    assert doc.pages == 1 and doc.words == 0
    assert "no text" in (doc.message or "")


def test_missing_file_in_a_manifest_is_an_error_and_the_scan_goes_on(
    docs: dict[str, Path], tmp_path: Path
) -> None:
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans:\n"
        f"  - {{municipality: A, level: samfunnsdel, path: {docs['terms_pdf']}}}\n"
        "  - {municipality: A, level: arealdel, path: finnes-ikke.pdf}\n"
        "  - {municipality: B, level: arealdel}\n",
        encoding="utf-8",
    )
    result = planscan.scan(manifest=manifest)
    # One page listing the search words' forms: some housing-social content, one measure.
    assert [d.status for d in result.documents] == [Status.YELLOW, Status.ERROR]
    assert result.documents[1].message == "file not found; check the path"
    assert result.municipalities == ("A", "B")
    assert result.cell("B", "arealdel").status is Status.MISSING


def test_a_cell_shows_the_best_of_its_documents(tree: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "plans.yaml"
    files = [
        tree / "Beta" / "notat.pdf",
        tree / "Alfa" / "boligsosial-handlingsplan.pdf",
        tree / "Beta" / "arealdel-nettside.pdf",
    ]
    entries = "".join(f"  - {{municipality: A, level: planstrategi, path: {f}}}\n" for f in files)
    manifest.write_text("plans:\n" + entries, encoding="utf-8")
    result = planscan.scan(manifest=manifest)
    cell = result.cell("A", "planstrategi")
    assert cell.status is Status.GREEN
    assert len(cell.documents) == 3


def test_a_pipe_or_a_device_in_a_manifest_is_an_error_row_not_a_hang(
    docs: dict[str, Path], tmp_path: Path
) -> None:
    import os

    os.mkfifo(tmp_path / "fifo.pdf")  # nobody writes: reading it would wait for ever
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")  # reading it would never end
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans:\n"
        f"  - {{municipality: A, level: samfunnsdel, path: {docs['terms_pdf']}}}\n"
        "  - {municipality: A, level: arealdel, path: fifo.pdf}\n"
        "  - {municipality: B, level: arealdel, path: zero.pdf}\n",
        encoding="utf-8",
    )
    result = planscan.scan(manifest=manifest)
    assert [d.status for d in result.documents] == [Status.YELLOW, Status.ERROR, Status.ERROR]
    assert [d.message for d in result.documents[1:]] == [
        "cannot read the file: not a regular file but a pipe (FIFO)",
        "cannot read the file: not a regular file but a device",
    ]


def test_a_pipe_or_a_broken_link_named_like_a_plan_in_a_folder_is_an_error_row(
    docs: dict[str, Path], tmp_path: Path
) -> None:
    import os
    import shutil

    folder = tmp_path / "plans" / "Alfa"
    folder.mkdir(parents=True)
    shutil.copyfile(docs["terms_pdf"], folder / "samfunnsdel.pdf")
    os.mkfifo(folder / "boligplan.pdf")
    (folder / "arealdel.pdf").symlink_to(tmp_path / "finnes-ikke.pdf")
    result = planscan.scan([tmp_path / "plans"])
    messages = {Path(d.path).name: (d.status, d.message) for d in result.documents}
    assert messages["boligplan.pdf"] == (
        Status.ERROR,
        "cannot read the file: not a regular file but a pipe (FIFO)",
    )
    assert messages["arealdel.pdf"] == (Status.ERROR, "a link to a file that does not exist")
    assert messages["samfunnsdel.pdf"][0] is Status.YELLOW


def test_the_largest_files_are_read_first_and_results_keep_their_order(tmp_path: Path) -> None:
    # One reader: documents end in the order they were handed out, the longest first, so
    # that with two readers neither reads a long plan alone at the end.
    from planscan.models import ScanOptions
    from tests.fixtures.generate import make_pdf

    page = ["Kommunen skal skaffe boliger til vanskeligstilte."]
    sizes = {"a-kort.pdf": 1, "b-lang.pdf": 30, "c-middels.pdf": 8}
    for name, pages in sizes.items():
        make_pdf(tmp_path / "Alfa" / name, [page] * pages)
    ended: list[str] = []
    result = planscan.scan(
        [tmp_path],
        options=ScanOptions(jobs=1, cache_dir=None),
        on_document=lambda doc: ended.append(Path(doc.path).name),
    )
    assert ended == ["b-lang.pdf", "c-middels.pdf", "a-kort.pdf"]
    assert [Path(doc.path).name for doc in result.documents] == sorted(sizes)
