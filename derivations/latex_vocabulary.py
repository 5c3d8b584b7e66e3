"""The function names that notes on ML mathematics use, for reading them in LaTeX.

`VOCABULARY` is the engine's standard functions (`proofs.latex_vocabulary.STANDARD`) and
the names of the catalog's subject: σ (the logistic sigmoid), ReLU, softplus, softmax and
softmin of a vector, LSE / logsumexp / RealSoftMax of a vector or of numbers listed, and
RealSoftMin. `qedsheet grade` and `qedsheet check notes.md` read with it; pass it to
`proofs.grading.grade_text`, `proofs.reading.read_claims` or `Claim.from_latex` to read
these names in Python.

    >>> import sympy as sp
    >>> a, b = sp.symbols("a b", real=True)
    >>> VOCABULARY.scalar["realsoftmax"](a, b)
    log(exp(a) + exp(b))
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from proofs.latex_vocabulary import (
    STANDARD,
    VectorEntry,
    VectorFunction,
    Vocabulary,
    listed,
    one,
)


def sigmoid(x: sp.Expr) -> sp.Expr:
    """1/(1 + e^{-x})."""
    return 1 / (1 + sp.exp(-x))


def _lse(*args: sp.Expr) -> sp.Expr:
    return sp.log(sp.Add(*(sp.exp(a) for a in args)))


def _lse_min(*args: sp.Expr) -> sp.Expr:
    return -sp.log(sp.Add(*(sp.exp(-a) for a in args)))


def _sum(entry: VectorEntry, n: sp.Symbol, k: sp.Symbol, fn: Callable) -> sp.Sum:
    return sp.Sum(fn(entry(k)), (k, 1, n))


def _lse_vector(entry: VectorEntry, n: sp.Symbol, k: sp.Symbol) -> sp.Expr:
    return sp.log(_sum(entry, n, k, sp.exp))


def _lse_min_vector(entry: VectorEntry, n: sp.Symbol, k: sp.Symbol) -> sp.Expr:
    return -sp.log(_sum(entry, n, k, lambda e: sp.exp(-e)))


def _softmax(entry: VectorEntry, n: sp.Symbol, k: sp.Symbol) -> VectorEntry:
    return lambda j: sp.exp(entry(j)) / _sum(entry, n, k, sp.exp)


def _softmin(entry: VectorEntry, n: sp.Symbol, k: sp.Symbol) -> VectorEntry:
    return lambda j: sp.exp(-entry(j)) / _sum(entry, n, k, lambda e: sp.exp(-e))


ML = Vocabulary(
    scalar={
        "sigma": one(sigmoid, "σ"), "sigmoid": one(sigmoid, "sigmoid"),
        "relu": one(lambda x: sp.Max(0, x), "ReLU"),
        "softplus": one(lambda x: sp.log(1 + sp.exp(x)), "softplus"),
        "realsoftmax": listed(_lse, "RealSoftMax"), "lse": listed(_lse, "LSE"),
        "logsumexp": listed(_lse, "logsumexp"), "realsoftmin": listed(_lse_min, "RealSoftMin"),
    },
    vector={
        "lse": VectorFunction(_lse_vector), "logsumexp": VectorFunction(_lse_vector),
        "realsoftmax": VectorFunction(_lse_vector),
        "realsoftmin": VectorFunction(_lse_min_vector),
        "softmax": VectorFunction(_softmax, vector=True),
        "softmin": VectorFunction(_softmin, vector=True),
    },
    checked=frozenset(("sigma", "sigmoid", "softmax", "softmin", "lse", "logsumexp",
                       "realsoftmax", "realsoftmin", "relu", "softplus")),
)

#: what `qedsheet grade` and `qedsheet check` read notes with
VOCABULARY = STANDARD.extended(ML)
