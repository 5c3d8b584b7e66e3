"""Exercise 5: RealSoftMax(a, b) = log(e^a + e^b), its gap to max, λ-scaling, softmin, n args."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Derivation, Eq, Ge, Gt, Le, Lt
from proofs.hints import Squeeze

from .notation import a, b, d, j, k, lam, m, n, rsm, total, x

SRC = "d2l-4.1.5/ex5.{}".format
mu = sp.Symbol("mu", negative=True)
nu = sp.Symbol("nu", real=True, nonzero=True)
mx, mn = sp.Max(a, b), sp.Min(a, b)

realsoftmax_exceeds_max = Claim(
    "realsoftmax_exceeds_max", Gt(rsm(a, b), mx), source=SRC(1),
    title="RealSoftMax(a, b) > max(a, b)")

realsoftmax_factor_max = Derivation.chain(
    "realsoftmax_factor_max", rsm(a, b),
    (a + sp.log(1 + sp.exp(b - a)), "factor e^a out of the sum (a is the max)"),
    (">", a, "1 + e^{b-a} > 1, so its log is positive"),
    given=(Ge(a, b),), source=SRC(1), title="with a >= b")

rsm_gap_b0_eq_log1p_exp_neg = Claim(
    "rsm_gap_b0_eq_log1p_exp_neg", Eq(rsm(a, 0) - a, sp.log(1 + sp.exp(-a))),
    source=SRC(2), title="with b = 0 the gap is d(a) = log(1 + e^{-a})")

rsm_gap_b0_decreasing = Claim(
    "rsm_gap_b0_decreasing", Lt(sp.Derivative(sp.log(1 + sp.exp(-a)), a), 0),
    source=SRC(2), title="d is strictly decreasing")

rsm_gap_le_log2 = Claim(
    "rsm_gap_le_log2", Le(rsm(a, b) - mx, sp.log(2)), source=SRC(2),
    title="the gap is at most log 2")

rsm_gap_eq_log2_at_tie = Claim(
    "rsm_gap_eq_log2_at_tie", Eq(rsm(a, a) - a, sp.log(2)), source=SRC(2),
    title="the gap log 2 is reached at a = b")

rsm_gap_b0_tends_to_0 = Claim(
    "rsm_gap_b0_tends_to_0",
    Eq(sp.Limit(sp.log(1 + sp.exp(-a)), a, sp.oo), 0), source=SRC(2),
    title="the gap tends to 0 as a -> ∞, but is never 0")

scaled_realsoftmax_exceeds_max = Claim(
    "scaled_realsoftmax_exceeds_max", Gt(rsm(lam * a, lam * b) / lam, mx), source=SRC(3),
    title="λ^{-1} RealSoftMax(λa, λb) > max(a, b) for λ > 0")

scaled_realsoftmax_negative_lambda_below_min = Claim(
    "scaled_realsoftmax_negative_lambda_below_min",
    Lt(rsm(mu * a, mu * b) / mu, mn), source=SRC(3),
    title="for λ < 0 the value is below min(a, b)")

scaled_realsoftmax_exceeds_max_any_lambda = Claim(
    "scaled_realsoftmax_exceeds_max_any_lambda",
    Gt(rsm(nu * a, nu * b) / nu, mx), source=SRC(3), expect="refuted",
    title="mistake: the bound for every λ ≠ 0 (the sign of λ matters)")

scaled_realsoftmax_le_max_plus_log2_over_lambda = Claim(
    "scaled_realsoftmax_le_max_plus_log2_over_lambda",
    Le(rsm(lam * a, lam * b) / lam, mx + sp.log(2) / lam), source=SRC(4),
    title="the upper half of the squeeze")

scaled_realsoftmax_tends_to_max = Claim(
    "scaled_realsoftmax_tends_to_max",
    Eq(sp.Limit(rsm(lam * a, lam * b) / lam, lam, sp.oo), mx),
    source=SRC(4), hints=(Squeeze(mx, mx + sp.log(2) / lam),),
    title="λ^{-1} RealSoftMax(λa, λb) -> max(a, b) for all real a, b")

realsoftmin_below_min = Claim(
    "realsoftmin_below_min", Lt(-rsm(-a, -b), mn), source=SRC(5),
    title="RealSoftMin(a, b) = -log(e^{-a} + e^{-b}) < min(a, b)")

realsoftmin_ge_min_minus_log2 = Claim(
    "realsoftmin_ge_min_minus_log2", Ge(-rsm(-a, -b), mn - sp.log(2)), source=SRC(5),
    title="RealSoftMin(a, b) >= min(a, b) - log 2")

scaled_realsoftmin_tends_to_min = Claim(
    "scaled_realsoftmin_tends_to_min",
    Eq(sp.Limit(-rsm(-lam * a, -lam * b) / lam, lam, sp.oo), mn),
    source=SRC(5), hints=(Squeeze(mn - sp.log(2) / lam, mn),),
    title="-λ^{-1} log(e^{-λa} + e^{-λb}) -> min(a, b)")

lse_exceeds_each_entry = Claim(
    "lse_exceeds_each_entry", Gt(sp.log(total(sp.exp(x[k]))), x[j]),
    given=(Le(j, n), Ge(n, 2)), source=SRC(6),
    title="LSE(x) > x_j for every j, so LSE(x) > max x (n >= 2; for n = 1, LSE(x) = x_1)")

lse_le_bound_plus_log_n = Claim(
    "lse_le_bound_plus_log_n", Le(sp.log(total(sp.exp(m - d[k]))), m + sp.log(n)),
    source=SRC(6), title="if every x_k = m - d_k <= m then LSE(x) <= m + log n")

lse_of_equal_entries_eq_max_plus_log_n = Claim(
    "lse_of_equal_entries_eq_max_plus_log_n",
    Eq(sp.log(total(sp.exp(m))), m + sp.log(n)), source=SRC(6),
    title="equality when all entries are equal")

scaled_lse = sp.log(sp.exp(lam * m) + total(sp.exp(lam * (m - d[k])))) / lam

scaled_lse_tends_to_max = Claim(
    "scaled_lse_tends_to_max",
    Eq(sp.Limit(scaled_lse, lam, sp.oo), m), source=SRC(6),
    hints=(Squeeze(m, m + sp.log(n + 1) / lam),),
    title="λ^{-1} LSE(λx) -> max x (max m, the others m - d_k)")

CLAIMS_5 = {
    "5.1": (realsoftmax_exceeds_max,),
    "5.2": (rsm_gap_b0_eq_log1p_exp_neg, rsm_gap_b0_decreasing, rsm_gap_le_log2,
            rsm_gap_eq_log2_at_tie, rsm_gap_b0_tends_to_0),
    "5.3": (scaled_realsoftmax_exceeds_max, scaled_realsoftmax_negative_lambda_below_min,
            scaled_realsoftmax_exceeds_max_any_lambda),
    "5.4": (scaled_realsoftmax_le_max_plus_log2_over_lambda, scaled_realsoftmax_tends_to_max),
    "5.5": (realsoftmin_below_min, realsoftmin_ge_min_minus_log2,
            scaled_realsoftmin_tends_to_min),
    "5.6": (lse_exceeds_each_entry, lse_le_bound_plus_log_n,
            lse_of_equal_entries_eq_max_plus_log_n, scaled_lse_tends_to_max),
}
