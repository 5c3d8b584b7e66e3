"""`qedsheet COMMAND ...`: the subcommands live in qedsheet.commands, one module each."""

from __future__ import annotations

import argparse
import math
import sys
from importlib import import_module

from . import __version__

# name of the module in qedsheet.commands, in the order --help lists them
COMMANDS: tuple[str, ...] = ("check", "list", "show", "build", "backprop", "grade")

EPILOG = """examples:
  qedsheet check                 prove every claim of the catalog; exit 0 when all as expected
  qedsheet check --json          the same as a JSON array
  qedsheet check notes.py -j 2   prove the module-level claims of your own file (or a module)
  qedsheet check notes.md        prove every relation a Markdown or LaTeX note states
  qedsheet list                  the catalog: name, source, statement
  qedsheet show NAME --format tex   one claim, its derivation and verdict, for a note
  qedsheet grade answers.md      check every formula of a Markdown or LaTeX sheet
exit status: 0 every claim as expected, 1 some claim not as expected, 2 bad usage or input
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="qedsheet", description="Prove, check and render the claims of "
                     "mathematical solution sheets.", epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"qedsheet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = import_module(f"qedsheet.commands.{name}")
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.run(args))
    except UsageError as exc:
        print(f"qedsheet: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qedsheet: interrupted", file=sys.stderr)
        return 130
