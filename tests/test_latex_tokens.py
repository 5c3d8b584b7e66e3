"""The tokens of LaTeX formulas: kinds, normalised texts, offsets, and one-line errors."""

import pytest

from proofs.latex_tokens import TokenError, tokenize


def kinds(text: str, functions=frozenset()) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text, functions)][:-1]


def test_relations_are_normalised():
    got = kinds(r"a \le b \leq c \geq d \ne e ≤ f := g \approx h")
    assert [t for k, t in got if k == "rel"] == ["<=", "<=", ">=", "!=", "<=", ":=", "~="]


def test_words_of_known_functions_and_single_letters():
    assert kinds("softmax(o)", frozenset({"softmax"}))[0] == ("word", "softmax")
    assert kinds("ab") == [("letter", "a"), ("letter", "b")]
    assert kinds(r"\operatorname{LSE}(x)")[0] == ("word", "LSE")
    assert kinds(r"\mathrm{d}x")[0] == ("letter", "d")
    assert kinds(r"\text{ for all }") == [("text", "for all")]


def test_vectors_accents_and_sets():
    assert kinds(r"\mathbf{x} + \hat{y} + \bar{v}") == [
        ("vec", "x"), ("op", "+"), ("letter", "yhat"), ("op", "+"), ("letter", "vbar")]
    assert kinds(r"\mathbb{R}") == [("set", "R")]


def test_spacing_and_labels_make_no_token():
    assert kinds(r"\left( x \right) \, \label{eq:1} \displaystyle y") == [
        ("op", "("), ("letter", "x"), ("op", ")"), ("letter", "y")]


def test_def_over_equals_and_gaps():
    assert kinds(r"f \overset{\text{def}}{=} g \quad h")[1] == ("rel", "def")
    assert ("gap", "quad") in kinds(r"a = 1 \quad b = 2")


def test_offsets_point_into_the_source():
    text = r"\frac{1}{2} + x_i"
    toks = tokenize(text)
    assert text[toks[-2].pos] == "i" and text[toks[0].pos:toks[0].pos + 5] == r"\frac"


@pytest.mark.parametrize("text,msg", [
    ("a # b", "unexpected character '#'"),
    (r"\frac{1", "unbalanced braces"),
    ("x" * 5000, "longer than"),
    (r"\mathbf{xy}", "a vector is one letter"),
])
def test_bad_formulas_are_one_line_token_errors(text, msg):
    with pytest.raises(TokenError, match=msg) as info:
        tokenize(text)
    assert "\n" not in str(info.value)
