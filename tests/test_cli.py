"""The top-level command line as a subprocess: help, version, bad usage."""

from __future__ import annotations

import subprocess
import sys
import textwrap


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


def test_paths_may_follow_options_but_nothing_else_is_left_over(capsys, monkeypatch) -> None:
    """`show NAME --format tex notes.py`: a path after an option is still a path; an
    unknown option, or a stray word for a command that takes no paths, is bad usage."""
    import pytest

    from qedsheet import cli
    from qedsheet.commands import show

    seen = {}
    monkeypatch.setattr(show, "run", lambda args: seen.update(vars(args)) or 0)
    assert cli.main(["show", "log-exp", "--format", "tex", "a.py", "--budget", "3", "b"]) == 0
    assert (seen["name"], seen["targets"], seen["format"]) == ("log-exp", ["a.py", "b"], "tex")
    for argv in (["check", "notes.py", "--bogus"], ["list", "--json", "x.py", "--nope", "y"],
                 ["backprop", "x*y", "--at", "x=1,y=2", "stray"]):
        with pytest.raises(SystemExit) as info:
            cli.main(argv)
        assert info.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith("qedsheet: error: unrecognized arguments:") and \
            err.count("\n") == 1


def test_help_and_version_answer_without_importing_the_engine():
    code = textwrap.dedent("""
        import sys
        from qedsheet.cli import main
        for argv in (["--help"], ["--version"], ["chekc"]):
            try:
                main(argv)
            except SystemExit:
                pass
        print(sorted(m for m in ("sympy", "proofs", "derivations", "render") if m in sys.modules))
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "COMMAND" in out.stdout and "qedsheet " in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert "invalid choice: 'chekc'" in out.stderr
