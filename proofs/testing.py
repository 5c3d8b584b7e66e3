"""Assertions on claims for ordinary tests, with the messages the pytest plugin prints.

    >>> import sympy as sp
    >>> from proofs.testing import assert_identity
    >>> x = sp.Symbol("x", real=True)
    >>> assert_identity(sp.sin(x)**2 + sp.cos(x)**2, 1).status
    'proved'
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from .claim import Claim
from .prover import DEFAULT_BUDGET, prove
from .relations import Eq
from .verdict import Verdict


class ClaimFailure(AssertionError):
    """A claim did not get the verdict a test asked for; the message says what it got."""


def failure_message(verdict: Verdict, expected: str | None = None) -> str:
    """What went wrong: the verdict, its reason or method, and `x = 0` counterexample lines."""
    claim = verdict.claim
    expected = expected or claim.expect
    lines = [f"claim {claim.name}: {verdict.status}, expected {expected}",
             f"  statement: {sp.sstr(claim.statement)}"]
    if claim.given:
        lines.append("  given: " + ", ".join(sp.sstr(g) for g in claim.given))
    if verdict.reason:
        lines.append(f"  reason: {verdict.reason}")
    if verdict.method and verdict.method != "counterexample":
        lines.append(f"  method: {verdict.method}")
    if verdict.counterexample:
        lines.append("  counterexample:")
        lines.extend(f"    {line}" for line in verdict.counterexample_lines())
    return "\n".join(lines)


def _expect(claim: Claim, status: str, budget: float) -> Verdict:
    __tracebackhide__ = True
    if not isinstance(claim, Claim):
        raise TypeError(f"expected a proofs.Claim, got {type(claim).__name__}")
    verdict = prove(claim, budget=budget)
    if verdict.status != status:
        raise ClaimFailure(failure_message(verdict, status))
    return verdict


def assert_verdict(claim: Claim, budget: float = DEFAULT_BUDGET) -> Verdict:
    """Prove `claim` and fail unless the verdict is the claim's own `expect`."""
    __tracebackhide__ = True
    return _expect(claim, claim.expect, budget)


def assert_proved(claim: Claim, budget: float = DEFAULT_BUDGET) -> Verdict:
    """Prove `claim` and fail unless it is proved; returns the verdict."""
    __tracebackhide__ = True
    return _expect(claim, "proved", budget)


def assert_refuted(claim: Claim, budget: float = DEFAULT_BUDGET) -> Verdict:
    """Prove `claim` and fail unless it is refuted (with a counterexample); returns the verdict."""
    __tracebackhide__ = True
    return _expect(claim, "refuted", budget)


def assert_identity(lhs: Any, rhs: Any, given: Any = (), name: str = "identity",
                    budget: float = DEFAULT_BUDGET) -> Verdict:
    """Fail unless `lhs == rhs` is proved under the symbols' assumptions and `given`.

    `lhs` and `rhs` are sympy expressions or numbers (strings are refused: no parsing).
    """
    __tracebackhide__ = True
    sides = []
    for side in (lhs, rhs):
        if isinstance(side, str):
            raise TypeError(f"assert_identity needs sympy expressions, not the string {side!r}")
        sides.append(sp.sympify(side, strict=True))
    claim = Claim(name, Eq(sides[0], sides[1]), given=given)
    return _expect(claim, "proved", budget)
