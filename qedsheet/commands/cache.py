"""`qedsheet cache`: where the proof cache lives, what it holds, and emptying it."""

from __future__ import annotations

import argparse

from proofs.cache import ProofCache

from ..cli import COMMANDS


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cache", help=COMMANDS["cache"],
                       description="check and build keep 'proved' and 'refuted' verdicts on "
                       "disk, keyed by the claim and the engine's version, so that an "
                       "unchanged claim is not proved again (a cached refutation is checked "
                       "again before use). The folder is $QEDSHEET_CACHE_DIR, else the "
                       "user's cache folder. --no-cache on check and build bypasses it.")
    p.add_argument("action", choices=("info", "clear", "path"), nargs="?", default="info",
                   help="info: folder, entries and size (default); clear: remove every "
                   "entry; path: print the folder")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    cache = ProofCache.default()
    if args.action == "path":
        print(cache.folder)
    elif args.action == "clear":
        removed = cache.clear()
        print(f"removed {removed} cached verdict{'s' * (removed != 1)} from {cache.folder}")
    else:
        count, size = cache.usage()
        print(f"{cache.folder}: {count} cached verdict{'s' * (count != 1)}, "
              f"{size / 1024:.0f} KiB")
    return 0
