"""The lecture notes on the sigmoid: σ'(x) = σ(x)(1 - σ(x)), derived as the notes do."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Derivation, Eq, Exercise, Le

from . import code
from ._calculus import partial

SRC = "notes/sigmoid"
x = sp.Symbol("x", real=True)
u = sp.exp(-x)                                   # e^{-x}
den = sp.Add(1, u, evaluate=False)               # 1 + e^{-x}
SIGMA = sp.Pow(den, -1, evaluate=False)          # σ(x) = 1/(1 + e^{-x})


FIRST = sp.UnevaluatedExpr(SIGMA)
"""σ(x) = 1/(1 + e^{-x}) as a factor of its own, shown as a fraction beside the others
(sympy would otherwise fold it into one fraction with them)."""


def _mul(*xs: sp.Expr) -> sp.Expr:
    return sp.Mul(*xs, evaluate=False)


def _div(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    return _mul(a, sp.Pow(b, -1, evaluate=False))


STEPS = Derivation.chain(
    "notes-sigmoid-derivative", partial(SIGMA, x),
    (_mul(-sp.Pow(den, -2, evaluate=False), _mul(-1, u)),
     "chain rule: (1/q)' = -1/q² with q = 1 + e^{-x}, and q' = -e^{-x}"),
    (_div(u, sp.Pow(den, 2, evaluate=False)), "the two minus signs cancel"),
    (_div(sp.Add(den, -1, evaluate=False), sp.Pow(den, 2, evaluate=False)),
     "add and subtract 1 in the numerator: e^{-x} = (1 + e^{-x}) - 1"),
    (_mul(FIRST, _div(sp.Add(den, -1, evaluate=False), den)),
     "split the square in the denominator"),
    (_mul(FIRST, sp.Add(1, -SIGMA, evaluate=False)),
     "split the fraction: (1 + e^{-x})/(1 + e^{-x}) = 1; with σ(x) = 1/(1 + e^{-x}) this "
     "is σ(x)(1 - σ(x))"),
    source=SRC, title="σ'(x) = σ(x)(1 - σ(x)), step by step",
)

DERIVATIVE = Exercise(
    key="sigmoid-derivative", source=SRC, title="the derivative of the sigmoid",
    question=r"Show that $\sigma(x) = 1/(1 + e^{-x})$ has derivative "
             r"$\sigma(x)(1 - \sigma(x))$.",
    answer=r"Differentiate $1/(1 + e^{-x})$ by the chain rule to get "
           r"$e^{-x}/(1 + e^{-x})^2$; add and subtract 1 in the numerator and split the "
           r"fraction: $(1 - 1/(1 + e^{-x})) \cdot 1/(1 + e^{-x}) = (1 - \sigma(x))\, \sigma(x)$. "
           r"This is why the sigmoid gate's local gradient needs only its own output.",
    claims=STEPS.link_claims() + (
        Claim("notes-sigmoid-derivative",
              Eq(partial(SIGMA, x), _mul(FIRST, sp.Add(1, -SIGMA, evaluate=False))),
              source=SRC, title="σ'(x) = σ(x)(1 - σ(x))"),
        Claim("notes-sigmoid-symmetry", Eq(SIGMA.xreplace({x: -x}), 1 - SIGMA),
              source=SRC, title="σ(-x) = 1 - σ(x)"),
        Claim("notes-sigmoid-slope-at-most-quarter",
              Le(partial(SIGMA, x), sp.Rational(1, 4)), source=SRC,
              title="σ'(x) ≤ 1/4: a sigmoid gate shrinks the gradient by 4 at least"),
    ),
    derivations=(STEPS,),
    code=(code.sigmoid,),
)

EXERCISES = (DERIVATIVE,)
