"""Positive semidefiniteness of explicit matrices, and convexity through the Hessian.

`PSD(M)` means vᵀMv ≥ 0 for every real v, so only the symmetric part (M + Mᵀ)/2
matters. Three ways to show it:

- `psd_as_sum_of_squares`: when the diagonal dominates the off-diagonal entries
  (Mᵢᵢ ≥ Σⱼ |Mᵢⱼ|, signs of the Mᵢⱼ known), vᵀMv = Σ_{i<j} |Mᵢⱼ| (vᵢ ± vⱼ)² +
  Σᵢ (Mᵢᵢ − Σⱼ|Mᵢⱼ|) vᵢ², a sum of non-negative terms (for zero row sums and
  Mᵢⱼ ≤ 0, the Laplacian form Σ_{i<j} wᵢⱼ (vᵢ − vⱼ)²);
- `psd_by_principal_minors`: every principal minor (not only the leading ones) is ≥ 0,
  each shown as its own subgoal;
- `convex_by_hessian`: f is convex on its (interval) domain when its Hessian is PSD
  there; when the Hessian is diag(p) − ppᵀ with p = ∇f, Σ pᵢ = 1 and pᵢ > 0 (the
  log-partition function), the quadratic form is a variance:
  vᵀHv = Σ pᵢvᵢ² − (Σ pᵢvᵢ)² = Σ pᵢ (vᵢ − v̄)² ≥ 0.
"""

from __future__ import annotations

import itertools

import sympy as sp

from .. import budget
from ..forms import PSD, Convex
from ..positivity import known_sign, sign_reason
from ..search import Decline, Goal, solve, sub_steps, tactic
from ..verdict import Proof, Step, note, rel

_SMOOTH = (sp.Add, sp.Mul, sp.Pow, sp.exp, sp.log)


def tidy(e: sp.Expr) -> sp.Expr:
    """A light normal form of an entry: over a common denominator, factored."""
    e = sp.cancel(sp.together(e))
    return sp.factor(e) if not e.is_number else e


def is_zero(e: sp.Expr) -> bool:
    e = sp.sympify(e)
    if e == 0 or sp.cancel(sp.together(sp.expand(e))) == 0:
        return True
    budget.check()
    return sp.simplify(e) == 0


def symmetric_part(m: sp.MatrixBase) -> sp.Matrix:
    m = sp.Matrix(m)
    return (m + m.T).applyfunc(lambda e: tidy(e / 2))


def quadratic_form(m: sp.MatrixBase, v: list[sp.Symbol]) -> sp.Expr:
    vec = sp.Matrix(v)
    return sp.expand((vec.T * m * vec)[0, 0])


def _vector(size: int) -> list[sp.Symbol]:
    return [sp.Symbol(f"v_{k + 1}", real=True) for k in range(size)]


@tactic("psd", cost=1)
def psd_as_sum_of_squares(goal: Goal) -> Proof | None:
    """vᵀMv as Σ_{i<j} |Mᵢⱼ| (vᵢ ± vⱼ)² + Σᵢ rᵢ vᵢ² with every rᵢ ≥ 0."""
    m = symmetric_part(goal.statement.matrix)
    size = m.rows
    v = _vector(size)
    weights: dict[tuple[int, int], tuple[sp.Expr, int]] = {}
    for i, j in itertools.combinations(range(size), 2):
        budget.check()
        e = m[i, j]
        if e == 0:
            continue
        if sign_reason(-e, False):
            weights[(i, j)] = (tidy(-e), -1)
        elif sign_reason(e, False):
            weights[(i, j)] = (tidy(e), 1)
        else:
            raise Decline(f"the sign of the entry {sp.sstr(e)} is not known")
    terms = []
    whys = []
    for i in range(size):
        r = tidy(m[i, i] - sum((w for (a, b), (w, _) in weights.items() if i in (a, b)),
                               sp.Integer(0)))
        why = sign_reason(r, False)
        if not why:
            raise Decline(f"the diagonal does not dominate in row {i + 1}")
        if r != 0:
            terms.append(r * v[i] ** 2)
            whys.append(why)
    for (i, j), (w, s) in weights.items():
        terms.append(w * (v[i] + s * v[j]) ** 2)
    sos = sp.Add(*terms)
    form = quadratic_form(m, v)
    if not is_zero(form - sp.expand(sos)):
        raise Decline("the sum of squares does not match the quadratic form")
    laplacian = all(s == -1 for _, s in weights.values()) and len(terms) == len(weights)
    return Proof("PSD: the quadratic form is a sum of squares"
                 + (" (zero row sums: Laplacian form)" if laplacian else ""),
                 (rel(form, "=", sos, "complete the squares with the off-diagonal entries"),
                  rel(sos, ">=", 0, "a sum of non-negative weights times squares")))


def _from_given(e: sp.Expr, given: tuple[sp.Basic, ...]) -> str | None:
    """e ≥ 0 because e is a positive multiple of big − small for a given big ≥ small."""
    for g in given:
        if not isinstance(g, (sp.Gt, sp.Ge, sp.Lt, sp.Le)):
            continue
        big, small = (g.lhs, g.rhs) if isinstance(g, (sp.Gt, sp.Ge)) else (g.rhs, g.lhs)
        d = sp.expand(big - small)
        if d == 0:
            continue
        ratio = sp.cancel(sp.expand(e) / d)
        if ratio.is_number and known_sign(ratio) == 1:
            return f"from the assumption ${sp.latex(g)}$"
    return None


@tactic("psd", cost=3)
def psd_by_principal_minors(goal: Goal) -> Proof | None:
    """Every principal minor of the symmetric part is ≥ 0 (each a subgoal)."""
    m = symmetric_part(goal.statement.matrix)
    size = m.rows
    if size > 4:
        raise Decline("more than 15 principal minors")
    steps: list[Step] = []
    methods = []
    for r in range(1, size + 1):
        for rows in itertools.combinations(range(size), r):
            budget.check()
            minor = tidy(m.extract(list(rows), list(rows)).det())
            label = "".join(str(i + 1) for i in rows)
            why = sign_reason(minor, False) or _from_given(minor, goal.given)
            if why:
                steps.append(rel(sp.Symbol(f"Delta_{label}"), "=", minor, why))
                continue
            stmt = sp.Ge(minor, 0)
            if stmt is sp.false:
                raise Decline(f"the principal minor {label} is negative")
            if stmt is sp.true:
                steps.append(rel(sp.Symbol(f"Delta_{label}"), "=", minor, "a number ≥ 0"))
                continue
            sub = solve(goal.sub(sp.Ge(minor, 0, evaluate=False)))
            if sub is None:
                raise Decline(f"the principal minor {label} = {sp.sstr(minor)} is not "
                              "shown to be >= 0")
            steps.append(rel(sp.Symbol(f"Delta_{label}"), "=", minor, sub.method))
            steps.extend(sub_steps(sub.steps))
            methods.append(sub.method)
    return Proof("PSD: every principal minor is >= 0", (
        note("a symmetric matrix is positive semidefinite exactly when all its principal "
             "minors are non-negative"),) + tuple(steps))


# --------------------------------------------------------------------------------------
# convexity
_INTERVAL_KINDS = ("real", "positive", "negative", "nonnegative", "nonpositive")


def _domain_is_interval(v: sp.Symbol) -> bool:
    from ..points import kind_of  # the sampler's reading of the assumptions
    return kind_of(v) in _INTERVAL_KINDS


def _smooth(f: sp.Expr) -> str | None:
    """None when f is built from +, ·, exp, log and powers and is finite and twice
    differentiable wherever the assumptions allow; else what is in the way."""
    for e in sp.preorder_traversal(f):
        if e.is_Atom:
            continue
        if not isinstance(e, _SMOOTH):
            return f"{type(e).__name__} is not handled"
        if isinstance(e, sp.log) and not sign_reason(e.args[0], True):
            return f"log of {sp.sstr(e.args[0])}, not known to be positive"
        if isinstance(e, sp.Pow):
            base, ex = e.args
            if ex.is_integer and ex.is_nonnegative:
                continue
            if not sign_reason(base, True):
                return f"{sp.sstr(e)}: the base is not known to be positive"
    return None


def _variance_form(f: sp.Expr, xs: tuple[sp.Symbol, ...], h: sp.Matrix) -> Proof | None:
    """H = diag(p) − ppᵀ with p = ∇f, Σ p = 1, p > 0: vᵀHv is a variance."""
    size = len(xs)
    if size < 2:
        return None
    p = [tidy(sp.diff(f, x)) for x in xs]
    if not is_zero(sp.Add(*p) - 1):
        return None
    if not all(sign_reason(pi, True) for pi in p):
        return None
    for i, j in itertools.product(range(size), repeat=2):
        budget.check()
        want = (p[i] if i == j else 0) - p[i] * p[j]
        if not is_zero(h[i, j] - want):
            return None
    ps = [sp.Symbol(f"p_{k + 1}", positive=True) for k in range(size)]
    v = _vector(size)
    mean = sp.Add(*[a * b for a, b in zip(ps, v, strict=True)])
    form = sp.Add(*[a * b ** 2 for a, b in zip(ps, v, strict=True)]) - mean ** 2
    vbar = sp.Symbol("vbar", real=True)
    var = sp.Add(*[a * (b - vbar) ** 2 for a, b in zip(ps, v, strict=True)])
    # the identity of the chain, checked with Σ p = 1 built in
    last = {ps[-1]: 1 - sp.Add(*ps[:-1])}
    if sp.expand((form - var.xreplace({vbar: mean})).xreplace(last)) != 0:
        return None
    steps = (
        note(r"$p_i = \partial f / \partial x_i$: " + ", ".join(f"{{{k}}}" for k in range(len(p))),
             tuple(sp.Eq(sp.Symbol(f"p_{k + 1}"), pi, evaluate=False)
                   for k, pi in enumerate(p))),
        rel(sp.Symbol("nabla2f"), "=", sp.diag(*ps) - sp.Matrix(ps) * sp.Matrix(ps).T,
            r"differentiate twice: $\partial^2 f / \partial x_i \partial x_j = "
            r"p_i (\delta_{ij} - p_j)$"),
        rel(sp.Symbol("vT_H_v"), "=", form, "the quadratic form"),
        rel(form, "=", var, r"with {0} and $\sum_i p_i = 1$",
            (sp.Eq(vbar, mean, evaluate=False),)),
        rel(var, ">=", 0, "a sum of positive weights $p_i$ times squares"),
    )
    return Proof("convex: the Hessian's quadratic form is a variance "
                 "Σ p_i (v_i − v̄)² ≥ 0", steps)


@tactic("convex", cost=1)
def convex_by_hessian(goal: Goal) -> Proof | None:
    """f is convex on an interval domain where it is smooth and its Hessian is PSD."""
    c: Convex = goal.statement
    f, xs = c.expr, c.variables
    if not all(_domain_is_interval(x) for x in xs):
        raise Decline("a variable's domain is not an interval")
    why = _smooth(f)
    if why:
        raise Decline(why)
    h = sp.hessian(f, xs).applyfunc(tidy)
    proof = _variance_form(f, xs, h)
    if proof is not None:
        return proof
    sub = solve(goal.sub(PSD(h)))
    if sub is None:
        raise Decline("the Hessian was not shown to be positive semidefinite")
    return Proof(f"convex: Hessian PSD ({sub.method})",
                 (rel(sp.Symbol("nabla2f"), "=", h, "the Hessian"),
                  note("f is twice differentiable on an interval domain, so it is convex "
                       "when its Hessian is positive semidefinite there"))
                 + sub_steps(sub.steps))
