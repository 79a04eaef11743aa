from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.errors import ExitCode

runner = CliRunner()


def run(*args: str, columns: int | None = None) -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns)} if columns else None
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_scan_prints_matrix_legend_and_documents(tree: Path) -> None:
    code, out, err = run("scan", str(tree))
    assert code == ExitCode.DOCUMENT_ERRORS
    assert "\x1b[" not in out  # not a terminal: no colour codes, the words carry it
    lines = out.splitlines()
    assert lines[0].strip() == "Planstatus"
    bolig_row = next(line for line in lines if line.startswith("│ Temaplan bolig"))
    assert "● green" in bolig_row and bolig_row.count("x") == 1
    legend_red = next(line for line in lines if "housing-social content" in line and "red" in line)
    assert legend_red.split() == ["○", "red", "little", "or", "no", "housing-social", "content"]
    assert "Documents" in out and "Beta · Planstrategi" in out and "Beta · unclassified" in out
    assert err == (
        f"planscan: {tree / 'Beta' / 'arealdel-nettside.pdf'}: the file is a web page, not a PDF"
        " or DOCX; the server returned a page instead of the document\n"
        # Nothing is skipped without a word.
        f"planscan: note: {tree / 'Beta' / '~$dokument.docx'}: a Word lock file, not a"
        " document; skipped\n"
        f"planscan: note: {tree}: skipped 1 file: liste.txt that is not PDF, DOCX or DOC\n"
    )


def test_scan_writes_csv_and_json(tree: Path, tmp_path: Path) -> None:
    code, _, _ = run(
        "scan", str(tree), "--csv", str(tmp_path / "s.csv"), "--json", str(tmp_path / "s.json")
    )
    assert code == ExitCode.DOCUMENT_ERRORS  # outputs are still written
    assert (
        (tmp_path / "s.csv")
        .read_bytes()
        .decode("utf-8-sig")
        .startswith("level,label,Alfa,Beta\r\n")
    )
    data = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert data["municipalities"] == ["Alfa", "Beta"]


@pytest.fixture()
def clean_tree(tree: Path, tmp_path: Path) -> Path:
    """The tree without its broken file: Alfa has a green housing plan and a red samfunnsdel."""
    root = tmp_path / "clean" / "Alfa"
    root.mkdir(parents=True)
    for name in ("boligsosial-handlingsplan.pdf", "kommuneplanens-samfunnsdel.docx"):
        (root / name).write_bytes((tree / "Alfa" / name).read_bytes())
    return root.parent


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        (None, ExitCode.OK),
        ("missing", ExitCode.FAIL_ON),
        ("red", ExitCode.FAIL_ON),
        ("yellow", ExitCode.FAIL_ON),
    ],
)
def test_fail_on(clean_tree: Path, fail_on: str | None, code: ExitCode) -> None:
    args = ["scan", str(clean_tree), "-q"] + (["--fail-on", fail_on] if fail_on else [])
    assert run(*args)[0] == code


def test_fail_on_red_passes_when_only_green_and_yellow(clean_tree: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        "plans:\n  - municipality: Alfa\n    level: temaplan-bolig\n"
        f"    path: {clean_tree / 'Alfa' / 'boligsosial-handlingsplan.pdf'}\n",
        encoding="utf-8",
    )
    keywords = tmp_path / "one-level.yaml"
    text = (Path(__file__).parents[1] / "keywords.yaml").read_text(encoding="utf-8")
    levels_start, matching_start = (
        text.index("\nlevels:\n"),
        text.index("\n# ----", text.index("\nlevels:\n") + 9),
    )
    text = (
        text[:levels_start]
        + "\nlevels:\n  temaplan-bolig: {label: Temaplan bolig, patterns: [bolig]}\n"
        + text[matching_start:]
    )
    keywords.write_text(text, encoding="utf-8")
    assert (
        run("scan", "-m", str(manifest), "-k", str(keywords), "--fail-on", "red")[0] == ExitCode.OK
    )
    assert (
        run("scan", "-m", str(manifest), "-k", str(keywords), "--fail-on", "yellow")[0]
        == ExitCode.OK
    )


def test_broken_keywords_file_stops_before_scanning(tree: Path, tmp_path: Path) -> None:
    keywords = tmp_path / "keywords.yaml"
    keywords.write_text("terms: [\n", encoding="utf-8")
    code, out, err = run("scan", str(tree), "-k", str(keywords), "--json", str(tmp_path / "s.json"))
    assert code == ExitCode.USAGE
    assert out == ""
    assert err.startswith(f"planscan: {keywords}:2:1: YAML syntax error")
    assert "Traceback" not in err
    assert not (tmp_path / "s.json").exists()


def test_nothing_to_scan_and_missing_paths(tmp_path: Path) -> None:
    assert run("scan") == (
        ExitCode.USAGE,
        "",
        "planscan: nothing to scan: give files, folders or --manifest\n",
    )
    code, _, err = run("scan", str(tmp_path / "nope"))
    assert (
        code == ExitCode.USAGE and err == f"planscan: {tmp_path / 'nope'}: no such file or folder\n"
    )
    code, _, err = run("scan", str(tmp_path), "--csv", str(tmp_path / "no" / "dir" / "s.csv"))
    assert code == ExitCode.USAGE and "does not exist" in err


def test_explain_shows_the_rule_the_deciding_passages_and_the_counts(tree: Path) -> None:
    code, out, _ = run("explain", str(tree / "Alfa" / "boligsosial-handlingsplan.pdf"))
    assert code == ExitCode.OK
    flat = " ".join(out.split())
    assert "Green: housing-social work is a main theme: 8 housing-social passages" in flat
    assert "Green when housing-social work is a main theme" in flat
    # The passage that decided it, with its page and what it is.
    assert "The passages that decided it" in out
    assert "Kommunen skal kjøpe ti nye kommunale utleieboliger for vanskeligstilte." in flat
    assert "[housing-social · goal or measure]" in flat
    husbanken = next(line for line in out.splitlines() if line.startswith("│ Husbanken"))
    assert husbanken.split("│")[2].strip() == "2"


def test_explain_an_unreadable_file(tree: Path) -> None:
    code, out, _ = run("explain", str(tree / "Beta" / "arealdel-nettside.pdf"))
    assert code == ExitCode.DOCUMENT_ERRORS
    assert "web page" in out


def test_no_arguments_shows_help() -> None:
    code, out, _ = run()
    assert code in (0, 2) and "scan" in out and "explain" in out


@pytest.mark.slow  # starts the planscan command in a new process
def test_python_dash_m_and_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "planscan", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout == f"planscan {planscan.__version__}\n"


# What the planscan process itself loads, printed at exit (readers are child processes).
_LOADED = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["planscan", *sys.argv[1:]]
from planscan.cli import main
main()
"""

# Start-up time (issue 4): none of these may load for --help or in the scanning process.
# pydantic came with typer 0.29, which pyproject.toml keeps out for that reason.
_HEAVY = {"pydantic", "pypdfium2", "pdfplumber", "docx", "openpyxl", "httpx", "rich.progress"}


@pytest.mark.slow  # starts the planscan command in a new process
@pytest.mark.parametrize("args", [["--help"], ["scan", "--no-cache", "-q"]])
def test_start_up_loads_no_heavy_library(args: list[str], clean_tree: Path) -> None:
    if args[0] == "scan":
        args = [*args, str(clean_tree)]
    done = subprocess.run(
        [sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    loaded = set(json.loads(done.stderr.splitlines()[-1]))
    assert "planscan.cli" in loaded
    assert not _HEAVY & loaded
    if args == ["--help"]:  # `import planscan` loads its stages only when they are used
        assert not _STAGES & loaded


_STAGES = {"planscan.scan", "planscan.diff", "planscan.fetch", "planscan.merge", "planscan.review"}


def test_the_package_names_stay_the_functions_when_their_modules_are_imported() -> None:
    import importlib

    for name in ("scan", "diff", "fetch", "merge"):
        module = importlib.import_module(f"planscan.{name}")
        assert getattr(planscan, name) is getattr(module, name) and callable(module.__dict__[name])
    assert planscan.Status.GREEN.value == "green" and "scan" in dir(planscan)
    assert set(planscan.__all__) == {*planscan._PUBLIC, "__version__"}  # each name found
    with pytest.raises(AttributeError):
        planscan.no_such_name  # noqa: B018


@pytest.mark.slow  # starts the planscan command in a new process
def test_main_leaves_its_objects_out_of_the_exit_collection(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Start-up (issue 4): Python's last cycle collection at exit would walk every object of
    # the loaded modules again; main() freezes them as it ends, whatever the command did.
    from planscan.cli import main

    gc.unfreeze()
    monkeypatch.setattr(sys, "argv", ["planscan", "--version"])
    try:
        with pytest.raises(SystemExit):
            main()
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()
    assert capsys.readouterr().out == f"planscan {planscan.__version__}\n"


def test_colour_on_a_terminal_and_words_without_it(clean_tree: Path) -> None:
    coloured = runner.invoke(
        app, ["scan", str(clean_tree), "-q"], env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}
    )
    assert "\x1b[" in coloured.stdout and "green" in coloured.stdout
    plain = runner.invoke(
        app, ["scan", str(clean_tree), "-q"], env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert not any(f"\x1b[{n}" in plain.stdout for n in ("30", "31", "32", "33", "41", "42", "43"))
    assert "● green" in plain.stdout and "○ red" in plain.stdout


def _stderr_on_a_terminal(command: list[str], env: dict[str, str]) -> str:
    """Run a command with its stderr on a pseudo-terminal; return what it wrote there."""
    import os
    import pty
    import threading

    main_end, terminal_end = pty.openpty()
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(main_end, 65536)
            except OSError:  # the terminal closed
                return
            if not chunk:
                return
            chunks.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=terminal_end, env=env, timeout=120
        )
    finally:
        os.close(terminal_end)
        reader.join(timeout=10)
        os.close(main_end)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.slow  # starts the planscan command in a new process
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_progress_bar_on_a_terminal_and_none_in_a_log(tree: Path, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "many" / "Alfa"
    folder.mkdir(parents=True)
    for number in range(6):  # enough documents for the bar to be drawn while they are read
        for source in (tree / "Alfa").glob("*.pdf"):
            (folder / f"{number}-{source.name}").write_bytes(source.read_bytes())
    command = [sys.executable, "-m", "planscan", "scan", str(folder.parent), "--no-cache"]
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TERM", "NO_COLOR")}
    env["TERM"] = "xterm-256color"
    shown = _stderr_on_a_terminal(command, env)
    assert "documents" in shown and "pages/s" in shown
    logged = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert "pages/s" not in logged.stderr and "documents" not in logged.stderr
    dumb = _stderr_on_a_terminal(command, {**env, "TERM": "dumb"})
    assert "pages/s" not in dumb


def test_fail_on_names_the_cells_that_failed(clean_tree: Path) -> None:
    code, _, err = run("scan", str(clean_tree), "-q", "--fail-on", "red")
    assert code == ExitCode.FAIL_ON
    lines = err.splitlines()
    assert lines[0] == "planscan: --fail-on red: 8 cells are at or below red:"
    assert "planscan:   Alfa · Kommuneplan – samfunnsdel: red" in lines
    assert "planscan:   Alfa · Planstrategi: x (missing)" in lines
    assert not any("Temaplan bolig" in line for line in lines)  # green passes


def test_a_level_the_manifest_does_not_list_is_not_checked(
    clean_tree: Path, tmp_path: Path
) -> None:
    """--fail-on missing fails on a level the manifest lists without a plan (x), never on
    levels nobody looked for; the matrix shows the difference."""
    plan = clean_tree / "Alfa" / "boligsosial-handlingsplan.pdf"
    manifest = tmp_path / "plans.yaml"
    manifest.write_text(
        f"plans:\n  - {{municipality: Alfa, level: temaplan-bolig, path: '{plan}'}}\n", "utf-8"
    )
    code, out, err = run("scan", "-m", str(manifest), "-q", "--fail-on", "missing")
    assert code == ExitCode.OK and err == ""
    planstrategi = next(line for line in out.splitlines() if "Planstrategi" in line)
    assert "·" in planstrategi and "x" not in planstrategi.replace("Planstrategi", "")
    assert "not checked: the manifest lists no plan for this level" in out
    manifest.write_text(
        manifest.read_text("utf-8") + "  - {municipality: Alfa, level: planstrategi}\n", "utf-8"
    )
    code, out, err = run("scan", "-m", str(manifest), "-q", "--fail-on", "missing")
    assert code == ExitCode.FAIL_ON
    assert err.splitlines()[1:] == ["planscan:   Alfa · Planstrategi: x (missing)"]


@pytest.mark.parametrize(
    "name", [":100:", ":smile:", "[red]x", "[bold]Vågan :thumbs_up:", "[link=x]y"]
)
def test_names_and_values_are_printed_as_they_are(
    clean_tree: Path, tmp_path: Path, name: str
) -> None:
    """A name that looks like rich markup or an emoji code reaches the terminal unchanged."""
    folder = tmp_path / "scan" / name
    folder.mkdir(parents=True)
    source = clean_tree / "Alfa" / "boligsosial-handlingsplan.pdf"
    (folder / "boligsosial-handlingsplan.pdf").write_bytes(source.read_bytes())
    code, out, _ = run("scan", str(tmp_path / "scan"), columns=200)
    assert code == ExitCode.OK
    assert name in out and f"{name} · Temaplan bolig" in out
    assert "💯" not in out and "😄" not in out and "👍" not in out


def test_a_yaml_error_on_line_100_is_not_an_emoji(tmp_path: Path, clean_tree: Path) -> None:
    keywords = tmp_path / "kwbad.yaml"
    keywords.write_text("version: 2\n" + "# x\n" * 98 + "terms: bolig: [\n", encoding="utf-8")
    code, out, err = run("scan", str(clean_tree), "-k", str(keywords))
    assert code == ExitCode.USAGE and out == ""
    assert err.startswith(f"planscan: {keywords}:100:") and "💯" not in err
