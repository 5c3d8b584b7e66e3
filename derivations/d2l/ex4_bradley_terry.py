"""Exercise 4: Bradley–Terry preferences and a third "neither" option."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Eq, Ge, Gt, Le, Lt, Ne

from .notation import a, b, c, i, j, n, o, softmax

SRC1, SRC2 = "d2l-4.1.5/ex4.1", "d2l-4.1.5/ex4.2"
ea, eb, ec = sp.exp(a), sp.exp(b), sp.exp(c)

bt_two_items_eq_sigmoid = Claim(
    "bt_two_items_eq_sigmoid",
    Eq(ea / (ea + eb), 1 / (1 + sp.exp(-(a - b)))), source=SRC1,
    title="p_apple = σ(o_apple - o_orange)")

softmax_self_derivative = Claim(
    "softmax_self_derivative",
    Eq(sp.Derivative(softmax(o, i), o[i]), softmax(o, i) * (1 - softmax(o, i))),
    given=(Le(i, n),), source=SRC1, title="∂p_i/∂o_i = p_i(1 - p_i)")

softmax_self_derivative_positive = Claim(
    "softmax_self_derivative_positive",
    Gt(sp.Derivative(softmax(o, i), o[i]), 0),
    given=(Le(i, n), Ge(n, 2)), source=SRC1,
    title="a larger own score, a higher probability (n >= 2)")

softmax_cross_derivative = Claim(
    "softmax_cross_derivative",
    Eq(sp.Derivative(softmax(o, i), o[j]), -softmax(o, i) * softmax(o, j)),
    given=(Le(i, n), Le(j, n), Ne(i, j)), source=SRC1,
    title="∂p_i/∂o_j = -p_i p_j for i ≠ j")

softmax_cross_derivative_negative = Claim(
    "softmax_cross_derivative_negative",
    Lt(sp.Derivative(softmax(o, i), o[j]), 0),
    given=(Le(i, n), Le(j, n), Ne(i, j)), source=SRC1,
    title="a larger score of another item, a lower probability")

bt_larger_score_more_likely = Claim(
    "bt_larger_score_more_likely",
    Gt(softmax(o, i), softmax(o, j)),
    given=(Le(i, n), Le(j, n), Gt(o[i], o[j])), source=SRC1,
    title="o_i > o_j implies p_i > p_j")

bt_odds_eq_exp_score_gap = Claim(
    "bt_odds_eq_exp_score_gap",
    Eq(softmax(o, i) / softmax(o, j), sp.exp(o[i] - o[j])),
    given=(Le(i, n), Le(j, n)), source=SRC1, title="p_i / p_j = e^{o_i - o_j}")

iia_odds_unchanged_by_neither = Claim(
    "iia_odds_unchanged_by_neither",
    Eq(sp.Mul(ea / (ea + eb + ec), 1 / (eb / (ea + eb + ec)), evaluate=False),
          sp.Mul(ea / (ea + eb), 1 / (eb / (ea + eb)), evaluate=False)),
    source=SRC2, title="adding 'neither' leaves p_apple / p_orange unchanged")

neither_vanishing_recovers_pair = Claim(
    "neither_vanishing_recovers_pair",
    Eq(sp.Limit(ea / (ea + eb + ec), c, -sp.oo), ea / (ea + eb)),
    source=SRC2, title="as o_neither -> -∞ the two-item model returns")

CLAIMS_4_1 = (bt_two_items_eq_sigmoid, softmax_self_derivative,
              softmax_self_derivative_positive, softmax_cross_derivative,
              softmax_cross_derivative_negative, bt_larger_score_more_likely,
              bt_odds_eq_exp_score_gap)
CLAIMS_4_2 = (iia_odds_unchanged_by_neither, neither_vanishing_recovers_pair)
