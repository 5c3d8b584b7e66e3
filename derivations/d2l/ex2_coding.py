"""Exercise 2: coding three equally likely classes, one at a time and n at a time."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Eq, Ge, Gt, Lt
from proofs.hints import Squeeze

SRC1, SRC2 = "d2l-4.1.5/ex2.1", "d2l-4.1.5/ex2.2"
LOG2_3 = sp.log(3) / sp.log(2)
N = sp.Symbol("N", integer=True, positive=True)   # observations coded jointly
X = sp.Symbol("x", positive=True)  # N as a real variable: the limit over reals gives the sequence's
R = sp.Rational


def ceil(e: sp.Expr) -> sp.Expr:
    """⌈e⌉, kept unevaluated so that the sheet shows it and the engine proves its value."""
    return sp.ceiling(e, evaluate=False)


def rate(count: int | sp.Expr) -> sp.Expr:
    """Bits per symbol of a fixed-length binary code for `count` joint observations."""
    return ceil(count * LOG2_3) / count


entropy_uniform3_eq_log2_3 = Claim(
    "entropy_uniform3_eq_log2_3",
    Eq(sp.Add(*[sp.Mul(-R(1, 3), sp.log(R(1, 3), evaluate=False), 1 / sp.log(2),
                       evaluate=False)] * 3, evaluate=False), LOG2_3),
    source=SRC1, title="the entropy of (1/3, 1/3, 1/3) is log2 3 bits")

fixed_code_needs_2_bits = Claim(
    "fixed_code_needs_2_bits", Eq(ceil(LOG2_3), 2), source=SRC1,
    title="a fixed-length binary code for 3 classes needs ceil(log2 3) = 2 bits")

fixed_code_wastes_over_0_4_bits = Claim(
    "fixed_code_wastes_over_0_4_bits", Gt(2 - LOG2_3, R(2, 5)),
    source=SRC1, title="2 - log2 3 ≈ 0.415 bits per symbol are lost")

prefix_code_avg_eq_5_3 = Claim(
    "prefix_code_avg_eq_5_3",
    Eq(sp.Add(*[sp.Mul(R(1, 3), length, evaluate=False) for length in (1, 2, 2)],
                 evaluate=False), R(5, 3)),
    source=SRC1, title="the prefix code {0, 10, 11} averages 5/3 bits")

prefix_code_avg_exceeds_entropy = Claim(
    "prefix_code_avg_exceeds_entropy", Gt(R(5, 3), LOG2_3), source=SRC1,
    title="5/3 > log2 3: 1/3 is not a power of 1/2")

joint_code_rate_ge_entropy = Claim(
    "joint_code_rate_ge_entropy", Ge(rate(N), LOG2_3), source=SRC2,
    title="ceil(N log2 3)/N >= log2 3")

joint_code_rate_below_entropy_plus_1_over_n = Claim(
    "joint_code_rate_below_entropy_plus_1_over_n",
    Lt(rate(N), LOG2_3 + 1 / N), source=SRC2,
    title="ceil(N log2 3)/N < log2 3 + 1/N")

joint_code_rate_tends_to_entropy = Claim(
    "joint_code_rate_tends_to_entropy",
    Eq(sp.Limit(rate(X), X, sp.oo), LOG2_3), source=SRC2,
    hints=(Squeeze(LOG2_3, LOG2_3 + 1 / X),),
    title="the rate of joint coding tends to log2 3")

joint_code_rate_n2_eq_2 = Claim(
    "joint_code_rate_n2_eq_2", Eq(rate(2), 2), source=SRC2,
    title="pairs: 9 outcomes need 4 bits, still 2 bits per symbol")

joint_code_rate_n5_eq_8_5 = Claim(
    "joint_code_rate_n5_eq_8_5", Eq(rate(5), R(8, 5)), source=SRC2,
    title="five at a time: 243 outcomes in 8 bits, 1.6 bits per symbol")

joint_code_rate_n17_eq_27_17 = Claim(
    "joint_code_rate_n17_eq_27_17", Eq(rate(17), R(27, 17)),
    source=SRC2, title="seventeen at a time: 27 bits, ≈ 1.588 bits per symbol")

huffman_pairs_kraft_eq_1 = Claim(
    "huffman_pairs_kraft_eq_1",
    Eq(sp.Add(sp.Mul(7, R(1, 8), evaluate=False), sp.Mul(2, R(1, 16), evaluate=False),
                 evaluate=False), 1),
    source=SRC2, title="seven codewords of length 3 and two of length 4 form a complete code")

huffman_pairs_rate_eq_29_18 = Claim(
    "huffman_pairs_rate_eq_29_18",
    Eq(sp.Mul(sp.Add(sp.Mul(7, 3, evaluate=False), sp.Mul(2, 4, evaluate=False),
                        evaluate=False), R(1, 18), evaluate=False), R(29, 18)),
    source=SRC2, title="Huffman on pairs: 29/9 bits per pair, 29/18 per symbol")

huffman_pairs_rate_below_prefix_rate = Claim(
    "huffman_pairs_rate_below_prefix_rate", Lt(R(29, 18), R(5, 3)),
    source=SRC2, title="29/18 < 5/3: coding pairs beats coding symbols")

huffman_pairs_rate_exceeds_entropy = Claim(
    "huffman_pairs_rate_exceeds_entropy", Gt(R(29, 18), LOG2_3),
    source=SRC2, title="29/18 > log2 3, as every code must")

CLAIMS_2_1 = (entropy_uniform3_eq_log2_3, fixed_code_needs_2_bits,
              fixed_code_wastes_over_0_4_bits, prefix_code_avg_eq_5_3,
              prefix_code_avg_exceeds_entropy)
CLAIMS_2_2 = (joint_code_rate_ge_entropy, joint_code_rate_below_entropy_plus_1_over_n,
              joint_code_rate_tends_to_entropy, joint_code_rate_n2_eq_2,
              joint_code_rate_n5_eq_8_5, joint_code_rate_n17_eq_27_17,
              huffman_pairs_kraft_eq_1, huffman_pairs_rate_eq_29_18,
              huffman_pairs_rate_below_prefix_rate, huffman_pairs_rate_exceeds_entropy)
