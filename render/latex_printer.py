"""sympy's LaTeX printer, adjusted where its defaults read badly on a solution sheet.

    >>> import sympy as sp
    >>> from render.latex_printer import latex
    >>> latex(sp.Function("softmax")(sp.Symbol("o")))
    '\\\\operatorname{softmax}\\\\left(o\\\\right)'
    >>> latex(sp.IndexedBase("o")[sp.Symbol("j")])
    'o_{j}'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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
        if name.startswith("fl64_"):  # proofs.float64's computations, as their claims read
            args = ", ".join(self._print(a) for a in expr.args)
            call = rf"\mathtt{{{name[5:].replace('_', chr(92) + '_')}}}({args})"
            return rf"\operatorname{{fl}}_{{64}}\left({call}\right)"
        if name in FUNCTION_NAMES:
            head = FUNCTION_NAMES[name]
        elif "_" in name and not re.fullmatch(r"[A-Za-z]+_?[A-Za-z0-9]?\d*", name):
            # stable_softmax, not stable with the subscript "softmax"
            head = rf"\operatorname{{{name.replace('_', chr(92) + '_')}}}"
        else:
            return super()._print_Function(expr, exp)
        if exp is not None:
            head = f"{head}^{{{exp}}}"
        args = ", ".join(self._print(a) for a in expr.args)
        return rf"{head}\left({args}\right)"

    def _print_log(self, expr: sp.log, exp: str | None = None) -> str:
        (arg,) = expr.args
        if not (isinstance(arg, sp.Integer) and arg > 0):
            return super()._print_log(expr, exp)
        head = r"\log" if exp is None else rf"\log^{{{exp}}}"  # one pair of parentheses
        return rf"{head}{{\left({integer_text(int(arg))} \right)}}"

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
        text = integer_text(int(expr))
        return rf"\left({text}\right)" if text[0] != "-" and (" - " in text or " + " in text) \
            else text

    def _print_Rational(self, expr: sp.Rational) -> str:
        if expr.q == 1 or max(abs(expr.p), expr.q) < 10 ** 24:
            return super()._print_Rational(expr)
        sign = "- " if expr.p < 0 else ""
        return rf"{sign}\frac{{{integer_text(abs(expr.p))}}}{{{integer_text(expr.q)}}}"

    def _print_Pow(self, expr: sp.Pow) -> str:
        base = expr.base
        text = integer_text(int(base)) if isinstance(base, sp.Integer) else ""
        if text and text != str(base) and expr.exp != sp.Rational(1, 2):
            # 2^{1075} (or 2^{1024} - 2^{971}, sign and all) as a base needs parentheses
            return rf"\left({text}\right)^{{{self._print(expr.exp)}}}"
        return super()._print_Pow(expr)

    def _print_Dummy(self, expr: sp.Dummy) -> str:
        # proof steps name fresh variables _delta1, _t2, ...: print them as δ, t
        return self._print_Symbol(sp.Symbol(expr.name))


def integer_text(n: int) -> str:
    """An integer as LaTeX, exactly: in full when short; a long one (DBL_MAX, 2^1075) as
    a sum or difference of two powers of 2 when it is one (`2^{1024} - 2^{971}`), else as
    a product of prime powers when its factors are small, else in full."""
    if abs(n) < 10 ** 24:
        return str(n)
    if n < 0:
        text = integer_text(-n)
        return rf"-\left({text}\right)" if " - " in text or " + " in text else "-" + text
    low = (n & -n).bit_length() - 1
    odd = n >> low
    if odd == 1:
        return f"2^{{{low}}}"
    for other, op in ((odd + 1, " - "), (odd - 1, " + ")):
        if other & (other - 1) == 0:  # odd = 2^k ∓ 1
            high = low + other.bit_length() - 1
            return f"2^{{{high}}}{op}" + (f"2^{{{low}}}" if low else "1")
    factors = sp.factorint(n, limit=10 ** 5)
    if max(factors) > 10 ** 12:
        return str(n)
    return r" \cdot ".join(f"{p}^{{{e}}}" if e > 1 else str(p)
                           for p, e in sorted(factors.items()))


_PRINTED: ContextVar[dict | None] = ContextVar("latex_printed", default=None)


@contextmanager
def printed_once() -> Iterator[None]:
    """Inside the block, `latex` prints each sympy object once per settings and hands the
    same text back when asked again for that very object (not for an equal one: sympy
    calls some different expressions equal). A sheet's pieces ask for the same statement
    or step several times, and its LaTeX, Markdown and notebook all print it."""
    token = _PRINTED.set({})
    try:
        yield
    finally:
        _PRINTED.reset(token)


def latex(expr: Any, **settings: Any) -> str:
    """LaTeX for a sympy object (or anything sympify-able), with the sheet's conventions."""
    printed = _PRINTED.get()
    if printed is None or not isinstance(expr, sp.Basic):  # (a mutable matrix may change)
        return SheetLatexPrinter(settings).doprint(expr)
    try:
        key = (id(expr), tuple(sorted(settings.items())))
        known = printed.get(key)
    except TypeError:  # a setting that cannot be a key
        return SheetLatexPrinter(settings).doprint(expr)
    if known is None:
        # the entry keeps `expr` alive, so no other object can take its id in the block
        known = printed[key] = (expr, SheetLatexPrinter(settings).doprint(expr))
    return known[1]
