"""Named classical inequalities, each a Claim that the engine proves (no axioms).

A lemma is used by the tactics in two ways: the tangent lemmas (`e^u >= 1 + u`,
`log u <= u - 1`, `log u >= 1 - 1/u`) give the bounds that `tactics.tangent` puts in
place of exp and log terms (Jensen, Gibbs, entropy bounds, log-sum); the others are
matched against a goal by `tactics.lemma_instance` (AM-GM, AM-HM, Cauchy-Schwarz,
...). A step that uses one names it.

`tests/test_lemmas.py` proves every lemma with the engine. So that no lemma is proved
with its own help, lemmas are ordered: while `proving(name)` is in force, only the
lemmas listed before `name` are available to the tactics (the dependencies form a chain,
so the proofs are well founded).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import sympy as sp

from ..claim import Claim


@dataclass(frozen=True)
class Lemma:
    """A named inequality: its claim (variables and assumptions of its own), a title
    for the steps that use it, and the variables a use may instantiate."""

    name: str
    title: str
    claim: Claim
    variables: tuple[sp.Symbol, ...] = field(default=())


_u = sp.Symbol("u", real=True)
_v = sp.Symbol("v", positive=True)
_a, _b, _c = sp.symbols("a b c", positive=True)
_x1, _x2, _x3, _y1, _y2, _y3 = sp.symbols("x1 x2 x3 y1 y2 y3", real=True)
_p, _q = sp.symbols("p q", positive=True)
_a1, _a2, _b1, _b2 = sp.symbols("a1 a2 b1 b2", positive=True)
_n = sp.Symbol("n", integer=True, positive=True)
_k = sp.Symbol("k", integer=True)
_P = sp.IndexedBase("p", nonnegative=True)
_PP, _QQ = sp.IndexedBase("p", positive=True), sp.IndexedBase("q", positive=True)
_X = sp.IndexedBase("x", real=True)


def _sum(body: sp.Expr) -> sp.Sum:
    return sp.Sum(body, (_k, 1, _n))


def _h2(u: sp.Expr) -> sp.Expr:
    return -u * sp.log(u) - (1 - u) * sp.log(1 - u)


LEMMAS: tuple[Lemma, ...] = (
    Lemma("exp-above-tangent", "e^u ≥ 1 + u",
          Claim("lemma-exp-above-tangent", sp.exp(_u) >= 1 + _u), (_u,)),
    Lemma("log-below-tangent", "log v ≤ v − 1",
          Claim("lemma-log-below-tangent", sp.log(_v) <= _v - 1), (_v,)),
    Lemma("log-above-chord", "log v ≥ 1 − 1/v",
          Claim("lemma-log-above-chord", sp.log(_v) >= 1 - 1 / _v), (_v,)),
    Lemma("am-gm-2", "AM–GM for two numbers",
          Claim("lemma-am-gm-2", (_a + _b) / 2 >= sp.sqrt(_a * _b)), (_a, _b)),
    Lemma("am-gm-3", "AM–GM for three numbers",
          Claim("lemma-am-gm-3", (_a + _b + _c) / 3 >= sp.cbrt(_a * _b * _c)), (_a, _b, _c)),
    Lemma("am-hm-2", "AM–HM for two numbers",
          Claim("lemma-am-hm-2", (_a + _b) / 2 >= 2 / (1 / _a + 1 / _b)), (_a, _b)),
    Lemma("am-hm-3", "AM–HM for three numbers",
          Claim("lemma-am-hm-3", (_a + _b + _c) / 3 >= 3 / (1 / _a + 1 / _b + 1 / _c)),
          (_a, _b, _c)),
    Lemma("cauchy-schwarz-2", "Cauchy–Schwarz for two terms",
          Claim("lemma-cauchy-schwarz-2", (_x1 * _y1 + _x2 * _y2) ** 2
                <= (_x1**2 + _x2**2) * (_y1**2 + _y2**2)), (_x1, _x2, _y1, _y2)),
    Lemma("cauchy-schwarz-3", "Cauchy–Schwarz for three terms",
          Claim("lemma-cauchy-schwarz-3", (_x1 * _y1 + _x2 * _y2 + _x3 * _y3) ** 2
                <= (_x1**2 + _x2**2 + _x3**2) * (_y1**2 + _y2**2 + _y3**2)),
          (_x1, _x2, _x3, _y1, _y2, _y3)),
    Lemma("jensen-exp-2", "Jensen's inequality for the convex exp, two points",
          Claim("lemma-jensen-exp-2", _p * sp.exp(_x1) + (1 - _p) * sp.exp(_x2)
                >= sp.exp(_p * _x1 + (1 - _p) * _x2), given=(_p <= 1,)), (_p, _x1, _x2)),
    Lemma("gibbs-2", "Gibbs' inequality for two outcomes (KL ≥ 0)",
          Claim("lemma-gibbs-2", _p * sp.log(_p / _q) + (1 - _p) * sp.log((1 - _p) / (1 - _q))
                >= 0, given=(_p < 1, _q < 1)), (_p, _q)),
    Lemma("cross-entropy-2", "cross-entropy ≥ entropy, two outcomes",
          Claim("lemma-cross-entropy-2", -_p * sp.log(_q) - (1 - _p) * sp.log(1 - _q)
                >= _h2(_p), given=(_p < 1, _q < 1)), (_p, _q)),
    Lemma("entropy-2-below-log-2", "entropy of two outcomes ≤ log 2",
          Claim("lemma-entropy-2-below-log-2", _h2(_p) <= sp.log(2), given=(_p < 1,)), (_p,)),
    Lemma("log-sum-2", "the log-sum inequality, two terms",
          Claim("lemma-log-sum-2", _a1 * sp.log(_a1 / _b1) + _a2 * sp.log(_a2 / _b2)
                >= (_a1 + _a2) * sp.log((_a1 + _a2) / (_b1 + _b2))), (_a1, _a2, _b1, _b2)),
    Lemma("lse-2-above-mean", "log-sum-exp of two ≥ log 2 + their mean",
          Claim("lemma-lse-2-above-mean", sp.log(sp.exp(_x1) + sp.exp(_x2))
                >= sp.log(2) + (_x1 + _x2) / 2), (_x1, _x2)),
    # symbolic n (used by the tangent tactic's argument, not matched by renaming)
    Lemma("jensen-exp-n", "Jensen's inequality for the convex exp, weights p_k",
          Claim("lemma-jensen-exp-n", _sum(_P[_k] * sp.exp(_X[_k]))
                >= sp.exp(_sum(_P[_k] * _X[_k])), given=(sp.Eq(_sum(_P[_k]), 1),))),
    Lemma("gibbs-n", "Gibbs' inequality: KL(p‖q) ≥ 0",
          Claim("lemma-gibbs-n", _sum(_PP[_k] * sp.log(_PP[_k] / _QQ[_k])) >= 0,
                given=(sp.Eq(_sum(_PP[_k]), 1), sp.Eq(_sum(_QQ[_k]), 1)))),
    Lemma("cross-entropy-n", "cross-entropy ≥ entropy",
          Claim("lemma-cross-entropy-n", -_sum(_PP[_k] * sp.log(_QQ[_k]))
                >= -_sum(_PP[_k] * sp.log(_PP[_k])),
                given=(sp.Eq(_sum(_PP[_k]), 1), sp.Eq(_sum(_QQ[_k]), 1)))),
    Lemma("entropy-below-log-n", "entropy ≤ log n",
          Claim("lemma-entropy-below-log-n", -_sum(_PP[_k] * sp.log(_PP[_k])) <= sp.log(_n),
                given=(sp.Eq(_sum(_PP[_k]), 1),))),
    Lemma("entropy-nonnegative-n", "entropy ≥ 0",
          Claim("lemma-entropy-nonnegative-n", -_sum(_PP[_k] * sp.log(_PP[_k])) >= 0,
                given=(sp.Eq(_sum(_PP[_k]), 1),))),
    Lemma("lse-above-mean-n", "log-sum-exp ≥ the mean",
          Claim("lemma-lse-above-mean-n", sp.log(_sum(sp.exp(_X[_k]))) >= _sum(_X[_k]) / _n)),
    Lemma("lse-above-log-n-plus-mean", "log-sum-exp ≥ log n + the mean",
          Claim("lemma-lse-above-log-n-plus-mean", sp.log(_sum(sp.exp(_X[_k])))
                >= sp.log(_n) + _sum(_X[_k]) / _n)),
)

_BY_NAME = {lemma.name: lemma for lemma in LEMMAS}
_PROVING: ContextVar[str] = ContextVar("proving", default="")


def lemma(name: str) -> Lemma:
    """The lemma called `name` (KeyError when there is none)."""
    return _BY_NAME[name]


def available(name: str) -> bool:
    """`name` may be used: no lemma is being proved, or `name` comes before it."""
    current = _PROVING.get()
    if not current:
        return True
    order = [x.name for x in LEMMAS]
    return order.index(name) < order.index(current)


@contextmanager
def proving(name: str) -> Iterator[None]:
    """While a lemma is proved, only the lemmas before it are available."""
    if name not in _BY_NAME:
        raise KeyError(name)
    token = _PROVING.set(name)
    try:
        yield
    finally:
        _PROVING.reset(token)
