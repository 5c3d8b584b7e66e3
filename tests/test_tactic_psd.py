"""Positive semidefiniteness and convexity: proved claims, and false ones refuted with
counterexamples re-evaluated here with mpmath."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from proofs import PSD, Claim, Convex, prove
from proofs.search import Goal, solve

BUDGET = 20

x, x1, x2, x3 = sp.symbols("x x1 x2 x3", real=True)
xp = sp.Symbol("x", positive=True)
a, b = sp.symbols("a b", real=True)
h11, h12, h22 = sp.symbols("h11 h12 h22", real=True)

PROVED = [
    (Claim("lse2-convex", Convex(sp.log(sp.exp(x1) + sp.exp(x2)), (x1, x2))), "variance"),
    (Claim("lse3-convex", Convex(sp.log(sp.exp(x1) + sp.exp(x2) + sp.exp(x3)), (x1, x2, x3))),
     "variance"),
    (Claim("softplus-convex", Convex(sp.log(1 + sp.exp(x)), (x,))), "Hessian PSD"),
    (Claim("square-convex", Convex(x ** 2, (x,))), "Hessian PSD"),
    (Claim("exp-convex", Convex(sp.exp(x), (x,))), "Hessian PSD"),
    (Claim("inverse-convex-on-positives", Convex(1 / xp, (xp,))), "Hessian PSD"),
    (Claim("gram-psd", PSD(sp.Matrix([[a ** 2, a * b], [a * b, b ** 2]]))), "PSD"),
    (Claim("psd-with-determinant", PSD(sp.Matrix([[h11, h12], [h12, h22]])),
           given=(h11 > 0, h22 > 0, h11 * h22 - h12 ** 2 >= 0)), "principal minor"),
    (Claim("laplacian-psd", PSD(sp.Matrix([[2, -1, -1], [-1, 2, -1], [-1, -1, 2]]))),
     "sum of squares"),
]


# The engine's numeric convexity check (40 random pairs at each of ~80 points, exact
# sympy evaluation) takes 5-30 s for Convex claims on a loaded 2-core machine, more than
# the tactics (< 1 s): Convex claims are proved here at the level of the proof search,
# and cross-checked below with mpmath; `prove` is run on the fast ones.
FAST = {"square-convex", "inverse-convex-on-positives", "gram-psd", "psd-with-determinant",
        "laplacian-psd"}


@pytest.mark.parametrize("claim,word", PROVED, ids=[c.name for c, _ in PROVED])
def test_proved(claim: Claim, word: str) -> None:
    if claim.name in FAST:
        verdict = prove(claim, budget=BUDGET)
        assert verdict.status == "proved", verdict.summary()
        method, steps = verdict.method, verdict.steps
    else:
        proof = solve(Goal(claim.statement, claim.given))
        assert proof is not None
        method, steps = proof.method, proof.steps
    assert word in method
    assert steps


@pytest.mark.parametrize("f,xs", [
    (lambda u: mpmath.log(mpmath.fsum(mpmath.exp(t) for t in u)), 3),
    (lambda u: mpmath.log(1 + mpmath.exp(u[0])), 1),
])
def test_convex_functions_midpoint_numerically(f, xs: int) -> None:
    """Independent evidence for the convexity proofs: midpoints below chords."""
    import random
    rng = random.Random(7)
    with mpmath.workdps(30):
        for _ in range(200):
            u = [mpmath.mpf(rng.uniform(-5, 5)) for _ in range(xs)]
            w = [mpmath.mpf(rng.uniform(-5, 5)) for _ in range(xs)]
            mid = [(s + t) / 2 for s, t in zip(u, w, strict=True)]
            assert f(mid) <= (f(u) + f(w)) / 2 + mpmath.mpf(10) ** -25


def test_lse_convexity_reads_as_a_variance() -> None:
    proof = solve(Goal(PROVED[1][0].statement))
    rels = [s for s in proof.steps if s.kind == "rel"]
    assert any(s.op == ">=" and s.rhs == 0 for s in rels)
    chain = [s for s in rels if isinstance(s.rhs, sp.Expr) and s.rhs.has(sp.Symbol("vbar",
                                                                                   real=True))]
    assert chain, "the chain should show Σ p_i (v_i − v̄)²"


def test_lse_hessian_minors_are_nonnegative_and_determinant_zero() -> None:
    """The principal-minor tactic on the Hessian of LSE in 3 variables, on its own."""
    f = sp.log(sp.exp(x1) + sp.exp(x2) + sp.exp(x3))
    proof = solve(Goal(PSD(sp.hessian(f, (x1, x2, x3)))))
    assert proof is not None
    # independent check: the determinant vanishes at a point
    with mpmath.workdps(30):
        e = [mpmath.exp(t) for t in (mpmath.mpf("0.3"), mpmath.mpf("-1.1"), mpmath.mpf(2))]
        z = mpmath.fsum(e)
        pv = [t / z for t in e]
        h = mpmath.matrix([[(pv[r] if r == c else 0) - pv[r] * pv[c] for c in range(3)]
                           for r in range(3)])
        assert abs(mpmath.det(h)) < mpmath.mpf(10) ** -25


def test_positive_diagonal_is_not_psd() -> None:
    claim = Claim("positive-diagonal-psd", PSD(sp.Matrix([[h11, h12], [h12, h22]])),
                  given=(h11 > 0, h22 > 0), expect="refuted")
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    p11, p12, p22 = (mpmath.mpf(sp.Rational(pt[s])) for s in (h11, h12, h22))
    assert p11 > 0 and p22 > 0
    assert p11 * p22 - p12 ** 2 < 0  # a 2x2 symmetric matrix with negative determinant


def test_the_textbook_counterexample_matrix() -> None:
    claim = Claim("one-two-two-one", PSD(sp.Matrix([[1, 2], [2, 1]])))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    vvec = [mpmath.mpf(1), mpmath.mpf(-1)]
    assert vvec[0] ** 2 + 4 * vvec[0] * vvec[1] + vvec[1] ** 2 < 0


@pytest.mark.parametrize("name,f,var", [
    ("log-convex", sp.log(xp), xp),
    ("minus-square-convex", -x ** 2, x),
    ("sigmoid-convex", 1 / (1 + sp.exp(-x)), x),
])
def test_not_convex_refuted(name: str, f: sp.Expr, var: sp.Symbol) -> None:
    verdict = prove(Claim(name, Convex(f, (var,))), budget=BUDGET)
    assert verdict.status == "refuted"
    pt = {str(k): v for k, v in verdict.counterexample.items()}
    u, w = (mpmath.mpf(sp.Rational(pt[f"{var}_{t}"])) for t in (1, 2))
    fn = sp.lambdify(var, f, "mpmath")
    with mpmath.workdps(40):
        assert fn((u + w) / 2) > (fn(u) + fn(w)) / 2


def test_tactics_decline_where_they_must() -> None:
    assert solve(Goal(PSD(sp.Matrix([[h11, h12], [h12, h22]])), (h11 > 0, h22 > 0))) is None
    assert solve(Goal(Convex(sp.Abs(x), (x,)))) is None  # not smooth: not this tactic's
    xn = sp.Symbol("x", real=True, nonzero=True)
    assert solve(Goal(Convex(1 / xn ** 2, (xn,)))) is None  # domain not an interval
