"""Formulas cut into statements and each statement into its sides at the relations (a
chain `a = b \\le c` is one statement with three sides); each side is read on its own by
`latex_grammar.Reader`, so an unreadable side costs only the links that touch it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .latex_grammar import Reader
from .latex_notation import Notation, ReadError
from .latex_tokens import CLOSE, OPEN, Token, TokenError, tokenize
from .latex_vocabulary import VocabularyError


@dataclass(frozen=True)
class Side:
    """One side of a relation: the expression read (None when unreadable, with `error`),
    where it is in the formula, and the readings that were choices (`guesses`)."""

    expr: Any
    start: int
    end: int
    error: str = ""
    guesses: tuple[str, ...] = ()
    tokens: tuple[Token, ...] = ()
    defined: bool = False   # a definition of the document was used


@dataclass(frozen=True)
class Statement:
    """Sides joined by relations (`a = b \\le c`), and the word that introduced it inside
    the formula (`\\text{for}`), lower-case."""

    sides: tuple[Side, ...]
    ops: tuple[Token, ...]
    lead: str = ""


def _lead_word(text: str) -> str:
    t = " ".join(text.lower().split())
    return t.rstrip(",.:;")


def split_statements(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """The statements of a formula: (introducing word, tokens), cut at gaps, text words
    and top-level commas or semicolons. A part without a relation is joined to the next
    one (the list `a, b > 0`)."""
    out: list[tuple[str, list[Token]]] = []
    lead, cur, depth = "", [], 0
    pending: list[Token] = []
    for t in tokens:
        if t.kind == "op" and t.text in OPEN:
            depth += 1
        elif t.kind == "op" and t.text in CLOSE:
            depth -= 1
        cut = depth <= 0 and (t.kind in ("gap", "text", "end")
                              or (t.kind == "op" and t.text in ",;"))
        if not cut:
            cur.append(t)
            continue
        if cur:
            if any(x.kind == "rel" for x in cur):
                out.append((lead, pending + cur))
                pending, lead = [], ""
            elif t.kind == "op" and t.text == ",":
                pending = pending + cur + [t]
            else:
                out.append((lead, pending + cur))
                pending, lead = [], ""
        cur = []
        if t.kind == "text":
            lead = _lead_word(t.text)
    if pending:
        out.append((lead, pending[:-1] if pending[-1].text == "," else pending))
    return out


def split_sides(tokens: list[Token]) -> tuple[list[list[Token]], list[Token]]:
    """The sides of a statement and the relations between them (top level only)."""
    sides, ops, cur, depth = [], [], [], 0
    for t in tokens:
        if t.kind == "op" and t.text in OPEN:
            depth += 1
        elif t.kind == "op" and t.text in CLOSE:
            depth -= 1
        if t.kind == "rel" and depth <= 0:
            sides.append(cur)
            ops.append(t)
            cur = []
        else:
            cur.append(t)
    sides.append(cur)
    while sides and sides[-1] and sides[-1][-1].kind == "op" and sides[-1][-1].text in ".,;":
        sides[-1] = sides[-1][:-1]
    return sides, ops


def read_statements(text: str, notation: Notation,
                    suspended: frozenset[str] = frozenset()) -> list[Statement]:
    """The statements of the formula `text`, each side read with `notation` (the names in
    `suspended` are read as plain variables, not by their definitions). A formula that
    cannot even be cut into tokens is a ReadError."""
    try:
        tokens = tokenize(text, notation.vocabulary.names
                          | frozenset(n.lower() for n in notation.functions))
    except TokenError as exc:
        raise ReadError(str(exc)) from None
    out = []
    for lead, toks in split_statements(tokens):
        sides_toks, ops = split_sides(toks)
        sides = tuple(read_side(s, text, notation, suspended) for s in sides_toks)
        out.append(Statement(sides, tuple(ops), lead))
    return out


def read_side(toks: list[Token], text: str, notation: Notation,
              suspended: frozenset[str] = frozenset()) -> Side:
    """One side read into sympy, or a Side whose `error` says why not."""
    if not toks:
        return Side(None, 0, 0, "an empty side", tokens=())
    start = _side_start(text, toks[0].pos)
    end = _end_of(toks[-1], text)
    items = _top_level_commas(toks)
    if len(items) > 1:  # a list `a, b` (as in `a, b > 0`)
        sides = [read_side(t, text, notation, suspended) for t in items]
        bad = next((s for s in sides if s.error), None)
        guesses = tuple(g for s in sides for g in s.guesses)
        if bad is not None:
            return Side(None, start, end, bad.error, guesses, tuple(toks))
        return Side(tuple(s.expr for s in sides), start, end, "", guesses, tuple(toks),
                    any(s.defined for s in sides))
    reader = Reader(toks, text, notation, suspended)
    try:
        expr = reader.whole()
    except (ReadError, VocabularyError) as exc:
        return Side(None, start, end, str(exc), tuple(reader.guesses), tuple(toks))
    except (RecursionError, TypeError, ValueError, AttributeError, IndexError,
            NotImplementedError, ZeroDivisionError) as exc:
        return Side(None, start, end, f"sympy cannot build it ({type(exc).__name__})",
                    tuple(reader.guesses), tuple(toks))
    return Side(expr, start, end, "", tuple(reader.guesses), tuple(toks), reader.used)


def _side_start(text: str, pos: int) -> int:
    """`pos`, moved back over a `\\left` (or `\\bigl`, ...) that made no token."""
    m = re.search(r"\\(?:left|right|bigl|Bigl|biggl|Biggl|big|Big|bigg|Bigg)\s*$",
                  text[:pos])
    return m.start() if m else pos


def _top_level_commas(toks: list[Token]) -> list[list[Token]]:
    out, cur, depth = [], [], 0
    for t in toks:
        if t.kind == "op" and t.text in OPEN:
            depth += 1
        elif t.kind == "op" and t.text in CLOSE:
            depth -= 1
        if t.kind == "op" and t.text == "," and depth == 0 and cur:
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        out.append(cur)
    return out


def _end_of(tok: Token, text: str) -> int:
    if tok.kind == "end":
        return tok.pos
    m = re.compile(r"\\[A-Za-z]+\*?|\\.").match(text, tok.pos)
    if tok.kind in ("vec", "text", "word", "set", "letter") and text[tok.pos] == "\\":
        depth, j = 0, tok.pos
        while j < len(text):  # through the braced argument
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
    if m:
        return m.end()
    return tok.pos + max(1, len(tok.text))
