"""collector_paused(): the cycle collector off inside the block, as it was after it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from planscan.collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    collecting = gc.isenabled()
    yield
    if collecting:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_turns_it_on_again() -> None:
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_cycles_made_inside_are_freed_by_a_pass_after() -> None:
    gc.enable()

    class Node:
        pass

    with collector_paused():
        node = Node()
        node.itself = node  # type: ignore[attr-defined]
        alive = weakref.ref(node)
        del node
        assert alive() is not None  # reference counting alone cannot free a cycle
    gc.collect()
    assert alive() is None
