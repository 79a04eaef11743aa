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
