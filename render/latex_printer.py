"""sympy's LaTeX printer, adjusted where its defaults read badly on a solution sheet.

    >>> import sympy as sp
    >>> from render.latex_printer import latex
    >>> latex(sp.Function("softmax")(sp.Symbol("o")))
    '\\\\operatorname{softmax}\\\\left(o\\\\right)'
    >>> latex(sp.IndexedBase("o")[sp.Symbol("j")])
    'o_{j}'
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

# function name (as sympy knows it) -> how the sheet writes it
FUNCTION_NAMES: dict[str, str] = {
    "softmax": r"\operatorname{softmax}",
    "softmin": r"\operatorname{softmin}",
    "RealSoftMax": r"\operatorname{RealSoftMax}",
    "RealSoftMin": r"\operatorname{RealSoftMin}",
    "LSE": r"\operatorname{LSE}",
    "logsumexp": r"\operatorname{LSE}",
    "sigma": r"\sigma",
    "sigmoid": r"\sigma",
    "relu": r"\operatorname{ReLU}",
    "ReLU": r"\operatorname{ReLU}",
    "H": r"H",
    "Var": r"\operatorname{Var}",
    "Cov": r"\operatorname{Cov}",
}

# symbol names that stand for a Greek letter under a shorter spelling
SYMBOL_NAMES: dict[str, str] = {"lam": r"\lambda", "lmbda": r"\lambda", "Lambda": r"\Lambda"}


class SheetLatexPrinter(LatexPrinter):
    """LatexPrinter with named operators, plain indexed symbols and λ."""

    printmethod = "_latex"

    def __init__(self, settings: dict[str, Any] | None = None) -> None:
        base = {"ln_notation": False}
        base.update(settings or {})
        super().__init__(base)

    def _print_Function(self, expr: sp.Function, exp: str | None = None) -> str:
        name = expr.func.__name__
        if name in FUNCTION_NAMES:
            head = FUNCTION_NAMES[name]
            if exp is not None:
                head = f"{head}^{{{exp}}}"
            args = ", ".join(self._print(a) for a in expr.args)
            return rf"{head}\left({args}\right)"
        return super()._print_Function(expr, exp)

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        if expr.name in SYMBOL_NAMES:
            return SYMBOL_NAMES[expr.name]
        return super()._print_Symbol(expr, style)

    def _print_Indexed(self, expr: sp.Indexed) -> str:
        base = self._print(expr.base)
        if base.startswith("{") and base.endswith("}") and base.count("{") == 1:
            base = base[1:-1]
        indices = ",".join(self._print(i) for i in expr.indices)
        return f"{base}_{{{indices}}}"

    def _print_IndexedBase(self, expr: sp.IndexedBase) -> str:
        return self._print(expr.label)

    def _print_Max(self, expr: sp.Max, exp: str | None = None) -> str:
        return self._minmax(r"\max", expr, exp)

    def _print_Min(self, expr: sp.Min, exp: str | None = None) -> str:
        return self._minmax(r"\min", expr, exp)

    def _minmax(self, head: str, expr: sp.Basic, exp: str | None) -> str:
        args = ", ".join(self._print(a) for a in expr.args)
        text = rf"{head}\left({args}\right)"
        return rf"\left({text}\right)^{{{exp}}}" if exp is not None else text

    def _print_Integer(self, expr: sp.Integer) -> str:
        # a 300-digit integer (DBL_MAX, 2^1075) reads better, and exactly, as a product
        # of prime powers when its factors are small
        n = int(expr)
        if abs(n) < 10 ** 24:
            return str(n)
        factors = sp.factorint(abs(n), limit=10 ** 5)
        if max(factors) > 10 ** 12:
            return str(n)
        parts = [f"{p}^{{{e}}}" if e > 1 else str(p) for p, e in sorted(factors.items())]
        return ("-" if n < 0 else "") + r" \cdot ".join(parts)

    def _print_Dummy(self, expr: sp.Dummy) -> str:
        # proof steps name fresh variables _delta1, _t2, ...: print them as δ, t
        return self._print_Symbol(sp.Symbol(expr.name))


def latex(expr: Any, **settings: Any) -> str:
    """LaTeX for a sympy object (or anything sympify-able), with the sheet's conventions."""
    return SheetLatexPrinter(settings).doprint(expr)
