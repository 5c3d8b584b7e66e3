"""Polynomials in positive variables by the weighted AM-GM inequality on monomials.

For positive y_i and weights w_i >= 0 summing to 1, Σ w_i y_i >= Π y_i^{w_i}: the
tangent e^u >= e^m (1 + u - m) (lemma exp-above-tangent) at the weighted mean m of the
logs u_i = log y_i, summed with the weights. So when p = Σ c_i m_i - Σ e_j n_j (monomials
of positive variables, c_i, e_j > 0) and weights w_ij >= 0 exist with

    Σ_j w_ij <= c_i,   Σ_i w_ij = e_j,   Σ_i w_ij α_i = e_j β_j   (α, β the exponents),

then Σ_i w_ij m_i >= e_j n_j for each j (AM-GM with weights w_ij / e_j), and p >= 0.
`monomial_am_gm` finds the w_ij with sympy's exact rational simplex and checks them
with rational arithmetic before it uses them (the solver is never trusted).
"""

from __future__ import annotations

import sympy as sp
from sympy.solvers.simplex import linprog

from .. import budget
from ..lemmas import available
from ..search import Decline, Goal, tactic
from ..verdict import Proof, rel
from .inequality import op_of, oriented

MAX_TERMS = 40


def am_gm_weights(p: sp.Expr, gens: list[sp.Symbol]
                  ) -> tuple[list, list, dict[tuple[int, int], sp.Rational]] | None:
    """(positive terms, negative terms, weights w_ij) certifying p >= 0 by AM-GM, or
    None. Terms are (coefficient, exponent tuple)."""
    try:
        poly = sp.Poly(p, *gens, domain=sp.QQ)
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsError):
        return None
    terms = poly.terms()
    if len(terms) > MAX_TERMS:
        return None
    pos = [(sp.Rational(c), m) for m, c in terms if c > 0]
    neg = [(sp.Rational(-c), m) for m, c in terms if c < 0]
    if not neg:
        return pos, neg, {}
    if not pos:
        return None
    pairs = [(i, j) for j in range(len(neg)) for i in range(len(pos))]
    nv = len(pairs)
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    for i, (c, _) in enumerate(pos):
        a_ub.append([1 if pi == i else 0 for pi, _ in pairs])
        b_ub.append(c)
    for j, (e, beta) in enumerate(neg):
        a_eq.append([1 if pj == j else 0 for _, pj in pairs])
        b_eq.append(e)
        for k in range(len(gens)):
            a_eq.append([pos[pi][1][k] if pj == j else 0 for pi, pj in pairs])
            b_eq.append(e * beta[k])
    budget.check()
    try:
        _, sol = linprog(sp.Matrix([[0] * nv]), sp.Matrix(a_ub), sp.Matrix(b_ub),
                         sp.Matrix(a_eq), sp.Matrix(b_eq))
    except Exception:  # infeasible (sympy raises), or the solver gave up
        return None
    w = {pair: sp.Rational(v) for pair, v in zip(pairs, sol, strict=True)}
    # the certificate, checked exactly
    if any(v < 0 for v in w.values()):
        return None
    for i, (c, _) in enumerate(pos):
        if sum(w[(i, j)] for j in range(len(neg))) > c:
            return None
    for j, (e, beta) in enumerate(neg):
        if sum(w[(i, j)] for i in range(len(pos))) != e:
            return None
        for k in range(len(gens)):
            if sum(w[(i, j)] * pos[i][1][k] for i in range(len(pos))) != e * beta[k]:
                return None
    return pos, neg, w


@tactic("inequality", cost=4)
def monomial_am_gm(goal: Goal) -> Proof | None:
    """big - small, a polynomial in positive variables, is >= 0 by weighted AM-GM on its
    monomials (weights found by exact linear programming and checked)."""
    if not available("exp-above-tangent"):
        raise Decline("the lemma exp-above-tangent is not available here")
    big, small, strict = oriented(goal)
    d = sp.expand(big - small)
    gens = sorted(d.free_symbols, key=sp.default_sort_key)
    if not gens or not all(g.is_positive for g in gens) or d.has(
            sp.Indexed, sp.Sum, sp.Float) or not d.is_polynomial(*gens):
        raise Decline("not a polynomial in positive variables")
    got = am_gm_weights(d, gens)
    if got is None:
        raise Decline("no AM-GM weights on the monomials")
    pos, neg, w = got
    left = {i: c - sum(w[(i, j)] for j in range(len(neg))) for i, (c, _) in enumerate(pos)}
    if strict and not any(v > 0 for v in left.values()):
        raise Decline("AM-GM gives >= only (nothing is left over)")

    def mono(m: tuple) -> sp.Expr:
        return sp.Mul(*[g**e for g, e in zip(gens, m, strict=True)])

    steps = []
    for j, (e, beta) in enumerate(neg):
        lhs = sp.Add(*[w[(i, j)] * mono(pos[i][1]) for i in range(len(pos))
                       if w[(i, j)] != 0])
        steps.append(rel(lhs, ">=", e * mono(beta),
                         "weighted AM–GM (from e^u ≥ 1 + u at the weighted mean of the "
                         "logarithms, lemma exp-above-tangent): the exponents average to "
                         "those of the right side"))
    steps.append(rel(big - small, op_of(strict), 0,
                     "the sum of these, and the monomials left over are positive"))
    return Proof("weighted AM–GM on the monomials", tuple(steps))
