"""planscan diff: cells that changed colour, documents added, removed and replaced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.errors import ExitCode
from planscan.models import Status
from planscan.report.diffreport import render_diff_json, render_diff_markdown

LEVELS = [
    {"id": "samfunnsdel", "label": "Kommuneplan – samfunnsdel"},
    {"id": "planstrategi", "label": "Planstrategi"},
]


def doc(
    municipality: str, level: str, path: str, sha: str | None, status: str, url: str | None = None
) -> dict[str, Any]:
    return {
        "path": path,
        "url": url,
        "sha256": sha,
        "municipality": municipality,
        "level": level,
        "status": status,
    }


def result(municipalities: list[str], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """The parts of scan --json that diff reads."""
    rank = {s.value: s.rank for s in Status}
    matrix = []
    for level in LEVELS:
        for m in municipalities:
            mine = [d for d in docs if d["municipality"] == m and d["level"] == level["id"]]
            status = max((d["status"] for d in mine), key=rank.__getitem__, default="missing")
            matrix.append(
                {
                    "municipality": m,
                    "level": level["id"],
                    "status": status,
                    "documents": [d["path"] for d in mine],
                }
            )
    return {
        "planscan_version": "1.0.0",
        "keywords": {"path": "k", "sha256": "0"},
        "levels": LEVELS,
        "municipalities": municipalities,
        "documents": docs,
        "matrix": matrix,
    }


OLD = result(
    ["Alfa", "Beta", "Gamma"],
    [
        doc("Alfa", "samfunnsdel", "old/alfa-samf.pdf", "a1", "red"),
        doc("Alfa", "planstrategi", "old/alfa-ps.pdf", "a2", "yellow"),
        doc("Beta", "samfunnsdel", "https://beta.no/samf", "b1", "green", "https://beta.no/samf"),
        doc("Beta", "planstrategi", "beta/one.pdf", "b2", "yellow"),
        doc("Beta", "planstrategi", "beta/two.pdf", "b3", "red"),
        doc("Gamma", "samfunnsdel", "gamma/samf.pdf", "g1", "yellow"),
    ],
)
NEW = result(
    ["Alfa", "Beta", "Delta"],
    [
        # Alfa: a new samfunnsdel (red -> green); the planstrategi moved but is the same file.
        doc("Alfa", "samfunnsdel", "new/alfa-samf-2021.pdf", "a9", "green"),
        doc("Alfa", "planstrategi", "new/../old/alfa-ps.pdf", "a2", "yellow"),
        # Beta: the same URL, new content, gone worse; two plans out, two others in.
        doc("Beta", "samfunnsdel", "https://beta.no/samf", "b9", "red", "https://beta.no/samf"),
        doc("Beta", "planstrategi", "beta/three.pdf", "b4", "yellow"),
        doc("Beta", "planstrategi", "beta/four.pdf", "b5", "red"),
        # Delta is new; its planstrategi is not online (no content: cells only).
        doc("Delta", "samfunnsdel", "delta/samf.pdf", "d1", "yellow"),
        doc("Delta", "planstrategi", "https://delta.no/ps", None, "missing", "https://delta.no/ps"),
    ],
)


def test_cells_that_changed_colour_worse_first() -> None:
    change = planscan.diff(OLD, NEW)
    cells = [(c.municipality, c.level, c.old.value, c.new.value, c.worse) for c in change.cells]
    assert cells == [
        ("Beta", "samfunnsdel", "green", "red", True),
        ("Gamma", "samfunnsdel", "yellow", "missing", True),  # Gamma is not in the new result
        ("Alfa", "samfunnsdel", "red", "green", False),
        ("Delta", "samfunnsdel", "missing", "yellow", False),
    ]
    assert [c.municipality for c in change.worse] == ["Beta", "Gamma"]


def test_documents_are_compared_by_content() -> None:
    change = planscan.diff(OLD, NEW)
    docs = [
        (d.change, d.municipality, d.old.path if d.old else None, d.new.path if d.new else None)
        for d in change.documents
    ]
    assert docs == [
        ("replaced", "Alfa", "old/alfa-samf.pdf", "new/alfa-samf-2021.pdf"),  # one out, one in
        ("replaced", "Beta", "https://beta.no/samf", "https://beta.no/samf"),  # same URL
        ("added", "Delta", None, "delta/samf.pdf"),  # new municipalities first, then old ones
        ("removed", "Gamma", "gamma/samf.pdf", None),
        ("removed", "Beta", "beta/one.pdf", None),  # two out, two others in: no pairing
        ("removed", "Beta", "beta/two.pdf", None),
        ("added", "Beta", None, "beta/three.pdf"),
        ("added", "Beta", None, "beta/four.pdf"),
    ]


def test_no_change() -> None:
    change = planscan.diff(OLD, OLD)
    assert change.cells == () and change.documents == ()
    assert render_diff_markdown(change) == (
        "### planscan diff: no cell changed colour\n\n`old` → `new`\n\n"
        "**Documents:** 0 added, 0 removed, 0 replaced\n"
    )


def test_markdown_for_a_job_summary() -> None:
    old = result(["Al|fa <b>"], [doc("Al|fa <b>", "samfunnsdel", "a|b.pdf", "1", "yellow")])
    new = result(["Al|fa <b>"], [doc("Al|fa <b>", "samfunnsdel", "c.pdf", "2", "red")])
    assert render_diff_markdown(planscan.diff(old, new)) == (
        "### planscan diff: 1 cell changed colour: 0 better, 1 worse\n"
        "\n"
        "`old` → `new`\n"
        "\n"
        "| Plan level | Municipality | Before | After | Change |\n"
        "|---|---|---|---|---|\n"
        "| Kommuneplan – samfunnsdel | Al\\|fa &lt;b> | 🟡 yellow | 🔴 red | ▼ worse |\n"
        "\n"
        "**Documents:** 0 added, 0 removed, 1 replaced\n"
        "\n"
        "| Document | Municipality | Plan level | Before | After |\n"
        "|---|---|---|---|---|\n"
        "| replaced | Al\\|fa &lt;b> | Kommuneplan – samfunnsdel | a\\|b.pdf (🟡 yellow)"
        " | `c.pdf` (🔴 red) |\n"
    )


def test_json() -> None:
    data = json.loads(render_diff_json(planscan.diff(OLD, NEW)))
    assert data["summary"] == {
        "cells_changed": 4,
        "better": 2,
        "worse": 2,
        "added": 3,
        "removed": 3,
        "replaced": 2,
    }
    assert data["cells"][0] == {
        "municipality": "Beta",
        "level": "samfunnsdel",
        "label": "Kommuneplan – samfunnsdel",
        "old": "green",
        "new": "red",
        "change": "worse",
    }
    assert data["documents"][1]["old"] == {
        "path": "https://beta.no/samf",
        "url": "https://beta.no/samf",
        "sha256": "b1",
        "status": "green",
    }


def run(*args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(app, list(args), env={"COLUMNS": "120"})
    return outcome.exit_code, outcome.stdout, outcome.stderr


def test_diff_command(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(OLD), encoding="utf-8")
    new.write_text(json.dumps(NEW), encoding="utf-8")
    code, out, err = run("diff", str(old), str(new))
    assert (code, err) == (ExitCode.OK, "")
    assert out.startswith("planscan diff: 4 cells changed colour: 2 better, 2 worse\n")
    assert "▼ worse" in out and "Documents: 3 added, 3 removed, 2 replaced" in out
    assert run("diff", str(old), str(new), "--fail-on-change")[0] == ExitCode.FAIL_ON
    assert run("diff", str(new), str(new), "--fail-on-change")[0] == ExitCode.OK

    code, out, _ = run("diff", str(old), str(new), "--markdown", "-")
    assert out == render_diff_markdown(planscan.diff(old, new))
    md, js = tmp_path / "d.md", tmp_path / "d.json"
    code, out, _ = run("diff", str(old), str(new), "--markdown", str(md), "--json", str(js))
    assert md.read_text(encoding="utf-8") == render_diff_markdown(planscan.diff(old, new))
    assert json.loads(js.read_text(encoding="utf-8"))["summary"]["worse"] == 2
    assert out.startswith("planscan diff:")  # the table still goes to the terminal

    code, _, err = run("diff", str(old), str(new), "--markdown", "-", "--json", "-")
    assert (code, err) == (
        ExitCode.USAGE,
        "planscan: only one of --markdown and --json can go to standard output (-)\n",
    )
    (tmp_path / "x.json").write_text("[1, 2]", encoding="utf-8")
    code, _, err = run("diff", str(tmp_path / "x.json"), str(new))
    assert (code, err) == (
        ExitCode.USAGE,
        f"planscan: {tmp_path / 'x.json'}: not a planscan result (JSON from scan --json)\n",
    )


def test_results_made_differently_are_said_to_be(tmp_path: Path) -> None:
    """Another planscan or another keywords file can change a colour without a plan changing:
    the diff says so, and --fail-on-change says it with the cells."""
    other = {**NEW, "planscan_version": "2.0.0", "keywords": {"path": "mine.yaml", "sha256": "9"}}
    change = planscan.diff(OLD, other)
    assert change.caveats == (
        "the results were made by different planscan versions (1.0.0 and 2.0.0): a cell may"
        " have changed colour because planscan judges differently",
        "the results were made with different keywords files (k and mine.yaml): a cell may"
        " have changed colour because the search words or rules changed",
    )
    assert planscan.diff(OLD, NEW).caveats == ()
    assert "> **Note:** the results were made by different planscan versions" in (
        render_diff_markdown(change)
    )
    assert json.loads(render_diff_json(change))["caveats"] == list(change.caveats)
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(OLD), encoding="utf-8")
    new.write_text(json.dumps(other), encoding="utf-8")
    code, out, err = run("diff", str(old), str(new), "--fail-on-change")
    assert code == ExitCode.FAIL_ON
    assert "Note: the results were made by different planscan versions" in " ".join(out.split())
    assert err.splitlines() == [
        "planscan: --fail-on-change: 2 cells got worse",
        f"planscan: note: {change.caveats[0]}",
        f"planscan: note: {change.caveats[1]}",
    ]


def _wrong_shapes(good: dict[str, Any]) -> list[tuple[str, Any]]:
    return [
        ("levels-a-number", {**good, "levels": 5}),
        ("matrix-of-nonsense", {**good, "matrix": [{"x": 1}]}),
        ("cell-status-unknown", {**good, "matrix": [{**good["matrix"][0], "status": "blue"}]}),
        ("document-a-number", {**good, "documents": [5]}),
        ("municipality-a-list", {**good, "municipalities": [["Vefsn"]]}),
        ("keywords-a-list", {**good, "keywords": [1]}),
    ]


def test_a_result_file_of_the_wrong_shape_is_one_line_naming_it(tmp_path: Path) -> None:
    """Issue 20: JSON that parses but is not what scan --json writes: exit 2, one line."""
    good = tmp_path / "good.json"
    result = CliRunner().invoke(
        app, ["scan", str(Path(__file__).parents[1] / "examples" / "Vefsn"), "--json", str(good)]
    )
    assert good.exists(), result.stderr
    data = json.loads(good.read_text(encoding="utf-8"))
    for name, shape in _wrong_shapes(data):
        bad = tmp_path / f"{name}.json"
        bad.write_text(json.dumps(shape), encoding="utf-8")
        code, _, err = run("diff", str(good), str(bad))
        assert code == ExitCode.USAGE, (name, err)
        assert len(err.splitlines()) == 1 and err.startswith(f"planscan: {bad}: "), (name, err)


def test_a_pipe_given_as_a_result_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "result.json"
    os.mkfifo(fifo)
    code, _, err = run("diff", str(fifo), str(fifo))
    assert code == ExitCode.USAGE
    assert err == f"planscan: {fifo}: cannot read: not a regular file but a pipe (FIFO)\n"


@pytest.mark.parametrize(
    ("lang", "headline", "words"),
    [
        (
            "nb",
            "planscan diff: 4 celler skiftet farge: 2 bedre, 2 verre\n",
            ["▼ verre", "Dokumenter: 3 lagt til, 3 fjernet, 2 byttet ut", "Før", "grønn"],
        ),
        (
            "nn",
            "planscan diff: 4 celler skifta farge: 2 betre, 2 verre\n",
            ["▲ betre", "Dokument: 3 lagt til, 3 fjerna, 2 bytt ut", "Etter", "grøn"],
        ),
    ],
)
def test_diff_in_norwegian(tmp_path: Path, lang: str, headline: str, words: list[str]) -> None:
    """What changed, as a county office hands it on: in bokmål or nynorsk, on the terminal
    and in Markdown; the JSON keeps its ids."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(OLD), encoding="utf-8")
    new.write_text(json.dumps(NEW), encoding="utf-8")
    code, out, _ = run("diff", str(old), str(new), "--lang", lang)
    assert code == ExitCode.OK and out.startswith(headline)
    for word in words:
        assert word in out
    code, markdown, _ = run("diff", str(old), str(new), "--lang", lang, "--markdown", "-")
    assert markdown.startswith("### " + headline)
    assert words[0] in markdown and "3 lagt til" in markdown and "🟢 " + words[3] in markdown
    code, js, _ = run("diff", str(old), str(new), "--lang", lang, "--json", "-")
    assert json.loads(js) == json.loads(render_diff_json(planscan.diff(old, new)))
