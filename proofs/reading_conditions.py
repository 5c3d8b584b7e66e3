"""Conditions in a document: relations and signs assumed from where they are stated (for
the rest of the section, or of the sentence), a later condition on the same variables
replacing an earlier one; signs of plain variables become assumptions of their symbols."""

from __future__ import annotations

from typing import Any

import sympy as sp

from .documents import Part
from .latex_math import Side, VectorValue
from .latex_tokens import Token
from .reading_context import CHECKED_OPS, Condition, Context, op_latex


def sign_relation(x: sp.Symbol, sign: str) -> sp.Basic:
    """The relation that gives `x` the sign named by a word ("positive": x > 0)."""
    return {"positive": sp.Gt(x, 0), "negative": sp.Lt(x, 0), "nonnegative": sp.Ge(x, 0),
            "nonpositive": sp.Le(x, 0)}[sign]


def assume(ctx: Context, sides: list[Side], ops: list[Token], p: Part,
           sentence: bool, trailing: bool) -> None:
    """Assume the relations of a condition (see `add_condition`)."""
    for k, op in enumerate(ops):
        a, b = sides[k], sides[k + 1]
        if op.text == "in":
            _membership(ctx, a, b, p.line, sentence)
            continue
        rel = CHECKED_OPS.get(op.text)
        if rel is None or a.error or b.error or isinstance(a.expr, VectorValue) \
                or isinstance(b.expr, (VectorValue, tuple)):
            continue
        latex = " ".join(f"{p.text[a.start:a.end]} {op_latex(p.text, op)} "
                         f"{p.text[b.start:b.end]}".split())
        for x in listed(a):
            add_condition(ctx, rel(x, b.expr, evaluate=False), p.line, sentence,
                          latex if len(listed(a)) == 1 else "", trailing)


def listed(side: Side) -> list[Any]:
    """The expressions of a side that lists several (`a, b > 0`)."""
    return list(side.expr) if isinstance(side.expr, tuple) else [side.expr]


def _membership(ctx: Context, a: Side, b: Side, line: int, sentence: bool) -> None:
    """`x \\in \\mathbb{R}_{>0}` and the like: signs and integrality."""
    kinds = [(t.kind, t.text) for t in b.tokens]
    if not kinds or kinds[0][0] != "set":
        return
    rest = "".join(t for _, t in kinds[1:])
    sign = {"R": {"": "", "_(>0)": "positive", "^+": "positive", "_+": "positive",
                  "_(\\geq0)": "nonnegative", "_(>=0)": "nonnegative"},
            "N": {"": "positive"}, "Z": {"_(>0)": "positive", "^+": "positive"}}.get(
        kinds[0][1], {}).get(rest.replace("{", "(").replace("}", ")"))
    if sign and isinstance(a.expr, sp.Symbol):
        add_condition(ctx, sign_relation(a.expr, sign), line, sentence)


def add_condition(ctx: Context, rel: Any, line: int, sentence: bool,
                  latex: str = "", trailing: bool = True) -> None:
    """Assume `rel` from here on (to the end of the sentence when `sentence`); with
    `trailing`, the relations already read in this sentence assume it too."""
    if rel in (sp.true, sp.false) or not isinstance(rel, sp.Basic):
        return
    names = names_of(rel)
    cond = Condition(rel, names, line, sentence, latex or _condition_text(rel))
    for d in ctx.drafts if trailing else ():  # "... $X$ for $\\lambda > 0$": X too
        if not any(c.names == names and _same_kind(c.relation, rel) for c in d.conditions):
            d.conditions = d.conditions + (cond,)
    st = ctx.state
    if sentence:
        st.sentence_conditions = st.sentence_conditions + (cond,)
        return
    kept = tuple(c for c in st.conditions if not (c.names == names and
                                                  _same_kind(c.relation, rel)))
    st.conditions = kept + (cond,)


def _same_kind(a: Any, b: Any) -> bool:
    """Two conditions on the same variables replace each other unless one bounds from
    below and the other from above (`0 < p` and `p < 1` both stay)."""
    def direction(r: Any) -> int:
        if isinstance(r, (sp.Gt, sp.Ge)):
            return 1 if not r.lhs.free_symbols else -1
        if isinstance(r, (sp.Lt, sp.Le)):
            return -1 if not r.lhs.free_symbols else 1
        return 0
    da, db = direction(a), direction(b)
    return da == db or 0 in (da, db) or bool(a.lhs.free_symbols and a.rhs.free_symbols)


def names_of(e: Any) -> frozenset[str]:
    """The variables an expression is about: symbol names and vector names."""
    out = {s.name for s in e.free_symbols if isinstance(s, sp.Symbol)}
    out |= {str(b.label) for b in e.atoms(sp.IndexedBase)}
    return frozenset(out)


def _condition_text(r: Any) -> str:
    ops = {sp.Gt: ">", sp.Ge: "≥", sp.Lt: "<", sp.Le: "≤", sp.Eq: "=", sp.Ne: "≠"}
    op = ops.get(type(r))
    if op is None:
        return sp.sstr(r)
    return f"{sp.sstr(r.lhs)} {op} {sp.sstr(r.rhs)}"


def is_sign(r: Any) -> bool:
    """`x > 0`, `x ≥ 0`, `0 < x` ... on one plain variable (a symbol assumption)."""
    if not isinstance(r, (sp.Gt, sp.Ge, sp.Lt, sp.Le)):
        return False
    a, b = r.lhs, r.rhs
    return (isinstance(a, sp.Symbol) and b == 0) or (isinstance(b, sp.Symbol) and a == 0)


def refinements(relations: list[Any]) -> dict[sp.Symbol, sp.Symbol]:
    """Plain variables with a sign condition, as symbols that carry the sign."""
    out: dict[sp.Symbol, sp.Symbol] = {}
    for r in relations:
        if not is_sign(r):
            continue
        x = r.lhs if isinstance(r.lhs, sp.Symbol) else r.rhs
        upper = isinstance(r, (sp.Gt, sp.Ge)) == (x == r.lhs)
        strict = isinstance(r, (sp.Gt, sp.Lt))
        kind = ("positive" if strict else "nonnegative") if upper else \
            ("negative" if strict else "nonpositive")
        assumptions = {kind: True}
        if x.is_integer:
            assumptions["integer"] = True
        else:
            assumptions["real"] = True
        out[x] = sp.Symbol(x.name, **assumptions)
    return out
