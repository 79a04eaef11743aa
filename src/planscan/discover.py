"""Find the documents to scan, from folders or a manifest, and recognise their plan level."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from planscan.chars import fold
from planscan.errors import InputError
from planscan.models import KeywordSet, Level, PlanRef
from planscan.yamlfile import Checker, load_nodes

# The suffixes of files a folder scan picks up; what a file is, is then decided by its
# first bytes (extract/precheck.py).
SUPPORTED_SUFFIXES = (".pdf", ".docx", ".doc")
_MANIFEST_KEYS = ("plans",)
_PLAN_KEYS = ("municipality", "level", "path", "url", "title")
_SEPARATORS = re.compile(r"[\s\-_.–—]+")
TITLE_LINES = 12


def _pattern_text(text: str) -> str:
    return " " + _SEPARATORS.sub(" ", fold(text)).strip() + " "


def classify_level(text: str, levels: Sequence[Level]) -> str | None:
    """Return the id of the level whose pattern occurs first in text (a name or a title)."""
    haystack = _pattern_text(text)
    best: tuple[int, int, str] | None = None
    for level in levels:
        for pattern in level.patterns:
            position = haystack.find(_pattern_text(pattern).strip())
            if position < 0:
                continue
            candidate = (position, -len(pattern), level.id)
            if best is None or candidate < best:
                best = candidate
    return best[2] if best else None


def title_lines(first_page: str) -> str:
    """The start of a first page, where a plan's title stands."""
    lines = [line for line in first_page.splitlines() if line.strip()]
    return " ".join(lines[:TITLE_LINES])


def discover(paths: Iterable[Path], keywords: KeywordSet) -> list[PlanRef]:
    """Given files and folders, return the documents in them with municipality and level.

    A folder holds ROOT/<municipality>/<file>; a file directly in ROOT belongs to ROOT's
    own name. The level comes from the file name here; scan() falls back to the title.
    A subfolder with its own plans.yaml is a separate plan set and is left out.
    """
    refs: list[PlanRef] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(_document_files(path), key=norwegian_sort_key):
                relative = file.relative_to(path)
                municipality = relative.parts[0] if len(relative.parts) > 1 else _folder_name(path)
                refs.append(_ref(file, municipality, keywords))
        elif path.is_file():
            refs.append(_ref(path, _folder_name(path.parent), keywords))
        else:
            raise InputError(f"{path}: no such file or folder")
    return refs


# Norwegian alphabetical order ends with æ, ø, å; code point order would put å first.
_COLLATION = str.maketrans({"æ": "\U0010fff0", "ø": "\U0010fff1", "å": "\U0010fff2"})


def norwegian_sort_key(path: Path) -> tuple[str, ...]:
    return tuple(part.casefold().translate(_COLLATION) for part in path.parts)


def _folder_name(path: Path) -> str:
    return path.resolve().name or str(path)


def _ref(file: Path, municipality: str, keywords: KeywordSet) -> PlanRef:
    level = classify_level(file.stem, keywords.levels)
    return PlanRef(municipality, file, level, "filename" if level else None)


MANIFEST_NAME = "plans.yaml"


def separate_plan_sets(paths: Iterable[Path]) -> list[Path]:
    """The subfolders of these folders that have their own plans.yaml: a separate plan
    set (another year, another region), scanned with --manifest, not as municipalities."""
    found: list[Path] = []
    for root in paths:
        if not root.is_dir():
            continue
        folders = sorted(
            (m.parent for m in root.rglob(MANIFEST_NAME) if m.parent != root),
            key=lambda folder: len(folder.parts),
        )
        for folder in folders:
            relative = folder.relative_to(root).parts
            hidden = any(part.startswith(".") for part in relative)
            if not hidden and not any(folder.is_relative_to(outer) for outer in found):
                found.append(folder)
    return sorted(found, key=norwegian_sort_key)


def _document_files(root: Path) -> Iterable[Path]:
    plan_sets = [p.relative_to(root).parts for p in separate_plan_sets([root])]
    for file in root.rglob("*"):
        relative = file.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if any(relative.parts[: len(parts)] == parts for parts in plan_sets):
            continue
        # Word leaves ~$name.docx lock files beside open documents.
        if file.name.startswith("~$") or not file.is_file():
            continue
        if file.suffix.lower() in SUPPORTED_SUFFIXES:
            yield file


def load_manifest(path: Path, keywords: KeywordSet) -> list[PlanRef]:
    """Read a plans.yaml manifest; paths are relative to it. Raise ConfigError on problems."""
    display = str(path)
    if not path.is_file():
        raise InputError(f"{path}: manifest not found")
    root = load_nodes(path, display)
    check = Checker(display)
    top = check.mapping(root, "the manifest", _MANIFEST_KEYS, required=("plans",))
    refs: list[PlanRef] = []
    level_ids = [level.id for level in keywords.levels]
    if "plans" in top and top["plans"].kind != "seq":
        check.problem(top["plans"], "plans must be a list of plans (lines starting with '- ')")
    for number, node in enumerate(top["plans"].items if "plans" in top else (), start=1):
        where = f"plan {number}"
        fields = check.mapping(node, where, _PLAN_KEYS, required=("municipality", "level"))
        values = {
            key: check.string(fields[key], f"{where}: {key}") for key in _PLAN_KEYS if key in fields
        }
        level = values.get("level")
        if level is not None and level not in level_ids:
            check.problem(
                fields["level"],
                f"{where}: level {level!r} is not in the keywords file; use one of:"
                f" {', '.join(level_ids)}",
            )
            continue
        municipality = values.get("municipality")
        if municipality is None or level is None or any(v is None for v in values.values()):
            continue
        file = values.get("path")
        refs.append(
            PlanRef(
                municipality=municipality,
                path=(path.parent / file) if file else None,
                level=level,
                level_source="manifest",
                title=values.get("title"),
                url=values.get("url"),
            )
        )
    check.raise_if_any()
    return refs
