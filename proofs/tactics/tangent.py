"""exp and log replaced by their tangent lines, term by term: Jensen, Gibbs, entropy.

The lemmas (`proofs.lemmas`, each proved by the engine) give, for real u, m and
positive v, w:

- `e^u >= e^m (1 + u - m)`        (exp-above-tangent at u - m, times e^m > 0);
- `log v <= log w + v/w - 1`      (log-below-tangent at v/w);
- `log v >= log w + 1 - w/v`      (log-above-chord at v/w).

`tangent_bounds` writes the goal as `d >= 0` (d = big - small), sums over the same
range merged and logs with opposite coefficients combined (`p log p - p log q =
p log(p/q)`, p, q > 0), and replaces every exp (or every log) term by the bound that
makes d smaller: a term `c·f(u)` is lowered when c >= 0 and raised when c <= 0, inside
sums term by term (which holds for every range), so the new difference d' satisfies
d >= d'. Then d' >= 0 is a subgoal. The tangent point m is taken from the goal (the
exponent or argument of a term that is not replaced, such as the weighted mean
`Σ p_k x_k` of `e^{Σ p_k x_k}`, or the uniform point 1/n of `log n`). With weights that
sum to 1 the step is Jensen's inequality and is named so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import sympy as sp

from .. import budget
from ..check import find_counterexample
from ..domain import sign_under
from ..indexed_sums import IndexFacts, normalized, readable, rules_from
from ..lemmas import available, lemma
from ..search import Decline, Goal, solve, sub_steps, tactic
from ..verdict import Proof, note, rel
from .inequality import op_of, oriented

SUB_SECONDS = 2.0
"""At most this long for the subgoal of each tangent point tried."""


# ------------------------------------------------------------------------------------
# identities that bring the difference into shape


def merge_sums(e: sp.Expr) -> tuple[sp.Expr, bool]:
    """c1·Σ_k f_k + c2·Σ_j g_j over the same range as Σ_k (c1 f_k + c2 g_k) (c_i free of
    the index); whether anything was merged."""
    groups: dict[tuple, list[tuple[sp.Expr, sp.Dummy]]] = defaultdict(list)
    rest = []
    for t in sp.Add.make_args(e):
        sums = [f for f in sp.Mul.make_args(t) if isinstance(f, sp.Sum)]
        if len(sums) != 1 or len(sums[0].limits) != 1:
            rest.append(t)
            continue
        s = sums[0]
        coeff = t / s
        k, a, b = s.limits[0]
        if k in coeff.free_symbols or coeff.has(sp.Sum):
            rest.append(t)
            continue
        canon = sp.Dummy("k", integer=True)
        groups[(a, b)].append((coeff * s.function.xreplace({k: canon}), canon))
    out = list(rest)
    merged = False
    for (a, b), items in groups.items():
        merged = merged or len(items) > 1
        out.append(_rebuild(items, a, b))
    return sp.Add(*out), merged


def _rebuild(items: list[tuple[sp.Expr, sp.Dummy]], a: sp.Expr, b: sp.Expr) -> sp.Expr:
    k = sp.Symbol("k", integer=True)
    taken = set().union(*(body.free_symbols for body, _ in items)) | a.free_symbols | (
        b.free_symbols)
    if k in taken:
        k = sp.Dummy("k", integer=True)
    body = sp.Add(*[body.xreplace({c: k}) for body, c in items])
    return sp.Sum(sp.expand(body, power_exp=False, log=False), (k, a, b))


def combine_logs(e: sp.Expr, given: tuple[sp.Basic, ...]) -> sp.Expr:
    """c·log(u) - c·log(v) as c·log(u/v) for u, v > 0 (in sums, term by term)."""
    if isinstance(e, sp.Sum):
        return sp.Sum(combine_logs(e.function, given), *e.limits)
    if not e.is_Add:
        return e.func(*[combine_logs(a, given) for a in e.args]) if e.args and e.has(
            sp.Sum) else e
    groups: dict[sp.Expr, list[tuple[int, sp.Expr]]] = defaultdict(list)
    rest = []
    for t in e.args:
        logs = [f for f in sp.Mul.make_args(t) if isinstance(f, sp.log)]
        if len(logs) != 1 or not sign_under(logs[0].args[0], given, True):
            rest.append(combine_logs(t, given) if t.has(sp.Sum) else t)
            continue
        coeff = sp.expand(t / logs[0])
        key = min(coeff, sp.expand(-coeff), key=sp.default_sort_key)
        groups[key].append((1 if coeff == key else -1, logs[0].args[0]))
    out = list(rest)
    for coeff, items in groups.items():
        if {s for s, _ in items} == {1, -1}:
            out.append(coeff * sp.log(sp.Mul(*[u if s > 0 else 1 / u for s, u in items])))
        else:
            out.extend(s * coeff * sp.log(u) for s, u in items)
    return sp.Add(*out)


# ------------------------------------------------------------------------------------
# the bound


@dataclass
class Lowering:
    """Replace exp (or log) terms by tangent bounds at `m` in the direction that lowers
    the expression; records the atoms replaced and their weights."""

    head: type
    m: sp.Expr
    given: tuple[sp.Basic, ...]
    replaced: list[sp.Expr] = field(default_factory=list)
    weights: list[sp.Expr] = field(default_factory=list)

    def bound(self, e: sp.Expr, want: int, weight: sp.Expr) -> sp.Expr:
        """L <= e (want = 1) or L >= e (want = -1) at every point."""
        budget.check()
        if not e.has(self.head):
            return e
        if e.is_Add:
            return sp.Add(*[self.bound(t, want, weight) for t in e.args])
        if isinstance(e, sp.Sum) and len(e.limits) == 1:
            k, lo, hi = e.limits[0]
            if k in self.m.free_symbols:
                return e
            if k in self.m.atoms(sp.Symbol):  # the point sums over an index named k too
                fresh = sp.Dummy(str(k), integer=True)
                e = sp.Sum(e.function.xreplace({k: fresh}), (fresh, lo, hi))
            inner = Lowering(self.head, self.m, self.given)
            body = inner.bound(e.function, want, sp.Integer(1))
            self.replaced += inner.replaced
            self.weights += [weight * sp.Sum(w, e.limits) for w in inner.weights]
            return sp.Sum(body, e.limits)
        if e.is_Mul:
            inner = [f for f in e.args if f.has(self.head)]
            if len(inner) != 1:
                return e
            coeff = e / inner[0]
            if sign_under(coeff, self.given, False):
                s = 1
            elif sign_under(-coeff, self.given, False):
                s = -1
            else:
                return e
            return coeff * self.bound(inner[0], want * s, weight * coeff)
        if isinstance(e, self.head) and self.head is sp.exp and want == 1:
            u = e.args[0]
            if not (u.is_real and self.m.is_real):
                return e
            self.replaced.append(e)
            self.weights.append(weight)
            return sp.exp(self.m) * (1 + u - self.m)
        if isinstance(e, self.head) and self.head is sp.log:
            u = e.args[0]
            if not (sign_under(u, self.given, True) and sign_under(self.m, self.given, True)):
                return e
            if u.is_number or sp.expand(u - self.m) == 0 or sp.expand(u * self.m - 1) == 0:
                return e  # a constant, or the term that suggested the point: kept
            self.replaced.append(e)
            self.weights.append(weight)
            if want == 1:
                return sp.log(self.m) + 1 - self.m / u
            return sp.log(self.m) + u / self.m - 1
        return e


def _tidy(e: sp.Expr) -> sp.Expr:
    """Expanded, exps recombined; over a common denominator when that is shorter."""
    e = sp.powsimp(sp.expand(e, power_exp=False, log=False), combine="exp")
    if e.has(sp.Sum):
        return e
    c = sp.cancel(sp.together(e))
    return c if sp.count_ops(c) < sp.count_ops(e) else e


def _points(small: sp.Expr, d: sp.Expr, head: type) -> list[sp.Expr]:
    """Tangent points the goal suggests, most likely first: the reciprocals of log
    arguments that are constants (log 2, log n: the uniform point), the exponents
    (arguments) of the exp (log) terms of the smaller side, then 0 (exp) or 1 (log).
    Terms that a summation index runs through suggest nothing."""
    bound_idx = {lim[0] for s in d.atoms(sp.Sum) for lim in s.limits}

    def args(e: sp.Expr) -> list[sp.Expr]:
        return [a.args[0] for a in sorted(e.atoms(head), key=sp.default_sort_key)
                if not a.args[0].free_symbols & bound_idx]

    out = []
    if head is sp.log:
        out += [1 / u for u in args(d) if u.is_number or (u.is_Symbol and u.is_positive)]
    out += args(small)
    out.append(sp.Integer(0) if head is sp.exp else sp.Integer(1))
    return list(dict.fromkeys(out))


def _is_one(w: sp.Expr, given: tuple[sp.Basic, ...]) -> bool:
    """The total weight is 1 (Jensen): by algebra, the given sums, or a given equality."""
    facts = IndexFacts(given)
    try:
        w1 = normalized(w, facts, rules_from(facts)) if w.has(sp.Sum) else sp.expand(w)
    except Exception:
        return False
    if sp.expand(w1 - 1) == 0:
        return True
    return any(isinstance(g, sp.Eq) and sp.expand((g.lhs - g.rhs) - (w1 - 1)) == 0
               for g in given)


def _false_somewhere(stmt: sp.Basic, given: tuple[sp.Basic, ...]) -> bool:
    """A quick look for a point where the bounded inequality fails (only to skip a
    tangent point that cannot work; nothing is concluded from it)."""
    try:
        found = budget.within(0.5, find_counterexample, stmt, given, 11, 12, 8, False)
    except Exception:
        return False
    return found is not None


_LEMMA = {(sp.exp, 1): "exp-above-tangent", (sp.log, 1): "log-above-chord",
          (sp.log, -1): "log-below-tangent"}


def _name(head: type, m: sp.Expr, low: Lowering, given: tuple[sp.Basic, ...]) -> str:
    total = sp.Add(*low.weights)
    weights = sp.latex(sp.Add(*[readable(w) for w in low.weights], evaluate=False))
    several = len(low.replaced) > 1 or any(w.has(sp.Sum) for w in low.weights)
    if head is sp.exp:
        if several and _is_one(total, given):
            return (f"Jensen's inequality for the convex exp, with weights ${weights} = 1$ "
                    f"(the tangent $e^u \\ge e^m (1 + u - m)$ at $m = {sp.latex(readable(m))}$)")
        return (f"$e^u \\ge e^m (1 + u - m)$ at $m = {sp.latex(readable(m))}$ "
                "(lemma exp-above-tangent)")
    return (r"$\log u \ge \log m + 1 - m/u$ and $\log u \le \log m + u/m - 1$ at "
            f"$m = {sp.latex(readable(m))}$ (lemmas log-above-chord, log-below-tangent), term by "
            "term" + ("; with weights summing to 1 this is Gibbs' inequality"
                      if m == 1 and _is_one(total, given) else ""))


@tactic("inequality", cost=2)
def tangent_bounds(goal: Goal) -> Proof | None:
    """Every exp (or log) term replaced by a tangent bound that lowers big - small, at a
    point the goal suggests; then big - small >= (the bounded difference) >= 0."""
    big, small, strict = oriented(goal)
    d0 = big - small
    if not d0.has(sp.exp, sp.log):
        raise Decline("no exp or log term")
    given = goal.given
    d1, merged = merge_sums(d0)
    d = combine_logs(d1, given)
    shape: list = []
    if merged or d != d1:
        shape.append(rel(d0, "=", readable(d), "sums over the same range merged, logs with "
                         "opposite coefficients combined (positive arguments)"))
    for head in (sp.exp, sp.log):
        names = [_LEMMA[k] for k in _LEMMA if k[0] is head]
        if not d.has(head) or not all(available(x) for x in names):
            continue
        for m in _points(small, d, head):
            budget.check()
            low = Lowering(head, m, given)
            lower = low.bound(d, 1, sp.Integer(1))
            if not low.replaced:
                continue
            lower = _tidy(lower)
            stmt = (sp.Gt if strict else sp.Ge)(lower, 0, evaluate=False)
            if stmt is sp.false:
                continue
            if stmt is sp.true:
                sub = Proof("sympy's assumptions", (note("true by the signs the "
                                                         "assumptions give"),))
            elif _false_somewhere(stmt, given):
                continue  # a bound too loose at this point: the next one
            else:
                sub = budget.within(min(SUB_SECONDS, 0.4 * budget.remaining()), solve,
                              goal.sub(stmt, avoid=("tangent_bounds",)))
            if sub is None:
                continue
            why = _name(head, m, low, given)
            return Proof(("Jensen" if why.startswith("Jensen") else "tangent bounds")
                         + f" ({lemma(names[0]).title}), then {sub.method}",
                         tuple(shape) + (
                             rel(readable(d), op_of(False), readable(lower), why),
                             rel(readable(lower), op_of(strict), 0, sub.method),
                         ) + sub_steps(sub.steps))
    raise Decline("no tangent bound of exp or log gave a provable inequality")
