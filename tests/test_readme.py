"""The README is part of the product: its commands must be the ones CI runs and work."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.errors import ExitCode
from planscan.resultfile import render_json

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


def _commands(args: list[str]) -> list[str]:
    help_text = CliRunner().invoke(app, [*args, "--help"]).stdout
    return re.findall(r"│ (\w+)\s{2,}", help_text.split("Commands")[1])


def test_every_command_and_option_is_documented() -> None:
    commands = [[c] for c in _commands([])]
    assert ["scan"] in commands and ["explain"] in commands and ["cache"] in commands
    assert ["hits"] in commands and ["fetch"] in commands
    assert ["diff"] in commands and ["merge"] in commands
    commands += [["cache", c] for c in _commands(["cache"])]
    assert ["cache", "info"] in commands and ["cache", "clear"] in commands
    for command in commands:
        name = " ".join(command)
        assert f"planscan {name}" in README, f"planscan {name} is not in the README"
        options = CliRunner().invoke(app, [*command, "--help"]).stdout
        for option in set(re.findall(r"(--[a-z][a-z-]+)", options)) - {"--help", "--debug"}:
            assert option in README, f"{name} {option} is not in the README"


def test_exit_codes_table_matches_the_enum() -> None:
    for code in ExitCode:
        assert re.search(rf"^\| {code.value} \| `{code.name}` \|", README, re.M), code


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


DIFF_START, DIFF_END = "<!-- diff-2018-2021:start -->\n", "<!-- diff-2018-2021:end -->"
DIFF_COMMANDS = """```bash
planscan scan -m examples/plans.yaml --json 2018.json -q
planscan scan -m examples/2021/plans.yaml --json 2021.json -q
planscan diff 2018.json 2021.json --markdown -"""


def test_readme_shows_the_2018_to_2021_diff_as_it_prints(
    examples_2018: planscan.ScanResult,
    examples_2021: planscan.ScanResult,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The README's diff is the real output. Regenerate with PLANSCAN_UPDATE_GOLDEN=1."""
    # The examples were scanned from the repository root, as the README's commands are.
    (tmp_path / "2018.json").write_text(render_json(examples_2018), encoding="utf-8")
    (tmp_path / "2021.json").write_text(render_json(examples_2021), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["diff", "2018.json", "2021.json", "--markdown", "-"])
    assert result.exit_code == 0
    section = README.split(DIFF_START)[1].split(DIFF_END)[0]
    commands, shown = section.split("\n```\n\n", 1)
    assert commands == DIFF_COMMANDS
    if os.environ.get("PLANSCAN_UPDATE_GOLDEN") == "1":
        text = README.replace(f"{commands}\n```\n\n{shown}", f"{commands}\n```\n\n{result.stdout}")
        (REPO / "README.md").write_text(text, encoding="utf-8")
        return
    assert shown == result.stdout
