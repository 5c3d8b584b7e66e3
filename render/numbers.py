"""Numbers as text: exact where short, otherwise certified decimal approximations.

Every approximation comes from ball arithmetic (`proofs.certified`), never from a float:
a finite value prints as a finite decimal however large (`exp(710) ≈ 2.23399476e308`,
`3**100000000 ≈ 2.96460100e47712125`), and no value becomes `inf`.

    >>> import sympy as sp
    >>> approx(sp.exp(710), 9)
    '2.23399476e308'
    >>> approx(sp.Rational(1, 3), 5)
    '0.33333'
    >>> number(sp.Rational(1, 2))
    '1/2 ≈ 0.5'
"""

from __future__ import annotations

import math
import re
from typing import Any

import sympy as sp

from proofs import certified
from proofs.graph import bare

DIGITS = 12
EXACT_CHARS = 60  # longest exact text shown in full in a table


def approx(value: Any, digits: int = DIGITS) -> str | None:
    """`value` to about `digits` significant digits, certified; None when it has no
    certified real value (a variable, outside a domain, or beyond ball arithmetic)."""
    if isinstance(value, float):
        return _decimal(repr(value), digits) if math.isfinite(value) else None
    expr = bare(sp.sympify(value))
    if isinstance(expr, sp.Expr) and expr.is_Rational and expr.q == 1 and \
            int(expr.p).bit_length() < 3 * digits:
        return str(expr.p)
    wanted = int(digits * 3.33) + 8
    got = certified.ball(expr, lambda v: v.rel_accuracy_bits() >= wanted)
    if got is None:
        return None
    v, _bits = got
    if v.is_zero():
        return "0"
    if v.rel_accuracy_bits() < 4:  # a ball around 0: say how small
        return "0 (|value| < " + _decimal(v.rad().str(3, radius=False), 3) + ")"
    return _decimal(v.str(digits, radius=False), digits)


_NUMBER = re.compile(r"([-+]?)(\d*)\.?(\d*)(?:[eE]([-+]?\d+))?")


def _decimal(text: str, digits: int) -> str:
    """A decimal such as `2.5e+308` (any exponent) rewritten: plain notation between
    1e-4 and 1e15, `2.5e308` otherwise, `digits` significant digits, no trailing zeros."""
    m = _NUMBER.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"not a decimal number: {text!r}")
    sign, whole, frac, exp = m.groups()
    figures = (whole + frac).lstrip("0")
    if not figures:
        return "0"
    # the value is 0.figures * 10^point
    point = len(whole) - (len(whole + frac) - len((whole + frac).lstrip("0"))) + int(exp or 0)
    figures = figures[:digits].rstrip("0") or "0"
    sign = "-" if sign == "-" else ""
    exponent = point - 1
    if -5 < exponent < 15:
        if point <= 0:
            return f"{sign}0.{'0' * -point}{figures}"
        whole_part = figures[:point].ljust(point, "0")
        frac_part = figures[point:]
        return f"{sign}{whole_part}" + (f".{frac_part}" if frac_part else "")
    mantissa = figures[0] + ("." + figures[1:] if len(figures) > 1 else "")
    return f"{sign}{mantissa}e{exponent}"


def exact(value: Any, limit: int | None = None) -> str:
    """sympy's plain text of an exact value; with `limit`, a longer text keeps its two
    ends around an ellipsis."""
    text = " ".join(sp.sstr(value).split())
    if limit is not None and len(text) > limit:
        keep = (limit - 1) // 2
        text = text[:keep] + "…" + text[-keep:]
    return text


def number(value: Any, digits: int = DIGITS) -> str:
    """A table cell: `3`, `1/2 ≈ 0.5`, `exp(710) ≈ 2.23399476e308`, a float to `digits`
    digits; the exact part shortened past EXACT_CHARS characters."""
    if value is None:
        return ""
    if isinstance(value, float):
        return approx(value, digits) or repr(value)
    value = sp.sympify(value)
    if value.is_Integer and int(value).bit_length() < 200:
        return str(value)
    near = approx(value, digits)
    text = exact(value, EXACT_CHARS)
    return f"{text} ≈ {near}" if near is not None else f"{text} (too large to approximate)"


def json_number(value: Any) -> float | str | None:
    """A JSON value: a float where the value is a finite float64 number, else its
    certified decimal as a string (`"2.23399476e308"`); None when it has no value."""
    if value is None:
        return None
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    text = approx(value, 17)
    if text is None:
        return None
    try:
        as_float = float(text.split(" ")[0])
    except OverflowError:  # pragma: no cover - float() gives inf rather than raising
        return text
    return as_float if math.isfinite(as_float) and (as_float != 0 or text == "0") else text
