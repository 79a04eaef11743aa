"""Child processes that end with planscan. Standard library only.

A reader process (worker.py) and the programs it runs (tesseract) must not outlive the
planscan that started them: when a CI job is cancelled, `timeout(1)` fires or someone
kills planscan with SIGKILL, nobody is left to stop them. On Linux the kernel does it:
PR_SET_PDEATHSIG sends the child a signal when its parent ends. Elsewhere this does
nothing, and the parent's own clean-up is all there is.
"""

from __future__ import annotations

import os
import signal
import sys

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent_pid: int, sig: int = signal.SIGKILL) -> None:
    """Make the calling process receive `sig` when its parent ends (Linux); end it at once
    if the parent `parent_pid` has already gone, which the kernel would not report."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes  # here: only a child pays for loading it

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
        except (OSError, AttributeError):  # no libc to load: nothing more can be done
            pass
    if os.getppid() != parent_pid:
        os._exit(1)


def child_setup() -> None:
    """A preexec_fn for subprocess: the program started ends with the process starting it."""
    die_with_parent(os.getppid())
