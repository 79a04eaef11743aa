"""Python's cycle collector, paused while planscan builds many objects that make no cycles.

The collector walks new container objects every 700 made. Building a county's reports, or
reading back its cached analyses with every hit, makes hundreds of thousands (a dict, a hit,
a passage each), none in a reference cycle: the collector finds nothing to free, and walked
them again and again as they grew (a fifth of reading the analyses back, benchmarks/county.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block, unless it was off already; any cycles made
    meanwhile are freed by its next pass after."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
