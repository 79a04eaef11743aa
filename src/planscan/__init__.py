"""planscan: audit Norwegian municipal plans for housing-social content.

>>> import planscan
>>> result = planscan.scan(["examples/"])
>>> result.cell("Vefsn", "temaplan-bolig").status
<Status.GREEN: 'green'>

Also: fetch() downloads the plans a manifest lists by URL, scan(store=...) reads them,
diff() compares two results, and merge() joins the parts of a sharded scan.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

from planscan._version import __version__

if TYPE_CHECKING:
    from planscan.diff import diff
    from planscan.errors import ConfigError, ExitCode, PlanscanError
    from planscan.fetch import fetch
    from planscan.keywords import load_keywords
    from planscan.merge import merge
    from planscan.models import (
        DocumentResult,
        FetchSettings,
        KeywordSet,
        ResultDiff,
        ScanResult,
        Shard,
        Status,
    )
    from planscan.review import apply_review, load_review
    from planscan.scan import ScanOptions, scan, scan_document

# Where each public name lives. They are imported when first used (PEP 562), so that a
# command imports only the stages it runs: `planscan --help` or `planscan cache info` does
# not load scanning, fetching and diffing, and each command starts faster.
_PUBLIC = {
    "ConfigError": "planscan.errors",
    "DocumentResult": "planscan.models",
    "ExitCode": "planscan.errors",
    "FetchSettings": "planscan.models",
    "KeywordSet": "planscan.models",
    "PlanscanError": "planscan.errors",
    "ResultDiff": "planscan.models",
    "ScanOptions": "planscan.scan",
    "ScanResult": "planscan.models",
    "Shard": "planscan.models",
    "Status": "planscan.models",
    "apply_review": "planscan.review",
    "diff": "planscan.diff",
    "fetch": "planscan.fetch",
    "load_keywords": "planscan.keywords",
    "load_review": "planscan.review",
    "merge": "planscan.merge",
    "scan": "planscan.scan",
    "scan_document": "planscan.scan",
}


def __getattr__(name: str) -> object:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'planscan' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


class _Package(types.ModuleType):
    """The planscan module itself. Importing a submodule sets the package's attribute of
    that name (the import system does); planscan.scan, .diff, .fetch and .merge must stay
    the functions, not become their modules, whichever is imported first."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _FUNCTION_MODULES and isinstance(value, types.ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


# The names that are also the names of their modules: scan, diff, fetch, merge.
_FUNCTION_MODULES = frozenset(
    name for name, module in _PUBLIC.items() if module == f"planscan.{name}"
)
sys.modules[__name__].__class__ = _Package


__all__ = [
    "ConfigError",
    "DocumentResult",
    "ExitCode",
    "FetchSettings",
    "KeywordSet",
    "PlanscanError",
    "ResultDiff",
    "ScanOptions",
    "ScanResult",
    "Shard",
    "Status",
    "__version__",
    "apply_review",
    "diff",
    "fetch",
    "load_keywords",
    "load_review",
    "merge",
    "scan",
    "scan_document",
]
