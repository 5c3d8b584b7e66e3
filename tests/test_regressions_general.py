"""Regressions found while widening the engine (issue 10): tactics that raised instead
of declining, and order-building loops that ran until the budget."""

from __future__ import annotations

import time

import pytest
import sympy as sp

from proofs import Claim, budget, prove
from proofs.positivity import sign_reason
from proofs.search import Decline, Goal
from proofs.tactics.indexed import indexed_inequality
from proofs.tactics.inequality import use_given_orders
from proofs.tactics.limits import orderings_into_variables

n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)


def _sum(body):
    return sp.Sum(body, (k, 1, n))


@pytest.mark.parametrize("assume", [{"positive": True}, {"nonnegative": True}, {}])
@pytest.mark.parametrize("shape", ["log-n-p", "p-log-p-below-sum"])
def test_indexed_bounds_decline_on_p_log_p_sums(assume, shape) -> None:
    """0·log 0 at the edge (nan) and a Python 0 from xreplace made `_bound` raise
    AttributeError ('int' object has no attribute 'free_symbols')."""
    p = sp.IndexedBase("P", **assume)
    st = (_sum(sp.log(n * p[k]) * p[k]) >= 0 if shape == "log-n-p"
          else _sum(p[k] * sp.log(p[k])) <= _sum(p[k]))
    try:
        with budget.deadline(20):
            indexed_inequality(Goal(st))
    except Decline:
        pass


def test_no_sign_for_nan_or_zoo() -> None:
    x = sp.Symbol("x", real=True)
    assert sign_reason(sp.nan) is None and sign_reason(sp.zoo + x**2) is None


def test_use_given_orders_does_not_loop_on_a_bounded_positive_variable() -> None:
    x = sp.Symbol("x", positive=True)
    started = time.monotonic()
    with pytest.raises(Decline), budget.deadline(20):
        use_given_orders(Goal(-x**x * (sp.log(x) + 1) + 1 >= 0, (x <= 1,)))
    assert time.monotonic() - started < 5


def test_limit_orderings_do_not_loop() -> None:
    p = sp.Symbol("p", positive=True)
    d = sp.Dummy("d", positive=True)
    t = sp.Symbol("t", real=True)
    st = sp.Eq(sp.Limit((p**t + (p - d * p) ** t) ** (1 / t), t, sp.oo), p)
    started = time.monotonic()
    try:
        with budget.deadline(20):
            orderings_into_variables(Goal(st, (p - d * p > 0,)))
    except Decline:
        pass
    assert time.monotonic() - started < 5


def test_power_mean_limit_by_cases_on_the_larger_parameter() -> None:
    p, q = sp.symbols("p q", positive=True)
    t = sp.Symbol("t", real=True)
    c = Claim("power-mean-max", sp.Eq(sp.Limit((p**t + q**t) ** (1 / t), t, sp.oo),
                                      sp.Max(p, q)))
    v = prove(c, budget=10)
    assert v.status == "proved", v.reason
