"""Open a file that planscan reads only when it is a regular file of a bounded size.

A FIFO would block an open() or a read() for ever, a link to /dev/zero or /dev/urandom
would never end, and a folder or a socket has no text: each is refused with an OSError
whose strerror says what the path is, so every caller's `cannot read: {strerror}` reads
right. The open never blocks (O_NONBLOCK), and the check is made on the opened file
(fstat), so a path swapped after a check is still caught.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

MIB = 1 << 20


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder, not a file."""


class FileTooLarge(OSError):
    """The file is larger than what planscan reads of its kind."""

    def __init__(self, size: int, limit: int, hint: str = "") -> None:
        message = f"the file is {_size(size)}, over the {_size(limit)} limit{hint}"
        super().__init__(errno.EFBIG, message)
        self.size = size
        self.limit = limit


def _size(n: int) -> str:
    return f"{n // MIB} MiB" if n >= MIB else f"{n} bytes"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def open_regular(path: Path | str, max_bytes: int | None = None, hint: str = "") -> BinaryIO:
    """Open a regular file (after following links) for reading in binary.

    Raise FileNotFoundError, NotRegularFile, FileTooLarge (size over max_bytes) or another
    OSError; `hint` is added to the too-large message (what to raise, for instance).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            what = _kind(info.st_mode)
            raise NotRegularFile(errno.EINVAL, f"not a regular file but {what}", str(path))
        if max_bytes is not None and info.st_size > max_bytes:
            raise FileTooLarge(info.st_size, max_bytes, hint)
        if flags & getattr(os, "O_NONBLOCK", 0) and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path | str, max_bytes: int, hint: str = "") -> bytes:
    """The whole of a regular file of at most max_bytes (also if it grows while read)."""
    with open_regular(path, max_bytes, hint) as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileTooLarge(len(data), max_bytes, hint)
    return data
