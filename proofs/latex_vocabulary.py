"""The functions a formula may call by name, and what each one means: a `Vocabulary`.

The reader of `proofs.latex_math` knows the names of its vocabulary and nothing else. The
engine's own, `STANDARD`, holds standard functions only (exp, log, square roots, the
trigonometric and hyperbolic functions, |x|, sign, max and min of a list); the names of a
subject (σ, softmax, LSE, ...) come from the caller, which passes a vocabulary built on it
(`STANDARD.extended(...)`, as `derivations.latex_vocabulary` does).

A name is looked up without regard to case (`Max`, `\\operatorname{LOG}`). A scalar entry
builds the sympy expression of a call from its arguments; a vector entry is a function of
a whole vector, which arrives as a function of the index (`entry(k)` is the k-th
coordinate) together with the symbol of its dimension.

    >>> import sympy as sp
    >>> a, b = sp.symbols("a b", real=True)
    >>> STANDARD.scalar["max"](a, b)
    Max(a, b)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

#: builds the value of a call from its arguments
Scalar = Callable[..., sp.Expr]
#: the coordinates of a vector: entry(k) is its k-th coordinate
VectorEntry = Callable[[sp.Expr], sp.Expr]


class VocabularyError(ValueError):
    """A known function called with arguments it does not take."""


def one(fn: Callable[[sp.Expr], sp.Expr], name: str) -> Scalar:
    """The entry of a function of one number."""
    def build(*args: sp.Expr) -> sp.Expr:
        if len(args) != 1:
            raise VocabularyError(f"{name} takes one argument, got {len(args)}")
        return fn(args[0])
    return build


def listed(fn: Callable[..., sp.Expr], name: str, least: int = 2) -> Scalar:
    """The entry of a function of numbers listed as arguments (at least `least`)."""
    def build(*args: sp.Expr) -> sp.Expr:
        if len(args) < least:
            raise VocabularyError(f"{name} of {len(args)} argument(s) is not read here "
                                  f"(it needs at least {least} numbers listed)")
        return fn(*args)
    return build


@dataclass(frozen=True)
class VectorFunction:
    """A function of a whole vector: `value(entry, n, k)` is its value at the vector of
    dimension n whose k-th coordinate is `entry(k)` (k: a fresh index for sums). With
    `vector`, the value is a vector, given as its coordinate function (softmax), and the
    argument is always read as a vector; otherwise the value is a number, and a call on
    numbers listed as arguments is read by the scalar entry of the same name (if any)."""

    value: Callable[[VectorEntry, sp.Symbol, sp.Symbol], Any]
    vector: bool = False


@dataclass(frozen=True)
class Vocabulary:
    """The names a formula may call: `scalar` (functions of numbers listed as arguments)
    and `vector` (functions of a whole vector), keyed by their lower-case name; `checked`
    holds the names that an equation `f(x) = ...` with no definition word before it
    checks rather than defines (the document means the known function)."""

    scalar: Mapping[str, Scalar] = field(default_factory=dict)
    vector: Mapping[str, VectorFunction] = field(default_factory=dict)
    checked: frozenset[str] = frozenset()

    @property
    def names(self) -> frozenset[str]:
        """Every name a run of plain letters may spell in a formula (`log(x)`)."""
        return frozenset(self.scalar) | frozenset(self.vector)

    def extended(self, other: Vocabulary) -> Vocabulary:
        """This vocabulary with the names of `other` added (`other` wins a clash)."""
        return dataclasses.replace(self, scalar={**self.scalar, **other.scalar},
                                   vector={**self.vector, **other.vector},
                                   checked=self.checked | other.checked)

    def vector_value(self, name: str, entry: VectorEntry, n: sp.Symbol,
                     k: sp.Symbol) -> tuple[str, Any]:
        """The value of `name` at the vector whose k-th coordinate is `entry(k)`:
        ("scalar", expr), or ("vector", coordinate function)."""
        f = self.vector.get(name.lower())
        if f is None:
            raise VocabularyError(f"{name} of a vector is not read here")
        return ("vector" if f.vector else "scalar"), f.value(entry, n, k)


#: the standard functions, which any notes may use
STANDARD = Vocabulary(
    scalar={
        "exp": one(sp.exp, "exp"),
        "log": one(sp.log, "log"),
        "ln": one(sp.log, "ln"),
        "sqrt": one(sp.sqrt, "sqrt"),
        "sin": one(sp.sin, "sin"), "cos": one(sp.cos, "cos"), "tan": one(sp.tan, "tan"),
        "sinh": one(sp.sinh, "sinh"), "cosh": one(sp.cosh, "cosh"),
        "tanh": one(sp.tanh, "tanh"),
        "abs": one(sp.Abs, "abs"), "sgn": one(sp.sign, "sgn"), "sign": one(sp.sign, "sign"),
        "max": listed(sp.Max, "max"), "min": listed(sp.Min, "min"),
    },
    checked=frozenset(("exp", "log", "tanh")),
)
