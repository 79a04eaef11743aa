from __future__ import annotations

from pathlib import Path

import pytest

import planscan
from planscan import KeywordSet, ScanResult, load_keywords
from tests.fixtures.generate import build_all, build_evidence_tree, build_tree

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
EXAMPLES = REPO / "examples"


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
