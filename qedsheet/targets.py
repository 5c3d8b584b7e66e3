"""What a command works on: the catalog, or the user's files and modules (their claims,
or their sheets), imported under a time limit."""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from proofs import Claim, Sheet

from .cli import UsageError, seconds

IMPORT_TIMEOUT = 60.0
"""Seconds an import of the user's files and modules may take (--import-timeout)."""

T = TypeVar("T")


def add_arguments(parser: argparse.ArgumentParser,
                  what: str = "a .py file (notes.py) or a dotted module name (mypkg.notes); "
                  "default: the catalog") -> None:
    """The PATH_OR_MODULE arguments (described by `what`) and --import-timeout."""
    parser.add_argument("targets", nargs="*", metavar="PATH_OR_MODULE", help=what)
    parser.add_argument("--import-timeout", type=seconds, default=IMPORT_TIMEOUT, metavar="S",
                        help=f"seconds allowed for importing them (default {IMPORT_TIMEOUT:g})")


@contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Run the block, or end the process with one line and exit status 2 when it is
    still running after `seconds` (an import stuck in a loop or a blocking call can be
    stopped no other way)."""
    def give_up() -> None:
        sys.stderr.write(f"qedsheet: error: {what} did not finish within {seconds:g} s "
                         "(see --import-timeout)\n")
        sys.stderr.flush()
        os._exit(2)

    timer = threading.Timer(seconds, give_up)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


def imported(load: Callable[[], T], targets: list[str], timeout: float) -> T:
    """`load()` under the import time limit, its CollectError as a UsageError."""
    from proofs.collect import CollectError

    what = "importing " + ", ".join(targets) if targets else "loading the catalog"
    try:
        with time_limit(timeout, what):
            return load()
    except CollectError as exc:
        raise UsageError(str(exc)) from None


def claims(targets: list[str], timeout: float = IMPORT_TIMEOUT) -> tuple[Claim, ...]:
    """The claims of the named files and modules, or the catalog without targets."""
    if not targets:
        from derivations import catalog

        return imported(catalog, targets, timeout)
    from proofs.collect import collect_all

    return imported(lambda: collect_all(targets), targets, timeout)


def sheets(targets: list[str], timeout: float = IMPORT_TIMEOUT) -> tuple[Sheet, ...]:
    """The sheet of each named file and module (its SHEET, or one made of its claims and
    derivations), or the catalog's sheets without targets."""
    if not targets:
        from derivations import sheets as catalog_sheets

        return imported(catalog_sheets, targets, timeout)
    from proofs.collect import collect_sheets

    return imported(lambda: collect_sheets(targets), targets, timeout)


def where(targets: list[str]) -> str:
    """`the catalog`, or the targets by name, for messages."""
    return ", ".join(targets) if targets else "the catalog"
