"""Roots: positive variables under fractional powers, and square roots on one side.

- `roots_as_powers`: a positive variable a that appears as a^(p/q) is written a = u^q
  with u > 0 (a bijection of the positive reals), so that √(ab) becomes uv and the
  AM-GM, GM-HM, ... inequalities become polynomial ones.
- `square_both_sides`: √X >= s with s >= 0 (and X >= 0) holds exactly when X >= s²;
  s >= √Y with s >= 0 exactly when s² >= Y (squaring is increasing on [0, ∞)).
"""

from __future__ import annotations

import math

import sympy as sp

from ..domain import sign_under
from ..search import Decline, Goal, sub_steps, tactic
from ..verdict import Proof, rel
from .inequality import make, op_of, oriented
from .subgoals import solve_new


def _denominators(expr: sp.Basic) -> dict[sp.Symbol, int]:
    """For each positive symbol a of `expr` that appears as a^(p/q) (q > 1): the lcm of
    those q."""
    out: dict[sp.Symbol, int] = {}
    for e in sp.preorder_traversal(expr):
        if not (isinstance(e, sp.Pow) and isinstance(e.base, sp.Symbol)):
            continue
        r = e.exp
        if not (r.is_Rational and not r.is_Integer and e.base.is_positive):
            continue
        out[e.base] = math.lcm(out.get(e.base, 1), int(r.q))
    return out


@tactic("inequality", cost=3)
def roots_as_powers(goal: Goal) -> Proof | None:
    """Each positive variable a under a fractional power a^(p/q): a = u^q, u > 0."""
    stmt = goal.statement
    if stmt.has(sp.Sum, sp.Indexed, sp.Limit):
        raise Decline("sums, indexed variables or limits")
    dens = _denominators(stmt)
    if not dens:
        raise Decline("no positive variable under a fractional power")
    subs = {}
    for a, q in sorted(dens.items(), key=lambda kv: sp.default_sort_key(kv[0])):
        u = sp.Dummy(f"{a}_root", positive=True)
        subs[a] = u ** q
    new = type(stmt)(stmt.lhs.xreplace(subs), stmt.rhs.xreplace(subs), evaluate=False)
    given = tuple(g.xreplace(subs) for g in goal.given)
    if any(g is sp.false for g in given):
        raise Decline("the assumptions became false")
    sub = solve_new(goal.sub(new, tuple(g for g in given if g is not sp.true),
                         avoid=("roots_as_powers",)))
    if sub is None:
        raise Decline("not shown once the roots were written as powers")
    steps = [rel(a, "=", val, f"write the positive {a} as a power of a positive variable")
             for a, val in subs.items()]
    return Proof(sub.method + ", roots written as powers", tuple(steps) + sub_steps(sub.steps))


def _sqrt_of(e: sp.Expr) -> sp.Expr | None:
    if isinstance(e, sp.Pow) and e.exp == sp.Rational(1, 2):
        return e.base
    return None


@tactic("inequality", cost=3)
def square_both_sides(goal: Goal) -> Proof | None:
    """√X >= s (s >= 0, X >= 0) as X >= s²; s >= √Y (s >= 0, Y >= 0) as s² >= Y."""
    big, small, strict = oriented(goal)
    given = goal.given
    new = None
    x = _sqrt_of(big)
    if x is not None and sign_under(small, given, False) and sign_under(x, given, False):
        new = make(x, sp.expand(small**2), strict)
    y = _sqrt_of(small)
    if new is None and y is not None and sign_under(big, given, False) and sign_under(
            y, given, False):
        new = make(sp.expand(big**2), y, strict)
    if new is None:
        raise Decline("no square root with both sides known to be non-negative")
    sub = solve_new(goal.sub(new, avoid=("square_both_sides",)))
    if sub is None:
        raise Decline("the squared inequality was not shown")
    return Proof(sub.method + " after squaring", (
        rel(new.lhs, op_of(strict), new.rhs,
            "square both sides (both are non-negative, and squaring is increasing there)"),
    ) + sub_steps(sub.steps))
