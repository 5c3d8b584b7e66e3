"""Identity tactics: zero-equivalence of the difference, given equalities, matrices."""

from __future__ import annotations

import sympy as sp

from proofs import budget
from proofs.search import Decline, Goal
from proofs.tactics import identity as ident

x, y, a, b = sp.symbols("x y a b", real=True)
p, q = sp.symbols("p q", positive=True)


def run(tactic, statement, given=()):
    with budget.deadline(20):
        try:
            return tactic(Goal(statement, tuple(given)))
        except Decline:
            return None


def test_cheap_normal_forms() -> None:
    sig = 1 / (1 + sp.exp(-x))
    stmt = sp.Eq(sp.Derivative(sig, x), sig * (1 - sig), evaluate=False)
    proof = run(ident.zero_by_normal_forms, stmt)
    assert proof is not None and proof.steps[0].why == "differentiate"
    assert run(ident.zero_by_normal_forms, sp.Eq(sp.log(p * q), sp.log(p) + sp.log(q),
                                                 evaluate=False)) is not None


def test_normal_forms_respect_assumptions() -> None:
    # log(x*y) = log x + log y needs positivity: never forced
    assert run(ident.zero_by_normal_forms, sp.Eq(sp.log(x * y), sp.log(x) + sp.log(y),
                                                 evaluate=False)) is None
    assert run(ident.zero_by_simplify, sp.Eq(sp.log(x * y), sp.log(x) + sp.log(y),
                                             evaluate=False)) is None
    assert run(ident.zero_by_simplify, sp.Eq(sp.sqrt(x**2), x, evaluate=False)) is None


def test_simplify_catches_what_normal_forms_miss() -> None:
    stmt = sp.Eq(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1, evaluate=False)
    assert run(ident.zero_by_simplify, stmt) is not None


def test_given_equalities_are_substituted() -> None:
    stmt = sp.Eq(a * x + b * x, x, evaluate=False)
    proof = run(ident.use_given_equalities, stmt, (sp.Eq(a + b, 1),))
    assert proof is not None and "using" in proof.method
    assert run(ident.use_given_equalities, stmt) is None
    assert run(ident.use_given_equalities, stmt, (sp.Eq(a + b, 2),)) is None


def test_matrices_entry_by_entry() -> None:
    m = sp.Matrix([[sp.exp(a) * sp.exp(b), 1], [0, sp.log(p * q)]])
    n = sp.Matrix([[sp.exp(a + b), 1], [0, sp.log(p) + sp.log(q)]])
    assert run(ident.entrywise, sp.Eq(m, n, evaluate=False)) is not None
    n2 = sp.Matrix([[sp.exp(a + b), 1], [1, sp.log(p) + sp.log(q)]])
    assert run(ident.entrywise, sp.Eq(m, n2, evaluate=False)) is None


def test_conjunctions_need_every_part() -> None:
    both = sp.And(sp.Eq(sp.exp(a) * sp.exp(b), sp.exp(a + b), evaluate=False),
                  sp.Gt(sp.exp(a), 0, evaluate=False) | sp.Eq(a, a + 1, evaluate=False))
    assert run(ident.each_conjunct, sp.Eq(a, b)) is None
    assert run(ident.each_conjunct, both) is None  # the Or part has no tactic
