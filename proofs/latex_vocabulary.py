"""The function names that notes on ML mathematics use, and what each one means.

A name is looked up without regard to case (`softmax`, `Softmax`, `\\operatorname{LSE}`,
`\\mathrm{RealSoftMax}`). Each entry builds the sympy expression of a call from its
arguments; a vector argument arrives as a function of the index (`entry(k)` is the k-th
coordinate) together with the symbol of its dimension.

    >>> import sympy as sp
    >>> a, b = sp.symbols("a b", real=True)
    >>> SCALAR["realsoftmax"](a, b)
    log(exp(a) + exp(b))
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

Entry = Callable[[sp.Expr], sp.Expr]


class VocabularyError(ValueError):
    """A known function called with arguments it does not take."""


def sigmoid(x: sp.Expr) -> sp.Expr:
    """1/(1 + e^{-x})."""
    return 1 / (1 + sp.exp(-x))


def _one(fn: Callable[[sp.Expr], sp.Expr], name: str) -> Callable[..., sp.Expr]:
    def build(*args: sp.Expr) -> sp.Expr:
        if len(args) != 1:
            raise VocabularyError(f"{name} takes one argument, got {len(args)}")
        return fn(args[0])
    return build


def _list(fn: Callable[..., sp.Expr], name: str, least: int = 2) -> Callable[..., sp.Expr]:
    def build(*args: sp.Expr) -> sp.Expr:
        if len(args) < least:
            raise VocabularyError(f"{name} of {len(args)} argument(s) is not read here "
                                  f"(it needs at least {least} numbers listed)")
        return fn(*args)
    return build


def _lse(*args: sp.Expr) -> sp.Expr:
    return sp.log(sp.Add(*(sp.exp(a) for a in args)))


def _lse_min(*args: sp.Expr) -> sp.Expr:
    return -sp.log(sp.Add(*(sp.exp(-a) for a in args)))


#: functions of numbers listed as arguments
SCALAR: dict[str, Callable[..., sp.Expr]] = {
    "exp": _one(sp.exp, "exp"),
    "log": _one(sp.log, "log"),
    "ln": _one(sp.log, "ln"),
    "sqrt": _one(sp.sqrt, "sqrt"),
    "sin": _one(sp.sin, "sin"), "cos": _one(sp.cos, "cos"), "tan": _one(sp.tan, "tan"),
    "sinh": _one(sp.sinh, "sinh"), "cosh": _one(sp.cosh, "cosh"),
    "tanh": _one(sp.tanh, "tanh"),
    "sigma": _one(sigmoid, "σ"), "sigmoid": _one(sigmoid, "sigmoid"),
    "relu": _one(lambda x: sp.Max(0, x), "ReLU"),
    "softplus": _one(lambda x: sp.log(1 + sp.exp(x)), "softplus"),
    "abs": _one(sp.Abs, "abs"), "sgn": _one(sp.sign, "sgn"), "sign": _one(sp.sign, "sign"),
    "max": _list(sp.Max, "max"), "min": _list(sp.Min, "min"),
    "realsoftmax": _list(_lse, "RealSoftMax"), "lse": _list(_lse, "LSE"),
    "logsumexp": _list(_lse, "logsumexp"), "realsoftmin": _list(_lse_min, "RealSoftMin"),
}

VectorEntry = Callable[[sp.Expr], sp.Expr]


def _sum(entry: VectorEntry, n: sp.Symbol, k: sp.Symbol, fn: Callable) -> sp.Sum:
    return sp.Sum(fn(entry(k)), (k, 1, n))


def vector_value(name: str, entry: VectorEntry, n: sp.Symbol,
                 k: sp.Symbol) -> tuple[str, Callable[[sp.Expr], sp.Expr] | sp.Expr]:
    """The value of `name` at the vector whose k-th coordinate is `entry(k)`: ("scalar",
    expr) for LSE and the like, ("vector", coordinate function) for softmax."""
    key = name.lower()
    if key in ("lse", "logsumexp", "realsoftmax"):
        return "scalar", sp.log(_sum(entry, n, k, sp.exp))
    if key == "realsoftmin":
        return "scalar", -sp.log(_sum(entry, n, k, lambda e: sp.exp(-e)))
    if key == "softmax":
        return "vector", lambda j: sp.exp(entry(j)) / _sum(entry, n, k, sp.exp)
    if key == "softmin":
        return "vector", lambda j: sp.exp(-entry(j)) / _sum(entry, n, k, lambda e: sp.exp(-e))
    raise VocabularyError(f"{name} of a vector is not read here")


#: names that take a whole vector
VECTOR = frozenset(("softmax", "softmin", "lse", "logsumexp", "realsoftmax", "realsoftmin"))
#: every name a run of plain letters may spell in a formula (`softmax(o)`, `log(x)`)
NAMES = frozenset(SCALAR) | VECTOR
