"""Putting numbers for the variables of an expression, sums over fixed n expanded."""

from __future__ import annotations

import sympy as sp

Point = dict[sp.Basic, sp.Expr]


def expand_sums(expr: sp.Basic) -> sp.Basic:
    """Expand sums and products whose bounds are numbers (nothing else is evaluated)."""
    if not expr.has(sp.Sum, sp.Product):
        return expr
    return expr.replace(
        lambda e: isinstance(e, (sp.Sum, sp.Product))
        and all(b.is_number for lim in e.limits for b in lim[1:]),
        lambda e: e.doit(deep=False),
    )


def _is_int_key(k: sp.Basic) -> bool:
    return isinstance(k, sp.Symbol) and bool(k.is_integer)


def instantiate(expr: sp.Basic, point: Point) -> sp.Basic:
    """`expr` at `point`: integer variables first (dimensions, indices; then sums and
    Kronecker deltas are expanded), then every other variable."""
    point = {k: sp.sympify(v) for k, v in point.items()}
    ints = {k: v for k, v in point.items() if _is_int_key(k)}
    out = sp.sympify(expr)
    if ints:
        out = expand_sums(out.subs(ints))
    rest = {k: v for k, v in point.items() if not _is_int_key(k)}
    if rest:
        out = expand_sums(out.xreplace(rest))
    return out


