"""Definitions in a document: what a left side defines (a function `f(x)`, a family of
entries `p_j`, a name or a value `x = 3`), whether it is new, and recording it in the
notation with its right side read as its body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .documents import Part
from .latex_math import (
    FUNCTION_LETTERS,
    Family,
    FunctionDef,
    ReadError,
    Side,
    VectorValue,
    index,
    read_statements,
    real,
)
from .latex_tokens import GREEK, Token
from .reading_context import Context


@dataclass(frozen=True)
class _Target:
    kind: str              # function | family | name | power
    name: str
    params: tuple[str, ...] = ()
    index: str = ""


def _target(side: Side) -> _Target | None:
    """What a left side `f(x)`, `p_j`, `x`, `w_0`, `\\sigma^2`, `softmax(o)_j` defines."""
    toks = [t for t in side.tokens]
    if not toks:
        return None
    head = toks[0]
    if head.kind == "cmd" and head.text in GREEK:
        name = head.text
    elif head.kind in ("letter", "word", "vec"):
        name = head.text
    else:
        return None
    rest = toks[1:]
    if rest and rest[0].kind == "op" and rest[0].text == "_":
        sub, rest = _sub_tokens(rest[1:])
        if sub is None:
            return None
        if len(sub) == 1 and sub[0].kind == "letter" and len(sub[0].text) == 1 and not rest:
            return _Target("family", name, index=sub[0].text)
        if len(sub) == 1 and sub[0].kind == "num" and "." not in sub[0].text and not rest:
            return _Target("name", f"{name}[{int(sub[0].text)}]")
        if all(t.kind in ("letter", "text") for t in sub) and len(sub) >= 1:
            name = f"{name}_{''.join(t.text for t in sub)}"
        else:
            return None
    if not rest:
        return _Target("name", name)
    if rest[0].kind == "op" and rest[0].text == "^" and len(rest) <= 4:
        return _Target("power", name)
    if rest[0].kind == "op" and rest[0].text == "(":
        params, k = [], 1
        while k < len(rest):
            t = rest[k]
            if t.kind in ("letter", "vec") or t.kind == "cmd" and t.text in GREEK:
                params.append(t.text)
            elif not (t.kind == "op" and t.text == ","):
                break
            k += 1
        if k >= len(rest) or rest[k].text != ")" or not params or \
                len(set(params)) != len(params):
            return None
        tail = rest[k + 1:]
        if not tail:
            return _Target("function", name, tuple(params))
        if len(tail) == 2 and tail[0].text == "_" and tail[1].kind == "letter":
            return _Target("function", name, tuple(params), tail[1].text)
        if len(tail) == 4 and tail[0].text == "_" and tail[2].kind == "letter":
            return _Target("function", name, tuple(params), tail[2].text)
    return None


def _sub_tokens(toks: list[Token]) -> tuple[list[Token] | None, list[Token]]:
    if not toks:
        return None, []
    if toks[0].kind == "op" and toks[0].text == "{":
        depth = 0
        for k, t in enumerate(toks):
            if t.kind == "op" and t.text == "{":
                depth += 1
            elif t.kind == "op" and t.text == "}":
                depth -= 1
                if depth == 0:
                    return toks[1:k], toks[k + 1:]
        return None, []
    return [toks[0]], toks[1:]


def _plain_names(side: Side) -> set[str]:
    """The variables a side is written with: `x` for a plain one, `x_` for entries."""
    toks = list(side.tokens) + [Token("end", "", 0)]
    return {t.text + ("_" if toks[k + 1].text == "_" else "")
            for k, t in enumerate(toks[:-1])
            if (t.kind == "letter" and t.text != "e" or t.kind == "cmd" and t.text in GREEK)
            and toks[k + 1].text not in ("(", "'") and t.text not in FUNCTION_LETTERS}


def _plain_value_names(e: Any) -> set[str]:
    """The variables of an expression, named as `_plain_names` names them."""
    labels = {b.label for b in e.atoms(sp.IndexedBase)}
    return {s.name for s in e.free_symbols if isinstance(s, sp.Symbol) and s not in labels
            and not s.is_integer} | {f"{b}_" for b in labels}


def definable(side: Side) -> bool:
    """The side could be the left side of a definition (`f(x)`, `p_j`, `x`)."""
    return _target(side) is not None


def new_name(ctx: Context, side: Side, rhs: Side | None = None) -> bool:
    """The left side names something the document has not defined, or a name it gives a
    new meaning: a value after a value (`x = 3` after `x = -2`), or an expression in
    other variables (`f = AB` after `f = (x + y)z`: the next example)."""
    t = _target(side)
    nt = ctx.state.notation
    if t is None:
        return False
    if t.kind == "function":
        return t.name not in nt.functions and not (
            t.name.lower() in nt.vocabulary.checked and len(t.params) >= 1)
    if t.kind == "family":
        return t.name not in nt.families
    if t.kind == "power":
        return not nt.defines(t.name)
    value = nt.names.get(t.name)
    if value is not None:
        if not getattr(value, "free_symbols", True):
            return True
        names = _plain_names(rhs) if rhs is not None else set()
        return bool(names - _plain_value_names(value)) and bool(names)
    return t.name not in nt.functions and t.name not in nt.families


def define(ctx: Context, lhs: Side, p: Part, op: Token) -> None:
    """Record the definition `lhs = (the side after op)`; the right side is read again
    with the defined parameters (and the document's values) held as plain variables."""
    t = _target(lhs)
    if t is None or t.kind == "power":
        return
    nt = ctx.state.notation
    rhs_text = _rhs_text(p.text, op)
    values = frozenset(k for k, v in nt.names.items()
                       if isinstance(v, sp.Basic) and not v.free_symbols)
    held = values | set(t.params) | ({t.index} if t.index else set()) | {t.name}
    try:
        statements = read_statements(rhs_text, nt, frozenset(held))
    except ReadError:
        return
    if not statements or statements[0].sides[0].error:
        return
    body = statements[0].sides[0].expr
    if isinstance(body, VectorValue):
        return
    if t.kind == "function":
        if t.index:
            body = body.xreplace({real(t.index): index(t.index)})
        f = FunctionDef(t.name, t.params, body, index(t.index) if t.index else None, p.line)
        ctx.state.notation = nt.with_function(f)
    elif t.kind == "family":
        j = index(t.index)
        ctx.state.notation = nt.with_family(Family(t.name, j, body, p.line))
    else:
        ctx.state.notation = nt.with_name(t.name, body)
    ctx.redo = ctx.redo or bool(ctx.sentence)


def _rhs_text(text: str, op: Token) -> str:
    """The text of the side after the relation `op` (up to the next top-level relation,
    `\\quad`, text word or comma)."""
    m = re.compile(r"\\[A-Za-z]+|:=|<=|>=|!=|.").match(text, op.pos)
    return text[m.end():] if m else text[op.pos + 1:]
