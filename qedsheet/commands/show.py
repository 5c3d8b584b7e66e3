"""`qedsheet show NAME`: one catalog claim (statement, derivation, verdict) for a note."""

from __future__ import annotations

import argparse
import difflib
from typing import Any

from proofs import Claim, Derivation, prove

from ..cli import UsageError, seconds


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="print one claim of the catalog as LaTeX or Markdown",
                       description="Prove one claim of the catalog and print its statement and "
                       "verdict, then the derivations of its exercise with each link checked, "
                       "as LaTeX or "
                       "Markdown ready to paste into a note. Exit status 0 when the verdict "
                       "is the claim's expect, 1 otherwise, 2 for an unknown name.")
    p.add_argument("name", metavar="NAME", help="the claim's name (see 'qedsheet list')")
    p.add_argument("--format", choices=("tex", "md"), default="md",
                   help="LaTeX or Markdown (default md)")
    p.add_argument("--budget", type=seconds, default=20.0, metavar="S",
                   help="seconds allowed for the proof (default 20)")
    p.set_defaults(run=run)


def find(name: str) -> tuple[Claim, tuple[Derivation, ...]]:
    """The catalog claim called `name` and the derivations of its exercise."""
    from derivations import sheets

    names = []
    for sheet in sheets():
        for exercise in sheet.exercises:
            for claim in exercise.claims:
                if claim.name == name:
                    return claim, tuple(exercise.derivations)
                names.append(claim.name)
    near = difflib.get_close_matches(name, names, n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else " (see 'qedsheet list')"
    raise UsageError(f"no claim named {name!r} in the catalog{hint}")


def renderer(fmt: str) -> Any:
    """render.to_latex or render.to_markdown."""
    attr = "to_latex" if fmt == "tex" else "to_markdown"
    try:
        import render
    except ImportError as exc:
        raise UsageError(f"the renderer cannot be imported: {exc}") from None
    fn = getattr(render, attr, None)
    if fn is None:
        raise UsageError(f"render.{attr} is not available")
    return fn


def run(args: argparse.Namespace) -> int:
    claim, derivations = find(args.name)
    to_text = renderer(args.format)
    verdict = prove(claim, budget=args.budget)
    parts = [to_text(verdict)]  # the statement with its verdict
    for d in derivations:  # each link proved as its own claim, marked on the chain
        links = {c.name: prove(c, budget=args.budget) for c in d.link_claims()}
        parts.append(to_text(d, links))
    print("\n\n".join(str(p).strip("\n") for p in parts))
    return 0 if verdict.ok else 1
