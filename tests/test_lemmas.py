"""Every lemma of proofs.lemmas is proved by the engine, with only the lemmas before it
available (no lemma helps to prove itself), and the order is enforced."""

from __future__ import annotations

import multiprocessing

import pytest
import sympy as sp

from proofs import prove
from proofs.lemmas import LEMMAS, available, lemma, proving

BUDGET = 10


def _prove_lemma(index: int) -> tuple[str, str, str]:
    item = LEMMAS[index]
    with proving(item.name):
        v = prove(item.claim, budget=BUDGET)
    return item.name, v.status, v.method or v.reason


@pytest.fixture(scope="module")
def outcomes() -> dict[str, tuple[str, str]]:
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        got = pool.map(_prove_lemma, range(len(LEMMAS)))
    return {name: (status, why) for name, status, why in got}


@pytest.mark.parametrize("name", [x.name for x in LEMMAS])
def test_every_lemma_is_proved_by_the_engine(outcomes, name: str) -> None:
    status, why = outcomes[name]
    assert status == "proved", why


def test_a_lemma_is_not_available_while_it_is_proved() -> None:
    first, second = LEMMAS[0].name, LEMMAS[1].name
    assert available(first) and available(second)
    with proving(first):
        assert not available(first) and not available(second)
    with proving(second):
        assert available(first) and not available(second)


def test_lemmas_are_named_and_distinct() -> None:
    names = [x.name for x in LEMMAS]
    assert len(names) == len(set(names))
    assert lemma("exp-above-tangent").claim.statement == (
        sp.exp(sp.Symbol("u", real=True)) >= 1 + sp.Symbol("u", real=True))
    with pytest.raises(KeyError):
        with proving("no-such-lemma"):
            pass
