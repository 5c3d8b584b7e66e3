"""Helpers for the tests that press Ctrl-C on a child process."""

from __future__ import annotations

import signal


def ctrl_c_default() -> None:
    """A child's SIGINT back to the default (a `preexec_fn`): a shell that starts the test
    run in the background (`pytest &`) hands SIGINT on ignored, and a Python started with
    SIGINT ignored keeps it so, which the tests of Ctrl-C must not inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
