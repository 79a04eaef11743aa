"""The manifest planscan find writes (plans.yaml): its entries, and updating an existing one.

A person's choices win: entries with `pinned: true`, and entries find did not write (no
`found:` date), are kept as they are, as are entries of municipalities not searched this
run. A level whose site could not be searched this time keeps last run's plan. What changed
since the last run is said in plain lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planscan._version import __version__
from planscan.discover import load_manifest
from planscan.i18n import Message
from planscan.models import Candidate, KeywordSet, LevelFinding, SearchOutcome, SiteSearch
from planscan.registry import registry
from planscan.yamlfile import dump, load_nodes, plain

Entry = dict[str, Any]

HEADER = """\
# Plans found online by planscan find {version} ({date}); read by
#   planscan scan --manifest {name} --fetch
# plans: the chosen document of each municipality and plan level, the reason, and the other
# candidates under it (copy one's url and title up to switch). searched: levels without a
# plan (x in the matrix), or not searched because the website could not be (robots.txt,
# refused, down). Set `pinned: true` on an entry to keep it as it is when find runs again;
# entries without a `found:` date are a person's and are kept too. Comments are not kept.
"""


def candidate_entry(candidate: Candidate) -> Entry:
    entry: Entry = {"url": candidate.url, "title": candidate.title}
    if candidate.period:
        entry["period"] = candidate.period
    entry["status"] = candidate.status
    entry["format"] = candidate.format
    if candidate.kind != "plan":
        entry["kind"] = candidate.kind
    entry["found_on"] = candidate.found_on
    if candidate.link_text:
        entry["link_text"] = candidate.link_text
    if candidate.reason:
        entry["reason"] = candidate.reason
    return entry


def plan_entry(finding: LevelFinding, today: str) -> Entry:
    assert finding.best is not None
    best = candidate_entry(finding.best)
    best.pop("kind", None)
    entry: Entry = {"municipality": finding.municipality, "level": finding.level, **best}
    entry["found"] = today
    entry["pinned"] = False
    if finding.others:
        entry["candidates"] = [candidate_entry(c) for c in finding.others]
    return entry


def searched_entry(finding: LevelFinding, today: str) -> Entry:
    entry: Entry = {
        "municipality": finding.municipality,
        "level": finding.level,
        "result": finding.outcome.value,
        "message": finding.message,
        "searched": today,
    }
    if finding.others:
        entry["candidates"] = [candidate_entry(c) for c in finding.others]
    return entry


def read_entries(path: Path, keywords: KeywordSet) -> tuple[list[Entry], list[Entry]]:
    """The plans and searched entries of an existing manifest, checked as scan checks it."""
    load_manifest(path, keywords)  # every problem with FILE:LINE:COL, before anything else
    data = plain(load_nodes(path, str(path)))
    if not isinstance(data, dict):
        return [], []
    plans, searched = data.get("plans") or [], data.get("searched") or []
    return [e for e in plans if isinstance(e, dict)], [e for e in searched if isinstance(e, dict)]


def _key(entry: Entry) -> tuple[str, str]:
    return registry().proper_name(str(entry.get("municipality", ""))), str(entry.get("level"))


def update(
    old_plans: list[Entry],
    old_searched: list[Entry],
    searches: Sequence[SiteSearch],
    keywords: KeywordSet,
    today: str,
) -> tuple[list[Entry], list[Entry], list[str], list[str]]:
    """The new plans and searched lists, what changed, and the entries kept for people."""
    labels = {level.id: level.label for level in keywords.levels}
    names = {search.municipality for search in searches}
    plans: list[Entry] = []
    searched: list[Entry] = []
    kept: list[str] = []
    changes: list[str] = []
    pinned: dict[tuple[str, str], list[Entry]] = {}
    previous: dict[tuple[str, str], Entry] = {}
    for entry in old_plans:
        key = _key(entry)
        if key[0] not in names:
            plans.append(entry)
        elif entry.get("pinned") is True or "found" not in entry:
            pinned.setdefault(key, []).append(entry)
        else:
            previous[key] = entry
    searched.extend(e for e in old_searched if _key(e)[0] not in names)
    for search in searches:
        for finding in search.findings:
            key = (finding.municipality, finding.level)
            place = f"{finding.municipality} · {labels.get(finding.level, finding.level)}"
            if key in pinned:
                plans.extend(pinned.pop(key))
                kept.append(Message("{place}: kept as a person set it", place=place))
                continue
            old = previous.get(key)
            if finding.outcome is SearchOutcome.FOUND:
                entry = plan_entry(finding, today)
                plans.append(entry)
                change = _change(old, entry)
                if change:
                    changes.append(Message("{place}: {change}", place=place, change=change))
            elif finding.outcome is SearchOutcome.NOT_SEARCHED and old is not None:
                plans.append(old)
                changes.append(
                    Message(
                        "{place}: not searched this time ({why}); kept",
                        place=place,
                        why=finding.message,
                    )
                )
            else:
                searched.append(searched_entry(finding, today))
                if old is not None:
                    changes.append(
                        Message(
                            "{place}: gone: {title} ({url})",
                            place=place,
                            title=old.get("title"),
                            url=old.get("url"),
                        )
                    )
    for entries in pinned.values():  # a person's entries for levels not in this keywords file
        plans.extend(entries)
    return plans, searched, changes, kept


def _change(old: Entry | None, new: Entry) -> str | None:
    if old is None:
        return Message("new: {title} ({url})", title=new["title"], url=new["url"])
    if old.get("url") != new["url"]:
        return Message(
            "replaced: {old_title} ({old_url}) -> {title} ({url})",
            old_title=old.get("title"),
            old_url=old.get("url"),
            title=new["title"],
            url=new["url"],
        )
    if old.get("status") != new.get("status"):
        return f"{new['title']}: {old.get('status')} -> {new.get('status')}"
    return None


def render(plans: list[Entry], searched: list[Entry], path: Path, today: str) -> str:
    header = HEADER.format(version=__version__, date=today, name=path.name)
    body: dict[str, Any] = {"plans": plans}
    if searched:
        body["searched"] = searched
    return header + dump(body)
