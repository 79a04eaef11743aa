#!/usr/bin/env python3
"""Make the README's screenshots from the shipped examples, with headless Chromium.

Run from the checkout:  python docs/screenshots.py
Needs Debian's chromium package and Pillow (installed with fpdf2 by the test extras).
Writes docs/html-report.png (the HTML report with one cell's evidence open) and
docs/terminal-matrix.png (the matrix as `planscan scan examples/` prints it in colour).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from rich.console import Console, Group

import planscan
from planscan.report.html import render_html
from planscan.report.terminal import render_legend, render_matrix

DOCS = Path(__file__).resolve().parent
EXAMPLES = DOCS.parent / "examples"
sys.path.insert(0, str(DOCS.parent))
from tests.chromium import FLAGS  # noqa: E402  (the same flags the browser tests use)


def screenshot(url: str, out: Path, width: int, height: int) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--screenshot={out}",
                f"--window-size={width},{height}",
                url,
            ],
            check=True,
            capture_output=True,
        )
    # A palette of 256 colours keeps the PNG small with no visible loss on flat colours.
    Image.open(out).convert("RGB").quantize(256).save(out, optimize=True)


def main() -> None:
    os.chdir(EXAMPLES.parent)  # paths in the report as a user would see them: examples/...
    result = planscan.scan(["examples"])
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        page.write_text(render_html(result), encoding="utf-8")
        bolig = next(
            i for i, d in enumerate(result.documents) if "boligsosial-handlingsplan" in d.path
        )
        screenshot(f"{page.as_uri()}#doc-{bolig}", DOCS / "html-report.png", 1600, 1300)

        console = Console(
            record=True,
            width=100,
            force_terminal=True,
            color_system="truecolor",
            file=io.StringIO(),
        )
        console.print(Group(render_matrix(result), render_legend(result)))
        svg = console.export_svg(title="planscan scan examples/")
        width, height = (
            float(n)
            for n in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups()  # type: ignore[union-attr]
        )
        terminal = Path(folder) / "terminal.html"
        terminal.write_text(
            f"<!DOCTYPE html><html><body style='margin:0;background:#fff'>{svg}</body></html>",
            encoding="utf-8",
        )
        screenshot(terminal.as_uri(), DOCS / "terminal-matrix.png", int(width) + 1, int(height) + 1)
    for name in ("html-report.png", "terminal-matrix.png"):
        print(f"docs/{name}: {(DOCS / name).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
