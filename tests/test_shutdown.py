"""Interruptions (issue 20): planscan stopped by a signal, or killed, ends its readers,
leaves no temporary file, and ends the way the shell expects (128 + the signal).

Real processes on real time, so every test here is slow.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.fixtures import hostile
from tests.fixtures.processes import kill_all, marked

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux /proc"),
]

MARKER = "PLANSCAN_SHUTDOWN_TEST"


@pytest.fixture()
def slow_plans(tmp_path: Path) -> Path:
    folder = tmp_path / "plans" / "Alfa"
    folder.mkdir(parents=True)
    for number in range(3):
        hostile.slow_last_page(folder / f"plan-{number}.pdf", 400_000)
    return folder.parent


def start(slow_plans: Path, tmp_path: Path, marker: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        MARKER: marker,
        "PLANSCAN_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path),
    }
    command = [sys.executable, "-m", "planscan", "scan", str(slow_plans), "--no-cache", "-j", "2"]
    command += ["--engine", "pdfplumber", "--json", str(tmp_path / "result.json")]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_readers(marker: str, count: int = 3) -> None:
    """Until planscan and its readers are running (at most 30 s)."""
    until = time.monotonic() + 30
    while len(marked(MARKER, marker)) < count and time.monotonic() < until:
        time.sleep(0.1)
    assert len(marked(MARKER, marker)) >= count, "the readers never started"
    time.sleep(0.5)  # into the documents


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_stop_signal_ends_readers_and_leaves_nothing(
    slow_plans: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    marker = uuid.uuid4().hex
    process = start(slow_plans, tmp_path, marker)
    try:
        wait_for_readers(marker)
        process.send_signal(sig)
        _, err = process.communicate(timeout=30)
        time.sleep(0.5)
        left = marked(MARKER, marker)
    finally:
        kill_all(marked(MARKER, marker))
        process.kill()
    assert process.returncode == -sig  # the shell sees 128 + N
    assert left == []
    assert err.splitlines()[-1] == (
        f"planscan: stopped by {sig.name}; readers ended, no file left half-written"
    )
    assert "Traceback" not in err
    assert not (tmp_path / "result.json").exists()
    assert [p.name for p in tmp_path.rglob("*.tmp")] == []


def test_readers_die_with_a_killed_planscan(slow_plans: Path, tmp_path: Path) -> None:
    """SIGKILL gives planscan no chance to clean up: the kernel ends its readers."""
    marker = uuid.uuid4().hex
    process = start(slow_plans, tmp_path, marker)
    try:
        wait_for_readers(marker)
        process.kill()
        process.communicate(timeout=30)
        until = time.monotonic() + 5
        while marked(MARKER, marker) and time.monotonic() < until:
            time.sleep(0.1)
        left = marked(MARKER, marker)
    finally:
        kill_all(marked(MARKER, marker))
    assert left == []
