"""Formulas read into sympy as their authors mean them, or a ReadError that says why not."""

import builtins

import pytest
import sympy as sp

from derivations.latex_vocabulary import VOCABULARY
from proofs.latex_math import (
    Family,
    FunctionDef,
    Notation,
    ReadError,
    VectorValue,
    base,
    index,
    read_statements,
    real,
)

a, b, x, y, z, lam, T = (real(s) for s in ("a", "b", "x", "y", "z", "lambda", "T"))
n, i, j, k = (index(s) for s in "nijk")
o, X, p = base("o"), base("x"), base("p")
NT = Notation(vectors=frozenset({"o", "x", "p", "y", "v"}), vocabulary=VOCABULARY)


def sides(text, nt=NT):
    [st] = read_statements(text, nt)
    for s in st.sides:
        assert not s.error, s.error
    return [s.expr for s in st.sides], [t.text for t in st.ops]


def same(u, v) -> bool:
    """Equal as functions of their symbols (sums over n = 3 and derivatives evaluated)."""
    d = (sp.sympify(u) - sp.sympify(v)).subs(n, 3).doit()
    return sp.simplify(sp.expand(d)) == 0


def sig(t):
    return 1 / (1 + sp.exp(-t))


@pytest.mark.parametrize("text,expected", [
    (r"\frac{1}{1+e^{-x}}", sig(x)),
    (r"\sigma(x)(1-\sigma(x))", sig(x) * (1 - sig(x))),
    ("σ(x)", sig(x)),
    (r"\log(e^a + e^b)", sp.log(sp.exp(a) + sp.exp(b))),
    (r"\ln x + \exp(y)", sp.log(x) + sp.exp(y)),
    (r"\log_2 3", sp.log(3) / sp.log(2)),
    (r"\lambda^{-1} \log\left(e^{\lambda a} + e^{\lambda b}\right)",
     sp.log(sp.exp(lam * a) + sp.exp(lam * b)) / lam),
    (r"\max\{a, b\} + \min(a, b, 0)", sp.Max(a, b) + sp.Min(a, b, 0)),
    (r"\operatorname{RealSoftMax}(a, b)", sp.log(sp.exp(a) + sp.exp(b))),
    (r"\mathrm{RealSoftMin}(a, b)", -sp.log(sp.exp(-a) + sp.exp(-b))),
    (r"\tfrac{1}{2} x \cdot y", x * y / 2),
    (r"x^23", 3 * x ** 2),
    (r"\lceil \log_3 8 \rceil", 2),
    (r"|x - y|", sp.Abs(x - y)),
    (r"0.7311", sp.Rational(7311, 10000)),
    (r"\left(e^{-1/T}\right)^{\lambda}", sp.exp(-lam / T)),
])
def test_expressions(text, expected):
    [e], _ = sides(text)
    assert same(e, expected)


def test_sums_over_the_document_dimension():
    [e], _ = sides(r"\sum_i e^{x_i}")
    assert isinstance(e, sp.Sum) and e.limits[0][1:] == (1, n)
    [e], _ = sides(r"\sum_{k=1}^{q} \exp(o_k)", Notation(dimensions=frozenset({"n", "q"})))
    assert e.limits[0][2] == index("q")
    [e], _ = sides(r"\log \sum_i e^{x_i} e^{b} + b")  # the sum takes the whole term
    assert same(e - b, sp.log(sp.Sum(sp.exp(X[k]) * sp.exp(b), (k, 1, n))))


def test_partial_derivatives_by_entries():
    loss = -sp.Sum(base("y")[k] * o[k], (k, 1, n))
    nt = Notation(vectors=NT.vectors, names={"l": loss}, vocabulary=VOCABULARY)
    [d, _], _ = sides(r"\frac{\partial^2 l}{\partial o_i \partial o_j} = p_i", nt)
    assert isinstance(d, sp.Derivative) and [v for v, _ in d.variable_count] == [o[i], o[j]]
    [d], _ = sides(r"\frac{\partial^2 l}{\partial o_j^2}", nt)
    assert [(v, c) for v, c in d.variable_count] == [(o[j], 2)]
    [d], _ = sides(r"\frac{\partial}{\partial x_j} \log \sum_i e^{x_i}")
    assert same(d.doit().subs(n, 3).doit().subs(j, 2),
                sp.exp(X[2]) / sum(sp.exp(X[t]) for t in (1, 2, 3)))


def test_summation_index_never_captures_a_free_index():
    # d/dx_i of a sum over i: the bound i is renamed, so the result is the i-th entry
    [d], _ = sides(r"\frac{\partial}{\partial x_i} \sum_i e^{x_i}")
    assert same(d.doit().subs(n, 2).doit().subs(i, 1), sp.exp(X[1]))


def test_derivative_forms_and_primes():
    for text in (r"\frac{d}{dx} \sigma(x)", r"\frac{d\sigma(x)}{dx}", r"\sigma'(x)",
                 r"\frac{\mathrm{d}}{\mathrm{d}x}\frac{1}{1+e^{-x}}"):
        [e], _ = sides(text)
        assert same(e, sig(x) * (1 - sig(x))), text
    [e], _ = sides(r"\frac{d^2}{dx^2} x^3")
    assert same(e, 6 * x)
    [e], _ = sides(r"\sigma'(0)")
    assert same(e, sp.Rational(1, 4))


def test_limits():
    [e], _ = sides(r"\lim_{\lambda \to \infty} \frac{1}{\lambda}")
    assert isinstance(e, sp.Limit) and e.args[2] == sp.oo
    [e], _ = sides(r"\lim_{T \to 0^{+}} e^{-1/T}")
    assert e.args[2] == 0 and str(e.args[3]) == "+"


def test_chains_and_relations():
    es, ops = sides(r"3^2 = 9 \ge 8 > 3")
    assert ops == ["=", ">=", ">"] and es == [9, 9, 8, 3]


def test_statements_are_cut_at_quad_and_words():
    sts = read_statements(r"a = 1 \quad \text{for} \quad b > 0", NT)
    assert [(s.lead, [t.text for t in s.ops]) for s in sts] == [("", ["="]), ("for", [">"])]
    [st] = read_statements(r"a, b > 0", NT)
    assert st.sides[0].expr == (a, b)


def test_definitions_of_the_document_are_used():
    g = FunctionDef("g", ("x",), sp.log(sp.Sum(sp.exp(X[k]), (k, 1, n))))
    nt = Notation(functions={"g": g}, vectors=frozenset({"x"}), vocabulary=VOCABULARY)
    [e], _ = sides(r"g(\mathbf{x} + b)", nt)
    assert same(e, sp.log(sp.Sum(sp.exp(X[k] + b), (k, 1, n))))
    fam = Family("p", j, sp.exp(o[j]) / sp.Sum(sp.exp(o[k]), (k, 1, n)))
    nt = Notation(families={"p": fam}, vectors=frozenset({"o", "p"}), vocabulary=VOCABULARY)
    [e], _ = sides(r"\sum_k p_k", nt)
    assert same(e.subs(n, 3).doit(), 1)
    nt = Notation(names={"x": sp.Integer(3)}, vocabulary=VOCABULARY)
    [e], _ = sides(r"\frac{d}{dx} x^2", nt)   # differentiate, then put the value in
    assert e == 6


def test_softmax_is_a_vector_until_indexed():
    [e], _ = sides(r"\operatorname{softmax}(\mathbf{o})_j")
    assert same(e.subs(n, 2).doit().subs(j, 1), sp.exp(o[1]) / (sp.exp(o[1]) + sp.exp(o[2])))
    [v], _ = sides(r"\operatorname{softmax}(\mathbf{x} + b)")
    assert isinstance(v, VectorValue)


def test_a_call_of_an_undefined_letter_is_a_guess_or_an_error():
    [st] = read_statements("a(b + c) = ab + ac", NT)
    assert st.sides[0].guesses and not st.sides[0].error
    [st] = read_statements("f(x) = 1", NT)
    assert "f is not defined" in st.sides[0].error


@pytest.mark.parametrize("text,msg", [
    (r"\max_i x_i", "maximum of n numbers"),
    (r"\frac{\delta f}{\delta x}", "δ"),
    (r"\frac{df}{dx}", "does not depend on x"),
    (r"x_1 + \cdots + x_n", "ellipsis"),
    (r"\mathbf{p}^\top v", "transpose"),
    (r"\foo{x}", "not read here"),
    (r"\operatorname{Var}(x)", "not defined in the document"),
    (r"\sum_{j \neq i} x_j", "index of the sum"),
    ("1" * 70, "more than 60 digits"),
])
def test_unreadable_sides_say_why(text, msg):
    [st] = read_statements(text, NT)
    assert st.sides[0].expr is None and msg in st.sides[0].error
    assert "\n" not in st.sides[0].error


def test_huge_powers_stay_unevaluated():
    [e], _ = sides(r"10^{10^{10}}")
    assert isinstance(e, sp.Pow) and e.exp == 10 ** 10


def test_deep_nesting_is_an_error_not_a_crash():
    text = r"\frac{1}{" * 300 + "x" + "}" * 300
    [st] = read_statements(text, NT)
    assert "nested" in st.sides[0].error


def test_never_evaluates_python(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("eval called")

    monkeypatch.setattr(builtins, "eval", boom)
    monkeypatch.setattr(builtins, "exec", boom)
    [st] = read_statements(r"\text{__import__('os').system('id')} = x", NT)
    assert all(s.expr is None or s.expr == x for s in st.sides)
    [st] = read_statements(r"e^{x} = \exp(x)", NT)
    assert st.sides[0].expr == st.sides[1].expr


def test_a_formula_that_cannot_be_tokenized_is_a_read_error():
    with pytest.raises(ReadError, match="unbalanced braces"):
        read_statements(r"\frac{1}{x", NT)
