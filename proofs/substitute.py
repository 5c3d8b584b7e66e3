"""Putting numbers for the variables of an expression, sums over fixed n expanded."""

from __future__ import annotations

from functools import lru_cache

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


def _at_integers(expr: sp.Basic, ints: frozenset) -> sp.Basic:
    """`expr` with its integer variables replaced and its sums expanded, memoized (by
    srepr as well where a Subs is inside: sympy calls some different Subs equal)."""
    text = sp.srepr(expr) if expr.has(sp.Subs) else ""
    return _at_integers_once(text, expr, ints)


@lru_cache(maxsize=1024)
def _at_integers_once(text: str, expr: sp.Basic, ints: frozenset) -> sp.Basic:
    """`expr` with its integer variables replaced and its sums expanded (the expensive
    half of `instantiate`; the sampler meets the same integers at many points)."""
    return expand_sums(expr.subs(dict(ints)))


def instantiate(expr: sp.Basic, point: Point) -> sp.Basic:
    """`expr` at `point`: integer variables first (dimensions, indices; then sums and
    Kronecker deltas are expanded), then every other variable."""
    point = {k: sp.sympify(v) for k, v in point.items()}
    ints = {k: v for k, v in point.items() if _is_int_key(k)}
    out = sp.sympify(expr)
    if ints:
        out = _at_integers(out, frozenset(ints.items()))
    rest = {k: v for k, v in point.items() if not _is_int_key(k)}
    if rest:
        out = expand_sums(out.xreplace(rest))
    return out


