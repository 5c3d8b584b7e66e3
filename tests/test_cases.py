"""proofs.cases: case variables, their numbering in a proof, and how a case reads."""

from __future__ import annotations

import sympy as sp

from proofs import Claim, prove
from proofs.cases import FRESH, fresh, new_variable_step, numbered, range_of, shown_after
from proofs.verdict import Step, rel

s0, s1, s2 = sp.symbols("s0 s1 s2", real=True)
h = sp.Symbol("h", positive=True)


def test_fresh_variables_are_distinct_and_signed() -> None:
    a, b = fresh(True), fresh(False)
    assert a != b and a.name == b.name == FRESH
    assert a.is_positive and b.is_nonnegative and not b.is_positive


def test_numbered_by_first_appearance_whatever_was_made_before() -> None:
    for _ in range(5):  # variables other tactics made and dropped
        fresh(True)
    d_late, d_early = fresh(False), fresh(True)
    steps = (rel(s0, "=", d_early + s1, "with {0}", (range_of(d_early),)),
             rel(s1, "=", d_late - d_early, "with {0}", (range_of(d_late),)))
    out = numbered(steps)
    names = [sorted(x.name for x in st.rhs.free_symbols if isinstance(x, sp.Dummy))
             for st in out]
    assert names == [["delta1"], ["delta1", "delta2"]]
    first = next(x for x in out[0].rhs.free_symbols if isinstance(x, sp.Dummy))
    assert first.is_positive  # assumptions travel with the new name
    assert out[0].terms[0] == sp.Gt(first, 0, evaluate=False)


def test_numbered_keeps_max_unevaluated() -> None:
    d = fresh(False)
    step = rel(sp.Max(0, -d, evaluate=False), "=", 0, "")
    (out,) = numbered((step,))
    assert isinstance(out.lhs, sp.Max)


def test_numbered_leaves_steps_without_case_variables_alone() -> None:
    steps = (rel(s0, "=", s1, "why"),)
    assert numbered(steps) is steps


def test_range_of_each_sign() -> None:
    p, q = sp.Symbol("p", positive=True), sp.Symbol("q", nonpositive=True)
    assert range_of(p) == sp.Gt(p, 0, evaluate=False)
    assert range_of(q) == sp.Le(q, 0, evaluate=False)
    assert range_of(s0) is None


def test_new_variable_step_names_the_range() -> None:
    d = fresh(True)
    step = new_variable_step(s0, 1 + d, (sp.Lt(d, 3),))
    assert isinstance(step, Step) and step.why == "with {0} and {1}"
    assert step.terms == (sp.Gt(d, 0, evaluate=False), sp.Lt(d, 3))
    plain = new_variable_step(s0, s1 + 1)
    assert plain.terms == (s0,) and "solved for" in plain.why


def test_shown_after_collects_sides_but_keeps_max() -> None:
    d1, d2 = fresh(False), fresh(False)
    stmt = sp.Eq(sp.Max(0, -s0 + s1 + 1) + sp.Max(0, -s0 + s2 + 1), 0)
    out = shown_after(stmt, [(s0, d1 + s1 + 1), (s1, -d1 + d2 + s2)])
    assert out.lhs == sp.Max(0, -d1, evaluate=False) + sp.Max(0, -d2, evaluate=False)
    assert out.rhs == 0


def test_a_proof_by_orderings_introduces_its_variables() -> None:
    """The hinge-loss proof names δ₁ and δ₂ with their signs and ends on the substituted
    statement, not on a bare "true"."""
    claim = Claim("hinge", sp.Eq(sp.Max(0, -h - s0 + s1 + 1) + sp.Max(0, -h - s0 + s2 + 1),
                                 sp.Max(0, -s0 + s1 + 1) + sp.Max(0, -s0 + s2 + 1),
                                 evaluate=False),
                  given=(sp.Ge(s0, s1 + 1), sp.Ge(s0, s2 + 1)))
    v = prove(claim)
    assert v.status == "proved"
    fresh_names = sorted({x.name for st in v.steps for part in (st.lhs, st.rhs)
                          for x in getattr(part, "free_symbols", ())
                          if isinstance(x, sp.Dummy)})
    assert fresh_names == ["delta1", "delta2"]
    assert all("name the difference" in st.why for st in v.steps[:2])
    last = v.steps[-1]
    assert last.lhs.has(sp.Max) and "substitute" in last.why
    assert sp.Gt(h, 0, evaluate=False) in last.terms


def test_a_case_of_max_ends_on_the_substituted_statement() -> None:
    """Each case of a split on max shows the relation it came down to and the sign
    that decides it, not a bare "true by the signs"."""
    w, z = sp.symbols("w z", real=True)
    v = prove(Claim("tie", sp.Ge(sp.Max(w, z), w / 2 + z / 2)))
    assert v.status == "proved"
    closing = [st for st in v.steps if "substitute" in st.why]
    assert len(closing) == 2 and all(st.depth == 1 and st.terms for st in closing)
    assert not any("true by the signs" in st.why for st in v.steps)


def test_closing_row_only_for_a_statement_decided_on_construction() -> None:
    from proofs.cases import closing_row
    d = fresh(False)
    assert closing_row(sp.Ge(s0, s1), [(s0, s1 + d)], sp.true) is not None
    assert closing_row(sp.Ge(s0, s1 + 1), [(s0, s1 + d)], sp.Ge(s1 + d, s1 + 1)) is None
