"""Sharded scans (scan --shard I/N) and merge: the parts join into the single run's result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.documentjson import document_from_dict
from planscan.errors import ExitCode, InputError
from planscan.keywords import default_keywords_path
from planscan.models import PlanRef, Shard
from planscan.resultfile import render_json
from planscan.shard import in_shard, parse_shard
from tests.conftest import scan_in_repo


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


def test_a_merged_three_shard_scan_equals_one_run(
    examples_2018: planscan.ScanResult, tmp_path: Path
) -> None:
    files = []
    seen: list[int] = []
    for index in (1, 2, 3):
        part = scan_in_repo("examples/plans.yaml", shard=Shard(index, 3))
        assert part.shard is not None and part.shard.total == 29
        assert 0 < len(part.documents) < 29
        seen += part.shard.positions
        files.append(tmp_path / f"part-{index}.json")
        files[-1].write_text(render_json(part), encoding="utf-8")
    assert sorted(seen) == list(range(29))  # every document in exactly one part
    merged = planscan.merge(list(reversed(files)))  # the order of the parts does not matter
    assert render_json(merged) == render_json(examples_2018)  # byte for byte
    assert merged.matrix == examples_2018.matrix


def test_a_result_survives_the_trip_through_json(examples_2018: planscan.ScanResult) -> None:
    data = json.loads(render_json(examples_2018))
    for doc, original in zip(data["documents"], examples_2018.documents, strict=True):
        again = document_from_dict(doc)
        assert (again.path, again.status, again.hits, again.counts) == (
            original.path,
            original.status,
            original.hits,
            original.counts,
        )


def test_shards_are_stable_and_depend_only_on_the_document() -> None:
    ref = PlanRef("Vefsn", Path("examples/Vefsn/dokument-2017.pdf"), "planstrategi")
    homes = [i for i in range(1, 5) if in_shard(ref, Shard(i, 4))]
    assert len(homes) == 1
    assert homes == [i for i in range(1, 5) if in_shard(ref, Shard(i, 4))]
    url_ref = PlanRef("Vefsn", None, "planstrategi", url="https://example.org/p.pdf")
    stored = PlanRef(
        "Vefsn", Path("/cache/ab.pdf"), "planstrategi", url="https://example.org/p.pdf", stored=True
    )
    assert [in_shard(url_ref, Shard(i, 4)) for i in range(1, 5)] == [
        in_shard(stored, Shard(i, 4)) for i in range(1, 5)
    ]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1", "a/b", "1/0", "-1/2"])
def test_bad_shards(text: str) -> None:
    with pytest.raises(InputError, match="give I/N with 1 <= I <= N"):
        parse_shard(text)


@pytest.fixture()
def clean_tree(tree: Path, tmp_path: Path) -> Path:
    root = tmp_path / "clean"
    for name in ("boligsosial-handlingsplan.pdf", "kommuneplanens-samfunnsdel.docx"):
        (root / "Alfa").mkdir(parents=True, exist_ok=True)
        (root / "Alfa" / name).write_bytes((tree / "Alfa" / name).read_bytes())
    (root / "Beta").mkdir()
    (root / "Beta" / "dokument-2017.pdf").write_bytes(
        (tree / "Beta" / "dokument-2017.pdf").read_bytes()
    )
    return root


def test_shard_and_merge_on_the_command_line(clean_tree: Path, tmp_path: Path) -> None:
    whole = tmp_path / "whole.json"
    run("scan", str(clean_tree), "--json", str(whole), "-q")
    parts = []
    for index in (1, 2):
        parts.append(tmp_path / f"part-{index}.json")
        code, _, err = run(
            "scan", str(clean_tree), "--shard", f"{index}/2", "--json", str(parts[-1]), "-q"
        )
        assert code == ExitCode.OK
        shard = json.loads(parts[-1].read_text(encoding="utf-8"))["shard"]
        assert err == (
            f"planscan: shard {index}/2: {len(shard['positions'])} of 3 documents;"
            " join the parts' JSON with planscan merge\n"
        )
    merged, csv = tmp_path / "merged.json", tmp_path / "merged.csv"
    code, out, err = run("merge", *map(str, parts), "--json", str(merged), "--csv", str(csv), "-q")
    assert (code, err) == (ExitCode.OK, "")
    assert out.startswith("Planstatus")
    assert merged.read_bytes() == whole.read_bytes()
    assert csv.read_bytes().decode("utf-8-sig").startswith("level,label,Alfa,Beta\r\n")
    assert run("merge", *map(str, parts), "--fail-on", "missing", "-q")[0] == ExitCode.FAIL_ON


def test_merge_says_what_is_wrong_with_the_parts(clean_tree: Path, tmp_path: Path) -> None:
    parts = []
    for index in (1, 2):
        parts.append(tmp_path / f"part-{index}.json")
        run("scan", str(clean_tree), "--shard", f"{index}/2", "--json", str(parts[-1]), "-q")
    whole = tmp_path / "whole.json"
    run("scan", str(clean_tree), "--json", str(whole), "-q")
    other = tmp_path / "keywords.yaml"
    shipped = default_keywords_path().read_text(encoding="utf-8")
    other.write_text(shipped + "# the same rules, another file\n", encoding="utf-8")
    cases = [
        ([parts[0]], "planscan: shard 2/2 missing: merge needs every part\n"),
        (
            [parts[0], parts[0], parts[1]],
            f"planscan: shard 1/2 is given twice: {parts[0]}, {parts[0]}\n",
        ),
        (
            [parts[0], whole],
            f"planscan: {whole}: not a part of a sharded scan (made without --shard)\n",
        ),
        ([tmp_path / "nope.json"], f"planscan: {tmp_path / 'nope.json'}: no such file\n"),
    ]
    for files, message in cases:
        code, _, err = run("merge", *map(str, files))
        assert (code, err) == (ExitCode.USAGE, message)
    code, _, err = run("merge", *map(str, parts), "--keywords", str(other))
    assert code == ExitCode.USAGE
    assert err == (
        f"planscan: {parts[0]}: scanned with another keywords file (keywords.yaml (built in));"
        " give that file with --keywords\n"
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("shard", {"count": "2", "total": 1, "index": 1, "positions": [0]}),
        ("shard", {"count": 1, "total": 1, "index": 1, "positions": ["0"]}),
        ("documents", {"a": 1}),
        ("municipalities", [1]),
        ("matrix", [7]),
        ("keywords", []),
    ],
)
def test_a_part_of_the_wrong_shape_is_one_line_naming_it(
    tmp_path: Path, field: str, value: object
) -> None:
    """Issue 20: a part that parses but has a field of the wrong type: exit 2, one line."""
    part = tmp_path / "part.json"
    data = {
        "planscan_version": "x",
        "keywords": {"sha256": "0", "path": "k"},
        "levels": [],
        "municipalities": [],
        "matrix": [],
        "documents": [],
        "shard": {"count": 1, "total": 0, "index": 1, "positions": []},
        field: value,
    }
    part.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["merge", str(part)])
    assert result.exit_code == ExitCode.USAGE
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"planscan: {part}: "), result.stderr
