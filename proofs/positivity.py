"""Signs of expressions: positivity and non-negativity by structural rules.

Each rule is a fact of real analysis (a sum of positive terms is positive, exp is
positive, exp(u) > 1 for u > 0, log(u) > 0 for u > 1, an even power is non-negative,
...) and sympy's assumption system is consulted at the leaves. `sign_reason` returns
the words of the argument, or None when no rule applies.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import sympy as sp

from . import budget, certified
from .balls import subs_text

_MAX_DEPTH = 8


def _leaf(e: sp.Expr, strict: bool) -> bool:
    """Whether sympy's assumptions alone give e > 0 (strict) or e >= 0."""
    return bool(e.is_positive if strict else e.is_nonnegative)


def known_sign(e: sp.Expr) -> int | None:
    """1, -1 or 0 when the sign of `e` is the same for every value the assumptions allow:
    certified for numbers (ball arithmetic), sympy's assumptions for expressions with
    symbols; None otherwise. The one way tactics ask for the sign of a number."""
    e = sp.sympify(e)
    if e.is_number:
        return certified.sign(e)
    if e.is_zero:
        return 0
    if e.is_positive:
        return 1
    if e.is_negative:
        return -1
    return None


def number_sign_reason(e: sp.Expr, strict: bool) -> str | None:
    """Why the number `e` is > 0 (or >= 0): its certified enclosure (ball arithmetic),
    or an exact zero; None when the enclosure does not settle it."""
    enc = certified.enclose(e)
    if enc is None or enc.sign is None or enc.sign < 0 or (strict and enc.sign == 0):
        return None
    if e.is_Rational:
        return f"{sp.sstr(e)} > 0" if enc.sign > 0 else f"{sp.sstr(e)} = 0"
    if enc.sign == 0:
        return f"${sp.latex(e)} = 0$ exactly"
    return f"${sp.latex(e)} \\in {enc.latex()}$ (certified enclosure), so it is positive"


_MEMO: dict[tuple[sp.Basic, bool, int, str, tuple], str | None] = {}

# (variable, interval) pairs: inside `on_interval`, a sign is shown for the variable's
# values in its interval only (the interval lies inside what its assumptions allow)
_INTERVALS: ContextVar[tuple[tuple[sp.Symbol, sp.Interval], ...]] = ContextVar(
    "intervals", default=())


@contextmanager
def on_interval(x: sp.Symbol, interval: sp.Interval) -> Iterator[None]:
    """Signs shown inside this block hold for the values of `x` in `interval` (which
    must lie inside the values the assumptions of `x` allow), not for all of them."""
    token = _INTERVALS.set(tuple(p for p in _INTERVALS.get() if p[0] != x)
                           + ((x, interval),))
    try:
        yield
    finally:
        _INTERVALS.reset(token)


def interval_of_symbol(x: sp.Symbol) -> sp.Interval:
    """The interval of `x` in force: `on_interval`'s, else its assumptions'."""
    for var, interval in _INTERVALS.get():
        if var == x:
            return interval
    return assumed_interval(x)


def sign_reason(e: sp.Expr, strict: bool = True, depth: int = 0) -> str | None:
    """Why `e > 0` (strict) or `e >= 0` holds for every value the assumptions allow
    (inside `on_interval`, for the values of its variable in its interval)."""
    budget.check()
    if depth > _MAX_DEPTH:
        return None
    e = sp.sympify(e)
    if e.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None  # not a real number anywhere: no sign
    key = (e, strict, depth, subs_text(e), _INTERVALS.get())
    if key in _MEMO:
        return _MEMO[key]
    out = _sign_reason(e, strict, depth)  # only finished answers are remembered
    if len(_MEMO) > 50_000:
        _MEMO.clear()
    _MEMO[key] = out
    return out


def _sign_reason(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if e.is_number:
        return number_sign_reason(e, strict)
    if _leaf(e, strict):
        return "sign from the assumptions"
    for rule in (_interval_affine_rule, _sum_rule, _product_rule, _power_rule, _exp_rule,
                 _log_rule, _exp_against_const_rule, _log_against_const_rule,
                 _split_constant_rule,
                 _common_factor_rule, _fraction_rule, _bounded_functions_rule,
                 _univariate_polynomial_rule):
        why = rule(e, strict, depth)
        if why:
            return why
    return None


def _sum_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if not e.is_Add:
        return None
    terms = e.args
    nonneg = [sign_reason(t, False, depth + 1) for t in terms]
    if not all(nonneg):
        return None
    if not strict:
        return "a sum of non-negative terms"
    if any(sign_reason(t, True, depth + 1) for t in terms):
        return "a sum of non-negative terms, one of them positive"
    return None


def _product_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if not e.is_Mul:
        return None
    negatives = 0
    for f in e.args:
        if sign_reason(f, strict, depth + 1):
            continue
        if sign_reason(-f, strict, depth + 1):
            negatives += 1
            continue
        return None
    if negatives % 2:
        return None
    return "a product of factors of known sign" if negatives else "a product of positive factors"


def _power_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if not e.is_Pow:
        return None
    base, ex = e.args
    if sign_reason(base, True, depth + 1) and ex.is_real:
        return "a real power of a positive base"
    if not strict and ex.is_integer and ex.is_even and base.is_real:
        return "an even power"
    if strict and ex.is_integer and ex.is_even and base.is_real and sign_reason(
            base, True, depth + 1) is None and sign_reason(-base, True, depth + 1):
        return "an even power of a non-zero number"
    return None


def _exp_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if isinstance(e, sp.exp) and e.args[0].is_real:
        return "exp is positive"
    return None


def _log_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    if isinstance(e, sp.log):
        u = e.args[0]
        if sign_reason(u - 1, strict, depth + 1):
            return "log(u) > 0 for u > 1" if strict else "log(u) >= 0 for u >= 1"
    return None


def _exp_against_const_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """k·exp(u) - c > 0 when u > log(c/k), and c - k·exp(u) > 0 when u < log(c/k), for
    k, c > 0 (exp(d) > 1 for d > 0 and 1 - exp(-d) >= 0 for d >= 0 are cases)."""
    if not e.is_Add:
        return None
    consts = [t for t in e.args if t.is_number]
    rest = [t for t in e.args if not t.is_number]
    if len(rest) != 1 or not consts:
        return None
    c = sp.Add(*consts)
    coeff, core = rest[0].as_coeff_Mul()
    if not isinstance(core, sp.exp):
        return None
    u = core.args[0]
    signs = known_sign(coeff), known_sign(c)
    if signs == (1, -1):
        if sign_reason(u - sp.log(-c / coeff), strict, depth + 1):
            return "exp is increasing: exp(u) > c when u > log(c)"
    elif signs == (-1, 1):
        if sign_reason(sp.log(c / -coeff) - u, strict, depth + 1):
            return "exp is increasing: c - exp(u) > 0 when u < log(c)"
    return None


# |f(u)| <= bound for real u (strictly below it for tanh and atan)
_BOUNDED: dict[type, tuple[sp.Expr, bool]] = {
    sp.sin: (sp.Integer(1), False), sp.cos: (sp.Integer(1), False),
    sp.tanh: (sp.Integer(1), True), sp.atan: (sp.pi / 2, True)}


def _bounded_functions_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """c + Σ k_i f_i(u_i) with each |f_i| <= B_i (sin, cos, tanh, atan of real u_i) and
    c - Σ |k_i| B_i >= 0: every term is at least -|k_i| B_i."""
    if not e.is_Add:
        return None
    consts, slack, strict_bound = [], [], False
    for term in e.args:
        if term.is_number:
            consts.append(term)
            continue
        k, core = term.as_coeff_Mul()
        if type(core) not in _BOUNDED or not core.args[0].is_real:
            return None
        bound, below = _BOUNDED[type(core)]
        slack.append(abs(k) * bound)
        strict_bound = strict_bound or below
    if not slack or not consts:
        return None
    margin = sp.Add(*consts) - sp.Add(*slack)
    s = known_sign(margin)
    if s is None or s < 0 or (strict and s == 0 and not strict_bound):
        return None
    return "bounded functions: |sin|, |cos| <= 1, |tanh| < 1, |atan| < pi/2"


def _log_against_const_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """k·log(u) - c > 0 when u > exp(c/k) (k > 0), and c - k·log(u) > 0 when
    u < exp(c/k), for u > 0: log is increasing."""
    if not e.is_Add:
        return None
    consts = [t for t in e.args if t.is_number]
    rest = [t for t in e.args if not t.is_number]
    if len(rest) != 1 or not consts:
        return None
    c = -sp.Add(*consts)
    coeff, core = rest[0].as_coeff_Mul()
    if not isinstance(core, sp.log) or not sign_reason(core.args[0], True, depth + 1):
        return None
    u = core.args[0]
    k = known_sign(coeff)
    if k == 1 and sign_reason(u - sp.exp(c / coeff), strict, depth + 1):
        return "log is increasing: log(u) > c when u > exp(c)"
    if k == -1 and sign_reason(sp.exp(c / coeff) - u, strict, depth + 1):
        return "log is increasing: c - log(u) > 0 when u < exp(c)"
    return None


def _interval_affine_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """a·x + b in a variable held to an interval by `on_interval`: its sign at the two
    ends (certified), an affine function being monotone."""
    pairs = _INTERVALS.get()
    if not pairs or len(e.free_symbols) != 1:
        return None
    x = next(iter(e.free_symbols))
    interval = next((i for v, i in pairs if v == x), None)
    if interval is None or not e.is_polynomial(x):
        return None
    e = sp.expand(e)
    if sp.degree(e, x) != 1:
        return None
    a, b = e.coeff(x, 1), e.coeff(x, 0)
    ends = []
    for end, open_ in ((interval.start, interval.left_open), (interval.end, interval.right_open)):
        if end in (sp.oo, -sp.oo):
            sa = known_sign(a)
            if sa is None or sa == 0 or (sa > 0) != (end == sp.oo):
                return None  # heads to -oo at that end
            continue
        s = known_sign(a * end + b)
        if s is None or s < 0 or (strict and s == 0 and not open_):
            return None
        ends.append(s)
    return "an affine function of known sign at both ends of the interval" if ends else None


def _fraction_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    num, den = _over_common_denominator(e, subs_text(e))
    if den == 1:
        return None
    if sign_reason(den, True, depth + 1) and sign_reason(num, strict, depth + 1):
        return "numerator and denominator of known sign"
    if sign_reason(-den, True, depth + 1) and sign_reason(-num, strict, depth + 1):
        return "numerator and denominator both negative"
    return None


def _split_constant_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """c + t1 + ... + tm: share the constant, c/m + ti, and show each part's sign."""
    if not e.is_Add:
        return None
    consts = [t for t in e.args if t.is_number]
    rest = [t for t in e.args if not t.is_number]
    if len(rest) < 2 or not consts:
        return None
    c = sp.Add(*consts)
    if known_sign(c) != 1:
        return None
    share = c / len(rest)
    if all(sign_reason(share + t, strict, depth + 1) for t in rest):
        return "the constant shared among the terms, each part of known sign"
    return None


@lru_cache(maxsize=4096)
def _over_common_denominator(e: sp.Expr, text: str) -> tuple[sp.Expr, sp.Expr]:
    """fraction(together(e)): a pure function of `e` (and of its `balls.subs_text`),
    asked again at other depths and signs (3367 calls, 1028 distinct expressions, over
    the catalog), so worked out once."""
    return sp.fraction(sp.together(e))


@lru_cache(maxsize=4096)
def _factored(e: sp.Expr, text: str) -> sp.Expr:
    """factor_terms(expand(e)): a pure function of `e` (and of its `balls.subs_text`),
    asked again for the same sum at other depths and signs, so worked out once."""
    return sp.factor_terms(sp.expand(e))


def _common_factor_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    """Pull a common factor out of a sum (factor_terms) and sign each factor."""
    if not e.is_Add:
        return None
    f = _factored(e, subs_text(e))
    if f.is_Add or f == e:
        return None
    return _product_rule(f, strict, depth + 1) if f.is_Mul else None


# --------------------------------------------------------------------------------------
# polynomials in one variable: an exact decision by real root isolation

MAX_DEGREE = 40
"""Polynomials of higher degree are left alone (root isolation grows with the degree)."""


def assumed_interval(x: sp.Symbol) -> sp.Interval:
    """The values the assumptions of `x` allow, as an interval of the reals."""
    if x.is_positive:
        return sp.Interval.open(0, sp.oo)
    if x.is_nonnegative:
        return sp.Interval(0, sp.oo)
    if x.is_negative:
        return sp.Interval.open(-sp.oo, 0)
    if x.is_nonpositive:
        return sp.Interval(-sp.oo, 0)
    return sp.Interval(-sp.oo, sp.oo)


def _univariate_polynomial_rule(e: sp.Expr, strict: bool, depth: int) -> str | None:
    free = e.free_symbols
    if len(free) != 1 or e.has(sp.Indexed):
        return None
    x = next(iter(free))
    if not isinstance(x, sp.Symbol) or not x.is_real:
        return None
    return polynomial_sign_reason(e, x, interval_of_symbol(x), strict)


def _rational_end(v: sp.Expr) -> bool:
    return v in (sp.oo, -sp.oo) or bool(getattr(v, "is_Rational", False))


def polynomial_sign_reason(e: sp.Expr, x: sp.Symbol, interval: sp.Interval,
                           strict: bool) -> str | None:
    """Why the polynomial `e` in `x` (rational coefficients) is > 0 (or >= 0) at every
    point of `interval` (rational or infinite ends), decided exactly: its real roots are
    isolated in rational intervals (Sturm sequences, sympy's `Poly.intervals`), and its
    sign is evaluated exactly at a rational point between each two consecutive roots and
    at the closed ends. None when the sign does not hold or the question is not of this
    form."""
    if not isinstance(interval, sp.Interval) or not (
            _rational_end(interval.start) and _rational_end(interval.end)):
        return None
    if e.has(sp.Float):
        return None  # QQ would round a float to a nearby fraction
    try:
        if not e.is_polynomial(x):
            return None
        poly = sp.Poly(e, x, domain=sp.QQ)
    except (sp.PolynomialError, sp.CoercionFailed, sp.GeneratorsError, ValueError,
            TypeError):
        return None
    if poly.degree() > MAX_DEGREE:
        return None
    budget.check()
    lo, hi = interval.start, interval.end
    if poly.is_zero:
        return None if strict else "identically 0"
    where = interval_text(interval)
    if poly.degree() == 0:
        c = poly.LC()
        return f"the constant {sp.sstr(c)}" if c > 0 or (not strict and c == 0) else None
    sqf = poly.sqf_part()
    inside: list[tuple[sp.Rational, sp.Rational]] = []
    for (a, b), _ in sqf.intervals():
        budget.check()
        a, b = sp.Rational(a), sp.Rational(b)
        # shrink the isolating interval until it lies clear of each end of `interval`
        for end in (lo, hi):
            if end in (sp.oo, -sp.oo) or a == b or not (a <= end <= b):
                continue
            if sqf.eval(end) == 0:
                a = b = end
                break
            while a <= end <= b:
                budget.check()
                a, b = (sp.Rational(v) for v in sqf.refine_root(a, b, eps=(b - a) / 4))
        if a == b:  # an exact rational root
            if lo < a < hi:
                if strict:
                    return None
                inside.append((a, b))
            elif a in interval and strict:
                return None  # a root at a closed end
            continue
        if lo < a and b < hi:
            if strict:
                return None
            inside.append((a, b))
    inside.sort()
    # a rational point in each gap between consecutive roots (and the ends)
    edges = [lo] + [v for ab in inside for v in ab] + [hi]
    samples = []
    for left, right in zip(edges[0::2], edges[1::2], strict=True):
        samples.append(_between(left, right))
    if any(poly.eval(s) <= 0 for s in samples):
        return None
    for end in (lo, hi):
        if end in interval and end not in (sp.oo, -sp.oo):
            value = poly.eval(end)
            if value < 0 or (strict and value == 0):
                return None
    roots = len(inside)
    return (f"a polynomial in {x} positive on {where} between its real roots "
            f"(exact real root isolation: {roots} root{'s' if roots != 1 else ''} inside)"
            if roots else
            f"a polynomial in {x} with no real root inside {where} (exact real root "
            "isolation) and positive at a rational point there")


def sign_on(e: sp.Expr, x: sp.Symbol, interval: sp.Interval, strict: bool) -> str | None:
    """Why `e` is > 0 (or >= 0) for every `x` in `interval`, an interval inside the values
    the assumptions of `x` allow (every other symbol as its assumptions allow): the sign
    rules with `x` held to the interval (polynomials decided exactly, affine functions by
    their ends), and for a quotient of polynomials the sign of each part."""
    e = sp.sympify(e)
    if interval == assumed_interval(x):
        return sign_reason(e, strict)
    with on_interval(x, interval):
        why = sign_reason(e, strict)
        if why:
            return why
        if e.free_symbols != {x}:
            return None
        why = polynomial_sign_reason(sp.expand(e), x, interval, strict)
        if why:
            return why
        num, den = sp.fraction(sp.cancel(sp.together(e)))
        if den.is_number or not den.is_polynomial(x) or not num.is_polynomial(x):
            return None
        for s in (1, -1):
            if polynomial_sign_reason(sp.expand(s * den), x, interval, True) and (
                    polynomial_sign_reason(sp.expand(s * num), x, interval, strict)):
                return (f"a quotient of polynomials in {x} of known sign on "
                        f"{interval_text(interval)}")
    return None
    for s in (1, -1):
        if polynomial_sign_reason(sp.expand(s * den), x, interval, True) and (
                polynomial_sign_reason(sp.expand(s * num), x, interval, strict)):
            return f"a quotient of polynomials in {x} of known sign on {interval_text(interval)}"
    return None


def _between(left: sp.Expr, right: sp.Expr) -> sp.Rational:
    """A rational point strictly between left < right (either may be infinite)."""
    if left == -sp.oo and right == sp.oo:
        return sp.Integer(0)
    if left == -sp.oo:
        return sp.floor(right) - 1
    if right == sp.oo:
        return sp.floor(left) + 1
    return (left + right) / 2


def interval_text(interval: sp.Interval) -> str:
    """[a, b), (-∞, b], ...: an interval as a reader writes it, as `$...$` math."""
    lo, hi = interval.start, interval.end
    left = "(" if interval.left_open or lo == -sp.oo else "["
    right = ")" if interval.right_open or hi == sp.oo else "]"
    return f"${left}{sp.latex(lo)}, {sp.latex(hi)}{right}$"
