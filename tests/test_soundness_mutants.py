"""Mutation test of the catalog: a constant nudged by one part in 10^12 is not "proved".

Each claim of `derivations.catalog()` that expects "proved" has its numeric constants
(Rational and Integer atoms other than 0, 1 and -1) multiplied, one at a time, by
1 + 10^-12 and by 1 - 10^-12 (exactly, as Rationals). Left alone, and why:

* numeric exponents (x**2, 1/x, sqrt): they are the shape of the expression, and a
  non-integer exponent sends negative bases to complex values, which changes the domain
  of the claim rather than its constant;
* bounds, counts and indices of sums, products, derivatives and limits, and the bound
  variables of a value-at-a-point (the point itself is mutated: "f at x = -2(1 + 1e-12)");
* Float64 claims (IEEE rounding: a relative change of 1e-12 in an input rarely changes
  an overflow or a NaN, and this suite does not emulate float64), PSD and Convex claims
  (their truth is a property over all points, not a value at one).

A mutant counts as false only when `soundness_cases.shown_false` finds a point meeting
every assumption (a grid of exact values holding 0, ties and small integers, where
inequalities are tight) at which mpmath, at 80 digits and again at 120 (1200 and 1240
for claims without variables), finds it false by more than 10^-40 relative; no engine
code and no sympy evalf is involved. Mutants not shown false are never asserted on.
The originals of the catalog are checked to pass this evaluator (none shown false),
and the catalog's own false claims to fail it, so it is neither blind nor trigger-happy.

The shown-false mutants are proved in a worker process (a crash of the interpreter is
a result, not the end of the run): at most PER_CLAIM mutants of each claim, chosen
with a fixed seed, budget BUDGET s each. A mutant that is "proved", or that ends the
worker process, fails the test of its claim.
"""

from __future__ import annotations

import random
import zlib
from collections import Counter

import pytest
from soundness_cases import catalog_mutants, eligible, mutants, prove_isolated, shown_false

from derivations import catalog

SEED = 1729
PER_CLAIM = 6
BUDGET = 5
MIN_SHOWN_FALSE = 300      # of 552 distinct mutants when this file was written (344 shown)
MIN_CLAIMS_WITH_FALSE = 33  # of 48 claims with constants (37 had a false mutant)
MIN_PROVED_ON = 150        # mutants sent to the prover (166 when written)

CLAIMS = [c for c in catalog() if eligible(c) and mutants(c.statement)]


@pytest.fixture(scope="module")
def shown() -> dict[str, tuple]:
    """mutant id -> (claim, label, mutant, the point where it is false), for each
    distinct mutant shown false."""
    out = {}
    for mid, claim, label, m in catalog_mutants():
        point = shown_false(m, claim.given)
        if point is not None:
            out[mid] = (claim, label, m, point)
    return out


def chosen(shown: dict[str, tuple]) -> list[str]:
    """At most PER_CLAIM shown-false mutants per claim, by a seeded choice that does not
    depend on the process (crc32 of the claim name, not hash())."""
    by_claim: dict[str, list[str]] = {}
    for mid, (claim, *_) in shown.items():
        by_claim.setdefault(claim.name, []).append(mid)
    out = []
    for name, ids in by_claim.items():
        rng = random.Random(SEED + zlib.crc32(name.encode()))
        out += ids if len(ids) <= PER_CLAIM else sorted(rng.sample(ids, PER_CLAIM),
                                                         key=ids.index)
    return out


@pytest.fixture(scope="module")
def verdicts(shown) -> dict[str, dict]:
    return prove_isolated(chosen(shown), budget=BUDGET)


def test_evaluator_never_shows_a_catalog_claim_false() -> None:
    """The originals of the mutated claims pass the evaluator that judges their mutants
    (a wrong claim in the catalog, or a broken evaluator, fails here)."""
    wrong = [c.name for c in CLAIMS if shown_false(c.statement, c.given)]
    assert not wrong


def test_evaluator_shows_the_catalogs_false_claims_false() -> None:
    """The catalog's recorded mistakes (expect="refuted") that this evaluator can read
    are shown false: the evaluator sees falsity where there is some."""
    from proofs import PSD, Convex
    from proofs.float64 import Float64

    readable = [c for c in catalog() if c.expect == "refuted"
                and not c.statement.has(Float64, PSD, Convex)
                and not isinstance(c.statement, (Float64, PSD, Convex))]
    found = [c.name for c in readable if shown_false(c.statement, c.given) is not None]
    assert len(found) >= 8, (found, [c.name for c in readable])


def test_enough_mutants_are_shown_false(shown) -> None:
    total = len(catalog_mutants())
    claims = {claim.name for claim, *_ in shown.values()}
    print(f"\nmutation: {len(CLAIMS)} claims with constants, {total} distinct mutants, "
          f"{len(shown)} shown false, over {len(claims)} claims; "
          f"{len(chosen(shown))} sent to the prover")
    assert len(shown) >= MIN_SHOWN_FALSE
    assert len(claims) >= MIN_CLAIMS_WITH_FALSE
    assert len(chosen(shown)) >= MIN_PROVED_ON


@pytest.mark.parametrize("claim_name", [c.name for c in CLAIMS])
def test_no_false_mutant_is_proved(claim_name: str, shown, verdicts) -> None:
    mine = [mid for mid in chosen(shown) if shown[mid][0].name == claim_name]
    if not mine:
        pytest.skip("no mutant of this claim was shown false (each constant's change is "
                    "absorbed: inside a ceiling, or far from a loose bound)")
    proved = [(shown[mid][1], shown[mid][3], verdicts[mid]["method"]) for mid in mine
              if verdicts[mid]["status"] == "proved"]
    no_verdict = [(shown[mid][1], verdicts[mid]["status"]) for mid in mine
                  if verdicts[mid]["status"] not in ("proved", "refuted", "undecided")]
    assert not proved, f"false mutants proved (label, where false, method): {proved}"
    assert not no_verdict, f"mutants that gave no verdict: {no_verdict}"


def test_mutant_verdicts_summary(shown, verdicts) -> None:
    """Every mutant sent to the prover came back with a verdict; the tally is printed."""
    tally = Counter(v["status"] for v in verdicts.values())
    print(f"\nmutant verdicts: {dict(tally)}")
    assert set(verdicts) == set(chosen(shown))
