"""Reference implementations: spot-checked against the claims, and rendered by latexify."""

import math

import mpmath
import pytest
import sympy as sp

from render import code_panels as cp


def test_stable_softmax_matches_exact_softmax():
    scores = (225, 617, 950)
    z = sum(sp.exp(s) for s in scores)
    exact = [sp.exp(s) / z for s in scores]
    got = cp.stable_softmax([float(s) for s in scores])
    assert all(math.isfinite(p) for p in got) and abs(sum(got) - 1) < 1e-15
    for p, e in zip(got, exact, strict=True):
        assert abs(p - float(e)) <= 1e-300 + 1e-12 * float(e)   # p_0 is subnormal


@pytest.mark.parametrize("x", [(225.0, 617.0, 950.0), (-1000.0, -1001.0), (0.5, -2.0, 3.0)])
def test_stable_logsumexp_matches_mpmath(x):
    mpmath.mp.dps = 50
    exact = mpmath.log(sum(mpmath.exp(mpmath.mpf(v)) for v in x))
    assert abs(cp.stable_logsumexp(x) - float(exact)) < 1e-12 * max(1.0, abs(float(exact)))


def test_sigmoid_neuron_backward_matches_diff():
    w0, x0, w1, x1, w2 = sp.symbols("w0 x0 w1 x1 w2", real=True)
    f = 1 / (1 + sp.exp(-(w0 * x0 + w1 * x1 + w2)))
    point = {w0: 2, x0: -1, w1: -3, x1: -2, w2: -3}
    exact = [float(sp.diff(f, v).subs(point)) for v in (w0, x0, w1, x1, w2)]
    got = cp.sigmoid_neuron_backward(2.0, -1.0, -3.0, -2.0, -3.0)
    assert got == pytest.approx(exact, rel=1e-12)
    assert cp.sigmoid(1.0) == pytest.approx(float(1 / (1 + sp.exp(-1))), rel=1e-15)


def test_panels_render():
    for name in cp.REFERENCE:
        assert cp.algorithmic(name).startswith(r"\begin{algorithmic}")
        assert "def " + name in cp.source(name)
        assert cp.formula(name)
    with pytest.raises(ValueError):
        cp.resolve("nope")
