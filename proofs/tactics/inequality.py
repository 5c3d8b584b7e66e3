"""Inequalities: reduce `f > g` (or >=) to the sign of something simpler.

Each tactic does one move: the sign of the difference, a case split on Max/Min, a
positive factor cleared, exp or log applied to both sides (both strictly increasing),
or one-variable calculus (the sign of the derivative on each side of its only zero).
"""

from __future__ import annotations

import sympy as sp

from .. import budget
from ..cases import closing_row, embody_order, new_variable_step, range_of
from ..domain import smooth_reason
from ..positivity import known_sign, sign_reason
from ..search import Decline, Goal, sub_steps, tactic
from ..verdict import Proof, Scope, Step, case, note, rel
from .subgoals import solve_new

_GT = {sp.StrictGreaterThan: True, sp.GreaterThan: False}
_LT = {sp.StrictLessThan: True, sp.LessThan: False}


def oriented(goal: Goal) -> tuple[sp.Expr, sp.Expr, bool]:
    """(big, small, strict) such that the goal reads big > small (or >=)."""
    s = goal.statement
    t = type(s)
    if t in _GT:
        return s.lhs, s.rhs, _GT[t]
    if t in _LT:
        return s.rhs, s.lhs, _LT[t]
    raise Decline("not an inequality")


def make(big: sp.Expr, small: sp.Expr, strict: bool) -> sp.Basic:
    return (sp.Gt if strict else sp.Ge)(big, small, evaluate=False)


def op_of(strict: bool) -> str:
    return ">" if strict else ">="


@tactic("inequality", cost=0)
def evaluate_derivatives(goal: Goal) -> Proof | None:
    """Take the derivatives (and values at points) that the inequality names."""
    s = goal.statement
    if not s.has(sp.Derivative, sp.Subs):
        raise Decline("no derivative to take")
    new = type(s)(s.lhs.doit(), s.rhs.doit(), evaluate=False)
    if new.has(sp.Derivative):
        raise Decline("the derivative did not evaluate")
    sub = solve_new(goal.sub(new))
    if sub is None:
        raise Decline("not shown once the derivatives were taken")
    return Proof(sub.method, (rel(s.lhs, "=", new.lhs, "differentiate"),) + sub_steps(sub.steps)
                 if new.lhs != s.lhs else (rel(s.rhs, "=", new.rhs, "differentiate"),)
                 + sub_steps(sub.steps))


@tactic("inequality", cost=1)
def sign_of_difference(goal: Goal) -> Proof | None:
    """big - small has a known sign (after a light normal form)."""
    big, small, strict = oriented(goal)
    d0 = big - small
    for name, f in (("as it stands", lambda e: e), ("expanded", sp.expand),
                    ("over a common denominator", sp.together), ("factored", sp.factor),
                    ("cancelled", sp.cancel)):
        budget.check()
        d = f(d0)
        why = sign_reason(d, strict)
        if why:
            steps = [] if d == d0 else [rel(d0, "=", d, name)]
            steps.append(rel(d, op_of(strict), 0, why))
            return Proof("sign of the difference", tuple(steps))
    raise Decline("sign of the difference not found")


def _max_min_atom(expr: sp.Basic) -> sp.Expr | None:
    atoms = sorted(expr.atoms(sp.Max, sp.Min), key=lambda e: (sp.count_ops(e),
                                                               sp.default_sort_key(e)))
    return atoms[0] if atoms else None


@tactic("inequality", "identity", cost=2)
def split_max_min(goal: Goal) -> Proof | None:
    """Case split on which argument of a Max (Min) is the largest (smallest)."""
    atom = _max_min_atom(goal.statement)
    if atom is None:
        raise Decline("no Max or Min")
    args = list(atom.args)
    is_max = isinstance(atom, sp.Max)
    steps: list[Step] = []
    methods = []
    for i, chosen in enumerate(args):
        stmt = goal.statement.xreplace({atom: chosen})
        given = goal.given
        cond = []
        subs_done = []
        for j, other in enumerate(args):
            if j == i:
                continue
            big, small = (chosen, other) if is_max else (other, chosen)
            cond.append((sp.Gt if j < i else sp.Ge)(big, small, evaluate=False))
            # chosen and other as they read after earlier substitutions
            for var, val in subs_done:
                big, small = big.xreplace({var: val}), small.xreplace({var: val})
            made = embody_order(stmt, given, big, small, strict=j < i,
                                prefer=other.xreplace(dict(subs_done)))
            if made is None:
                raise Decline(f"cannot build the case {sp.sstr(cond[-1])} into the variables")
            stmt, given, sub = made
            subs_done.append(sub)
        budget.check()
        proof = solve_new(goal.sub(stmt, given))
        if proof is None:
            raise Decline(f"case {' and '.join(sp.sstr(c) for c in cond)} not shown")
        steps.append(case(sp.And(*cond), f"{'max' if is_max else 'min'} is {{0}}", (chosen,)))
        for var, val in subs_done:
            steps.append(new_variable_step(var, val).nested())
        last = closing_row(goal.statement.xreplace({atom: chosen}), subs_done, stmt)
        steps.extend((last.nested(),) if last else sub_steps(proof.steps))
        methods.append(proof.method)
    return Proof("cases on " + ("max" if is_max else "min") + ": "
                 + "; ".join(dict.fromkeys(methods)), tuple(steps))


@tactic("inequality", cost=2)
def clear_positive_factor(goal: Goal) -> Proof | None:
    """c·u > v becomes u > v/c for c > 0, and u < v/c for c < 0 (either side)."""
    big, small, strict = oriented(goal)
    for side, other, flip in ((big, small, False), (small, big, True)):
        if not side.is_Mul:
            continue
        for f in side.args:
            if f.is_number and f in (1, -1):
                continue
            if sign_reason(f, True):
                negative = False
            elif sign_reason(-f, True):
                negative = True
            else:
                continue
            rest = sp.Mul(*[a for a in side.args if a is not f])
            if rest.is_number:
                continue
            other_new = sp.expand(other / f)
            # flip and negative each swap the two sides once
            new = (make(other_new, rest, strict) if flip != negative
                   else make(rest, other_new, strict))
            sub = solve_new(goal.sub(new, avoid=("clear_positive_factor",)))  # not back again
            if sub is not None:
                what = "negative factor (the inequality turns)" if negative else "positive factor"
                return Proof(sub.method,
                             (rel(new.lhs, op_of(strict), new.rhs,
                                  f"multiply both sides by the {what} {{0}}", (1 / f,)),)
                             + sub_steps(sub.steps))
    raise Decline("no factor of known sign to clear")


@tactic("inequality", cost=2)
def positive_denominator(goal: Goal) -> Proof | None:
    """(big - small) = n / d with d > 0: show n > 0."""
    big, small, strict = oriented(goal)
    n, d = sp.fraction(sp.together(big - small))
    if d == 1 or not sign_reason(d, True):
        raise Decline("no positive common denominator")
    n = sp.expand(n)
    sub = solve_new(goal.sub(make(n, 0, strict)))
    if sub is None:
        raise Decline("numerator sign not shown")
    return Proof(sub.method, (rel(big - small, "=", n / d, "over a common denominator"),
                              rel(n, op_of(strict), 0, "the denominator is positive"))
                 + sub_steps(sub.steps))


@tactic("inequality", cost=3)
def exp_both_sides(goal: Goal) -> Proof | None:
    """log u > v  ⇔  u > exp(v): exp is strictly increasing (u > 0 is checked)."""
    big, small, strict = oriented(goal)
    new = None
    if isinstance(big, sp.log) and isinstance(small, sp.log):
        u, w = big.args[0], small.args[0]
        if sign_reason(w, True):
            new = make(u, w, strict)
    elif isinstance(big, sp.log) and sign_reason(big.args[0], True):
        new = make(big.args[0], sp.exp(small), strict)
    elif isinstance(small, sp.log) and sign_reason(small.args[0], True):
        new = make(sp.exp(big), small.args[0], strict)
    if new is None:
        raise Decline("no log of a positive quantity on either side")
    sub = solve_new(goal.sub(new, avoid=("log_both_sides", "isolate_log_or_exp")))
    if sub is None:
        raise Decline("the exponentiated inequality was not shown")
    return Proof(sub.method + " after exp", (rel(new.lhs, op_of(strict), new.rhs,
                                                 "apply exp, which is strictly increasing"),)
                 + sub_steps(sub.steps))


@tactic("inequality", cost=3)
def log_both_sides(goal: Goal) -> Proof | None:
    """exp(u) > exp(v)  ⇔  u > v: log is strictly increasing on the positives."""
    big, small, strict = oriented(goal)
    if isinstance(big, sp.exp) and isinstance(small, sp.exp):
        new = make(big.args[0], small.args[0], strict)
    elif isinstance(big, sp.exp) and sign_reason(small, True):
        new = make(big.args[0], sp.log(small), strict)
    elif isinstance(small, sp.exp) and sign_reason(big, True):
        new = make(sp.log(big), small.args[0], strict)
    else:
        raise Decline("no exp on either side")
    sub = solve_new(goal.sub(new, avoid=("exp_both_sides", "isolate_log_or_exp")))
    if sub is None:
        raise Decline("the inequality of the exponents was not shown")
    return Proof(sub.method + " after log", (rel(new.lhs, op_of(strict), new.rhs,
                                                 "apply log, which is strictly increasing"),)
                 + sub_steps(sub.steps))


@tactic("inequality", "identity", cost=2)
def use_given_orders(goal: Goal) -> Proof | None:
    """Build every ordering of `given` into the variables (a > b becomes a = b + δ, δ > 0)."""
    orders = [g for g in goal.given if isinstance(g, (sp.Gt, sp.Ge, sp.Lt, sp.Le))
              and not g.has(sp.Sum, sp.Indexed)]
    if not orders:
        raise Decline("no ordering among the assumptions")
    stmt = goal.statement
    rest = tuple(g for g in goal.given if g not in orders)
    steps: list[Step] = []
    subs: list[tuple[sp.Symbol, sp.Expr]] = []
    pending = list(orders)
    rounds = 0
    while pending:
        rounds += 1
        if rounds > 2 * len(orders) + 2:  # a sign assumption kept making a new order
            raise Decline("the orderings keep turning into new ones")
        g = pending.pop(0)
        big, small = (g.lhs, g.rhs) if isinstance(g, (sp.Gt, sp.Ge)) else (g.rhs, g.lhs)
        strict = isinstance(g, (sp.Gt, sp.Lt))
        known = stmt.free_symbols.union(*(x.free_symbols for x in (*pending, *rest, g)))
        made = embody_order(stmt, tuple(pending) + rest, big, small, strict)
        if made is None:
            raise Decline(f"cannot build {sp.sstr(g)} into the variables")
        stmt, new_given, (var, val) = made
        new_var = sorted(val.free_symbols - known, key=sp.default_sort_key)
        pending = [x for x in new_given if x in pending or x not in rest]
        pending = [x for x in pending if x is not sp.true]
        if any(x is sp.false for x in pending):
            raise Decline("the assumptions contradict each other")
        steps.append(rel(var, "=", val, "since {0}, name the difference {1}",
                         (g, range_of(new_var[0]))) if new_var else
                     rel(var, "=", val, "build {0} into the variables", (g,)))
        subs.append((var, val))
        rest = tuple(x for x in new_given if x not in pending)
    sub = solve_new(goal.sub(stmt, rest))
    if sub is None:
        raise Decline("not shown once the orderings were built in")
    method = sub.method + ", orderings built into the variables"
    last = closing_row(goal.statement, subs, stmt)
    return Proof(method, (*steps, last) if last else tuple(steps) + sub_steps(sub.steps))


def _isolated(d: sp.Expr, head: type) -> tuple[sp.Expr, sp.Expr, sp.Expr] | None:
    """d = k·head(u) + r with a single head term and k a number: (k, head(u), r)."""
    terms = sp.Add.make_args(sp.expand(d, log=False, power_exp=False, mul=True))
    found = [t for t in terms if not t.is_number and t.as_coeff_Mul()[0].is_number
             and isinstance(t.as_coeff_Mul()[1], head)]
    others = [t for t in terms if t not in found]
    if len(found) != 1 or any(t.has(head) and not t.is_number for t in others):
        return None
    k, core = found[0].as_coeff_Mul()
    return k, core, sp.Add(*others)


@tactic("inequality", cost=3)
def isolate_log_or_exp(goal: Goal) -> Proof | None:
    """k·log(u) + r > 0 with one log (or exp) term: move the rest to the other side."""
    big, small, strict = oriented(goal)
    d = big - small
    for head in (sp.log, sp.exp):
        got = _isolated(d, head)
        if got is None or got[2] == 0:
            continue
        k, core, r = got
        if known_sign(k) == 1:
            new = make(core, sp.expand(-r / k), strict)
        elif known_sign(k) == -1:
            new = make(sp.expand(r / -k), core, strict)
        else:
            continue
        sub = solve_new(goal.sub(new, avoid=("isolate_log_or_exp",)))
        if sub is not None:
            return Proof(sub.method, (rel(new.lhs, op_of(strict), new.rhs,
                                          "move the other terms across"),)
                         + sub_steps(sub.steps))
    raise Decline("no single log or exp term to isolate")


def _left_points(x: sp.Symbol, c: sp.Expr, s: sp.Dummy) -> sp.Expr | None:
    """A parametrisation by s > 0 of the variable's domain left of c."""
    if x.is_positive:
        return c / (1 + s) if known_sign(c) == 1 else None
    if x.is_nonnegative or x.is_nonpositive or x.is_negative:
        return None
    return c - s


@tactic("inequality", cost=5)
def single_minimum(goal: Goal) -> Proof | None:
    """One real variable x: g = big - small has g' < 0 left of its only critical point c
    and g' > 0 right of it, so g(x) >= g(c); then g(c) > 0 (or >= 0) finishes."""
    big, small, strict = oriented(goal)
    g = big - small
    xs = [s for s in g.free_symbols if isinstance(s, sp.Symbol)]
    if len(xs) != 1 or not xs[0].is_real or goal.given:
        raise Decline("not a one-variable inequality over a real variable")
    x = xs[0]
    smooth = smooth_reason(g, x)
    if smooth is None:  # side condition of the move: no pole, jump or kink anywhere
        raise Decline("not shown to be differentiable on the whole domain")
    domain = sp.Interval.open(0, sp.oo) if x.is_positive else sp.S.Reals
    dg = sp.diff(g, x)
    crit = sp.solveset(dg, x, domain)
    if not isinstance(crit, sp.FiniteSet) or len(crit) != 1:
        raise Decline("the derivative does not have exactly one zero in the domain")
    c = next(iter(crit))
    t = sp.Dummy("t", positive=True)
    left_x = _left_points(x, c, t)
    if left_x is None:
        raise Decline("domain not handled")
    right = sp.simplify(dg.xreplace({x: c + t}))
    left = sp.simplify(-dg.xreplace({x: left_x}))
    if not (sign_reason(right, True) and sign_reason(left, True)):
        raise Decline("the sign of the derivative on each side was not shown")
    gc = sp.simplify(g.xreplace({x: c}))
    # strictness: g(x) > g(c) for x != c, so g(c) >= 0 gives > except at x = c
    why_c = sign_reason(gc, strict)
    if not why_c:
        raise Decline("the value at the minimum does not have the needed sign")
    return Proof("one-variable minimum", (
        note(f"the difference is differentiable for every {x} the assumptions allow "
             f"({smooth})"),
        rel(sp.Derivative(g, x), "=", dg, "differentiate"),
        Step(lhs=x, op="=", rhs=c, why="the only real zero of the derivative"),
        rel(dg.xreplace({x: c + t}), ">", 0, "right of it, for t > 0"),
        rel(dg.xreplace({x: left_x}), "<", 0, "left of it, for t > 0"),
        rel(g, ">=", gc, "so the minimum is taken at that point"),
        rel(gc, op_of(strict), 0, why_c),
    ), scope=Scope(landmarks=((x, c),)))
