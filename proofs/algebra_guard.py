"""A guard for the polynomial algebra that sympy runs under cancel, together, factor and
simplify: powers with rational exponents become powers of one generator, so
exp(950) beside exp(9000000000009/40000000000) is a polynomial of degree 4·10^13 in
exp(1/40000000000), on which sympy's gcd runs for ever or dies of a floating-point
signal (SIGFPE, with python-flint's ground types). Such a statement is left to the
numbers; no tactic touches it.
"""

from __future__ import annotations

from math import lcm

import sympy as sp

MAX_DEGREE = 10**6


def _exponents(expr: sp.Basic) -> dict[sp.Basic, list[sp.Rational]]:
    """The rational exponents of each base (exp counts as the base e)."""
    out: dict[sp.Basic, list[sp.Rational]] = {}
    for e in sp.preorder_traversal(expr):
        if isinstance(e, sp.exp):
            base, ex = sp.E, e.args[0]
        elif isinstance(e, sp.Pow):
            base, ex = e.base, e.exp
        else:
            continue
        for term in sp.Add.make_args(ex):
            coeff = term.as_coeff_Mul()[0]
            if coeff.is_Rational and coeff != 0:
                out.setdefault(base, []).append(coeff)
    return out


def too_large_for_algebra(expr: sp.Basic) -> str | None:
    """Why the polynomial algebra under `expr` would be of an impractical degree, or None."""
    for base, rs in _exponents(expr).items():
        common = lcm(*(int(r.q) for r in rs))
        degree = max(abs(int(r.p)) * (common // int(r.q)) for r in rs)
        if common > 1 and degree > MAX_DEGREE:
            return (f"the exponents of {sp.sstr(base)} ({', '.join(sp.sstr(r) for r in rs[:3])}) "
                    f"make a polynomial of degree about {degree:.1e}; left to the numbers")
    return None
