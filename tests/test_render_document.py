"""The sheet's document, built once for every writer: which blocks, in which order, in
which words."""

from __future__ import annotations

from dataclasses import replace

import pytest
import render_fixture as fx
import sympy as sp

from proofs import Claim, Verdict
from render.build import prove_all, sheet_claims
from render.document import (
    ClaimBlock,
    CodeBlock,
    DerivationBlock,
    FigureBlock,
    claim_block,
    exercise_doc,
    sheet_doc,
    verdict_block,
)


@pytest.fixture(scope="module")
def verdicts():
    return prove_all(sheet_claims(fx.SHEET), budget=10, workers=1)


def test_blocks_come_in_one_order_with_mistakes_last(verdicts):
    ex = replace(fx.SHEET.exercises[0], claims=(fx.SHIFT_WRONG, fx.RSM_GT_MAX))
    kinds = [type(b) for b in exercise_doc(ex, verdicts).blocks]
    assert kinds == [CodeBlock, FigureBlock, FigureBlock, ClaimBlock, ClaimBlock]
    claims = [b.claim.name for b in exercise_doc(ex, verdicts).blocks
              if isinstance(b, ClaimBlock)]
    assert claims == [fx.RSM_GT_MAX.name, fx.SHIFT_WRONG.name]


def test_a_derivation_link_is_shown_with_its_derivation_only(verdicts):
    link = fx.SIGMA_DERIV.link_claims()[0]
    ex = replace(fx.SHEET.exercises[1], claims=(link,))
    blocks = exercise_doc(ex, verdicts).blocks
    assert not [b for b in blocks if isinstance(b, ClaimBlock)]
    deriv = next(b for b in blocks if isinstance(b, DerivationBlock))
    assert deriv.links[0] == link.name and len(deriv.rows.rows) == len(deriv.links)


def test_a_code_panel_carries_latexifys_formula_of_the_code_itself(verdicts):
    """The formula shown with the code is made from the code, not a nearby claim."""
    from render import code_panels

    sigmoid = exercise_doc(fx.SHEET.exercises[1], verdicts)
    code = next(b for b in sigmoid.blocks if isinstance(b, CodeBlock))
    assert code.formula == code_panels.formula(code.function)
    assert code_panels.name(code.function) in code.formula.replace("\\_", "_")


def test_a_refuted_mistake_is_false_with_its_counterexample(verdicts):
    b = verdict_block(verdicts[fx.SHIFT_WRONG.name])
    assert (b.headline, b.status, b.expected) == ("It is false", "refuted", "")
    assert b.counterexample and "=" in b.counterexample
    proved = verdict_block(verdicts[fx.RSM_GT_MAX.name])
    assert proved.headline == "Proved" and proved.counterexample == ""
    assert proved.proof is not None or proved.brief


def test_a_verdict_not_as_expected_says_so():
    x = sp.Symbol("x", real=True)
    claim = Claim("wrong-way", sp.exp(x) < x)
    b = verdict_block(Verdict(claim, "refuted", counterexample={x: 0}, reason="at x = 0"))
    assert (b.headline, b.expected, b.counterexample) == ("Refuted", "proved", "x = 0")
    undecided = verdict_block(Verdict(claim, "undecided", reason="budget: 1 s ran out"))
    assert (undecided.headline, undecided.detail) == ("Undecided", "budget: 1 s ran out")
    assert undecided.counterexample == "" and undecided.proof is None


def test_a_long_statement_is_broken_into_aligned_lines():
    xs = sp.symbols("x1:12", real=True)
    long = Claim("long", sp.Gt(sum(sp.exp(v) for v in xs), sum(v for v in xs)))
    assert claim_block(long).statement.lines
    assert not claim_block(fx.RSM_GT_MAX).statement.lines


def test_sheet_document_counts_claims_and_anchors_exercises(verdicts):
    doc = sheet_doc(fx.SHEET, verdicts)
    assert doc.n_claims == len(fx.SHEET.claims())
    assert [e.anchor for e in doc.exercises] == ["ex-5-1", "ex-sigmoid"]
    assert [e.number for e in doc.exercises] == ["5.1", ""]
    bare = exercise_doc(replace(fx.SHEET.exercises[0], question=" ", answer=""), verdicts)
    assert (bare.question, bare.answer) == ("", "")
