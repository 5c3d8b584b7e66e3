"""Certified numbers: rigorous enclosures of closed-form numbers and the engine's one
numeric sign function.

A sympy number (no free variables) is evaluated in ball arithmetic (python-flint's
`arb`, `acb` for complex values): the result is an interval guaranteed to hold the true
value, whatever the precision. Precision grows until the question is settled or a cap
is reached; a ball that still holds 0 answers "unknown", never a guess. Zero is
certified only symbolically (an exact rational, or a difference that `simplify` or a
minimal polynomial takes to 0 while its ball shrinks around 0).

    >>> import sympy as sp
    >>> sign(sp.exp(2) - 7)
    1
    >>> sign(sp.log(4) - 2 * sp.log(2))
    0
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal

import sympy as sp
from flint import acb, arb, ctx, fmpq

from . import budget

BITS = (64, 256, 1024, 4096, 16384)  # the precisions tried, in bits
MAX_TERMS = 20_000                   # longest finite sum or product evaluated term by term


class _Undefined(Exception):  # noqa: N818 - an internal "no value here"
    """The expression has no value of the requested kind (outside a domain, unknown)."""


class _Unsure(Exception):  # noqa: N818 - an internal "not at this precision"
    """The balls are too wide to tell (a domain edge, a division by a ball around 0)."""


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


# ------------------------------------------------------------------ sympy -> ball
class _Field:
    """Real (arb) or complex (acb) ball arithmetic at the context's precision."""

    def __init__(self, complex_: bool) -> None:
        self.complex = complex_
        self.make = acb if complex_ else arb

    def real_part(self, v):  # a real ball, or _Undefined when the value may be non-real
        if not self.complex:
            return v
        if v.imag.is_zero():
            return v.real
        if v.imag != 0:
            raise _Undefined("not real")
        raise _Unsure("imaginary part not settled")

    def positive(self, v) -> bool:
        return bool(self.real_part(v) > 0)

    def finite(self, v) -> bool:
        if self.complex:
            return v.real.is_finite() and v.imag.is_finite()
        return v.is_finite()


def _rational(q: sp.Rational):
    return arb(fmpq(int(q.p), int(q.q)))


def _float(f: sp.Float):
    sign, man, exp, _bc = f._mpf_
    if man == 0:
        return arb(0)
    value = fmpq(int(man) * 2**exp) if exp >= 0 else fmpq(int(man), 2**-exp)
    return arb(-value if sign else value)


_CONSTANTS: dict[object, Callable[[], arb]] = {
    sp.pi: arb.pi, sp.E: arb.const_e, sp.EulerGamma: arb.const_euler,
    sp.Catalan: arb.const_catalan,
    sp.GoldenRatio: lambda: (1 + arb(5).sqrt()) / 2,
}

@dataclass(frozen=True)
class _Interval:
    """A real domain (lo, hi), each end open or closed; None for no bound."""

    lo: int | None = None
    hi: int | None = None
    closed: bool = False

    def check(self, v: arb) -> None:
        """Pass when the ball lies inside, _Undefined when outside, else _Unsure."""
        inside = outside = False
        if self.lo is not None:
            inside_lo = (v >= self.lo) if self.closed else (v > self.lo)
            outside |= bool((v < self.lo) if self.closed else (v <= self.lo))
        else:
            inside_lo = True
        if self.hi is not None:
            inside_hi = (v <= self.hi) if self.closed else (v < self.hi)
            outside |= bool((v > self.hi) if self.closed else (v >= self.hi))
        else:
            inside_hi = True
        inside = bool(inside_lo) and bool(inside_hi)
        if inside:
            return
        raise _Undefined("outside the real domain") if outside else _Unsure("domain edge")


_POSITIVE = _Interval(lo=0)
_UNIT = _Interval(lo=-1, hi=1, closed=True)

# f(x) for one argument: (name of the ball method, real domain or None for all reals)
_UNARY: dict[type, tuple[str, _Interval | None]] = {
    sp.exp: ("exp", None), sp.log: ("log", _POSITIVE),
    sp.sin: ("sin", None), sp.cos: ("cos", None), sp.tan: ("tan", None),
    sp.cot: ("cot", None), sp.sec: ("sec", None), sp.csc: ("csc", None),
    sp.atan: ("atan", None), sp.asin: ("asin", _UNIT), sp.acos: ("acos", _UNIT),
    sp.sinh: ("sinh", None), sp.cosh: ("cosh", None), sp.tanh: ("tanh", None),
    sp.coth: ("coth", None), sp.sech: ("sech", None), sp.csch: ("csch", None),
    sp.asinh: ("asinh", None), sp.acosh: ("acosh", _Interval(lo=1, closed=True)),
    sp.atanh: ("atanh", _Interval(lo=-1, hi=1)),
    sp.erf: ("erf", None), sp.erfc: ("erfc", None), sp.erfi: ("erfi", None),
    sp.gamma: ("gamma", _POSITIVE), sp.loggamma: ("lgamma", _POSITIVE),
    sp.zeta: ("zeta", _Interval(lo=1)),
}


def _ball(e: sp.Basic, field: _Field, memo: dict):
    """The ball of a closed-form expression; _Undefined when it has none."""
    if e in memo:
        return memo[e]
    out = _ball_of(e, field, memo)
    if not field.finite(out):
        raise _Unsure("not finite at this precision")
    memo[e] = out
    return out


def _ball_of(e: sp.Basic, field: _Field, memo: dict):
    make = field.make
    if e.is_Rational:
        return make(_rational(e))
    if e.is_Float:
        return make(_float(e))
    if e in _CONSTANTS:
        return make(_CONSTANTS[e]())
    if e is sp.I:
        if not field.complex:
            raise _Undefined("imaginary")
        return acb(0, 1)
    if e.is_Add:
        out = make(0)
        for a in e.args:
            out += _ball(a, field, memo)
        return out
    if e.is_Mul:
        out = make(1)
        for a in e.args:
            out *= _ball(a, field, memo)
        return out
    if e.is_Pow:
        return _power(e, field, memo)
    t = type(e)
    if t in _UNARY and len(e.args) == 1:
        name, domain = _UNARY[t]
        v = _ball(e.args[0], field, memo)
        if domain is not None and not field.complex:
            domain.check(v)
        return getattr(v, name)()
    rule = _RULES.get(t)
    if rule is None:
        raise _Undefined(f"no certified evaluation of {t.__name__}")
    return rule(e, field, memo)


def _power(e: sp.Pow, field: _Field, memo: dict):
    base, ex = e.args
    b = _ball(base, field, memo)
    if ex.is_Integer:
        if ex < 0 and not nonzero(b):
            raise _Undefined("division by 0") if b.is_zero() else _Unsure("ball holds 0")
        return b ** int(ex)
    x = _ball(ex, field, memo)
    if field.complex:
        if base.is_zero:
            return acb(0)
        return b ** x
    if b > 0:
        return b ** x
    if base.is_zero and ex.is_positive:
        return arb(0)
    if b <= 0:
        raise _Undefined("real power of a base that is not positive")
    raise _Unsure("real power of a base not certainly positive")


def _real(e: sp.Basic, field: _Field, memo: dict) -> arb:
    return field.real_part(_ball(e, field, memo))


def _abs(e, field, memo):
    v = _ball(e.args[0], field, memo)
    return field.make(abs(v))


def _max_min(e, field, memo):
    vals = [_real(a, field, memo) for a in e.args]
    out = vals[0]
    for v in vals[1:]:
        out = out.max(v) if isinstance(e, sp.Max) else out.min(v)
    return field.make(out)


def _step(value_at: Callable[[int], sp.Rational]):
    """sign(x) and Heaviside(x): a value for each certified sign of the argument."""
    def rule(e, field, memo):
        s = _sign_of_ball(_real(e.args[0], field, memo))
        if s is None:
            raise _Unsure("sign of the argument not certified")
        return field.make(_rational(sp.Rational(value_at(s))))
    return rule


def _rounding(method: str):
    """floor and ceiling: exact when the ball lies between two integers, or when the
    argument is shown symbolically to be the one integer its ball holds."""
    def rule(e, field, memo):
        arg = e.args[0]
        v = _real(arg, field, memo)
        out = getattr(v, method)()
        if out.is_exact():
            return field.make(out)
        k = v.mid().floor() if abs(v.mid() - v.mid().floor()) < 0.5 else v.mid().ceil()
        if v.contains(k) and not v.contains(k - 1) and not v.contains(k + 1) and (
                exactly_zero(arg - sp.Integer(int(k.unique_fmpz())))):
            return field.make(k)
        raise _Unsure("rounding not certified")
    return rule


def _piecewise(e, field, memo):
    for expr, cond in e.args:
        truth = certified_truth(cond)
        if truth is True:
            return _ball(expr, field, memo)
        if truth is None:
            raise _Unsure("Piecewise condition not certified")
    raise _Undefined("no Piecewise branch applies")


def _finite_sum(e, field, memo):
    if len(e.limits) != 1:
        return _ball(e.doit(deep=False), field, memo)
    k, lo, hi = e.limits[0]
    if not (lo.is_Integer and hi.is_Integer) or hi - lo > MAX_TERMS:
        raise _Undefined("not a finite sum of moderate length")
    out = field.make(0 if isinstance(e, sp.Sum) else 1)
    for i in range(int(lo), int(hi) + 1):
        if i % 256 == 0:
            budget.check()
        term = _ball(e.function.xreplace({k: sp.Integer(i)}), field, memo)
        out = out + term if isinstance(e, sp.Sum) else out * term
    return out


def _lambertw(e, field, memo):
    if len(e.args) > 1 and e.args[1] != 0:
        raise _Undefined("only the principal branch")
    v = _ball(e.args[0], field, memo)
    if not field.complex:
        edge = -arb(-1).exp()
        if v < edge:
            raise _Undefined("LambertW outside its real domain")
        if not v >= edge:
            raise _Unsure("LambertW at its branch point")
    return v.lambertw()


def _re_im(e, field, memo):
    v = _ball(e.args[0], field, memo)
    if not field.complex:
        return v if isinstance(e, sp.re) else arb(0)
    return acb(v.real if isinstance(e, sp.re) else v.imag)


_RULES: dict[type, Callable] = {
    sp.Abs: _abs, sp.Max: _max_min, sp.Min: _max_min,
    sp.sign: _step(sp.Integer),
    sp.Heaviside: _step(lambda s: {1: sp.S.One, -1: sp.S.Zero, 0: sp.S.Half}[s]),
    sp.floor: _rounding("floor"), sp.ceiling: _rounding("ceil"),
    sp.Piecewise: _piecewise, sp.Sum: _finite_sum, sp.Product: _finite_sum,
    sp.LambertW: _lambertw, sp.re: _re_im, sp.im: _re_im,
}


# ------------------------------------------------------------------ the questions
def _sign_of_ball(v: arb) -> int | None:
    if v > 0:
        return 1
    if v < 0:
        return -1
    if v.is_zero():  # an exact zero ball
        return 0
    return None


@contextmanager
def flint_precision(bits: int) -> Iterator[None]:
    """Ball arithmetic at `bits` bits inside the block. (Any precision gives correct
    balls, so threads that change it under each other only change the widths.)"""
    old, ctx.prec = ctx.prec, bits
    try:
        yield
    finally:
        ctx.prec = old


def _evaluate(expr: sp.Basic, bits: int, complex_: bool):
    """The ball at `bits` bits; None when more precision may help; _Undefined when the
    expression certainly has no value."""
    try:
        with flint_precision(bits):
            return _ball(expr, _Field(complex_), {})
    except (_Unsure, ZeroDivisionError, ValueError, OverflowError):
        return None
    except TypeError as exc:
        raise _Undefined(str(exc)) from None


def _closed(expr: sp.Basic) -> bool:
    return isinstance(expr, sp.Expr) and expr.is_number and not expr.has(
        sp.nan, sp.zoo, sp.oo, -sp.oo)


def ball(expr: sp.Basic, settled: Callable, complex_: bool = False) -> tuple | None:
    """(ball, bits): the ball of `expr` at the first precision where `settled(ball)`
    holds, or at the last one tried; None when `expr` has no certified value (real, or
    complex with `complex_`)."""
    if not _closed(expr):
        return None
    last = None
    for bits in BITS:
        budget.check()
        try:
            v = _evaluate(expr, bits, complex_)
        except _Undefined:
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
            v = _evaluate(expr, bits, complex_=False)
        except _Undefined:
            return None
        if v is None:
            continue
        s = _sign_of_ball(v)
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


def nonzero(v) -> bool:
    """The (real or complex) ball certainly does not hold 0."""
    if isinstance(v, acb):
        return bool(v.real != 0) or bool(v.imag != 0)
    return bool(v != 0)


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
