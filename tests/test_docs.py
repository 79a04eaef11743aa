"""The docs cannot drift: the generated pages are current, every command and option is in the
reference, every link leads somewhere, the Python examples use the real API, and the diff the
guide shows is what planscan prints."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

import planscan
from planscan.cli import app
from planscan.resultfile import render_json

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
PAGES = [
    REPO / "README.md",
    REPO / "CHANGELOG.md",
    REPO / "examples" / "README.md",
    *sorted(DOCS.glob("*.md")),
]


def _load_generator() -> ModuleType:
    """docs/generate.py, imported as a module (docs/ is not a package)."""
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


generate = _load_generator()


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# --- the generated pages ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(generate.GENERATED))
def test_generated_page_is_current(name: str) -> None:
    fresh = generate.GENERATED[name]()
    assert read(DOCS / name) == fresh, f"docs/{name} is stale: run python docs/generate.py"


def test_the_reference_follows_an_options_help_text() -> None:
    root = generate.root_command()
    timeout = next(p for p in root.commands["scan"].params if p.name == "timeout")
    timeout.help = "Seconds, and then some."
    changed = generate.render_cli(root)
    assert "| `--timeout` | number ≥ 1 | `60` | Seconds, and then some. |" in changed
    assert changed != read(DOCS / "cli.md")  # so test_generated_page_is_current would fail


def test_the_keywords_page_follows_the_verdict_numbers() -> None:
    keywords = planscan.load_keywords()
    verdict = replace(keywords.judgement.verdict, green_score=7.5, green_topics=4, weak_weight=0.25)
    changed = generate.render_keywords(
        replace(keywords, judgement=replace(keywords.judgement, verdict=verdict))
    )
    assert "at least 7.5 points\n   per 1,000 words" in changed
    assert "four different\n   topics named outright" in changed
    assert "one that only touches it 0.25" in changed
    assert changed != read(DOCS / "keywords.md")


def test_the_keywords_page_states_the_numbers_of_keywords_yaml() -> None:
    """Numbers the docs state about the colour rule come from keywords.yaml (the old README
    once said general words add "at most 4 points" where the file said 2.5)."""
    page, v = read(DOCS / "keywords.md"), planscan.load_keywords().judgement.verdict
    flat = " ".join(page.split())
    assert f"at least {v.green_score:g} points per 1,000 words" in flat
    assert f"in at least {v.green_spread * 100:g} % of the text" in flat
    assert f"counts {v.strong_weight:g}, one that only touches it {v.weak_weight:g}" in flat
    assert f"counts {v.measure_factor:g} times as much as background text" in flat
    assert f"worth {v.yellow_points:g} point" in flat
    indicators = planscan.load_keywords().judgement.indicators
    assert f"{len(indicators)} words and phrases" in flat
    assert all(f"| {i.topic} |" in page for i in indicators)


def test_generate_check_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate, "DOCS", tmp_path)
    assert generate.main(["--check"]) == 1
    assert "stale: cli.md, keywords.md; run python docs/generate.py" in capsys.readouterr().err
    assert generate.main([]) == 0
    assert read(tmp_path / "cli.md") == read(DOCS / "cli.md")
    assert generate.main(["--check"]) == 0


# --- every command and option is in the reference ----------------------------------------


def walk(command: Any, name: str) -> Iterator[tuple[str, Any]]:
    """Every command of the click tree, by its full name ("planscan cache info")."""
    yield name, command
    for sub_name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, f"{name} {sub_name}")


COMMANDS = dict(walk(typer.main.get_command(app), "planscan"))


def section(name: str) -> str:
    """A command's section of docs/cli.md, from its heading to the next."""
    page = read(DOCS / "cli.md")
    assert f"\n## {name}\n" in page, f"{name} has no section in docs/cli.md"
    return page.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]


def test_the_reference_has_every_command() -> None:
    expected = {"scan", "hits", "explain", "fetch", "diff", "merge", "cache info", "cache clear"}
    assert {f"planscan {name}" for name in expected} <= set(COMMANDS)
    headings = re.findall(r"^## (.+)$", read(DOCS / "cli.md"), re.M)
    assert headings == list(COMMANDS)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_reference_has_every_option_of(name: str) -> None:
    command, text = COMMANDS[name], section(name)
    assert f"```\n{name} [OPTIONS]" in text
    for param in command.params:
        if param.param_type_name == "argument":
            assert f"| `{param.name.upper()}` |" in text, f"{name} {param.name}"
        elif param.hidden:
            assert not any(opt in text for opt in param.opts), f"{name} shows hidden {param.opts}"
        else:
            for opt in (*param.opts, *param.secondary_opts):
                assert f"`{opt}`" in text, f"{name} {opt} is not in docs/cli.md"


# --- links --------------------------------------------------------------------------------

FENCE = re.compile(r"^```.*?^```", re.M | re.S)
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def prose(page: str) -> str:
    """A page without its code: fenced blocks and inline code spans."""
    return re.sub(r"`[^`]*`", "", FENCE.sub("", page))


def anchors(page: str) -> set[str]:
    """The anchors GitHub makes for a page's headings (duplicates get -1, -2, ...)."""
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6} (.+)$", FENCE.sub("", page), re.M):
        text = "".join(c for c in heading.strip().lower() if c.isalnum() or c in " -_")
        slug, n = text.replace(" ", "-"), 0
        while (candidate := f"{slug}-{n}" if n else slug) in found:
            n += 1
        found.add(candidate)
    return found


def links(path: Path) -> list[str]:
    return [target for target in LINK.findall(prose(read(path))) if ":" not in target]


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_link_leads_somewhere(path: Path) -> None:
    for target in links(path):
        file, _, anchor = target.partition("#")
        linked = (path.parent / file).resolve() if file else path
        assert linked.exists(), f"{path.name}: {target}: no such file"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(read(linked)), f"{path.name}: {target}: no such heading"


def test_the_link_check_catches_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n[ok](#title), [gone](#nowhere)\n", encoding="utf-8")
    assert links(page) == ["#title", "#nowhere"]
    assert anchors(read(page)) == {"title"}
    assert anchors("## Scanned plans (`--ocr`)\n## A\n## A\n") == {
        "scanned-plans---ocr",
        "a",
        "a-1",
    }


def test_every_docs_page_is_linked_from_the_index_or_the_readme() -> None:
    linked = {target.partition("#")[0] for target in links(DOCS / "README.md")}
    linked |= {
        target.partition("#")[0].removeprefix("docs/") for target in links(REPO / "README.md")
    }
    for page in DOCS.glob("*.md"):
        if page.name != "README.md":
            assert page.name in linked, f"docs/{page.name} is linked from nowhere"


# --- the Python examples use the real API --------------------------------------------------


def _function(name: str) -> Any:
    assert hasattr(planscan, name), f"planscan.{name} does not exist"
    return getattr(planscan, name)


def check_call(call: ast.Call) -> None:
    """A call of planscan.NAME(...): the name exists and takes these arguments."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return
    if func.value.id != "planscan":
        return
    function = _function(func.attr)
    if call.args or call.keywords:  # planscan.fetch() in prose names the function
        keywords = {kw.arg: None for kw in call.keywords if kw.arg is not None}
        inspect.signature(function).bind(*call.args, **keywords)  # TypeError: what does not fit


def check_signature(code: str) -> None:
    """planscan.NAME(a=..., *, b=...) as the page spells it: the real parameters, in order."""
    name, params = code.split("(", 1)
    spelled = ast.parse(f"def f({params.removesuffix(')')}): pass").body[0]
    assert isinstance(spelled, ast.FunctionDef)
    args = spelled.args
    names = [(a.arg, False) for a in args.args] + [(a.arg, True) for a in args.kwonlyargs]
    parameters = inspect.signature(_function(name.removeprefix("planscan."))).parameters
    real = [(p.name, p.kind is p.KEYWORD_ONLY) for p in parameters.values()]
    assert names == real, f"docs/api.md spells {code}"


def api_code() -> list[str]:
    """The Python blocks of docs/api.md, and its inline code that starts with planscan."""
    page = read(DOCS / "api.md")
    blocks = re.findall(r"^```python\n(.*?)^```", page, re.M | re.S)
    spans = re.findall(r"`(planscan\.[^`]+)`", FENCE.sub("", page))
    return blocks + [" ".join(span.split()) for span in spans]


def test_the_python_examples_use_the_real_api() -> None:
    signatures = calls = 0
    for code in api_code():
        if ", *," in code:
            check_signature(code)
            signatures += 1
            continue
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Call):
                check_call(node)
                calls += 1
            elif isinstance(node, ast.ImportFrom) and node.module:
                module = importlib.import_module(node.module)
                for alias in node.names:
                    assert hasattr(module, alias.name), f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "planscan":
                    _function(node.attr)
    assert signatures >= 2 and calls > 10


def test_the_api_check_catches_what_does_not_exist() -> None:
    def call(code: str) -> ast.Call:
        node = ast.parse(code).body[0]
        assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
        return node.value

    check_call(call('planscan.scan(["a"], review="r.yaml", fetch=None)'))
    with pytest.raises(TypeError, match="reviews"):
        check_call(call('planscan.scan(reviews="r.yaml")'))
    with pytest.raises(AssertionError, match="planscan.scan_all does not exist"):
        check_call(call("planscan.scan_all()"))
    with pytest.raises(AssertionError, match="spells"):
        check_signature("planscan.diff(old, *, new)")


# --- the 2018 -> 2021 diff in the guide is real output -------------------------------------

GUIDE = DOCS / "guide.md"
DIFF_START, DIFF_END = "<!-- diff-2018-2021:start -->\n", "<!-- diff-2018-2021:end -->"
DIFF_COMMANDS = """```bash
planscan scan -m examples/plans.yaml --json 2018.json -q
planscan scan -m examples/2021/plans.yaml --json 2021.json -q
planscan diff 2018.json 2021.json --markdown -"""


def test_guide_shows_the_2018_to_2021_diff_as_it_prints(
    examples_2018: planscan.ScanResult,
    examples_2021: planscan.ScanResult,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The guide's diff is the real output. Regenerate with PLANSCAN_UPDATE_GOLDEN=1."""
    # The examples were scanned from the repository root, as the guide's commands are.
    (tmp_path / "2018.json").write_text(render_json(examples_2018), encoding="utf-8")
    (tmp_path / "2021.json").write_text(render_json(examples_2021), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["diff", "2018.json", "2021.json", "--markdown", "-"])
    assert result.exit_code == 0
    guide = read(GUIDE)
    section = guide.split(DIFF_START)[1].split(DIFF_END)[0]
    commands, shown = section.split("\n```\n\n", 1)
    assert commands == DIFF_COMMANDS
    if os.environ.get("PLANSCAN_UPDATE_GOLDEN") == "1":
        text = guide.replace(f"{commands}\n```\n\n{shown}", f"{commands}\n```\n\n{result.stdout}")
        GUIDE.write_text(text, encoding="utf-8")
        return
    assert shown == result.stdout
