"""scan writes every report asked for, whole, readable by others, from one scan."""

from __future__ import annotations

import io
import os
import stat
import threading
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from planscan.atomicwrite import write_atomic
from planscan.cli import app
from planscan.errors import ExitCode
from tests.conftest import CliRun

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_scan_writes_all_reports(examples_cli: CliRun) -> None:
    assert examples_cli.exit_code == ExitCode.OK, examples_cli.stderr
    paths = examples_cli.outputs
    folder = paths["--html"].parent
    assert sorted(os.listdir(folder)) == sorted(p.name for p in paths.values())  # no temp files
    assert paths["--html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert paths["--markdown"].read_text(encoding="utf-8").startswith("## Planstatus\n")
    hits = paths["--csv-hits"].read_bytes().decode("utf-8-sig")
    assert hits.startswith("municipality,level,path,status,term,page,")
    assert len(hits.splitlines()) == 709
    assert "examples/Vefsn/boligsosial-handlingsplan-2017-2020.pdf" in hits
    book = load_workbook(io.BytesIO(paths["--xlsx"].read_bytes()))
    assert book.sheetnames == ["Planstatus", "Documents", "Hits"]


def test_a_report_in_a_missing_folder_stops_before_scanning(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "r.html"
    result = CliRunner().invoke(app, ["scan", str(EXAMPLES), "--html", str(target)])
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == f"planscan: {target}: the folder {target.parent} does not exist\n"


def test_reports_are_readable_by_others_as_a_new_file_would_be(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "r.md"
        write_atomic(target, "ny")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o600)  # a file someone made private stays private
        write_atomic(target, "nyere")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    finally:
        os.umask(umask)


def test_an_output_that_is_a_pipe_or_a_device_is_written_into_not_replaced(
    tmp_path: Path,
) -> None:
    """Issue 20: --json to a FIFO (or a link to /dev/null) writes through it; renaming a
    finished file over it would replace the pipe or the device."""
    plans = Path(__file__).resolve().parents[1] / "examples" / "Vefsn"
    fifo = tmp_path / "result.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader from the start
    link = tmp_path / "nothing.csv"
    link.symlink_to(os.devnull)
    chunks: list[bytes] = []

    def read() -> None:  # as `planscan scan --json >(jq ...)` would: while it is written
        with fifo.open("rb") as pipe:  # waits for planscan to open it
            chunks.append(pipe.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    try:
        result = CliRunner().invoke(
            app, ["scan", str(plans), "--json", str(fifo), "--csv", str(link), "-q"]
        )
    finally:
        thread.join(timeout=10)
        os.close(reader)
    received = b"".join(chunks)
    assert result.exit_code == 0, result.stderr
    assert received.lstrip().startswith(b"{")
    assert fifo.is_fifo() and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fifo.name, link.name])
