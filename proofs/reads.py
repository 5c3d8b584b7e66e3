"""The indexed variables an expression reads at given dimensions (x[1], ..., x[4] of a
sum over i = 1..n at n = 4), found without evaluating anything."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from functools import lru_cache

import sympy as sp

from .balls import MAX_TERMS, free_symbols, integer_field, outer_loop

Atom = tuple[sp.IndexedBase, tuple[int, ...]]
"""An indexed variable as its base and integer indices (each built as sympy once)."""


def indexed_atoms(expr: sp.Basic, ints: Mapping[sp.Symbol, int]) -> set[sp.Indexed]:
    """Every indexed variable `expr` reads with the integer variables at `ints`: the
    summation indices run over their ranges. Raises `balls.Undefined` for an index or
    bound that is not a known integer."""
    walk = term_by_term if _bounds_read_indices(expr) else by_ranges
    return {_indexed(base, index) for base, index in walk(expr, ints)}


@lru_cache(maxsize=8192)
def _indexed(base: sp.IndexedBase, index: tuple[int, ...]) -> sp.Indexed:
    """base[index], built once per process: building an Indexed copies its base's
    assumptions (about 0.1 ms), and the same x[1], ..., x[n] come back at every n and in
    every claim over the same vector."""
    return base[index]


def by_ranges(expr: sp.Basic, ints: Mapping[sp.Symbol, int]) -> set[Atom]:
    """The atoms `expr` reads where no bound of a sum reads a summation index: each
    indexed variable is written out over the loops its indices read only (x[i] inside
    sums over i and j: n values, not n^2)."""
    found: set[Atom] = set()
    _by_ranges(expr, integer_field(ints), found, ())
    return found


def term_by_term(expr: sp.Basic, ints: Mapping[sp.Symbol, int]) -> set[Atom]:
    """The atoms `expr` reads, with every loop run term by term (for any bounds)."""
    found: set[Atom] = set()
    _term_by_term(expr, integer_field(ints), found)
    return found


def _bounds_read_indices(expr: sp.Basic) -> bool:
    loops = [e for e in sp.preorder_traversal(expr) if isinstance(e, (sp.Sum, sp.Product))]
    indices = {k for e in loops for k, _lo, _hi in e.limits}
    return any((free_symbols(lo) | free_symbols(hi)) & indices
               for e in loops for _k, lo, hi in e.limits)


def _ranges(e: sp.Sum | sp.Product, field) -> list[tuple[sp.Symbol, range]]:
    """The loops of a sum, outermost first, each index with the values it runs over."""
    out = []
    for k, lo, hi in reversed(e.limits):
        a, b = field.integer(lo), field.integer(hi)
        out.append((k, range(a, min(b, a + MAX_TERMS) + 1)))
    return out


def _by_ranges(e: sp.Basic, field, found: set[Atom], loops: tuple) -> None:
    """`loops`: the enclosing loops (index, range), none of them empty."""
    if isinstance(e, sp.Indexed):
        free = free_symbols(e)
        reads = [(k, r) for k, r in loops if k in free]
        for values in itertools.product(*(r for _k, r in reads)):
            field.loops.update(zip((k for k, _r in reads), values, strict=True))
            found.add((e.base, tuple(field.integer(i) for i in e.indices)))
        for k, _r in reads:
            field.loops.pop(k, None)
        return
    if isinstance(e, (sp.Sum, sp.Product)):
        inner = _ranges(e, field)
        if any(len(r) == 0 for _k, r in inner):
            return  # the body is never evaluated
        mine = {k for k, _r in inner}
        _by_ranges(e.function, field, found,
                   tuple(x for x in loops if x[0] not in mine) + tuple(inner))
        return
    for a in e.args:
        if isinstance(a, sp.Basic):
            _by_ranges(a, field, found, loops)


def _term_by_term(e: sp.Basic, field, found: set[Atom]) -> None:
    if isinstance(e, sp.Indexed):
        found.add((e.base, tuple(field.integer(i) for i in e.indices)))
        return
    if isinstance(e, (sp.Sum, sp.Product)):
        k, lo, hi, inner = outer_loop(e)
        a, b = field.integer(lo), field.integer(hi)
        outer = field.loops.get(k)
        for i in range(a, min(b, a + MAX_TERMS) + 1):
            field.loops[k] = i
            _term_by_term(inner, field, found)
        if outer is None:
            field.loops.pop(k, None)
        else:
            field.loops[k] = outer
        return
    for a in e.args:
        if isinstance(a, sp.Basic):
            _term_by_term(a, field, found)
