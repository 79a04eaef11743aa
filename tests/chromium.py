"""Headless Chromium (Debian's chromium package): the HTML report as a person sees it."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
MISSING = (
    "chromium not found: the HTML report is checked in a real browser; install it with"
    " `apt-get install chromium` (Debian) — .ci/run does"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


@dataclass(frozen=True)
class Job:
    url: str
    args: tuple[str, ...]  # e.g. ("--dump-dom",) or ("--screenshot=FILE", "--window-size=W,H")


def run_all(jobs: Sequence[Job], timeout: float = 90) -> list[str]:
    """Run Chromium once per job, all at the same time; return each one's stdout."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profiles:
        running = []
        for number, job in enumerate(jobs):
            profile = Path(profiles) / str(number)  # a fresh profile: no state between runs
            command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *job.args, job.url]
            running.append(
                subprocess.Popen(
                    command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
                )
            )
        outputs = []
        for process in running:
            out, _ = process.communicate(timeout=timeout)
            assert process.returncode == 0, f"chromium exited with {process.returncode}"
            outputs.append(out)
    return outputs


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
