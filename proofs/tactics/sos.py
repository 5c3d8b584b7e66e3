"""A polynomial written as a sum of squares through a Gram matrix of monomials.

For a polynomial p with rational coefficients, `sum_of_squares` takes as basis z the
monomials whose squares appear in p with a positive coefficient, spreads each other
coefficient of p evenly over the pairs z_i z_j that give its monomial, and obtains a
rational symmetric Q with p = zᵀQz (checked by expanding). An exact LDLᵀ elimination of
Q then either fails (a negative pivot) or gives p = Σ d_i (l_i·z)² with every d_i >= 0:
a sum of squares, shown in the step. This is Cauchy-Schwarz by Lagrange's identity, and
every positive semidefinite quadratic form.
"""

from __future__ import annotations

from itertools import combinations_with_replacement

import sympy as sp

from .. import budget
from ..search import Decline, Goal, tactic
from ..verdict import Proof, rel
from .inequality import oriented

MAX_BASIS = 16


def _ldl(q: sp.Matrix) -> tuple[sp.Matrix, list[sp.Rational]] | None:
    """Q = L·diag(d)·Lᵀ with L unit lower triangular, exactly; None when Q is not
    positive semidefinite (a negative pivot, or a zero pivot with a non-zero row)."""
    a = sp.Matrix(q)
    n = a.shape[0]
    low = sp.eye(n)
    d: list[sp.Rational] = []
    for i in range(n):
        budget.check()
        piv = a[i, i]
        if piv < 0:
            return None
        if piv == 0:
            if any(a[i, j] != 0 for j in range(i + 1, n)):
                return None
            d.append(sp.Integer(0))
            continue
        d.append(piv)
        for r in range(i + 1, n):
            low[r, i] = a[r, i] / piv
        for r in range(i + 1, n):
            for c in range(i + 1, n):
                a[r, c] -= low[r, i] * piv * low[c, i]
    return low, d


def gram_sos(p: sp.Expr, gens: list[sp.Symbol]) -> list[tuple[sp.Rational, sp.Expr]] | None:
    """[(d_i, s_i)] with p = Σ d_i s_i², d_i > 0 rational, or None."""
    try:
        poly = sp.Poly(p, *gens, domain=sp.QQ)
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsError):
        return None
    terms = dict(poly.terms())
    basis = [tuple(e // 2 for e in m) for m, c in terms.items()
             if all(e % 2 == 0 for e in m) and c > 0]
    basis.sort()
    if not basis or len(basis) > MAX_BASIS:
        return None
    pairs: dict[tuple, list[tuple[int, int]]] = {}
    for i, j in combinations_with_replacement(range(len(basis)), 2):
        m = tuple(x + y for x, y in zip(basis[i], basis[j], strict=True))
        pairs.setdefault(m, []).append((i, j))
    n = len(basis)
    q = sp.zeros(n, n)
    for m, c in terms.items():
        options = pairs.get(m)
        if not options:
            return None  # a monomial no pair of the basis gives
        share = sp.Rational(c) / len(options)
        for i, j in options:
            if i == j:
                q[i, i] += share
            else:
                q[i, j] += share / 2
                q[j, i] += share / 2
    z = sp.Matrix([sp.Mul(*[g**e for g, e in zip(gens, b, strict=True)]) for b in basis])
    if sp.expand((z.T * q * z)[0, 0] - p) != 0:
        return None
    got = _ldl(q)
    if got is None:
        return None
    low, d = got
    out = []
    for i in range(n):
        if d[i] == 0:
            continue
        out.append((d[i], sp.expand((low[:, i].T * z)[0, 0])))
    if sp.expand(sp.Add(*[c * s**2 for c, s in out]) - p) != 0:
        return None  # the identity is checked, not assumed
    return out


@tactic("inequality", cost=4)
def sum_of_squares(goal: Goal) -> Proof | None:
    """big - small, a polynomial with rational coefficients, is a sum of squares."""
    big, small, strict = oriented(goal)
    if strict:
        raise Decline("a sum of squares shows >= only")
    d = sp.expand(big - small)
    gens = sorted(d.free_symbols, key=sp.default_sort_key)
    if not gens or d.has(sp.Indexed, sp.Sum, sp.Float) or not d.is_polynomial(*gens):
        raise Decline("not a polynomial")
    parts = gram_sos(d, gens)
    if not parts:
        raise Decline("no sum of squares found through the Gram matrix of monomials")
    sos = sp.Add(*[c * s**2 for c, s in parts], evaluate=False)
    return Proof("a sum of squares", (
        rel(big - small, "=", sos, "a Gram matrix of monomials, LDLᵀ exactly"),
        rel(sos, ">=", 0, "a sum of squares with positive coefficients"),
    ))
