"""The catalog's reference implementations (derivations.notes.code): spot-checked against
the claims, and rendered as code panels by latexify."""

import math

import mpmath
import pytest
import sympy as sp

from derivations.notes import code as cp
from render import code_panels


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


REFERENCE = (cp.stable_softmax, cp.stable_logsumexp, cp.sigmoid, cp.sigmoid_neuron_backward)


@pytest.mark.parametrize("fn", REFERENCE, ids=lambda f: f.__name__)
def test_panels_render(fn):
    assert code_panels.algorithmic(fn).startswith(r"\begin{algorithmic}")
    assert "def " + fn.__name__ in code_panels.source(fn)
    assert code_panels.formula(fn) and code_panels.name(fn) == fn.__name__


def test_the_catalog_shows_each_reference_beside_its_mathematics():
    from derivations import sheets

    shown = {fn for s in sheets() for ex in s.exercises for fn in ex.code}
    assert shown == set(REFERENCE)


def test_a_panel_must_be_a_function():
    with pytest.raises(ValueError, match="a code panel is a Python function"):
        code_panels.resolve("stable_softmax")
    with pytest.raises(ValueError, match="latexify cannot typeset it"):
        code_panels.formula(_uses_a_generator)


def _uses_a_generator(n: int) -> int:
    total = 0
    while n > 0:
        total, n = total + n, n - 1
    yield total
