"""Bound variables and substitution in what the reader builds: summation indices renamed
so that nothing is captured, symbols replaced only where they are free, entries of
vectors replaced by formulas."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import sympy as sp
from sympy.core.relational import Relational

from .latex_notation import ReadError, index

_BOUND_NAMES = ("k", "t", "s", "r", "u", "m", "q", "a", "b", "c")


def fresh_bounds(expr: Any, taken: set[sp.Symbol]) -> Any:
    """`expr` with each summation index renamed where it collides with `taken` or with an
    index of an enclosing sum, so that substituting or differentiating cannot capture it."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum, sp.Product):
        return expr
    taken = set(taken) | {s for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    return _rename(expr, taken)


def on_sides(statement: sp.Basic, f: Callable[[sp.Basic], sp.Basic]) -> sp.Basic:
    """`statement` (a relation, or And/Or of relations) with `f` applied to each side,
    rebuilt without letting sympy decide it on construction."""
    if isinstance(statement, Relational):
        return statement.func(f(statement.lhs), f(statement.rhs), evaluate=False)
    if isinstance(statement, (sp.And, sp.Or, sp.Not)):
        return statement.func(*(on_sides(a, f) for a in statement.args), evaluate=False)
    return f(statement)


def _rename(expr: sp.Basic, taken: set[sp.Symbol]) -> sp.Basic:
    if isinstance(expr, (Relational, sp.And, sp.Or, sp.Not)):
        return on_sides(expr, lambda e: _rename(e, taken))
    if isinstance(expr, (sp.Sum, sp.Product)):
        body, limits = expr.function, []
        for lim in expr.limits:
            v = lim[0]
            if v in taken:
                new = fresh_index(v, taken | body.free_symbols)
                body = body.xreplace({v: new})
                v = new
            taken = taken | {v}
            limits.append((v, *lim[1:]))
        return type(expr)(_rename(body, taken), *limits)
    if not expr.args or not expr.has(sp.Sum, sp.Product):
        return expr
    return expr.func(*(_rename(a, taken) for a in expr.args))


def fresh_index(v: sp.Symbol, taken: set) -> sp.Symbol:
    """An index named like none of `taken` (k, t, s, ..., then v2, v3, ...)."""
    names = {s.name for s in taken if isinstance(s, sp.Symbol)}
    for cand in (*_BOUND_NAMES, *(f"{v.name}{i}" for i in range(2, 50))):
        if cand not in names:
            return index(cand)
    raise ReadError("too many nested sums")


def substitute(expr: Any, mapping: Mapping[sp.Basic, Any]) -> Any:
    """`expr` with `mapping` applied and no summation index captured."""
    taken: set[sp.Symbol] = set()
    for k, v in mapping.items():
        for x in (k, v):
            if isinstance(x, sp.Basic):
                taken |= {s for s in x.free_symbols if isinstance(s, sp.Symbol)}
    return replace_symbols(fresh_bounds(expr, taken), mapping)


def replace_symbols(e: Any, mapping: Mapping[sp.Basic, Any], rename: bool = False) -> Any:
    """`e` with the symbols (and entries) of `mapping` replaced where they are free: never
    inside the name of a vector (`x = 3` leaves the vector x alone), never a summation
    index or the variable of a limit; a derivative by a replaced variable is taken first.
    With `rename` (a symbol for the same symbol with more assumptions) every occurrence
    is replaced, bound ones and derivative variables too."""
    if not mapping or not isinstance(e, sp.Basic):
        return e

    def walk(x: sp.Basic, m: Mapping[sp.Basic, Any]) -> sp.Basic:
        if not m or isinstance(x, sp.IndexedBase):
            return x
        if x in m:
            return m[x]
        if not x.args:
            return x
        if not rename and isinstance(x, sp.Derivative) and any(
                v in m for v, _ in x.variable_count):
            taken = x.doit()
            if not isinstance(taken, sp.Derivative):
                return walk(taken, m)
            return x.subs({k: v for k, v in m.items() if not isinstance(k, sp.Indexed)})
        if not rename and isinstance(x, (sp.Sum, sp.Product, sp.Limit)):
            bound = {x.args[1]} if isinstance(x, sp.Limit) else {lim[0] for lim in x.limits}
            inner = {k: v for k, v in m.items() if k not in bound}
            if isinstance(x, sp.Limit):
                return sp.Limit(walk(x.args[0], inner), x.args[1], walk(x.args[2], inner),
                                str(x.args[3]))
            limits = [(lim[0], *(walk(b, inner) for b in lim[1:])) for lim in x.limits]
            return x.func(walk(x.function, inner), *limits)
        args = [walk(a, m) for a in x.args]
        if all(a is b for a, b in zip(args, x.args, strict=True)):
            return x
        if isinstance(x, Relational):
            return x.func(*args, evaluate=False)
        return x.func(*args)

    return walk(e, mapping)




def with_entries(e: sp.Basic, vectors: Mapping[sp.Basic, Callable[[sp.Expr], sp.Expr]]
                 ) -> sp.Basic:
    """`e` with every entry `x[i]` of a vector in `vectors` replaced by `vectors[x](i)`,
    under sums too (the index of a sum stays the index of the entry)."""
    if not vectors:
        return e
    return e.replace(lambda x: isinstance(x, sp.Indexed) and x.base in vectors,
                     lambda x: vectors[x.base](x.indices[0]))


def plain_symbols(e: sp.Basic) -> set[sp.Basic]:
    """The free symbols of `e` that are not the name of a vector of it."""
    labels = {b.label for b in e.atoms(sp.IndexedBase)}
    return {s for s in e.free_symbols if isinstance(s, sp.Symbol) and s not in labels}
