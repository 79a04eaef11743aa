from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import planscan
from planscan import KeywordSet, load_keywords
from tests.fixtures.generate import build_all, build_tree

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


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
def examples_2018() -> planscan.ScanResult:
    """The June 2018 example plans, by their manifest."""
    return scan_in_repo("examples/plans.yaml")


@pytest.fixture(scope="session")
def examples_2021() -> planscan.ScanResult:
    """The end-of-2021 example plans, by their manifest."""
    return scan_in_repo("examples/2021/plans.yaml")
