"""The names a formula is read with: the variables, indices and vectors the reader builds,
and what the document has defined so far (`Notation`: its functions, families of entries,
names and values, and the vocabulary of functions known before it)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .latex_vocabulary import STANDARD, Vocabulary

#: letters that name functions in notes (`f(x)` is a call, never f times x)
FUNCTION_LETTERS = frozenset("fghFGHLlPQJ")


class ReadError(ValueError):
    """A part of a formula that this reader does not read (the message is one line)."""


def real(name: str) -> sp.Symbol:
    """The real variable `name`."""
    return sp.Symbol(name, real=True)


def index(name: str) -> sp.Symbol:
    """The index (or dimension) `name`: a positive integer."""
    return sp.Symbol(name, integer=True, positive=True)


def base(name: str) -> sp.IndexedBase:
    """The vector `name`, with real entries."""
    return sp.IndexedBase(name, real=True)


ONES = real("𝟏")  # \mathbf{1}, the all-ones vector, until it is read at an index


def vector_marker(name: str) -> sp.Symbol:
    """The marker of `\\mathbf{name}` until it is read at an index."""
    return ONES if name == "1" else real("𝐯" + name)


@dataclass(frozen=True)
class FunctionDef:
    """`f(x, y) = body` (a vector parameter shows in `body` as its entries `x[k]`);
    `index` is the free index of a coordinate function such as `softmax(o)_j = ...`."""

    name: str
    params: tuple[str, ...]
    body: Any
    index: sp.Symbol | None = None
    line: int = 0


@dataclass(frozen=True)
class Family:
    """`p_j = body`: the entries of a vector defined by a formula in the index."""

    name: str
    index: sp.Symbol
    body: sp.Expr
    line: int = 0


@dataclass(frozen=True)
class Notation:
    """What the document has defined so far: functions, families, names (scalar
    definitions and values, keyed `x` or `w[0]`), the names used as vectors, and the
    dimension symbols (`n`, or the upper bounds of the document's sums); and the
    vocabulary of functions known before the document (`proofs.latex_vocabulary`)."""

    functions: Mapping[str, FunctionDef] = field(default_factory=dict)
    families: Mapping[str, Family] = field(default_factory=dict)
    names: Mapping[str, sp.Expr] = field(default_factory=dict)
    vectors: frozenset[str] = frozenset()
    dimensions: frozenset[str] = frozenset({"n"})
    dimension: str = "n"
    vocabulary: Vocabulary = STANDARD

    def with_function(self, f: FunctionDef) -> Notation:
        return dataclasses.replace(self, functions={**self.functions, f.name: f})

    def with_family(self, f: Family) -> Notation:
        return dataclasses.replace(self, families={**self.families, f.name: f})

    def with_name(self, key: str, value: sp.Expr) -> Notation:
        return dataclasses.replace(self, names={**self.names, key: value})

    def defines(self, name: str) -> bool:
        """True when `name` (a function, family or name key) has a meaning here."""
        return name in self.functions or name in self.families or name in self.names


class VectorValue:
    """A vector-valued result (`softmax(o)`): its coordinate at any index."""

    def __init__(self, at: Callable[[sp.Expr], sp.Expr], text: str) -> None:
        self.at, self.text = at, text



def key_symbol(key: str, notation: Notation) -> sp.Basic:
    """The symbol that a name key of the notation stands for: `x`, or the entry `w[0]`."""
    m = re.fullmatch(r"(.+)\[(\d+)\]", key)
    if m:
        return base(m.group(1))[int(m.group(2))]
    return index(key) if key in notation.dimensions else real(key)
