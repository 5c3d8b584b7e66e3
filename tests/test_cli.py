"""The top-level command line as a subprocess: help, version, bad usage."""

from __future__ import annotations

import subprocess
import sys


def qedsheet(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qedsheet", *args], capture_output=True,
                          text=True, timeout=120)


def test_help_lists_every_command_and_exit_codes() -> None:
    r = qedsheet("--help")
    assert r.returncode == 0
    for word in ("check", "list", "show", "build", "backprop", "exit status"):
        assert word in r.stdout


def test_version() -> None:
    r = qedsheet("--version")
    assert r.returncode == 0 and r.stdout.startswith("qedsheet ")


def test_no_command_is_bad_usage() -> None:
    r = qedsheet()
    assert r.returncode == 2


def test_unknown_command_is_one_line_exit_2() -> None:
    r = qedsheet("frobnicate")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_bad_option_value_is_one_line_exit_2() -> None:
    r = qedsheet("check", "--budget", "soon")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
