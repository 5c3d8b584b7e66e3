"""Identities: the difference of the two sides is zero.

Cheap normal forms come first (cancel, together, expand, powsimp, expand_log and
logcombine under the symbols' assumptions, never forced); `simplify` comes last.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from .. import budget
from ..search import Decline, Goal, solve, sub_steps, tactic
from ..verdict import Proof, Step, rel

NORMAL_FORMS: tuple[tuple[str, Callable[[sp.Expr], sp.Expr]], ...] = (
    ("cancel", sp.cancel),
    ("expand", sp.expand),
    ("together and expand", lambda e: sp.expand(sp.numer(sp.together(e)))),
    ("powsimp", lambda e: sp.powsimp(sp.expand(e))),
    ("expand_log", lambda e: sp.expand(sp.expand_log(e))),
    ("logcombine", lambda e: sp.logcombine(e)),
    ("exp rewrite", lambda e: sp.cancel(sp.powsimp(sp.expand(e.rewrite(sp.exp))))),
)


def difference(goal: Goal) -> sp.Expr:
    s = goal.statement
    return (s.lhs - s.rhs).doit() if s.has(sp.Derivative, sp.Subs) else s.lhs - s.rhs


def zero_by(forms, d: sp.Expr) -> str | None:
    """The name of the first normal form that maps `d` to 0."""
    if d == 0:
        return "direct evaluation"
    for name, f in forms:
        budget.check()
        if f(d) == 0:
            return name
    return None


def _identity_proof(goal: Goal, forms) -> Proof | None:
    s = goal.statement
    d = difference(goal)
    name = zero_by(forms, d)
    if name is None:
        return None
    steps = []
    lhs = s.lhs
    if s.lhs.has(sp.Derivative, sp.Subs):
        lhs = s.lhs.doit()
        if lhs != s.lhs:
            steps.append(rel(s.lhs, "=", lhs, "differentiate" if s.lhs.has(sp.Derivative)
                             else "substitute the values"))
    # the chain goes on from the worked-out left side
    steps.append(rel(lhs, "=", s.rhs, f"the difference of the two sides is 0 ({name})"))
    return Proof(f"identity ({name})", tuple(steps))


@tactic("identity", cost=1)
def zero_by_normal_forms(goal: Goal) -> Proof | None:
    """lhs - rhs reduces to 0 under a cheap normal form."""
    proof = _identity_proof(goal, NORMAL_FORMS)
    if proof is None:
        raise Decline("no cheap normal form maps the difference to 0")
    return proof


@tactic("identity", cost=4)
def zero_by_simplify(goal: Goal) -> Proof | None:
    """lhs - rhs simplifies to 0 (sympy's simplify, the slow catch-all)."""
    d = difference(goal)
    for name, f in (("simplify", sp.simplify),
                    ("simplify of the exp form", lambda e: sp.simplify(e.rewrite(sp.exp)))):
        budget.check()
        if f(d) == 0:
            return Proof(f"identity ({name})",
                         (rel(goal.statement.lhs, "=", goal.statement.rhs,
                              f"the difference of the two sides simplifies to 0 ({name})"),))
    raise Decline("the difference does not simplify to 0")


@tactic("identity", "inequality", cost=3)
def use_given_equalities(goal: Goal) -> Proof | None:
    """Substitute an equality from `given`, solved for one of its variables."""
    for g in goal.given:
        if not isinstance(g, sp.Eq) or g.has(sp.Sum, sp.Indexed):
            continue
        eq = g.lhs - g.rhs
        for var in sorted(eq.free_symbols, key=sp.default_sort_key):
            if not eq.is_polynomial(var) or sp.degree(eq, var) != 1:
                continue
            coeff = sp.diff(eq, var)
            if not coeff.is_nonzero:
                continue
            sol = sp.solve(eq, var)
            if len(sol) != 1:
                continue
            rest = tuple(x for x in goal.given if x is not g)
            extra = ()
            if var.is_positive:
                extra = (sp.Gt(sol[0], 0),)
            new = goal.statement.xreplace({var: sol[0]})
            if new == goal.statement:
                continue
            sub = solve(goal.sub(new, rest + extra))
            if sub is not None:
                return Proof(sub.method + f", using ${sp.latex(g)}$",
                             (rel(var, "=", sol[0], "from the assumption {0}", (g,)),)
                             + sub_steps(sub.steps))
    raise Decline("no usable equality among the assumptions")


@tactic("matrix", cost=2)
def entrywise(goal: Goal) -> Proof | None:
    """Two matrices are equal when every entry is (each entry an identity)."""
    lhs, rhs = goal.statement.lhs, goal.statement.rhs
    if not (isinstance(lhs, sp.MatrixBase) and isinstance(rhs, sp.MatrixBase)):
        raise Decline("not two explicit matrices")
    if lhs.shape != rhs.shape:
        raise Decline("shapes differ")
    methods = set()
    for a, b in zip(lhs, rhs, strict=True):
        sub = solve(goal.sub(sp.Eq(a, b, evaluate=False)))
        if sub is None:
            raise Decline(f"entry {sp.sstr(a)} = {sp.sstr(b)} not shown")
        methods.add(sub.method)
    return Proof("entrywise " + ", ".join(sorted(methods)),
                 (rel(lhs, "=", rhs, f"entry by entry ({lhs.shape[0]}x{lhs.shape[1]})"),))


@tactic("boolean", cost=0)
def decided_by_assumptions(goal: Goal) -> Proof | None:
    """A subgoal that sympy's assumption system already evaluated to True."""
    if goal.statement is not sp.true or goal.depth == 0:
        raise Decline("not a subgoal that sympy decided")
    return Proof("sympy's assumptions", (Step(why="true by the signs the assumptions give",
                                              kind="note", op="note"),))


@tactic("boolean", cost=1)
def each_conjunct(goal: Goal) -> Proof | None:
    """A conjunction holds when each part does."""
    s = goal.statement
    if not isinstance(s, sp.And):
        raise Decline("not a conjunction")
    steps = []
    methods = []
    for part in s.args:
        sub = solve(goal.sub(part))
        if sub is None:
            raise Decline(f"part {sp.sstr(part)} not shown")
        steps.extend(sub.steps)
        methods.append(sub.method)
    return Proof("each part: " + "; ".join(dict.fromkeys(methods)), tuple(steps))
