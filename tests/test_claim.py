"""Claim: construction checks, immutability, hashing, sympy and Jupyter protocols."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
import sympy as sp

from proofs import Claim, prove

x, y = sp.symbols("x y", real=True)


def test_claim_behaves_as_its_statement() -> None:
    c = Claim("exp-positive", sp.exp(x) > 0 if False else sp.Gt(sp.exp(x), x, evaluate=False),
              source="notes/test")
    assert sp.sympify(c) == c.statement
    assert c._repr_latex_().startswith("$") and "e^{x}" in c._repr_latex_()
    assert c.free_symbols == {x}


def test_claim_is_immutable_and_hashable() -> None:
    c = Claim("c", sp.Gt(x, y), given=(x > 1,))
    d = Claim("c", sp.Gt(x, y), given=[x > 1])
    assert c == d and hash(c) == hash(d) and len({c, d}) == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.name = "other"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(c)) == c


def test_given_accepts_a_single_relation() -> None:
    assert Claim("c", sp.Gt(x, y), given=x > y).given == (x > y,)


@pytest.mark.parametrize("kwargs, error", [
    ({"name": "", "statement": sp.Gt(x, y)}, ValueError),
    ({"name": "  ", "statement": sp.Gt(x, y)}, ValueError),
    ({"name": "has space", "statement": sp.Gt(x, y)}, ValueError),
    ({"name": "c", "statement": x + y}, TypeError),
    ({"name": "c", "statement": "x > y"}, TypeError),
    ({"name": "c", "statement": True}, TypeError),
    ({"name": "c", "statement": sp.Gt(x, y), "given": ("x > 0",)}, TypeError),
    ({"name": "c", "statement": sp.Gt(x, y), "given": (x,)}, TypeError),
    ({"name": "c", "statement": x}, TypeError),
    ({"name": "c", "statement": sp.Gt(x, y), "expect": "maybe"}, ValueError),
    ({"name": "c", "statement": sp.Gt(x, y), "source": 3}, TypeError),
])
def test_malformed_claims_fail_at_construction(kwargs, error) -> None:
    with pytest.raises(error) as info:
        Claim(**kwargs)
    assert str(info.value)


def test_from_latex_reads_a_relation_and_its_assumptions() -> None:
    c = Claim.from_latex("exp-ge", r"e^{x} \ge 1 + x", source="my/notes")
    assert c.statement == sp.Ge(sp.exp(x), 1 + x) and c.source == "my/notes"
    assert prove(c, budget=10).status == "proved"
    lam = sp.Symbol("lambda", positive=True)
    c = Claim.from_latex("scaled-log", r"\log(x^2) = 2\log x", given=r"x > 0")
    assert next(iter(c.statement.free_symbols)).is_positive
    c = Claim.from_latex("lam", r"\lambda^{-1} > 0", given=[r"\lambda > 0"])
    assert c.statement.lhs == 1 / lam
    # a chain states all of its links; a sympy given on the reader's symbols is kept
    a, b = sp.symbols("a b", real=True)
    c = Claim.from_latex("mid", r"a \le \frac{a+b}{2} \le b", given=[a <= b])
    assert isinstance(c.statement, sp.And) and c.given == (a <= b,)
    assert prove(c, budget=10).status == "proved"
    # what a document would read as a definition or an assumption is a claim here
    assert Claim.from_latex("pos", r"x > 0", expect="refuted").statement == sp.Gt(x, 0)
    # a condition inside the formula stays a condition
    c = Claim.from_latex("for", r"e^{x} > 1 \quad \text{for } x > 0")
    assert next(iter(c.statement.free_symbols)).is_positive


@pytest.mark.parametrize("tex, given, message", [
    (r"\frac{1}{ = 2", (), "unbalanced braces"),
    (r"x^2 + 1", (), "no relation to check"),
    (r"\frac{\delta f}{\delta x} = 1", (), "δ"),
    ("a = b\n\\\\ = c", (), "an empty side"),
    (r"x := 2", (), "the relation := is not checked"),
    (r"f(x) = x^2", (), "f is not defined"),
    (r"\log(x^2) = 2\log x", ["x >"], "the given 'x >' is not an assumption"),
    (r"\log(x^2) = 2\log x", ["1 < 2"], "is not an assumption"),
    (r"\log(x^2) = 2\log x", [sp.Symbol("x") > 0], "names another x than the LaTeX"),
])
def test_from_latex_rejects_what_it_cannot_read_in_one_line(tex, given, message) -> None:
    with pytest.raises(ValueError, match=message) as info:
        Claim.from_latex("bad", tex, given=given)
    assert "\n" not in str(info.value)
