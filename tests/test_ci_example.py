"""The example GitHub Actions workflow uses planscan's real commands and options."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

from planscan.cli import app

WORKFLOW = Path(__file__).resolve().parents[1] / "examples" / "ci" / "planscan.yml"
# Output options that issue 3 (Markdown and HTML reports) adds to scan, and so to merge.
PENDING = {("merge", "--markdown"), ("merge", "--html")}


def load() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def planscan_commands(data: dict[str, Any]) -> list[list[str]]:
    commands = []
    for job in data["jobs"].values():
        for step in job["steps"]:
            script = step.get("run", "").replace("\\\n", " ")
            for line in script.splitlines():
                line = line.split("||")[0].split(">>")[0].strip()
                if line.startswith("planscan "):
                    commands.append(shlex.split(line))
    return commands


def test_shards_then_a_merge_job() -> None:
    jobs = load()["jobs"]
    shards = jobs["scan"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, len(shards) + 1))
    assert jobs["report"]["needs"] == "scan"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert f"--shard ${{{{ matrix.shard }}}}/{len(shards)} " in text
    scans = [c for c in planscan_commands(load()) if c[1] == "scan"]
    assert len(scans) == 1 and {"--fetch", "--store", "--shard", "--json"} <= set(scans[0])


def test_every_command_and_option_exists() -> None:
    runner = CliRunner()
    commands = planscan_commands(load())
    assert {c[1] for c in commands} == {"find", "scan", "merge", "diff"}
    for command in commands:
        help_text = runner.invoke(app, [command[1], "--help"], env={"COLUMNS": "200"}).stdout
        known = set(re.findall(r"(--[a-z][a-z-]+)", help_text))
        for option in (w for w in command[2:] if w.startswith("--")):
            assert option in known or (command[1], option) in PENDING, (command, option)


def test_it_keeps_the_previous_result_and_reports_what_changed() -> None:
    data = load()
    report = data["jobs"]["report"]["steps"]
    uploaded = next(s for s in report if s.get("with", {}).get("name") == "planscan-status")
    assert set(uploaded["with"]["path"].split()) >= {"status.json", "status.csv", "report.html"}
    diff = next(c for c in planscan_commands(data) if c[1] == "diff")
    assert diff[2:] == [
        "previous/status.json",
        "status.json",
        "--markdown",
        "-",
        "--fail-on-change",
    ]
    assert any("GITHUB_STEP_SUMMARY" in s.get("run", "") for s in report)


def test_it_finds_the_plans_before_it_scans_them() -> None:
    jobs = load()["jobs"]
    assert jobs["scan"]["needs"] == "find"
    [command] = [c for c in planscan_commands(load()) if c[1] == "find"]
    assert command[2:] == ["--county", "$COUNTY", "--output", "$MANIFEST", "--quiet"]
    downloads = [s for s in jobs["scan"]["steps"] if "download-artifact" in s.get("uses", "")]
    assert downloads and downloads[0]["with"]["name"] == "manifest"
