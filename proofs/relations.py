"""Relations that sympy does not evaluate: both sides reach the engine and the sheet.

sympy decides `sp.Eq(sp.diff(s, x), s*(1 - s))` on construction and leaves `True`,
so there is nothing left to prove or to print. These build the same relations
unevaluated, as `evaluate=False` does:

    >>> import sympy as sp
    >>> from proofs import Eq
    >>> x = sp.Symbol("x", real=True)
    >>> s = 1 / (1 + sp.exp(-x))
    >>> sp.Eq(sp.diff(s, x), s * (1 - s))
    True
    >>> Eq(sp.diff(s, x), s * (1 - s)).rhs == s * (1 - s)
    True

Strings are refused (nothing is parsed or evaluated): build the sides from symbols.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.core.relational import Relational

__all__ = ["Eq", "Ge", "Gt", "Le", "Lt", "Ne"]


def _side(value: Any, which: str, name: str) -> sp.Basic:
    if isinstance(value, str):
        raise TypeError(f"{name} needs sympy expressions, not the string {value!r} "
                        "(build it from symbols: x = sympy.Symbol('x', real=True))")
    try:
        return sp.sympify(value, strict=True)
    except sp.SympifyError:
        raise TypeError(f"the {which} side of {name} is not a sympy expression: "
                        f"{type(value).__name__}") from None


def _relation(kind: type[Relational], name: str, lhs: Any, rhs: Any) -> Relational:
    return kind(_side(lhs, "left", name), _side(rhs, "right", name), evaluate=False)


def Eq(lhs: Any, rhs: Any) -> sp.Equality:
    """lhs = rhs, unevaluated."""
    return _relation(sp.Eq, "Eq", lhs, rhs)


def Ne(lhs: Any, rhs: Any) -> sp.Unequality:
    """lhs ≠ rhs, unevaluated."""
    return _relation(sp.Ne, "Ne", lhs, rhs)


def Lt(lhs: Any, rhs: Any) -> sp.StrictLessThan:
    """lhs < rhs, unevaluated."""
    return _relation(sp.Lt, "Lt", lhs, rhs)


def Le(lhs: Any, rhs: Any) -> sp.LessThan:
    """lhs ≤ rhs, unevaluated."""
    return _relation(sp.Le, "Le", lhs, rhs)


def Gt(lhs: Any, rhs: Any) -> sp.StrictGreaterThan:
    """lhs > rhs, unevaluated."""
    return _relation(sp.Gt, "Gt", lhs, rhs)


def Ge(lhs: Any, rhs: Any) -> sp.GreaterThan:
    """lhs ≥ rhs, unevaluated."""
    return _relation(sp.Ge, "Ge", lhs, rhs)
