"""The sheet's LaTeX printer: named operators, plain indices, λ, Dummy names."""

import sympy as sp

from render.latex_printer import latex


def test_named_functions_and_symbols():
    x, y = sp.symbols("x y", real=True)
    assert latex(sp.Function("softmax")(x)) == r"\operatorname{softmax}\left(x\right)"
    assert latex(sp.Function("RealSoftMax")(x, y)) == r"\operatorname{RealSoftMax}\left(x, y\right)"
    assert latex(sp.Function("sigma")(x) ** 2) == r"\sigma^{2}\left(x\right)"
    assert latex(sp.IndexedBase("o")[sp.Symbol("j")]) == "o_{j}"
    assert latex(sp.Max(x, y)) == r"\max\left(x, y\right)"
    assert latex(sp.Symbol("lam")) == r"\lambda" and latex(sp.Symbol("lambda")) == r"\lambda"
    assert latex(sp.Dummy("delta1") + 1) == r"\delta_{1} + 1"
    assert latex(sp.Symbol("w0")) == "w_{0}"
