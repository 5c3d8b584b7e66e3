"""One-variable inequalities by monotonicity: a boundary value and the sign of f'.

The goal `g(x) >= 0` (or > 0), g = big - small, in one real variable x over an interval
I (the assumptions of x and the affine relations of `given`, `proofs.domain.interval_of`)
is first written over a canonical interval (x = c + s with s >= 0 for I = [c, ∞), and
so on). Then one of three moves, each with its side conditions checked where it is made:

- `from the left end`: g is differentiable on the closure of I at its left end c,
  g(c) >= 0 (a certified number), and g' >= 0 on I (a subgoal, proved by any tactic,
  this one included: the derivative's own boundary value and derivative, and so on);
  so g(x) >= g(c) >= 0. The mirror image, `to the right end`, uses g' <= 0.
- `around a critical point`: c inside I with g'(c) = 0 exactly, g(c) >= 0, g' <= 0 left
  of c and g' >= 0 right of it (two subgoals over half-intervals), so g(x) >= g(c).
- `between two ends`: g' >= 0 left of an interior c and g' <= 0 right of it, and g >= 0
  at both (finite) ends.

Which move to try is chosen by evaluating g' at a few points (floats, a guide only;
nothing numeric is relied on): a derivative that changes sign more than once, or never
where a move needs it to, declines at once. The values a move relied on (the critical
point, the ends) are recorded as landmarks for the numeric cross-check.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

import mpmath
import sympy as sp

from .. import budget
from ..domain import interval_of, smooth_reason
from ..positivity import assumed_interval, interval_text, known_sign, sign_on
from ..search import Decline, Goal, sub_steps, tactic
from ..verdict import Proof, Scope, Step, note, rel
from .inequality import op_of, oriented
from .polynomial import one_variable
from .subgoals import solve_new

_NOT_SMOOTH = (sp.Piecewise, sp.Max, sp.Min, sp.Abs, sp.sign, sp.Heaviside, sp.floor,
               sp.ceiling, sp.Derivative, sp.Limit, sp.Integral, sp.Sum)
_PROBES = (sp.Rational(1, 10**6), sp.Rational(1, 1000), sp.Rational(1, 100),
           sp.Rational(1, 10), sp.Rational(1, 4), sp.Rational(1, 2), sp.Rational(3, 4), 1,
           sp.Rational(3, 2), 2, 3, 5, 10, 30, 100, 1000)
_FRACTIONS = tuple(sp.Rational(k, 16) for k in range(1, 16)) + (
    sp.Rational(1, 1000), sp.Rational(999, 1000))


@dataclass(frozen=True)
class Line:
    """The goal over a canonical interval: `g(v) >= 0` (or > 0) for v in `interval`,
    whose lower end (if finite) is 0 and comes from the assumptions of v; `given` holds
    the upper end, if any; `back` says how the goal's variable reads in v."""

    v: sp.Symbol
    g: sp.Expr
    interval: sp.Interval
    given: tuple[sp.Basic, ...]
    x: sp.Symbol
    back: sp.Expr  # the goal's variable as an expression in v


def _fresh(name: str, closed: bool) -> sp.Dummy:
    return sp.Dummy(name, nonnegative=True) if closed else sp.Dummy(name, positive=True)


def _upper(v: sp.Symbol, end: sp.Expr, open_: bool) -> tuple[sp.Basic, ...]:
    if end == sp.oo:
        return ()
    return ((sp.Lt if open_ else sp.Le)(v, end),)


def canonical(x: sp.Symbol, g: sp.Expr, interval: sp.Interval) -> Line:
    """g over an interval whose finite lower end is 0 and comes from the assumptions:
    x = lo + s for I = [lo, hi) (s >= 0 or s > 0), x = hi - s for I = (-∞, hi]."""
    lo, hi = interval.start, interval.end
    if lo == -sp.oo and hi == sp.oo:
        return Line(x, g, interval, (), x, x)
    if lo == -sp.oo:
        s = _fresh("s", not interval.right_open)
        return Line(s, g.xreplace({x: hi - s}), sp.Interval(0, sp.oo, interval.right_open),
                    (), x, hi - s)
    natural = (lo == 0 and ((x.is_positive and interval.left_open)
                            or (x.is_nonnegative and not x.is_positive
                                and not interval.left_open)))
    if natural:
        return Line(x, g, interval, _upper(x, hi, interval.right_open), x, x)
    s = _fresh("s", not interval.left_open)
    width = hi - lo
    return Line(s, g.xreplace({x: lo + s}),
                sp.Interval(0, width, interval.left_open, interval.right_open),
                _upper(s, width, interval.right_open), x, lo + s)


# ------------------------------------------------------------------------------------
# a numeric guide (never relied on)


def _probe_points(interval: sp.Interval) -> list[sp.Expr]:
    lo, hi = interval.start, interval.end
    if lo == -sp.oo and hi == sp.oo:
        pos = [p for p in _PROBES if p >= sp.Rational(1, 1000)]
        return sorted([-p for p in pos] + [sp.Integer(0)] + pos)
    if hi == sp.oo:
        return [lo + p for p in _PROBES]
    return [lo + f * (hi - lo) for f in sorted(_FRACTIONS)]


def _float_values(e: sp.Expr, v: sp.Symbol, points: list[sp.Expr]
                  ) -> list[tuple[sp.Expr, float]]:
    """(point, value) where e evaluates to a finite real float (a guide only)."""
    out = []
    try:
        f = sp.lambdify(v, e, modules="mpmath")
    except Exception:
        return out
    with mpmath.workdps(30):
        for p in points:
            try:
                val = f(mpmath.mpf(sp.Rational(p).p) / sp.Rational(p).q)
            except Exception:
                continue
            if isinstance(val, mpmath.mpc):
                if abs(val.imag) > 1e-20:
                    continue
                val = val.real
            try:
                fv = float(val)
            except (TypeError, ValueError, OverflowError):
                continue
            if math.isfinite(fv):
                out.append((p, fv))
    return out


def _pattern(values: list[tuple[sp.Expr, float]]) -> tuple[str, list[tuple]]:
    """'up' (no negative value), 'down', 'valley' (- then +), 'peak' (+ then -) or
    'mixed'; with the brackets (p, q) where the sign changes."""
    signed = [(p, 1 if val > 0 else -1) for p, val in values if abs(val) > 1e-18]
    if not signed:
        return "flat", []
    changes = [(a[0], b[0]) for a, b in zip(signed, signed[1:], strict=False)
               if a[1] != b[1]]
    if not changes:
        return ("up" if signed[0][1] > 0 else "down"), []
    if len(changes) == 1:
        return ("valley" if signed[0][1] < 0 else "peak"), changes
    return "mixed", changes


def _critical_point(dg: sp.Expr, v: sp.Symbol, bracket: tuple) -> sp.Expr | None:
    """An exact zero c of dg inside the bracket: a candidate from the numbers (bisection
    to 40 digits, then a closed form guessed with nsimplify) or from solveset, accepted
    only when dg(c) is certified to be exactly 0."""
    lo, hi = bracket
    candidates: list[sp.Expr] = [sp.Integer(k) for k in range(math.ceil(lo), math.floor(hi) + 1)
                                 if lo < k < hi][:3]
    try:
        f = sp.lambdify(v, dg, modules="mpmath")
        with mpmath.workdps(45):
            a, b = mpmath.mpf(sp.Rational(lo).p) / sp.Rational(lo).q, \
                mpmath.mpf(sp.Rational(hi).p) / sp.Rational(hi).q
            fa = f(a)
            for _ in range(150):
                m = (a + b) / 2
                fm = f(m)
                if (fm > 0) == (fa > 0):
                    a, fa = m, fm
                else:
                    b = m
            root = (a + b) / 2
            for consts in ([], [sp.E], [sp.pi], [sp.log(2)]):
                try:
                    guess = sp.nsimplify(sp.Float(root, 40), consts, tolerance=1e-30,
                                         rational=False)
                except Exception:
                    continue
                if guess.is_number and len(str(guess)) < 40:
                    candidates.append(guess)
    except Exception:
        pass
    for c in dict.fromkeys(candidates):
        budget.check()
        if known_sign(dg.xreplace({v: c})) == 0:
            return c
    return None


# ------------------------------------------------------------------------------------
# the moves


def _value_at(g: sp.Expr, v: sp.Symbol, c: sp.Expr) -> sp.Expr | None:
    val = g.xreplace({v: c})
    if val.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not val.is_number:
        return None
    return val


def _closure_smooth(line: Line, left: bool, right: bool) -> str | None:
    """g differentiable on I with its finite left and/or right end included (where a
    move uses the value of g at that end)."""
    v, g, interval = line.v, line.g, line.interval
    closed = sp.Interval(interval.start, interval.end, interval.left_open and not left,
                         interval.right_open and not right)
    if left and interval.start == 0 and interval.left_open and v.is_positive:
        u = sp.Dummy("u", nonnegative=True)  # v itself cannot be 0
        g, v = g.xreplace({v: u}), u
    if closed == assumed_interval(v):
        return smooth_reason(g, v)
    return smooth_reason(g, v, closed)


def _sub(goal: Goal, expr: sp.Expr, strict: bool, given: tuple[sp.Basic, ...]) -> Proof:
    """A proof of expr >= 0 (or > 0) under `given`, or Decline."""
    free = expr.free_symbols
    if len(free) == 1:
        var = next(iter(free))
        interval = interval_of(var, given)
        why = sign_on(expr, var, interval, strict)
        if why:
            return Proof("sign on the interval", (
                rel(expr, op_of(strict), 0, f"for {var} in {interval_text(interval)}: {why}"),))
    stmt = (sp.Gt if strict else sp.Ge)(expr, 0, evaluate=False)
    if stmt is sp.true:
        return Proof("sympy's assumptions", (note("true by the signs the assumptions give"),))
    if stmt is sp.false:
        raise Decline("a subgoal is false as built")
    sub = solve_new(goal.sub(stmt, given))
    if sub is None:
        raise Decline(f"not shown: {sp.sstr(expr)} {op_of(strict)} 0")
    return sub


def _tidy(e: sp.Expr) -> sp.Expr:
    return sp.factor_terms(e)


def _end_value(line: Line, end: sp.Expr, strict: bool, what: str) -> tuple[sp.Expr, str]:
    val = _value_at(line.g, line.v, end)
    if val is None:
        raise Decline(f"no value at the {what}")
    s = known_sign(val)
    if s is None or s < 0 or (strict and s == 0):
        raise Decline(f"the value at the {what} does not have the needed sign")
    return val, ("= 0" if s == 0 else "> 0 (certified)")


def _from_left(goal: Goal, line: Line, strict: bool) -> Proof:
    v, g, interval = line.v, line.g, line.interval
    lo = interval.start
    val, how = _end_value(line, lo, False, "left end")
    zero = known_sign(val) == 0
    if strict and zero and not interval.left_open:
        raise Decline("zero at the left end, which the interval holds")
    smooth = _closure_smooth(line, True, False)
    if smooth is None:
        raise Decline("not shown to be differentiable up to the left end")
    dg = _tidy(sp.diff(g, v))
    sub = _sub(goal, dg, strict and zero, line.given)
    return Proof("monotone from the left end", (
        note(f"for {v} in {interval_text(interval)}; the difference is differentiable there and "
             f"at the ends ({smooth})"),
        rel(sp.Subs(g, v, lo), "=", val, f"at the left end {{0}}: {how}",
            (sp.Eq(v, lo, evaluate=False),)),
        rel(sp.Derivative(g, v), op_of(strict and zero), 0,
            f"the derivative ({sub.method})"),
        *sub_steps(sub.steps),
        rel(g, op_of(strict), 0, "so the difference grows from its value at the left end"),
    ), scope=Scope(landmarks=((line.x, line.back.xreplace({v: lo})),)))


def _to_right(goal: Goal, line: Line, strict: bool) -> Proof:
    v, g, interval = line.v, line.g, line.interval
    hi = interval.end
    if hi == sp.oo:
        raise Decline("no right end")
    val, how = _end_value(line, hi, False, "right end")
    zero = known_sign(val) == 0
    if strict and zero and not interval.right_open:
        raise Decline("zero at the right end, which the interval holds")
    smooth = _closure_smooth(line, False, True)
    if smooth is None:
        raise Decline("not shown to be differentiable up to the right end")
    dg = _tidy(-sp.diff(g, v))
    sub = _sub(goal, dg, strict and zero, line.given)
    return Proof("monotone to the right end", (
        note(f"for {v} in {interval_text(interval)}; the difference is differentiable there and "
             f"at the ends ({smooth})"),
        rel(sp.Subs(g, v, hi), "=", val, f"at the right end {{0}}: {how}",
            (sp.Eq(v, hi, evaluate=False),)),
        rel(-sp.Derivative(g, v), op_of(strict and zero), 0,
            f"the derivative is not positive ({sub.method})"),
        *sub_steps(sub.steps),
        rel(g, op_of(strict), 0, "so the difference falls to its value at the right end"),
    ), scope=Scope(landmarks=((line.x, line.back.xreplace({v: hi})),)))


def _halves(line: Line, c: sp.Expr, dg: sp.Expr
            ) -> tuple[tuple[sp.Expr, tuple, str], tuple[sp.Expr, tuple, str]]:
    """(expression, given, where) for -g' >= 0 left of c and g' >= 0 right of c."""
    v, interval = line.v, line.interval
    t = sp.Dummy("t", nonnegative=True)
    right_given = _upper(t, interval.end - c, interval.right_open) if (
        interval.end != sp.oo) else ()
    right = (_tidy(dg.xreplace({v: c + t})), right_given,
             f"right of it (${sp.latex(v)} = {sp.latex(c + t)}$, $t \\ge 0$)")
    if interval.start == -sp.oo:
        left = (_tidy(-dg.xreplace({v: c - t})), (),
                f"left of it (${sp.latex(v)} = {sp.latex(c - t)}$, $t \\ge 0$)")
    else:
        left = (_tidy(-dg), (sp.Le(v, c),), f"left of it (${sp.latex(sp.Le(v, c))}$)")
    return left, right


def _around_critical_point(goal: Goal, line: Line, strict: bool, bracket: tuple) -> Proof:
    v, g, interval = line.v, line.g, line.interval
    smooth = _closure_smooth(line, False, False)
    if smooth is None:
        raise Decline("not shown to be differentiable on the interval")
    dg = sp.diff(g, v)
    c = _critical_point(dg, v, bracket)
    if c is None:
        raise Decline("no exact zero of the derivative found where it changes sign")
    val, how = _end_value(line, c, strict, "critical point")
    (lexpr, lgiven, lwhere), (rexpr, rgiven, rwhere) = _halves(line, c, dg)
    left = _sub(goal, lexpr, False, lgiven)
    right = _sub(goal, rexpr, False, rgiven)
    return Proof("monotone on each side of a critical point", (
        note(f"for {v} in {interval_text(interval)}; the difference is differentiable there "
             f"({smooth})"),
        Step(lhs=v, op="=", rhs=c, why="a zero of the derivative (exactly: it is 0 there)"),
        rel(sp.Subs(g, v, c), "=", val, f"the value there: {how}"),
        rel(lexpr, ">=", 0, f"the derivative is not positive {lwhere} ({left.method})"),
        *sub_steps(left.steps),
        rel(rexpr, ">=", 0, f"the derivative is not negative {rwhere} ({right.method})"),
        *sub_steps(right.steps),
        rel(g, op_of(strict), 0, "so the difference is least at the critical point"),
    ), scope=Scope(landmarks=((line.x, line.back.xreplace({v: c})),)))


def _between_ends(goal: Goal, line: Line, strict: bool, bracket: tuple) -> Proof:
    v, g, interval = line.v, line.g, line.interval
    lo, hi = interval.start, interval.end
    if hi == sp.oo or lo == -sp.oo:
        raise Decline("needs two finite ends")
    smooth = _closure_smooth(line, True, True)
    if smooth is None:
        raise Decline("not shown to be differentiable up to the ends")
    vlo, how_lo = _end_value(line, lo, strict, "left end")
    vhi, how_hi = _end_value(line, hi, strict, "right end")
    dg = sp.diff(g, v)
    c = _critical_point(dg, v, bracket)
    if c is None:
        raise Decline("no exact zero of the derivative found where it changes sign")
    (lexpr, lgiven, lwhere), (rexpr, rgiven, rwhere) = _halves(line, c, dg)
    up = _sub(goal, -lexpr, False, lgiven)   # g' >= 0 left of c
    down = _sub(goal, -rexpr, False, rgiven)  # g' <= 0 right of c
    return Proof("monotone between the two ends", (
        note(f"for {v} in {interval_text(interval)}; the difference is differentiable there and "
             f"at the ends ({smooth})"),
        rel(sp.Subs(g, v, lo), "=", vlo, f"at the left end: {how_lo}"),
        rel(sp.Subs(g, v, hi), "=", vhi, f"at the right end: {how_hi}"),
        Step(lhs=v, op="=", rhs=c, why="a zero of the derivative"),
        rel(-lexpr, ">=", 0, f"the derivative is not negative {lwhere} ({up.method})"),
        *sub_steps(up.steps),
        rel(-rexpr, ">=", 0, f"the derivative is not positive {rwhere} ({down.method})"),
        *sub_steps(down.steps),
        rel(g, op_of(strict), 0, "so the difference is least at an end"),
    ), scope=Scope(landmarks=((line.x, line.back.xreplace({v: lo})),
                              (line.x, line.back.xreplace({v: hi})),
                              (line.x, line.back.xreplace({v: c})))))


def _numerator(line: Line) -> list[tuple[Line, str]]:
    """The difference itself, and, when it is a quotient with a denominator of known sign
    on the interval, its numerator (with that sign)."""
    out = [(line, "")]
    num, den = sp.fraction(sp.together(line.g))
    if den == 1 or den.is_number:
        return out
    for s in (1, -1):
        if sign_on(s * den, line.v, line.interval, True):
            out.insert(0, (Line(line.v, sp.expand(s * num), line.interval, line.given,
                                line.x, line.back),
                           f"the denominator ${sp.latex(den)}$ is "
                           f"{'positive' if s > 0 else 'negative'} on the interval"))
            break
    return out


@tactic("inequality", cost=6)
def monotone_one_variable(goal: Goal) -> Proof | None:
    """g = big - small in one variable: from a boundary value and the sign of g'
    (recursively), or around a critical point, or between two ends."""
    big, small, strict = oriented(goal)
    x = one_variable(goal)
    g = big - small
    if g.has(*_NOT_SMOOTH):
        raise Decline("holds a function that is not smooth (cases first)")
    interval = interval_of(x, goal.given)
    if interval.is_empty or interval.measure == 0:
        raise Decline("the assumptions leave at most one value")
    base = canonical(x, g, interval)
    head: list[Step] = []
    if base.back != x:
        head.append(rel(x, "=", base.back, "write {0} in {1} as {2} with {3} in {4}",
                        (x, interval, base.back, base.v, base.interval)))
    reasons = []
    for line, why in _numerator(base):
        budget.check()
        values = _float_values(sp.diff(line.g, line.v), line.v, _probe_points(line.interval))
        shape, changes = _pattern(values)
        bracket = changes[0] if changes else None
        moves = {"up": [_from_left], "down": [_to_right], "flat": [_from_left, _to_right],
                 "valley": [partial(_around_critical_point, bracket=bracket)],
                 "peak": [partial(_between_ends, bracket=bracket)],
                 }.get(shape, [])
        if not moves:
            reasons.append("the derivative changes sign more than once")
            continue
        for move in moves:
            try:
                proof = move(goal, line, strict)
            except Decline as no:
                reasons.append(str(no))
                continue
            steps = list(head)
            if why:
                steps.append(rel(line.g, op_of(strict), 0, f"the numerator suffices: {why}"))
            return Proof(proof.method, tuple(steps) + proof.steps, proof.scope)
    raise Decline("; ".join(dict.fromkeys(reasons)) or "no monotone move applies")
