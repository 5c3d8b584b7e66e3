"""Derivatives and values at a point, kept unevaluated for the sheet: `partial`, `at`.

`partial(f, x)` is the derivative of f with respect to x and `partial(f, x, point)` its
value at a point; `at(f, point)` is f at a point. Each is an `At` (a sympy `Subs` whose
bound variables are fresh copies), so that substituting numbers for the free variables
never lands inside a `Derivative`, and so that it evaluates with `evalf` inside sums
(`Subs` itself only evaluates on its own). `doit()` gives the value.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from proofs.serial import register


@register
class At(sp.Subs):
    """`expr` with its bound variables at `point`; prints as the original expression."""

    def _eval_evalf(self, prec: int) -> sp.Expr | None:
        return self.doit()._eval_evalf(prec)

    def _original(self) -> tuple[sp.Expr, list[tuple[sp.Symbol, sp.Expr]]]:
        back = {d: sp.Symbol(d.name, real=True) for d in self.variables}
        pairs = [(back[d], p) for d, p in zip(self.variables, self.point, strict=True)
                 if back[d] != p]
        return self.expr.xreplace(back), pairs

    def _latex(self, printer) -> str:
        expr, pairs = self._original()
        body = printer._print(expr)
        if not pairs:
            return body
        where = ", ".join(f"{printer._print(v)}={printer._print(p)}" for v, p in pairs)
        return rf"\left. {body} \right|_{{{where}}}"

    def _sympystr(self, printer) -> str:
        expr, pairs = self._original()
        body = printer._print(expr)
        if not pairs:
            return body
        return body + " at " + ", ".join(f"{printer._print(v)}={printer._print(p)}"
                                         for v, p in pairs)


def _bind(f: sp.Expr, names: list[sp.Symbol]) -> tuple[sp.Expr, dict]:
    fresh = {s: sp.Dummy(s.name, real=True) for s in names}
    return f.xreplace(fresh), fresh


def at(f: sp.Expr, point: Mapping[sp.Symbol, sp.Expr]) -> At:
    """f at `point` (unevaluated)."""
    keys = list(point)
    g, fresh = _bind(f, keys)
    return At(g, tuple(fresh[k] for k in keys), tuple(sp.sympify(point[k]) for k in keys))


def partial(f: sp.Expr, x: sp.Symbol, point: Mapping[sp.Symbol, sp.Expr] | None = None) -> At:
    """∂f/∂x, at `point` when given (otherwise at the free x itself)."""
    point = dict(point) if point is not None else {x: x}
    keys = list(dict.fromkeys([x, *point]))
    g, fresh = _bind(f, keys)
    pts = tuple(sp.sympify(point.get(k, k)) for k in keys)
    return At(sp.Derivative(g, fresh[x]), tuple(fresh[k] for k in keys), pts)
