"""The evidence behind a colour: planscan hits, planscan explain and scan --details."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planscan.cli import app
from planscan.errors import ExitCode
from planscan.models import Hit, MatchKind
from planscan.report.evidence import highlight, page_text
from tests.conftest import CliRun
from tests.fixtures.generate import HOSTILE_SCRIPT, RUNNING_HEADER, make_docx
from tests.goldens import assert_golden

REPO = Path(__file__).resolve().parents[1]
BOLIG = "examples/Vefsn/boligsosial-handlingsplan-2017-2020.pdf"


def run(*args: str, columns: int = 100) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)  # golden files show paths relative to the checkout


def test_hits_golden(in_repo: None) -> None:
    code, out, _ = run("hits", BOLIG)
    assert code == ExitCode.OK
    assert_golden("hits-vefsn-boligsosial-handlingsplan.txt", out)


def test_explain_golden(in_repo: None) -> None:
    code, out, _ = run("explain", "examples/Vefsn/kommuneplan-samfunnsdel-2015-2027.pdf")
    assert code == ExitCode.OK
    assert_golden("explain-vefsn-samfunnsdel.txt", out)


def test_scan_details_golden(examples_cli: CliRun) -> None:
    assert examples_cli.exit_code == ExitCode.OK
    matrix = (REPO / "tests" / "golden" / "examples-matrix.txt").read_text(encoding="utf-8")
    assert examples_cli.stdout.startswith(matrix)  # the details come under the unchanged matrix
    assert_golden("examples-details.txt", examples_cli.stdout[len(matrix) :])


def test_hits_shows_how_each_hit_matched_and_the_running_header_once(
    evidence_tree: Path,
) -> None:
    plan = evidence_tree / "Alfa" / "boligsosial-handlingsplan.pdf"
    args = ("--term", "VANSKELIGSTILT", "-t", "nærhet", "-t", "boligsosial")
    code, out, _ = run("hits", str(plan), *args, columns=250)
    assert code == ExitCode.OK
    lines = out.splitlines()
    heads = [line for line in lines[1:] if " · " in line and " word" in line]
    assert heads == [  # in the order asked for
        "vanskeligstilt · 4 hits · housing-social word",
        "nærhet · 1 hit · general word",
        "boligsosial · 1 hit, 1 in a running header · housing-social word",
    ]
    assert (
        "s. 3 Tiltak for ⟦vanskeIigstilte⟧ og god naerhet til tjenester. [⟦vanskeIigstilte⟧:"
        " damaged letters: an OCR guess] [housing-social]" in words(out)
    )
    assert "[⟦naerhet⟧: written without æ/ø/å]" in out
    header_hits = [
        line.rstrip()
        for line in lines
        if line.startswith("s. ") and RUNNING_HEADER.split()[1] in line
    ]
    assert header_hits == [
        "s. 1 ⟦Boligsosial⟧ handlingsplan for Alfa kommune 2018-2022  [running header/footer:"
        " listed once, not counted]"
    ]
    assert "Husbanken ·" not in out  # only the terms asked for


def test_hits_prints_document_text_as_text(evidence_tree: Path) -> None:
    code, out, _ = run("hits", str(evidence_tree / "Alfa" / "boligsosial-handlingsplan.pdf"))
    assert code == ExitCode.OK
    assert f"⟦Husbanken⟧ {HOSTILE_SCRIPT} bidrar." in out


def test_hits_with_an_unknown_term_or_file(tmp_path: Path) -> None:
    code, out, err = run("hits", BOLIG, "--term", "bustad")
    assert (code, out) == (ExitCode.USAGE, "")
    assert err.startswith("planscan: --term 'bustad' is not a search word; use one of: bolig,")
    assert (
        run("hits", str(tmp_path / "nope.pdf"))[2]
        == f"planscan: {tmp_path / 'nope.pdf'}: no such file\n"
    )


def test_hits_on_an_unreadable_document(tree: Path) -> None:
    code, out, _ = run("hits", str(tree / "Beta" / "arealdel-nettside.pdf"))
    assert code == ExitCode.DOCUMENT_ERRORS
    assert "web page" in out


def words(text: str) -> str:
    return " ".join(text.split())


def test_explain_says_why_in_plain_words(in_repo: None) -> None:
    _, out, _ = run("explain", BOLIG)
    green = words(out)
    assert "Green: housing-social work is a main theme:" in green
    topics = green.split("Topics named outright: ")[1].split(".")[0].split(", ")
    assert {"vanskeligstilte", "kommunale boliger", "husbankens virkemidler"} <= set(topics)
    assert "The passages that decided it" in green
    _, out, _ = run("explain", "examples/Vefsn/kommuneplan-arealdel-2015-2027.docx")
    red = words(out)
    assert "Red: little housing-social content: no housing-social passage." in red
    assert "To be yellow, one passage would have to name housing-social work outright" in red
    # The report's counts are still there: the arealdel says bolig many times.
    bolig = next(line for line in out.splitlines() if line.startswith("│ bolig "))
    assert int(bolig.split("│")[2]) > 50


def test_explain_counts_header_and_ocr_hits_for_what_they_are(evidence_tree: Path) -> None:
    _, text, _ = run("explain", str(evidence_tree / "Alfa" / "boligsosial-handlingsplan.pdf"))
    out = words(text)
    assert "2 hits in the running header or footer (repeated on every page) are listed once" in out
    assert "1 hit matched despite damaged letters (OCR or PDF damage)" in out


def test_page_labels_are_shown_where_the_pdf_has_them() -> None:
    hit = Hit("bolig", 12, "bolig", MatchKind.EXACT, "en bolig", page_label="iv")
    assert page_text(hit) == "s. 12 (side iv)"
    assert page_text(Hit("bolig", 3, "bolig", MatchKind.EXACT, "x", page_label="3")) == "s. 3"


def test_highlight_marks_whole_words_first() -> None:
    assert highlight("Husbankens lån og Husbanken", "Husbanken") == (
        ("Husbankens lån og ", False),
        ("Husbanken", True),
    )
    assert highlight("utleieboliger", "utleieboliger") == (("utleieboliger", True),)


def test_snippet_marks_cannot_be_taken_for_the_plans_own_quotes(tmp_path: Path) -> None:
    """A plan that quotes with guillemets: the matched word is marked with ⟦⟧, not «»."""
    plan = tmp_path / "Alfa" / "plan-for-bosetting.docx"
    make_docx(plan, [["Alle får «faddere» i «bosettingsfasen» og hjelp til å finne bolig."]])
    code, out, _ = run("hits", str(plan), "--term", "bosetning", columns=200)
    assert code == ExitCode.OK
    assert "Alle får «faddere» i «⟦bosettingsfasen⟧» og hjelp til å finne bolig." in out
