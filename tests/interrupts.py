"""Helpers for the tests that press Ctrl-C on a child process."""

from __future__ import annotations

import signal
import time
from pathlib import Path


def ctrl_c_default() -> None:
    """A child's SIGINT back to the default (a `preexec_fn`): a shell that starts the test
    run in the background (`pytest &`) hands SIGINT on ignored, and a Python started with
    SIGINT ignored keeps it so, which the tests of Ctrl-C must not inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def await_python_catching_ctrl_c(pid: int, timeout: float = 20.0) -> None:
    """Wait until the Python started as `pid` has put in its SIGINT handler (read from
    /proc), the moment after which Ctrl-C is a KeyboardInterrupt and no longer kills the
    interpreter outright: the start of what a test of "Ctrl-C while loading" may time from,
    however slowly a loaded machine starts the interpreter."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        if int(caught.split()[1], 16) & (1 << (signal.SIGINT - 1)):
            return
        time.sleep(0.002)
    raise AssertionError(f"process {pid} never caught SIGINT within {timeout} s")
