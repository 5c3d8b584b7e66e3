"""A product has the sign its factors give it: factor the difference, sign each factor.

`signs_of_factors` factors big - small; the factors whose sign the sign rules do not
give become subgoals (`f >= 0` or `-f >= 0`, any tactic), and the signs must multiply
to the needed one. It is the step from `x² - tanh(x)² >= 0` to `x - tanh(x) >= 0` and
`x + tanh(x) >= 0`.
"""

from __future__ import annotations

import sympy as sp

from .. import budget
from ..positivity import sign_reason
from ..search import Decline, Goal, sub_steps, tactic
from ..verdict import Proof, Step, rel
from .inequality import op_of, oriented
from .subgoals import solve_new

MAX_OPEN = 2
"""At most this many factors are left to subgoals (each may be tried with both signs)."""


def _factors(d: sp.Expr) -> list[sp.Expr]:
    """The factors of d (powers kept whole), or [] when factoring does not split it."""
    f = sp.factor(d)
    if not f.is_Mul:
        return []
    return list(f.args)


@tactic("inequality", cost=6)
def signs_of_factors(goal: Goal) -> Proof | None:
    """big - small factored; each factor of known sign (a rule or a subgoal), the signs
    multiplying to the needed one."""
    big, small, strict = oriented(goal)
    d = big - small
    factors = _factors(d)
    if len(factors) < 2:
        raise Decline("the difference does not factor")
    known: list[tuple[sp.Expr, int, str]] = []
    open_: list[sp.Expr] = []
    for f in factors:
        budget.check()
        why = sign_reason(f, strict)
        if why:
            known.append((f, 1, why))
            continue
        why = sign_reason(-f, strict)
        if why:
            known.append((f, -1, why))
            continue
        open_.append(f)
    if len(open_) > MAX_OPEN or not open_:
        raise Decline("no factor left to show, or too many")
    parity = 1
    for _, s, _ in known:
        parity *= s
    steps: list[Step] = [rel(d, "=", sp.Mul(*factors, evaluate=False), "factor")]
    methods = []
    signs = []
    for f in open_:
        for s in (1, -1):
            sub = solve_new(goal.sub((sp.Gt if strict else sp.Ge)(s * f, 0, evaluate=False)))
            if sub is not None:
                signs.append(s)
                steps.append(rel(s * f, op_of(strict), 0, sub.method))
                steps.extend(sub_steps(sub.steps))
                methods.append(sub.method)
                break
        else:
            raise Decline(f"the sign of the factor {sp.sstr(f)} was not shown")
    for s in signs:
        parity *= s
    if parity != 1:
        raise Decline("the factors' signs give the opposite sign")
    for f, s, why in known:
        steps.append(rel(s * f, op_of(strict), 0, why))
    steps.append(rel(d, op_of(strict), 0, "a product of factors of known sign"))
    return Proof("signs of the factors (" + "; ".join(dict.fromkeys(methods)) + ")",
                 tuple(steps))
