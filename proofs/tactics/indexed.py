"""Claims in n dimensions for symbolic n: sums over k = 1..n, indexed variables, deltas.

`indexed_identity` brings both sides to the normal form of `proofs.indexed_sums`
(derivatives taken, sums split, Kronecker deltas collapsed, given equalities used) and
shows the difference is 0 with the sums held as opaque numbers. `indexed_inequality`
does the same with the difference of the two sides and then finds its sign: directly,
as a variance `Σ w_k (x_k − x̄)²`, by splitting one term off a sum, or by bounding a sum
term by term where the difference is monotone in it. `each_dimension` is the fallback:
it proves the claim for each n = 1..8 separately and says so in its method.
"""

from __future__ import annotations

import itertools

import sympy as sp

from .. import budget
from ..indexed_sums import (
    IndexFacts,
    abstract,
    apply_rules,
    normal_form,
    normalized,
    readable,
    restore,
    rules_from,
    sum_sign,
    take_derivatives,
)
from ..positivity import sign_reason
from ..search import Decline, Goal, solve, tactic
from ..substitute import expand_sums
from ..verdict import Proof, Scope, Step, note, rel
from .identity import NORMAL_FORMS, zero_by
from .inequality import op_of, oriented

MAX_N = 8
FALLBACK_METHOD = f"checked for n ≤ {MAX_N} (not for all n)"


def _is_indexed_claim(statement: sp.Basic) -> bool:
    return statement.has(sp.Sum) or statement.has(sp.KroneckerDelta) or (
        statement.has(sp.Indexed) and statement.has(sp.Derivative))


def _bound_around(expr: sp.Basic, atom: sp.Basic) -> set[sp.Symbol]:
    """The summation indices of every sum in `expr` that holds `atom`."""
    return {lim[0] for s in expr.atoms(sp.Sum) if s.has(atom) for lim in s.limits}


def _is_multiple(s: sp.Sum) -> bool:
    """A sum over two or more indices (an inner sum that depends on the outer index)."""
    return len(s.limits) > 1 or any(s.limits[0][0] in inner.free_symbols
                                    for inner in s.function.atoms(sp.Sum))


def _products_of_sums(expr: sp.Basic) -> bool:
    """Some term is a product of two sums (or a sum squared)."""
    for t in sp.preorder_traversal(sp.expand(expr)):
        if isinstance(t, sp.Pow) and isinstance(t.base, sp.Sum) and t.exp.is_integer and (
                t.exp >= 2):
            return True
        if isinstance(t, sp.Mul) and sum(isinstance(f, sp.Sum) for f in t.args) >= 2:
            return True
    return False


_WORDS = {"<=": "at most", ">=": "at least"}


def _why_normal(raw: sp.Basic, facts: IndexFacts, used_rules: bool,
                normal: sp.Basic | None = None) -> tuple[str, tuple[sp.Basic, ...]]:
    parts = []
    if raw.has(sp.Derivative):
        parts.append(r"differentiate term by term ($\partial o_k / \partial o_j = \delta_{kj}$)")
    diffed = take_derivatives(raw)
    deltas = [d for d in diffed.atoms(sp.KroneckerDelta)
              if any(s.has(d) for s in diffed.atoms(sp.Sum))]
    if any(set(d.args) <= _bound_around(diffed, d) for d in deltas):
        parts.append(r"$\sum_s \sum_t f_{st} \delta_{st} = \sum_s f_{ss}$ (s and t run over the "
                     "same range)")
    if any(not set(d.args) <= _bound_around(diffed, d) for d in deltas):
        parts.append(r"$\sum_k f_k \delta_{kj} = f_j$ for j in the range of k")
    if any(_is_multiple(s) for s in diffed.atoms(sp.Sum)) and normal is not None and (
            _products_of_sums(normal)):
        parts.append(r"$\sum_s \sum_t a_s b_t = (\sum_s a_s)(\sum_t b_t)$")
    if any(isinstance(t, sp.Pow) and isinstance(t.base, sp.Add) and t.exp.is_integer
           and t.exp > 1 for s in diffed.atoms(sp.Sum) for t in sp.preorder_traversal(
               s.function)):
        parts.append("the square expanded")
    if diffed.has(sp.Sum):
        parts.append("constants taken out of the sums")
    terms: tuple[sp.Basic, ...] = ()
    if used_rules:
        terms = tuple(g for g in facts.given if isinstance(g, sp.Eq)
                      and g.has(sp.Sum, sp.Indexed))
        parts.append("using " + ", ".join(f"{{{k}}}" for k in range(len(terms))))
    return "; ".join(parts) or "rewrite", terms


def _flat(expr: sp.Basic, facts: IndexFacts, cache: dict) -> sp.Expr:
    """Sums as opaque numbers, logs of products split."""
    e = abstract(expr, facts, cache)
    return sp.expand(sp.expand_log(sp.expand(e), force=False))


@tactic("identity", cost=0)
def indexed_identity(goal: Goal) -> Proof | None:
    """Both sides in the normal form of sums; their difference is 0 with the sums as numbers."""
    s = goal.statement
    if not _is_indexed_claim(s):
        raise Decline("no sums, deltas or derivatives by indexed variables")
    facts = IndexFacts(goal.given)
    rules = rules_from(facts)
    lhs, rhs = normalized(s.lhs, facts, rules), normalized(s.rhs, facts, rules)
    cache: dict = {}
    d = _flat(lhs - rhs, facts, cache)
    name = zero_by(NORMAL_FORMS, d)
    if name == "direct evaluation":
        name = "the normal forms agree"
    if name is None:
        budget.check()
        if sp.simplify(d) == 0:
            name = "simplify"
        else:
            raise Decline("the difference of the normal forms is not 0")
    plain_l, plain_r = normal_form(s.lhs, facts), normal_form(s.rhs, facts)
    used_l, used_r = bool(rules) and plain_l != lhs, bool(rules) and plain_r != rhs
    steps: list[Step] = []
    if lhs != s.lhs:
        steps.append(rel(s.lhs, "=", readable(lhs),
                         *_why_normal(s.lhs, facts, used_l, plain_l)))
    if lhs != rhs or (lhs == s.lhs and rhs == s.rhs):
        steps.append(rel(readable(lhs), "=", readable(rhs),
                         f"algebra with the sums as numbers ({name})"))
    if rhs != s.rhs:
        steps.append(rel(readable(rhs), "=", s.rhs, *_why_normal(s.rhs, facts, used_r, plain_r)))
    return Proof(f"indexed sums for symbolic n ({name})", tuple(steps))


# --------------------------------------------------------------------------------------
# inequalities
_SIGN_FORMS = (("as it stands", lambda e: e), ("expanded", sp.expand),
               ("over a common denominator", sp.together), ("factored", sp.factor),
               ("cancelled", sp.cancel))


def _sign(expr: sp.Expr, strict: bool) -> tuple[sp.Expr, str] | None:
    for _, f in _SIGN_FORMS:
        budget.check()
        form = f(expr)
        why = sign_reason(form, strict)
        if why:
            return form, why
    return None


def _le_reason(small: sp.Expr, big: sp.Expr) -> str | None:
    """Why small ≤ big: the sign of the difference, or exp is increasing."""
    why = sign_reason(sp.expand(big - small), False)
    if why:
        return why
    if isinstance(small, sp.exp) and sign_reason(big, True):
        u = sp.expand(sp.expand_log(sp.log(big), force=False) - small.args[0])
        if sign_reason(u, False):
            return "exp is increasing"
    return None


def _ge_reason(big: sp.Expr, small: sp.Expr) -> str | None:
    why = sign_reason(sp.expand(big - small), False)
    if why:
        return why
    if isinstance(small, sp.exp) and isinstance(big, sp.exp):
        if sign_reason(sp.expand(big.args[0] - small.args[0]), False):
            return "exp is increasing"
    return None


def _edge_values(f: sp.Expr) -> list[sp.Expr]:
    """f with its indexed variables at the edge of their domains (0 for a sign-bounded base)."""
    atoms = [a for a in f.atoms(sp.Indexed)
             if a.is_nonnegative or a.is_nonpositive]
    if not atoms:
        return []
    edge = sp.sympify(f.xreplace({a: sp.Integer(0) for a in atoms}))
    if edge.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return []  # undefined at the edge (0·log 0): no bound from there
    return [edge]


def _given_orders(expr: sp.Expr, given: tuple[sp.Basic, ...]) -> tuple[sp.Expr, list[Step]]:
    """Orderings of indexed variables from `given` built in: x > y becomes x = y + δ, δ > 0."""
    steps = []
    for g in given:
        if not isinstance(g, (sp.Gt, sp.Ge, sp.Lt, sp.Le)) or not g.has(sp.Indexed):
            continue
        big, small = (g.lhs, g.rhs) if isinstance(g, (sp.Gt, sp.Ge)) else (g.rhs, g.lhs)
        strict = isinstance(g, (sp.Gt, sp.Lt))
        diff = sp.expand(big - small)
        for x in sorted(diff.atoms(sp.Indexed), key=sp.default_sort_key):
            if x not in expr.atoms(sp.Indexed) or not diff.is_polynomial(x) or sp.degree(
                    diff, x) != 1:
                continue
            coeff = diff.coeff(x)
            if not coeff.is_number or coeff == 0 or (diff - coeff * x).has(x):
                continue
            delta = sp.Dummy("delta", positive=True) if strict else sp.Dummy(
                "delta", nonnegative=True)
            value = [sp.expand((delta - (diff - coeff * x)) / coeff)]
            expr = expr.xreplace({x: value[0]})
            steps.append(rel(x, "=", value[0], "write {0} as {1} = ... + {2}, {3}",
                             (g, x, delta, (sp.Gt if strict else sp.Ge)(delta, 0))))
            break
    return expr, steps


def _variance(d: sp.Expr, facts: IndexFacts,
              rules: dict) -> tuple[sp.Expr, tuple[str, tuple[sp.Basic, ...]]] | None:
    """d = Σ_k w_k (x_k − x̄)² with x̄ = Σ_k w_k x_k and Σ_k w_k = 1, each w_k ≥ 0."""
    for mean in sorted(d.atoms(sp.Sum), key=sp.default_sort_key):
        if len(mean.limits) != 1:
            continue
        k, a, b = mean.limits[0]
        factors = sp.Mul.make_args(mean.function)
        for r in range(1, len(factors)):
            for ws in itertools.combinations(factors, r):
                budget.check()
                w = sp.Mul(*ws)
                x = sp.Mul(*[f for f in factors if f not in ws])
                if normalized(sp.Sum(w, (k, a, b)), facts, rules) != 1:
                    continue
                if not sign_reason(w, False) or not facts.ge(b - a + 1, 0):
                    continue
                cand = sp.Sum(w * (x - mean) ** 2, (k, a, b))
                cache: dict = {}
                rest = _flat(normalized(d - cand, facts, rules), facts, cache)
                if zero_by(NORMAL_FORMS, rest) is not None:
                    return cand, ("a sum of non-negative terms: each weight {0} times a "
                                  "square, with {1}", (sp.Ge(w, 0), sp.Eq(sp.Sum(w, (k, a, b)),
                                                                          1)))
    return None


def _peel(da: sp.Expr, cache: dict, facts: IndexFacts, rules: dict, strict: bool,
          indices: list[sp.Symbol]) -> Proof | None:
    """A sum split into one term and the rest: Σ_k f_k = f_j + Σ_{k≠j} f_k."""
    for s, dummy in cache.items():
        if dummy not in da.free_symbols or len(s.limits) != 1:
            continue
        k, a, b = s.limits[0]
        for j in indices:
            if not facts.in_range(j, a, b):
                continue
            budget.check()
            term = normal_form(apply_rules(s.function.xreplace({k: j}), rules), facts)
            f = abstract(s.function, facts, {}, bound=frozenset({k}))
            if facts.ge(b - a, 1) and sign_reason(f, True):
                rest = sp.Dummy("R", positive=True)
                why_rest = "the other terms are positive and there is at least one"
            elif sign_reason(f, False):
                rest = sp.Dummy("R", nonnegative=True)
                why_rest = "the other terms are non-negative"
            else:
                continue
            done = _sign(da.xreplace({dummy: term + rest}), strict)
            if done is None:
                continue
            shown = restore(da, cache)
            other = readable(s) - s.function.xreplace({k: j})
            steps = (rel(readable(s), "=", s.function.xreplace({k: j}) + other,
                         "split off the term {0} ({1})",
                         (sp.Eq(k, j), sp.And(sp.Le(a, j), sp.Le(j, b)))),
                     rel(other, ">" if rest.is_positive else ">=", 0, why_rest),
                     rel(readable(shown), op_of(strict), 0, done[1]))
            return Proof("indexed sums for symbolic n (split off one term)", steps)
    return None


def _bound(da: sp.Expr, cache: dict, facts: IndexFacts, strict: bool) -> Proof | None:
    """d monotone in a sum S whose terms are bounded: S replaced by its bound."""
    for s, dummy in cache.items():
        if dummy not in da.free_symbols or len(s.limits) != 1:
            continue
        k, a, b = s.limits[0]
        count = b - a + 1
        if not facts.ge(count, 1):
            continue
        slope = sp.diff(da, dummy)
        f = abstract(s.function, facts, {}, bound=frozenset({k}))
        for direction in ("up", "down"):
            budget.check()
            if direction == "up" and not sign_reason(-slope, False):
                continue  # d decreases in S: S ≤ count·U gives d ≥ d(count·U)
            if direction == "down" and not sign_reason(slope, False):
                continue
            for edge in _edge_values(f):
                if k in edge.free_symbols:
                    continue
                why = _le_reason(f, edge) if direction == "up" else _ge_reason(f, edge)
                if not why:
                    continue
                done = _sign(da.xreplace({dummy: count * edge}), strict)
                if done is None:
                    continue
                word = "<=" if direction == "up" else ">="
                steps = (rel(readable(s), word, count * edge,
                             f"each of the {{0}} terms is {_WORDS[word]} {{1}} ({why})",
                             (count, edge)),
                         note("the difference is monotone in this sum, so the bound "
                              "gives a bound of the difference"),
                         rel(restore(da, cache), op_of(strict),
                             0, done[1]))
                return Proof("indexed sums for symbolic n (terms bounded one by one)", steps)
    return None


@tactic("inequality", cost=0)
def indexed_inequality(goal: Goal) -> Proof | None:
    """The sign of the difference of the two sides, in the normal form of sums."""
    if not _is_indexed_claim(goal.statement):
        raise Decline("no sums, deltas or derivatives by indexed variables")
    big, small, strict = oriented(goal)
    facts = IndexFacts(goal.given)
    rules = rules_from(facts)
    d = normalized(big - small, facts, rules)
    head = []
    if readable(d) != readable(normal_form(big - small, IndexFacts())) or d.has(
            sp.KroneckerDelta) != (big - small).has(sp.KroneckerDelta):
        head.append(rel(big - small, "=", readable(d), *_why_normal(big - small, facts,
                                                                    bool(rules))))
    cache: dict = {}
    da = _flat(d, facts, cache)
    da, order_steps = _given_orders(da, goal.given)
    head.extend(order_steps)
    done = _sign(da, strict)
    if done is not None:
        sums = [rel(readable(s), ">" if dm.is_positive else ">=", 0, sum_sign(s, facts)[1])
                for s, dm in cache.items() if dm in da.free_symbols and (
                    dm.is_positive or dm.is_nonnegative)]
        return Proof("indexed sums for symbolic n (sign of the difference)",
                     tuple(head + sums + [rel(readable(restore(done[0], cache)),
                                              op_of(strict), 0, done[1])]))
    var = _variance(d, facts, rules)
    if var is not None and not strict:
        cand, (why, terms) = var
        return Proof("indexed sums for symbolic n (a variance is a sum of squares)",
                     tuple(head + [rel(readable(d), "=", readable(cand),
                                       "expand the square and use the given sum"),
                                   rel(readable(cand), ">=", 0, why, terms)]))
    indices = facts.index_symbols(goal.statement)
    for attempt in (lambda: _peel(da, cache, facts, rules, strict, indices),
                    lambda: _bound(da, cache, facts, strict)):
        proof = attempt()
        if proof is not None:
            return Proof(proof.method, tuple(head) + proof.steps)
    raise Decline("the sign of the difference was not found")


# --------------------------------------------------------------------------------------
# fallback: one n at a time
def _dimensions(expr: sp.Basic) -> list[sp.Symbol]:
    dims: set[sp.Symbol] = set()
    for s in expr.atoms(sp.Sum):
        for lim in s.limits:
            for bound in lim[1:]:
                dims |= {a for a in sp.sympify(bound).free_symbols if a.is_integer}
    return sorted(dims, key=sp.default_sort_key)


def _index_ranges(indices: list[sp.Symbol], dims: list[sp.Symbol], facts: IndexFacts
                  ) -> dict[sp.Symbol, tuple[sp.Expr, sp.Expr]] | None:
    """For each free index a range lo..hi (in terms of the dimension) that `given` implies."""
    out = {}
    for i in indices:
        found = None
        for d in dims:
            for lo, hi in ((1, d), (0, d - 1), (0, d), (1, d + 1), (1, d - 1)):
                if facts.ge(i, lo) and facts.ge(hi, i):
                    found = (sp.sympify(lo), sp.sympify(hi))
                    break
            if found:
                break
        if found is None:
            return None
        out[i] = found
    return out


@tactic("identity", "inequality", cost=9)
def each_dimension(goal: Goal) -> Proof | None:
    """Prove the claim symbolically for each n = 1..8 (every index value in its range)."""
    s = goal.statement
    if goal.depth > 0 or not s.has(sp.Sum):
        raise Decline("no sum over a symbolic dimension (or already inside a proof)")
    dims = _dimensions(s)
    if len(dims) != 1:
        raise Decline("needs exactly one symbolic dimension")
    n = dims[0]
    facts = IndexFacts(goal.given)
    indices = [i for i in facts.index_symbols(s) if i != n]
    ranges = _index_ranges(indices, dims, facts)
    if ranges is None:
        raise Decline("an index has no finite range in the assumptions")
    methods: list[str] = []
    cases = 0
    for size in range(1, MAX_N + 1):
        values = [range(int(lo.subs(n, size)), int(hi.subs(n, size)) + 1)
                  for lo, hi in ranges.values()]
        for combo in itertools.product(*values):
            budget.check()
            ints = {n: sp.Integer(size), **dict(zip(ranges, map(sp.Integer, combo),
                                                   strict=True))}
            given = []
            vacuous = False
            for g in goal.given:
                gi = expand_sums(g.subs(ints))
                if gi is sp.true:
                    continue
                if gi is sp.false:
                    vacuous = True
                    break
                given.append(gi)
            if vacuous:
                continue
            inst = take_derivatives(expand_sums(s.subs(ints)))
            inst = expand_sums(inst)
            if inst is sp.true:
                methods.append("both sides identical once the sums are written out")
                cases += 1
                continue
            if inst is sp.false:
                raise Decline(f"false for {ints}")
            sub = solve(goal.sub(inst, tuple(given)))
            if sub is None:
                raise Decline(f"the case {ints} was not shown")
            methods.append(sub.method)
            cases += 1
    if not cases:
        raise Decline("no case to check")
    return Proof(f"{FALLBACK_METHOD}: each of {cases} cases proved symbolically ("
                 + "; ".join(dict.fromkeys(methods)) + ")",
                 (note(f"{FALLBACK_METHOD}: the claim was proved for each n = 1..{MAX_N} "
                       "separately, with every index in its range; it is not a proof "
                       "for all n."),),
                 scope=Scope(only=f"{sp.sstr(n)} = 1..{MAX_N}"))
