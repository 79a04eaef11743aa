"""Review files: the planner has the last word, but never over a changed document."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.errors import ConfigError, ExitCode
from planscan.models import ReviewOutcome, Status
from planscan.report.csvfile import render_matrix_csv
from planscan.review import apply_review, load_review
from tests.fixtures.generate import HOSTILE_MUNICIPALITY

runner = CliRunner()
STALE_SHA = "0" * 64


def sha(result: planscan.ScanResult, name: str) -> str:
    doc = next(d for d in result.documents if d.path.endswith(name))
    assert doc.sha256 is not None
    return doc.sha256


@pytest.fixture(scope="module")
def review_file(
    evidence_result: planscan.ScanResult, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    path = tmp_path_factory.mktemp("review") / "review.yaml"
    path.write_text(
        f"""\
reviews:
  - municipality: Alfa
    level: temaplan-bolig
    sha256: {sha(evidence_result, "handlingsplan.pdf")}
    status: yellow
    by: Kari Nordmann
    date: 2024-03-01
    why: Mest om bygging; lite om vanskeligstilte.
  - municipality: Alfa
    level: samfunnsdel
    sha256: {STALE_SHA}
    status: green
    by: Ola Nordmann
    date: 2023-11-20
    why: Kapittel 4 om boligpolitikk.
  - sha256: {sha(evidence_result, "planstrategi.pdf")}
    status: green
    by: Kari Nordmann
    date: 2024-03-02
    why: Boligsosial plan er vedtatt som neste plan.
  - municipality: Alfa
    level: temaplan-helse
    status: red
    by: Kari Nordmann
    date: 2024-03-02
    why: Helseplanen finnes bare på papir, og nevner ikke bolig.
  - municipality: Omega
    level: planstrategi
    status: red
    by: Kari Nordmann
    date: 2024-03-02
    why: Ikke med i denne skanningen.
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def reviewed(evidence_result: planscan.ScanResult, review_file: Path) -> planscan.ScanResult:
    return apply_review(evidence_result, review_file)


def test_overrides_are_applied_flagged_or_unmatched(reviewed: planscan.ScanResult) -> None:
    outcomes = [(r.municipality, r.level, r.outcome) for r in reviewed.reviews]
    assert outcomes == [
        ("Alfa", "temaplan-bolig", ReviewOutcome.APPLIED),
        ("Alfa", "samfunnsdel", ReviewOutcome.STALE),
        (HOSTILE_MUNICIPALITY, "planstrategi", ReviewOutcome.APPLIED),
        ("Alfa", "temaplan-helse", ReviewOutcome.APPLIED),  # an x cell, reviewed without a file
        (None, None, ReviewOutcome.UNMATCHED),
    ]
    bolig = reviewed.cell("Alfa", "temaplan-bolig")
    assert (bolig.status, bolig.shown, bolig.reviewed) == (Status.GREEN, Status.YELLOW, True)
    stale = reviewed.cell("Alfa", "samfunnsdel")
    assert (stale.status, stale.shown, stale.reviewed) == (Status.RED, Status.RED, False)
    assert stale.review is not None and "has changed since the review" in stale.review.message
    assert "Omega is not in this scan" in reviewed.reviews[-1].message


def test_a_review_without_sha256_goes_stale_once_a_document_appears(
    evidence_result: planscan.ScanResult, tmp_path: Path
) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(
        "reviews:\n  - {municipality: Alfa, level: samfunnsdel, status: green, by: K,"
        " date: 2024-01-01, why: lest}\n",
        encoding="utf-8",
    )
    review = apply_review(evidence_result, path).reviews[0]
    assert review.outcome is ReviewOutcome.STALE
    assert review.message.endswith(f"add sha256: {sha(evidence_result, 'samfunnsdel.docx')}")


def test_json_and_csv_keep_both_colours(reviewed: planscan.ScanResult) -> None:
    from planscan.resultfile import render_json

    data = json.loads(render_json(reviewed))
    cell = next(
        c for c in data["matrix"] if (c["municipality"], c["level"]) == ("Alfa", "temaplan-bolig")
    )
    assert (cell["status"], cell["computed"], cell["reviewed"]) == ("yellow", "green", True)
    assert cell["review"]["by"] == "Kari Nordmann" and cell["review"]["date"] == "2024-03-01"
    assert [r["outcome"] for r in data["reviews"]] == [
        "applied",
        "stale",
        "applied",
        "applied",
        "unmatched",
    ]
    rows = list(csv.reader(io.StringIO(render_matrix_csv(reviewed)[1:])))
    assert rows[0][2:] == [
        f"'{HOSTILE_MUNICIPALITY}",
        "Alfa",
        f"'{HOSTILE_MUNICIPALITY} (computed)",
        f"'{HOSTILE_MUNICIPALITY} (review)",
        "Alfa (computed)",
        "Alfa (review)",
    ]
    bolig = next(row for row in rows if row[0] == "temaplan-bolig")
    assert bolig[2:] == ["missing", "yellow", "missing", "", "green", "applied"]
    samfunnsdel = next(row for row in rows if row[0] == "samfunnsdel")
    assert samfunnsdel[3:] == ["red", "missing", "", "red", "stale"]


def test_terminal_marks_reviewed_cells_and_warns_about_stale_ones(
    evidence_tree: Path, evidence_result: planscan.ScanResult, review_file: Path
) -> None:
    # Wide enough for the matrix with levels as rows (a long, hostile municipality name).
    result = runner.invoke(
        app, ["scan", str(evidence_tree), "--review", str(review_file)], env={"COLUMNS": "120"}
    )
    assert result.exit_code == ExitCode.OK
    now = sha(evidence_result, "samfunnsdel.docx")
    lines = result.stdout.splitlines()
    bolig = next(line for line in lines if line.startswith("│ Temaplan bolig"))
    assert "◐ yellow ✎" in bolig
    samfunnsdel = next(line for line in lines if line.startswith("│ Kommuneplan – samfunnsdel"))
    assert "○ red ✎?" in samfunnsdel
    assert any(line.split()[:1] == ["✎?"] and "not applied" in line for line in lines)
    assert "Mest om bygging; lite om vanskeligstilte." in result.stdout
    assert result.stderr.splitlines() == [
        f"planscan: {review_file}:9:5: review not applied: the document has changed since the"
        f" review (reviewed sha256 000000000000…, now sha256"
        f" {now}); read it again and update the review",
        f"planscan: {review_file}:27:5: review not applied: Omega is not in this scan",
    ]


def test_fail_on_reads_the_reviewed_colour(evidence_tree: Path, tmp_path: Path) -> None:
    alfa = tmp_path / "Alfa"
    alfa.mkdir()
    plan = alfa / "boligsosial-handlingsplan.pdf"
    plan.write_bytes((evidence_tree / "Alfa" / "boligsosial-handlingsplan.pdf").read_bytes())
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans:\n  - municipality: Alfa\n    level: temaplan-bolig\n"
        "    path: Alfa/boligsosial-handlingsplan.pdf\n",
        encoding="utf-8",
    )
    keywords = tmp_path / "one-level.yaml"
    text = (Path(__file__).parents[1] / "keywords.yaml").read_text(encoding="utf-8")
    start = text.index("\nlevels:\n")
    end = text.index("\n# ----", start + 9)
    keywords.write_text(
        text[:start]
        + "\nlevels:\n  temaplan-bolig: {label: Temaplan bolig, patterns: [bolig]}\n"
        + text[end:],
        encoding="utf-8",
    )
    args = ["scan", "-m", str(manifest), "-k", str(keywords), "-q", "--fail-on", "yellow"]
    assert runner.invoke(app, args).exit_code == ExitCode.OK  # green
    digest = planscan.scan([plan]).documents[0].sha256
    # review.yaml beside the manifest is read without being named.
    (tmp_path / "review.yaml").write_text(
        f"reviews:\n  - {{municipality: Alfa, level: temaplan-bolig, sha256: {digest},"
        " status: yellow, by: K, date: 2024-01-01, why: lest}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.FAIL_ON
    assert "◐ yellow ✎" in result.stdout


def test_every_problem_in_a_review_file_is_reported_with_its_position(
    keywords: planscan.KeywordSet, tmp_path: Path, evidence_tree: Path
) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(
        """\
reviews:
  - municipality: Alfa
    level: bolig
    status: blue
    by: K
    date: 2024-02-30
    why: x
  - municipality: Alfa
    status: red
    by: no
    date: "1. mars"
    why: x
  - sha256: abc
    status: red
    by: K
    date: 2024-01-01
    why: x
    colour: red
  - {municipality: Alfa, level: planstrategi, status: red, by: K, date: 2024-01-01, why: x}
  - {municipality: Alfa, level: planstrategi, status: red, by: K, date: 2024-01-02, why: y}
  - {status: red, by: K, date: 2024-01-01, why: x}
""",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_review(path, keywords)
    assert [str(p).removeprefix(f"{path}:") for p in caught.value.problems] == [
        "3:12: review 1: level 'bolig' is not in the keywords file; use one of: samfunnsdel,"
        " arealdel, okonomiplan-4arig, okonomiplan-arlig, temaplan-bolig, temaplan-oppvekst,"
        " temaplan-folkehelse, temaplan-helse, planstrategi",
        "4:13: review 1: status 'blue' is not one of green, yellow, red (or grønn, gul, rød;"
        " nynorsk grøn, gul, raud)",
        "6:11: review 1: date: 2024-02-30 is not a real date",
        "8:5: review 2: give level too, or only the document's sha256",
        "10:9: review 2: by: 'no' is read as the boolean false by YAML; put it in quotes: \"no\"",
        "11:11: review 2: date must be a date written as YYYY-MM-DD, not the text '1. mars'",
        "13:13: review 3: sha256 must be the 64 hex digits planscan prints for the document",
        "18:5: unknown key 'colour' in review 3; expected one of: municipality, level, sha256,"
        " status, by, date, why",
        "20:5: review 5 reviews the same cell (Alfa · planstrategi) as line 19",
        "21:5: review 6 needs municipality and level, or the document's sha256",
    ]
    # On the command line: stops before any document is opened, exit 2.
    result = runner.invoke(app, ["scan", str(evidence_tree), "--review", str(path)])
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert result.stderr.startswith(f"planscan: {path}:3:12: review 1: level 'bolig'")
    missing = runner.invoke(
        app, ["scan", str(evidence_tree), "--review", str(tmp_path / "no.yaml")]
    )
    assert missing.exit_code == ExitCode.USAGE
    assert missing.stderr == f"planscan: {tmp_path / 'no.yaml'}:1:1: file not found\n"


def test_no_review_file_changes_nothing(evidence_result: planscan.ScanResult) -> None:
    assert apply_review(evidence_result, ()) == evidence_result
    assert all(cell.shown is cell.status for cell in evidence_result.matrix)


def test_status_words_of_every_language_are_accepted(
    evidence_result: planscan.ScanResult, review_file: Path, tmp_path: Path
) -> None:
    """A planner writes the colour as they say it: grønn/gul/rød, grøn/gul/raud, or English."""
    english = load_review(review_file, evidence_result.keywords)
    text = review_file.read_text(encoding="utf-8")
    for words in (("gul", "grønn", "Grønn", "rød"), ("gul", "grøn", "GRØN", "raud")):
        norwegian = text
        for old, new in zip(("yellow", "green", "green", "red"), words, strict=True):
            norwegian = norwegian.replace(f"status: {old}", f"status: {new}", 1)
        path = tmp_path / "review.yaml"
        path.write_text(norwegian, encoding="utf-8")
        loaded = load_review(path, evidence_result.keywords)
        assert [replace(o, where="") for o in loaded] == [replace(o, where="") for o in english]
