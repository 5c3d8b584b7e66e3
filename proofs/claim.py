"""Claims: named mathematical statements that the engine proves or refutes."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.logic.boolalg import Boolean

EXPECTATIONS = ("proved", "refuted", "undecided")
NAME = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*")
"""What a claim's (or derivation's) name may be, matched in full: it becomes an anchor,
a LaTeX label and a word of one-line output."""


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
        if not NAME.fullmatch(self.name):
            raise ValueError(
                f"claim name {self.name!r} must start with a letter and hold only letters, "
                "digits, '_', '-' and '.'"
            )
        _as_relation(self.statement, f"the statement of claim {self.name!r}")
        if self.statement in (sp.true, sp.false):
            raise ValueError(
                f"the statement of claim {self.name!r} is already {self.statement}: sympy "
                "evaluated the relation when it was built, so no sides are left to prove; "
                "write it with proofs.Eq(lhs, rhs) (or Ne, Lt, Le, Gt, Ge), or sympy's "
                "evaluate=False")
        given = self.given
        if isinstance(given, str):
            raise TypeError(f"given of claim {self.name!r} must hold sympy relations such as "
                            f"x > 0 (built from the symbols), not the string {given!r}")
        if isinstance(given, Boolean) or not isinstance(given, Iterable):
            given = (given,)
        given = tuple(given)
        for g in given:
            _as_relation(g, f"each 'given' of claim {self.name!r}")
            if g is sp.false:
                raise ValueError(f"a 'given' of claim {self.name!r} is False as built (sympy "
                                 "evaluated it), so no point meets the assumptions; write it "
                                 "with proofs.Lt, Le, Gt, Ge, Eq or Ne")
        object.__setattr__(self, "given", given)
        if self.expect not in EXPECTATIONS:
            raise ValueError(
                f"expect must be one of {', '.join(EXPECTATIONS)}, got {self.expect!r}"
            )
        if self.source is not None and not isinstance(self.source, str):
            raise TypeError(f"source must be a string such as 'notes/backprop': {self.source!r}")
        if not isinstance(self.title, str):
            raise TypeError("title must be a string")
        hints = self.hints
        if isinstance(hints, (str, bytes)) or not isinstance(hints, Iterable):
            raise TypeError(f"hints of claim {self.name!r} must be a tuple of proof hints "
                            f"(such as squeeze bounds), got {type(hints).__name__}: {hints!r}")
        object.__setattr__(self, "hints", tuple(hints))

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

    def __repr__(self) -> str:
        return f"<Claim {self.name}: {one_line(self.statement)}>"

    def __str__(self) -> str:
        return f"{self.name}: {sp.sstr(self.statement)}"

    def _repr_latex_(self) -> str:
        title = rf"\ \text{{— {text_tex(self.title)}}}" if self.title else ""
        where = self.assumptions_latex()
        where = rf"\quad \text{{where }} {where}" if where else ""
        return (rf"$\displaystyle \textbf{{{text_tex(self.name)}}}{title}:\quad "
                rf"{sp.latex(self.statement)}{where}$")

    def _repr_markdown_(self) -> str:
        head = "Recorded mistake" if self.expect == "refuted" else "Claim"
        title = f" — {html_safe(self.title)}" if self.title else ""
        lines = [f"**{head}** `{self.name}`{title}", "", "$$", sp.latex(self.statement), "$$"]
        where = self.assumptions_latex()
        if where:
            lines += ["", f"where ${where}$"]
        if self.source:
            lines += ["", f"*source: {html_safe(self.source)}*"]
        return "\n".join(lines)

    @property
    def free_symbols(self) -> set[sp.Basic]:
        """The symbols the claim quantifies over (statement and given)."""
        out: set[sp.Basic] = set(self.statement.free_symbols)
        for g in self.given:
            out |= g.free_symbols
        return out

    def symbol_assumptions(self) -> tuple[tuple[str, tuple[sp.Symbol, ...]], ...]:
        """The symbols' own assumptions, grouped: (("real", (a, b)), ("positive", (λ,)))
        in the order of the sorted symbols; a kind is one of SYMBOL_KINDS."""
        groups: dict[str, list[sp.Symbol]] = {}
        for sym in sorted((x for x in self.free_symbols if isinstance(x, sp.Symbol)),
                          key=sp.default_sort_key):
            kind = next((k for k in SYMBOL_KINDS if getattr(sym, f"is_{k}")), None)
            if kind:
                groups.setdefault(kind, []).append(sym)
        return tuple((k, tuple(v)) for k, v in groups.items())

    def assumptions_latex(self, latex: Callable[[Any], str] = sp.latex) -> str:
        """`a, b \\in \\mathbb{R},\\quad \\lambda > 0,\\quad a > b`: the symbols'
        assumptions, then `given`, written with the printer `latex`."""
        parts = [", ".join(latex(x) for x in syms) + " " + SYMBOL_KINDS[kind]
                 for kind, syms in self.symbol_assumptions()]
        parts += [latex(g) for g in self.given]
        return r",\quad ".join(parts)


SYMBOL_KINDS = {"positive": "> 0", "nonnegative": r"\ge 0", "negative": "< 0",
                "integer": r"\in \mathbb{Z}", "real": r"\in \mathbb{R}"}
"""A symbol's assumption as a sheet states it (the first that holds, in this order)."""


def one_line(obj: Any, limit: int = 160) -> str:
    """sympy's plain text of `obj` on one line, shortened past `limit` characters."""
    text = " ".join(sp.sstr(obj).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def text_tex(text: str) -> str:
    """Text for `\\text{...}` in MathJax or KaTeX math."""
    return "".join(_TEXT_TEX.get(ch, ch) for ch in text)


def html_safe(text: str) -> str:
    """Text for a Markdown display: no HTML tag can open in it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_TEXT_TEX = {"\\": r"}\backslash\text{", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
             "#": r"\#", "%": r"\%", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
             "<": r"}<\text{", ">": r"}>\text{"}  # math < and >: no HTML tag can open
