"""`qedsheet show NAME [PATHS]`: one claim (statement, derivation, verdict) for a note."""

from __future__ import annotations

import argparse
import difflib
from typing import Any

from proofs import Claim, Derivation, Sheet, Verdict, prove

from .. import targets
from ..cli import COMMANDS, UsageError, seconds


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help=COMMANDS["show"],
                       description="Prove one claim of the catalog, or of the named files and "
                       "modules, and print its statement and verdict, then the derivations of "
                       "its exercise with each link checked, as LaTeX or Markdown ready to "
                       "paste into a note. The LaTeX compiles in any document with amsmath "
                       "and amssymb; for verdicts in colour put the lines of "
                       "'qedsheet show --preamble' in its preamble. Exit status 0 when the "
                       "verdict is the claim's expect, 1 otherwise, 2 for an unknown name.")
    p.add_argument("name", nargs="?", metavar="NAME", help="the claim's name (see "
                   "'qedsheet list')")
    targets.add_arguments(p)
    p.add_argument("--format", choices=("tex", "md"), default="md",
                   help="LaTeX or Markdown (default md)")
    p.add_argument("--budget", type=seconds, default=20.0, metavar="S",
                   help="seconds allowed for the proof (default 20)")
    p.add_argument("--preamble", action="store_true",
                   help="print the LaTeX preamble lines that colour the fragments, and stop")
    p.set_defaults(run=run)


def find(name: str, sheets: tuple[Sheet, ...],
         where: str = "the catalog") -> tuple[Claim | None, tuple[Derivation, ...]]:
    """The claim called `name` in `sheets` and the derivations of its exercise; for the
    name of a derivation (or of one of its steps), that derivation (and the step)."""
    names = []
    for sheet in sheets:
        for exercise in sheet.exercises:
            for claim in exercise.claims:
                if claim.name == name:
                    return claim, tuple(exercise.derivations)
                names.append(claim.name)
            for d in exercise.derivations:
                if d.name == name:
                    return None, (d,)
                for link in d.link_claims():
                    if link.name == name:
                        return link, (d,)
                names.append(d.name)
    near = difflib.get_close_matches(name, names, n=3)
    hint = f"; did you mean {', '.join(near)}?" if near else " (see 'qedsheet list')"
    raise UsageError(f"no claim named {name!r} in {where}{hint}")


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
    if args.preamble:
        from render import preamble_lines

        print(preamble_lines(), end="")
        return 0
    if args.name is None:
        raise UsageError("show needs the NAME of a claim (see 'qedsheet list')")
    if args.name.endswith(".py"):  # `show notes.py`: the name was left out
        raise UsageError(f"show takes the NAME of a claim first, then files: qedsheet show "
                         f"NAME {' '.join([args.name, *args.targets])} (see 'qedsheet list "
                         f"{args.name}')")
    sheets = targets.sheets(args.targets, args.import_timeout)
    claim, derivations = find(args.name, sheets, targets.where(args.targets))
    to_text = renderer(args.format)
    verdicts: dict[str, Verdict] = {}
    parts = []
    if claim is not None:  # the statement with its verdict
        verdicts[claim.name] = prove(claim, budget=args.budget)
        parts.append(to_text(verdicts[claim.name]))
    for d in derivations:  # each link proved as its own claim, marked on the chain
        for link in d.link_claims():
            if link.name not in verdicts:
                verdicts[link.name] = prove(link, budget=args.budget)
        parts.append(to_text(d, verdicts))
    print("\n\n".join(str(p).strip("\n") for p in parts))
    shown = [verdicts[claim.name]] if claim is not None else list(verdicts.values())
    return 0 if all(v.ok for v in shown) else 1
