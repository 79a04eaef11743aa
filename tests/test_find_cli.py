"""planscan find on the command line (in-process, CliRunner), against fake sites on
127.0.0.1, with the real one-second politeness."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planscan.cli import app
from planscan.errors import ExitCode
from tests.fixtures.sites import Answer, Site, nynorsk_site, serve_all

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_find_writes_a_manifest_that_scan_fetch_reads(tmp_path: Path) -> None:
    good = nynorsk_site()
    blocked = Site({"/robots.txt": Answer(body=b"User-agent: *\nDisallow: /\n")})
    output = tmp_path / "plans.yaml"
    with serve_all([good, blocked]):
        code, out, err = run(
            "find", "aal", "3320",
            "--start-url", f"Ål={good.base}/",
            "--start-url", f"flå={blocked.base}/",
            "--allow-private-hosts",
            "--output", str(output),
        )  # fmt: skip
    assert code == ExitCode.DOCUMENT_ERRORS, err  # a site could not be searched
    assert err == ""
    lines = out.splitlines()
    assert lines[0].rstrip() == f"Found online → {output}"
    aal = next(line for line in lines if line.startswith("│ Ål"))
    assert aal.count("✓ pdf") == 3 and aal.count("x") == 6
    assert next(line for line in lines if line.startswith("│ Flå")).count("⊘") == 9
    assert (
        f"⊘ Flå: not searched: {blocked.base}/: robots.txt of {blocked.host} does not allow"
        f" planscan to read {blocked.base}/"
    ) in out
    footer = next(line for line in lines if line.startswith("│ found"))
    assert [cell.strip() for cell in footer.split("│")[2:-1]] == [
        "1/2", "0/2", "0/2", "0/2", "1/2", "0/2", "0/2", "0/2", "1/2", "2",
    ]  # fmt: skip
    assert lines[-1] == "3 found (✓), 6 not found (x), 9 not searched (⊘) in 2 municipalities"
    # one request at a time per host, at least a second apart
    assert min(good.gaps()) >= 1.0

    code, out, err = run(
        "scan", "--manifest", str(output), "--fetch", "--store", str(tmp_path / "store"), "-q"
    )
    planstrategi = next(line for line in out.splitlines() if line.startswith("│ Planstrategi"))
    assert "⊘ not searched" in planstrategi and "! error" in planstrategi
    arealdel = next(line for line in out.splitlines() if line.startswith("│ Kommuneplan – areal"))
    assert arealdel.count("x") == 1 and "⊘ not searched" in arealdel
    legend = next(line for line in out.splitlines() if "nobody knows" in line)
    assert legend.split()[:6] == ["⊘", "not", "searched", "not", "searched:", "planscan"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Vagn"], "planscan: unknown municipality 'Vagn'; did you mean Vågan"),
        (["--county", "99"], "planscan: unknown county '99'; the counties are: 03 Oslo"),
        ([], "planscan: name municipalities, or give --county or --all"),
        (["Vågan", "--start-url", "Vågan=file:///etc/passwd"],
         "planscan: --start-url Vågan=file:///etc/passwd: not an http(s) URL"),
        (["Vågan", "--start-url", "Vågan"], "planscan: --start-url Vågan: write it as NAME=URL"),
        (["Herøy"], "planscan: 'Herøy' is the name of 2 municipalities"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    output = tmp_path / "plans.yaml"
    code, out, err = run("find", *args, "--output", str(output))
    assert code == ExitCode.USAGE
    assert err.startswith(message) and err.count("\n") == 1
    assert not output.exists()


def test_a_broken_manifest_is_reported_before_any_search(tmp_path: Path) -> None:
    output = tmp_path / "plans.yaml"
    output.write_text("plans:\n  - municipality: Vågan\n    level: nope\n", encoding="utf-8")
    code, _, err = run("find", "Vågan", "--output", str(output))
    assert code == ExitCode.USAGE
    assert err.startswith(f"planscan: {output}:3:12: plan 1: level 'nope' is not in the keywords")


FIND_SAYS = {
    "nb": (
        "Funnet på nett",
        "ikke søkt: {url}/: robots.txt på {host} tillater ikke planscan å lese {url}/",
        "3 funnet (✓), 6 ikke funnet (x), 9 ikke søkt (⊘) i 2 kommuner",
    ),
    "nn": (
        "Funne på nett",
        "ikkje søkt: {url}/: robots.txt på {host} tillèt ikkje planscan å lese {url}/",
        "3 funne (✓), 6 ikkje funne (x), 9 ikkje søkt (⊘) i 2 kommunar",
    ),
}
FIND_ENGLISH = ("Found online", "not searched", "not found", "robots.txt of", "municipalit")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_find_in_norwegian(tmp_path: Path, lang: str) -> None:
    title, refused, summary = FIND_SAYS[lang]
    good = nynorsk_site()
    blocked = Site({"/robots.txt": Answer(body=b"User-agent: *\nDisallow: /\n")})
    output = tmp_path / "plans.yaml"
    with serve_all([good, blocked]):
        code, out, err = run(
            "find", "aal", "3320", "--lang", lang,
            "--start-url", f"Ål={good.base}/",
            "--start-url", f"flå={blocked.base}/",
            "--allow-private-hosts",
            "--output", str(output),
        )  # fmt: skip
    assert (code, err) == (ExitCode.DOCUMENT_ERRORS, "")
    lines = out.splitlines()
    assert lines[0].rstrip() == f"{title} → {output}"
    assert any(line.startswith("┃ Kommune ┃") for line in lines)
    changed = "endret" if lang == "nb" else "endra"
    assert f"{changed}: Ål · Temaplan bolig: ny: Bustadpolitisk plan 2025-2030 (http" in out
    assert f"⊘ Flå: {refused.format(url=blocked.base, host=blocked.host)}" in out
    assert lines[-1] == summary
    assert not [phrase for phrase in FIND_ENGLISH if phrase in out]
    # The manifest find writes stays in English, whatever the language of the terminal; what
    # scan reads in it is said in the reader's language.
    assert "robots.txt of" in output.read_text(encoding="utf-8")
    code, out, err = run(
        "scan", "--manifest", str(output), "--fetch", "--store", str(tmp_path / "store"),
        "--lang", lang,
    )  # fmt: skip
    # The sites are gone: the plans find listed cannot be downloaded, said in the language.
    cannot = "kunne ikke laste ned" if lang == "nb" else "kunne ikkje laste ned"
    assert f"{cannot}: " in out and f"{cannot}: " in err
    assert not [phrase for phrase in ("could not download", "robots.txt of") if phrase in out + err]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "nb"], "planscan: nevn kommuner, eller gi --county eller --all"),
        (["--lang", "nn", "--county", "99"], "planscan: ukjent fylke '99'; fylka er: 03 Oslo"),
        (["--lang", "nb", "Vågan", "--start-url", "Vågan=file:///etc/passwd"],
         "planscan: --start-url Vågan=file:///etc/passwd: ikke en http(s)-URL"),
        (["--lang", "nn", "Vågan", "--start-url", "Vågan"],
         "planscan: --start-url Vågan: skriv det som NAMN=URL"),
        (["--lang", "nb", "Herøy"], "planscan: 'Herøy' er navnet på 2 kommuner"),
    ],
)  # fmt: skip
def test_bad_input_in_norwegian(args: list[str], message: str, tmp_path: Path) -> None:
    code, _, err = run("find", *args, "--output", str(tmp_path / "plans.yaml"))
    assert code == ExitCode.USAGE
    assert err.startswith(message) and err.count("\n") == 1
