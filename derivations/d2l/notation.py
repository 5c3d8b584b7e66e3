"""Shared notation of the D2L 4.1.5 sheet: n classes, indexed vectors, softmax, LSE."""

from __future__ import annotations

import sympy as sp

from proofs import Le

n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True, positive=True)
s, t = sp.symbols("s t", integer=True, positive=True)  # bound indices of sums
o = sp.IndexedBase("o", real=True)
x = sp.IndexedBase("x", real=True)
y = sp.IndexedBase("y", nonnegative=True)  # labels: a distribution (y_t >= 0, sum 1)
v = sp.IndexedBase("v", real=True)
p = sp.IndexedBase("p", nonnegative=True)
d = sp.IndexedBase("d", nonnegative=True)
a, b, c, m = sp.symbols("a b c m", real=True)
lam = sp.Symbol("lambda", positive=True)
T = sp.Symbol("T", positive=True)
alpha = sp.Symbol("alpha", positive=True)


def total(expr: sp.Expr, idx: sp.Symbol = k, top: sp.Expr = n) -> sp.Sum:
    """Σ_{idx=1}^{top} expr."""
    return sp.Sum(expr, (idx, 1, top))


def lse(vec: sp.IndexedBase, idx: sp.Symbol = k, top: sp.Expr = n) -> sp.Expr:
    """log Σ_idx e^{vec_idx}."""
    return sp.log(total(sp.exp(vec[idx]), idx, top))


def softmax(vec: sp.IndexedBase, at: sp.Symbol, idx: sp.Symbol = k) -> sp.Expr:
    """e^{vec_at} / Σ_idx e^{vec_idx}."""
    return sp.exp(vec[at]) / total(sp.exp(vec[idx]), idx)


def in_range(*idx: sp.Symbol) -> tuple[sp.Basic, ...]:
    """1 <= idx <= n for each index (the symbols are positive integers already)."""
    return tuple(Le(t, n) for t in idx)


def rsm(u: sp.Expr, w: sp.Expr) -> sp.Expr:
    """RealSoftMax(u, w) = log(e^u + e^w)."""
    return sp.log(sp.exp(u) + sp.exp(w))
