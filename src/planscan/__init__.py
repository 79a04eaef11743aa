"""planscan: audit Norwegian municipal plans for housing-social content.

>>> import planscan
>>> result = planscan.scan(["examples/"])
>>> result.cell("Vefsn", "temaplan-bolig").status
<Status.GREEN: 'green'>

Also: fetch() downloads the plans a manifest lists by URL, scan(store=...) reads them,
diff() compares two results, and merge() joins the parts of a sharded scan.
"""

from __future__ import annotations

# These imports stay light: PDF, DOCX, matching and rendering libraries are imported only
# where they are used, so `planscan --help` starts fast.
from planscan._version import __version__
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
