"""The one exception root, and the exit codes the CLI turns it into."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TypeVar


class ExitCode(IntEnum):
    """Exit codes of the planscan command; documented in the README."""

    OK = 0
    FAIL_ON = 1  # --fail-on: a matrix cell is at or below the given status
    USAGE = 2  # bad arguments, keywords file or manifest; nothing was scanned
    DOCUMENT_ERRORS = 3  # some documents could not be read (or sites searched); the rest was done


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, with where it is (1-based line and column)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


E = TypeVar("E", bound="PlanscanError")


class PlanscanError(Exception):
    """Root of every error planscan reports to a user.

    The message may be a template with {fields} given as keywords: str() is the English
    text, and the CLI shows the template translated (planscan.i18n) with the same fields.
    An error of several lines is joined() from one error per line, so that the CLI prints
    each as its own line and a line break inside a name can never start one.
    """

    exit_code = ExitCode.USAGE

    def __init__(self, message: str = "", /, **fields: object) -> None:
        self.template = message
        self.fields = fields
        self.parts: tuple[PlanscanError, ...] = ()  # errors joined into this one, each a line
        super().__init__(message.format(**fields) if fields else message)

    @classmethod
    def joined(cls: type[E], errors: Sequence[PlanscanError]) -> E:
        """One error of several, a line each (each still translated on its own)."""
        error = cls("\n".join(str(e) for e in errors))
        error.parts = tuple(errors)
        return error


class ConfigError(PlanscanError):
    """A keywords file or manifest that cannot be used; lists every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
        # A line each; a problem's message said in the reader's language where it can be.
        self.parts = tuple(
            PlanscanError(
                "{path}:{line}:{column}: {message}",
                path=p.path,
                line=p.line,
                column=p.column,
                message=p.message,
            )
            for p in problems
        )


class InputError(PlanscanError):
    """A path or argument that cannot be used (missing file, nothing to scan)."""


class DocumentError(PlanscanError):
    """One document cannot be read; the scan records it and goes on."""

    def __init__(self, message: str, reason: str = "damaged", /, **fields: object) -> None:
        self.reason = reason
        super().__init__(message, **fields)
