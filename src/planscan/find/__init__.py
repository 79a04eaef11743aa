"""planscan find: search municipalities' websites for their plans and write a manifest.

    >>> report = find(["Vågan"], output="plans.yaml")   # doctest: +SKIP

Each municipality is searched by its own thread (every host still gets one request at a
time, see pacing); the manifest is written whole when all are done, or not at all.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from planscan.atomicwrite import write_atomic
from planscan.errors import InputError
from planscan.find.crawl import EventCallback, Shared, SiteCrawler
from planscan.find.manifestfile import read_entries, render, update
from planscan.i18n import N_, Message
from planscan.keywords import load_keywords
from planscan.models import FindReport, FindSettings, KeywordSet, Municipality, SiteSearch
from planscan.registry import registry

__all__ = ["find", "resolve_municipalities"]

MAX_JOBS = 64


def resolve_municipalities(
    names: Sequence[str] = (), county: str | None = None, everyone: bool = False
) -> list[Municipality]:
    """The municipalities named (by name or number), of a county, or all of them, each once,
    in the order given; InputError for an unknown name or county."""
    chosen: list[Municipality] = [registry().get(name) for name in names]
    if county is not None:
        chosen.extend(registry().county(county))
    if everyone:
        chosen.extend(registry().municipalities)
    if not chosen:
        raise InputError(N_("name municipalities, or give --county or --all"))
    return list(dict.fromkeys(chosen))


def _start_urls(
    municipalities: Sequence[Municipality], overrides: Mapping[str, str]
) -> dict[str, str]:
    starts = {m.shown: f"https://{m.website}/" for m in municipalities}
    for name, url in overrides.items():
        municipality = registry().get(name)
        if municipality.shown not in starts:
            raise InputError(
                N_("--start-url {name}={url}: {municipality} is not searched"),
                name=name,
                url=url,
                municipality=municipality.shown,
            )
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise InputError(N_("--start-url {name}={url}: not an http(s) URL"), name=name, url=url)
        starts[municipality.shown] = url
    return starts


def find(
    municipalities: Sequence[str | Municipality],
    *,
    output: Path | str | None = None,
    keywords: KeywordSet | Path | str | None = None,
    settings: FindSettings | None = None,
    start_urls: Mapping[str, str] | None = None,
    today: str | None = None,
    on_event: EventCallback | None = None,
) -> FindReport:
    """Search each municipality's website for a plan of every level; with `output`, write
    (or update) that manifest for `planscan scan --manifest FILE --fetch`."""
    keyword_set = keywords if isinstance(keywords, KeywordSet) else load_keywords(keywords)
    settings = settings or FindSettings()
    chosen = [m if isinstance(m, Municipality) else registry().get(m) for m in municipalities]
    chosen = list(dict.fromkeys(chosen))
    starts = _start_urls(chosen, start_urls or {})
    path = Path(output) if output is not None else None
    old_plans, old_searched = (
        read_entries(path, keyword_set) if path is not None and path.exists() else ([], [])
    )
    if path is not None and not path.parent.is_dir():
        raise InputError(
            N_("{path}: the folder {folder} does not exist"), path=path, folder=path.parent
        )
    shared = Shared(settings)

    def search(municipality: Municipality) -> SiteSearch:
        crawler = SiteCrawler(
            municipality.shown,
            municipality.number,
            municipality.malform,
            starts[municipality.shown],
            keyword_set,
            shared,
            on_event,
        )
        try:
            return crawler.run()
        except Exception as exc:  # noqa: BLE001 - one site's surprise must not stop the others
            return crawler.failed(
                Message(
                    "planscan could not search it: {error}: {why}",
                    error=type(exc).__name__,
                    why=str(exc),
                )
            )

    jobs = settings.jobs or min(MAX_JOBS, len(chosen))
    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="find") as pool:
        searches = tuple(pool.map(search, chosen))
    day = today or datetime.date.today().isoformat()
    plans, searched, changes, kept = update(old_plans, old_searched, searches, keyword_set, day)
    if path is not None:
        try:
            write_atomic(path, render(plans, searched, path, day))
        except OSError as exc:
            raise InputError(
                N_("{path}: cannot write the manifest: {why}"), path=path, why=exc.strerror
            ) from None
    return FindReport(str(path or ""), searches, tuple(changes), tuple(kept))
