"""The safe expression parser: plain math and LaTeX to sympy, clear one-line errors."""

import re

import pytest
import sympy as sp

from proofs.parsing import ParseError, parse

x, y, z, w = sp.symbols("x y z w", real=True)
w0, x0, w1, x1, w2 = sp.symbols("w0 x0 w1 x1 w2", real=True)
SIG = 1 / (1 + sp.exp(-(w0 * x0 + w1 * x1 + w2)))


@pytest.mark.parametrize("text,expected", [
    ("2*(x*y+max(z,w))", 2 * (x * y + sp.Max(z, w))),
    ("2(x + y + max(z, w))", 2 * (x + y + sp.Max(z, w))),
    ("(x+y)z", (x + y) * z),
    ("1/(1+exp(-(w0*x0+w1*x1+w2)))", SIG),
    ("sigma(w0*x0+w1*x1+w2)", SIG),
    ("sigmoid(x)", 1 / (1 + sp.exp(-x))),
    (r"\frac{1}{1+e^{-(w_0x_0+w_1x_1+w_2)}}", SIG),
    (r"\sigma(x)", 1 / (1 + sp.exp(-x))),
    (r"\frac{1}{1+e^{-x}}", 1 / (1 + sp.exp(-x))),
    (r"\left(x+y\right)\cdot z", (x + y) * z),
    (r"(C+D)\times(X+Y)^{2}", sp.Symbol("C", real=True) + sp.Symbol("D", real=True)),
    (r"\sqrt{x} + \ln x - \log(y)", sp.sqrt(x) + sp.log(x) - sp.log(y)),
    ("x - y/2 - -z", x - y / 2 + z),
    ("-x^2", -x ** 2),
    ("x**2**3", x ** 8),
    ("2^-1*x", x / 2),
    ("e^x + pi", sp.exp(x) + sp.pi),
    ("relu(x) + abs(y) + tanh(z)", sp.Max(0, x) + sp.Abs(y) + sp.tanh(z)),
    ("min(x, y, z) + 0.5*x + 1e2", sp.Min(x, y, z) + x / 2 + 100),
    ("$x y$", x * y),
])
def test_parses_to_the_expected_expression(text, expected):
    got = parse(text)
    if text.startswith("(C+D)"):
        X, Y = sp.symbols("X Y", real=True)
        expected = expected * (X + Y) ** 2
    assert sp.simplify(got.doit() - expected) == 0


def test_tree_follows_the_input():
    e = parse("-(a+b)")
    assert isinstance(e, sp.Mul) and isinstance(e.args[1], sp.Add)
    assert isinstance(parse("1/(1+x)"), sp.Pow)


def test_names_with_subscripts_are_one_variable():
    assert parse("w_0 + w0").free_symbols == {w0}
    assert parse(r"w_{0} + w_0").free_symbols == {w0}
    assert all(s.is_real for s in parse("a*b").free_symbols)


@pytest.mark.parametrize("text,msg", [
    ("__import__('os').system('id')", "unknown function '__import__'"),
    ("os.system('id')", "unexpected character '.'"),
    ("f(x)", "unknown function 'f'"),
    ("x +", "ends too early"),
    ("(x", "expected ')'"),
    ("x)", "unexpected ')'"),
    ("max(x)", "at least two arguments"),
    ("exp(x, y)", "one argument"),
    ("exp x", "parentheses"),
    (r"\foo{x}", "unknown LaTeX command"),
    ("", "empty"),
    ("x $ y", "unexpected character '$'"),
    ("lambda: 1", "unexpected character ':'"),
    ("(" * 300 + "x" + ")" * 300, "nested"),
    ("x" * 3000, "longer than"),
])
def test_bad_input_is_a_one_line_parse_error(text, msg):
    with pytest.raises(ParseError, match=re.escape(msg)) as info:
        parse(text)
    assert "\n" not in str(info.value)


def test_never_evaluates_python(monkeypatch):
    import builtins

    def boom(*a, **k):
        raise AssertionError("eval called")

    monkeypatch.setattr(builtins, "eval", boom)
    monkeypatch.setattr(builtins, "exec", boom)
    assert parse("x*y + exp(z)") == parse("x*y+exp(z)")
    with pytest.raises(ParseError):
        parse("__import__('os')")


@pytest.mark.parametrize("text,expected", [
    ("σ(x)", 1 / (1 + sp.exp(-x))),
    ("2σ(x) + σ(y)", 2 / (1 + sp.exp(-x)) + 1 / (1 + sp.exp(-y))),
    (r"σ(x)\cdot y", y / (1 + sp.exp(-x))),
])
def test_unicode_sigma_is_the_sigmoid(text, expected):
    assert sp.simplify(parse(text).doit() - expected) == 0


@pytest.mark.parametrize("text,name", [
    (r"\alpha_{1}", "alpha1"), (r"\alpha_1", "alpha1"), ("alpha_1", "alpha1"),
    (r"\lambda_{k}", "lambdak"), (r"\sigma_{2}", "sigma2"), ("λ_1", "lambda1"), ("λ", "lambda"),
])
def test_greek_names_with_subscripts_are_one_variable(text, name):
    got = parse(text + " + 1")
    assert {s.name for s in got.free_symbols} == {name}
    assert all(s.is_real for s in got.free_symbols)


def test_greek_with_subscript_multiplies_like_any_name():
    a1 = sp.Symbol("alpha1", real=True)
    assert sp.expand(parse(r"2\alpha_{1}x - \alpha_1(x+1)") - (a1 * x - a1)) == 0
