"""proofs.reads: the indexed variables an expression reads, without evaluating it."""

from __future__ import annotations

import itertools

import pytest
import sympy as sp

from proofs import reads
from proofs.balls import Undefined

n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True)
x, y = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)


def test_the_variables_of_a_double_sum_are_read_over_their_own_index_only() -> None:
    expr = sp.Sum(x[i] * y[j] + x[j], (i, 1, n), (j, 2, n))
    assert reads.indexed_atoms(expr, {n: 4}) == {x[1], x[2], x[3], x[4], y[2], y[3], y[4]}
    assert reads.indexed_atoms(sp.Sum(x[i], (i, 1, n), (j, 1, 0)), {n: 4}) == set()


ATOMS = [
    sp.Sum(x[i] * y[j], (i, 1, n), (j, 1, n)),
    sp.Sum(x[i + j] - y[2 * i], (i, 0, n), (j, 1, 2)),
    sp.Sum(x[i], (i, 1, n), (j, 2, 1)),  # an empty outer loop
    sp.Sum(sp.Sum(x[k] * y[j], (k, 1, 2)) * x[k], (k, 1, n), (j, 3, n)),  # shadowing
    sp.Sum(x[j], (j, 1, i), (i, 0, n)),  # bounds read an index: term by term
    x[n] + sp.Product(y[i], (i, n, n + 2)),
]


@pytest.mark.parametrize("expr", ATOMS, ids=range(len(ATOMS)))
def test_indexed_atoms_by_ranges_match_the_term_by_term_walk(expr: sp.Expr) -> None:
    for size in range(0, 5):
        walked = reads.term_by_term(expr, {n: size})
        assert reads.indexed_atoms(expr, {n: size}) == {base[index] for base, index in walked}
        if expr is not ATOMS[4]:  # (by ranges needs bounds that read no index)
            assert reads.by_ranges(expr, {n: size}) == walked


def test_every_catalog_sum_reads_the_same_variables_both_ways() -> None:
    from derivations import catalog
    from proofs.points import Sampler, _pieces

    for claim in catalog():
        dims = Sampler([claim.statement], claim.given, seed=0).shape.dims
        if not dims:
            continue
        for size, piece in itertools.product((0, 1, 3), _pieces(claim.statement)):
            ints = {d: size for d in dims}
            ways = []
            for walk in (reads.term_by_term, reads.by_ranges):
                try:
                    ways.append(walk(piece, ints))
                except Undefined:
                    ways.append("undefined")
            assert ways[0] == ways[1], (claim.name, size)
