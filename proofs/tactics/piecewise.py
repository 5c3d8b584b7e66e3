"""Case splits on Piecewise definitions and absolute values in one real variable.

A `Piecewise((e1, c1), (e2, c2), ..., (en, True))` whose conditions speak of one real
variable x is ei exactly where ci holds and no earlier condition does; `Abs(u)` is u
where u >= 0 and -u elsewhere. `split_piecewise` computes these sets as unions of
intervals with rational ends (sympy's set algebra on rational intervals, which is
exact), checks that they cover every x the assumptions allow, and proves the statement
on each interval separately, with x written as `c + δ`, `c - δ` (δ >= 0 or > 0) or `a + δ`
with `δ <= b - a`: a bijection of the case onto the new variable's domain, so a proof in
δ is a proof of the case. This is how ELU, leaky ReLU and the Huber loss are split.
"""

from __future__ import annotations

import sympy as sp

from .. import budget
from ..cases import fresh, new_variable_step
from ..domain import interval_of
from ..search import Decline, Goal, sub_steps, tactic
from ..verdict import Proof, Step, case
from .subgoals import solve_new

MAX_CASES = 8


def _atom(statement: sp.Basic) -> tuple[sp.Expr, list[tuple[sp.Expr, sp.Basic]], sp.Symbol]:
    """The simplest Piecewise or Abs of one real variable, as (atom, pieces, x)."""
    found = []
    for a in statement.atoms(sp.Piecewise, sp.Abs):
        if isinstance(a, sp.Abs):
            free = a.args[0].free_symbols
            pieces = [(a.args[0], sp.Ge(a.args[0], 0)), (-a.args[0], sp.true)]
        else:
            conds = [c for _, c in a.args]
            free = set().union(*(c.free_symbols for c in conds))
            pieces = [(e, c) for e, c in a.args]
        if len(free) != 1:
            continue
        x = next(iter(free))
        if not isinstance(x, sp.Symbol) or not x.is_real or x.is_integer:
            continue
        found.append((sp.count_ops(a), sp.default_sort_key(a), a, pieces, x))
    if not found:
        raise Decline("no Piecewise or Abs in one real variable")
    found.sort(key=lambda t: (t[0], t[1]))
    _, _, atom, pieces, x = found[0]
    return atom, pieces, x


def _rational_end(v: sp.Expr) -> bool:
    return v in (sp.oo, -sp.oo) or bool(getattr(v, "is_Rational", False))


def _components(s: sp.Set) -> list[sp.Set]:
    """The intervals and points of a set with rational ends, or Decline."""
    if s is sp.EmptySet:
        return []
    parts = list(s.args) if isinstance(s, sp.Union) else [s]
    out: list[sp.Set] = []
    for p in parts:
        if isinstance(p, sp.Interval) and _rational_end(p.start) and _rational_end(p.end):
            out.append(p)
        elif isinstance(p, sp.FiniteSet) and all(v.is_Rational for v in p.args):
            out.extend(sp.FiniteSet(v) for v in p.args)
        else:
            raise Decline("a case is not a union of intervals with rational ends")
    return out


def _as_set(cond: sp.Basic, x: sp.Symbol) -> sp.Set:
    if cond is sp.true:
        return sp.S.Reals
    if cond is sp.false:
        return sp.EmptySet
    try:
        out = cond.as_set()
    except (NotImplementedError, TypeError, ValueError):
        raise Decline("a condition is not a set of reals that sympy can write") from None
    if not isinstance(out, (sp.Interval, sp.Union, sp.FiniteSet)) and out not in (
            sp.S.Reals, sp.EmptySet):
        raise Decline("a condition is not a union of intervals")
    return out


def _substitution(x: sp.Symbol, part: sp.Set) -> tuple[sp.Expr, tuple[sp.Basic, ...]]:
    """x as an expression in a fresh variable that ranges over exactly `part`, and the
    extra relations on that variable."""
    if isinstance(part, sp.FiniteSet):
        (c,) = part.args
        return c, ()
    lo, hi = part.start, part.end
    if lo == -sp.oo and hi == sp.oo:
        return x, ()
    upper = () if hi == sp.oo else ((sp.Lt if part.right_open else sp.Le)(x, hi),)
    if lo == 0 and ((x.is_positive and part.left_open)
                    or (x.is_nonnegative and not x.is_positive and not part.left_open)):
        return x, upper  # the assumptions give the lower end
    if lo == -sp.oo:
        d = fresh(part.right_open)
        return hi - d, ()
    d = fresh(part.left_open)
    extra = () if hi == sp.oo else ((sp.Lt if part.right_open else sp.Le)(d, hi - lo),)
    return lo + d, extra


@tactic("inequality", "identity", cost=2)
def split_piecewise(goal: Goal) -> Proof | None:
    """Cases on the pieces of a Piecewise (or the sign inside an Abs) in one variable x,
    one interval of x at a time."""
    if not isinstance(goal.statement, sp.Rel):
        raise Decline("not a relation")
    atom, pieces, x = _atom(goal.statement)
    domain = interval_of(x, goal.given)
    sets = []
    taken: sp.Set = sp.EmptySet
    for expr, cond in pieces:
        budget.check()
        s = sp.Complement(_as_set(cond, x), taken)
        taken = sp.Union(taken, _as_set(cond, x))
        sets.append((expr, cond, sp.Intersection(s, domain)))
    if not domain.is_subset(taken):
        raise Decline("the pieces do not cover every value the assumptions allow")
    cases = [(expr, cond, part) for expr, cond, s in sets for part in _components(s)]
    if len(cases) > MAX_CASES:
        raise Decline("too many cases")
    steps: list[Step] = []
    methods = []
    what = "{1}" if isinstance(atom, sp.Abs) else "the piecewise"
    for expr, _cond, part in cases:
        budget.check()
        value, extra = _substitution(x, part)
        s = goal.statement
        stmt = type(s)(*(side.xreplace({atom: expr}).xreplace({x: value})
                         for side in (s.lhs, s.rhs)), evaluate=False)
        given = tuple(g.xreplace({x: value}) for g in goal.given) + extra
        if any(g is sp.false for g in given):
            continue  # outside the assumptions
        given = tuple(g for g in given if g is not sp.true)
        where = part.as_relational(x) if isinstance(part, sp.Interval) else sp.Eq(
            x, part.args[0], evaluate=False)
        proof = solve_new(goal.sub(stmt, given))
        if proof is None:
            raise Decline(f"the case {sp.sstr(where)} was not shown")
        steps.append(case(where, f"{what} is {{0}}", (expr, atom)))
        if value != x:
            steps.append(new_variable_step(x, value, extra).nested())
        steps.extend(sub_steps(proof.steps))
        methods.append(proof.method)
    return Proof("cases on " + ("the sign inside |·|" if isinstance(atom, sp.Abs)
                                else "the pieces") + ": " + "; ".join(dict.fromkeys(methods)),
                 tuple(steps))
