"""The lecture notes on numerically stable softmax: shift invariance and (225, 617, 950)."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Eq, Exercise, Gt, Lt
from proofs.float64 import Float64

from . import code

SRC = "notes/stable-softmax"
Cc = sp.Symbol("C", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True, positive=True)
f = sp.IndexedBase("f", real=True)
s0, s1, s2 = sp.symbols("s0 s1 s2", real=True)
S = (s0, s1, s2)


def _frac(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    return sp.Mul(a, sp.Pow(b, -1, evaluate=False), evaluate=False)


def _softmax(k: int, scores: tuple, shift: sp.Expr = 0) -> sp.Expr:
    return _frac(sp.exp(scores[k] + shift),
                 sp.Add(*[sp.exp(s + shift) for s in scores], evaluate=False))


# shift invariance -------------------------------------------------------------------
LHS_N = _frac(Cc * sp.exp(f[i]), Cc * sp.Sum(sp.exp(f[j]), (j, 1, n)))
RHS_N = _frac(sp.exp(f[i] + sp.log(Cc)), sp.Sum(sp.exp(f[j] + sp.log(Cc)), (j, 1, n)))
SHIFTED3 = sp.And(*[Eq(_frac(Cc * sp.exp(S[k]), Cc * sp.Add(*[sp.exp(s) for s in S])),
                          _softmax(k, S, sp.log(Cc))) for k in range(3)])
M = sp.Max(s0, s1, s2)
NOTES_TYPO = Eq(_frac(sp.exp(s0 + sp.log(Cc)),
                         sp.Add(*[sp.exp(s0 + sp.log(Cc))] * 3, evaluate=False)),
                   _softmax(0, S))

SHIFT = Exercise(
    key="shift-invariance", source=SRC, title="softmax is invariant to a shift",
    question=r"Why may we subtract $\max_j f_j$ from every score before exponentiating?",
    answer=r"Multiply numerator and denominator by any $C > 0$ and write $C = e^{\log C}$: "
           r"$C e^{f_i} / (C \sum_j e^{f_j}) = e^{f_i + \log C} / \sum_j e^{f_j + \log C}$. "
           r"So adding the same constant $\log C$ to every score leaves softmax unchanged; "
           r"the choice $\log C = -\max_j f_j$ makes the largest exponent 0, so nothing "
           r"overflows. (The notes write the denominator as $\sum_j e^{f_i + \log C}$, with "
           r"$f_i$ for $f_j$: that sum is $n e^{f_i + \log C}$, not the softmax denominator.)",
    claims=(
        Claim("notes-softmax-shift-invariance-n", Eq(LHS_N, RHS_N),
              source=SRC, title="C e^{f_i}/(C Σ_j e^{f_j}) = e^{f_i + log C}/Σ_j "
                                "e^{f_j + log C} for C > 0 and every n"),
        Claim("notes-softmax-shift-invariance-3", SHIFTED3, source=SRC,
              title="the same for n = 3, every component"),
        Claim("notes-softmax-subtract-max", sp.And(*[
            Eq(_softmax(k, S), _softmax(k, S, -M)) for k in range(3)]),
              source=SRC, title="log C = -max_j s_j leaves softmax unchanged"),
        Claim("notes-softmax-denominator-typo", NOTES_TYPO, source=SRC, expect="refuted",
              title="the notes' denominator Σ_j e^{f_i + log C} (f_i for f_j)"),
    ),
    code=(code.stable_softmax,),
)

# the example (225, 617, 950) ----------------------------------------------------------------
SCORES = (225, 617, 950)
Z = 1 + sp.exp(-333) + sp.exp(-725)
EXACT = (sp.exp(-725) / Z, sp.exp(-333) / Z, 1 / Z)

EXAMPLE = Exercise(
    key="example-225-617-950", source=SRC, title="the scores (225, 617, 950)",
    question=r"Compute $\operatorname{softmax}(225, 617, 950)$ exactly, then in float64 "
             r"naively and after the shift.",
    answer=r"The shift by $-950$ gives $(-725, -333, 0)$, so the exact probabilities are "
           r"$e^{-725}/Z$, $e^{-333}/Z$ and $1/Z$ with $Z = 1 + e^{-333} + e^{-725}$. Naively "
           r"in float64, $e^{950}$ overflows to inf (the largest float64 is about "
           r"$1.8 \times 10^{308} \approx e^{709.8}$), and the result is $(0, 0, \mathrm{nan})$ "
           r"because $\mathrm{inf}/\mathrm{inf}$ is nan: the problem is overflow, not only "
           r"cost. The shifted computation is finite; $p_0 \approx 1.369 \times 10^{-315}$ "
           r"lies below the smallest normal float64 $2^{-1022}$, so it is a subnormal (few "
           r"significant bits: compare it with an absolute tolerance or in log space).",
    claims=(
        Claim("notes-softmax-example-shift", sp.And(*[
            Eq(sp.Add(s, -950, evaluate=False), s - 950)
            for s in SCORES]), source=SRC, title="(225, 617, 950) - 950 = (-725, -333, 0)"),
        Claim("notes-softmax-example-exact", sp.And(*[
            Eq(_softmax(k, tuple(sp.Integer(v) for v in SCORES)), EXACT[k]) for k in range(3)]),
              source=SRC, title="p = (e^{-725}, e^{-333}, 1)/Z, Z = 1 + e^{-333} + e^{-725}"),
        Claim("notes-softmax-example-p0-subnormal-range",
              sp.And(Lt(1022 * sp.log(2), 725),
                     Gt(1074 * sp.log(2), 725 + sp.log(Z))),
              source=SRC,
              title="log p0 = -725 - log Z < -725 < -1022 log 2 (as Z > 1) and "
                    "log p0 > -1074 log 2: p0 is in the float64 subnormal range"),
        Claim("notes-softmax-example-naive-overflows",
              Float64("exp", (950,), "inf"), source=SRC,
              title="float64: e^{950} = inf"),
        Claim("notes-softmax-example-naive-nan",
              Float64("naive_softmax", SCORES, (0, 0, "nan")), source=SRC,
              title="float64: naive softmax gives (0, 0, nan)"),
        Claim("notes-softmax-example-stable-finite",
              Float64("stable_softmax", SCORES, ("subnormal", "finite", "finite")),
              source=SRC, title="float64: the shifted softmax is finite, p0 subnormal"),
        Claim("notes-softmax-example-stable-accurate",
              Float64("stable_softmax", SCORES, (0, EXACT[1], EXACT[2])), source=SRC,
              expect="refuted",
              title="float64 rounds p0 to 0 (it does not: p0 is a non-zero subnormal)"),
    ),
    code=(code.stable_logsumexp,),
)

EXERCISES = (SHIFT, EXAMPLE)
