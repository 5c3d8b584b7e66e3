"""Each inequality tactic on goals it must prove and goals it must decline."""

from __future__ import annotations

import pytest
import sympy as sp
from tactic_helpers import declines, run

from proofs.tactics import inequality as ineq

a, b, x = sp.symbols("a b x", real=True)
u = sp.Symbol("u", positive=True)
lam = sp.Symbol("lambda", positive=True)
lam_nz = sp.Symbol("lambda", real=True, nonzero=True)


def test_sign_of_difference() -> None:
    p = run(ineq.sign_of_difference, sp.Gt(sp.exp(a) + sp.exp(b), sp.exp(a), evaluate=False))
    assert p.method == "sign of the difference"
    assert declines(ineq.sign_of_difference, sp.Gt(a, b))
    assert declines(ineq.sign_of_difference, sp.Gt(sp.exp(a), sp.exp(a) + sp.exp(b),
                                                   evaluate=False))


def test_split_max_min_proves_each_case_and_records_them() -> None:
    p = run(ineq.split_max_min, sp.log(sp.exp(a) + sp.exp(b)) > sp.Max(a, b))
    cases = [s for s in p.steps if s.kind == "case"]
    assert len(cases) == 2 and p.method.startswith("cases on max")
    assert declines(ineq.split_max_min, sp.log(sp.exp(a) + sp.exp(b)) < sp.Max(a, b))
    assert declines(ineq.split_max_min, sp.Gt(sp.exp(a), a, evaluate=False))


def test_clear_positive_factor_needs_a_positive_factor() -> None:
    good = sp.log(sp.exp(lam * a) + sp.exp(lam * b)) / lam > a
    proof = run(ineq.clear_positive_factor, good, (a > b,))
    assert proof is not None and "positive factor" in proof.steps[0].why
    bad = sp.log(sp.exp(lam_nz * a) + sp.exp(lam_nz * b)) / lam_nz > sp.Max(a, b)
    assert declines(ineq.clear_positive_factor, bad)


def test_exp_and_log_of_both_sides() -> None:
    p = run(ineq.exp_both_sides, sp.Gt(sp.log(sp.exp(a) + sp.exp(b)), a, evaluate=False))
    assert "after exp" in p.method
    assert declines(ineq.exp_both_sides, sp.Gt(a, b))
    p = run(ineq.log_both_sides, sp.Gt(sp.exp(a + 1), sp.exp(a), evaluate=False))
    assert "after log" in p.method
    assert declines(ineq.log_both_sides, sp.Gt(sp.exp(a), sp.exp(b), evaluate=False))


def test_use_given_orders() -> None:
    p = run(ineq.use_given_orders, a**2 > b**2, (a > b, b > 0))
    assert "orderings built into the variables" in p.method
    assert declines(ineq.use_given_orders, a**2 > b**2, (a > b,))
    assert declines(ineq.use_given_orders, a**2 > b**2)


def test_isolate_log_or_exp() -> None:
    p = run(ineq.isolate_log_or_exp, -sp.log(sp.exp(-a) + sp.exp(-a - u)) < a)
    assert p is not None
    assert declines(ineq.isolate_log_or_exp, sp.Gt(a, b))


def test_single_minimum() -> None:
    p = run(ineq.single_minimum, sp.exp(x) >= 1 + x)
    assert p.method == "one-variable minimum"
    assert any(s.rhs == 0 and s.lhs == x for s in p.steps if s.kind == "rel")
    assert run(ineq.single_minimum, sp.log(u) <= u - 1) is not None
    assert declines(ineq.single_minimum, sp.exp(x) > 1 + x)  # equality at the minimum
    assert declines(ineq.single_minimum, sp.sin(x) >= -1 + x * 0 - sp.Rational(1, 2))


@pytest.mark.parametrize("statement", [sp.Eq(a, b), sp.Gt(a, b), sp.exp(x) > 2 + x])
def test_nothing_false_gets_through_any_tactic(statement) -> None:
    for t in (ineq.sign_of_difference, ineq.split_max_min, ineq.clear_positive_factor,
              ineq.positive_denominator, ineq.exp_both_sides, ineq.log_both_sides,
              ineq.isolate_log_or_exp, ineq.single_minimum, ineq.use_given_orders):
        assert declines(t, statement), t.__name__
