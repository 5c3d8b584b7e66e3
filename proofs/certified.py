"""Certified numbers: rigorous enclosures of closed-form numbers and the engine's one
numeric sign function.

A sympy number (no free variables) is evaluated in ball arithmetic (`proofs.balls`,
python-flint's arb): the result is an interval guaranteed to hold the true value,
whatever the precision. Precision grows until the question is settled or a cap is
reached; a ball that still holds 0 answers "unknown", never a guess. Zero is certified
only symbolically (an exact rational, or a difference that a minimal polynomial or
`simplify` takes to 0 while its ball shrinks around 0).

    >>> import sympy as sp
    >>> sign(sp.exp(2) - 7)
    1
    >>> sign(sp.log(4) - 2 * sp.log(2))
    0
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal

import sympy as sp
from flint import acb, arb

from . import balls, budget
from .algebra_guard import too_large_for_algebra
from .balls import flint_precision, nonzero

__all__ = ["BITS", "Enclosure", "ball", "certified_truth", "enclose", "exactly_zero",
           "flint_precision", "has_real_value", "nonzero", "radius", "sign", "tolerance"]

BITS = (64, 256, 1024, 4096, 16384)  # the precisions tried, in bits
MAX_ZERO_OPS = 300  # the largest number whose exact zero `simplify` is asked to show


@dataclass(frozen=True)
class Enclosure:
    """A certified interval [lo, hi] (decimal strings, rounded outwards) holding a real
    number, and the sign it certifies: 1, -1, 0 (an exact zero) or None (unknown)."""

    lo: str
    hi: str
    sign: int | None
    bits: int

    def text(self) -> str:
        return self.lo if self.lo == self.hi else f"[{self.lo}, {self.hi}]"

    def latex(self) -> str:
        if self.lo == self.hi:
            return _latex_decimal(self.lo)
        return f"[{_latex_decimal(self.lo)},\\ {_latex_decimal(self.hi)}]"


def _latex_decimal(text: str) -> str:
    if "E" not in text:
        return text
    mant, exp = text.split("E")
    return f"{mant} \\cdot 10^{{{int(exp)}}}"


def _closed(expr: sp.Basic) -> bool:
    return isinstance(expr, sp.Expr) and expr.is_number and not expr.has(
        sp.nan, sp.zoo, sp.oo, -sp.oo)


def ball(expr: sp.Basic, settled: Callable, complex_: bool = False,
         env: Mapping | None = None, max_bits: int = BITS[-1]) -> tuple | None:
    """(ball, bits): the ball of `expr` at the first precision (of `BITS`, up to
    `max_bits`) where `settled(ball)` holds, or at the last one tried; None when `expr`
    has no certified value (real, or complex with `complex_`). Without `env` (see
    `balls.environment`) `expr` must be a closed-form number."""
    if env is None and not _closed(expr):
        return None
    last = None
    for bits in (b for b in BITS if b <= max(max_bits, BITS[0])):
        budget.check()
        try:
            v = balls.evaluate(expr, bits, complex_, env)
        except balls.Undefined:
            return None
        if v is None:
            continue
        last = (v, bits)
        if settled(v):
            break
    return last


def has_real_value(expr: sp.Basic) -> bool:
    """`expr` is a closed-form number with a certified real value (finite, in domain)."""
    expr = sp.sympify(expr)
    return bool(getattr(expr, "is_Rational", False)) or ball(expr, lambda v: True) is not None


def exactly_zero(expr: sp.Basic) -> bool:
    """A symbolic proof that the closed-form number `expr` is 0 (not numeric evidence)."""
    expr = sp.sympify(expr)
    if expr.is_Rational:
        return expr == 0
    if sp.count_ops(expr) > MAX_ZERO_OPS or too_large_for_algebra(expr):
        return False  # simplify would take long; "not shown" is always a safe answer
    budget.check()
    try:
        if expr.is_algebraic:
            x = sp.Dummy("x")
            return sp.minimal_polynomial(expr, x) == x
        return sp.simplify(expr) == 0 or sp.expand_log(sp.expand(expr), force=True) == 0
    except budget.BudgetExceeded:
        raise
    except Exception:
        return False


def sign(expr: sp.Basic) -> int | None:
    """The certified sign of a real closed-form number: 1, -1, 0 (only for an exact
    zero), or None when it cannot be certified."""
    enc = enclose(expr)
    return None if enc is None else enc.sign


def enclose(expr: sp.Basic, digits: int = 8) -> Enclosure | None:
    """A certified interval of the real number `expr` that settles its sign when the
    precision cap allows, shown to about `digits` digits; None when `expr` has no
    certified real value (a variable, outside a domain, not real, not finite)."""
    expr = sp.sympify(expr)
    if isinstance(expr, sp.Expr) and expr.is_Rational:
        lo, hi = _rational_bounds(expr, digits)
        return Enclosure(lo, hi, int(sp.sign(expr)), 0)
    if not _closed(expr):
        return None
    tried_zero = False
    v = None
    for bits in BITS:
        budget.check()
        try:
            v = balls.evaluate(expr, bits)
        except balls.Undefined:
            return None
        if v is None:
            continue
        s = balls.sign_of_ball(v)
        if s is None and not tried_zero and v.rad() < arb(2) ** (-bits // 2) * (
                1 + abs(v.mid())):
            tried_zero = True  # 0 is in a ball this tight: ask for a symbolic zero
            if exactly_zero(expr):
                s = 0
        if s is not None:
            break
    if v is None:
        return None
    if s == 0:
        return Enclosure("0", "0", 0, bits)
    lo, hi = _ball_bounds(v, digits)
    return Enclosure(lo, hi, s, bits)


def _ball_bounds(v: arb, digits: int) -> tuple[str, str]:
    """Decimal bounds that hold the ball, rounded outwards to `digits` digits."""
    man, rad, exp = v.mid_rad_10exp(digits + 4)
    lo = Decimal(int(man) - int(rad)).scaleb(int(exp))
    hi = Decimal(int(man) + int(rad)).scaleb(int(exp))
    return (_show(Context(prec=digits, rounding=ROUND_FLOOR).plus(lo)),
            _show(Context(prec=digits, rounding=ROUND_CEILING).plus(hi)))


def _rational_bounds(q: sp.Rational, digits: int) -> tuple[str, str]:
    if q.q == 1 and len(str(abs(q.p))) <= digits + 4:
        return str(q.p), str(q.p)
    p, d = Decimal(int(q.p)), Decimal(int(q.q))
    return (_show(Context(prec=digits, rounding=ROUND_FLOOR).divide(p, d)),
            _show(Context(prec=digits, rounding=ROUND_CEILING).divide(p, d)))


def _show(d: Decimal) -> str:
    """Plain decimals for moderate magnitudes, 1.234E-15 otherwise."""
    if d != 0 and (abs(d) >= Decimal(10) ** 7 or abs(d) < Decimal(10) ** -4):
        mant, exp = f"{d:E}".split("E")
        if "." in mant:
            mant = mant.rstrip("0").rstrip(".")
        return f"{mant}E{int(exp)}"
    return f"{d:f}"


def radius(v) -> arb:
    """The radius of a real ball, the larger of the two for a complex one."""
    if isinstance(v, acb):
        return v.real.rad().max(v.imag.rad())
    return v.rad()


def tolerance(balls: list, digits: int) -> arb:
    """10^-digits of 1 + the size of the balls: the width below which two values agree."""
    size = arb(1)
    for v in balls:
        size += abs(v).upper()
    return size * arb(10) ** (-digits)


# ------------------------------------------------------------------ relations
def certified_truth(rel: sp.Basic) -> bool | None:
    """Truth of a relation (or And/Or/Not of relations) between real numbers, certified:
    True or False only when the balls settle it, else None."""
    if rel is sp.true or rel is True:
        return True
    if rel is sp.false or rel is False:
        return False
    if isinstance(rel, sp.And):
        vals = [certified_truth(a) for a in rel.args]
        return False if False in vals else (None if None in vals else True)
    if isinstance(rel, sp.Or):
        vals = [certified_truth(a) for a in rel.args]
        return True if True in vals else (None if None in vals else False)
    if isinstance(rel, sp.Not):
        v = certified_truth(rel.args[0])
        return None if v is None else not v
    if not isinstance(rel, sp.Rel):
        return None
    s = sign(rel.lhs - rel.rhs)
    if s is None:
        return None
    return {sp.StrictGreaterThan: s > 0, sp.GreaterThan: s >= 0, sp.StrictLessThan: s < 0,
            sp.LessThan: s <= 0, sp.Equality: s == 0, sp.Unequality: s != 0}.get(type(rel))
