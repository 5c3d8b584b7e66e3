"""The lecture-notes catalog: every claim proved or refuted as expected, within 20 s."""

import pytest

from derivations.notes import SHEET
from proofs import prove
from proofs.graph import backprop
from proofs.parsing import parse

CLAIMS = SHEET.claims()


def test_sheet_shape():
    assert SHEET.name == "lecture-notes"
    assert len(CLAIMS) >= 15
    assert len({c.name for c in CLAIMS}) == len(CLAIMS)
    assert all(c.source and c.source.startswith("notes/") for c in CLAIMS)
    refuted = {c.name for c in CLAIMS if c.expect == "refuted"}
    assert {"notes-bp-square-dfdD-minus-36", "notes-bp-max-dfdz-4"} <= refuted
    assert len(refuted) >= 3
    sources = {c.source for c in CLAIMS}
    assert {"notes/stable-softmax", "notes/backprop", "notes/sigmoid", "notes/hinge"} <= sources


def test_derivation_links_are_claims_of_the_sheet():
    for ex in SHEET.exercises:
        for d in ex.derivations:
            assert set(d.link_claims()) <= set(ex.claims)


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.name for c in CLAIMS])
def test_claim_as_expected(claim):
    v = prove(claim, budget=20)
    assert v.ok, (v.status, v.reason)
    if v.status == "refuted":
        assert v.counterexample is not None


@pytest.mark.parametrize("fig", [f for ex in SHEET.exercises for f in ex.figures
                                 if f.startswith("graph:")])
def test_graph_figures_run_and_agree_with_diff(fig):
    expr, at = fig[len("graph:"):].split("@")
    point = dict(kv.split("=") for kv in at.split(","))
    r = backprop(parse(expr), {k: int(v) for k, v in point.items()})
    assert r.check.ok and all(c.status == "exact" for c in r.check.inputs)
