"""URLs as planscan keeps and shows them: without user information. Standard library only.

A manifest may give `https://user:password@host/plan.pdf` for a plan behind a login. The
credentials are used for the request (fetch.py sends them as HTTP Basic auth), but every
URL that is stored (the store's index, the cache, the result files) or printed has them
taken out, so a report handed on never carries a password.
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit, urlunsplit

Credentials = tuple[str, str]


def split_credentials(url: str) -> tuple[str, Credentials | None]:
    """Given a URL, return it without user information, and the (user, password) it held."""
    try:
        parts = urlsplit(url)
    except ValueError:  # an invalid URL: fetch says so; nothing to take out
        return url, None
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    stripped = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return stripped, (unquote(user), unquote(password))


def strip_credentials(url: str) -> str:
    """A URL without its user information (`user:password@`)."""
    return split_credentials(url)[0]


def with_credentials(url: str, credentials: Credentials | None) -> str:
    """A URL with user information put back, for fetch_urls(): the reverse of split."""
    if credentials is None:
        return url
    parts = urlsplit(url)
    user, password = (quote(part, safe="") for part in credentials)
    netloc = f"{user}:{password}@{parts.netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
