"""High-precision numeric truth of a statement at a point (mpmath through sympy's evalf).

The answer is True, False or None (cannot tell: the point is outside the statement's
domain, a value is not finite, or the two sides are too close to call). Numbers never
prove a claim; they cross-check proofs and confirm counterexamples.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache

import mpmath
import sympy as sp
from flint import arb

from . import balls, budget, certified
from .float64 import METHOD as FLOAT64_METHOD
from .float64 import Float64
from .forms import PSD, Convex
from .substitute import Point, _is_int_key, instantiate

DIGITS = 50
_LIMIT_CLOSE = sp.Float(10, DIGITS) ** -9  # limits are estimated, so coarser
_LIMIT_APART = sp.Float(10, DIGITS) ** -4


@dataclass
class Outcome:
    """Truth at a point, with extra witness values (e.g. the pair that breaks convexity)."""

    truth: bool | None
    witness: dict[sp.Basic, sp.Expr] = field(default_factory=dict)
    note: str = ""


def _number(expr: sp.Basic, digits: int) -> sp.Expr | None:
    try:
        val = sp.N(expr, digits, maxn=digits * 8)
    except Exception:
        return None
    if not getattr(val, "is_number", False) or val.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    if val.has(sp.Limit, sp.Derivative, sp.Integral, sp.Sum):
        return None
    if any(f._prec <= 1 for f in val.atoms(sp.Float)):  # evalf lost every digit
        return None
    return val


def numeric_limit(lim: sp.Limit, digits: int = DIGITS) -> tuple[sp.Expr, bool] | None:
    """Estimate a limit with numbers for every parameter by evaluating along a sequence.

    Returns (value, settled) where settled means the last terms agree closely; None
    when the expression cannot be evaluated along the sequence.
    """
    f, x, x0, d = lim.args
    if x0 is sp.oo:
        seq = [sp.Integer(10) ** k for k in (4, 8, 16, 32)]
    elif x0 is -sp.oo:
        seq = [-(sp.Integer(10) ** k) for k in (4, 8, 16, 32)]
    else:
        sgn = -1 if str(d) == "-" else 1
        seq = [x0 + sgn * sp.Integer(10) ** -k for k in (4, 8, 16, 32)]
    vals = []
    for t in seq:
        v = _term(f, x, t, digits + 40)
        if v is None or not v.is_real:
            return None
        vals.append(v)
    settled = abs(vals[-1] - vals[-2]) < _LIMIT_CLOSE * (1 + abs(vals[-1]))
    for sign, inf in ((1, sp.oo), (-1, -sp.oo)):
        # each term at least ten times the one before, one sign, past 10^12: divergent
        growing = all(sign * b > 10 * sign * a > 0 for a, b in zip(vals, vals[1:], strict=False))
        if not settled and growing and sign * vals[-1] > 10**12:
            return inf, True
    return vals[-1], bool(settled)


def _term(f: sp.Expr, x: sp.Symbol, t: sp.Expr, digits: int) -> sp.Expr | None:
    """f at x = t to `digits` significant digits: the midpoint of its certified ball
    (balls evaluated in place, many times faster than building f(t) in sympy's floats)
    once the ball is that narrow, else sympy's evalf of f(t)."""
    scale = arb(10) ** (-digits)

    def settled(v) -> bool:
        return isinstance(v, arb) and v.rad() < abs(v).lower() * scale

    try:
        # four times the bits the digits need: a ball no narrower by then (a value of 0,
        # say) is left to evalf rather than tried at ever higher precision
        got = certified.ball(f, settled, env=balls.environment({x: t}),
                             max_bits=4 * int(digits * 3.33))
    except balls.Unknown:
        got = None
    if got is not None and settled(got[0]):
        mantissa, exponent = got[0].mid().man_exp()  # the midpoint exactly, in binary
        with mpmath.workprec(max(int(mantissa).bit_length(), 53)):
            mid = mpmath.ldexp(mpmath.mpf(int(mantissa)), int(exponent))
        return sp.Float(mid, digits)
    # floats, not exact numbers: (1 + 10**-32)**(10**32) must not be expanded exactly
    return _number(f.xreplace({x: sp.Float(t, digits) if t.is_Rational else t}), digits)


def _replace_limits(expr: sp.Basic, digits: int) -> tuple[sp.Basic, bool, bool]:
    """Limits replaced by numeric estimates; flags (had limits, all settled)."""
    lims = sorted(expr.atoms(sp.Limit), key=lambda e: -sp.count_ops(e))
    if not lims:
        return expr, False, True
    settled_all = True
    mapping = {}
    for lim in lims:
        if lim.free_symbols:
            return expr, True, False
        est = numeric_limit(lim, digits)
        if est is None:
            return expr, True, False
        mapping[lim] = est[0]
        settled_all &= est[1]
    return _put_unevaluated(expr, mapping), True, settled_all


def _put_unevaluated(expr: sp.Basic, mapping: dict) -> sp.Basic:
    """`expr.xreplace(mapping)` that keeps relations unevaluated: an estimate put into
    `Eq(Limit(...), -1)` must be compared with the coarse tolerance of `decide`, not
    exactly by sympy on construction (-0.99...93 == -1 is False)."""
    if isinstance(expr, sp.Rel):
        return type(expr)(_put_unevaluated(expr.lhs, mapping),
                          _put_unevaluated(expr.rhs, mapping), evaluate=False)
    if isinstance(expr, (sp.And, sp.Or, sp.Not, sp.Implies, sp.Equivalent)):
        return type(expr)(*(_put_unevaluated(a, mapping) for a in expr.args), evaluate=False)
    return expr.xreplace(mapping)


def decide(rel: sp.Basic, digits: int = DIGITS, coarse: bool = False) -> bool | None:
    """Truth of a relation between numbers: certified by ball arithmetic (True or False
    only when the enclosures settle it; `proofs.certified`), None when it cannot tell.
    `coarse` compares numeric estimates of limits with a tolerance instead. Equations
    count as holding when both sides agree to `digits` - 10 digits (evidence, never a
    proof: an exact zero can only be shown symbolically)."""
    if rel is sp.true or rel is True:
        return True
    if rel is sp.false or rel is False:
        return False
    if isinstance(rel, sp.Rel):
        return _decide_relation(rel, digits, coarse)
    if isinstance(rel, (sp.And, sp.Or, sp.Not, sp.Implies, sp.Equivalent)):
        vals = [decide(a, digits, coarse) for a in rel.args]
        if isinstance(rel, sp.And):
            return False if False in vals else (None if None in vals else True)
        if isinstance(rel, sp.Or):
            return True if True in vals else (None if None in vals else False)
        if isinstance(rel, sp.Not):
            return None if vals[0] is None else not vals[0]
        if isinstance(rel, sp.Implies):
            a, b = vals
            if a is False or b is True:
                return True
            return False if (a is True and b is False) else None
        if None in vals:
            return None
        return vals[0] == vals[1]
    return None


_BY_SIGN = {sp.StrictGreaterThan: lambda s: s > 0, sp.GreaterThan: lambda s: s >= 0,
            sp.StrictLessThan: lambda s: s < 0, sp.LessThan: lambda s: s <= 0,
            sp.Equality: lambda s: s == 0, sp.Unequality: lambda s: s != 0}


def _decide_relation(rel: sp.Rel, digits: int, coarse: bool) -> bool | None:
    lhs, rhs = rel.lhs, rel.rhs
    if any(side in (sp.oo, -sp.oo) for side in (lhs, rhs)):
        if not all(side in (sp.oo, -sp.oo) or certified.enclose(side) is not None
                   for side in (lhs, rhs)):
            return None
        truth = type(rel)(lhs, rhs)  # sympy compares with an infinity exactly
        return bool(truth) if isinstance(truth, sp.logic.boolalg.BooleanAtom) else None
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        if not (isinstance(lhs, sp.MatrixBase) and isinstance(rhs, sp.MatrixBase)):
            return None
        if lhs.shape != rhs.shape or not isinstance(rel, sp.Eq):
            return False if lhs.shape != rhs.shape else None
        vals = [decide(sp.Eq(a, b, evaluate=False), digits, coarse)
                for a, b in zip(lhs, rhs, strict=True)]
        return False if False in vals else (None if None in vals else True)
    diff = lhs - rhs
    if getattr(diff, "is_Rational", False):  # exact
        return _BY_SIGN[type(rel)](int(sp.sign(diff)))
    if coarse:
        return _decide_coarse(rel, diff)
    if isinstance(rel, (sp.Eq, sp.Ne)):
        same = _agree(lhs, rhs, diff, digits)
        return None if same is None else (same if isinstance(rel, sp.Eq) else not same)
    if not (certified.has_real_value(lhs) and certified.has_real_value(rhs)):
        return None  # an order needs two real numbers
    s = certified.sign(diff)
    return None if s is None else _BY_SIGN[type(rel)](s)


def _agree(lhs: sp.Expr, rhs: sp.Expr, diff: sp.Expr, digits: int) -> bool | None:
    """False when the balls of the two sides are certainly apart (real or complex), True
    when the ball of their difference holds 0 and is narrower than 10^-(digits-10) of
    their size, None otherwise."""
    for complex_ in (False, True):
        sizes = [certified.ball(side, lambda v: True, complex_) for side in (lhs, rhs)]
        if None in sizes:
            continue
        tol = certified.tolerance([v for v, _bits in sizes], digits - 10)
        got = certified.ball(diff, lambda v: certified.nonzero(v) or certified.radius(v) < tol,  # noqa: B023
                             complex_)
        if got is None:
            continue
        v = got[0]
        if certified.nonzero(v):
            return False
        return True if certified.radius(v) < tol else None
    return None


def _decide_coarse(rel: sp.Rel, diff: sp.Expr) -> bool | None:
    """Limit estimates against values: equal within 10^-9, apart beyond 10^-4."""
    d, sl, sr = (_number(e, DIGITS) for e in (diff, rel.lhs, rel.rhs))
    if d is None or sl is None or sr is None:
        return None
    scale = 1 + abs(sl) + abs(sr)
    size = abs(d)
    is_zero, is_apart = bool(size < _LIMIT_CLOSE * scale), bool(size > _LIMIT_APART * scale)
    if isinstance(rel, (sp.Eq, sp.Ne)):
        if not (is_zero or is_apart):
            return None
        return is_zero if isinstance(rel, sp.Eq) else not is_zero
    if not (d.is_real and sl.is_real and sr.is_real) or not (is_zero or is_apart):
        return None
    return bool(_BY_SIGN[type(rel)](0 if is_zero else (1 if d > 0 else -1)))


def _psd_at(m: sp.MatrixBase, digits: int) -> Outcome:
    """Numbers for a PSD claim: a vector v with a certified negative vᵀMv refutes it; the
    smallest eigenvalue (mpmath, a private context) not below -10^-(digits-15) is
    agreement, never a proof."""
    mp = mpmath.MPContext()
    mp.dps = digits
    try:
        entries = [[mp.mpf(sp.N(e, digits)) for e in row] for row in m.tolist()]
    except (TypeError, ValueError):
        return Outcome(None, note="matrix entries are not real numbers")
    a = mp.matrix(entries)
    evals, evecs = mp.eigsy((a + a.T) * mp.mpf("0.5"))
    k = min(range(len(evals)), key=lambda i: evals[i])
    lo = evals[k]
    if lo >= -mp.mpf(10) ** (-(digits - 15)):
        return Outcome(True)
    v = sp.Matrix([sp.Rational(sp.Float(evecs[i, k], 20)) for i in range(len(evals))])
    form = (v.T * m * v)[0, 0]
    if certified.sign(form) == -1:
        return Outcome(False, {sp.Symbol("v"): v},
                       note=f"vᵀMv = {certified.enclose(form).text()} < 0 "
                            f"(smallest eigenvalue about {sp.Float(lo, 6)})")
    return Outcome(None)


def _convex_at(c: Convex, point: Point, rng: random.Random, digits: int) -> Outcome:
    """Midpoint convexity on random pairs of the variables' domain: a certified point
    above the chord refutes it; agreement needs at least 4 pairs that could be evaluated."""
    from .points import kind_of, random_value  # local: points imports this module

    f = instantiate(c.expr, point)
    vs = c.variables
    held = 0
    for _ in range(16):
        u = {v: random_value(kind_of(v), rng) for v in vs}
        w = {v: random_value(kind_of(v), rng) for v in vs}
        mid = {v: (u[v] + w[v]) / 2 for v in vs}
        values = [f.xreplace(q) for q in (mid, u, w)]
        if not all(certified.has_real_value(v) for v in values):
            continue  # outside the function's real domain
        truth = decide(sp.Le(values[0], (values[1] + values[2]) / 2, evaluate=False), digits)
        if truth is False:
            wit = {sp.Symbol(f"{v}_1"): u[v] for v in vs}
            wit.update({sp.Symbol(f"{v}_2"): w[v] for v in vs})
            return Outcome(False, wit, note="midpoint above the chord")
        held += truth is True
    return Outcome(True) if held >= 4 else Outcome(None, note="too few pairs could be "
                                                          "evaluated")


def _numbers_in(statement: sp.Basic, point: Point, digits: int) -> tuple[sp.Basic, str]:
    """The statement at the point, kept unevaluated: each side instantiated on its own,
    derivatives taken and limits replaced by estimates (so sympy cannot decide a
    relation between an estimate and an exact value on construction)."""
    if isinstance(statement, sp.Rel):
        sides = []
        for side in (statement.lhs, statement.rhs):
            if side.has(sp.Derivative, sp.Subs):
                # differentiate and substitute before the variables become numbers
                side = instantiate(side, {k: v for k, v in point.items() if _is_int_key(k)})
                side = side.replace(lambda e: isinstance(e, (sp.Derivative, sp.Subs)),
                                    lambda e: e.doit())
            inst = instantiate(side, point)
            if inst.has(sp.Derivative):
                inst = inst.replace(lambda e: isinstance(e, sp.Derivative), lambda e: e.doit())
            inst, had, settled = _replace_limits(inst, digits)
            if had and not settled:
                return sp.nan, "limit did not settle numerically"
            sides.append((inst, had))
        coarse = "limit" if sides[0][1] or sides[1][1] else ""
        return type(statement)(sides[0][0], sides[1][0], evaluate=False), coarse
    if isinstance(statement, (sp.And, sp.Or, sp.Not, sp.Implies, sp.Equivalent)):
        parts = [_numbers_in(a, point, digits) for a in statement.args]
        if any(p[0] is sp.nan for p in parts):
            return sp.nan, "limit did not settle numerically"
        coarse = "limit" if any(p[1] for p in parts) else ""
        return type(statement)(*[p[0] for p in parts], evaluate=False), coarse
    return instantiate(statement, point), ""


def _differentiated(side: sp.Basic) -> sp.Basic:
    """A side with its derivatives (and values at points) taken symbolically, for every
    n at once: once per side, not once per point."""
    if not side.has(sp.Derivative, sp.Subs):
        return side
    return _differentiated_once(balls.subs_text(side), side)


@lru_cache(maxsize=1024)
def _differentiated_once(text: str, side: sp.Basic) -> sp.Basic:
    return side.replace(lambda e: isinstance(e, (sp.Derivative, sp.Subs)), lambda e: e.doit())


_NOT_IN_PLACE = (sp.Limit, sp.Integral, PSD, Convex)
_UNHANDLED = _NOT_IN_PLACE + (sp.Derivative, sp.Subs)


def _fast_truth(statement: sp.Basic, point: Point, digits: int) -> tuple[bool, bool | None]:
    """(handled, truth): the statement decided from the balls of its sides evaluated at
    the point in place (`proofs.balls`; sums in n dimensions are never written out).
    Not handled: limits, matrices, unknown functions, and ties that only an exact
    symbolic zero can settle."""
    if isinstance(statement, (sp.And, sp.Or, sp.Not)):
        parts = [_fast_truth(a, point, digits) for a in statement.args]
        if not all(h for h, _t in parts):
            return False, None
        vals = [t for _h, t in parts]
        if isinstance(statement, sp.Not):
            return True, None if vals[0] is None else not vals[0]
        if isinstance(statement, sp.And):
            return True, False if False in vals else (None if None in vals else True)
        return True, True if True in vals else (None if None in vals else False)
    if not isinstance(statement, sp.Rel) or statement.has(*_NOT_IN_PLACE) or any(
            isinstance(side, sp.MatrixBase) for side in statement.args):
        return False, None
    try:
        lhs, rhs = (_differentiated(side) for side in (statement.lhs, statement.rhs))
    except Exception:
        return False, None
    if lhs.has(*_UNHANDLED) or rhs.has(*_UNHANDLED):
        return False, None
    env = balls.environment(point)
    equation = isinstance(statement, (sp.Eq, sp.Ne))
    tie = False
    for complex_ in ((False, True) if equation else (False,)):
        for bits in certified.BITS:
            budget.check()
            try:
                lv = balls.evaluate(lhs, bits, complex_, env)
                rv = balls.evaluate(rhs, bits, complex_, env)
            except balls.Unknown:
                return False, None  # sympy may know the function: its own route
            except balls.Undefined:
                break  # no value of this kind: try complex values, or unknown
            if lv is None or rv is None:
                continue
            d = lv - rv
            if equation:
                if balls.nonzero(d):
                    return True, not isinstance(statement, sp.Eq)
                if certified.radius(d) < certified.tolerance([lv, rv], digits - 10):
                    return True, isinstance(statement, sp.Eq)
                continue
            s = balls.sign_of_ball(d)
            if s is not None:
                return True, _BY_SIGN[type(statement)](s)
            tie = certified.radius(d) < certified.tolerance([lv, rv], digits - 10)
            if tie:
                break
        else:
            continue
        if tie:
            break
    if tie:  # maybe an exact zero: rational arithmetic settles it when it applies
        try:
            d = balls.exact_value(lhs, env) - balls.exact_value(rhs, env)
        except balls.Undefined:
            return False, None
        return True, _BY_SIGN[type(statement)](balls.sign_of_ball(d))
    return True, None


def evaluate(statement: sp.Basic, point: Point, rng: random.Random | None = None,
             digits: int = DIGITS, fast: bool = True) -> Outcome:
    """Truth of `statement` at `point` (assumptions are the caller's business). `fast`
    decides from balls evaluated in place where it can; without it (or where it cannot)
    the statement is instantiated by sympy first: two independent routes."""
    rng = rng or random.Random(0)
    if fast:
        handled, truth = _fast_truth(statement, point, digits)
        if handled:
            return Outcome(truth)
    if isinstance(statement, Float64):  # about float64 itself: run it (no real numbers)
        holds, text = statement.check()
        wit = {} if holds else {sp.Symbol("float64_result"): statement.result_expr()}
        return Outcome(holds, wit, note=f"float64 gives {text}; {FLOAT64_METHOD}")
    if isinstance(statement, Convex):
        return _convex_at(statement, point, rng, digits)
    try:
        inst, flag = _numbers_in(statement, point, digits)
    except Exception as exc:  # a point outside the domain, say
        return Outcome(None, note=f"cannot evaluate: {type(exc).__name__}")
    if inst is sp.nan:
        return Outcome(None, note=flag)
    if isinstance(inst, PSD):
        return _psd_at(inst.matrix, digits)
    if inst.has(PSD) or inst.has(Convex):
        return Outcome(None, note="nested form")
    return Outcome(decide(inst, digits, coarse=flag == "limit"))
