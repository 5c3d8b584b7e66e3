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
