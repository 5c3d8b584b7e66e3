"""Claim: construction checks, immutability, hashing, sympy and Jupyter protocols."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
import sympy as sp

from proofs import Claim

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
    ({"name": "ends-in-newline\n", "statement": sp.Gt(x, y)}, ValueError),
    ({"name": "c", "statement": sp.Gt(x, y), "given": "x > 0"}, TypeError),
    ({"name": "c", "statement": sp.Gt(x, y), "hints": 5}, TypeError),
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


@pytest.mark.parametrize("kwargs, words", [
    ({"given": "x > 0"}, "not the string 'x > 0'"),
    ({"hints": 5}, "must be a tuple of proof hints"),
])
def test_odd_arguments_get_a_message_that_says_what_to_write(kwargs, words) -> None:
    with pytest.raises(TypeError, match=words):
        Claim("c", sp.Gt(x, y), **kwargs)


def test_derivation_names_are_checked_like_claim_names() -> None:
    from proofs import Derivation

    with pytest.raises(ValueError, match="derivation name"):
        Derivation.chain('d"><script>', x, (x, "same"))


def test_a_relation_sympy_already_decided_is_refused_with_the_way_out() -> None:
    """sympy evaluates Eq(σ', σ(1 - σ)) to True on construction: nothing would be left to
    prove or print, so the claim is refused and the message names proofs.Eq."""
    from proofs import Eq, prove

    s = 1 / (1 + sp.exp(-x))
    for built in (sp.Eq(sp.diff(s, x), s * (1 - s)), sp.Eq(sp.Integer(1), 2)):
        with pytest.raises(ValueError, match=r"already (True|False).*proofs\.Eq\(lhs, rhs\)"):
            Claim("sigmoid-slope", built)
    claim = Claim("sigmoid-slope", Eq(sp.diff(s, x), s * (1 - s)))
    assert claim.statement.rhs == s * (1 - s)
    v = prove(claim, budget=10)
    assert v.status == "proved" and "evaluated the relation" not in v.method
    with pytest.raises(ValueError, match="no point meets the assumptions"):
        Claim("vacuous", Eq(x, x), given=(sp.Gt(sp.Integer(1), 2),))


@pytest.mark.parametrize("make", ["Eq", "Ne", "Lt", "Le", "Gt", "Ge"])
def test_unevaluated_constructors_keep_both_sides(make) -> None:
    import proofs

    rel = getattr(proofs, make)(sp.Integer(1), sp.Integer(2))
    assert type(rel) is type(getattr(sp, make)(x, y)) and (rel.lhs, rel.rhs) == (1, 2)
    with pytest.raises(TypeError, match="not the string"):
        getattr(proofs, make)("x", 1)


def test_reprs_are_one_line_saying_what_it_is() -> None:
    from proofs import Derivation, prove

    c = Claim("exp-gt-tangent", sp.Gt(sp.exp(x), x + 1, evaluate=False), title="tangent")
    assert repr(c) == "<Claim exp-gt-tangent: exp(x) > x + 1>"
    v = prove(c, budget=10)
    assert repr(v).startswith("<Verdict exp-gt-tangent: refuted") and "x = 0" in repr(v)
    assert "\n" not in repr(v) and len(repr(v)) < 300 and str(v).startswith("exp-gt-tangent: ")
    d = Derivation.chain("square", (x + 1) ** 2, (x ** 2 + 2 * x + 1, "expand"))
    assert repr(d) == "<Derivation square: (x + 1)**2 ... x**2 + 2*x + 1 (1 step)>"
