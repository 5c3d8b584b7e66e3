"""`prove`: a claim in, a verdict out, within a time budget, never raising."""

from __future__ import annotations

import math
import time
from dataclasses import replace

import sympy as sp

from . import budget as clock
from .cases import numbered
from .check import Seen, cross_check, find_counterexample, seed_of
from .claim import Claim
from .domain import undefined_points
from .search import Attempt, Goal, solve
from .verdict import Scope, Verdict

DEFAULT_BUDGET = 20.0


def _refuted(claim: Claim, found: tuple[dict, str], started: float, why: str) -> Verdict:
    point, note = found
    reason = why + (f" ({note})" if note else "")
    return Verdict(claim, "refuted", method="counterexample", reason=reason,
                   counterexample=point, seconds=time.monotonic() - started)


def _prove(claim: Claim, started: float, total: float) -> Verdict:
    seed = seed_of(claim.name)
    stmt, given = claim.statement, claim.given

    def elapsed() -> float:
        return time.monotonic() - started

    if stmt is sp.true:
        return Verdict(claim, "proved", method="sympy evaluated the relation to True when it "
                       "was built (use evaluate=False to keep both sides for the sheet)",
                       seconds=elapsed())
    if stmt is sp.false:
        return Verdict(claim, "undecided", reason="the statement is False as built: sympy "
                       "evaluated the relation on construction; build it with evaluate=False "
                       "so that the engine can check it and find a counterexample",
                       seconds=elapsed())
    # numbers see through a display-only UnevaluatedExpr: it stands for its argument
    plain = stmt.replace(lambda e: isinstance(e, sp.UnevaluatedExpr), lambda e: e.args[0])
    # 1. a quick look for a counterexample at the edges of the assumptions
    seen: Seen = {}  # the points the quick search evaluated, for the cross-check
    quick = find_counterexample(plain, given, seed, boundary=60, randoms=20, large=False,
                                seen=seen)
    if quick is not None:
        return _refuted(claim, quick, started, "false at a point that meets every assumption")
    # 2. the tactics, leaving time for the numeric cross-check
    attempt = Attempt()
    reserve = min(3.0, 0.25 * total)
    proof = None
    try:
        with clock.deadline(max(clock.remaining() - reserve, 0.05)):
            proof = solve(Goal(stmt, given, claim.hints), attempt)
        if proof is not None:
            proof = replace(proof, steps=numbered(proof.steps))
    except clock.BudgetExceeded:
        if clock.remaining() <= 0:
            raise
        attempt.declined.insert(0, "tactics ran out of time")
    if proof is not None and proof.scope.complete:
        scope = proof.scope.merge(Scope(excluded=undefined_points(plain, given)))
        check = cross_check(plain, given, seed, near=scope.landmarks + _near(scope),
                            seen=seen)
        if check.failed_at is not None:
            return Verdict(
                claim, "undecided", method=proof.method, steps=proof.steps, scope=scope,
                reason="the symbolic proof disagrees with a high-precision evaluation at "
                       + ", ".join(f"{sp.sstr(k)} = {sp.sstr(v)}"
                                   for k, v in check.failed_at.items())
                       + "; not trusted",
                seconds=elapsed(), checks=check.held)
        if not check.ok:
            return Verdict(
                claim, "undecided", method=proof.method, steps=proof.steps, scope=scope,
                reason=f"symbolic proof found, but only {check.held} of "
                       f"{check.held + check.unknown} numeric cross-checks could be evaluated",
                seconds=elapsed(), checks=check.held)
        return Verdict(claim, "proved", method=proof.method, steps=proof.steps, scope=scope,
                       seconds=elapsed(), checks=check.held)
    # 3. a wider search for a counterexample (large dimensions included)
    found = find_counterexample(plain, given, seed + 7, boundary=400, randoms=300)
    if found is not None:
        return _refuted(claim, found, started, "false at a point that meets every assumption")
    if proof is not None:  # a proof of some cases only
        return Verdict(claim, "undecided", method=proof.method, steps=proof.steps,
                       scope=proof.scope, seconds=elapsed(),
                       reason=f"checked for {proof.scope.only} only, not for every case "
                              "the assumptions allow; no counterexample found")
    reason = "no tactic proved it and no counterexample was found"
    if attempt.declined:
        reason += " (" + "; ".join(attempt.declined[:4]) + ")"
    return Verdict(claim, "undecided", reason=reason, seconds=elapsed())


def _near(scope: Scope) -> tuple:
    """Points just beside each excluded point, where a cancellation could hide a jump."""
    out = []
    for cond in scope.excluded:
        d = cond.lhs - cond.rhs
        free = sorted(d.free_symbols, key=sp.default_sort_key)
        if len(free) != 1:
            continue
        x = free[0]
        try:
            roots = sp.solve(d, x)
        except Exception:
            continue
        for r in roots:
            if r.is_real:
                out += [(x, r + sp.Rational(1, 10**6)), (x, r - sp.Rational(1, 10**6))]
    return tuple(out)


def _valid_budget(budget: object) -> float:
    if isinstance(budget, bool) or not isinstance(budget, (int, float)):
        raise TypeError(f"the budget must be a number of seconds, got {type(budget).__name__}")
    value = float(budget)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"the budget must be a positive, finite number of seconds, "
                         f"got {budget!r}")
    return value


def prove(claim: Claim, budget: float = DEFAULT_BUDGET) -> Verdict:
    """Prove or refute `claim` within `budget` seconds; never raises for a Claim.

    "proved" only from a symbolic proof that covers every case the assumptions allow
    (the points where the statement is undefined aside, named in `Verdict.scope`) and
    that high-precision numbers agree with; "refuted" only with a counterexample that
    meets every assumption; otherwise "undecided" with the reason. A budget that is not
    a positive finite number of seconds is a ValueError (TypeError for a non-number).
    """
    if not isinstance(claim, Claim):
        raise TypeError(f"prove() needs a proofs.Claim, got {type(claim).__name__}")
    seconds = _valid_budget(budget)
    started = time.monotonic()

    def undecided(reason: str) -> Verdict:
        return Verdict(claim, "undecided", reason=reason, seconds=time.monotonic() - started)

    try:
        with clock.deadline(seconds):
            return _prove(claim, started, seconds)
    except clock.BudgetExceeded:
        return undecided(f"budget: {seconds:g} s ran out")
    except RecursionError:
        return undecided("internal: recursion too deep")
    except SystemExit as exc:
        return undecided(f"evaluating the claim called sys.exit({exc.code!r}); "
                         "the process was kept alive and nothing was proved")
    except Exception as exc:  # never raise for a well-formed claim
        return undecided(f"internal error: {type(exc).__name__}: {exc}"[:300])
