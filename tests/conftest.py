from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import planscan
from planscan import KeywordSet, ScanResult, load_keywords
from planscan.cli import app
from tests.fixtures.generate import build_all, build_evidence_tree, build_tree

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """CLI runs in tests use a cache of their own, never the user's."""
    import os

    os.environ["PLANSCAN_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # Output in English whatever the locale of the machine running the tests; tests of the
    # language choice set PLANSCAN_LANG to "" (not set) themselves.
    os.environ["PLANSCAN_LANG"] = "en"


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """Run a block in another folder (contextlib.chdir needs Python 3.11)."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def scan_in_repo(manifest: str, **options: object) -> planscan.ScanResult:
    """Scan a manifest as the README does, from the repository root, so paths read
    examples/..., the same wherever the tests run."""
    with working_directory(REPO):
        return planscan.scan(manifest=manifest, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def keywords() -> KeywordSet:
    return load_keywords()


@pytest.fixture(scope="session")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_all(tmp_path_factory.mktemp("docs"))


@pytest.fixture(scope="session")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tree(tmp_path_factory.mktemp("tree"))


@pytest.fixture(scope="session")
def evidence_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_evidence_tree(tmp_path_factory.mktemp("evidence"))


@pytest.fixture(scope="session")
def evidence_result(evidence_tree: Path) -> ScanResult:
    return planscan.scan([evidence_tree])


@pytest.fixture(scope="session")
def examples_result() -> ScanResult:
    """The shipped examples, scanned once for every test that only reads the result."""
    return planscan.scan([EXAMPLES])


@dataclass(frozen=True)
class CliRun:
    exit_code: int
    stdout: str
    stderr: str
    outputs: dict[str, Path]


REPORT_OPTIONS = {
    "--html": "report.html",
    "--xlsx": "report.xlsx",
    "--markdown": "report.md",
    "--csv-hits": "hits.csv",
    "--csv": "matrix.csv",
    "--json": "result.json",
}


@pytest.fixture(scope="session")
def examples_cli(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    """`planscan scan examples/ --quiet --details` with every report, run once from the checkout
    (paths in the output are relative to it, as a user who ran it there sees them)."""
    folder = tmp_path_factory.mktemp("reports")
    outputs = {option: folder / name for option, name in REPORT_OPTIONS.items()}
    args = [arg for option, path in outputs.items() for arg in (option, str(path))]
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        result = CliRunner().invoke(
            app, ["scan", "examples/", "--quiet", "--details", *args], env={"COLUMNS": "100"}
        )
    finally:
        os.chdir(cwd)
    return CliRun(result.exit_code, result.stdout, result.stderr, outputs)


@pytest.fixture(scope="session")
def examples_2018() -> planscan.ScanResult:
    """The June 2018 example plans, by their manifest."""
    return scan_in_repo("examples/plans.yaml")


@pytest.fixture(scope="session")
def examples_2021() -> planscan.ScanResult:
    """The end-of-2021 example plans, by their manifest."""
    return scan_in_repo("examples/2021/plans.yaml")


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Traffic goes straight to 127.0.0.1, never through a proxy from the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("all_proxy", raising=False)
    monkeypatch.setenv("NO_PROXY", "*")
