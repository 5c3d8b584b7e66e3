"""The sheet's LaTeX printer: named operators, plain indices, λ, Dummy names."""

import ast
import operator
import re

import sympy as sp

from render.latex_printer import integer_text, latex


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


def _value(text: str) -> int:
    """The integer a printed integer stands for (the printer's notation only)."""
    py = (text.replace(r"\left(", "(").replace(r"\right)", ")").replace(r" \cdot ", "*")
          .replace("^{", "**(").replace("}", ")"))
    assert re.fullmatch(r"[-+*() 0-9]+", py), text
    ops = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Pow: operator.pow}

    def value(node: ast.AST) -> int:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        assert isinstance(node, ast.BinOp), ast.dump(node)
        return ops[type(node.op)](value(node.left), value(node.right))
    return value(ast.parse(py, mode="eval").body)


def test_long_integers_print_exactly_and_short() -> None:
    dbl_max = 2 ** 1024 - 2 ** 971
    assert integer_text(dbl_max) == "2^{1024} - 2^{971}"
    assert latex(sp.log(sp.Integer(dbl_max))) == r"\log{\left(2^{1024} - 2^{971} \right)}"
    samples = [dbl_max, -dbl_max, 2 ** 1075, -(2 ** 1075), 2 ** 200 + 1, 2 ** 200 - 1,
               2 ** 90 + 2 ** 7, 3 ** 100, 10 ** 30 + 7, 12345678901234567890123457,
               2 ** 64 * 3 ** 20 * 7, 10 ** 23, -(10 ** 23)]
    for n in samples:
        text = integer_text(n)
        assert _value(text) == n, (n, text)
        assert len(text) < 40 or len(str(n)) <= 40
    assert latex(sp.Rational(1, dbl_max)) == r"\frac{1}{2^{1024} - 2^{971}}"


def test_a_long_integer_in_a_power_keeps_its_parentheses() -> None:
    x = sp.Symbol("x")
    assert latex(sp.Pow(sp.Integer(2) ** 1075, x, evaluate=False)) == \
        r"\left(2^{1075}\right)^{x}"
    assert latex(sp.Integer(2 ** 1024 - 2 ** 971) * x).count(r"\left(") <= 1


def test_function_names_with_underscores_read_as_names() -> None:
    """`stable_softmax(x)` is one name (not `stable` with the subscript `softmax`), a
    float64 computation reads as its claims do, and KaTeX accepts both."""
    from render_tools import katex_failures, need

    x = sp.Symbol("x")
    named = latex(sp.Function("stable_softmax")(x))
    fl = latex(sp.Function("fl64_stable_softmax")(x, 2))
    assert named == r"\operatorname{stable\_softmax}\left(x\right)"
    assert fl == r"\operatorname{fl}_{64}\left(\mathtt{stable\_softmax}(x, 2)\right)"
    assert latex(sp.Function("f_1")(x)).startswith("f_{1}")  # a subscript stays one
    need("node")
    assert katex_failures([(named, True), (fl, True)]) == []


def test_a_negative_long_integer_base_keeps_its_sign() -> None:
    x = sp.Symbol("x")
    dbl_max = sp.Integer(2**1024 - 2**971)
    assert latex(sp.Pow(-dbl_max, x, evaluate=False)) == \
        r"\left(-\left(2^{1024} - 2^{971}\right)\right)^{x}"


def test_inside_printed_once_an_object_is_printed_once_and_only_that_object(monkeypatch):
    from render import latex_printer
    from render.latex_printer import printed_once

    printed = []
    doprint = latex_printer.SheetLatexPrinter.doprint

    def counting(self, expr):
        printed.append(expr)
        return doprint(self, expr)

    monkeypatch.setattr(latex_printer.SheetLatexPrinter, "doprint", counting)
    x, y = sp.symbols("x y")
    f = sp.Function("f")
    at_x, at_y = (sp.Subs(f(v).diff(v), v, 1) for v in (x, y))
    assert at_x == at_y  # sympy calls them equal; they print differently
    m = sp.Matrix([[x]])  # mutable: its text may change between calls
    with printed_once():
        texts = [latex(at_x), latex(at_x), latex(at_y), latex(at_x, fold_short_frac=True)]
        first = latex(m)
        m[0, 0] = y
        second = latex(m)
    assert texts[0] == texts[1] and "d x" in texts[0] and "d y" in texts[2]
    assert [e for e in printed if e is at_x] == [at_x, at_x]  # default and other settings
    assert first != second
    latex(at_x)
    assert [e for e in printed if e is at_x] == [at_x] * 3  # outside the block: printed
