"""Recognise a plan from its link text, title and URL: level, plan or not, status, period.

Levels come from the level patterns of keywords.yaml (as for file names and titles), in
bokmål and nynorsk; what is not the plan itself from its `not_plans` words and the report
words below. Pure: no network, no files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

from planscan.chars import fold
from planscan.discover import classify_level, not_a_plan
from planscan.models import KeywordSet, Recognition

# Words that make a document a basis for a plan rather than the plan, whatever else its
# title says ("Kommuneplanens samfunnsdel - statistikkhefte", "... - bakgrunn for mål").
SUPPORT_WORDS = ("bakgrunn", "statistikk", "grunnlag", "underlag", "utredning", "utgreiing")
# Words of a report: not a plan unless the title also names a plan ("Leve hele livet -
# delrapport og handlingsplan" is a plan; "Folkehelseoversikt 2023" is not).
REPORT_WORDS = ("rapport", "oversikt", "analyse", "studie", "trender", "framskriving",
                "evaluering", "oppsummering", "profil")  # fmt: skip
_NAMES_A_PLAN = re.compile(r"plan(?:en|er|ane|ar)?(?![a-z])|strategi")

# Status words, folded (æ/ø/å as ae/o/a), matched at the start of a word. The first one in
# a text decides; a text without any is taken as adopted (published plans mostly are).
_STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("horingsutkast", "høringsutkast"),
    ("hoyringsutkast", "høringsutkast"),
    ("horingsutgave", "høringsutkast"),
    ("hoyringsutgave", "høringsutkast"),
    ("horingsforslag", "høringsutkast"),
    ("hoyringsforslag", "høringsutkast"),
    ("til horing", "høringsutkast"),
    ("til hoyring", "høringsutkast"),
    ("pa horing", "høringsutkast"),
    ("pa hoyring", "høringsutkast"),
    ("utkast", "utkast"),
    ("forslag", "forslag"),
    ("vedtatt", "vedtatt"),
    ("vedteke", "vedtatt"),
    ("vedtak", "vedtatt"),
    ("endelig", "vedtatt"),
    ("sluttbehandl", "vedtatt"),
    ("egengodkjen", "vedtatt"),
    ("eigengodkjen", "vedtatt"),
)
_STATUS = [(re.compile(r"(?<![a-z])" + word), status) for word, status in _STATUS_WORDS]
DRAFTS = ("høringsutkast", "utkast", "forslag")

_YEAR = r"(?:19|20)\d\d"
_RANGE = re.compile(rf"(?<![0-9A-Za-z.])({_YEAR})\s*(?:-+|–|—|til)\s*({_YEAR}|\d\d)(?![0-9A-Za-z])")
_SPACED = re.compile(rf"(?<![0-9A-Za-z.])({_YEAR}) ({_YEAR})(?![0-9A-Za-z])")  # URL words
_SINGLE = re.compile(rf"(?<![0-9A-Za-z.])({_YEAR})(?![0-9A-Za-z]|\.\d)")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
_URL_WORDS = re.compile(r"[\s\-_.+/]+")


def url_words(url: str) -> tuple[str, str]:
    """The words of a URL's last part (its file name or slug) and of the folders above it."""
    path = unquote(urlsplit(url).path)
    parts = [p for p in path.split("/") if p]
    if not parts:
        return "", ""
    last = re.sub(r"\.(pdf|docx?|aspx?|html?)$", "", parts[-1], flags=re.IGNORECASE)
    return _URL_WORDS.sub(" ", last).strip(), _URL_WORDS.sub(" ", " ".join(parts[:-1])).strip()


def read_period(texts: Sequence[str]) -> str | None:
    """The plan period of the first text that names one: "2018-2030" (from "2018-30",
    "2018–2030", "2023--2033"), or a single year ("2040"); None without one."""
    texts = [_UUID.sub(" ", text) for text in texts]
    for text in texts:
        found = _RANGE.search(text) or _SPACED.search(text)
        if found:
            start, end = found.group(1), found.group(2)
            if len(end) == 2:
                end = start[:2] + end
            if int(end) >= int(start):
                return f"{start}-{end}"
    for text in texts:
        single = _SINGLE.search(text)
        if single:
            return single.group(1)
    return None


def read_status(texts: Sequence[str]) -> tuple[str, bool]:
    """The status the first text with a status word gives, and whether one was said."""
    for text in texts:
        folded = " " + _URL_WORDS.sub(" ", fold(text)) + " "
        found = [
            (m.start(), status) for pattern, status in _STATUS if (m := pattern.search(folded))
        ]
        if found:
            return min(found)[1], True
    return "vedtatt", False


def read_kind(texts: Sequence[str], keywords: KeywordSet) -> str:
    """'plan', or what the document is instead (a not_plans word, or a report word)."""
    said = not_a_plan(texts, keywords)
    if said is not None:
        return said
    folded = " ".join(fold(text) for text in texts)
    for word in SUPPORT_WORDS:
        if word in folded:
            return word
    for word in REPORT_WORDS:
        if word in folded and not _NAMES_A_PLAN.search(folded):
            return word
    return "plan"


def recognise(
    link_text: str, url: str, keywords: KeywordSet, title: str | None = None
) -> Recognition:
    """What a link (its text and URL) and, if known, the document's own title say it is."""
    slug, folders = url_words(url)
    named = [text for text in (title, link_text) if text and text.strip()]
    level, source = None, ""
    for text, where in [*((t, "title") for t in named), (slug, "URL"), (folders, "URL path")]:
        level = classify_level(text, keywords.levels) if text else None
        if level is not None:
            source = where
            break
    kind = read_kind([*named, slug], keywords)
    status, said = read_status([*named, slug])
    period = read_period([*named, unquote(urlsplit(url).path).rsplit("/", 1)[-1]])
    return Recognition(level, kind, status, said, period, _reason(level, source, kind, said))


def _reason(level: str | None, source: str, kind: str, said: bool) -> str:
    if level is None:
        return "names no plan level"
    what = "the plan" if kind == "plan" else f"not the plan itself ({kind})"
    status = "status named" if said else "no draft word: taken as adopted"
    return f"level from the {source}; {what}; {status}"
