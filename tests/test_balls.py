"""proofs.balls: sums evaluated in place, term by term, and the variables they read."""

from __future__ import annotations

import pytest
import sympy as sp
from flint import acb, arb

from proofs import balls

n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True)
c = sp.Symbol("c", real=True)
x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
N = 6
XS = {x[m]: sp.Rational(m * m - 7, 3) for m in range(0, N + 2)}
YS = {y[m]: sp.Rational(5 - m, m + 2) for m in range(0, N + 2)}
POINT = {n: sp.Integer(N), c: sp.Rational(-2, 7), **XS, **YS}

SUMS = [
    sp.Sum(x[i] * y[i], (i, 1, n)),
    sp.Sum(x[i] * y[j], (i, 1, n), (j, 1, n)),
    sp.Sum((sp.KroneckerDelta(i, j) - y[j]) * y[i] * x[i] * x[j], (i, 1, n), (j, 1, n)),
    sp.Sum((x[i] - sp.Sum(y[j] * x[j], (j, 1, n))) ** 2 * y[i], (i, 1, n)),
    sp.Sum(x[j], (j, 1, i), (i, 1, n)),  # a bound that reads the outer index
    sp.Sum(sp.exp(c * x[i]) / sp.Sum(sp.exp(c * x[j]), (j, 1, n)), (i, 1, n)),
    sp.Sum(sp.log(1 + x[i] ** 2) - c ** 3 * x[i + 1] / (i + 1), (i, 1, n)),
    sp.Sum(sp.Abs(x[i]) + sp.Max(x[i], y[i]) + sp.sqrt(1 + y[i] ** 2), (i, 1, n)),
    sp.Sum(sp.Piecewise((x[i], x[i] > 0), (-x[i], True)), (i, 1, n)),
    sp.Product(1 + y[i] ** 2, (i, 1, n)),
    sp.Sum(sp.Sum(x[k], (k, 1, 2)) * x[k], (k, 1, n)),  # an inner sum shadows k
    sp.Sum(x[2 * i - 1] * y[n + 1 - i], (i, 1, n - 3)),
]


@pytest.mark.parametrize("expr", SUMS, ids=range(len(SUMS)))
def test_a_sum_in_place_holds_its_exact_value(expr: sp.Expr) -> None:
    exact = _written_out(expr.subs(n, N)).xreplace(POINT)
    ball = balls.evaluate(expr, 128, env=balls.environment(POINT))
    with balls.flint_precision(256):
        assert ball is not None and ball.rad() < arb(10) ** -30
        assert ball.overlaps(_near(exact))
        assert not ball.overlaps(_near(exact + sp.Rational(1, 10**20)))


def _written_out(e: sp.Basic) -> sp.Basic:
    """Every sum and product written out term by term (subs keeps inner indices bound)."""
    if isinstance(e, (sp.Sum, sp.Product)):
        *rest, (index, lo, hi) = e.limits
        body = e.function if not rest else type(e)(e.function, *rest)
        terms = [_written_out(body.subs(index, m)) for m in range(int(lo), int(hi) + 1)]
        return sp.Add(*terms) if isinstance(e, sp.Sum) else sp.Mul(*terms)
    return e.func(*(_written_out(a) for a in e.args)) if e.args else e


def _near(value: sp.Expr) -> arb:
    """A ball of radius 10^-55 around a number's 60-digit value."""
    return arb(str(sp.N(value, 60))) + arb(0, arb(10) ** -55)


def test_rational_sums_are_exact_and_unknown_functions_are_not_rational() -> None:
    env = balls.environment(POINT)
    assert balls.exact_value(SUMS[2], env) == balls.exact_value(
        SUMS[2].subs(n, N).doit().xreplace(POINT), env)
    with pytest.raises(balls.Unknown):
        balls.exact_value(SUMS[5], env)


def test_a_sum_in_complex_balls() -> None:
    z = sp.IndexedBase("z")
    point = {n: sp.Integer(3), **{z[m]: m + sp.I * (1 - m) for m in range(1, 4)}}
    ball = balls.evaluate(sp.Sum(z[i] ** 2, (i, 1, n)), 64, True, balls.environment(point))
    assert isinstance(ball, acb)
    exact = sum((m + sp.I * (1 - m)) ** 2 for m in range(1, 4)).expand()  # 11 - 16 i
    assert ball.real.contains(int(sp.re(exact))) and ball.imag.contains(int(sp.im(exact)))


def test_a_term_outside_the_domain_or_dividing_by_zero_has_no_value() -> None:
    env = balls.environment(POINT)
    with pytest.raises(balls.Undefined):  # x[1] = -2 < 0
        balls.evaluate(sp.Sum(sp.log(x[i]), (i, 1, n)), 64, env=env)
    with pytest.raises(balls.Undefined):  # the term i = 3 divides by 0
        balls.evaluate(sp.Sum(1 / (i - 3), (i, 1, n)), 64, env=env)


def test_a_part_that_does_not_read_the_index_is_evaluated_once_per_run(monkeypatch) -> None:
    seen: list[sp.Basic] = []
    ball = balls._ball

    def counting(e, field):
        seen.append(e)
        return ball(e, field)

    monkeypatch.setattr(balls, "_ball", counting)
    fixed = sp.exp(c) + 1
    expr = sp.Sum(fixed * x[i], (i, 1, n))
    assert balls.evaluate(expr, 64, env=balls.environment(POINT)) is not None
    assert seen.count(fixed) == 1  # not once per term
    assert seen.count(x[i]) == 0  # the terms are read by the loop body itself
