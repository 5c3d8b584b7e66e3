"""`qedsheet COMMAND ...`: the subcommands live in qedsheet.commands, one module each."""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
from collections.abc import Iterable
from importlib import import_module

from . import INTERRUPTED, __version__, replay

# name of the module in qedsheet.commands -> its line in --help, in the order listed there
COMMANDS: dict[str, str] = {
    "check": "prove every claim and report the verdicts",
    "list": "list the claims of the catalog or of your files",
    "show": "print one claim as LaTeX or Markdown, for a note",
    "build": "write the solution sheets (LaTeX, PDF, Markdown, notebooks)",
    "backprop": "forward and backward pass through the graph of an expression",
    "grade": "check the formulas of a Markdown or LaTeX answer sheet",
    "cache": "show or clear the proof cache",
}

EPILOG = """examples:
  qedsheet check                 prove every claim of the catalog; exit 0 when all as expected
  qedsheet check --json          the same as a JSON array
  qedsheet check notes.py -j 2   prove the module-level claims of your own file (or a module)
  qedsheet check notes.md        prove every relation a Markdown or LaTeX note states
  qedsheet list [notes.py]       the catalog's (or your file's) claims: name, source, statement
  qedsheet show NAME [notes.py] --format tex
                                 one claim, its derivation and verdict, to paste in a note
                                 (compiles with amsmath, amssymb; colours: show --preamble)
  qedsheet grade answers.md      check every formula of a Markdown or LaTeX sheet
  qedsheet build [notes.py] -o out
                                 the sheets: out/notes.tex, .pdf, .md (default: the catalog)
  qedsheet cache clear           forget the verdicts kept on disk (check and build reuse them)
exit status: 0 every claim as expected, 1 some claim not as expected, 2 bad usage or
input, or an output that cannot be written; 141 when the reader of the output left
"""


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


def seconds(text: str) -> float:
    """An argparse type: a positive, finite number of seconds (a budget)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive, finite number of seconds, "
                                         f"got {text!r}")
    return value


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(2, f"qedsheet: error: {message} (see 'qedsheet --help')\n")


def build_parser(load: Iterable[str] = tuple(COMMANDS)) -> argparse.ArgumentParser:
    """The command line's parser, with the options of the commands in `load` (their modules
    imported, and with them sympy and the engine); every other command only listed, so
    that `qedsheet --help` and `--version` answer at once."""
    parser = _Parser(prog="qedsheet", description="Prove, check and render the claims of "
                     "mathematical solution sheets.", epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"qedsheet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, summary in COMMANDS.items():
        if name in load:
            import_module(f"qedsheet.commands.{name}").add_parser(sub)
        else:
            sub.add_parser(name, help=summary)
    return parser


def _command_of(argv: list[str]) -> list[str]:
    """The command a command line names (its first word that is not an option: the top
    level has no option that takes a value), as a list of none or one."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return [first] if first in COMMANDS else []


def main(argv: list[str] | None = None) -> int:
    """Run one command line; its exit status. Ctrl-C at any moment (while the libraries
    are still being imported too) is one line and status 130, never a traceback."""
    try:
        return _dispatch(sys.argv[1:] if argv is None else list(argv))
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130


def _dispatch(argv: list[str]) -> int:
    if replay.eligible(argv):  # a check or build of the catalog: replayed if nothing changed
        key = replay.run_key(argv)
        status = replay.replay(key, sys.stdout, sys.stderr)
        if status is not None:
            return status
        with replay.recording(key, build=replay.writes_files(argv)) as run:
            run.status = _main(argv, run)
        return run.status
    return _main(argv)


def _main(argv: list[str], record: replay.Run | None = None) -> int:
    parser = build_parser(_command_of(argv))
    args, extra = parser.parse_known_args(argv)
    args.record = record  # a build recorded for replay lists its files there
    if extra:
        # argparse fills a command's positionals once, so in `show NAME --format tex
        # notes.py` the file is left over; paths after options are paths all the same
        if hasattr(args, "targets") and not any(e.startswith("-") for e in extra):
            args.targets = [*args.targets, *extra]
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        status = int(args.run(args))
        sys.stdout.flush()  # so that a closed or full output fails here, not at exit
        return status
    except UsageError as exc:
        print(f"qedsheet: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader left (`qedsheet list | head -1`): stop quietly
        _discard_stdout()
        return 128 + signal.SIGPIPE
    except OSError as exc:  # disk full, permissions, a missing folder
        _discard_stdout()
        print(f"qedsheet: error: {os_error(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # input nothing above foresaw: still one line
        if os.environ.get("QEDSHEET_TRACEBACK"):
            raise
        detail = " ".join(str(exc).split())[:300]
        print(f"qedsheet: error: cannot handle this input ({type(exc).__name__}: {detail}); "
              "QEDSHEET_TRACEBACK=1 shows where", file=sys.stderr)
        return 2


def os_error(exc: OSError) -> str:
    """One line for an operating-system error: what failed and on which file."""
    what = exc.strerror or str(exc) or type(exc).__name__
    if exc.filename is not None:
        return f"{what}: {os.fsdecode(exc.filename)}"
    return f"cannot write the output: {what}"


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout is not a file (captured in tests)
        pass
