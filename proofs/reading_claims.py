"""Claims in a document: a relation drafted when it is read and finished at the end of its
sentence (a trailing condition may still come), with the conditions on its variables,
its free indices bounded by the dimension, and the signs put on its symbols."""

from __future__ import annotations

import re
from typing import Any

import sympy as sp
from sympy.core.relational import Relational

from .claim import Claim
from .latex_math import Side, VectorValue, fresh_bounds, index, on_sides, real, replace_symbols
from .latex_tokens import Token
from .reading_conditions import is_sign, names_of, refinements
from .reading_context import CHECKED_OPS, OP_TEXT, Condition, Context, Draft, Link


def draft(ctx: Context, slot: int, a: Side, op: Token, b: Side, line: int, latex: str,
          sides_latex: tuple[str, str], conditions: tuple[Condition, ...]) -> None:
    """The claim `a op b` as a draft in `slot` (finished at the end of the sentence), or
    the reason why there is none."""
    latex = " ".join(latex.split())
    guesses = a.guesses + b.guesses

    def unchecked(reason: str) -> None:
        ctx.links[slot] = Link(line, latex, None, reason, guesses)

    for s in (a, b):
        if s.error:
            return unchecked(f"cannot read it: {s.error}")
    if op.text not in CHECKED_OPS and op.text != "~=":
        return unchecked(f"the relation {OP_TEXT.get(op.text, op.text)} is not checked")
    lhs, rhs = a.expr, b.expr
    if isinstance(lhs, tuple) or isinstance(rhs, tuple):
        return unchecked("a list of expressions on one side")
    if isinstance(lhs, VectorValue) or isinstance(rhs, VectorValue):
        if not (isinstance(lhs, VectorValue) and isinstance(rhs, VectorValue)) \
                or op.text != "=":
            return unchecked("compares a vector with a number")
        j = index("j")
        lhs, rhs = lhs.at(j), rhs.at(j)
    if op.text == "~=":
        written = "".join(t.text for t in b.tokens)
        m = re.fullmatch(r"-?\d+\.(\d+)(?:(?:times|cdot|\*)10\^\{?(-?\d+)\}?)?", written)
        if m is None or lhs.free_symbols:
            return unchecked("≈ is checked only between a closed-form number and a decimal")
        unit = sp.Integer(10) ** (int(m.group(2) or 0) - len(m.group(1)))
        statement = sp.And(sp.Ge(lhs, rhs - unit, evaluate=False),
                           sp.Le(lhs, rhs + unit, evaluate=False))
    else:
        try:
            statement = CHECKED_OPS[op.text](lhs, rhs, evaluate=False)
        except (TypeError, ValueError) as exc:
            return unchecked(f"cannot state it: {exc}"[:200])
    ctx.drafts.append(Draft(slot, line, latex, statement, guesses, lhs, rhs, op.text,
                            conditions, tuple(" ".join(x.split()) for x in sides_latex)))


def finish(ctx: Context, d: Draft) -> Link:
    """The claim of a draft, with the conditions that concern its variables."""
    statement = fresh_bounds(d.statement, set())
    names = names_of(statement)
    dim = ctx.state.notation.dimension
    given = [c for c in d.conditions if c.names <= names | {dim}]
    scope = [f"{c.latex} (line {c.line})" for c in given]
    taken = {s for s in statement.free_symbols if isinstance(s, sp.Symbol)}
    # "for $i \\neq j$": letters read as numbers in a condition are the claim's indices
    indices = {s.name: s for s in _free_indices(statement)}
    relations = [replace_symbols(fresh_bounds(c.relation, taken),
                                 {real(k): v for k, v in indices.items()}, rename=True)
                 for c in given]
    n = index(dim)
    if statement.has(n):
        if not any(isinstance(c.relation, Relational) and n in (c.relation.lhs, c.relation.rhs)
                   for c in given):
            relations.append(sp.Ge(n, 2))
            scope.append(f"{dim} ≥ 2")
        relations.extend(sp.Le(i, n) for i in sorted(_free_indices(statement), key=str)
                         if i != n)
        top = _concrete_indices(statement)
        if 0 in top:
            return Link(d.line, d.latex, None, "entries numbered from 0 next to a sum that "
                        "runs from 1: the range of the index is unclear", d.guesses)
        if top and max(top) > 2:
            relations.append(sp.Ge(n, max(top)))
    refine = refinements(relations)
    def refined(e: Any) -> Any:
        return replace_symbols(e, refine, rename=True)
    statement = on_sides(statement, refined)
    relations = [on_sides(r, refined) for r in relations if not is_sign(r)]
    relations = [r for r in relations if r is not sp.true]
    ctx.counter += 1
    try:
        claim = Claim(f"line{d.line}-{ctx.counter}", statement, given=tuple(relations))
    except (TypeError, ValueError) as exc:
        return Link(d.line, d.latex, None, f"cannot state it: {exc}"[:200], d.guesses)
    return Link(d.line, d.latex, claim, "", d.guesses, tuple(scope), refined(d.lhs),
                refined(d.rhs), d.op, d.sides_latex)


def _free_indices(e: Any) -> set[sp.Symbol]:
    out = set()
    for a in e.atoms(sp.Indexed):
        for i in a.indices:
            out |= {s for s in i.free_symbols if s.is_integer}
    bound = {lim[0] for s in e.atoms(sp.Sum, sp.Product) for lim in s.limits}
    out |= {s for k in e.atoms(sp.KroneckerDelta) for s in k.free_symbols}
    return out - bound


def _concrete_indices(e: Any) -> set[int]:
    summed = {str(a.base.label) for s in e.atoms(sp.Sum) for a in s.function.atoms(sp.Indexed)}
    return {int(i) for a in e.atoms(sp.Indexed) for i in a.indices
            if i.is_Integer and str(a.base.label) in summed}
