"""Where expressions are defined and smooth: the side conditions of the engine's moves.

`undefined_points` names the denominators of a statement that may vanish (a proof by
cancelling them holds only where both sides are defined); `smooth_reason` shows that an
expression is infinitely differentiable in one real variable on the whole domain its
assumptions allow, or declines, so that calculus arguments (a minimum from the sign of
the derivative) never step over a pole or a jump.
"""

from __future__ import annotations

from contextlib import ExitStack

import sympy as sp

from .positivity import assumed_interval, known_sign, on_interval, sign_on, sign_reason

_BINDERS = (sp.Limit, sp.Sum, sp.Product, sp.Derivative, sp.Integral, sp.Subs)

# functions smooth on the whole real line
_SMOOTH = (sp.exp, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.asinh, sp.erf,
           sp.erfc)


def _denominators(expr: sp.Basic) -> list[sp.Expr]:
    found = []
    for e in sp.preorder_traversal(expr):
        if isinstance(e, sp.Pow) and e.exp.is_number and e.exp.is_negative:
            found.append(e.base)
    return found


def _nonzero_shown(d: sp.Expr, given: tuple[sp.Basic, ...]) -> bool:
    if sign_reason(d, True) or sign_reason(-d, True):
        return True
    for g in given:
        if isinstance(g, (sp.Gt, sp.Lt, sp.Ne)):
            diff = sp.expand(g.lhs - g.rhs)
            if sp.expand(diff - d) == 0 or sp.expand(diff + d) == 0:
                return True
    return False


def _readable(d: sp.Expr) -> sp.Basic:
    """`Ne(x, 1)` for a denominator x - 1 (linear in one variable) or log(x), else
    `Ne(d, 0)`."""
    if isinstance(d, sp.log) and d.args[0].is_Symbol:  # log(r) ≠ 0: r ≠ 1
        return sp.Ne(d.args[0], 1, evaluate=False)
    free = [s for s in d.free_symbols if isinstance(s, sp.Symbol)]
    if len(free) == 1 and d.is_polynomial(free[0]) and sp.degree(d, free[0]) == 1:
        x = free[0]
        a, b = sp.Poly(d, x).all_coeffs()
        return sp.Ne(x, -b / a, evaluate=False)
    return sp.Ne(d, 0, evaluate=False)


def undefined_points(statement: sp.Basic, given: tuple[sp.Basic, ...] = ()
                     ) -> tuple[sp.Basic, ...]:
    """Conditions `Ne(...)` for each denominator of the statement (outside limits, sums
    and derivatives, whose variables are bound) not shown to be non-zero."""
    bound: set[sp.Basic] = set()
    for b in statement.atoms(*_BINDERS):
        bound |= {v for v in b.atoms(sp.Symbol) if v not in b.free_symbols}
    out = []
    for d in _denominators(statement):
        if d.is_number or d.free_symbols & bound or d.has(*_BINDERS):
            continue
        if not _nonzero_shown(d, given):
            out.append(_readable(d))
    return tuple(dict.fromkeys(out))


def smooth_reason(expr: sp.Expr, x: sp.Symbol, interval: sp.Interval | None = None
                  ) -> str | None:
    """Why `expr` is infinitely differentiable in `x` at every value the assumptions
    allow (every other symbol fixed), or, with `interval` (inside those values, `expr`
    free of other variables), at every point of the interval; None when not shown."""
    if not expr.has(x):
        return "constant in the variable"
    if interval is not None and expr.free_symbols - {x}:
        interval = None

    def positive(e: sp.Expr) -> bool:
        if interval is None:
            return bool(sign_reason(e, True))
        return bool(sign_on(e, x, interval, True))

    return ("built from functions smooth where they are used"
            if _smooth(expr, x, positive) else None)


def _smooth(e: sp.Expr, x: sp.Symbol, positive) -> bool:
    if not e.has(x):
        return True
    if e == x:
        return True
    if e.is_Add or e.is_Mul:
        return all(_smooth(a, x, positive) for a in e.args)
    if e.is_Pow:
        base, ex = e.args
        if not (_smooth(base, x, positive) and _smooth(ex, x, positive)):
            return False
        if ex.is_Integer and ex >= 0:
            return True
        if ex.is_Integer:
            return positive(base) or positive(-base)
        return positive(base)  # real powers: a positive base
    if isinstance(e, _SMOOTH):
        return all(_smooth(a, x, positive) for a in e.args)
    if isinstance(e, sp.log):
        return _smooth(e.args[0], x, positive) and positive(e.args[0])
    return False


def interval_of(x: sp.Symbol, given: tuple[sp.Basic, ...] = ()) -> sp.Interval:
    """An interval holding every value of the real variable `x` that its assumptions and
    the relations of `given` in `x` alone (affine, with numbers as coefficients) allow.
    Other relations, and ends whose order cannot be certified, are not read, so the
    interval may be larger than the true domain (a proof over it covers the domain)."""
    base = assumed_interval(x)
    lo, hi, lo_open, hi_open = base.start, base.end, base.left_open, base.right_open
    for g in given:
        if not isinstance(g, (sp.Gt, sp.Ge, sp.Lt, sp.Le)) or g.free_symbols != {x}:
            continue
        d = sp.expand(g.lhs - g.rhs)  # d > 0, d >= 0, d < 0 or d <= 0
        if not d.is_polynomial(x) or sp.degree(d, x) != 1:
            continue
        a = d.coeff(x, 1)
        b = d - a * x
        sa = known_sign(a) if a.is_number and b.is_number else None
        if not sa:
            continue
        if d.has(sp.Float):
            continue
        c = -b / a
        upper = isinstance(g, (sp.Lt, sp.Le)) == (sa > 0)  # the relation reads x <= c
        strict = isinstance(g, (sp.Gt, sp.Lt))
        if upper:
            order = 1 if hi == sp.oo else known_sign(hi - c)
            if order is None:
                continue
            if order > 0 or (order == 0 and strict):
                hi, hi_open = c, strict
        else:
            order = 1 if lo == -sp.oo else known_sign(c - lo)
            if order is None:
                continue
            if order > 0 or (order == 0 and strict):
                lo, lo_open = c, strict
    if lo != -sp.oo and hi != sp.oo:
        order = known_sign(hi - lo)
        if order is None:
            return sp.Interval(base.start, base.end, base.left_open, base.right_open)
        if order < 0 or (order == 0 and (lo_open or hi_open)):
            return sp.EmptySet
    return sp.Interval(lo, hi, lo_open, hi_open)


def sign_under(e: sp.Expr, given: tuple[sp.Basic, ...], strict: bool) -> str | None:
    """Why `e` > 0 (or >= 0) for every value the assumptions allow, each variable held
    to the interval that the relations of `given` in it alone give (`interval_of`)."""
    held = []
    for x in sorted(e.free_symbols, key=sp.default_sort_key):
        if not isinstance(x, sp.Symbol) or not x.is_real:
            continue
        interval = interval_of(x, given)
        if interval != assumed_interval(x) and isinstance(interval, sp.Interval):
            held.append((x, interval))
    if not held:
        return sign_reason(e, strict)
    with ExitStack() as stack:
        for x, interval in held:
            stack.enter_context(on_interval(x, interval))
        return sign_reason(e, strict)
