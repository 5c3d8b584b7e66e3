"""Claims in n dimensions for symbolic n: proved by the indexed-sum tactics, false variants
refuted with counterexamples that are re-evaluated here with mpmath."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from proofs import Claim, prove
from proofs.search import Goal, solve
from proofs.tactics.indexed import FALLBACK_METHOD

BUDGET = 20

n = sp.Symbol("n", integer=True, positive=True)
i, j, k, m = sp.symbols("i j k m", integer=True)
o = sp.IndexedBase("o", real=True)
x = sp.IndexedBase("x", real=True)
y = sp.IndexedBase("y", real=True)
f = sp.IndexedBase("f", real=True)
v = sp.IndexedBase("v", real=True)
p = sp.IndexedBase("p", nonnegative=True)   # p_i >= 0 for every i
d = sp.IndexedBase("d", nonnegative=True)   # gaps to the maximum, d_i >= 0 for every i
b = sp.Symbol("b", real=True)
C = sp.Symbol("C", positive=True)
mx = sp.Symbol("m", real=True)

Z = sp.Sum(sp.exp(o[k]), (k, 1, n))


def softmax(t: sp.Expr) -> sp.Expr:
    return sp.exp(o[t]) / Z


RANGE_IJ = (1 <= i, i <= n, 1 <= j, j <= n)
Y_SUM = sp.Eq(sp.Sum(y[k], (k, 1, n)), 1)
P_SUM = sp.Eq(sp.Sum(p[i], (i, 1, n)), 1)
LOSS = -sp.Sum(y[k] * sp.log(sp.exp(o[k]) / sp.Sum(sp.exp(o[m]), (m, 1, n))), (k, 1, n))
VBAR = sp.Sum(p[k] * v[k], (k, 1, n))
LSE_GAPS = sp.log(sp.Sum(sp.exp(mx - d[i]), (i, 1, n)))  # a_i = m - d_i, d_k = 0
KD = sp.KroneckerDelta
HESSIAN_FORM = sp.Sum(v[i] * v[j] * p[i] * (KD(i, j) - p[j]), (i, 1, n), (j, 1, n))  # v^T H v
VARIANCE = sp.Sum(p[i] * (v[i] - VBAR) ** 2, (i, 1, n))


# ---------------------------------------------------------------------------------------
# mpmath references, written independently of the engine
def _vec(point: dict, base: sp.IndexedBase, size: int) -> list:
    return [mpmath.mpf(sp.Rational(point.get(base[t], 0))) for t in range(1, size + 1)]


def _softmax(os: list) -> list:
    z = mpmath.fsum(mpmath.exp(t) for t in os)
    return [mpmath.exp(t) / z for t in os]


def _jacobian_numeric(os: list, a: int, c: int) -> mpmath.mpf:
    """∂p_a/∂o_c by a central difference at 40 digits."""
    def pa(t):
        shifted = list(os)
        shifted[c - 1] += t
        return _softmax(shifted)[a - 1]
    return mpmath.diff(pa, 0)


def _int(point: dict, s: sp.Symbol) -> int:
    return int(point[s])


# ---------------------------------------------------------------------------------------
PROVED = [
    (Claim("softmax-jacobian", sp.Eq(sp.diff(softmax(i), o[j]),
                                     softmax(i) * (sp.KroneckerDelta(i, j) - softmax(j))),
           given=RANGE_IJ), r"\delta_{kj}"),
    (Claim("lse-add-const", sp.Eq(sp.log(sp.Sum(sp.exp(x[i] + b), (i, 1, n))),
                                  sp.log(sp.Sum(sp.exp(x[i]), (i, 1, n))) + b)), "symbolic n"),
    (Claim("softmax-shift-invariant",
           sp.Eq(sp.exp(x[i] + b) / sp.Sum(sp.exp(x[k] + b), (k, 1, n)),
                 sp.exp(x[i]) / sp.Sum(sp.exp(x[k]), (k, 1, n))),
           given=(1 <= i, i <= n)), "symbolic n"),
    (Claim("softmax-times-C",
           sp.Eq(C * sp.exp(f[i]) / (C * sp.Sum(sp.exp(f[j]), (j, 1, n))),
                 sp.exp(f[i] + sp.log(C)) / sp.Sum(sp.exp(f[j] + sp.log(C)), (j, 1, n))),
           given=(1 <= i, i <= n)), "symbolic n"),
    (Claim("cross-entropy-as-lse", sp.Eq(LOSS, sp.log(Z) - sp.Sum(y[k] * o[k], (k, 1, n))),
           given=(Y_SUM,)), "using"),
    (Claim("cross-entropy-gradient", sp.Eq(sp.diff(LOSS, o[j]), softmax(j) - y[j]),
           given=(Y_SUM, 1 <= j, j <= n)), r"\delta_{kj}"),
    (Claim("cross-entropy-hessian",
           sp.Eq(sp.diff(LOSS, o[j], o[i]),
                 softmax(i) * (sp.KroneckerDelta(i, j) - softmax(j))),
           given=(Y_SUM,) + RANGE_IJ), r"\delta_{kj}"),
    (Claim("quadratic-form-is-variance",
           sp.Eq(sp.Sum(p[i] * v[i] ** 2, (i, 1, n)) - VBAR ** 2,
                 sp.Sum(p[i] * (v[i] - VBAR) ** 2, (i, 1, n))), given=(P_SUM,)), "using"),
    (Claim("quadratic-form-nonnegative",
           sp.Sum(p[i] * v[i] ** 2, (i, 1, n)) - VBAR ** 2 >= 0, given=(P_SUM,)),
     "variance"),
    (Claim("bt-own-score-derivative", sp.Eq(sp.diff(softmax(i), o[i]),
                                           softmax(i) * (1 - softmax(i))),
           given=(1 <= i, i <= n)), "symbolic n"),
    (Claim("bt-own-score-increases", sp.diff(softmax(i), o[i]) > 0,
           given=(1 <= i, i <= n, n >= 2)), "split off one term"),
    (Claim("bt-other-score-derivative", sp.Eq(sp.diff(softmax(j), o[i]),
                                             -softmax(i) * softmax(j)),
           given=RANGE_IJ + (sp.Ne(i, j),)), "symbolic n"),
    (Claim("bt-larger-score-more-likely", softmax(i) > softmax(j),
           given=RANGE_IJ + (o[i] > o[j],)), "sign of the difference"),
    (Claim("lse-exceeds-max", mx < LSE_GAPS,
           given=(sp.Eq(d[k], 0), 1 <= k, k <= n, n >= 2)), "split off one term"),
    (Claim("lse-at-most-max-plus-log-n", LSE_GAPS <= mx + sp.log(n),
           given=(sp.Eq(d[k], 0), 1 <= k, k <= n)), "bounded"),
    (Claim("hessian-form-is-variance", sp.Eq(HESSIAN_FORM, VARIANCE), given=(P_SUM,)),
     r"\delta_{st}"),
    (Claim("hessian-form-vanishes-on-ones",
           sp.Eq(sp.Sum(p[i] * (KD(i, j) - p[j]), (i, 1, n), (j, 1, n)), 0),
           given=(P_SUM,)), r"(\sum_s a_s)(\sum_t b_t)"),
    (Claim("nested-delta-sum", sp.Eq(
        sp.Sum(v[j] * sp.Sum(p[i] * v[i] * KD(i, j), (i, 1, n)), (j, 1, n)),
        sp.Sum(p[k] * v[k] ** 2, (k, 1, n)))), r"\delta_{st}"),
    (Claim("product-of-independent-sums",
           sp.Eq(sp.Sum(p[i] * v[j], (i, 1, n), (j, 1, n)), sp.Sum(v[k], (k, 1, n))),
           given=(P_SUM,)), r"(\sum_s a_s)(\sum_t b_t)"),
    (Claim("delta-inner-range-wider", sp.Eq(sp.Sum(KD(i, j), (i, 1, n + 1), (j, 1, n)), n)),
     r"\delta_{st}"),
]


@pytest.mark.parametrize("claim,word", PROVED, ids=[c.name for c, _ in PROVED])
def test_tactics_prove_for_symbolic_n(claim: Claim, word: str) -> None:
    """The proof search alone (the tactics take well under a second)."""
    proof = solve(Goal(claim.statement, claim.given))
    assert proof is not None
    assert "symbolic n" in proof.method and word in (proof.method + " ".join(
        s.text() for s in proof.steps))
    assert FALLBACK_METHOD not in proof.method  # not the n <= 8 fallback


# The whole `prove` adds the engine's counterexample search and the cross-check on
# expanded instances n = 1..5 (about 0.1-2 s per claim on an idle 2-core machine).
@pytest.mark.parametrize("claim", [c for c, _ in PROVED], ids=[c.name for c, _ in PROVED])
def test_prove_cross_checks_symbolic_n(claim: Claim) -> None:
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "proved", verdict.summary()
    assert "symbolic n" in verdict.method
    assert verdict.checks >= 3  # the numeric cross-check ran on expanded instances


def test_other_score_decreases_symbolically() -> None:
    """∂p_j/∂o_i = -p_i p_j < 0 (i ≠ j): the tactic proves it for symbolic n."""
    claim = Claim("bt-other-score-decreases", sp.diff(softmax(j), o[i]) < 0,
                  given=RANGE_IJ + (sp.Ne(i, j),))
    proof = solve(Goal(claim.statement, claim.given))
    assert proof is not None and "sign of the difference" in proof.method
    assert prove(claim, budget=BUDGET).status != "refuted"


def test_other_score_decreases_cross_checked() -> None:
    claim = Claim("bt-other-score-decreases", sp.diff(softmax(j), o[i]) < 0,
                  given=RANGE_IJ + (sp.Ne(i, j),))
    assert prove(claim, budget=BUDGET).status == "proved"


def test_jacobian_steps_collapse_the_delta_sum() -> None:
    claim = PROVED[0][0]
    first = solve(Goal(claim.statement, claim.given)).steps[0]
    assert first.lhs.has(sp.Sum) and first.lhs.has(sp.KroneckerDelta)
    assert not first.rhs.has(sp.KroneckerDelta) or not any(
        s.has(sp.KroneckerDelta) for s in first.rhs.atoms(sp.Sum))


def test_hessian_form_steps_read_like_the_mathematics() -> None:
    """v^T H v = Σ p_k v_k² − (Σ p_k v_k)² = Σ p_k (v_k − v̄)²: two steps, the middle
    expression a single-index expression with no delta left."""
    claim = next(c for c, _ in PROVED if c.name == "hessian-form-is-variance")
    steps = solve(Goal(claim.statement, claim.given)).steps
    assert len(steps) == 2
    middle = steps[0].rhs
    assert steps[0].lhs == HESSIAN_FORM and steps[1].lhs == middle and steps[1].rhs == VARIANCE
    assert not middle.has(KD)
    assert all(len(s.limits) == 1 and not s.function.has(sp.Sum) for s in middle.atoms(sp.Sum))
    assert len(middle.atoms(sp.Sum)) == 2  # Σ p_k v_k² and Σ p_k v_k
    assert r"\delta_{st}" in steps[0].why and "using" not in steps[0].why
    assert "square" in steps[1].why and "using" in steps[1].why


def test_fallback_for_small_n_is_not_a_proof() -> None:
    """Reversing the order of summation is out of the normal form's reach: the fallback
    proves each n = 1..8, which is data on the verdict (scope) and never "proved"."""
    claim = Claim("sum-reversed", sp.Eq(sp.Sum(x[n + 1 - i], (i, 1, n)),
                                        sp.Sum(x[i], (i, 1, n))))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "undecided"
    assert verdict.scope.only == "n = 1..8" and not verdict.scope.complete
    assert verdict.reason.startswith("checked for n = 1..8 only")
    assert "checked for n ≤ 8 (not for all n)" in verdict.method


# ---------------------------------------------------------------------------------------
# false variants
def test_jacobian_without_delta_refuted() -> None:
    claim = Claim("softmax-jacobian-no-delta",
                  sp.Eq(sp.diff(softmax(i), o[j]), -softmax(i) * softmax(j)), given=RANGE_IJ)
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    size, a, c = _int(pt, n), _int(pt, i), _int(pt, j)
    os = _vec(pt, o, size)
    ps = _softmax(os)
    with mpmath.workdps(40):
        true_value = _jacobian_numeric(os, a, c)
        assert abs(true_value - (-ps[a - 1] * ps[c - 1])) > mpmath.mpf(10) ** -10


def _double(pt: dict, rows: int, cols: int, term) -> mpmath.mpf:
    return mpmath.fsum(term(a, c) for a in range(1, rows + 1) for c in range(1, cols + 1))


def test_delta_over_different_ranges_not_collapsed() -> None:
    """Σ_{j=1}^{n+1} Σ_{i=1}^{n} p_i (δ_ij − p_j) = −p_{n+1}: the delta must not collapse
    the sum over j, whose range is wider than that of i."""
    claim = Claim("hessian-form-wider-range",
                  sp.Eq(sp.Sum(p[i] * (KD(i, j) - p[j]), (i, 1, n), (j, 1, n + 1)), 0),
                  given=(P_SUM,))
    assert solve(Goal(claim.statement, claim.given)) is None
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    size = _int(pt, n)
    ps = _vec(pt, p, size + 1)
    assert abs(mpmath.fsum(ps[:size]) - 1) < mpmath.mpf(10) ** -30  # the assumption holds
    value = _double(pt, size, size + 1,
                    lambda a, c: ps[a - 1] * ((1 if a == c else 0) - ps[c - 1]))
    assert abs(value) > mpmath.mpf(10) ** -10


def test_delta_count_off_by_one_refuted() -> None:
    claim = Claim("delta-count-wrong", sp.Eq(sp.Sum(KD(i, j), (i, 1, n), (j, 1, n + 1)), n + 1))
    assert solve(Goal(claim.statement, claim.given)) is None
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    size = _int(verdict.counterexample, n)
    assert _double({}, size, size + 1, lambda a, c: 1 if a == c else 0) != size + 1


def test_jacobian_formula_agrees_with_finite_differences() -> None:
    """Independent check of the proved Jacobian at a fixed point."""
    os = [mpmath.mpf(t) for t in ("0.3", "-1.2", "2.0", "0.7")]
    ps = _softmax(os)
    with mpmath.workdps(40):
        for a in range(1, 5):
            for c in range(1, 5):
                want = ps[a - 1] * ((1 if a == c else 0) - ps[c - 1])
                assert abs(_jacobian_numeric(os, a, c) - want) < mpmath.mpf(10) ** -12


def test_lse_shift_as_printed_refuted() -> None:
    claim = Claim("lse-shift-invariant-as-printed",
                  sp.Eq(sp.log(sp.Sum(sp.exp(x[i] + b), (i, 1, n))),
                        sp.log(sp.Sum(sp.exp(x[i]), (i, 1, n)))))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    xs = _vec(pt, x, _int(pt, n))
    bb = mpmath.mpf(sp.Rational(pt[b]))
    lhs = mpmath.log(mpmath.fsum(mpmath.exp(t + bb) for t in xs))
    rhs = mpmath.log(mpmath.fsum(mpmath.exp(t) for t in xs))
    assert abs(lhs - rhs) > mpmath.mpf(10) ** -10


def test_gradient_with_wrong_sign_refuted() -> None:
    claim = Claim("cross-entropy-gradient-flipped", sp.Eq(sp.diff(LOSS, o[j]), y[j] - softmax(j)),
                  given=(Y_SUM, 1 <= j, j <= n))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    size, c = _int(pt, n), _int(pt, j)
    ys, ps = _vec(pt, y, size), _softmax(_vec(pt, o, size))
    assert abs(mpmath.fsum(ys) - 1) < mpmath.mpf(10) ** -30  # the assumption holds
    assert abs((ps[c - 1] - ys[c - 1]) - (ys[c - 1] - ps[c - 1])) > mpmath.mpf(10) ** -10


def test_gradient_without_sum_one_not_proved() -> None:
    claim = Claim("cross-entropy-gradient-no-sum", sp.Eq(sp.diff(LOSS, o[j]), softmax(j) - y[j]),
                  given=(1 <= j, j <= n))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    size, c = _int(pt, n), _int(pt, j)
    ys, ps = _vec(pt, y, size), _softmax(_vec(pt, o, size))
    # the true gradient is p_j Σ y - y_j
    true = ps[c - 1] * mpmath.fsum(ys) - ys[c - 1]
    assert abs(true - (ps[c - 1] - ys[c - 1])) > mpmath.mpf(10) ** -10


def test_variance_with_one_nonnegative_weight_not_proved() -> None:
    """`p[i] >= 0` with a free i speaks of one index only: the form can be negative."""
    q = sp.IndexedBase("q", real=True)
    qbar = sp.Sum(q[k] * v[k], (k, 1, n))
    claim = Claim("variance-one-weight", sp.Sum(q[k] * v[k] ** 2, (k, 1, n)) - qbar ** 2 >= 0,
                  given=(sp.Eq(sp.Sum(q[k], (k, 1, n)), 1), q[i] >= 0, 1 <= i, i <= n))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status != "proved"
    if verdict.status == "refuted":
        pt = verdict.counterexample
        size = _int(pt, n)
        qs, vs = _vec(pt, q, size), _vec(pt, v, size)
        form = mpmath.fsum(a * t ** 2 for a, t in zip(qs, vs, strict=True)) - mpmath.fsum(
            a * t for a, t in zip(qs, vs, strict=True)) ** 2
        assert form < 0


def test_own_score_derivative_positive_needs_two_items() -> None:
    claim = Claim("bt-own-score-increases-n1", sp.diff(softmax(i), o[i]) > 0,
                  given=(1 <= i, i <= n))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    ps = _softmax(_vec(pt, o, _int(pt, n)))
    a = _int(pt, i)
    assert ps[a - 1] * (1 - ps[a - 1]) <= 0  # n = 1: p = 1, derivative 0


def test_larger_score_reversed_refuted() -> None:
    claim = Claim("bt-larger-score-less-likely", softmax(i) < softmax(j),
                  given=RANGE_IJ + (o[i] > o[j],))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    ps = _softmax(_vec(pt, o, _int(pt, n)))
    assert ps[_int(pt, i) - 1] > ps[_int(pt, j) - 1]


def test_lse_strictly_above_max_needs_two_items() -> None:
    claim = Claim("lse-exceeds-max-n1", mx < LSE_GAPS,
                  given=(sp.Eq(d[k], 0), 1 <= k, k <= n))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    ds = _vec(pt, d, _int(pt, n))
    mm = mpmath.mpf(sp.Rational(pt[mx]))
    assert mpmath.log(mpmath.fsum(mpmath.exp(mm - t) for t in ds)) <= mm


def test_lse_upper_bound_strict_refuted() -> None:
    claim = Claim("lse-below-max-plus-log-n", LSE_GAPS < mx + sp.log(n),
                  given=(sp.Eq(d[k], 0), 1 <= k, k <= n))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    size = _int(pt, n)
    ds = _vec(pt, d, size)
    mm = mpmath.mpf(sp.Rational(pt[mx]))
    lse = mpmath.log(mpmath.fsum(mpmath.exp(mm - t) for t in ds))
    assert lse >= mm + mpmath.log(size) - mpmath.mpf(10) ** -30


def test_lse_upper_bound_by_max_alone_not_proved() -> None:
    claim = Claim("lse-at-most-max", LSE_GAPS <= mx, given=(sp.Eq(d[k], 0), 1 <= k, k <= n))
    verdict = prove(claim, budget=BUDGET)
    assert verdict.status == "refuted"
    pt = verdict.counterexample
    ds = _vec(pt, d, _int(pt, n))
    mm = mpmath.mpf(sp.Rational(pt[mx]))
    assert mpmath.log(mpmath.fsum(mpmath.exp(mm - t) for t in ds)) > mm
