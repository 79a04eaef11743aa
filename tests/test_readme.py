"""The README is part of the product: its commands must be the ones CI runs, its matrix the one
planscan prints, and it must stay short (the reference is in docs/, see test_docs.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import planscan
from planscan.errors import ExitCode

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def quickstart(name: str) -> str:
    done = subprocess.run(
        ["bash", "-c", f"source <(sed -n '/^quickstart()/,/^}}/p' .ci/run); quickstart {name}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_ci_runs_the_readme_quickstart_commands() -> None:
    run, test = quickstart("run"), quickstart("test")
    assert run.endswith("planscan scan examples/")
    assert "pip install ." in run
    assert "pip install '.[test]'" in test and test.endswith("pytest")
    assert f"```bash\n{run}\n```" in README and f"```bash\n{test}\n```" in README


def test_readme_stays_short() -> None:
    size = len(README.encode("utf-8"))
    assert size < 15_000, f"README.md is {size} bytes: move the detail to docs/"


def test_exit_codes_table_matches_the_enum() -> None:
    table = re.findall(r"^\| (\d+) \| `(\w+)` \|", README, re.M)
    assert table == [(str(code.value), code.name) for code in ExitCode]


def test_readme_shows_the_matrix_as_it_prints() -> None:
    golden = (REPO / "tests" / "golden" / "examples-matrix.txt").read_text(encoding="utf-8")
    block = "\n".join(line.rstrip() for line in golden.splitlines())
    assert f"$ planscan scan examples/ --quiet\n{block}\n```" in README


def test_readme_images_exist_and_stay_small() -> None:
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert images == ["docs/terminal-matrix.png", "docs/html-report.png"]
    for image in images:
        data = (REPO / image).read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) < 300 * 1024, image


def test_readme_python_line_gives_what_it_says(examples_result: planscan.ScanResult) -> None:
    claim = '`planscan.scan(["examples/"]).cell("Vefsn", "temaplan-bolig").status` is'
    assert f"{claim}\n`Status.GREEN`" in README
    assert examples_result.cell("Vefsn", "temaplan-bolig").status is planscan.Status.GREEN


def test_readme_points_to_the_fast_loop_and_the_reference() -> None:
    assert 'pytest -m "not slow"' in README
    for page in ("docs/README.md", "docs/cli.md", "docs/keywords.md", "docs/guide.md"):
        assert f"]({page})" in README, page
