"""A public corpus of claims that users bring from neighbouring notes (issue 10).

One-variable bounds that need a boundary value or several derivatives, Piecewise
activations and losses, classical inequalities in 2-3 variables, information theory
and log-sum-exp for symbolic n, and limits whose value depends on which parameter is
larger. About half are true and half false; the false ones are near misses that fail
only at a tie, a boundary, for some signs or in a small region.

Each entry's truth is settled here, independently of the engine (`settle`): mpmath at
40 digits through `lambdify`, at a witness point for a false claim and at many random
points meeting the assumptions for a true one; sums for symbolic n are written out for
n = 1..5 and limits are followed along a sequence.

Run `python -m tests.generality_corpus` for the one-line figure (true proved, false
refuted, wrong verdicts, seconds).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import mpmath
import sympy as sp

from proofs import Claim

R = sp.Rational
Point = dict[sp.Basic, sp.Expr]

# --------------------------------------------------------------------------------------
# symbols
x = sp.Symbol("x", real=True)
xn = sp.Symbol("x", nonnegative=True)
xp = sp.Symbol("x", positive=True)
a, b, c = sp.symbols("a b c", positive=True)
ar, br = sp.symbols("a b", real=True)
a1, a2, a3, b1, b2, b3 = sp.symbols("a1 a2 a3 b1 b2 b3", real=True)
pa1, pa2, pb1, pb2 = sp.symbols("a1 a2 b1 b2", positive=True)
p, q = sp.symbols("p q", positive=True)
p1, p2, p3, q1, q2, q3 = sp.symbols("p1 p2 p3 q1 q2 q3", positive=True)
t = sp.Symbol("t", real=True)

n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)
P = sp.IndexedBase("p", nonnegative=True)
PP = sp.IndexedBase("p", positive=True)
QQ = sp.IndexedBase("q", positive=True)
X = sp.IndexedBase("x", real=True)


def S(body: sp.Expr) -> sp.Sum:
    """Σ_{k=1}^{n} body."""
    return sp.Sum(body, (k, 1, n))


P_ONE = sp.Eq(S(P[k]), 1)
PP_ONE = sp.Eq(S(PP[k]), 1)
QQ_ONE = sp.Eq(S(QQ[k]), 1)

huber = sp.Piecewise((x**2 / 2, sp.Abs(x) <= 1), (sp.Abs(x) - R(1, 2), True))
leaky = sp.Piecewise((x, x >= 0), (x / 100, True))
elu = sp.Piecewise((x, x > 0), (sp.exp(x) - 1, True))
relu = sp.Piecewise((x, x > 0), (0, True))
softplus = sp.log(1 + sp.exp(x))


def H2(u: sp.Expr) -> sp.Expr:
    """The entropy of (u, 1 - u) in nats."""
    return -u * sp.log(u) - (1 - u) * sp.log(1 - u)


# --------------------------------------------------------------------------------------
# entries


@dataclass(frozen=True)
class Entry:
    """A claim of the corpus, its kind, whether it is true, and how to settle that:
    `witness` is a point (meeting every assumption) where a false claim fails;
    `sampler` draws points meeting the assumptions (default: by the symbols' signs)."""

    claim: Claim
    kind: str
    true: bool
    witness: Point | None = None
    sampler: Callable[[random.Random], Point] | None = field(default=None, compare=False)


def _unit(rng: random.Random) -> sp.Rational:
    """A rational in (0, 1), edges and the middle included."""
    return rng.choice([R(1, 1000), R(999, 1000), R(1, 2), R(rng.randint(1, 999), 1000)])


def _simplex(m: int, rng: random.Random) -> list[sp.Rational]:
    w = [R(rng.randint(1, 50)) for _ in range(m)]
    total = sum(w)
    return [v / total for v in w]


def pq_sampler(rng: random.Random) -> Point:
    return {p: _unit(rng), q: _unit(rng)}


def simplex3(rng: random.Random) -> Point:
    ps, qs = _simplex(3, rng), _simplex(3, rng)
    return {p1: ps[0], p2: ps[1], p3: ps[2], q1: qs[0], q2: qs[1], q3: qs[2]}


def T(name: str, st: sp.Basic, kind: str, given: tuple = (), sampler=None) -> Entry:
    return Entry(Claim(f"gen-{name}", st, given=given), kind, True, sampler=sampler)


def F(name: str, st: sp.Basic, kind: str, witness: Point, given: tuple = ()) -> Entry:
    return Entry(Claim(f"gen-false-{name}", st, given=given, expect="refuted"), kind, False,
                 witness=witness)


ONE_VAR = "one variable"
PIECEWISE = "piecewise"
CLASSICAL = "classical"
INDEXED = "symbolic n"
LIMIT = "limit"

ENTRIES: list[Entry] = [
    # ---- one variable: a boundary value and the sign of derivatives
    T("cosh-above-quadratic", sp.cosh(x) >= 1 + x**2 / 2, ONE_VAR),
    T("sinh-above-x", sp.sinh(xn) >= xn, ONE_VAR),
    T("tanh-below-x", sp.tanh(xn) <= xn, ONE_VAR),
    T("tanh-above-cubic", sp.tanh(xn) >= xn - xn**3 / 3, ONE_VAR),
    T("log-above-one-minus-inverse", sp.log(xp) >= 1 - 1 / xp, ONE_VAR),
    T("exp-below-inverse", sp.exp(x) <= 1 / (1 - x), ONE_VAR, given=(x < 1,)),
    T("exp-taylor-2", sp.exp(xn) >= 1 + xn + xn**2 / 2, ONE_VAR),
    T("exp-taylor-3", sp.exp(xn) >= 1 + xn + xn**2 / 2 + xn**3 / 6, ONE_VAR),
    T("log1p-taylor-2", sp.log(1 + xn) >= xn - xn**2 / 2, ONE_VAR),
    T("log1p-taylor-3-above", sp.log(1 + xn) <= xn - xn**2 / 2 + xn**3 / 3, ONE_VAR),
    T("log1p-ratio", sp.log(1 + xn) >= xn / (1 + xn), ONE_VAR),
    T("sin-below-x", sp.sin(xn) <= xn, ONE_VAR),
    T("sin-above-cubic", sp.sin(xn) >= xn - xn**3 / 6, ONE_VAR),
    T("cos-above-quadratic", sp.cos(x) >= 1 - x**2 / 2, ONE_VAR),
    T("atan-below-x", sp.atan(xn) <= xn, ONE_VAR),
    T("x-to-the-x-above-x", xp**xp >= xp, ONE_VAR),
    T("x-to-the-x-minimum", xp**xp >= sp.exp(-sp.exp(-1)), ONE_VAR),
    T("xlogx-above-x-minus-1", xp * sp.log(xp) >= xp - 1, ONE_VAR),
    T("exp-minus-below-inverse", sp.exp(-xn) <= 1 / (1 + xn), ONE_VAR),
    T("softplus-above-half-x", softplus >= sp.log(2) + x / 2, ONE_VAR),
    T("softplus-below-max", softplus <= sp.log(2) + sp.Max(0, x), ONE_VAR),
    T("sqrt-below-tangent", sp.sqrt(1 + xn) <= 1 + xn / 2, ONE_VAR),
    T("log-below-sqrt-gap", sp.log(xp) <= (xp - 1) / sp.sqrt(xp), ONE_VAR, given=(xp >= 1,)),
    # ---- piecewise activations and losses
    T("huber-below-square", huber <= x**2 / 2, PIECEWISE),
    T("huber-below-abs", huber <= sp.Abs(x), PIECEWISE),
    T("huber-above-abs-minus-half", huber >= sp.Abs(x) - R(1, 2), PIECEWISE),
    T("huber-nonnegative", huber >= 0, PIECEWISE),
    T("leaky-above-slope", leaky >= x / 100, PIECEWISE),
    T("leaky-below-relu", leaky <= sp.Max(x, 0), PIECEWISE),
    T("elu-above-x", elu >= x, PIECEWISE),
    T("elu-above-minus-one", elu > -1, PIECEWISE),
    T("elu-below-relu", elu <= relu, PIECEWISE),
    T("relu-below-softplus", relu <= softplus, PIECEWISE),
    # ---- classical inequalities in 2-3 variables
    T("am-gm-2", (a + b) / 2 >= sp.sqrt(a * b), CLASSICAL),
    T("am-gm-3", (a + b + c) / 3 >= sp.cbrt(a * b * c), CLASSICAL),
    T("am-hm-2", (a + b) / 2 >= 2 / (1 / a + 1 / b), CLASSICAL),
    T("am-hm-3", (a + b + c) / 3 >= 3 / (1 / a + 1 / b + 1 / c), CLASSICAL),
    T("gm-hm-2", sp.sqrt(a * b) >= 2 * a * b / (a + b), CLASSICAL),
    T("qm-am-2", sp.sqrt((a**2 + b**2) / 2) >= (a + b) / 2, CLASSICAL),
    T("cauchy-schwarz-2", (a1 * b1 + a2 * b2)**2 <= (a1**2 + a2**2) * (b1**2 + b2**2),
      CLASSICAL),
    T("cauchy-schwarz-3", (a1 * b1 + a2 * b2 + a3 * b3)**2
      <= (a1**2 + a2**2 + a3**2) * (b1**2 + b2**2 + b3**2), CLASSICAL),
    T("log-sum-2", pa1 * sp.log(pa1 / pb1) + pa2 * sp.log(pa2 / pb2)
      >= (pa1 + pa2) * sp.log((pa1 + pa2) / (pb1 + pb2)), CLASSICAL),
    T("gibbs-2", p * sp.log(p / q) + (1 - p) * sp.log((1 - p) / (1 - q)) >= 0, CLASSICAL,
      given=(p < 1, q < 1), sampler=pq_sampler),
    T("cross-entropy-2", -p * sp.log(q) - (1 - p) * sp.log(1 - q) >= H2(p), CLASSICAL,
      given=(p < 1, q < 1), sampler=pq_sampler),
    T("entropy-2-below-log2", H2(p) <= sp.log(2), CLASSICAL, given=(p < 1,),
      sampler=pq_sampler),
    T("gibbs-3", p1 * sp.log(p1 / q1) + p2 * sp.log(p2 / q2) + p3 * sp.log(p3 / q3) >= 0,
      CLASSICAL, given=(sp.Eq(p1 + p2 + p3, 1), sp.Eq(q1 + q2 + q3, 1)), sampler=simplex3),
    T("entropy-3-below-log3", -p1 * sp.log(p1) - p2 * sp.log(p2) - p3 * sp.log(p3)
      <= sp.log(3), CLASSICAL, given=(sp.Eq(p1 + p2 + p3, 1),), sampler=simplex3),
    T("jensen-exp-2", p * sp.exp(ar) + (1 - p) * sp.exp(br) >= sp.exp(p * ar + (1 - p) * br),
      CLASSICAL, given=(p < 1,)),
    T("lse-2-above-mean", sp.log(sp.exp(ar) + sp.exp(br)) >= sp.log(2) + (ar + br) / 2,
      CLASSICAL),
    # ---- symbolic n
    T("n-jensen-exp", S(P[k] * sp.exp(X[k])) >= sp.exp(S(P[k] * X[k])), INDEXED,
      given=(P_ONE,)),
    T("n-gibbs", S(PP[k] * sp.log(PP[k] / QQ[k])) >= 0, INDEXED, given=(PP_ONE, QQ_ONE)),
    T("n-cross-entropy", -S(PP[k] * sp.log(QQ[k])) >= -S(PP[k] * sp.log(PP[k])), INDEXED,
      given=(PP_ONE, QQ_ONE)),
    T("n-entropy-below-log-n", -S(PP[k] * sp.log(PP[k])) <= sp.log(n), INDEXED,
      given=(PP_ONE,)),
    T("n-entropy-nonnegative", -S(PP[k] * sp.log(PP[k])) >= 0, INDEXED, given=(PP_ONE,)),
    T("n-lse-above-mean", sp.log(S(sp.exp(X[k]))) >= S(X[k]) / n, INDEXED),
    T("n-lse-above-log-n-plus-mean", sp.log(S(sp.exp(X[k]))) >= sp.log(n) + S(X[k]) / n,
      INDEXED),
    # ---- limits whose value depends on the larger parameter
    T("power-mean-to-max", sp.Eq(sp.Limit((p**t + q**t)**(1 / t), t, sp.oo), sp.Max(p, q)),
      LIMIT),
    T("power-mean-to-min", sp.Eq(sp.Limit((p**t + q**t)**(1 / t), t, -sp.oo), sp.Min(p, q)),
      LIMIT),
    T("lse-rate-to-max", sp.Eq(sp.Limit(sp.log(sp.exp(ar * t) + sp.exp(br * t)) / t, t,
                                        sp.oo), sp.Max(ar, br)), LIMIT),

    # ==== false variants: near misses
    F("cosh-above-quartic", sp.cosh(x) >= 1 + x**2 / 2 + x**4 / 12, ONE_VAR, {x: 1}),
    F("sinh-above-x-all-reals", sp.sinh(x) >= x, ONE_VAR, {x: -1}),
    F("tanh-below-x-all-reals", sp.tanh(x) <= x, ONE_VAR, {x: -1}),
    F("log-strictly-above", sp.log(xp) > 1 - 1 / xp, ONE_VAR, {xp: 1}),
    F("exp-below-inverse-past-pole", sp.exp(x) <= 1 / (1 - x), ONE_VAR, {x: R(3, 2)},
      given=(x < 2,)),
    F("exp-taylor-2-all-reals", sp.exp(x) >= 1 + x + x**2 / 2, ONE_VAR, {x: -1}),
    F("log1p-taylor-3-below", sp.log(1 + xn) >= xn - xn**2 / 2 + xn**3 / 3, ONE_VAR, {xn: 1}),
    F("x-to-the-x-above-one", xp**xp >= 1, ONE_VAR, {xp: R(1, 2)}),
    F("x-to-the-x-above-half-min", xp**xp >= R(7, 10), ONE_VAR, {xp: R(37, 100)}),
    F("sin-below-x-all-reals", sp.sin(x) <= x, ONE_VAR, {x: -1}),
    F("cos-above-quartic", sp.cos(x) >= 1 - x**2 / 2 + x**4 / 24, ONE_VAR, {x: 1}),
    F("xlogx-strictly-above", xp * sp.log(xp) > xp - 1, ONE_VAR, {xp: 1}),
    F("tanh-above-cubic-wide", sp.tanh(xn) >= xn - xn**3 / 4, ONE_VAR, {xn: R(1, 10)}),
    F("huber-below-quarter-square", huber <= x**2 / 4, PIECEWISE, {x: R(1, 2)}),
    F("huber-strictly-below-square", huber < x**2 / 2, PIECEWISE, {x: R(1, 2)}),
    F("huber-above-abs-minus-049", huber >= sp.Abs(x) - R(49, 100), PIECEWISE, {x: 3}),
    F("leaky-strictly-above-x", leaky > x, PIECEWISE, {x: 1}),
    F("elu-strictly-above-x", elu > x, PIECEWISE, {x: 1}),
    F("elu-above-relu", elu >= relu, PIECEWISE, {x: -1}),
    F("am-gm-2-strict", (a + b) / 2 > sp.sqrt(a * b), CLASSICAL, {a: 1, b: 1}),
    F("am-gm-2-any-sign", (ar + br) / 2 >= sp.sqrt(ar * br), CLASSICAL, {ar: -1, br: -1}),
    F("am-hm-3-reversed", (a + b + c) / 3 <= 3 / (1 / a + 1 / b + 1 / c), CLASSICAL,
      {a: 1, b: 2, c: 3}),
    F("cauchy-schwarz-2-reversed", (a1 * b1 + a2 * b2)**2 >= (a1**2 + a2**2)
      * (b1**2 + b2**2), CLASSICAL, {a1: 1, a2: 0, b1: 0, b2: 1}),
    F("gibbs-2-strict", p * sp.log(p / q) + (1 - p) * sp.log((1 - p) / (1 - q)) > 0,
      CLASSICAL, {p: R(1, 3), q: R(1, 3)}, given=(p < 1, q < 1)),
    F("entropy-3-below-log2", -p1 * sp.log(p1) - p2 * sp.log(p2) - p3 * sp.log(p3)
      <= sp.log(2), CLASSICAL, {p1: R(1, 3), p2: R(1, 3), p3: R(1, 3)},
      given=(sp.Eq(p1 + p2 + p3, 1),)),
    F("lse-2-above-mean-plus-log3", sp.log(sp.exp(ar) + sp.exp(br))
      >= sp.log(3) + (ar + br) / 2, CLASSICAL, {ar: 0, br: 0}),
    F("jensen-exp-2-reversed", p * sp.exp(ar) + (1 - p) * sp.exp(br)
      <= sp.exp(p * ar + (1 - p) * br), CLASSICAL, {p: R(1, 2), ar: 0, br: 2},
      given=(p < 1,)),
    F("n-jensen-exp-reversed", S(P[k] * sp.exp(X[k])) <= sp.exp(S(P[k] * X[k])), INDEXED,
      {n: 2, P[1]: R(1, 2), P[2]: R(1, 2), X[1]: 0, X[2]: 2}, given=(P_ONE,)),
    F("n-gibbs-q-free", S(PP[k] * sp.log(PP[k] / QQ[k])) >= 0, INDEXED,
      {n: 1, PP[1]: 1, QQ[1]: 2}, given=(PP_ONE,)),
    F("n-entropy-below-log-n-minus-tenth", -S(PP[k] * sp.log(PP[k])) <= sp.log(n) - R(1, 10),
      INDEXED, {n: 2, PP[1]: R(1, 2), PP[2]: R(1, 2)}, given=(PP_ONE,)),
    F("n-lse-above-log-n-plus-max", sp.log(S(sp.exp(X[k]))) >= sp.log(n) + X[1], INDEXED,
      {n: 2, X[1]: 1, X[2]: 0}),
    F("power-mean-to-min-at-plus-inf", sp.Eq(sp.Limit((p**t + q**t)**(1 / t), t, sp.oo),
                                             sp.Min(p, q)), LIMIT, {p: 1, q: 2}),
    F("power-mean-to-sum", sp.Eq(sp.Limit((p**t + q**t)**(1 / t), t, sp.oo), p + q), LIMIT,
      {p: 1, q: 2}),
]


# --------------------------------------------------------------------------------------
# settling the truth of an entry, independently of the engine

DPS = 40
TOL = mpmath.mpf(10) ** -30


def _value(expr: sp.Expr, point: Point) -> mpmath.mpf:
    syms = sorted(point, key=sp.default_sort_key)
    with mpmath.workdps(DPS):
        f = sp.lambdify(syms, expr, modules="mpmath")
        return f(*[mpmath.mpmathify(sp.N(point[s], DPS)) for s in syms])


def _plain(expr: sp.Basic, point: Point) -> tuple[sp.Basic, Point]:
    """Sums written out at the point's n, indexed variables renamed to plain symbols."""
    if n not in point:
        return expr, point
    e = expr.xreplace({n: point[n]}).doit()
    names: Point = {}
    out: Point = {}
    for atom in e.atoms(sp.Indexed):
        s = sp.Symbol(f"_{atom.base}_{atom.indices[0]}")
        names[atom] = s
        out[s] = point[atom]
    return e.xreplace(names), out


def _limit_value(lim: sp.Limit, point: Point) -> mpmath.mpf:
    """The limit followed along t = ±10^j, j = 4..6: the last value, once the sequence
    has settled to 10^-3 relative."""
    f, var, x0 = lim.args[0], lim.args[1], lim.args[2]
    sign = 1 if x0 is sp.oo else -1
    vals = [_value(f, {**point, var: sign * 10**j}) for j in (4, 5, 6)]
    assert abs(vals[-1] - vals[-2]) < 1e-3 * (1 + abs(vals[-1])), (lim, point, vals)
    return vals[-1]


def holds(entry: Entry, point: Point) -> bool:
    """The statement at the point, by mpmath (ties within 10^-30 count as equal)."""
    st = entry.claim.statement
    e, pt = _plain(st.lhs - st.rhs, point)
    if e.has(sp.Limit):
        lim = next(iter(e.atoms(sp.Limit)))
        other = e.xreplace({lim: 0})
        v = _limit_value(lim, pt)
        return abs(v + _value(other, pt)) < 1e-2 * (1 + abs(v))
    with mpmath.workdps(DPS):
        d = _value(e, pt)
        return {sp.StrictGreaterThan: d > TOL, sp.GreaterThan: d > -TOL,
                sp.StrictLessThan: d < -TOL, sp.LessThan: d < TOL,
                sp.Equality: abs(d) < TOL}[type(st)]


def meets(entry: Entry, point: Point) -> bool:
    """The point meets every assumption of the claim (signs and `given`)."""
    for sym, val in point.items():
        val = sp.sympify(val)
        for name in ("positive", "nonnegative", "integer"):
            if getattr(sym, f"is_{name}") and getattr(val, f"is_{name}") is False:
                return False
        if isinstance(sym, sp.Indexed):
            for name in ("positive", "nonnegative"):
                if sym.base.assumptions0.get(name) and getattr(val, f"is_{name}") is False:
                    return False
    for g in entry.claim.given:
        e, pt = _plain(g.lhs - g.rhs, point)
        d = _value(e, pt)
        ok = {sp.StrictGreaterThan: d > 0, sp.GreaterThan: d >= 0, sp.StrictLessThan: d < 0,
              sp.LessThan: d <= 0, sp.Equality: abs(d) < TOL}[type(g)]
        if not ok:
            return False
    return True


def _default_value(sym: sp.Basic, rng: random.Random) -> sp.Expr:
    if sym.is_positive or (isinstance(sym, sp.Indexed) and sym.base.assumptions0.get(
            "positive")):
        return rng.choice([R(1, 1000), R(1), R(1000), R(rng.randint(1, 10**4), 10**3)])
    if sym.is_nonnegative or (isinstance(sym, sp.Indexed) and sym.base.assumptions0.get(
            "nonnegative")):
        return rng.choice([R(0), R(1, 1000), R(1), R(rng.randint(0, 10**4), 10**3)])
    return rng.choice([R(0), R(-1), R(1), R(rng.randint(-10**4, 10**4), 10**3)])


def random_point(entry: Entry, rng: random.Random) -> Point:
    """A random point for the entry's free symbols (n = 1..5 and the indexed variables
    it brings for sums), probabilities normalised where a sum is given equal to 1."""
    if entry.sampler is not None:
        return entry.sampler(rng)
    st = entry.claim.statement
    syms = set(entry.claim.free_symbols)
    point: Point = {}
    if n in syms:
        point[n] = sp.Integer(rng.randint(1, 5))
        for base in (P, PP, QQ, X):
            if st.has(base) or any(g.has(base) for g in entry.claim.given):
                vals = [_default_value(base[1], rng) for _ in range(int(point[n]))]
                if any(g.has(base) for g in entry.claim.given):
                    vals = _simplex(int(point[n]), rng)
                for i, v in enumerate(vals, start=1):
                    point[base[i]] = v
        syms -= {n, k}
    for s in sorted(syms, key=sp.default_sort_key):
        if isinstance(s, sp.Symbol) and not s.is_integer:
            point[s] = _default_value(s, rng)
    return point


def settle(entry: Entry, points: int = 60, seed: int = 0) -> bool:
    """The entry's truth by mpmath: a false one fails at its witness (which meets every
    assumption); a true one holds at `points` random points that meet them."""
    if not entry.true:
        assert entry.witness is not None
        return meets(entry, entry.witness) and not holds(entry, entry.witness)
    rng = random.Random(seed)
    checked = 0
    for _ in range(points * 20):
        pt = random_point(entry, rng)
        if not meets(entry, pt):
            continue
        if not holds(entry, pt):
            return False
        checked += 1
        if checked >= points:
            return True
    return False


# --------------------------------------------------------------------------------------
# the figure


def figure(entries: list[Entry], verdicts: list) -> str:
    """One line: true proved, false refuted, wrong verdicts, median and total seconds."""
    true = [v for e, v in zip(entries, verdicts, strict=True) if e.true]
    false = [v for e, v in zip(entries, verdicts, strict=True) if not e.true]
    proved = sum(v.status == "proved" for v in true)
    refuted = sum(v.status == "refuted" for v in false)
    wrong = sum(v.status == "refuted" for v in true) + sum(v.status == "proved" for v in false)
    secs = [v.seconds for v in verdicts]
    und = [v.seconds for v in verdicts if v.status == "undecided"]
    return (f"true proved {proved}/{len(true)}, false refuted {refuted}/{len(false)}, "
            f"wrong {wrong}; median {statistics.median(secs):.2f} s per claim"
            + (f" (undecided: median {statistics.median(und):.2f} s)" if und else "")
            + f", total {sum(secs):.1f} s")


def main(argv: list[str]) -> int:
    from proofs import prove

    budget = float(argv[1]) if len(argv) > 1 else 10.0
    chosen = [e for e in ENTRIES if len(argv) <= 2 or any(w in e.claim.name for w in argv[2:])]
    verdicts = []
    for e in chosen:
        started = time.monotonic()
        v = prove(e.claim, budget=budget)
        ok = v.status == ("proved" if e.true else "refuted")
        bad = v.status == ("refuted" if e.true else "proved")
        print(f"{'WRONG' if bad else 'ok   ' if ok else '-    '} {e.claim.name:45s} "
              f"{v.status:9s} {time.monotonic() - started:5.2f}s "
              f"{(v.method if v.status == 'proved' else v.reason)[:110]}", flush=True)
        verdicts.append(v)
    print(figure(chosen, verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
