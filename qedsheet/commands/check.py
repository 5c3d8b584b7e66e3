"""`qedsheet check`: prove the claims of the catalog, or of the user's files and modules."""

from __future__ import annotations

import argparse
import fnmatch
import json
import sys

import sympy as sp

from proofs import Claim, Verdict
from proofs.cache import ProofCache
from proofs.parallel import default_jobs, prove_many
from proofs.verdict import value_text

from .. import targets
from ..cli import UsageError, seconds
from ..progress import Progress


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="prove every claim and report the verdicts",
                       description="Prove every claim of the catalog (derivations.catalog()), "
                       "or every module-level Claim of the named files (notes.py) or "
                       "importable modules (mypkg.notes), and print one line per claim: "
                       "name, status, seconds, method. Exit status 0 when every status "
                       "equals the claim's expect, 1 otherwise, 2 for bad input.")
    targets.add_arguments(p)
    p.add_argument("--json", action="store_true", help="print a JSON array instead of lines")
    p.add_argument("--budget", type=seconds, default=20.0, metavar="S",
                   help="seconds allowed per claim (default 20)")
    p.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="claims proved in parallel processes (default: number of cores)")
    p.add_argument("--no-cache", action="store_true",
                   help="prove every claim again, neither reading nor writing the proof cache "
                   "(see 'qedsheet cache')")
    p.add_argument("--only", action="append", default=None, metavar="NAME-GLOB",
                   help="check only claims whose name matches the glob (repeatable)")
    p.set_defaults(run=run)


def verdict_record(v: Verdict) -> dict:
    """The JSON object of one verdict."""
    return {
        "name": v.claim.name, "source": v.claim.source, "expect": v.claim.expect,
        "status": v.status, "ok": v.ok, "seconds": round(v.seconds, 3), "method": v.method,
        "reason": v.reason,
        "counterexample": ({sp.sstr(k): value_text(val) for k, val in v.counterexample.items()}
                           if v.counterexample else None),
    }


def verdict_line(v: Verdict) -> str:
    mark = "ok  " if v.ok else "FAIL"
    detail = v.method if v.status == "proved" else (v.reason or v.method)
    if v.counterexample:
        detail += "; counterexample " + ", ".join(v.counterexample_lines())
    exp = "" if v.ok else f" (expected {v.claim.expect})"
    detail = " ".join(detail.split())  # one line per claim, whatever the reason holds
    return f"{mark} {v.claim.name}: {v.status}{exp} {v.seconds:.2f}s {detail}"


def check_claims(claims: tuple[Claim, ...], budget: float, jobs: int = 1,
                 cache: ProofCache | None = None) -> list[Verdict]:
    """The verdicts of `claims`, in their order, proved in `jobs` worker processes (at
    least one, so that a claim that exits the process cannot pass for a success), those
    in `cache` taken from it."""
    progress = Progress(len(claims), "checking")
    try:
        return prove_many(claims, budget, jobs, progress.advance, isolate=True, cache=cache)
    finally:
        progress.close()


def report(verdicts: list[Verdict], as_json: bool, cached: int = 0) -> int:
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
              f"{bad} not" + (f"; {cached} from the proof cache" if cached else ""),
              file=sys.stdout)
    return 0 if all(v.ok for v in verdicts) else 1


def select(claims: tuple[Claim, ...], globs: list[str] | None) -> tuple[Claim, ...]:
    """The claims whose name matches one of `globs` (all of them without globs)."""
    if not globs:
        return claims
    chosen = tuple(c for c in claims if any(fnmatch.fnmatchcase(c.name, g) for g in globs))
    if not chosen:
        raise UsageError(f"no claim matches --only {' '.join(globs)} "
                         f"(of {len(claims)} claims)")
    return chosen


def run(args: argparse.Namespace) -> int:
    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {jobs}")
    claims = select(targets.claims(args.targets, args.import_timeout), args.only)
    cache = None if args.no_cache else ProofCache.default()
    verdicts = check_claims(claims, args.budget, jobs, cache)
    return report(verdicts, args.json, cache.hits if cache else 0)
