"""Subgoals that already failed within the same proof are not tried again.

Reformulating tactics (clearing a factor, a common denominator, exp or log of both
sides, ...) reach the same subgoal by different roads. `solve_new` remembers, for each
proof search (in `Trail.failed`, shared by its goals), the subgoals that `solve` did not
prove, at which depth and with which tactics avoided; the same subgoal is then declined at
once when it comes back no shallower and with no fewer tactics avoided (it cannot do
better).
Only failures are remembered: a proof always goes through `solve` and its trail.
"""

from __future__ import annotations

import sympy as sp

from ..search import Goal, solve
from ..verdict import Proof


def _key(goal: Goal) -> tuple:
    s = goal.statement
    return (s, goal.given, sp.srepr(s) if s.has(sp.Subs) else "")


def solve_new(goal: Goal) -> Proof | None:
    """`solve(goal)`, or None at once when the same subgoal failed before in this proof
    search with at least as much depth left and no more tactics available."""
    seen = goal.trail.failed
    key = _key(goal)
    avoid = frozenset(goal.avoid)
    for depth, avoided in seen.get(key, ()):
        if depth <= goal.depth and avoided <= avoid:
            return None
    out = solve(goal)
    if out is None:
        seen.setdefault(key, []).append((goal.depth, avoid))
    return out
