"""What a document claims: definitions, conditions and their scope, claims link by link."""

import pytest
import sympy as sp

from derivations.latex_vocabulary import VOCABULARY
from proofs import prove
from proofs.reading import claim_from_latex
from proofs.reading import read_claims as read_with


def read_claims(text: str, fmt: str):
    """The relations of a document, read with the catalog's function names."""
    return read_with(text, fmt, VOCABULARY)


def claims(md: str):
    return [(x.line, x.latex, x.claim) for x in read_claims(md, "markdown")]


def given_of(md: str, line: int) -> list[str]:
    [c] = [x.claim for x in read_claims(md, "markdown") if x.line == line]
    return sorted(sp.sstr(g) for g in c.given)


def symbol(claim, name):
    return next(s for s in claim.statement.free_symbols if getattr(s, "name", "") == name)


def test_chain_gives_one_claim_per_link_on_its_line():
    got = claims("$$a^2 \\le a^2 + b^2 \\le (|a| + |b|)^2$$\n$$2x = 1 +\ny < 3$$\n")
    assert [(ln, latex) for ln, latex, _ in got] == [
        (1, "a^2 \\le a^2 + b^2"), (1, "a^2 + b^2 \\le (|a| + |b|)^2"), (2, "2x = 1 + y"),
        (3, "1 + y < 3")]


def test_definitions_are_not_claims_and_give_meaning():
    md = ("Let $f(a) = \\log(e^a + 1) - a$.\n\n"
          "$$f(a) = \\log(1 + e^{-a})$$\n"
          "where $\\sigma(x) = \\frac{1}{1 + e^{x}}$ in these notes.\n\n"
          "$$\\sigma(0) = \\frac{1}{2}$$\n")
    got = claims(md)
    assert [ln for ln, _, _ in got] == [3, 6]
    assert got[0][2].statement.lhs == sp.log(sp.exp(symbol(got[0][2], "a")) + 1) - \
        symbol(got[0][2], "a")
    # the document's own sigma is used, not the catalog's
    assert sp.simplify(got[1][2].statement.lhs.doit()) == sp.Rational(1, 2)


def test_a_display_with_an_undefined_name_on_the_left_defines_it():
    md = "$$f = (x + y) z$$\n\n$$x = -2$$\n\n$$\\frac{\\partial f}{\\partial x} = z$$\n"
    [(ln, _, c)] = claims(md)
    assert ln == 5 and c.statement.lhs == symbol(c, "z")


def test_values_of_a_section_end_with_it_and_functions_stay():
    md = ("# A\nLet $g(t) = t^2$ and $x = 3$.\n$$g(x) = 9$$\n"
          "# B\n$$g(x) = x^2$$\n")
    got = claims(md)
    assert got[0][2].statement.lhs == 9 and got[0][2].statement.rhs == 9
    x = symbol(got[1][2], "x")
    assert got[1][2].statement.lhs == x ** 2


def test_conditions_from_the_prose_become_assumptions():
    md = ("For $\\lambda > 0$ and $0 < p < 1$:\n\n"
          "$$\\lambda p > 0$$\n\n"
          "Assume, w.l.o.g., $a \\ge b$. Then $e^a \\ge e^b$.\n")
    got = claims(md)
    c = got[0][2]
    assert symbol(c, "lambda").is_positive and symbol(c, "p").is_positive
    assert given_of(md, 3) == ["p < 1"]
    assert given_of(md, 5) == ["a >= b"]


def test_a_condition_on_a_list_of_variables_holds_for_each():
    md = "For $a, b > 0$: $$\\log(ab) = \\log a + \\log b$$\n"
    [(ln, _, c)] = claims(md)
    assert ln == 1 and symbol(c, "a").is_positive and symbol(c, "b").is_positive


def test_a_trailing_condition_reaches_the_claims_of_its_sentence():
    md = "We have $\\lambda^{-1} > 0$ for $\\lambda > 0$.\n\nBut $\\mu^{-1} > 0$.\n"
    got = claims(md)
    assert symbol(got[0][2], "lambda").is_positive
    assert not symbol(got[1][2], "mu").is_positive


def test_if_conditions_last_one_sentence_and_sections_reset_conditions():
    md = ("If $a > b$ then $a - b > 0$. And $a - b > 1$.\n"
          "# Next\nFor $c > 0$: $c^2 > 0$.\n# Other\n$$c^2 > 0$$\n")
    got = claims(md)
    assert [len(c.given) for _, _, c in got[:2]] == [1, 0]
    assert symbol(got[2][2], "c").is_positive and not symbol(got[3][2], "c").is_positive


def test_a_later_condition_on_the_same_variable_replaces_the_earlier():
    md = ("For $\\lambda > 0$: $\\lambda > 0$ is assumed.\n\n"
          "For $\\lambda < 0$, $$e^{\\lambda} < 1$$\n")
    c = claims(md)[-1][2]
    assert symbol(c, "lambda").is_negative


def test_with_a_comma_the_clause_of_a_cue_is_closed():
    md = "With two items, $\\frac{e^{a}}{e^{a} + e^{b}} = \\sigma(a - b)$.\n"
    assert len(claims(md)) == 1


def test_equations_that_fix_variables_are_conditions():
    md = "so $\\sum_j y_j = 1$ and we choose $\\log c = -950$.\n\n$$\\sum_j y_j o_j \\le 1$$\n"
    got = claims(md)
    assert [ln for ln, _, _ in got] == [3]
    assert any(g.startswith("Eq(Sum(y[") and g.endswith(", 1)") for g in given_of(md, 3))
    assert "n >= 2" in given_of(md, 3)


def test_free_indices_are_bounded_by_the_dimension():
    md = "$$\\frac{\\partial}{\\partial o_i} \\sum_k e^{o_k} = e^{o_i}$$\n"
    assert given_of(md, 1) == ["i <= n", "n >= 2"]


def test_unreadable_and_unchecked_relations_say_why():
    md = ("$$\\max_i x_i \\le \\log n$$\n\n$$x \\to 0$$\n\n$$a \\propto b$$\n\n"
          "# Next\n$$= 3$$\n")
    got = read_claims(md, "markdown")
    assert [x.claim for x in got] == [None] * 4
    reasons = [x.reason for x in got]
    assert "maximum of n numbers" in reasons[0]
    assert "→ is not checked" in reasons[1] and "∝ is not checked" in reasons[2]
    assert "continues no formula" in reasons[3]


def test_continuation_rows_use_the_previous_right_side():
    md = "$$\n\\begin{aligned}\n(x+1)^2 &= x^2 + 2x + 1 \\\\\n&\\ge 2x\n\\end{aligned}\n$$\n"
    got = claims(md)
    assert [(ln, latex) for ln, latex, _ in got] == [
        (3, "(x+1)^2 = x^2 + 2x + 1"), (4, "x^2 + 2x + 1 \\ge 2x")]


def test_claim_from_latex():
    c = claim_from_latex("rsm", r"\log(e^a + e^b) > \max(a, b)")
    assert c.name == "rsm" and prove(c, 10).status == "proved"
    c = claim_from_latex("scaled", r"\lambda^{-1}\log(e^{\lambda a}+e^{\lambda b}) > \max(a,b)",
                         given=[r"\lambda > 0"])
    assert symbol(c, "lambda").is_positive
    with pytest.raises(ValueError, match="δ"):
        claim_from_latex("bad", r"\frac{\delta f}{\delta x} = 1")


def test_a_definition_later_in_the_sentence_is_used():
    md = ("$$\\frac{\\partial^2 g}{\\partial x_i^2} = p_i(1 - p_i) \\ge 0$$ where "
          "$g(\\mathbf{x}) = \\log \\sum_k e^{x_k}$ and $p_i = \\operatorname{softmax}"
          "(\\mathbf{x})_i$.\n")
    got = read_claims(md, "markdown")
    assert [x.claim is not None for x in got] == [True, True]
    assert not got[1].claim.statement.lhs.has(sp.IndexedBase("p", real=True))
    # a body stored before a family it uses was defined: bound when used
    md = ("The loss is $l = -\\sum_j y_j \\log \\hat{y}_j$ with $\\hat{y}_j = \\frac{e^{o_j}}"
          "{\\sum_k e^{o_k}}$.\n\n$$\\frac{\\partial l}{\\partial o_j} = \\hat{y}_j - y_j$$\n")
    [x] = read_claims(md, "markdown")
    assert x.claim is not None and x.claim.statement.lhs.has(sp.exp)


def test_a_name_given_new_variables_starts_a_new_example():
    md = ("$$f = (x + y) z$$\n\n$$f = A B$$\n\n$$f = x z + y z$$\n\n"
          "$$f = (x + y) z$$ ~~$$f = 2t$$~~\n")
    got = claims(md)
    assert [ln for ln, _, _ in got] == [7]  # f = AB redefines f, f = xz + yz is a claim
    assert got[0][2].statement.lhs == got[0][2].statement.lhs.func(
        *got[0][2].statement.lhs.args)


def test_a_value_never_renames_a_vector():
    md = "Let $x = 3$.\n\n$$x_1 + x = x_1 + 3$$\n"
    [(_, _, c)] = claims(md)
    assert c.statement.lhs.has(sp.IndexedBase("x", real=True)[1])


def test_brackets_after_a_name_are_not_read():
    got = read_claims("$$\\mathrm{Var}[X] = E[X^2] - E[X]^2$$\n\n$$2w[z + 1] = 4$$\n",
                      "markdown")
    assert [x.claim for x in got] == [None, None]
    assert "w[...]" in got[1].reason


def test_a_condition_on_index_letters_constrains_the_indices():
    md = ("Let $p_j = \\frac{e^{o_j}}{\\sum_k e^{o_k}}$. For $i \\neq j$, "
          "$\\frac{\\partial p_j}{\\partial o_i} = -p_i p_j$.\n")
    [x] = read_claims(md, "markdown")
    assert sp.Ne(sp.Symbol("i", integer=True, positive=True),
                 sp.Symbol("j", integer=True, positive=True)) in x.claim.given


def test_people_write_a_claim_not_a_definition():
    md = "Many people write $\\frac{d}{dx} e^{2x} = e^{2x}$ instead.\n\n$$e^{x} > 0$$\n"
    got = read_claims(md, "markdown")
    assert [x.line for x in got] == [1, 3] and got[1].claim.given == ()
