from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest

import planscan
from planscan.atomicwrite import write_atomic
from planscan.report.csvfile import render_matrix_csv, safe_cell
from planscan.resultfile import render_json, result_to_dict


@pytest.fixture(scope="module")
def result(tree: Path) -> planscan.ScanResult:
    return planscan.scan([tree])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+47", "'+47"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("＝1+1", "'＝1+1"),
        ("Vågan", "Vågan"),
        ("green", "green"),
    ],
)
def test_csv_cells_cannot_run_as_formulas(value: str, expected: str) -> None:
    assert safe_cell(value) == expected


def test_matrix_csv(result: planscan.ScanResult) -> None:
    text = render_matrix_csv(result)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == ["level", "label", "Alfa", "Beta"]
    assert rows[1] == ["samfunnsdel", "Kommuneplan – samfunnsdel", "red", "missing"]
    assert rows[2] == ["arealdel", "Kommuneplan – arealdel", "missing", "error"]
    assert rows[5] == ["temaplan-bolig", "Temaplan bolig", "green", "missing"]
    assert rows[9] == ["planstrategi", "Planstrategi", "missing", "red"]
    # Beta's notat.pdf has no level: a row of its own, never a vanished document.
    assert rows[10] == ["unclassified", "Unclassified or not a plan", "not-checked", "red"]
    assert len(rows) == 11


def test_municipality_that_looks_like_a_formula_is_neutralised(tmp_path: Path) -> None:
    folder = tmp_path / "=cmd"
    folder.mkdir()
    (folder / "planstrategi.pdf").write_bytes(b"")
    text = render_matrix_csv(planscan.scan([tmp_path]))
    assert next(csv.reader(io.StringIO(text[1:])))[2] == "'=cmd"


def test_json_has_the_documented_shape(result: planscan.ScanResult) -> None:
    data = json.loads(render_json(result))
    assert data["planscan_version"] == planscan.__version__
    assert set(data["keywords"]) == {"path", "sha256"}
    assert [lvl["id"] for lvl in data["levels"]][:2] == ["samfunnsdel", "arealdel"]
    assert data["municipalities"] == ["Alfa", "Beta"]
    doc = next(d for d in data["documents"] if d["path"].endswith("boligsosial-handlingsplan.pdf"))
    assert doc["status"] == "green" and doc["message"] is None
    assert len(doc["sha256"]) == 64 and doc["pages"] == 2 and doc["words"] > 50
    assert list(doc["counts"]) == [t.key for t in result.keywords.terms]
    assert doc["counts"]["Husbanken"] == 2
    hit = doc["hits"][0]
    assert set(hit) == {
        "term",
        "page",
        "match",
        "kind",
        "snippet",
        "page_label",
        "repeated",
        "offset",
        "passage",
    }
    assert doc["engine"] == "pdfium" and doc["truncated"] is False and doc["ocr"] is False
    judgement = doc["judgement"]
    assert judgement["score"] == doc["score"] and judgement["status"] == doc["status"]
    assert judgement["reason"].startswith("housing-social work is a main theme")
    # Every hit in the text points at its passage; the deciding passages are listed.
    passages = doc["passages"]
    assert all(0 <= h["passage"] < len(passages) for h in doc["hits"] if not h["repeated"])
    assert {"text", "class", "why", "heading", "page", "measure"} <= set(passages[0])
    assert all(passages[i]["class"] == "housing-social" for i in judgement["deciding"])
    error = next(d for d in data["documents"] if d["status"] == "error")
    assert error["reason"] == "not-pdf" and "web page" in error["message"]
    cell = next(
        c for c in data["matrix"] if (c["municipality"], c["level"]) == ("Alfa", "temaplan-bolig")
    )
    assert cell["status"] == "green" and cell["documents"][0].endswith(
        "boligsosial-handlingsplan.pdf"
    )
    assert {c["status"] for c in data["matrix"]} == {
        "green",
        "red",
        "missing",
        "error",
        "not-checked",
    }
    assert data["levels"][-1] == {"id": "unclassified", "label": "Unclassified or not a plan"}


def test_json_layout_puts_each_hit_on_a_line_of_its_own(result: planscan.ScanResult) -> None:
    text = render_json(result)
    assert json.loads(text) == result_to_dict(result)
    lines = {line.rstrip(",") for line in text.splitlines()}
    hits = [hit for doc in result_to_dict(result)["documents"] for hit in doc["hits"]]
    assert len(hits) > 10
    for hit in hits:  # documents[i].hits[j]: four levels in, one line each
        assert " " * 8 + json.dumps(hit, ensure_ascii=False) in lines
    assert text.startswith('{\n  "planscan_version": ') and text.endswith("\n}\n")
    assert "Økonomiplan" in text  # UTF-8 text, not \\u escapes


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "status.json"
    target.write_text("old report", encoding="utf-8")

    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old report"
    assert os.listdir(tmp_path) == ["status.json"]  # no temp file left behind
    write_atomic(target, "new report")
    assert target.read_text(encoding="utf-8") == "new report"


def test_stale_temporaries_of_a_killed_run_are_swept(tmp_path: Path) -> None:
    target = tmp_path / "status.json"
    old = tmp_path / ".status.json.abc123.tmp"
    fresh = tmp_path / ".status.json.def456.tmp"
    other = tmp_path / ".other.json.abc.tmp"
    for leftover in (old, fresh, other):
        leftover.write_text("half a report", encoding="utf-8")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    write_atomic(target, "new report")
    assert not old.exists()  # left by a killed run
    assert fresh.exists()  # perhaps another scan writing right now
    assert other.exists()  # not ours
    assert target.read_text(encoding="utf-8") == "new report"
