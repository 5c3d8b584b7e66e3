"""`prove`: a claim in, a verdict out, within a time budget, never raising."""

from __future__ import annotations

import time

import sympy as sp

from . import budget as clock
from .cases import restart_numbering
from .check import cross_check, find_counterexample, seed_of
from .claim import Claim
from .search import Attempt, Goal, solve
from .verdict import Verdict

DEFAULT_BUDGET = 20.0


def _refuted(claim: Claim, found: tuple[dict, str], started: float, why: str) -> Verdict:
    point, note = found
    reason = why + (f" ({note})" if note else "")
    return Verdict(claim, "refuted", method="counterexample", reason=reason,
                   counterexample=point, seconds=time.monotonic() - started)


def _prove(claim: Claim, started: float, total: float) -> Verdict:
    seed = seed_of(claim.name)
    stmt, given = claim.statement, claim.given
    if stmt is sp.true:
        return Verdict(claim, "proved", method="sympy evaluated the relation to True when it "
                       "was built (use evaluate=False to keep both sides for the sheet)",
                       seconds=time.monotonic() - started)
    if stmt is sp.false:
        return Verdict(claim, "undecided", reason="the statement is False as built: sympy "
                       "evaluated the relation on construction; build it with evaluate=False "
                       "so that the engine can check it and find a counterexample",
                       seconds=time.monotonic() - started)
    # 1. a quick look for a counterexample at the edges of the assumptions
    quick = find_counterexample(stmt, given, seed, boundary=60, randoms=20)
    if quick is not None:
        return _refuted(claim, quick, started, "false at a point that meets every assumption")
    # 2. the tactics, leaving time for the numeric cross-check
    attempt = Attempt()
    reserve = min(3.0, 0.25 * total)
    proof = None
    try:
        with clock.deadline(max(clock.remaining() - reserve, 0.05)):
            proof = solve(Goal(stmt, given, claim.hints), attempt)
    except clock.BudgetExceeded:
        if clock.remaining() <= 0:
            raise
        attempt.declined.append("tactics ran out of time")
    if proof is not None:
        check = cross_check(stmt, given, seed)
        if check.failed_at is not None:
            return Verdict(
                claim, "undecided", method=proof.method, steps=proof.steps,
                reason="the symbolic proof disagrees with a high-precision evaluation at "
                       + ", ".join(f"{sp.sstr(k)} = {sp.sstr(v)}"
                                   for k, v in check.failed_at.items())
                       + "; not trusted",
                seconds=time.monotonic() - started, checks=check.held)
        if not check.ok:
            return Verdict(
                claim, "undecided", method=proof.method, steps=proof.steps,
                reason=f"symbolic proof found, but only {check.held} of "
                       f"{check.held + check.unknown} numeric cross-checks could be evaluated",
                seconds=time.monotonic() - started, checks=check.held)
        return Verdict(claim, "proved", method=proof.method, steps=proof.steps,
                       seconds=time.monotonic() - started, checks=check.held)
    # 3. a wider search for a counterexample
    found = find_counterexample(stmt, given, seed + 7, boundary=400, randoms=300)
    if found is not None:
        return _refuted(claim, found, started, "false at a point that meets every assumption")
    reason = "no tactic proved it and no counterexample was found"
    if attempt.declined:
        reason += " (" + "; ".join(attempt.declined[:4]) + ")"
    return Verdict(claim, "undecided", reason=reason, seconds=time.monotonic() - started)


def prove(claim: Claim, budget: float = DEFAULT_BUDGET) -> Verdict:
    """Prove or refute `claim` within `budget` seconds; never raises for a Claim.

    "proved" only from a symbolic proof that high-precision numbers agree with;
    "refuted" only with a counterexample that meets every assumption; otherwise
    "undecided" with the reason.
    """
    if not isinstance(claim, Claim):
        raise TypeError(f"prove() needs a proofs.Claim, got {type(claim).__name__}")
    started = time.monotonic()
    restart_numbering()
    try:
        with clock.deadline(float(budget)):
            return _prove(claim, started, float(budget))
    except clock.BudgetExceeded:
        return Verdict(claim, "undecided", reason=f"budget: {budget:g} s ran out",
                       method="", seconds=time.monotonic() - started)
    except RecursionError:
        return Verdict(claim, "undecided", reason="internal: recursion too deep",
                       seconds=time.monotonic() - started)
    except Exception as exc:  # never raise for a well-formed claim
        return Verdict(claim, "undecided",
                       reason=f"internal error: {type(exc).__name__}: {exc}"[:300],
                       seconds=time.monotonic() - started)
