"""prove_many: the same verdicts in the same order as one process, claims never re-built."""

from __future__ import annotations

import sympy as sp

from proofs import Claim
from proofs.parallel import prove_many

x = sp.Symbol("x", real=True)
CLAIMS = [
    # sympy would evaluate these to True if they were re-built (as unpickling does)
    Claim("ceil-log2-3", sp.Eq(sp.ceiling(sp.log(3) / sp.log(2)), 2, evaluate=False)),
    Claim("third-sum", sp.Eq(sp.Rational(1, 3) + sp.Rational(2, 3), 1, evaluate=False)),
    Claim("tangent", sp.exp(x) > 1 + x),
    Claim("tangent-ge", sp.exp(x) >= 1 + x),
]


def test_workers_prove_the_claims_themselves() -> None:
    serial = prove_many(CLAIMS, budget=10, jobs=1)
    forked = prove_many(CLAIMS, budget=10, jobs=2)
    assert [v.claim.name for v in forked] == [c.name for c in CLAIMS]
    assert [(v.status, v.method) for v in forked] == [(v.status, v.method) for v in serial]
    assert all("sympy evaluated" not in v.method for v in forked)
    assert [v.status for v in forked] == ["proved", "proved", "refuted", "proved"]


def test_progress_is_reported_per_claim() -> None:
    seen: list[str] = []
    prove_many(CLAIMS[:2], budget=10, jobs=2, advance=seen.append)
    assert sorted(seen) == sorted(c.name for c in CLAIMS[:2])
