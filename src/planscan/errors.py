"""The one exception root, and the exit codes the CLI turns it into."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the planscan command; documented in the README."""

    OK = 0
    FAIL_ON = 1  # --fail-on: a matrix cell is at or below the given status
    USAGE = 2  # bad arguments, keywords file or manifest; nothing was scanned
    DOCUMENT_ERRORS = 3  # some documents could not be read; the rest was scanned


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, with where it is (1-based line and column)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class PlanscanError(Exception):
    """Root of every error planscan reports to a user."""

    exit_code = ExitCode.USAGE


class ConfigError(PlanscanError):
    """A keywords file or manifest that cannot be used; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class InputError(PlanscanError):
    """A path or argument that cannot be used (missing file, nothing to scan)."""


class DocumentError(PlanscanError):
    """One document cannot be read; the scan records it and goes on."""

    def __init__(self, message: str, reason: str = "damaged") -> None:
        self.reason = reason
        super().__init__(message)
