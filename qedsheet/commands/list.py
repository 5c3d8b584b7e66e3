"""`qedsheet list [PATHS]`: the claims of the catalog or of the user's files, one a line
(name, source, statement)."""

from __future__ import annotations

import argparse
import json

import sympy as sp

from proofs import Claim

from .. import targets
from ..cli import COMMANDS
from .check import select


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help=COMMANDS["list"],
                       description="Print every claim of the catalog (in sheet order), or of "
                       "the named files and modules (as check finds them): name, source and "
                       "the statement on one line.")
    targets.add_arguments(p)
    p.add_argument("--json", action="store_true", help="print a JSON array instead of lines")
    p.add_argument("--only", action="append", default=None, metavar="NAME-GLOB",
                   help="list only claims whose name matches the glob (repeatable)")
    p.set_defaults(run=run)


def _plain(expr: object) -> str:
    return " ".join(sp.sstr(expr).split())


def one_line(claim: Claim) -> str:
    """The statement, its `given` and an unusual `expect`, as one line of plain text."""
    text = _plain(claim.statement)
    if claim.given:
        text += "  given " + ", ".join(_plain(g) for g in claim.given)
    if claim.expect != "proved":
        text += f"  [expect {claim.expect}]"
    return text


def lines(claims: tuple[Claim, ...]) -> list[str]:
    """Aligned `name  source  statement` lines."""
    wide_name = max((len(c.name) for c in claims), default=0)
    wide_source = max((len(c.source or "-") for c in claims), default=0)
    return [f"{c.name:<{wide_name}}  {c.source or '-':<{wide_source}}  {one_line(c)}"
            for c in claims]


def run(args: argparse.Namespace) -> int:
    claims = select(targets.claims(args.targets, args.import_timeout), args.only)
    if args.json:
        print(json.dumps([{"name": c.name, "source": c.source, "expect": c.expect,
                           "title": c.title, "statement": _plain(c.statement),
                           "given": [_plain(g) for g in c.given]} for c in claims], indent=2))
    else:
        for line in lines(claims):
            print(line)
    return 0
