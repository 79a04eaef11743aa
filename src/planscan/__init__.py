"""planscan: audit Norwegian municipal plans for housing-social content.

>>> import planscan
>>> result = planscan.scan(["examples/"])
>>> result.cell("Vefsn", "temaplan-bolig").status
<Status.GREEN: 'green'>

Also: fetch() downloads the plans a manifest lists by URL, scan(store=...) reads them,
diff() compares two results, and merge() joins the parts of a sharded scan.
"""

from __future__ import annotations

__version__ = "1.0.0"

from planscan.diff import diff  # noqa: E402
from planscan.errors import ConfigError, ExitCode, PlanscanError  # noqa: E402
from planscan.fetch import fetch  # noqa: E402
from planscan.keywords import load_keywords  # noqa: E402
from planscan.merge import merge  # noqa: E402
from planscan.models import (  # noqa: E402
    DocumentResult,
    FetchSettings,
    KeywordSet,
    ResultDiff,
    ScanResult,
    Shard,
    Status,
)
from planscan.scan import scan, scan_document  # noqa: E402

__all__ = [
    "ConfigError",
    "DocumentResult",
    "ExitCode",
    "FetchSettings",
    "KeywordSet",
    "PlanscanError",
    "ResultDiff",
    "ScanResult",
    "Shard",
    "Status",
    "__version__",
    "diff",
    "fetch",
    "load_keywords",
    "merge",
    "scan",
    "scan_document",
]
