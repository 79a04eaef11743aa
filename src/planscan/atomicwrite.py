"""Write output files whole or not at all."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, encoding: str = "utf-8") -> None:
    """Write data to path via a temporary file and a rename, so a crash or a kill never
    leaves half a report, and the previous report stays until the new one is complete.

    A path that is a device or a pipe (`--json /dev/null`, `--csv >(gzip ...)`) is written
    into as it is: renaming a file over it would replace the device or the pipe."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    if _is_special(path):
        _write_through(path, payload)
        return
    sweep_stale_temporaries(path)
    _replace(path, payload, durable=True)


def write_entry(path: Path, payload: bytes) -> None:
    """Write a cache entry whole or not at all, as write_atomic does, but not forced to disk
    and without looking for leftovers beside it (the cache sweeps its folder once a scan).

    No process ever sees half an entry, however planscan ends; only a power cut or a crash
    of the system itself may leave one empty or cut short, which a cache must detect on
    reading (a zlib stream that does not end) and make again."""
    _replace(path, payload, durable=False)


def _replace(path: Path, payload: bytes, durable: bool) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    mode = _mode_for(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp makes the file private (0600); a report is meant to be read and handed on.
        os.chmod(temp_name, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def _is_special(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_through(path: Path, payload: bytes) -> None:
    # O_NONBLOCK: a pipe nobody reads fails at once (ENXIO) instead of waiting for ever.
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(payload)
    finally:
        os.close(fd)


STALE_SECONDS = 3600


def sweep_stale_temporaries(path: Path, older_than: float = STALE_SECONDS) -> None:
    """Remove temporary files that a killed run left beside `path` (".NAME.*.tmp")."""
    directory = path.parent if str(path.parent) else Path(".")
    remove_stale(directory.glob(f".{glob_escape(path.name)}.*.tmp"), older_than)


def remove_stale(leftovers: Iterable[Path], older_than: float = STALE_SECONDS) -> None:
    """Remove the given temporary files once they are old enough that no running scan
    can still be writing them."""
    now = time.time()
    for leftover in leftovers:
        try:
            if now - leftover.stat().st_mtime > older_than:
                leftover.unlink()
        except OSError:
            pass


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[]" else c for c in name)


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or what a new file gets under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
