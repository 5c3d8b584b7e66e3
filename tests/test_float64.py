"""Float64 statements: settled by running IEEE 754 arithmetic, and only those."""

import math

import numpy as np
import pytest
import sympy as sp

from proofs import Claim, prove
from proofs.float64 import COMPUTATIONS, METHOD, Float64, matches, register


def verdict(stmt, expect="proved"):
    return prove(Claim("f64", stmt, expect=expect), budget=10)


def test_naive_lse_overflows_and_method_says_run():
    v = verdict(Float64("naive_lse", (225, 617, 950), "inf"))
    assert v.status == "proved"
    assert v.method == METHOD
    assert v.steps and v.steps[0].rhs == sp.oo


def test_stable_lse_matches_exact_value_within_ulps():
    exact = 950 + sp.log(1 + sp.exp(-333) + sp.exp(-725))
    assert verdict(Float64("stable_lse", (225, 617, 950), exact)).status == "proved"
    # a value off by far more than 4 ulps is refuted, with the float64 result attached
    v = verdict(Float64("stable_lse", (225, 617, 950), 950 + sp.Rational(1, 10**9)), "refuted")
    assert v.status == "refuted"
    assert float(v.counterexample[sp.Symbol("float64_result")]) == 950.0


def test_underflow_to_negative_infinity_and_subnormals():
    assert verdict(Float64("naive_lse", (-1000, -1001), "-inf")).status == "proved"
    assert verdict(Float64("exp", (-745.13,), "subnormal")).status == "proved"
    assert verdict(Float64("exp", (-745.14,), 0)).status == "proved"
    assert verdict(Float64("exp", (-745.14,), "subnormal")).status == "refuted"


def test_vector_outcomes_componentwise():
    assert verdict(Float64("naive_softmax", (225, 617, 950), (0, 0, "nan"))).status == "proved"
    v = verdict(Float64("naive_softmax", (225, 617, 950), (0, 0, 1)))
    assert v.status == "refuted"
    assert verdict(Float64("stable_softmax", (225, 617, 950),
                           ("subnormal", "finite", "finite"))).status == "proved"


def test_thresholds_agree_with_math_module():
    # independent of numpy: Python's math.exp raises OverflowError past log(DBL_MAX)
    assert math.isfinite(math.exp(709.78))
    with pytest.raises(OverflowError):
        math.exp(709.79)
    assert verdict(Float64("exp", (709.78,), "finite")).status == "proved"
    assert verdict(Float64("exp", (709.79,), "inf")).status == "proved"
    assert verdict(Float64("exp", (709.79,), "finite")).status == "refuted"


def test_matches_kinds():
    assert matches(np.float64("inf"), Float64("exp", 1, "inf").outcome)
    assert not matches(np.float64(1.0), Float64("exp", 1, "nan").outcome)
    assert matches(np.float64(5e-324), Float64("exp", 1, "subnormal").outcome)
    assert not matches(np.float64(0.0), Float64("exp", 1, "subnormal").outcome)
    assert matches(np.float64(math.e), Float64("exp", 1, sp.E).outcome)


def test_register_a_computation():
    @register("test_square")
    def _sq(x):
        return x[0] * x[0]

    try:
        assert verdict(Float64("test_square", (1e200,), "inf")).status == "proved"
        assert verdict(Float64("test_square", (3,), 9)).status == "proved"
    finally:
        COMPUTATIONS.pop("test_square")


def test_malformed_statements_raise_at_construction():
    x = sp.Symbol("x", real=True)
    with pytest.raises(ValueError):
        Float64("no_such_computation", (1,), "inf")
    with pytest.raises(ValueError):
        Float64("exp", (x,), "inf")
    with pytest.raises(ValueError):
        Float64("exp", (1,), "huge")
    with pytest.raises(ValueError):
        Float64("exp", (1,), sp.oo)


def test_real_claims_are_never_settled_by_running():
    # a claim about the reals with a floating-point flavour is not a Float64 statement:
    # exp(710) is a finite real number, whatever float64 does
    x = sp.Symbol("x", real=True)
    v = prove(Claim("real-exp-finite", sp.Gt(sp.exp(710), 0, evaluate=False)))
    assert v.method != METHOD
    v = prove(Claim("real", sp.Gt(sp.exp(x), 0, evaluate=False)))
    assert v.method != METHOD


def test_printing():
    s = Float64("naive_lse", (225, 617, 950), "inf")
    assert "naive" in sp.latex(s) and r"\infty" in sp.latex(s)
    assert sp.sstr(s) == "Float64(naive_lse(225, 617, 950) -> inf)"
    assert s.free_symbols == set()


def test_float64_statements_survive_a_pickle_round_trip() -> None:
    import pickle

    from proofs import Claim

    c = Claim("f64-roundtrip", Float64("naive_softmax", (225, 617, 950), (0, 0, "nan")))
    assert pickle.loads(pickle.dumps(c)) == c
