"""Exercise 1: the cross-entropy of softmax, its gradient and Hessian; the one-hot covariance."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Eq, Le

from .notation import i, j, k, lse, n, o, p, s, softmax, t, total, v, y

KD = sp.KroneckerDelta
SRC1, SRC2 = "d2l-4.1.5/ex1.1", "d2l-4.1.5/ex1.2"

#: l(y, o) = -Σ_t y_t log softmax(o)_t, with Σ_t y_t = 1
xent = -total(y[t] * sp.log(softmax(o, t)), t)
labels_sum_to_1 = Eq(total(y[t], t), 1)
probs_sum_to_1 = Eq(total(p[t], t), 1)

xent_eq_lse_minus_dot = Claim(
    "xent_eq_lse_minus_dot",
    Eq(xent, lse(o) - total(y[t] * o[t], t)),
    given=(labels_sum_to_1,), source=SRC1,
    title="cross-entropy of softmax = LSE(o) - <y, o>")

xent_grad_eq_softmax_minus_y = Claim(
    "xent_grad_eq_softmax_minus_y",
    Eq(sp.Derivative(xent, o[i]), softmax(o, i) - y[i]),
    given=(labels_sum_to_1, Le(i, n)), source=SRC1,
    title="the gradient of the cross-entropy is softmax(o) - y")

xent_hessian_eq_diag_minus_outer = Claim(
    "xent_hessian_eq_diag_minus_outer",
    Eq(sp.Derivative(xent, o[i], o[j]), softmax(o, i) * (KD(i, j) - softmax(o, j))),
    given=(labels_sum_to_1, Le(i, n), Le(j, n)), source=SRC1,
    title="the Hessian is diag(p) - p p^T, whatever y is")

xent_hessian_is_diagonal = Claim(
    "xent_hessian_is_diagonal",
    Eq(sp.Derivative(xent, o[i], o[j]),
          KD(i, j) * softmax(o, i) * (1 - softmax(o, i))),
    given=(labels_sum_to_1, Le(i, n), Le(j, n)), source=SRC1, expect="refuted",
    title="mistake: only the diagonal p_j(1 - p_j), as if the off-diagonal entries were 0")

# Exercise 1.2: Y one-hot with P(Y = e_t) = p_t, so E[Y_i] = Σ_t p_t δ_it and
# E[Y_i Y_j] = Σ_t p_t δ_it δ_jt.
mean_i = total(p[t] * KD(i, t), t)
mean_j = total(p[t] * KD(j, t), t)

onehot_cov_eq_diag_minus_outer = Claim(
    "onehot_cov_eq_diag_minus_outer",
    Eq(total(p[t] * KD(i, t) * KD(j, t), t) - mean_i * mean_j, p[i] * (KD(i, j) - p[j])),
    given=(probs_sum_to_1, Le(i, n), Le(j, n)), source=SRC2,
    title="Cov(Y) = diag(p) - p p^T for the one-hot Y ~ p")

onehot_var_eq_bernoulli = Claim(
    "onehot_var_eq_bernoulli",
    Eq(total(p[t] * KD(j, t) ** 2, t) - mean_j ** 2, p[j] * (1 - p[j])),
    given=(probs_sum_to_1, Le(j, n)), source=SRC2,
    title="each diagonal entry is the Bernoulli variance p_j(1 - p_j)")

var_of_v_eq_quadratic_form = Claim(
    "var_of_v_eq_quadratic_form",
    Eq(total(p[t] * v[t] ** 2, t) - total(p[t] * v[t], t) ** 2,
          sp.Sum(v[s] * v[t] * p[s] * (KD(s, t) - p[t]), (s, 1, n), (t, 1, n))),
    given=(probs_sum_to_1,), source=SRC2,
    title="Var_{J~p}[v_J] = v^T (diag(p) - p p^T) v")

variance_eq_sq_dev_from_uniform = Claim(
    "variance_eq_sq_dev_from_uniform",
    Eq(total((p[t] - 1 / n) ** 2, t), total(p[t] * (1 - p[t]), t)),
    given=(probs_sum_to_1,), source=SRC2, expect="refuted",
    title="mistake: the variance is Σ_j (p_j - 1/n)^2")

seed_variance_formula = Claim(
    "seed_variance_formula",
    Eq(total(p[t] * (p[t] - 1 / n) ** 2, t), total(p[t] * (1 - p[t]), t)),
    given=(probs_sum_to_1,), source=SRC2, expect="refuted",
    title="mistake (the seed blog): the variance is Σ_j p_j (p_j - 1/n)^2")

CLAIMS_1_1 = (xent_eq_lse_minus_dot, xent_grad_eq_softmax_minus_y,
              xent_hessian_eq_diag_minus_outer, xent_hessian_is_diagonal)
CLAIMS_1_2 = (onehot_cov_eq_diag_minus_outer, onehot_var_eq_bernoulli,
              var_of_v_eq_quadratic_form, variance_eq_sq_dev_from_uniform,
              seed_variance_formula)
_ = k
