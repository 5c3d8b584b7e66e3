"""Where expressions are defined and smooth: the side conditions of the engine's moves.

`undefined_points` names the denominators of a statement that may vanish (a proof by
cancelling them holds only where both sides are defined); `smooth_reason` shows that an
expression is infinitely differentiable in one real variable on the whole domain its
assumptions allow, or declines, so that calculus arguments (a minimum from the sign of
the derivative) never step over a pole or a jump.
"""

from __future__ import annotations

import sympy as sp

from .positivity import sign_reason

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


def smooth_reason(expr: sp.Expr, x: sp.Symbol) -> str | None:
    """Why `expr` is infinitely differentiable in `x` at every value the assumptions
    allow (every other symbol fixed), or None when that is not shown."""
    if not expr.has(x):
        return "constant in the variable"
    return "built from functions smooth where they are used" if _smooth(expr, x) else None


def _smooth(e: sp.Expr, x: sp.Symbol) -> bool:
    if not e.has(x):
        return True
    if e == x:
        return True
    if e.is_Add or e.is_Mul:
        return all(_smooth(a, x) for a in e.args)
    if e.is_Pow:
        base, ex = e.args
        if not (_smooth(base, x) and _smooth(ex, x)):
            return False
        if ex.is_Integer and ex >= 0:
            return True
        if ex.is_Integer:
            return bool(sign_reason(base, True) or sign_reason(-base, True))
        return bool(sign_reason(base, True))  # real powers: a positive base
    if isinstance(e, _SMOOTH):
        return all(_smooth(a, x) for a in e.args)
    if isinstance(e, sp.log):
        return _smooth(e.args[0], x) and bool(sign_reason(e.args[0], True))
    return False
