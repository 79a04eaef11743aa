"""planscan: audit Norwegian municipal plans for housing-social content.

>>> import planscan
>>> result = planscan.scan(["examples/"])
>>> result.cell("Vefsn", "temaplan-bolig").status
<Status.GREEN: 'green'>
"""

from __future__ import annotations

__version__ = "1.0.0"

# These imports stay light: PDF, DOCX, matching and rendering libraries are imported only
# where they are used, so `planscan --help` starts fast.
from planscan.errors import ConfigError, ExitCode, PlanscanError  # noqa: E402
from planscan.keywords import load_keywords  # noqa: E402
from planscan.models import DocumentResult, KeywordSet, ScanResult, Status  # noqa: E402
from planscan.review import apply_review, load_review  # noqa: E402
from planscan.scan import ScanOptions, scan, scan_document  # noqa: E402

__all__ = [
    "ConfigError",
    "DocumentResult",
    "ExitCode",
    "KeywordSet",
    "PlanscanError",
    "ScanOptions",
    "ScanResult",
    "Status",
    "__version__",
    "apply_review",
    "load_keywords",
    "load_review",
    "scan",
    "scan_document",
]
