"""prove(): soundness on false variants, generality on true claims, budgets, never raising."""

from __future__ import annotations

import time

import pytest
import sympy as sp
from helpers_independent import holds_at, meets_assumptions

from proofs import Claim, prove

a, b, x, y, t = sp.symbols("a b x y t", real=True)
pa, pb = sp.symbols("a b", positive=True)
lam = sp.Symbol("lambda", positive=True)
lam_nz = sp.Symbol("lambda", real=True, nonzero=True)
lam_real = sp.Symbol("lambda", real=True)
u = sp.Symbol("u", positive=True)


def rsm(p, q):
    return sp.log(sp.exp(p) + sp.exp(q))


def sig(v):
    return 1 / (1 + sp.exp(-v))


def lse3(p, q, r):
    return sp.log(sp.exp(p) + sp.exp(q) + sp.exp(r))


# False variants: sign flips, strictness at a boundary, swapped arguments, dropped
# assumptions, wrong constants. None may ever be "proved".
FALSE = [
    Claim("rsm-below-max", rsm(a, b) < sp.Max(a, b)),
    Claim("rsm-at-most-max", rsm(a, b) <= sp.Max(a, b)),
    Claim("rsm-below-min", rsm(a, b) <= sp.Min(a, b)),
    Claim("rsm-gap-below-log2-strict", rsm(a, b) < sp.Max(a, b) + sp.log(2)),
    Claim("rsm-gap-log3-lower", rsm(a, b) >= sp.Max(a, b) + sp.log(3) / 2),
    Claim("scaled-rsm-any-sign-lambda", rsm(lam_nz * a, lam_nz * b) / lam_nz > sp.Max(a, b)),
    Claim("scaled-rsm-real-lambda-ge", rsm(lam_nz * a, lam_nz * b) / lam_nz >= sp.Min(a, b)),
    Claim("softmin-above-min", -rsm(-a, -b) > sp.Min(a, b)),
    Claim("softmin-is-minus-rsm", sp.Eq(-rsm(-a, -b), -rsm(a, b), evaluate=False)),
    Claim("exp-above-tangent-strict", sp.exp(x) > 1 + x),
    Claim("exp-above-second-order", sp.exp(x) >= 1 + x + x**2 / 2),
    Claim("log-above-x-minus-1", sp.log(u) > u - 1),
    Claim("sigmoid-deriv-plus", sp.Eq(sp.diff(sig(x), x), sig(x) * (1 + sig(x)))),
    Claim("sigmoid-deriv-no-factor", sp.Eq(sp.diff(sig(x), x), 1 - sig(x))),
    Claim("sigmoid-symmetry-wrong", sp.Eq(sig(-x), sig(x), evaluate=False)),
    Claim("sigmoid-below-half", sig(x) < sp.Rational(1, 2)),
    Claim("tanh-as-sigmoid-wrong", sp.Eq(sp.tanh(x), 2 * sig(x) - 1, evaluate=False)),
    Claim("lse-shift-as-printed", sp.Eq(lse3(a + t, b + t, x + t), lse3(a, b, x), evaluate=False)),
    Claim("lse-shift-times", sp.Eq(lse3(a + t, b + t, x + t), lse3(a, b, x) * (1 + t),
                                   evaluate=False)),
    Claim("lse3-above-max-plus-log3", lse3(a, b, x) > sp.Max(a, b, x) + sp.log(3)),
    Claim("softmax-ratio-sum", sp.Eq(sp.exp(a) / sp.exp(b), sp.exp(a + b), evaluate=False)),
    Claim("softplus-below-relu", sp.log(1 + sp.exp(x)) < sp.Max(0, x)),
    Claim("softplus-equals-relu", sp.Eq(sp.log(1 + sp.exp(x)), sp.Max(0, x), evaluate=False)),
    Claim("square-monotone-without-sign", a**2 > b**2, given=(a > b,)),
    Claim("ratio-order-dropped-sign", a / y > b / y, given=(a > b, sp.Ne(y, 0))),
    Claim("log-of-sum", sp.Eq(sp.log(pa + pb), sp.log(pa) + sp.log(pb), evaluate=False)),
    Claim("log-power-any-base", sp.Eq(sp.log(x**2), 2 * sp.log(x), evaluate=False)),
    Claim("sqrt-square", sp.Eq(sp.sqrt(x**2), x, evaluate=False)),
    Claim("amgm-reversed", (pa + pb) / 2 < sp.sqrt(pa * pb)),
    Claim("limit-trap", sp.Eq(sp.Limit(rsm(lam * pa, lam * pb) / lam, lam, sp.oo), pb)),
    Claim("limit-min-instead-of-max",
          sp.Eq(sp.Limit(rsm(lam * pa, lam * pb) / lam, lam, sp.oo), sp.Min(pa, pb))),
    Claim("limit-gap-log2", sp.Eq(sp.Limit(sp.log(1 + sp.exp(-x)), x, sp.oo), sp.log(2))),
    Claim("tanh-deriv-sign", sp.Eq(sp.diff(sp.tanh(x), x), 1 + sp.tanh(x) ** 2)),
    Claim("product-positive-any-sign", a * b > 0, given=(a > 0,)),
    Claim("square-positive", x**2 > 0),
    Claim("cosh-below-exp", sp.cosh(x) < sp.exp(x)),
]

TRUE = [
    Claim("rsm-exceeds-max", rsm(a, b) > sp.Max(a, b)),
    Claim("rsm-at-most-max-plus-log2", rsm(a, b) <= sp.Max(a, b) + sp.log(2)),
    Claim("scaled-rsm-exceeds-max", rsm(lam * a, lam * b) / lam > sp.Max(a, b)),
    Claim("softmin-below-min", -rsm(-a, -b) < sp.Min(a, b)),
    Claim("softmin-above-min-minus-log2", -rsm(-a, -b) >= sp.Min(a, b) - sp.log(2)),
    Claim("lse3-exceeds-max", lse3(a, b, x) > sp.Max(a, b, x)),
    Claim("lse3-at-most-max-plus-log3", lse3(a, b, x) <= sp.Max(a, b, x) + sp.log(3)),
    Claim("exp-above-tangent", sp.exp(x) >= 1 + x),
    Claim("log-below-tangent", sp.log(u) <= u - 1),
    Claim("sigmoid-derivative", sp.Eq(sp.diff(sig(x), x), sig(x) * (1 - sig(x)), evaluate=False)),
    Claim("sigmoid-below-one", sig(x) < 1),
    Claim("sigmoid-positive", sp.Gt(sig(x), 0, evaluate=False)),
    Claim("tanh-as-sigmoid", sp.Eq(sp.tanh(x), 2 * sig(2 * x) - 1, evaluate=False)),
    Claim("tanh-derivative", sp.Eq(sp.diff(sp.tanh(x), x), 1 - sp.tanh(x) ** 2, evaluate=False)),
    Claim("softplus-exceeds-relu", sp.log(1 + sp.exp(x)) > sp.Max(0, x)),
    Claim("softplus-derivative-is-sigmoid",
          sp.Eq(sp.diff(sp.log(1 + sp.exp(x)), x), sig(x), evaluate=False)),
    Claim("silu-above-min", x * sig(x) >= sp.Min(0, x)),
    Claim("lse-shift", sp.Eq(lse3(a + t, b + t, x + t), lse3(a, b, x) + t, evaluate=False)),
    Claim("square-monotone-on-positives", a**2 > b**2, given=(a > b, b > 0)),
    Claim("softmax-ratio", sp.Eq(sp.exp(a) / (sp.exp(a) + sp.exp(b)) /
                                 (sp.exp(b) / (sp.exp(a) + sp.exp(b))), sp.exp(a - b),
                                 evaluate=False)),
    Claim("bradley-terry-two-items", sp.Eq(sp.exp(a) / (sp.exp(a) + sp.exp(b)), sig(a - b),
                                           evaluate=False)),
    Claim("cosh-at-least-one", sp.cosh(x) >= 1),
]


def _variables(claim: Claim) -> set:
    return {s for s in claim.free_symbols if isinstance(s, sp.Symbol)}


@pytest.mark.parametrize("claim", FALSE, ids=lambda c: c.name)
def test_false_variant_is_never_proved(claim: Claim) -> None:
    v = prove(claim, budget=10)
    assert v.status != "proved", v.method
    if v.status == "refuted":
        point = v.counterexample
        assert point is not None and set(point) >= _variables(claim)
        assert meets_assumptions(point, claim.given)
        if not claim.statement.has(sp.Limit):
            assert not holds_at(claim.statement, point), point


def test_most_false_variants_are_refuted() -> None:
    refuted = sum(prove(c, budget=10).status == "refuted" for c in FALSE)
    assert len(FALSE) >= 30
    assert refuted >= 0.9 * len(FALSE)


@pytest.mark.parametrize("claim", TRUE, ids=lambda c: c.name)
def test_true_claim_is_proved_quickly(claim: Claim) -> None:
    v = prove(claim, budget=10)
    assert v.status == "proved", v.reason
    assert v.method and "sympy evaluated" not in v.method
    assert v.checks >= 3  # cross-checked at several points
    assert v.seconds < 5


def test_boundary_counterexample_for_strict_tangent_bound() -> None:
    v = prove(Claim("tangent", sp.exp(x) > 1 + x), budget=5)
    assert v.status == "refuted" and v.counterexample == {x: 0}


def test_dropped_lambda_assumption_is_refuted_at_negative_lambda() -> None:
    v = prove(Claim("any-lambda", rsm(lam_nz * a, lam_nz * b) / lam_nz > sp.Max(a, b)))
    assert v.status == "refuted"
    assert v.counterexample[lam_nz] < 0


def test_sympy_limit_trap_never_proved() -> None:
    trap = sp.Limit(rsm(lam * pa, lam * pb) / lam, lam, sp.oo)
    assert sp.limit(trap.args[0], lam, sp.oo) == pb  # the trap is still there in sympy
    v = prove(Claim("trap", sp.Eq(trap, pb)), budget=5)
    assert v.status == "refuted"
    assert v.counterexample[pa] > v.counterexample[pb]


def test_budget_ends_a_slow_claim_in_time() -> None:
    expr = sp.sin(x) ** 12 * sp.cos(y) ** 10 + sp.sin(x + y) ** 9 - sp.cos(x - y) ** 7
    claim = Claim("slow", sp.Eq(expr, sp.expand_trig(expr), evaluate=False))
    start = time.monotonic()
    v = prove(claim, budget=1.5)
    assert time.monotonic() - start < 1.5 + 2
    assert v.status == "undecided"
    assert v.reason.startswith("budget") or "tactics ran out of time" in v.reason


@pytest.mark.parametrize("statement", [
    sp.Eq(sp.zoo * x, 1, evaluate=False),
    sp.Gt(sp.I * x, 0, evaluate=False),
    sp.Eq(sp.Function("f")(x), x, evaluate=False),
    sp.Gt(sp.nan, x, evaluate=False) if False else sp.Gt(x, sp.oo, evaluate=False),
])
def test_odd_claims_never_raise(statement) -> None:
    v = prove(Claim("odd", statement), budget=3)
    assert v.status in ("refuted", "undecided")


def test_prove_rejects_non_claims() -> None:
    with pytest.raises(TypeError):
        prove(sp.Eq(x, x))


def test_steps_do_not_depend_on_what_was_proved_before() -> None:
    claim = TRUE[4]  # a case split: its steps name fresh variables δ
    first = prove(claim, budget=10)
    for other in TRUE[:4]:
        prove(other, budget=10)
    again = prove(claim, budget=10)
    assert [sp.sstr(s.lhs) + s.op + sp.sstr(s.rhs) for s in first.steps] == \
           [sp.sstr(s.lhs) + s.op + sp.sstr(s.rhs) for s in again.steps]
    assert any("delta" in sp.sstr(s.rhs) for s in first.steps)


def test_numbers_see_through_a_display_only_unevaluated_expr() -> None:
    """A factor kept apart for the sheet (UnevaluatedExpr) is checked numerically as
    its argument: proved when true, refuted when false."""
    import sympy as sp

    from proofs import Claim, Eq, prove
    x = sp.Symbol("x", real=True)
    den = sp.Add(1, sp.exp(-x), evaluate=False)
    first = sp.UnevaluatedExpr(sp.Pow(den, -1, evaluate=False))
    with sp.evaluate(False):
        split = sp.Mul(first, sp.Add(den, -1) / den)
        true = Claim("split", Eq(sp.Add(den, -1) / den ** 2, split))
        false = Claim("split-wrong", Eq(sp.Add(den, -2) / den ** 2, split))
    assert prove(true).status == "proved"
    wrong = prove(false)
    assert wrong.status == "refuted" and x in wrong.counterexample
