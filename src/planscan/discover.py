"""Find the documents to scan, from folders or a manifest, and recognise their plan level."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from planscan.chars import fold
from planscan.errors import InputError
from planscan.i18n import N_, Message, plural_message
from planscan.keywords import known_level
from planscan.models import KeywordSet, Level, PlanRef
from planscan.registry import registry
from planscan.urls import split_credentials
from planscan.yamlfile import Checker, Node, load_nodes, within

# The suffixes of files a folder scan picks up; what a file is, is then decided by its
# first bytes (extract/precheck.py).
SUPPORTED_SUFFIXES = (".pdf", ".docx", ".doc", ".html", ".htm")
_MANIFEST_KEYS = ("plans", "searched")
_TEXT_KEYS = ("municipality", "level", "path", "url", "title")
# What planscan find writes beside a plan; scan reads `format` and leaves the rest to people.
_FOUND_KEYS = ("period", "status", "format", "found_on", "link_text", "reason", "note")
_PLAN_KEYS = (*_TEXT_KEYS, *_FOUND_KEYS, "found", "pinned", "candidates")
_CANDIDATE_KEYS = ("url", "title", "period", "status", "format", "kind", "found_on", "link_text",
                   "reason")  # fmt: skip
_SEARCHED_KEYS = ("municipality", "level", "result", "message", "searched", "candidates")
FORMATS = ("pdf", "docx", "doc", "web", "framsikt")
SEARCH_RESULTS = ("not-found", "not-searched")
_SEPARATORS = re.compile(r"[\s\-_.–—]+")
TITLE_LINES = 12


@lru_cache(maxsize=4096)  # the same level patterns, for every document of a scan
def _pattern_text(text: str) -> str:
    return " " + _SEPARATORS.sub(" ", fold(text)).strip() + " "


def classify_level(text: str, levels: Sequence[Level]) -> str | None:
    """Return the id of the level whose pattern occurs first in text (a name or a title); a
    level's fallback patterns only when no level's patterns occur at all."""
    haystack = _pattern_text(text)
    for fallback in (False, True):
        best: tuple[int, int, str] | None = None
        for level in levels:
            for pattern in level.fallback if fallback else level.patterns:
                position = haystack.find(_pattern_text(pattern).strip())
                if position < 0:
                    continue
                candidate = (position, -len(pattern), level.id)
                if best is None or candidate < best:
                    best = candidate
        if best is not None:
            return best[2]
    return None


def not_a_plan(texts: Iterable[str], keywords: KeywordSet) -> str | None:
    """The word (of keywords.yaml's not_plans) that says a document is not the plan of a
    level ("planprogram", "folkehelseprofil"), found in its name or title; else None."""
    for text in texts:
        haystack = _pattern_text(text)
        for word in keywords.not_plans:
            if _pattern_text(word).strip() in haystack:
                return word
    return None


def title_lines(first_page: str) -> str:
    """The start of a first page, where a plan's title stands."""
    lines = [line for line in first_page.splitlines() if line.strip()]
    return " ".join(lines[:TITLE_LINES])


def discover(
    paths: Iterable[Path], keywords: KeywordSet, notes: list[str] | None = None
) -> list[PlanRef]:
    """Given files and folders, return the documents in them with municipality and level.

    A folder holds ROOT/<municipality>/<file>; a file directly in ROOT belongs to ROOT's
    own name, unless its name starts with a kommunenummer ("3301_drammen_plan.pdf" is
    Drammen's, wherever it lies). A folder named by a municipality's name or number in any
    spelling ("vagan", "1865") stands for it under its proper name ("Vågan"). The level
    comes from the file name here; scan() falls back to the title.
    A subfolder with its own plans.yaml is a separate plan set and is left out. A
    municipality folder without documents is still a municipality (its column is x).
    Every path left out is said in `notes`: nothing is skipped without a word.
    """
    notes = notes if notes is not None else []
    refs: list[PlanRef] = []
    for path in paths:
        if path.is_dir():
            files = sorted(_document_files(path, notes), key=norwegian_sort_key)
            found: set[str] = set()
            for file in files:
                relative = file.relative_to(path)
                name = relative.parts[0] if len(relative.parts) > 1 else _folder_name(path)
                found.add(name)
                refs.append(_ref(file, name, keywords))
            for folder in _municipality_folders(path):
                if folder.name in found:
                    continue
                if any(child.is_file() for child in folder.rglob("*")):
                    notes.append(
                        Message(
                            "{folder}: no plan documents (PDF, DOCX or DOC), only other files;"
                            " not taken for a municipality",
                            folder=folder,
                        )
                    )
                else:
                    refs.append(PlanRef(registry().proper_name(folder.name), None))
                    notes.append(
                        Message("{folder}: an empty folder; its column is x", folder=folder)
                    )
        elif path.is_file():
            refs.append(_ref(path, _folder_name(path.parent), keywords))
        elif path.is_symlink():
            raise InputError(
                N_("{path}: a link to a file or folder that does not exist"), path=path
            )
        else:
            raise InputError(N_("{path}: no such file or folder"), path=path)
    return refs


def _municipality_folders(root: Path) -> list[Path]:
    """The folders directly in root that stand for municipalities (not hidden, not a plan
    set with its own plans.yaml)."""
    plan_sets = set(separate_plan_sets([root]))
    return sorted(
        (
            child
            for child in root.iterdir()
            if child.is_dir() and not child.name.startswith(".") and child not in plan_sets
        ),
        key=norwegian_sort_key,
    )


# Norwegian alphabetical order ends with æ, ø, å; code point order would put å first.
_COLLATION = str.maketrans({"æ": "\U0010fff0", "ø": "\U0010fff1", "å": "\U0010fff2"})


def norwegian_sort_key(path: Path) -> tuple[str, ...]:
    return tuple(part.casefold().translate(_COLLATION) for part in path.parts)


def _folder_name(path: Path) -> str:
    return path.resolve().name or str(path)


def _ref(file: Path, folder: str, keywords: KeywordSet) -> PlanRef:
    named = registry().in_file_name(file.stem)
    municipality = named.shown if named is not None else registry().proper_name(folder)
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


def _document_files(root: Path, notes: list[str]) -> list[Path]:
    """The plan documents under root; every other path is said in notes, by kind."""
    plan_sets = [p.relative_to(root).parts for p in separate_plan_sets([root])]
    documents: list[Path] = []
    hidden: list[Path] = []
    other_kinds: list[Path] = []
    for file in root.rglob("*"):
        relative = file.relative_to(root)
        if any(relative.parts[: len(parts)] == parts for parts in plan_sets):
            continue  # said once, in the plan-set note
        if any(part.startswith(".") for part in relative.parts):
            if not any(part.startswith(".") for part in relative.parts[:-1]):
                hidden.append(file)  # a hidden folder is said once, not its contents
            continue
        named_like_a_plan = file.suffix.lower() in SUPPORTED_SUFFIXES
        if file.is_symlink() and not file.exists() and named_like_a_plan:
            documents.append(file)  # its own error row: a plan no one can read is not hidden
        elif file.is_symlink() and not file.exists():
            notes.append(
                Message("{file}: a link to a file that does not exist; skipped", file=file)
            )
        elif file.is_dir():
            continue
        elif not file.is_file() and named_like_a_plan:
            documents.append(file)  # a pipe or a device: an error row, never read
        elif not file.is_file():
            notes.append(
                Message("{file}: not a regular file (a pipe or a device?); skipped", file=file)
            )
        elif file.name.startswith("~$"):
            # Word leaves ~$name.docx lock files beside open documents.
            notes.append(Message("{file}: a Word lock file, not a document; skipped", file=file))
        elif file.suffix.lower() in SUPPORTED_SUFFIXES:
            documents.append(file)
        else:
            other_kinds.append(file)
    if other_kinds:
        notes.append(
            plural_message(
                "{root}: skipped {files} that is not PDF, DOCX or DOC",
                "{root}: skipped {files} that are not PDF, DOCX or DOC",
                len(other_kinds),
                root=root,
                files=_some(other_kinds),
            )
        )
    if hidden:
        notes.append(Message("{root}: skipped hidden {files}", root=root, files=_some(hidden)))
    return documents


def _some(paths: Sequence[Path], shown: int = 3) -> Message:
    """ "2 files: a.txt, b.jpg" or "7 files: a.txt, b.jpg, c.png and 4 more"."""
    names = [p.name for p in sorted(paths, key=norwegian_sort_key)]
    listed = ", ".join(names[:shown])
    if len(names) > shown:
        listed = Message("{names} and {n} more", names=listed, n=len(names) - shown)
    return plural_message("{n} file: {names}", "{n} files: {names}", len(names), names=listed)


def load_manifest(path: Path, keywords: KeywordSet) -> list[PlanRef]:
    """Read a plans.yaml manifest; paths are relative to it. Raise ConfigError on problems."""
    display = str(path)
    if not path.exists() and not path.is_symlink():  # a FIFO or a device: load_nodes says
        raise InputError(N_("{path}: manifest not found"), path=path)
    root = load_nodes(path, display)
    check = Checker(display)
    top = check.mapping(root, Message("the manifest"), _MANIFEST_KEYS, required=("plans",))
    refs: list[PlanRef] = []
    level_ids = [level.id for level in keywords.levels]
    if "plans" in top and top["plans"].kind != "seq":
        check.problem(
            top["plans"], Message("plans must be a list of plans (lines starting with '- ')")
        )
    for number, node in enumerate(top["plans"].items if "plans" in top else (), start=1):
        where = Message("plan {n}", n=number)
        fields = check.mapping(node, where, _PLAN_KEYS, required=("municipality", "level"))
        values = {
            key: check.string(fields[key], within(where, key))
            for key in (*_TEXT_KEYS, *_FOUND_KEYS)
            if key in fields
        }
        _check_found_fields(check, fields, where)
        level = values.get("level")
        if not known_level(check, fields, level, level_ids, where):
            continue
        municipality = values.get("municipality")
        if municipality is None or level is None or any(v is None for v in values.values()):
            continue
        file = values.get("path")
        given_url = values.get("url")
        url, credentials = split_credentials(given_url) if given_url else (None, None)
        refs.append(
            PlanRef(
                municipality=registry().proper_name(municipality),
                path=(path.parent / file) if file else None,
                level=level,
                level_source="manifest",
                title=values.get("title"),
                url=url,
                credentials=credentials,
                format=values.get("format"),
            )
        )
    refs.extend(_searched(check, top, level_ids))
    check.raise_if_any()
    return refs


def _check_found_fields(check: Checker, fields: dict[str, Node], where: str) -> None:
    """The fields planscan find writes: right types, known formats, candidates as maps."""
    if "format" in fields and fields["format"].raw not in FORMATS:
        check.problem(
            fields["format"],
            Message(
                "{where}: format must be one of: {formats}", where=where, formats=", ".join(FORMATS)
            ),
        )
    if "pinned" in fields:
        check.boolean(fields["pinned"], within(where, "pinned"))
    if "found" in fields:
        check.date(fields["found"], within(where, "found"))
    if "candidates" in fields:
        _check_candidates(check, fields["candidates"], where)


def _check_candidates(check: Checker, node: Node, where: str) -> None:
    if node.kind != "seq":
        check.problem(node, Message("{where}: candidates must be a list", where=where))
        return
    for index, item in enumerate(node.items, start=1):
        place = Message("{where}: candidate {n}", where=where, n=index)
        for key, value in check.mapping(item, place, _CANDIDATE_KEYS, required=("url",)).items():
            check.string(value, within(place, key))


def _searched(check: Checker, top: dict[str, Node], level_ids: list[str]) -> list[PlanRef]:
    """The levels planscan find searched without finding a plan: x, or "not searched"."""
    if "searched" not in top:
        return []
    if top["searched"].kind != "seq":
        check.problem(
            top["searched"], Message("searched must be a list (lines starting with '- ')")
        )
        return []
    refs = []
    for number, node in enumerate(top["searched"].items, start=1):
        where = Message("searched {n}", n=number)
        required = ("municipality", "level", "result")
        fields = check.mapping(node, where, _SEARCHED_KEYS, required=required)
        values = {
            key: check.string(fields[key], within(where, key))
            for key in ("municipality", "level", "result", "message")
            if key in fields
        }
        if "searched" in fields:
            check.date(fields["searched"], within(where, "searched"))
        if "candidates" in fields:
            _check_candidates(check, fields["candidates"], where)
        level, result = values.get("level"), values.get("result")
        if not known_level(check, fields, level, level_ids, where):
            continue
        if result is not None and result not in SEARCH_RESULTS:
            check.problem(
                fields["result"],
                Message(
                    "{where}: result must be one of: {results}",
                    where=where,
                    results=", ".join(SEARCH_RESULTS),
                ),
            )
            continue
        municipality = values.get("municipality")
        if municipality is None or level is None or result is None:
            continue
        why = values.get("message") or Message("the website could not be searched")
        refs.append(
            PlanRef(
                municipality=registry().proper_name(municipality),
                path=None,
                level=level,
                level_source="manifest",
                not_searched=why if result == "not-searched" else None,
            )
        )
    return refs
