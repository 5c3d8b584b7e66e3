"""Integer ceilings in inequalities: ⌈u⌉ - u lies in [0, 1).

For real u, ⌈u⌉ = u + θ with 0 <= θ < 1, and equally ⌈u⌉ = u + 1 - η with
0 < η <= 1. A statement proved for every θ >= 0 (or for every η > 0) therefore holds
for the actual ceiling: each move is a weakening, never an assumption.
"""

from __future__ import annotations

import sympy as sp

from ..search import Decline, Goal, solve, sub_steps, tactic
from ..verdict import Proof, rel


@tactic("inequality", cost=3)
def bound_ceiling(goal: Goal) -> Proof | None:
    """Replace ⌈u⌉ by u + θ (θ >= 0) or by u + 1 - η (η > 0) and prove the rest."""
    atoms = sorted(goal.statement.atoms(sp.ceiling), key=sp.default_sort_key)
    if not atoms:
        raise Decline("no ceiling")
    atom = atoms[0]
    u = atom.args[0]
    if not u.is_real:
        raise Decline("the argument of the ceiling is not known to be real")
    theta = sp.Dummy("theta", nonnegative=True)
    eta = sp.Dummy("eta", positive=True)
    for value, why in ((u + theta, "ceil(u) >= u: write ceil(u) = u + θ with θ >= 0"),
                       (u + 1 - eta, "ceil(u) < u + 1: write ceil(u) = u + 1 - η with η > 0")):
        new = goal.statement.xreplace({atom: value})
        sub = solve(goal.sub(new))
        if sub is not None:
            return Proof(sub.method + " with the ceiling bounded",
                         (rel(atom, "=", value, why),) + sub_steps(sub.steps))
    raise Decline("neither bound of the ceiling was enough")
