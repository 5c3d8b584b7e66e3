"""Sums whose terms are held by a given total: each term lies between 0 and the total.

When `given` says Σ_k p_k = S over a range, with every p_k >= 0 (the base's assumption),
each p_k is one of the terms, so 0 <= p_k <= S. `terms_within_their_sum` writes the
goal as c + Σ_k f(p_k) >= 0 over the same range, spreads the constant over the terms
(c = Σ_k c·p_k / S), and shows c·t/S + f(t) >= 0 for every t in [0, S] (or (0, S] for
positive p) as a one-variable subgoal: then every term is non-negative, and so is the
sum. This is how -Σ p_k log p_k >= 0 and Σ p_k² <= 1 follow from Σ p_k = 1.
"""

from __future__ import annotations

import sympy as sp

from ..search import Decline, Goal, sub_steps, tactic
from ..verdict import Proof, rel
from .inequality import op_of, oriented
from .subgoals import solve_new
from .tangent import merge_sums


def _total(given: tuple[sp.Basic, ...], k: sp.Symbol, lo: sp.Expr, hi: sp.Expr
           ) -> tuple[sp.IndexedBase, sp.Expr, sp.Basic] | None:
    """(p, S, the relation) for a given Σ_{j=lo}^{hi} p_j = S, p_j >= 0, S a positive
    number."""
    for g in given:
        if not isinstance(g, sp.Eq):
            continue
        for side, other in ((g.lhs, g.rhs), (g.rhs, g.lhs)):
            if not (isinstance(side, sp.Sum) and len(side.limits) == 1):
                continue
            j, a, b = side.limits[0]
            body = side.function
            if (a, b) != (lo, hi) or not isinstance(body, sp.Indexed) or body.indices != (j,):
                continue
            base = body.base
            if not (base.assumptions0.get("nonnegative") or base.assumptions0.get("positive")):
                continue
            if other.is_number and other.is_Rational and other > 0:
                return base, other, g
    return None


@tactic("inequality", cost=3)
def terms_within_their_sum(goal: Goal) -> Proof | None:
    """c + Σ_k f(p_k) >= 0 with Σ_k p_k = S given: each term c·p_k/S + f(p_k) >= 0 for
    p_k in [0, S]."""
    big, small, strict = oriented(goal)
    if strict:
        raise Decline("shows >= only")
    d, _ = merge_sums(big - small)
    sums = [t for t in sp.Add.make_args(d) if isinstance(t, sp.Sum)]
    rest = sp.Add(*[t for t in sp.Add.make_args(d) if not isinstance(t, sp.Sum)])
    if len(sums) != 1 or len(sums[0].limits) != 1 or rest.has(sp.Sum, sp.Indexed):
        raise Decline("not a constant plus one sum")
    s = sums[0]
    k, lo, hi = s.limits[0]
    if k in rest.free_symbols:
        raise Decline("the constant depends on the index")
    found = _total(goal.given, k, lo, hi)
    if found is None:
        raise Decline("no given total of non-negative terms over the same range")
    p, total, rel_ = found
    body = s.function
    if body.atoms(sp.Indexed) != {p[k]} or body.free_symbols - {k} - p[k].free_symbols - (
            rest.free_symbols):
        raise Decline("the terms are not functions of p_k alone")
    t = sp.Dummy("t", positive=True) if p.assumptions0.get("positive") else sp.Dummy(
        "t", nonnegative=True)
    term = body.xreplace({p[k]: t}) + rest * t / total
    if term.free_symbols - {t}:
        raise Decline("the terms hold other variables")
    sub = solve_new(goal.sub(sp.Ge(term, 0, evaluate=False), (sp.Le(t, total),)))
    if sub is None:
        raise Decline(f"the term {sp.sstr(term)} >= 0 for t in (0, {total}] was not shown")
    spread = sp.Sum(body + rest * p[k] / total, (k, lo, hi))
    return Proof("each term between 0 and the given total", (
        rel(big - small, "=", spread, "the constant spread over the terms, using {0}", (rel_,)),
        rel(p[k], "<=", total, "one of the non-negative terms of {0}", (rel_.lhs,)),
        rel(term, op_of(False), 0, f"for {{0}} in {{1}}: {sub.method}",
            (sp.Eq(t, p[k], evaluate=False), sp.Interval(0, total))),
        *sub_steps(sub.steps),
        rel(spread, ">=", 0, "a sum of non-negative terms"),
    ))
