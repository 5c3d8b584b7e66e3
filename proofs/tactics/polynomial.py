"""Polynomial inequalities in one variable, decided exactly on the variable's interval.

`polynomial_on_interval` reads the interval of the goal's only variable from its
assumptions and the affine relations of `given` (`proofs.domain.interval_of`), writes
the difference of the two sides as a polynomial or a quotient of polynomials with
rational coefficients, and decides its sign on the interval by exact real root
isolation (`proofs.positivity.polynomial_sign_reason`). The step shows the polynomial
question that was decided.
"""

from __future__ import annotations

import sympy as sp

from ..domain import interval_of
from ..positivity import interval_text, sign_on
from ..search import Decline, Goal, tactic
from ..verdict import Proof, rel
from .inequality import op_of, oriented


def one_variable(goal: Goal) -> sp.Symbol:
    """The goal's only variable (a real symbol), or Decline."""
    free = goal.statement.free_symbols
    if len(free) != 1 or goal.statement.has(sp.Indexed, sp.Sum):
        raise Decline("not a statement in one real variable")
    x = next(iter(free))
    if not isinstance(x, sp.Symbol) or not x.is_real:
        raise Decline("not a statement in one real variable")
    return x


@tactic("inequality", cost=1)
def polynomial_on_interval(goal: Goal) -> Proof | None:
    """big - small is a polynomial (or a quotient of polynomials) in x with rational
    coefficients, of the needed sign at every x of its interval: decided exactly."""
    big, small, strict = oriented(goal)
    x = one_variable(goal)
    d = sp.cancel(sp.together(big - small))
    num, den = sp.fraction(d)
    if not (num.is_polynomial(x) and den.is_polynomial(x)):
        raise Decline("not a quotient of polynomials")
    interval = interval_of(x, goal.given)
    if interval.is_empty:
        raise Decline("the assumptions leave no value")
    why = sign_on(d, x, interval, strict)
    if why is None:
        raise Decline("the polynomial does not have the needed sign on the interval")
    where = interval_text(interval)
    steps = [] if d == big - small else [rel(big - small, "=", d, "over a common denominator")]
    steps.append(rel(d, op_of(strict), 0, f"for {x} in {where}: {why}"))
    return Proof("a polynomial inequality in one variable, decided exactly", tuple(steps))
