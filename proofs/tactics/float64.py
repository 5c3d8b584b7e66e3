"""Float64 statements: settled by running the computation (IEEE 754 is deterministic).

This tactic accepts only `proofs.float64.Float64` statements, never a claim about the
real numbers.
"""

from __future__ import annotations

import sympy as sp

from ..float64 import METHOD, Float64
from ..search import Decline, Goal, tactic
from ..verdict import Proof, rel


@tactic("boolean", cost=0)
def run_float64(goal: Goal) -> Proof | None:
    """Run the registered float64 computation and compare with the stated outcome."""
    s = goal.statement
    if not isinstance(s, Float64):
        raise Decline("not a float64 statement")
    holds, text = s.check()
    if not holds:
        raise Decline(f"float64 gives {text}, not {sp.sstr(s.outcome)}")
    return Proof(METHOD, (rel(s.call(), "=", s.result_expr(), f"{METHOD}: {text}"),))
