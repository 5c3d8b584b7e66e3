"""A small solution sheet for the renderer tests (independent of the catalog)."""

from __future__ import annotations

import math

import sympy as sp

from proofs import Claim, Derivation, Eq, Exercise, Figure, Sheet

a, b = sp.symbols("a b", real=True)
x = sp.Symbol("x", real=True)
lam = sp.Symbol("lambda", positive=True)
sigma = 1 / (1 + sp.exp(-x))

RSM_GT_MAX = Claim("fx-rsm-gt-max", sp.log(sp.exp(a) + sp.exp(b)) > sp.Max(a, b),
                   source="fixture/ex5.1", title="RealSoftMax exceeds max")
SHIFT_WRONG = Claim("fx-shift-wrong", Eq(sp.log(sp.exp(a + b) + sp.exp(b)),
                                         sp.log(sp.exp(a) + 1)),
                    source="fixture/ex6.2", expect="refuted", title="g(x + b) = g(x)")
SIGMA_DERIV = Derivation.chain(
    "fx-sigma-prime", sp.Derivative(sigma, x),
    (sp.exp(-x) / (1 + sp.exp(-x)) ** 2, "chain rule"),
    ((1 + sp.exp(-x) - 1) / (1 + sp.exp(-x)) ** 2, "add and subtract 1 in the numerator"),
    (sigma * (1 - sigma), "split the fraction"),
    source="fixture/notes-sigmoid", title="σ' = σ(1 − σ)")

def _gap(fig) -> None:
    import numpy as np

    ax = fig.add_subplot()
    t = np.linspace(-4, 4, 81)
    ax.plot(t, np.log1p(np.exp(-np.abs(t))), label="gap")
    ax.legend(loc="upper right")


GAP = Figure("fx-gap", _gap, caption="The gap $\\log(1 + e^{-|a|})$ (a fixture plot).",
             size=(4.0, 2.5))


# log sum exp(x) with the largest term factored out
def fx_logsumexp(x: list[float]) -> float:
    m = max(x)
    return m + math.log(sum(math.exp(x_i - m) for x_i in x))


def fx_sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


SHEET = Sheet(
    name="fixture-sheet", title="Fixture sheet: RealSoftMax & σ",
    intro="A tiny sheet for tests; it uses $\\lambda > 0$, `code`, 50% and log_sum_exp.",
    exercises=(
        Exercise("5.1", "fixture/ex5.1", "RealSoftMax and max",
                 "Show that $\\log(e^a + e^b) > \\max(a, b)$ for all real a, b.",
                 "Yes: with $a \\ge b$ the left side is $a + \\log(1 + e^{b-a}) > a$.",
                 claims=(RSM_GT_MAX, SHIFT_WRONG),
                 figures=(GAP, "graph:(x+y)*z@x=-2,y=5,z=-4"),
                 code=(fx_logsumexp,)),
        Exercise("sigmoid", "fixture/notes-sigmoid", "The derivative of σ",
                 "Derive σ'(x) = σ(x)(1 − σ(x)).",
                 "Differentiate, add and subtract 1, split the fraction.",
                 derivations=(SIGMA_DERIV,), code=(fx_sigmoid,)),
    ),
)
