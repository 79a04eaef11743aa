"""The pipeline runs one way: each module imports only modules declared before it.

Every import of src/planscan counts, at the top of a module, inside a function or under
TYPE_CHECKING. A package (extract, report) is one stage; its modules may import each other
but not in a cycle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "planscan"

# The declared order, first to last. A module may import the modules above it.
ORDER = (
    "_version",
    "collector",  # the cycle collector paused while many objects are built
    "errors",
    "models",
    "chars",  # characters: folding, invisible and control characters
    "i18n",  # words for people: catalogues, number formats, status words
    "atomicwrite",  # files written whole or not at all
    "documentjson",  # a document's result as JSON data, both ways
    "inputfile",  # files read only when regular, and of a bounded size
    "childprocess",  # child processes that end with planscan
    "urls",  # URLs without user information, as they are stored and shown
    "yamlfile",
    "keywords",
    "match",  # matching terms; also the "did you mean" of registry (the rapidfuzz module)
    "registry",  # Norway's municipalities: names and numbers
    "discover",
    "describe",  # a document apart from its text: where found, level, plan or not
    "shard",
    "store",
    "extract",
    "httpclient",  # the one importer of httpx: fetch and find ask through it
    "robots",  # robots.txt (Protego), for fetch's web plans and for find
    "fetch",
    "find",  # planscan find: crawl municipal websites politely, recognise plans
    "normalize",
    "runninglines",
    "judge",
    "explanation",
    "analysis",
    "cache",
    "worker",
    "matrix",
    "review",
    "scan",
    "resultfile",
    "diff",
    "merge",
    "report",
    "cli",
    "__init__",
    "__main__",
)


def stage(module: str) -> str:
    """The stage of a dotted module path inside planscan ("report.html" -> "report")."""
    return module.split(".")[0] if module else "__init__"


def module_name(path: Path) -> str:
    relative = path.relative_to(SRC).with_suffix("")
    parts = [p for p in relative.parts if p != "__init__"] if len(relative.parts) > 1 else []
    return ".".join(parts) if parts else relative.parts[0]


def planscan_imports(path: Path) -> set[str]:
    """The planscan modules a file imports, anywhere in it, as dotted paths without
    "planscan." ("" for the package itself)."""
    module = module_name(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if module == "__init__":
        package = []
    return imports_in(path.read_text(encoding="utf-8"), package)


def _is_module(name: str) -> bool:
    return (SRC / f"{name}.py").is_file() or (SRC / name).is_dir()


def imports_in(source: str, package: list[str]) -> set[str]:
    """The planscan modules imported in a module's source, which lies in `package`."""
    tree = ast.parse(source)
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this file's package
                base = package[: len(package) - node.level + 1]
                names = [".".join([*base, *(node.module or "").split(".")]).strip(".")]
                names = ["planscan." + n if n else "planscan" for n in names]
            elif node.module:
                names = [node.module]
            if names == ["planscan"]:  # from planscan import x: x may be a module
                names = [
                    f"planscan.{alias.name}" if _is_module(alias.name) else "planscan"
                    for alias in node.names
                ]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name == "planscan" or name.startswith("planscan."):
                found.add(name.removeprefix("planscan").removeprefix("."))
    return found


def graph() -> dict[str, set[str]]:
    return {module_name(path): planscan_imports(path) for path in sorted(SRC.rglob("*.py"))}


def backward_imports(edges: dict[str, set[str]]) -> list[str]:
    """Imports against the declared order, as "a imports b" lines."""
    rank = {name: i for i, name in enumerate(ORDER)}
    wrong = []
    for module, imports in edges.items():
        here = stage(module)
        for imported in imports:
            there = stage(imported)
            if there == here:
                continue
            if there not in rank or here not in rank:
                wrong.append(f"{module} or {imported} is not in ORDER")
            elif rank[there] >= rank[here]:
                wrong.append(f"{module} imports {imported}")
    return sorted(wrong)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles between modules (within a stage too)."""
    adjacency: dict[str, set[str]] = defaultdict(set)
    for module, imports in edges.items():
        adjacency[module] |= {i for i in imports if i in edges and i != module}
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(adjacency[node]):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(adjacency):
        if node not in state:
            visit(node)
    return found


def test_every_module_is_in_the_declared_order() -> None:
    stages = {stage(m) if "." in m else m for m in graph()}
    assert stages <= set(ORDER), f"add to ORDER: {sorted(stages - set(ORDER))}"


def test_imports_run_one_way() -> None:
    assert backward_imports(graph()) == []


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_the_check_catches_a_backward_import() -> None:
    """A backward import in a function body, as worker.py once had, fails the check."""
    edges = graph()
    edges["worker"] = edges["worker"] | {"scan"}
    assert backward_imports(edges) == ["worker imports scan"]
    edges["scan"] = edges["scan"] | {"worker"}
    assert cycles(edges)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from planscan.scan import scan", {"scan"}),
        ("def f():\n    from planscan.report import html", {"report"}),
        ("from planscan import __version__", {""}),
        ("from planscan import match", {"match"}),
        ("import planscan.match", {"match"}),
    ],
)
def test_imports_are_read_wherever_they_stand(source: str, expected: set[str]) -> None:
    assert imports_in(source, []) == expected
