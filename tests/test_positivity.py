"""Sign rules: each rule on what it must show and what it must not."""

from __future__ import annotations

import pytest
import sympy as sp

from proofs import budget
from proofs.positivity import sign_reason

x, a = sp.symbols("x a", real=True)
d = sp.Symbol("d", positive=True)
n = sp.Symbol("n", nonnegative=True)


def reason(e, strict=True):
    with budget.deadline(10):
        return sign_reason(e, strict)


@pytest.mark.parametrize("expr, strict", [
    (sp.exp(x) + sp.exp(a), True),
    (sp.exp(d) - 1, True),
    (1 - sp.exp(-n), False),
    (sp.log(1 + sp.exp(x)), True),
    (2 - sp.exp(-n) - sp.exp(-d), False),
    (sp.exp(a) * (2 - sp.exp(-n) - sp.exp(-d)), False),
    (x**2, False),
    (d * sp.exp(x) / (1 + sp.exp(x)), True),
    (sp.log(2), True),
])
def test_signs_that_hold(expr, strict) -> None:
    assert reason(expr, strict)


@pytest.mark.parametrize("expr, strict", [
    (sp.exp(n) - 1, True),      # zero at n = 0
    (x**2, True),               # zero at x = 0
    (sp.exp(x) - 1, False),     # negative for x < 0
    (sp.log(1 + d) - d, False),  # negative
    (1 - sp.exp(-n), True),     # zero at n = 0
    (a, False),
    (-sp.log(2), True),
])
def test_signs_that_do_not_hold_are_not_claimed(expr, strict) -> None:
    assert reason(expr, strict) is None
