"""sympy expressions evaluated in ball arithmetic (python-flint's `arb`; `acb` for complex
values), each ball guaranteed to hold the true value at any precision.

`evaluate(expr, bits, complex_, env)` gives the ball of `expr`, where `env` holds values
for its variables: symbols, and indexed variables by base and integer indices. Sums and
products whose bounds are known integers are evaluated term by term with the summation
index bound in the environment, so a claim in n dimensions is evaluated at n = 50
without sympy writing out the sums. It raises `Undefined` when the expression certainly
has no value of the kind asked for (outside a real domain, an unknown function) and
returns None when a wider precision may settle it (a ball at the edge of a domain).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import sympy as sp
from flint import acb, arb, ctx, fmpq

from . import budget

MAX_TERMS = 20_000  # longest sum or product evaluated term by term


class Undefined(Exception):  # noqa: N818 - "no value here", not an error
    """The expression has no value of the requested kind (outside a domain, unknown)."""


class Unknown(Undefined):
    """An expression this module cannot evaluate (a function it does not know)."""


class _Unsure(Exception):  # noqa: N818 - an internal "not at this precision"
    """The balls are too wide to tell (a domain edge, a division by a ball around 0)."""


@contextmanager
def flint_precision(bits: int) -> Iterator[None]:
    """Ball arithmetic at `bits` bits inside the block. (Any precision gives correct
    balls, so threads that change it under each other only change the widths.)"""
    old, ctx.prec = ctx.prec, bits
    try:
        yield
    finally:
        ctx.prec = old


def sign_of_ball(v: arb | fmpq) -> int | None:
    """1 or -1 when the ball lies on one side of 0, 0 for the exact ball 0 (or an exact
    rational 0), else None."""
    if v > 0:
        return 1
    if v < 0:
        return -1
    if isinstance(v, fmpq) or v.is_zero():
        return 0
    return None


def nonzero(v) -> bool:
    """The (real or complex) ball certainly does not hold 0."""
    if isinstance(v, acb):
        return bool(v.real != 0) or bool(v.imag != 0)
    return bool(v != 0)


def rational(q: sp.Rational) -> arb:
    return arb(fmpq(int(q.p), int(q.q)))


def _float_fraction(f: sp.Float) -> fmpq:
    """The exact binary value of a Float."""
    sign, man, exp, _bc = f._mpf_
    value = fmpq(int(man) * 2**exp) if exp >= 0 else fmpq(int(man), 2**-exp)
    return -value if sign else value


def _float(f: sp.Float) -> arb:
    return arb(_float_fraction(f))


@lru_cache(maxsize=8192)
def free_symbols(e: sp.Basic) -> frozenset:
    """`e.free_symbols`, computed once per expression (sympy works them out afresh on each
    call, and for a sum that means rebuilding it with dummies): a pure function of `e`,
    cached as sympy caches its own, so that every point of a check shares the work."""
    return frozenset(e.free_symbols)


def subs_text(e: sp.Basic) -> str:
    """What a cache keyed by `e` must add so that objects sympy calls equal but that are
    not the same get entries of their own: the srepr of `e` where it holds a Subs (Subs
    objects that differentiate by different variables compare equal: f_w1 at a point ==
    f_w2 at it), else "" (printing every expression would cost more than the cache saves)."""
    return sp.srepr(e) if e.has(sp.Subs) else ""


class _Field:
    """Real or complex ball arithmetic (or, `exact`, rational arithmetic) with the values
    of the variables and, while a sum is evaluated, the values of its summation
    indices."""

    def __init__(self, complex_: bool, env: Mapping, exact: bool = False) -> None:
        self.complex = complex_
        self.exact = exact
        self.make = fmpq if exact else (acb if complex_ else arb)
        self.env = env
        self.loops: dict[sp.Symbol, int] = {}
        self.memo: dict = {}
        self.bodies: dict[tuple[sp.Basic, sp.Symbol], _LoopBody] = {}
        self.entries: dict[int, dict] = {}  # id(base) -> {indices: value as used here}

    def bound_in(self, e: sp.Basic) -> tuple:
        """The values of the summation indices that `e` depends on (a sum inside a sum
        that does not read the outer index is evaluated once, not once per term)."""
        free = free_symbols(e)
        return tuple((k, v) for k, v in self.loops.items() if k in free)

    def real_part(self, v):
        if not self.complex:
            return v
        if v.imag.is_zero():
            return v.real
        if v.imag != 0:
            raise Undefined("not real")
        raise _Unsure("imaginary part not settled")

    def finite(self, v) -> bool:
        if self.exact:
            return True
        if self.complex:
            return v.real.is_finite() and v.imag.is_finite()
        return v.is_finite()

    def integer(self, e: sp.Basic) -> int:
        """The value of an integer expression of indices (k, n + 1 - i, 2*j)."""
        if e.is_Integer:
            return int(e)
        if isinstance(e, sp.Symbol):
            if e in self.loops:
                return self.loops[e]
            if e in self.env and isinstance(self.env[e], int):
                return self.env[e]
        elif e.is_Add:
            return sum(self.integer(a) for a in e.args)
        elif e.is_Mul:
            out = 1
            for a in e.args:
                out *= self.integer(a)
            return out
        raise Undefined(f"{sp.sstr(e)} is not a known integer")

    def variable(self, e: sp.Basic):
        if isinstance(e, sp.Indexed):
            return self.entry(e.base, tuple(self.integer(i) for i in e.indices), e)
        if e in self.loops:
            return self.make(self.loops[e])
        return self.value_of(e, e)

    def entry(self, base: sp.IndexedBase, indices: tuple[int, ...], e: sp.Indexed):
        """The value of base[indices] (written `e`), converted once per field: a sum at
        n = 50 reads each entry thousands of times."""
        table = self.entries.get(id(base))  # (the base lives as long as `e` does)
        if table is None:
            table = self.entries[id(base)] = {}
        v = table.get(indices)
        if v is None:
            v = table[indices] = self.value_of((base, indices), e)
        return v

    def value_of(self, key: object, e: sp.Basic):
        """The value of the variable `e` (a symbol, or (base, indices) of an indexed one)
        stored under `key`."""
        if key not in self.env:
            raise Undefined(f"no value for {sp.sstr(e)}")
        v = self.env[key]
        if isinstance(v, int):
            return self.make(v)
        if isinstance(v, fmpq):
            return v if self.exact else self.make(arb(v))
        if isinstance(v, tuple):  # an exact complex rational
            if not self.complex or self.exact:
                raise Undefined("a complex value in real arithmetic")
            return acb(arb(v[0]), arb(v[1]))
        return v  # an _Exact value, evaluated by the caller


def integer_field(ints: Mapping[sp.Symbol, int]) -> _Field:
    """Arithmetic that reads integer variables (`_Field.integer`) at `ints`, and the
    summation indices it is given in `loops`."""
    return _Field(False, dict(ints))


def environment(point: Mapping[sp.Basic, sp.Basic]) -> dict:
    """The values of a point for `evaluate`: integer symbols as ints, indexed variables
    keyed by (base, integer indices), every other value exact (a rational, a complex
    rational, or an expression evaluated where it is used)."""
    env: dict = {}
    for key, value in point.items():
        value = sp.sympify(value)
        if isinstance(key, sp.Symbol) and key.is_integer and value.is_Integer:
            env[key] = int(value)
            continue
        ball = _exact_ball(value)
        if isinstance(key, sp.Indexed):
            env[(key.base, tuple(int(i) for i in key.indices))] = ball
        else:
            env[key] = ball
    return env


def _exact_ball(value: sp.Basic):
    """An exact value, turned into a ball only at the precision of its use."""
    if value.is_Rational:
        return fmpq(int(value.p), int(value.q))
    re_, im_ = value.as_real_imag()
    if re_.is_Rational and im_.is_Rational:
        if im_ == 0:
            return fmpq(int(re_.p), int(re_.q))
        return (fmpq(int(re_.p), int(re_.q)), fmpq(int(im_.p), int(im_.q)))
    return _Exact(value)


@dataclass(frozen=True)
class _Exact:
    """A value of a point that is not a rational (log 2, say): evaluated when used."""

    value: sp.Basic


def exact_value(expr: sp.Basic, env: Mapping | None = None) -> fmpq:
    """The exact rational value of `expr` (rational arithmetic, sums, max, abs, ...);
    Unknown when it needs anything else (exp, log, pi, a real power), Undefined when it
    has no value (a division by 0)."""
    field = _Field(False, env or {}, exact=True)
    try:
        return _ball(expr, field)
    except (ZeroDivisionError, _Unsure) as exc:
        raise Undefined(str(exc)) from None


def evaluate(expr: sp.Basic, bits: int, complex_: bool = False, env: Mapping | None = None):
    """The ball of `expr` at `bits` bits (None when more precision may help); raises
    Undefined when `expr` certainly has no value of the kind asked for."""
    field = _Field(complex_, env or {})
    try:
        with flint_precision(bits):
            return _ball(expr, field)
    except (_Unsure, ZeroDivisionError, ValueError, OverflowError):
        return None
    except (TypeError, RecursionError) as exc:
        raise Undefined(str(exc)) from None


def _ball(e: sp.Basic, field: _Field):
    leaf = isinstance(e, (sp.Symbol, sp.Indexed, sp.Number))  # cheaper than a memo
    key = None if leaf else (e, field.bound_in(e)) if field.loops else e
    if key is not None and key in field.memo:
        return field.memo[key]
    out = _finite(_resolved(_ball_of(e, field), field), field)
    if key is not None:
        field.memo[key] = out
    return out


def _resolved(v, field: _Field):
    """The ball of a value as it came from a variable: an _Exact value evaluated."""
    return _ball(v.value, field) if isinstance(v, _Exact) else v


def _finite(v, field: _Field):
    """v, when it is a finite ball (else more precision may help)."""
    if not field.finite(v):
        raise _Unsure("not finite at this precision")
    return v


# what exact rational arithmetic evaluates (anything else is Unknown there)
_EXACT_KINDS = (sp.Symbol, sp.Indexed, sp.Add, sp.Mul, sp.Pow, sp.Abs, sp.Max, sp.Min,
                sp.sign, sp.Heaviside, sp.floor, sp.ceiling, sp.Piecewise, sp.Sum, sp.Product,
                sp.KroneckerDelta)

_CONSTANTS: dict[object, Callable[[], arb]] = {
    sp.pi: arb.pi, sp.E: arb.const_e, sp.EulerGamma: arb.const_euler,
    sp.Catalan: arb.const_catalan, sp.GoldenRatio: lambda: (1 + arb(5).sqrt()) / 2,
}


def _ball_of(e: sp.Basic, field: _Field):
    make = field.make
    if e.is_Rational:
        return fmpq(int(e.p), int(e.q)) if field.exact else make(rational(e))
    if e.is_Float:
        return _float_fraction(e) if field.exact else make(_float(e))
    if field.exact and not isinstance(e, _EXACT_KINDS):
        raise Unknown(f"{type(e).__name__} is not rational arithmetic")
    if e in _CONSTANTS:
        return make(_CONSTANTS[e]())
    if e is sp.I:
        if not field.complex:
            raise Undefined("imaginary")
        return acb(0, 1)
    if isinstance(e, (sp.Symbol, sp.Indexed)):
        return field.variable(e)
    if e.is_Add:
        out = make(0)
        for a in e.args:
            out += _ball(a, field)
        return out
    if e.is_Mul:
        out = make(1)
        for a in e.args:
            out *= _ball(a, field)
        return out
    if e.is_Pow:
        return _power(e, field)
    t = type(e)
    if t in _UNARY and len(e.args) == 1:
        return _unary(t, _ball(e.args[0], field), field)
    rule = _RULES.get(t)
    if rule is None:
        raise Unknown(f"no certified evaluation of {t.__name__}")
    return rule(e, field)


@dataclass(frozen=True)
class _Interval:
    """A real domain (lo, hi), each end open or closed; None for no bound."""

    lo: int | None = None
    hi: int | None = None
    closed: bool = False

    def check(self, v: arb) -> None:
        """Pass when the ball lies inside, Undefined when outside, else _Unsure."""
        inside, outside = True, False
        if self.lo is not None:
            inside &= bool((v >= self.lo) if self.closed else (v > self.lo))
            outside |= bool((v < self.lo) if self.closed else (v <= self.lo))
        if self.hi is not None:
            inside &= bool((v <= self.hi) if self.closed else (v < self.hi))
            outside |= bool((v > self.hi) if self.closed else (v >= self.hi))
        if inside:
            return
        raise Undefined("outside the real domain") if outside else _Unsure("domain edge")


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


def _unary(t: type, v, field: _Field):
    """f(v) for a function f of `_UNARY`, inside its real domain when the field is real."""
    name, domain = _UNARY[t]
    if domain is not None and not field.complex:
        domain.check(v)
    return getattr(v, name)()


def _power(e: sp.Pow, field: _Field):
    base, ex = e.args
    b = _ball(base, field)
    if ex.is_Integer:
        return _integer_power(b, int(ex), field)
    if field.exact:
        raise Unknown("a non-integer power is not rational arithmetic")
    x = _ball(ex, field)
    if field.complex:
        return acb(0) if b.is_zero() and ex.is_positive else b ** x
    if b > 0:
        return b ** x
    if b.is_zero() and ex.is_positive:
        return arb(0)
    if b <= 0:
        raise Undefined("real power of a base that is not positive")
    raise _Unsure("real power of a base not certainly positive")


def _integer_power(b, k: int, field: _Field):
    """b^k for an integer k: Undefined at b = 0 for k < 0, unsure for a ball around 0."""
    if field.exact:
        if k < 0 and b == 0:
            raise Undefined("division by 0")
        return b ** k
    if k < 0 and not nonzero(b):
        raise Undefined("division by 0") if b.is_zero() else _Unsure("ball holds 0")
    return _int_power(b, k)


def _int_power(b, k: int):
    """b^k by repeated squaring (arb's own ** turns a ball around 0 into nan); an even
    power of a real ball is taken of its absolute value, so it stays non-negative."""
    if k < 0:
        return 1 / _int_power(b, -k)
    if isinstance(b, arb) and k % 2 == 0:
        b = abs(b)
    out, base = (acb(1) if isinstance(b, acb) else arb(1)), b
    while k:
        if k & 1:
            out *= base
        k >>= 1
        if k:
            base *= base
    return out


def _real(e: sp.Basic, field: _Field) -> arb:
    return field.real_part(_ball(e, field))


def _abs(e, field):
    return field.make(abs(_ball(e.args[0], field)))


def _max_min(e, field):
    vals = [_real(a, field) for a in e.args]
    if field.exact:
        return max(vals) if isinstance(e, sp.Max) else min(vals)
    out = vals[0]
    for v in vals[1:]:
        out = out.max(v) if isinstance(e, sp.Max) else out.min(v)
    return field.make(out)


def _step(value_at: Callable[[int], sp.Rational]):
    """sign(x) and Heaviside(x): a value for each certified sign of the argument."""
    def rule(e, field):
        s = sign_of_ball(_real(e.args[0], field))
        if s is None:
            raise _Unsure("sign of the argument not certified")
        q = sp.Rational(value_at(s))
        return fmpq(int(q.p), int(q.q)) if field.exact else field.make(rational(q))
    return rule


def _rounding(method: str):
    """floor and ceiling: exact when the ball lies between two integers, or (for a
    closed-form argument) when the argument is shown symbolically to be the one integer
    its ball holds."""
    def rule(e, field):
        arg = e.args[0]
        v = _real(arg, field)
        out = getattr(v, method)()
        if field.exact:
            return fmpq(out)
        if out.is_exact():
            return field.make(out)
        k = (v.mid() + arb(1) / 2).floor()
        if arg.is_number and v.contains(k) and not v.contains(k - 1) and not v.contains(
                k + 1):
            from .certified import exactly_zero  # the symbolic half of the question

            if exactly_zero(arg - sp.Integer(int(k.unique_fmpz()))):
                return field.make(k)
        raise _Unsure("rounding not certified")
    return rule


def _condition(cond: sp.Basic, field: _Field) -> bool:
    """A Piecewise condition, decided with the balls of its sides."""
    if cond is sp.true or cond is sp.false:
        return cond is sp.true
    if isinstance(cond, sp.And):
        return all(_condition(c, field) for c in cond.args)
    if isinstance(cond, sp.Or):
        return any(_condition(c, field) for c in cond.args)
    if isinstance(cond, sp.Not):
        return not _condition(cond.args[0], field)
    if not isinstance(cond, sp.Rel):
        raise Undefined("an unknown kind of condition")
    s = sign_of_ball(_real(cond.lhs, field) - _real(cond.rhs, field))
    if s is None:
        raise _Unsure("condition not settled")
    return {sp.StrictGreaterThan: s > 0, sp.GreaterThan: s >= 0, sp.StrictLessThan: s < 0,
            sp.LessThan: s <= 0, sp.Equality: s == 0, sp.Unequality: s != 0}[type(cond)]


def _piecewise(e, field):
    for expr, cond in e.args:
        if _condition(cond, field):
            return _ball(expr, field)
    raise Undefined("no Piecewise branch applies")


def outer_loop(e: sp.Sum | sp.Product) -> tuple:
    """(index, low, high, body) of a sum's outermost loop: sympy lists the limits innermost
    first (Sum(f, (j, 1, i), (i, 1, n)) sums over j inside the sum over i)."""
    *rest, (k, lo, hi) = e.limits
    return k, lo, hi, e.function if not rest else type(e)(e.function, *rest)


def _finite_sum(e, field):
    product = isinstance(e, sp.Product)
    out = field.make(1 if product else 0)
    k, lo, hi, inner = outer_loop(e)
    a, b = field.integer(lo), field.integer(hi)
    if b - a > MAX_TERMS:
        raise Undefined("a sum too long to evaluate term by term")
    body = field.bodies.get((inner, k))
    if body is None:
        body = field.bodies[(inner, k)] = _LoopBody(inner, k)
    fixed = body.fresh()
    outer = field.loops.get(k)
    try:
        for i in range(a, b + 1):
            if i % 256 == 0:
                budget.check()
            field.loops[k] = i
            term = body.term(field, fixed)
            out = out * term if product else out + term
    finally:
        if outer is None:
            field.loops.pop(k, None)
        else:
            field.loops[k] = outer
    return out


Part = Callable[[_Field, list], object]
"""A part of a loop body: its ball in a field at the current value of the summation
index, given the list of the body's parts that do not read the index (each worked out
on first use in a run of the loop)."""


class _LoopBody:
    """The body of a sum or product over `index`, turned once into nested functions: the
    same ball operations in the same order as `_ball`, without looking up each node's
    kind and memo entry again at every term; the parts that do not read the index are
    evaluated by `_ball` once per run of the loop."""

    def __init__(self, body: sp.Basic, index: sp.Symbol) -> None:
        self.index = index
        self.fixed_parts: list[sp.Basic] = []
        self.term = self._part(body)

    def fresh(self) -> list:
        """Room for the values of the parts that do not read the index, for one run."""
        return [None] * len(self.fixed_parts)

    def _part(self, e: sp.Basic) -> Part:
        k = self.index
        if k not in free_symbols(e):
            return self._fixed(e)
        if e == k:
            return lambda field, fixed: field.make(field.loops[k])
        if isinstance(e, sp.Indexed):
            return _indexed_part(e)
        if e.is_Add or e.is_Mul:
            return _assoc_part(e.is_Add, [self._part(a) for a in e.args])
        if e.is_Pow and e.exp.is_Integer:
            base, n = self._part(e.base), int(e.exp)
            return lambda field, fixed: _finite(
                _integer_power(base(field, fixed), n, field), field)
        t = type(e)
        if t in _UNARY and len(e.args) == 1:
            return _unary_part(t, self._part(e.args[0]))
        if t is sp.KroneckerDelta and len(e.args) == 2:
            i, j = (_integer_part(a) for a in e.args)
            return lambda field, fixed: _kronecker(i(field), j(field), field)
        return lambda field, fixed: _ball(e, field)  # the general route, memo and all

    def _fixed(self, e: sp.Basic) -> Part:
        slot = len(self.fixed_parts)
        self.fixed_parts.append(e)

        def part(field: _Field, fixed: list):
            v = fixed[slot]
            if v is None:
                v = fixed[slot] = _ball(e, field)
            return v
        return part


def _integer_part(e: sp.Basic) -> Callable[[_Field], int]:
    """`_Field.integer` of an index expression, with its shape looked at once."""
    if e.is_Integer:
        value = int(e)
        return lambda field: value
    if isinstance(e, sp.Symbol):
        return lambda field: field.loops[e] if e in field.loops else field.integer(e)
    if e.is_Add or e.is_Mul:
        parts = [_integer_part(a) for a in e.args]
        if e.is_Add:
            return lambda field: sum(p(field) for p in parts)

        def product(field: _Field) -> int:
            out = 1
            for p in parts:
                out *= p(field)
            return out
        return product
    return lambda field: field.integer(e)


def _indexed_part(e: sp.Indexed) -> Part:
    base, indices = e.base, [_integer_part(i) for i in e.indices]

    def part(field: _Field, fixed: list):
        v = field.entry(base, tuple(i(field) for i in indices), e)
        return _finite(_resolved(v, field), field)
    return part


def _assoc_part(add: bool, parts: list[Part]) -> Part:
    def part(field: _Field, fixed: list):
        out = field.make(0 if add else 1)
        for p in parts:
            v = p(field, fixed)
            out = out + v if add else out * v
        return _finite(out, field)
    return part


def _unary_part(t: type, arg: Part) -> Part:
    def part(field: _Field, fixed: list):
        if field.exact:
            raise Unknown(f"{t.__name__} is not rational arithmetic")
        return _finite(_unary(t, arg(field, fixed), field), field)
    return part


def _delta(e, field):
    i, j = (field.integer(a) for a in e.args)
    return _kronecker(i, j, field)


def _kronecker(i: int, j: int, field: _Field):
    return field.make(1 if i == j else 0)


def _lambertw(e, field):
    if len(e.args) > 1 and e.args[1] != 0:
        raise Undefined("only the principal branch")
    v = _ball(e.args[0], field)
    if not field.complex:
        edge = -arb(-1).exp()
        if v < edge:
            raise Undefined("LambertW outside its real domain")
        if not v >= edge:
            raise _Unsure("LambertW at its branch point")
    return v.lambertw()


def _re_im(e, field):
    v = _ball(e.args[0], field)
    if not field.complex:
        return v if isinstance(e, sp.re) else arb(0)
    return acb(v.real if isinstance(e, sp.re) else v.imag)


_RULES: dict[type, Callable] = {
    sp.Abs: _abs, sp.Max: _max_min, sp.Min: _max_min,
    sp.sign: _step(sp.Integer),
    sp.Heaviside: _step(lambda s: {1: sp.S.One, -1: sp.S.Zero, 0: sp.S.Half}[s]),
    sp.floor: _rounding("floor"), sp.ceiling: _rounding("ceil"),
    sp.Piecewise: _piecewise, sp.Sum: _finite_sum, sp.Product: _finite_sum,
    sp.KroneckerDelta: _delta, sp.LambertW: _lambertw, sp.re: _re_im, sp.im: _re_im,
}
