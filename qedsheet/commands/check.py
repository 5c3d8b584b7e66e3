"""`qedsheet check`: prove every claim of the catalog and report each verdict."""

from __future__ import annotations

import argparse
import json
import sys

import sympy as sp

from proofs import Claim, Verdict, prove

from ..progress import Progress


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="prove every claim and report the verdicts",
                       description="Prove every claim of the catalog (derivations.catalog()) "
                       "and print one line per claim: name, status, seconds, method. Exit "
                       "status 0 when every status equals the claim's expect, 1 otherwise.")
    p.add_argument("--json", action="store_true", help="print a JSON array instead of lines")
    p.add_argument("--budget", type=float, default=20.0, metavar="S",
                   help="seconds allowed per claim (default 20)")
    p.set_defaults(run=run)


def verdict_record(v: Verdict) -> dict:
    """The JSON object of one verdict."""
    return {
        "name": v.claim.name, "source": v.claim.source, "expect": v.claim.expect,
        "status": v.status, "ok": v.ok, "seconds": round(v.seconds, 3), "method": v.method,
        "reason": v.reason,
        "counterexample": ({sp.sstr(k): sp.sstr(val) for k, val in v.counterexample.items()}
                           if v.counterexample else None),
    }


def verdict_line(v: Verdict) -> str:
    mark = "ok  " if v.ok else "FAIL"
    detail = v.method if v.status == "proved" else (v.reason or v.method)
    if v.counterexample:
        detail += "; counterexample " + ", ".join(v.counterexample_lines())
    exp = "" if v.ok else f" (expected {v.claim.expect})"
    return f"{mark} {v.claim.name}: {v.status}{exp} {v.seconds:.2f}s {detail}"


def check_claims(claims: tuple[Claim, ...], budget: float) -> list[Verdict]:
    progress = Progress(len(claims), "checking")
    out = []
    for c in claims:
        out.append(prove(c, budget=budget))
        progress.advance(c.name)
    progress.close()
    return out


def report(verdicts: list[Verdict], as_json: bool) -> int:
    if as_json:
        print(json.dumps([verdict_record(v) for v in verdicts], indent=2))
    else:
        for v in verdicts:
            print(verdict_line(v))
        counts = {s: sum(v.status == s for v in verdicts)
                  for s in ("proved", "refuted", "undecided")}
        bad = sum(not v.ok for v in verdicts)
        print(f"{len(verdicts)} claims: {counts['proved']} proved, {counts['refuted']} refuted, "
              f"{counts['undecided']} undecided; {len(verdicts) - bad} as expected, "
              f"{bad} not", file=sys.stdout)
    return 0 if all(v.ok for v in verdicts) else 1


def run(args: argparse.Namespace) -> int:
    from derivations import catalog

    return report(check_claims(catalog(), args.budget), args.json)
