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
