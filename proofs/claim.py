"""Claims: named mathematical statements that the engine proves or refutes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.logic.boolalg import Boolean

EXPECTATIONS = ("proved", "refuted", "undecided")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")


def _as_relation(value: Any, what: str) -> Boolean:
    """A sympy relational or boolean, or a TypeError naming `what`."""
    if isinstance(value, (bool, sp.Expr)) or not isinstance(value, Boolean):
        raise TypeError(
            f"{what} must be a sympy relational or boolean (Eq, Gt, Ge, Lt, Le, And, ...), "
            f"got {type(value).__name__}: {value!r}"
        )
    return value


@dataclass(frozen=True, eq=True)
class Claim:
    """A named statement with its assumptions, its origin and the verdict it should get.

    `statement` is a sympy relational or boolean (possibly holding Limit, Derivative,
    Sum, matrices or the forms of `proofs.forms`); `given` holds relations between
    symbols beyond the symbols' own assumptions; `expect="refuted"` marks a recorded
    mistake that the engine must refute; `hints` carries optional proof hints (such as
    squeeze bounds) that tactics may use but never trust.
    """

    name: str
    statement: Boolean
    given: tuple[Boolean, ...] = ()
    source: str | None = None
    expect: str = "proved"
    title: str = ""
    hints: tuple[Any, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError("a claim needs a non-empty name")
        if not _NAME.match(self.name):
            raise ValueError(
                f"claim name {self.name!r} must start with a letter and hold only letters, "
                "digits, '_', '-' and '.'"
            )
        _as_relation(self.statement, f"the statement of claim {self.name!r}")
        given = self.given
        if isinstance(given, Boolean) or not isinstance(given, Iterable):
            given = (given,)
        given = tuple(given)
        for g in given:
            _as_relation(g, f"each 'given' of claim {self.name!r}")
        object.__setattr__(self, "given", given)
        if self.expect not in EXPECTATIONS:
            raise ValueError(
                f"expect must be one of {', '.join(EXPECTATIONS)}, got {self.expect!r}"
            )
        if self.source is not None and not isinstance(self.source, str):
            raise TypeError(f"source must be a string such as 'notes/backprop': {self.source!r}")
        if not isinstance(self.title, str):
            raise TypeError("title must be a string")
        object.__setattr__(self, "hints", tuple(self.hints))

    @classmethod
    def from_latex(cls, name: str, tex: str, given: Any = (), *, source: str | None = None,
                   expect: str = "proved", title: str = "", vocabulary: Any = None) -> Claim:
        """The claim that the LaTeX relation `tex` states, as `qedsheet grade` reads it
        (a chain `a \\le b \\le c` states all of its links), under `given`: LaTeX
        assumptions ("\\lambda > 0", "0 < p < 1") or sympy relations on the reader's
        symbols (a variable x is `sp.Symbol("x", real=True)`).

            >>> Claim.from_latex("exp-ge", r"e^{x} \\ge 1 + x").statement
            exp(x) >= x + 1

        LaTeX that cannot be read (or a given that is no assumption) raises a ValueError
        whose message is one line; nothing of `tex` is evaluated as Python. Functions are
        read by name from `vocabulary` (a `proofs.latex_vocabulary.Vocabulary`; by default
        the standard functions only)."""
        from .latex_vocabulary import STANDARD
        from .reading import claim_from_latex

        return claim_from_latex(name, tex, given, source=source, expect=expect, title=title,
                                vocabulary=vocabulary or STANDARD)

    # sympy and Jupyter protocols -------------------------------------------------
    def _sympy_(self) -> Boolean:
        return self.statement

    def _repr_latex_(self) -> str:
        return f"${sp.latex(self.statement)}$"

    def __str__(self) -> str:
        return f"{self.name}: {sp.sstr(self.statement)}"

    @property
    def free_symbols(self) -> set[sp.Basic]:
        """The symbols the claim quantifies over (statement and given)."""
        out: set[sp.Basic] = set(self.statement.free_symbols)
        for g in self.given:
            out |= g.free_symbols
        return out
