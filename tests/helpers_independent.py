"""Independent re-evaluation for tests: mpmath through lambdify, not the engine's code."""

from __future__ import annotations

import mpmath
import sympy as sp


def value_at(expr: sp.Expr, point: dict, dps: int = 40):
    """expr at point, evaluated by mpmath (lambdify), independently of proofs.numeric."""
    syms = sorted(point, key=sp.default_sort_key)
    with mpmath.workdps(dps):
        f = sp.lambdify(syms, expr, modules="mpmath")
        return f(*[mpmath.mpmathify(sp.N(point[s], dps)) for s in syms])


def holds_at(relation: sp.Basic, point: dict, dps: int = 40, tol: float = 1e-25) -> bool:
    """Truth of `lhs op rhs` at point by mpmath; equality within tol."""
    with mpmath.workdps(dps):
        d = value_at(relation.lhs - relation.rhs, point, dps)
        if isinstance(relation, sp.Eq):
            return abs(d) < tol
        if isinstance(relation, sp.Ne):
            return abs(d) > tol
        if isinstance(relation, sp.StrictGreaterThan):
            return d > tol
        if isinstance(relation, sp.GreaterThan):
            return d > -tol
        if isinstance(relation, sp.StrictLessThan):
            return d < -tol
        if isinstance(relation, sp.LessThan):
            return d < tol
    raise TypeError(relation)


def meets_assumptions(point: dict, given=()) -> bool:
    """Every value respects its symbol's assumptions, and every given relation holds."""
    for sym, val in point.items():
        if not isinstance(sym, sp.Symbol):
            continue
        for name in ("positive", "negative", "nonnegative", "nonpositive", "integer", "real"):
            if getattr(sym, f"is_{name}") and getattr(sp.sympify(val), f"is_{name}") is False:
                return False
    return all(holds_at(g, point, tol=0) if not isinstance(g, sp.Eq) else holds_at(g, point)
               for g in given)
