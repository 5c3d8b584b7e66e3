"""Exercise 3: PAM-3 ternary signalling and radix economy."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Eq, Ge, Gt, Lt

SRC = "d2l-4.1.5/ex3"
r = sp.Symbol("r", positive=True)

pam3_needs_2_trits = Claim(
    "pam3_needs_2_trits",
    Eq(sp.ceiling(sp.log(8) / sp.log(3), evaluate=False), 2), source=SRC,
    title="the integers 0..7 need ceil(log3 8) = 2 ternary digits")

binary_needs_3_bits = Claim(
    "binary_needs_3_bits",
    Eq(sp.ceiling(sp.log(8) / sp.log(2), evaluate=False), 3), source=SRC,
    title="against ceil(log2 8) = 3 binary digits")

radix_economy_derivative = Claim(
    "radix_economy_derivative",
    Eq(sp.Derivative(r / sp.log(r), r), (sp.log(r) - 1) / sp.log(r) ** 2),
    given=(Gt(r, 1),), source=SRC,
    title="d/dr (r / ln r) = (ln r - 1) / ln² r, zero at r = e")

radix_economy_ge_e = Claim(
    "radix_economy_ge_e", Ge(r / sp.log(r), sp.E), given=(Gt(r, 1),), source=SRC,
    title="r / ln r >= e for r > 1, with equality at r = e")

radix3_beats_radix2 = Claim(
    "radix3_beats_radix2",
    Lt(3 / sp.log(3), 2 / sp.log(2)), source=SRC,
    title="3/ln 3 ≈ 2.731 < 2/ln 2 ≈ 2.885")

radix2_ties_radix4 = Claim(
    "radix2_ties_radix4", Eq(2 / sp.log(2), 4 / sp.log(4)), source=SRC,
    title="2/ln 2 = 4/ln 4")

CLAIMS_3 = (pam3_needs_2_trits, binary_needs_3_bits, radix_economy_derivative,
            radix_economy_ge_e, radix3_beats_radix2, radix2_ties_radix4)
