"""The reader knows the function names of the vocabulary it is given, and no others: the
engine's STANDARD holds standard functions; the catalog's names come from derivations."""

import sympy as sp

from derivations.latex_vocabulary import ML, VOCABULARY, sigmoid
from proofs import Claim
from proofs.grading import grade_text
from proofs.latex_math import Notation, read_statements, real
from proofs.latex_vocabulary import STANDARD, Vocabulary, one
from proofs.reading import read_claims

x, a, b = real("x"), real("a"), real("b")


def side(text: str, vocabulary: Vocabulary):
    [st] = read_statements(text, Notation(vectors=frozenset({"o"}), vocabulary=vocabulary))
    return st.sides[0]


def test_the_engine_knows_no_names_of_the_catalog():
    assert not STANDARD.names & ML.names
    assert {"exp", "log", "tanh", "max", "min", "sqrt"} <= STANDARD.names
    assert VOCABULARY.names == STANDARD.names | ML.names


def test_without_the_catalog_s_names_they_are_not_read():
    s = side(r"\sigma(x)", STANDARD)
    assert s.guesses == ("sigma(...) read as sigma times (...)",)
    assert "not defined in the document" in side(r"\operatorname{softmax}(\mathbf{o})_j",
                                                  STANDARD).error
    assert "not defined in the document" in side(r"\mathrm{RealSoftMax}(a, b)", STANDARD).error
    assert side(r"\sigma(x)", VOCABULARY).expr == sigmoid(x)
    assert side(r"\mathrm{RealSoftMax}(a, b)", VOCABULARY).expr == \
        sp.log(sp.exp(a) + sp.exp(b))


def test_a_vocabulary_of_the_caller_s_own():
    mine = STANDARD.extended(Vocabulary(scalar={"sq": one(lambda t: t**2, "sq")},
                                        checked=frozenset({"sq"})))
    assert side(r"\operatorname{sq}(x) + sq(2)", mine).expr == x**2 + 4
    assert side(r"\operatorname{sq}'(x)", mine).expr.doit() == 2 * x
    # `sq(t) = ...` without a definition word checks the known function, not defines it
    md = "$$\\operatorname{sq}(t) = t^2$$\n"
    [link] = read_claims(md, "markdown", mine)
    assert link.claim is not None
    assert read_claims(md, "markdown") == []  # a definition otherwise


def test_definitions_of_known_names_are_claims_only_when_the_name_is_known():
    md = "$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n"
    assert [link.claim is not None for link in read_claims(md, "markdown", VOCABULARY)] == \
        [True]
    assert read_claims(md, "markdown", STANDARD) == []


def test_grading_and_claims_take_the_vocabulary():
    md = "$$\\operatorname{softmax}(\\mathbf{o})_j > 0$$\n"
    [f] = grade_text(md, "markdown", budget=10).findings
    assert f.verdict == "unchecked" and "not defined in the document" in f.reason
    [f] = grade_text(md, "markdown", budget=10, vocabulary=VOCABULARY).findings
    assert f.verdict == "correct", f.reason
    c = Claim.from_latex("sig", r"\sigma(0) = \frac{1}{2}", vocabulary=VOCABULARY)
    assert c.statement.lhs == sigmoid(sp.Integer(0))
