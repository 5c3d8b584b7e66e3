"""The lecture notes on the multiclass SVM (hinge) loss versus softmax cross-entropy."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Eq, Exercise, Ge, Lt

from ._calculus import partial

SRC = "notes/hinge"
s0, s1, s2 = sp.symbols("s0 s1 s2", real=True)    # s0: the true class's score
h = sp.Symbol("h", positive=True)


def hinge(a: sp.Expr) -> sp.Expr:
    """Sum over the wrong classes of max(0, s_j - s_y + 1), true class y = 0."""
    return sp.Max(0, s1 - a + 1) + sp.Max(0, s2 - a + 1)


Z = sp.exp(s0) + sp.exp(s1) + sp.exp(s2)
P0 = sp.exp(s0) / Z
CE = -sp.log(sp.exp(s0)) + sp.log(Z)               # -log p0, written as the notes do
MARGINS = (Ge(s0, s1 + 1), Ge(s0, s2 + 1))

HINGE_VS_CE = Exercise(
    key="hinge-vs-cross-entropy", source=SRC, title="hinge loss versus cross-entropy",
    question="Two classifiers give the true class different scores. Which loss prefers "
             "the larger true-class score: the hinge loss of the SVM or softmax "
             "cross-entropy?",
    answer="The hinge loss is exactly 0 once the true score beats every other score by "
           "the margin 1, and stays 0 when the true score grows further: it treats the "
           r"two classifiers the same. Cross-entropy $l = -\log p_y$ has "
           r"$\partial l/\partial s_y = p_y - 1 < 0$ everywhere, so it always prefers a "
           r"larger true score.",
    claims=(
        Claim("notes-hinge-zero-once-margins-met", Eq(hinge(s0), 0), given=MARGINS,
              source=SRC, title="the hinge loss is 0 once every margin is met"),
        Claim("notes-hinge-flat-once-margins-met", Eq(hinge(s0 + h), hinge(s0)),
              given=MARGINS, source=SRC,
              title="raising the true score further leaves the hinge loss unchanged"),
        Claim("notes-hinge-always-decreases", Lt(hinge(s0 + h), hinge(s0)),
              source=SRC, expect="refuted",
              title="the hinge loss always drops when the true score grows (it does not)"),
        Claim("notes-ce-gradient", Eq(partial(CE, s0), P0 - 1),
              source=SRC, title="∂l/∂s_y = p_y - 1"),
        Claim("notes-ce-gradient-negative", Lt(P0 - 1, 0), source=SRC,
              title="p_y - 1 < 0: cross-entropy always prefers a larger true score"),
    ),
)

EXERCISES = (HINGE_VS_CE,)
