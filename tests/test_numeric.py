"""Numeric truth at a point: exact where possible, 50 digits otherwise, limits estimated."""

from __future__ import annotations

import flint
import sympy as sp

from proofs import PSD, Convex
from proofs.certified import flint_precision
from proofs.numeric import decide, evaluate, numeric_limit

x, a, b = sp.symbols("x a b", real=True)
L = sp.Symbol("L", positive=True)


def test_ties_are_decided_exactly() -> None:
    assert evaluate(sp.exp(x) > 1 + x, {x: 0}).truth is False
    assert evaluate(sp.exp(x) >= 1 + x, {x: 0}).truth is True


def test_tiny_but_real_differences_count() -> None:
    gap = sp.log(1 + sp.exp(-a)) > 0
    assert evaluate(gap, {a: 60}).truth is True


def test_too_close_to_call_is_unknown() -> None:
    # e^100000 against a rational 10^-10 above it: resolving the sign needs about
    # 144,000 bits, past the precision cap, so the answer is "unknown", not a guess
    with flint_precision(160_000):
        top = flint.arb(10) ** 10 * flint.arb(100000).exp()
        numerator = int(top.floor().unique_fmpz()) + 1
    near = sp.Rational(numerator, 10**10)
    assert decide(sp.Gt(sp.exp(100000) - near, 0, evaluate=False)) is None
    assert decide(sp.Lt(sp.exp(100000) - near, 0, evaluate=False)) is None


def test_floats_are_their_exact_binary_values() -> None:
    assert decide(sp.Gt(sp.Float("1e-40", 60), 0, evaluate=False)) is True
    assert decide(sp.Eq(sp.Float(0.5), sp.Rational(1, 2), evaluate=False)) is True


def test_limit_estimates_do_not_become_exact_comparisons() -> None:
    lim = sp.Limit(sp.log(sp.exp(L * a) + sp.exp(L * b)) / L, L, sp.oo)
    assert evaluate(sp.Eq(lim, b), {a: 1, b: 1}).truth is True
    assert evaluate(sp.Eq(lim, b), {a: 2, b: 1}).truth is False
    value, settled = numeric_limit(sp.Limit(sp.log(2 * sp.exp(L)) / L, L, sp.oo))
    assert settled and abs(value - 1) < 1e-20


def test_psd_and_convexity_numerically() -> None:
    m = sp.Matrix([[1, 2], [2, 1]])
    out = evaluate(PSD(m), {})
    assert out.truth is False and "eigenvalue" in out.note
    assert evaluate(PSD(sp.Matrix([[2, 1], [1, 2]])), {}).truth is True
    assert evaluate(Convex(-(x**2), (x,)), {}).truth is False
    assert evaluate(Convex(sp.exp(x), (x,)), {}).truth is True


def test_outside_the_domain_is_unknown_not_false() -> None:
    assert evaluate(sp.Gt(sp.log(x), -5, evaluate=False), {x: -1}).truth is None
    assert evaluate(sp.Gt(1 / x, 0, evaluate=False), {x: 0}).truth is None


def test_infinite_limits_only_when_clearly_divergent() -> None:
    grow = sp.Limit(sp.exp(x) / x**3, x, sp.oo)
    assert numeric_limit(grow) == (sp.oo, True)
    assert evaluate(sp.Eq(grow, sp.oo), {}).truth is True
    assert evaluate(sp.Eq(grow, 5), {}).truth is False
    assert evaluate(sp.Eq(sp.Limit(1 / x, x, 0, "-"), -sp.oo), {}).truth is True
    # log grows too slowly to be called divergent from numbers: unknown, not a verdict
    assert evaluate(sp.Eq(sp.Limit(sp.log(x), x, sp.oo), sp.oo), {}).truth is None


def test_ball_free_symbols_are_sympys_and_a_nested_sum_reads_its_outer_index() -> None:
    from proofs import balls

    i, j, n = sp.symbols("i j n", integer=True, positive=True)
    x = sp.IndexedBase("x", real=True)
    inner = sp.Sum(x[j] * i, (j, 1, i))
    free = balls.free_symbols(inner)
    assert free == frozenset(inner.free_symbols) and i in free and j not in free
    total = sp.Sum(inner, (i, 1, n))
    env = balls.environment({n: sp.Integer(3), **{x[k]: sp.Integer(k) for k in (1, 2, 3)}})
    ball = balls.evaluate(total, 64, env=env)
    # i = 1: 1; i = 2: 2(1 + 2) = 6; i = 3: 3(1 + 2 + 3) = 18
    assert ball is not None and ball.contains(25) and ball.rad() == 0


def test_a_limit_estimate_is_a_certified_ball_to_every_digit() -> None:
    """(1 + 1/x)^x at x = 10^32 is e·(1 − 1/(2·10^32) + …): the estimate must carry it to
    its last digit (sympy's floats lost the digits past the 32nd here)."""
    x = sp.Symbol("x", positive=True)
    value, settled = numeric_limit(sp.Limit((1 + 1 / x) ** x, x, sp.oo))
    assert settled
    with flint_precision(600):  # log(1 + 10^-32) to 600 bits, then times 10^32
        t = flint.arb(10) ** 32
        exact = (t * (1 + 1 / t).log()).exp()
        assert abs(flint.arb(str(value)) - exact) < flint.arb(10) ** -85
    tiny, _ = numeric_limit(sp.Limit(x ** 5 * sp.exp(-x), x, sp.oo))
    assert tiny > 0 and tiny._mpf_[2] < -10**30  # far below any float, yet not zero
