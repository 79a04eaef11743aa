"""Deterministic slices of a scan, so several CI machines can share one (--shard I/N).

A document's slice depends only on its municipality, level and URL or path, so every
machine running the same command agrees on it, and merge() can put the parts together.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from planscan.errors import InputError
from planscan.i18n import N_
from planscan.models import PlanRef, Shard, ShardInfo

_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(text: str) -> Shard:
    """Given 'I/N' with 1 <= I <= N, return the Shard; raise InputError otherwise."""
    match = _SHARD.match(text)
    if match:
        index, count = int(match[1]), int(match[2])
        if 1 <= index <= count:
            return Shard(index, count)
    raise InputError(
        N_("--shard {value}: give I/N with 1 <= I <= N, for example 2/4"), value=repr(text)
    )


def shard_key(ref: PlanRef) -> str:
    """What decides a document's slice: municipality, level, and its URL or path."""
    source = ref.url if ref.url and (ref.path is None or ref.stored) else None
    if source is None:
        source = ref.path.as_posix() if ref.path is not None else ""
    return "\n".join((ref.municipality, ref.level or "", source))


def in_shard(ref: PlanRef, shard: Shard) -> bool:
    digest = hashlib.sha256(shard_key(ref).encode("utf-8")).hexdigest()
    return int(digest[:16], 16) % shard.count == shard.index - 1


def select_shard(refs: Sequence[PlanRef], shard: Shard) -> tuple[list[PlanRef], ShardInfo]:
    """Given the documents of a whole scan in order, return this slice's, and where they go."""
    positions = [i for i, ref in enumerate(refs) if in_shard(ref, shard)]
    info = ShardInfo(shard.index, shard.count, len(refs), tuple(positions))
    return [refs[i] for i in positions], info
