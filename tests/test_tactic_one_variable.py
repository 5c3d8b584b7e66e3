"""One-variable tactics: exact polynomial signs on intervals, monotonicity from a
boundary or a critical point, Piecewise/Abs case splits, signs of factors. Each on goals
it must prove and on near misses it must decline (called directly, without the numeric
cross-check that `prove` adds)."""

from __future__ import annotations

import sympy as sp
from tactic_helpers import declines, run

from proofs.domain import interval_of, sign_under, smooth_reason
from proofs.positivity import on_interval, polynomial_sign_reason, sign_on, sign_reason
from proofs.tactics.factors import signs_of_factors
from proofs.tactics.monotone import monotone_one_variable
from proofs.tactics.piecewise import split_piecewise
from proofs.tactics.polynomial import polynomial_on_interval

R = sp.Rational
x = sp.Symbol("x", real=True)
xn = sp.Symbol("x", nonnegative=True)
xp = sp.Symbol("x", positive=True)
p, q = sp.symbols("p q", positive=True)
Iv = sp.Interval


# --------------------------------------------------------------------------------------
# polynomials decided exactly


def test_polynomial_sign_on_intervals() -> None:
    everywhere = Iv(-sp.oo, sp.oo)
    assert polynomial_sign_reason(x**2 - 2 * x + 2, x, everywhere, True)
    assert polynomial_sign_reason((x - 1) ** 2, x, everywhere, False)
    assert not polynomial_sign_reason((x - 1) ** 2, x, everywhere, True)  # 0 at x = 1
    assert polynomial_sign_reason(1 - x**2, x, Iv(-1, 1), False)
    assert not polynomial_sign_reason(1 - x**2, x, Iv(-1, 1), True)       # 0 at the ends
    assert polynomial_sign_reason(1 - x**2, x, Iv.open(-1, 1), True)
    assert polynomial_sign_reason(x**2 - 2, x, Iv(R(3, 2), 5), True)
    assert not polynomial_sign_reason(x**2 - 2, x, Iv(R(7, 5), 5), True)  # √2 > 7/5
    assert not polynomial_sign_reason(x**3 - x, x, Iv(0, 2), False)       # negative on (0, 1)
    assert polynomial_sign_reason(x / 10, x, Iv(0, 1), False) is not None
    assert polynomial_sign_reason(sp.Float(0.1) * x, x, Iv(0, 1), False) is None  # no floats
    assert polynomial_sign_reason(x - 1, x, Iv(0, sp.sqrt(2)), True) is None    # exact ends


def test_sign_rules_on_an_interval() -> None:
    assert sign_on(1 - xp, xp, Iv.Lopen(0, 1), False)
    assert not sign_on(1 - xp, xp, Iv.open(0, 2), False)
    with on_interval(xp, Iv.Lopen(0, sp.exp(-1))):
        assert sign_reason(-sp.log(xp) - 1, False)   # log x <= -1 for x <= 1/e
        assert not sign_reason(-sp.log(xp) - 2, False)
    assert not sign_reason(-sp.log(xp) - 1, False)   # outside the block: all x > 0
    assert sign_under((1 - p) / (1 - q), (p < 1, q < 1), True)
    assert not sign_under((1 - p) / (1 - q), (p < 1,), True)


def test_interval_of_reads_affine_relations() -> None:
    assert interval_of(x, (x < 1,)) == Iv.open(-sp.oo, 1)
    assert interval_of(p, (p < 1, p >= R(1, 3))) == Iv.Ropen(R(1, 3), 1)
    assert interval_of(x, (2 * x - 1 >= 0, 3 - x > 0)) == Iv.Ropen(R(1, 2), 3)
    assert interval_of(x, (x * q < 1,)) == Iv(-sp.oo, sp.oo)  # not in x alone: not read
    assert smooth_reason(sp.log(1 - x), x) is None
    assert smooth_reason(sp.log(1 - x), x, interval_of(x, (x < 1,)))


def test_polynomial_tactic() -> None:
    assert run(polynomial_on_interval, xp - xp**2 / 2 >= 0, (xp <= 2,)) is not None
    assert declines(polynomial_on_interval, xp - xp**2 / 2 >= 0, (xp <= 3,))
    assert declines(polynomial_on_interval, x**2 > 0)
    assert declines(polynomial_on_interval, sp.exp(x) > 0)


# --------------------------------------------------------------------------------------
# monotonicity


def test_monotone_from_the_left_end() -> None:
    for st in (sp.sinh(xn) >= xn, sp.tanh(xn) <= xn, sp.sin(xn) <= xn,
               sp.exp(xn) >= 1 + xn + xn**2 / 2 + xn**3 / 6,
               sp.log(1 + xn) >= xn - xn**2 / 2):
        proof = run(monotone_one_variable, st)
        assert proof is not None and "monotone" in proof.method, st
    for st in (sp.sinh(xn) > xn,                  # equal at 0, which the domain holds
               sp.exp(xn) >= 1 + xn + xn**2,      # false near 1
               sp.log(1 + xn) >= xn - xn**2 / 3):  # false near 0
        assert declines(monotone_one_variable, st), st


def test_monotone_around_a_critical_point_records_it() -> None:
    proof = run(monotone_one_variable, sp.cosh(x) >= 1 + x**2 / 2)
    assert proof.method == "monotone on each side of a critical point"
    assert (x, 0) in proof.scope.landmarks
    proof = run(monotone_one_variable, xp**xp >= sp.exp(-sp.exp(-1)))
    assert (xp, sp.exp(-1)) in proof.scope.landmarks
    assert declines(monotone_one_variable, xp**xp > sp.exp(-sp.exp(-1)))  # tie at 1/e
    assert declines(monotone_one_variable, xp**xp >= R(7, 10))


def test_monotone_with_a_given_bound() -> None:
    assert run(monotone_one_variable, sp.exp(x) <= 1 / (1 - x), (x < 1,)) is not None
    assert declines(monotone_one_variable, sp.exp(x) <= 1 / (1 - x), (x < 2,))
    assert declines(monotone_one_variable, sp.Abs(x) >= 0)  # not smooth: cases first


# --------------------------------------------------------------------------------------
# cases


HUBER = sp.Piecewise((x**2 / 2, sp.Abs(x) <= 1), (sp.Abs(x) - R(1, 2), True))
ELU = sp.Piecewise((x, x > 0), (sp.exp(x) - 1, True))


def test_piecewise_cases() -> None:
    for st in (HUBER <= x**2 / 2, HUBER <= sp.Abs(x), ELU >= x, ELU > -1):
        proof = run(split_piecewise, st)
        assert proof is not None and any(s.kind == "case" for s in proof.steps), st
    for st in (HUBER < x**2 / 2, HUBER <= x**2 / 4, ELU > x):
        assert declines(split_piecewise, st), st


def test_piecewise_pieces_must_cover_the_domain() -> None:
    partial = sp.Piecewise((x, x > 0), (-x, x < -1))  # nothing on [-1, 0]
    assert declines(split_piecewise, partial >= 0)
    assert run(split_piecewise, partial >= 0, (x > 0,)) is not None


def test_signs_of_factors() -> None:
    assert run(signs_of_factors, xn**2 - sp.tanh(xn) ** 2 >= 0) is not None
    assert declines(signs_of_factors, x**2 - sp.tanh(x) ** 3 >= 0)
