"""Shared pieces: line breaking of long formulas, prose math, engine names, shown claims."""

import render_fixture as fx
import sympy as sp

from proofs import Exercise
from render.pieces import WIDTH, broken, clean_why, mathify, shown_claims, visible_len


def test_long_sums_break_into_aligned_lines_that_fit():
    xs = sp.symbols("x1:13", real=True)
    long = sum(sp.exp(a) / (1 + sp.exp(b)) for a, b in zip(xs[:-1], xs[1:], strict=True))
    lines = broken(long).split(r" \\ &\qquad ")
    assert len(lines) > 1 and all(visible_len(ln) <= WIDTH for ln in lines)
    joined = " ".join(lines)
    assert joined.count(r"\frac") == len(xs) - 1      # no term lost
    short = xs[0] + 1
    assert broken(short) == "x_{1} + 1"


def test_prose_scripts_become_math_but_snake_case_names_do_not():
    assert mathify("q = 1 + e^{-x} and δ_kj") == "q = 1 + $e^{-x}$ and $δ_{kj}$"
    assert mathify("stable_softmax and `x_1` and $a_b$") == "stable_softmax and `x_1` and $a_b$"


def test_engine_fresh_names_are_cleaned():
    assert clean_why("write _delta20 + s1 >= s2") == "write δ_20 + s1 ≥ s2"


def test_link_claims_are_shown_with_their_derivation_only():
    d = fx.SIGMA_DERIV
    ex = Exercise("k", "src", "t", "q", "a", claims=(fx.RSM_GT_MAX, *d.link_claims()),
                  derivations=(d,))
    assert [c.name for c in shown_claims(ex)] == [fx.RSM_GT_MAX.name]
