"""What reading a document carries from formula to formula: the links it has found (a
relation and its claim, or the reason why there is none), the conditions that hold, the
relations of the current sentence waiting for its end, and the relations it checks."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from .claim import Claim
from .documents import Part
from .latex_math import Notation, Side
from .latex_tokens import Token

CHECKED_OPS = {"=": sp.Eq, "<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "!=": sp.Ne}
OP_TEXT = {"=": "=", "<": "<", "<=": "≤", ">": ">", ">=": "≥", "!=": "≠", "~=": "≈",
           "to": "→", "implies": "⇒", "iff": "⇔", "in": "∈", "propto": "∝", ":=": ":=",
           "def": "≝"}


@dataclass(frozen=True)
class Link:
    """One relation of the document: where it is, its LaTeX, and the claim that states
    it (None with the reason when it cannot be checked). `guesses` are readings that
    were choices: a refutation under them is not reported as wrong. `scope` says what
    the claim assumed, for the report."""

    line: int
    latex: str
    claim: Claim | None
    reason: str = ""
    guesses: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    lhs: Any = None
    rhs: Any = None
    op: str = ""
    sides_latex: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Condition:
    """An assumption of the document: a relation (built on real variables) or a sign,
    with the LaTeX it was written in."""

    relation: Any
    names: frozenset[str]
    line: int
    sentence: bool = False
    latex: str = ""


@dataclass
class State:
    """What holds at a point of the document: the notation and the assumptions."""

    notation: Notation
    conditions: tuple[Condition, ...] = ()
    sentence_conditions: tuple[Condition, ...] = ()

    def copy(self) -> State:
        return dataclasses.replace(self)


@dataclass
class Draft:
    """A relation waiting for the end of its sentence, where a trailing condition
    ("... for $\\lambda > 0$") may still come."""

    slot: int
    line: int
    latex: str
    statement: Any
    guesses: tuple[str, ...]
    lhs: Any
    rhs: Any
    op: str
    conditions: tuple[Condition, ...]
    sides_latex: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Origin:
    """Where a relation of the current sentence came from, to read it again when a
    definition follows it in the sentence ("$p_i(1 - p_i) \\ge 0$ where $p_i = ...$")."""

    slot: int
    part: Part
    statement: int
    link: int
    first: Side | None  # the side carried over when the formula continues another
    first_latex: str


@dataclass
class Formula:
    """The last formula read, for a row or display formula that continues it."""

    side: Side | None
    latex: str
    text: str


@dataclass
class Context:
    """Everything reading a document carries from formula to formula."""

    state: State
    stack: list[tuple[int, State]] = field(default_factory=list)
    last: Formula | None = None
    links: list[Link | None] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    sentence: list[Origin] = field(default_factory=list)  # relations read this sentence
    redo: bool = False  # a definition came after some of them
    prefix: list[str] = field(default_factory=list)  # words and markers of the sentence
    counter: int = 0
    claims_only: bool = False  # every relation is a claim (Claim.from_latex)
    definitions: int = 0
    conditions: int = 0
    formulas: int = 0


def op_latex(text: str, op: Token) -> str:
    """The relation `op` as the formula `text` writes it (`\\le`, `<=`, `=`)."""
    m = re.compile(r"\\[A-Za-z]+|:=|<=|>=|!=|.").match(text, op.pos)
    return m.group() if m else op.text
