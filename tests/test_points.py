"""Sampled points meet every assumption: symbol signs, given relations, equalities."""

from __future__ import annotations

import sympy as sp

from proofs.points import Sampler
from proofs.substitute import instantiate

x, y = sp.symbols("x y", real=True)
p = sp.Symbol("p", positive=True)
nn = sp.Symbol("q", nonnegative=True)
n = sp.Symbol("n", integer=True, positive=True)
i = sp.Symbol("i", integer=True)
w = sp.IndexedBase("w", nonnegative=True)


def test_boundary_points_come_first_and_meet_assumptions() -> None:
    s = Sampler([sp.Gt(x + p + nn, y)], (sp.Gt(x, y),), seed=1)
    pts = list(s.boundary_points(limit=50))
    assert pts and all(pt[x] > pt[y] and pt[p] > 0 and pt[nn] >= 0 for pt in pts)
    assert any(pt[nn] == 0 for pt in pts)  # the edge of q >= 0 is tried


def test_random_points_meet_assumptions() -> None:
    s = Sampler([sp.Gt(x, p)], (sp.Gt(x, 2 * p),), seed=2)
    pts = list(s.random_points(30))
    assert len(pts) == 30 and all(pt[x] > 2 * pt[p] > 0 for pt in pts)


def test_symbolic_n_with_a_sum_constraint() -> None:
    total = sp.Sum(w[i], (i, 1, n))
    s = Sampler([sp.Ge(total, 0)], (sp.Eq(total, 1),), seed=3)
    pts = list(s.random_points(20))
    assert pts
    for pt in pts:
        assert instantiate(total, pt) == 1
        assert all(v >= 0 for k, v in pt.items() if isinstance(k, sp.Indexed))


def test_an_equation_is_solved_for_a_variable_it_is_linear_in_only() -> None:
    from proofs.points import _linear_parts

    total = sp.Add(*(w[k] for k in range(1, 41))) - 1  # sum_t w_t = 1 at n = 40
    assert _linear_parts(total, w[7]) == (1, total - w[7])
    assert _linear_parts(x * y + 3 * y - 2, y) == (x + 3, -2)
    assert _linear_parts(x ** 2 + y - 1, x) is None  # degree 2
    assert _linear_parts(y * (x + 1) - y * x - y + 5, y) is None  # degree 0 once expanded
    assert _linear_parts(sp.exp(x) + y, x) is None  # not a polynomial in x
    assert _linear_parts(x ** 3 * y + x, x) is None  # degree 3


def test_a_rational_fits_a_domain_exactly_when_sympy_says_so() -> None:
    from proofs.points import _FITS, _RATIONAL_FITS

    values = [sp.Integer(v) for v in (-3, -1, 0, 1, 2)] + [
        sp.Rational(v, 7) for v in (-5, -1, 1, 3)]
    assert set(_RATIONAL_FITS) == set(_FITS)
    for kind, fits in _FITS.items():
        for v in values:
            assert _RATIONAL_FITS[kind](int(v.p), int(v.q)) == bool(fits(v)), (kind, v)
