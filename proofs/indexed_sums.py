"""Sums over a symbolic range `k = a..b`: a normal form, and the facts about indices it uses.

The normal form of an expression holding `Sum`, `Indexed` and `KroneckerDelta` is
reached by rules of algebra that hold for every n:

- derivatives are taken (`∂o_k/∂o_j = δ_kj`, which is how sympy differentiates a sum);
- a sum is linear: `Σ_k (c·f_k + g_k) = c·Σ_k f_k + Σ_k g_k` for c free of k;
- a Kronecker delta collapses a sum: `Σ_{k=a}^{b} f_k δ_kj = f_j` when the assumptions
  give `a ≤ j ≤ b` (and j is an integer);
- `Σ_{k=a}^{b} 1 = b − a + 1` when `b ≥ a − 1`;
- the summation index is renamed canonically, so that `Σ_i e^{x_i}` and `Σ_k e^{x_k}`
  are the same expression;
- given equalities such as `Σ_j y_j = 1` or `d_k = 0` are used as substitutions.

Sums that are left are then treated as opaque numbers ("abstracted") with the sign
their terms give them (a sum of positive terms over a non-empty range is positive).
Proving an identity about opaque numbers proves it for the sums they stand for.

Assumptions that hold for every index ("p_i ≥ 0 for all i") are written on the base,
`IndexedBase("p", nonnegative=True)`; a relation in `given` with a free index, such
as `p[i] >= 0`, speaks of that one index i only.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import sympy as sp

from . import budget
from .positivity import sign_reason

_CANON = "_i"


# --------------------------------------------------------------------------------------
# facts about integer indices, read off the symbols' assumptions and `given`
@dataclass
class IndexFacts:
    """What `given` says about integer indices: known non-negative differences and
    indices known to differ."""

    given: tuple[sp.Basic, ...] = ()
    nonneg: list[sp.Expr] = field(default_factory=list)
    distinct: set[frozenset] = field(default_factory=set)

    def __post_init__(self) -> None:
        for g in self.given:
            if isinstance(g, sp.Ne):
                self.distinct.add(frozenset((g.lhs, g.rhs)))
                continue
            if not isinstance(g, (sp.Ge, sp.Gt, sp.Le, sp.Lt)):
                continue
            big, small = (g.lhs, g.rhs) if isinstance(g, (sp.Ge, sp.Gt)) else (g.rhs, g.lhs)
            d = sp.expand(big - small)
            if not d.free_symbols or not all(s.is_integer for s in d.free_symbols):
                continue
            if isinstance(g, (sp.Gt, sp.Lt)):
                d = d - 1  # integers: x > y means x - y >= 1
            self.nonneg.append(d)

    def ge(self, x: sp.Expr, y: sp.Expr) -> bool:
        """x ≥ y follows from the assumptions and at most two relations of `given`."""
        d = sp.expand(x - y)
        if d.is_nonnegative:
            return True
        for e in self.nonneg:
            if sp.expand(d - e).is_nonnegative:
                return True
        for e1 in self.nonneg:
            for e2 in self.nonneg:
                if sp.expand(d - e1 - e2).is_nonnegative:
                    return True
        return False

    def within(self, k: sp.Symbol, a: sp.Expr, b: sp.Expr) -> IndexFacts:
        """These facts and a ≤ k ≤ b: what holds inside the sum over k = a..b (for an
        empty range the body is never evaluated, so anything said there is harmless)."""
        out = copy.copy(self)
        out.nonneg = list(self.nonneg)
        for d in (k - a, b - k):
            d = sp.expand(d)
            if d.free_symbols and all(s.is_integer for s in d.free_symbols):
                out.nonneg.append(d)
        return out

    def in_range(self, j: sp.Expr, a: sp.Expr, b: sp.Expr) -> bool:
        """a ≤ j ≤ b for the integer j."""
        return bool(j.is_integer) and self.ge(j, a) and self.ge(b, j)

    def differ(self, i: sp.Expr, j: sp.Expr) -> bool:
        return frozenset((i, j)) in self.distinct or bool((i - j).is_nonzero)

    def index_symbols(self, *exprs: sp.Basic) -> list[sp.Symbol]:
        """Free integer symbols of the expressions and of `given`."""
        out: set[sp.Symbol] = set()
        for e in list(exprs) + list(self.given):
            out |= {s for s in e.free_symbols if isinstance(s, sp.Symbol) and s.is_integer}
        return sorted(out, key=sp.default_sort_key)


# --------------------------------------------------------------------------------------
# normal form
def _canonical_index(body: sp.Expr, k: sp.Symbol, a: sp.Expr, b: sp.Expr) -> sp.Symbol:
    taken = {s.name for s in body.atoms(sp.Symbol) if s != k} | {
        s.name for s in (a.free_symbols | b.free_symbols)}
    level = 0
    while f"{_CANON}{level}" in taken:
        level += 1
    return sp.Symbol(f"{_CANON}{level}", integer=True)


def take_derivatives(expr: sp.Basic) -> sp.Basic:
    """Evaluate derivatives without evaluating the sums inside them."""
    return expr.replace(lambda e: isinstance(e, sp.Derivative),
                        lambda e: e.doit(deep=False))


def _prepare(f: sp.Expr, k: sp.Symbol, facts: IndexFacts) -> sp.Expr:
    """The summand expanded (logs of products split, exponentials of sums split),
    with sums free of k held as opaque numbers meanwhile."""
    cache: dict[sp.Basic, sp.Dummy] = {}
    g = abstract(f, facts, cache, bound=frozenset({k}))
    g = sp.expand(sp.expand_log(sp.expand(g), force=False))
    g = sp.expand(sp.powsimp(g), power_exp=True)
    g = sp.expand(sp.expand_log(g, force=False))
    return g.xreplace({d: s for s, d in cache.items()})


def _split_sum(k: sp.Symbol, a: sp.Expr, b: sp.Expr, body: sp.Expr,
               facts: IndexFacts) -> sp.Expr:
    """Σ_{k=a}^{b} body, with body in normal form already, split by linearity."""
    f = _prepare(body, k, facts)
    out = sp.Integer(0)
    groups: dict[sp.Expr, sp.Expr] = {}
    for term in sp.Add.make_args(f):
        budget.check()
        coeff = sp.Mul(*[x for x in sp.Mul.make_args(term) if k not in x.free_symbols])
        dep = sp.Mul(*[x for x in sp.Mul.make_args(term) if k in x.free_symbols])
        done = False
        for d in sp.Mul.make_args(dep):
            if not isinstance(d, sp.KroneckerDelta) or k not in d.args:
                continue
            other = d.args[1] if d.args[0] == k else d.args[0]
            if k in other.free_symbols or not facts.in_range(other, a, b):
                continue
            out += coeff * (dep / d).xreplace({k: other})
            done = True
            break
        if done:
            continue
        if dep == 1 and facts.ge(b - a + 1, 0):
            out += coeff * (b - a + 1)
            continue
        groups[dep] = groups.get(dep, 0) + coeff
    for dep, coeff in groups.items():
        c = _canonical_index(dep, k, a, b)
        out += coeff * sp.Sum(dep.xreplace({k: c}), (c, a, b))
    return out


def _normal(e: sp.Basic, facts: IndexFacts) -> sp.Basic:
    """Sums split from the outside in, so that the body of a sum over k = a..b is
    normalized knowing a ≤ k ≤ b (an inner delta δ_jk then collapses on j's sum when
    both indices run over the same range)."""
    if not isinstance(e, sp.Basic) or not e.has(sp.Sum):
        return e
    if isinstance(e, sp.Sum):
        k, a, b = e.limits[-1]
        inner = e.function if len(e.limits) == 1 else sp.Sum(e.function, *e.limits[:-1])
        a, b = _normal(a, facts), _normal(b, facts)
        here = facts.within(k, a, b)
        body = _deltas(_normal(inner, here), here)
        return _split_sum(k, a, b, body, facts)
    return e.func(*[_normal(x, facts) for x in e.args])


def _deltas(expr: sp.Basic, facts: IndexFacts) -> sp.Basic:
    return expr.replace(lambda e: isinstance(e, sp.KroneckerDelta) and facts.differ(*e.args),
                        lambda e: sp.Integer(0))


def normal_form(expr: sp.Basic, facts: IndexFacts) -> sp.Basic:
    """Derivatives taken, sums split by linearity, Kronecker deltas collapsed, indices
    renamed canonically."""
    e = take_derivatives(sp.sympify(expr))
    e = _deltas(e, facts)
    return _deltas(_normal(e, facts), facts)


# --------------------------------------------------------------------------------------
# given equalities as substitutions
def rules_from(facts: IndexFacts) -> dict[sp.Basic, sp.Expr]:
    """Substitutions from equalities of `given` whose one side is (a multiple of) a sum
    or an indexed variable, both sides in normal form."""
    rules: dict[sp.Basic, sp.Expr] = {}
    for g in facts.given:
        if not isinstance(g, sp.Eq) or not g.has(sp.Sum, sp.Indexed):
            continue
        lhs, rhs = normal_form(g.lhs, facts), normal_form(g.rhs, facts)
        for side, other in ((lhs, rhs), (rhs, lhs)):
            coeff, core = sp.sympify(side).as_coeff_Mul()
            if isinstance(core, (sp.Sum, sp.Indexed)) and coeff != 0 and not other.has(core):
                rules[core] = other / coeff
                break
    return rules


def apply_rules(expr: sp.Basic, rules: dict[sp.Basic, sp.Expr]) -> sp.Basic:
    return expr.xreplace(rules) if rules else expr


def normalized(expr: sp.Basic, facts: IndexFacts,
               rules: dict[sp.Basic, sp.Expr] | None = None) -> sp.Basic:
    """Normal form with the given equalities used (and the result normalized again)."""
    rules = rules_from(facts) if rules is None else rules
    e = normal_form(expr, facts)
    for _ in range(3):
        new = apply_rules(e, rules)
        if new == e:
            break
        e = normal_form(new, facts)
    return e


# --------------------------------------------------------------------------------------
# sums as opaque numbers
def sum_sign(s: sp.Sum, facts: IndexFacts) -> tuple[dict, str]:
    """Assumptions for an opaque stand-in of `s`, and the reason for them."""
    k, a, b = s.limits[-1]
    f = s.function if len(s.limits) == 1 else sp.Sum(s.function, *s.limits[:-1])
    g = abstract(f, facts, {}, bound=frozenset({k}))
    nonempty = facts.ge(b, a)
    if nonempty and sign_reason(g, True):
        return {"positive": True}, "a sum of positive terms over a non-empty range"
    if facts.ge(b - a + 1, 0) and sign_reason(g, False):
        return {"nonnegative": True}, "a sum of non-negative terms"
    if g.is_real:
        return {"real": True}, "a sum of real terms"
    return {}, ""


def abstract(expr: sp.Basic, facts: IndexFacts, cache: dict[sp.Basic, sp.Dummy],
             bound: frozenset = frozenset()) -> sp.Basic:
    """Each sum whose value does not depend on an index in `bound` replaced by an opaque
    number with the sign its terms give it; equal sums get the same stand-in."""
    if isinstance(expr, sp.Sum) and not (expr.free_symbols & bound):
        if expr not in cache:
            assumptions, _ = sum_sign(expr, facts)
            cache[expr] = sp.Dummy(f"S{len(cache)}", **assumptions)
        return cache[expr]
    if not expr.args or not expr.has(sp.Sum):
        return expr
    inner = bound
    if isinstance(expr, sp.Sum):
        inner = bound | {lim[0] for lim in expr.limits}
    return expr.func(*[abstract(a, facts, cache, inner) for a in expr.args])


def restore(expr: sp.Basic, cache: dict[sp.Basic, sp.Dummy]) -> sp.Basic:
    return expr.xreplace({d: s for s, d in cache.items()})


def readable(expr: sp.Basic) -> sp.Basic:
    """Canonical summation indices renamed to letters for the sheet (k, l, m, ...)."""
    if not isinstance(expr, sp.Basic):
        return expr
    canon = sorted((s for s in expr.atoms(sp.Symbol) if s.name.startswith(_CANON)),
                   key=lambda s: s.name)
    if not canon:
        return expr
    taken = {s.name for s in expr.atoms(sp.Symbol)}
    names = [c for c in ("k", "l", "m", "r", "s", "t", "u") if c not in taken]
    mapping = {}
    for s, name in zip(canon, names, strict=False):
        mapping[s] = sp.Symbol(name, integer=True)
    return expr.xreplace(mapping)
