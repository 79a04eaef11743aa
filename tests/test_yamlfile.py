"""yamlfile: every YAML input is bounded in size, expansion and depth, with FILE:LINE:COL."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import planscan
from planscan.errors import ConfigError
from planscan.keywords import load_keywords
from planscan.yamlfile import MAX_YAML_BYTES, load_nodes, parse_nodes


def billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def problem(text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_nodes(text, "bad.yaml")
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_nested_aliases_are_stopped_before_they_expand() -> None:
    text = billion_laughs()
    assert len(text.encode()) < 700
    assert problem(text) == (
        "bad.yaml:6:5: this value expands to more than 250,000 values through its aliases"
        " (a YAML bomb?)"
    )


def test_an_alias_inside_its_own_anchor() -> None:
    assert problem("a: &p [*p]\n") == (
        "bad.yaml:1:4: this value contains itself (an alias inside its own anchor)"
    )
    assert "contains itself" in problem("a: &m {x: *m}\n")


def test_nesting_deeper_than_64_levels() -> None:
    assert problem("x: " + "[" * 70 + "]" * 70 + "\n").endswith(
        "values nested more than 64 levels deep"
    )
    parse_nodes("x: " + "[" * 60 + "]" * 60 + "\n", "ok.yaml")


def test_aliases_that_stay_small_are_fine() -> None:
    root = parse_nodes(billion_laughs(4), "ok.yaml")  # 9**4 values
    assert root.kind == "map"


@pytest.mark.parametrize("loader", ["keywords", "manifest", "review"])
def test_every_yaml_input_goes_through_the_bounds(tmp_path: Path, loader: str) -> None:
    file = tmp_path / "bomb.yaml"
    file.write_text(billion_laughs(), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bomb\.yaml:6:5: this value expands"):
        if loader == "keywords":
            load_keywords(file)
        elif loader == "manifest":
            planscan.scan(manifest=file)
        else:
            planscan.scan([tmp_path], review=file)


def test_a_file_over_16_mib_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "plans.yaml"
    with big.open("wb") as out:
        out.truncate(MAX_YAML_BYTES + 1)  # sparse: no disk used
    with pytest.raises(ConfigError, match=r"plans\.yaml:1:1: cannot read: the file is 16 MiB"):
        load_nodes(big, str(big))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_device_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "review.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match=r"review\.yaml:1:1: cannot read: not a regular file"):
        load_nodes(fifo, str(fifo))
    zero = tmp_path / "keywords.yaml"
    zero.symlink_to("/dev/zero")
    with pytest.raises(ConfigError, match="not a regular file but a device"):
        load_keywords(zero)
