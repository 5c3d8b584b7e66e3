"""Exercise 6: the log-partition function g(x) = LSE(x): convexity, shifts, float64."""

from __future__ import annotations

import sympy as sp

from proofs import PSD, Claim, Convex, Eq, Ge, Gt, Le, Lt
from proofs.float64 import Float64

from .notation import a, b, i, j, k, lse, m, n, p, s, softmax, t, total, v, x

SRC = "d2l-4.1.5/ex6.{}".format
KD = sp.KroneckerDelta
R = sp.Rational
probs_sum_to_1 = Eq(total(p[t], t), 1)
form = sp.Sum(v[s] * v[t] * p[s] * (KD(s, t) - p[t]), (s, 1, n), (t, 1, n))
vbar = total(p[t] * v[t], t)

lse_gradient_eq_softmax = Claim(
    "lse_gradient_eq_softmax", Eq(sp.Derivative(lse(x), x[i]), softmax(x, i)),
    given=(Le(i, n),), source=SRC(1), title="∇g = softmax(x)")

lse_hessian_eq_diag_minus_outer = Claim(
    "lse_hessian_eq_diag_minus_outer",
    Eq(sp.Derivative(lse(x), x[i], x[j]), softmax(x, i) * (KD(i, j) - softmax(x, j))),
    given=(Le(i, n), Le(j, n)), source=SRC(1), title="∇²g = diag(p) - p p^T")

lse_hessian_form_eq_variance = Claim(
    "lse_hessian_form_eq_variance",
    Eq(form, total(p[s] * (v[s] - vbar) ** 2, s)), given=(probs_sum_to_1,),
    source=SRC(1), title="v^T ∇²g v = Σ_i p_i (v_i - v̄)², a variance")

lse_hessian_form_nonnegative = Claim(
    "lse_hessian_form_nonnegative",
    Ge(total(p[s] * (v[s] - vbar) ** 2, s), 0),
    given=(probs_sum_to_1,), source=SRC(1), title="so the Hessian is PSD and g is convex")

lse_hessian_form_vanishes_on_ones = Claim(
    "lse_hessian_form_vanishes_on_ones",
    Eq(sp.Sum(p[s] * (KD(s, t) - p[t]), (s, 1, n), (t, 1, n)), 0),
    given=(probs_sum_to_1,), source=SRC(1), title="the form is 0 at v = 1: not strictly convex")

x1, x2, x3 = sp.symbols("x1 x2 x3", real=True)
_z = sp.exp(x1) + sp.exp(x2) + sp.exp(x3)
_p3 = sp.Matrix([sp.exp(x1) / _z, sp.exp(x2) / _z, sp.exp(x3) / _z])
lse_hessian_psd_n3 = Claim(
    "lse_hessian_psd_n3", PSD(sp.diag(*_p3) - _p3 * _p3.T), source=SRC(1),
    title="diag(p) - p p^T is PSD (n = 3, explicit)")

lse_convex_two_args = Claim(
    "lse_convex_two_args", Convex(sp.log(sp.exp(a) + sp.exp(b)), (a, b)), source=SRC(1),
    title="log(e^a + e^b) is convex")

h11, h22 = sp.symbols("h11 h22", positive=True)
h12 = sp.Symbol("h12", real=True)
positive_diagonal_implies_psd = Claim(
    "positive_diagonal_implies_psd", PSD(sp.Matrix([[h11, h12], [h12, h22]])),
    source=SRC(1), expect="refuted",
    title="mistake: positive diagonal second derivatives imply convexity")

logsumexp_add_const = Claim(
    "logsumexp_add_const",
    Eq(sp.log(total(sp.exp(x[k] + b))), lse(x) + b), source=SRC(2),
    title="g(x + b·1) = g(x) + b")

logsumexp_shift_invariant = Claim(
    "logsumexp_shift_invariant", Eq(sp.log(total(sp.exp(x[k] + b))), lse(x)),
    source=SRC(2), expect="refuted", title="mistake (the book's print): g(x + b) = g(x)")

softmax_shift_invariant = Claim(
    "softmax_shift_invariant",
    Eq(sp.exp(x[i] + b) / total(sp.exp(x[k] + b)), softmax(x, i)),
    given=(Le(i, n),), source=SRC(2), title="softmax(x + b·1) = softmax(x)")

DBL_MAX = sp.Integer(2) ** 1024 - sp.Integer(2) ** 971
log_dbl_max_near_709_78 = Claim(
    "log_dbl_max_near_709_78",
    sp.And(Gt(sp.log(DBL_MAX), R(70978, 100)),
           Lt(sp.log(DBL_MAX), R(70979, 100))),
    source=SRC(3), title="709.78 < ln(DBL_MAX) < 709.79")

log_half_min_subnormal_near_745_13 = Claim(
    "log_half_min_subnormal_near_745_13",
    sp.And(Lt(sp.log(sp.Integer(2) ** -1075), R(-74513, 100)),
           Gt(sp.log(sp.Integer(2) ** -1075), R(-74514, 100))),
    source=SRC(3), title="-745.14 < ln(2^-1075) < -745.13 (half the smallest subnormal)")

float64_exp_finite_at_709_78 = Claim(
    "float64_exp_finite_at_709_78", Float64("exp", (709.78,), "finite"), source=SRC(3),
    title="float64 exp(709.78) is finite")
float64_exp_overflows_at_709_79 = Claim(
    "float64_exp_overflows_at_709_79", Float64("exp", (709.79,), "inf"), source=SRC(3),
    title="float64 exp(709.79) overflows to inf")
float32_exp_overflows_at_88_73 = Claim(
    "float32_exp_overflows_at_88_73", Float64("exp_float32", (88.73,), "inf"),
    source=SRC(3), title="in float32 the threshold is ≈ 88.72")
float64_exp_subnormal_at_neg_745_13 = Claim(
    "float64_exp_subnormal_at_neg_745_13", Float64("exp", (-745.13,), "subnormal"),
    source=SRC(3), title="float64 exp(-745.13) is the smallest subnormal")
float64_exp_underflows_at_neg_745_14 = Claim(
    "float64_exp_underflows_at_neg_745_14", Float64("exp", (-745.14,), 0), source=SRC(3),
    title="float64 exp(-745.14) underflows to 0")
float64_naive_softmax_nan_on_overflow = Claim(
    "float64_naive_softmax_nan_on_overflow",
    Float64("naive_softmax", (1000, 1000), ("nan", "nan")), source=SRC(3),
    title="naive softmax(1000, 1000) is (nan, nan): inf/inf")
float64_naive_softmax_nan_on_underflow = Claim(
    "float64_naive_softmax_nan_on_underflow",
    Float64("naive_softmax", (-1000, -1001), ("nan", "nan")), source=SRC(3),
    title="naive softmax(-1000, -1001) is (nan, nan): 0/0")
float64_exp_very_negative_near_one = Claim(
    "float64_exp_very_negative_near_one", Float64("exp", (-1000,), 1), source=SRC(3),
    expect="refuted", title="mistake (a published answer): the terms become close to 1")

logsumexp_sub_max = Claim(
    "logsumexp_sub_max", Eq(lse(x), m + sp.log(total(sp.exp(x[k] - m)))), source=SRC(4),
    title="g(x) = m + log Σ e^{x_i - m} for any m, in particular m = max x")
d = sp.IndexedBase("d", nonnegative=True)
stable_sum_at_least_1 = Claim(
    "stable_sum_at_least_1", Ge(1 + total(sp.exp(-d[k])), 1),
    source=SRC(4),
    title="the largest term is e^0 = 1, so the sum is >= 1 (no log 0)")
stable_sum_at_most_count = Claim(
    "stable_sum_at_most_count", Le(1 + total(sp.exp(-d[k])), n + 1), source=SRC(4),
    title="every exponent is <= 0, so the sum is at most the number of terms (no overflow)")
lse_225_617_950 = Claim(
    "lse_225_617_950",
    Eq(sp.log(sp.exp(225) + sp.exp(617) + sp.exp(950)),
          950 + sp.log(1 + sp.exp(-333) + sp.exp(-725))),
    source=SRC(4), title="LSE(225, 617, 950) = 950 + log(1 + e^{-333} + e^{-725})")
float64_naive_lse_225_617_950_overflows = Claim(
    "float64_naive_lse_225_617_950_overflows", Float64("naive_lse", (225, 617, 950), "inf"),
    source=SRC(4), title="naive float64: inf")
float64_stable_lse_225_617_950 = Claim(
    "float64_stable_lse_225_617_950",
    Float64("stable_lse", (225, 617, 950), 950 + sp.log(1 + sp.exp(-333) + sp.exp(-725))),
    source=SRC(4), title="stable float64: 950.0, the exact value to the last bit")
float64_naive_lse_neg1000_neg1001_underflows = Claim(
    "float64_naive_lse_neg1000_neg1001_underflows",
    Float64("naive_lse", (-1000, -1001), "-inf"), source=SRC(4),
    title="naive float64: log 0 = -inf")
float64_stable_lse_neg1000_neg1001 = Claim(
    "float64_stable_lse_neg1000_neg1001",
    Float64("stable_lse", (-1000, -1001), -1000 + sp.log(1 + sp.exp(-1))), source=SRC(4),
    title="stable float64: -1000 + log(1 + e^{-1}) ≈ -999.6867")

CLAIMS_6 = {
    "6.1": (lse_gradient_eq_softmax, lse_hessian_eq_diag_minus_outer,
            lse_hessian_form_eq_variance, lse_hessian_form_nonnegative,
            lse_hessian_form_vanishes_on_ones, lse_hessian_psd_n3, lse_convex_two_args,
            positive_diagonal_implies_psd),
    "6.2": (logsumexp_add_const, logsumexp_shift_invariant, softmax_shift_invariant),
    "6.3": (log_dbl_max_near_709_78, log_half_min_subnormal_near_745_13,
            float64_exp_finite_at_709_78, float64_exp_overflows_at_709_79,
            float32_exp_overflows_at_88_73, float64_exp_subnormal_at_neg_745_13,
            float64_exp_underflows_at_neg_745_14, float64_naive_softmax_nan_on_overflow,
            float64_naive_softmax_nan_on_underflow, float64_exp_very_negative_near_one),
    "6.4": (logsumexp_sub_max, stable_sum_at_least_1, stable_sum_at_most_count,
            lse_225_617_950, float64_naive_lse_225_617_950_overflows,
            float64_stable_lse_225_617_950, float64_naive_lse_neg1000_neg1001_underflows,
            float64_stable_lse_neg1000_neg1001),
}
