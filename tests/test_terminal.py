"""Terminal rendering: names from folders and files are shown as written, never as markup."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from planscan.cli import app
from tests.fixtures.generate import make_docx


def test_square_brackets_in_names_are_not_rich_markup(tmp_path: Path) -> None:
    # Regression: "[red]Rød" lost its brackets and turned red in the matrix header.
    make_docx(tmp_path / "[red]Rød" / "samfunnsdel [bold]2024.docx", [["Nye boliger."]])
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "-q", "--details"])
    assert result.exit_code == 0
    assert "┃ [red]Rød ┃" in result.stdout
    assert "Hits per search word · [red]Rød" in " ".join(result.stdout.split())
    assert "1 samfunnsdel [bold]2024.docx" in result.stdout


def test_paths_are_printed_whole_at_80_columns(tree: Path, tmp_path: Path) -> None:
    """A path is pasted back into `planscan hits`: never wrapped or cut, however long."""
    folder = tmp_path / "Krødsherad" / "kommunale-planer-og-strategier-vedtatt-i-kommunestyret"
    folder.mkdir(parents=True)
    plan = folder / "temaplan-helhetlig-boligutvikling-2024-2033-vedtatt.pdf"
    plan.write_bytes((tree / "Alfa" / "boligsosial-handlingsplan.pdf").read_bytes())
    result = CliRunner().invoke(app, ["scan", str(tmp_path)], env={"COLUMNS": "80"})
    assert len(str(plan)) > 80
    assert any(line.strip() == str(plan) for line in result.stdout.splitlines())


ESCAPES = "\x1b]0;owned\x07\x1b[2J"  # retitle the terminal, clear the screen


def test_escape_sequences_in_names_are_shown_not_run(tmp_path: Path) -> None:
    make_docx(tmp_path / f"Rød{ESCAPES}" / f"samfunnsdel{ESCAPES}.docx", [["Nye boliger."]])
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--details"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Rød\\x1b]0;owned\\x07\\x1b[2J" in result.stdout
    assert "samfunnsdel\\x1b]0;owned\\x07\\x1b[2J.docx" in result.stdout


def test_a_line_break_in_a_name_cannot_forge_a_line_on_stderr(tmp_path: Path) -> None:
    folder = tmp_path / "Alfa"
    folder.mkdir()
    (folder / "plan\nplanscan: all documents read.pdf").write_bytes(b"%PDF-1.7 broken")
    result = CliRunner().invoke(app, ["scan", str(tmp_path)])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert not any(line.startswith("planscan: all documents read") for line in lines)
    assert any("plan\\nplanscan: all documents read.pdf: the PDF is cut off" in x for x in lines)
    assert "plan\\nplanscan: all documents read.pdf" in result.stdout


def test_a_name_in_an_error_message_stays_on_its_line(tmp_path: Path) -> None:
    missing = tmp_path / "a\nplanscan: done\x1b[31m"
    result = CliRunner().invoke(app, ["scan", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"planscan: {tmp_path}/a\\nplanscan: done\\x1b[31m: no such file or folder"
    ]


def test_markdown_shows_escape_sequences_written_out(tmp_path: Path) -> None:
    make_docx(tmp_path / f"Rød{ESCAPES}" / "samfunnsdel.docx", [["Nye boliger."]])
    out = tmp_path / "matrix.md"
    result = CliRunner().invoke(app, ["scan", str(tmp_path), "--markdown", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "| Rød\\x1b\\]0;owned\\x07\\x1b\\[2J |" in text


def test_json_keeps_the_real_name(tmp_path: Path) -> None:
    import json

    make_docx(tmp_path / f"Rød{ESCAPES}" / "samfunnsdel.docx", [["Nye boliger."]])
    out = tmp_path / "result.json"
    CliRunner().invoke(app, ["scan", str(tmp_path), "--json", str(out)])
    assert f"Rød{ESCAPES}" in json.loads(out.read_text(encoding="utf-8"))["municipalities"]
