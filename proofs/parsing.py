"""A safe parser for user-typed expressions: plain math or LaTeX to sympy, never `eval`.

    >>> from proofs.parsing import parse
    >>> parse("2*(x*y + max(z, w))")
    2*(x*y + Max(w, z))
    >>> parse(r"\\frac{1}{1+e^{-x}}")
    1/(1 + exp(-x))

Plain math: numbers, names, `+ - * / ^ **`, parentheses, implicit multiplication
(`2(x+y)`, `(x+y)z`), and the functions of `FUNCTIONS` (exp, log/ln, sqrt, max, min,
sigma/sigmoid, relu, tanh, abs, sin, cos). `e` is Euler's number and `pi` is pi.
LaTeX (any input holding a backslash or a brace): `\\frac{a}{b}`, `e^{...}`, `\\exp`,
`\\log`, `\\ln`, `\\sqrt{...}`, `\\max`, `\\min`, `\\sigma`, `\\cdot`, `\\times`,
`\\left( \\right)`, Greek letters as names (also typed as Unicode: `λ`, and `σ(x)` is the
sigmoid), single-letter and Greek names with subscripts. A subscript is part of the
name: `w_0`, `w_{0}` and `w0` are the same variable `w0`, `\\alpha_{1}` is `alpha1`.

The result is built with `evaluate=False`, so its tree follows the input as written
(`-(a+b)` stays a negation of a sum); `sympy.diff` and `.doit()` work on it as usual.
Variables are real symbols. Anything else is a `ParseError` with a one-line message.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

MAX_LENGTH = 2000
MAX_DEPTH = 100


class ParseError(ValueError):
    """The input is not an expression this parser accepts (the message is one line)."""


def _neg(a: sp.Expr) -> sp.Expr:
    return sp.Mul(sp.Integer(-1), a, evaluate=False)


def sigmoid(a: sp.Expr) -> sp.Expr:
    """1/(1 + e^(-a)), unevaluated: the gates *-1, exp, +1, 1/x of the lecture graphs."""
    return sp.Pow(sp.Add(sp.Integer(1), sp.exp(_neg(a), evaluate=False), evaluate=False),
                  sp.Integer(-1), evaluate=False)


def _one(fn: Callable[[sp.Expr], sp.Expr]) -> Callable[..., sp.Expr]:
    def build(*args: sp.Expr) -> sp.Expr:
        if len(args) != 1:
            raise ParseError(f"takes one argument, got {len(args)}")
        return fn(args[0])
    return build


def _many(cls: type) -> Callable[..., sp.Expr]:
    def build(*args: sp.Expr) -> sp.Expr:
        if len(args) < 2:
            raise ParseError(f"takes at least two arguments, got {len(args)}")
        return cls(*args, evaluate=False)
    return build


FUNCTIONS: dict[str, Callable[..., sp.Expr]] = {
    "exp": _one(lambda a: sp.exp(a, evaluate=False)),
    "log": _one(lambda a: sp.log(a, evaluate=False)),
    "ln": _one(lambda a: sp.log(a, evaluate=False)),
    "sqrt": _one(lambda a: sp.Pow(a, sp.Rational(1, 2), evaluate=False)),
    "max": _many(sp.Max),
    "min": _many(sp.Min),
    "sigma": _one(sigmoid),
    "sigmoid": _one(sigmoid),
    "relu": _one(lambda a: sp.Max(sp.Integer(0), a, evaluate=False)),
    "tanh": _one(lambda a: sp.tanh(a, evaluate=False)),
    "abs": _one(lambda a: sp.Abs(a, evaluate=False)),
    "sin": _one(lambda a: sp.sin(a, evaluate=False)),
    "cos": _one(lambda a: sp.cos(a, evaluate=False)),
}
CONSTANTS: dict[str, sp.Expr] = {"e": sp.E, "pi": sp.pi}
GREEK = ("alpha beta gamma delta epsilon varepsilon zeta eta theta kappa lambda mu nu xi "
         "rho tau phi varphi chi psi omega").split()
_LATEX_NOOP = {"left", "right", "cdot", "times", ",", ";", "!", " ", "quad", "big", "Big"}
_LATEX_OPS = {"cdot": "*", "times": "*", "div": "/"}


@dataclass(frozen=True)
class Token:
    kind: str   # num, name, cmd, op, end, bad
    text: str
    pos: int


_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LATEX_NAME = re.compile(r"[A-Za-z](?:_(?:\{[A-Za-z0-9]+\}|[A-Za-z0-9]))?")
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NUMBER_LATEX = re.compile(r"\d+\.?\d*|\.\d+")
_SUBSCRIPT = re.compile(r"_(?:\{[A-Za-z0-9]+\}|[A-Za-z0-9])")
#: Greek letters typed as Unicode, read as the LaTeX command of the same name
GREEK_UNICODE = dict(zip("αβγδεζηθκλμνξρτφχψωσ", (
    "alpha beta gamma delta epsilon zeta eta theta kappa lambda mu nu xi rho tau phi chi "
    "psi omega sigma").split(), strict=True))


def tokenize(text: str, latex: bool) -> list[Token]:
    """The tokens of `text`; a character that starts no token becomes a `bad` token."""
    out: list[Token] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c.isdigit() or (c == "." and text[i + 1:i + 2].isdigit()):
            m = (_NUMBER_LATEX if latex else _NUMBER).match(text, i)
            out.append(Token("num", m.group(), i))
            i = m.end()
            continue
        if c == "\\" or c in GREEK_UNICODE:
            m = re.compile(r"\\([A-Za-z]+|.)").match(text, i)
            if m is None and c == "\\":
                out.append(Token("bad", c, i))
                break
            word, end = (m.group(1), m.end()) if m else (GREEK_UNICODE[c], i + 1)
            sub = _SUBSCRIPT.match(text, end) if word in GREEK or word == "sigma" else None
            if sub:  # \alpha_{1}: a Greek name with a subscript is one variable
                out.append(Token("name", word + sub.group(), i))
                end = sub.end()
            else:  # \lambda, or λ typed as Unicode
                out.append(Token("cmd", word, i))
            i = end
            continue
        if c.isalpha() or c == "_":
            m = (_LATEX_NAME if latex else _PLAIN_NAME).match(text, i)
            if m is None:
                out.append(Token("bad", c, i))
                break
            out.append(Token("name", m.group(), i))
            i = m.end()
            continue
        if text.startswith("**", i):
            out.append(Token("op", "^", i))
            i += 2
            continue
        if c in "+-*/^(),{}[]" or c in "·×−":
            t = {"·": "*", "×": "*", "−": "-", "[": "(", "]": ")"}.get(c, c)
            out.append(Token("op", t, i))
            i += 1
            continue
        out.append(Token("bad", c, i))
        break
    out.append(Token("end", "", len(text)))
    return out


def _name_of(raw: str) -> str:
    """`w_0`, `w_{0}` -> `w0`: a subscript is part of the name."""
    return re.sub(r"_\{?([A-Za-z0-9]+)\}?$", r"\1", raw)


class _Parser:
    def __init__(self, text: str, latex: bool) -> None:
        self.text = text
        self.latex = latex
        self.toks = tokenize(text, latex)
        self.i = 0
        self.depth = 0
        self.symbols: dict[str, sp.Symbol] = {}

    # helpers ------------------------------------------------------------------
    def peek(self) -> Token:
        tok = self.toks[self.i]
        while tok.kind == "cmd" and tok.text in _LATEX_NOOP and tok.text not in _LATEX_OPS:
            self.i += 1
            tok = self.toks[self.i]
        if tok.kind == "bad":
            raise ParseError(f"unexpected character {tok.text!r} at column {tok.pos + 1}: "
                             "an expression holds numbers, names, + - * / ^ ( ) , and the "
                             f"functions {', '.join(FUNCTIONS)}")
        return tok

    def take(self) -> Token:
        tok = self.peek()
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        tok = self.take()
        if tok.text != text or tok.kind != "op":
            got = "the end of the input" if tok.kind == "end" else repr(tok.text)
            raise ParseError(f"expected {text!r} at column {tok.pos + 1}, got {got}")

    def is_op(self, *texts: str) -> bool:
        tok = self.peek()
        if tok.kind == "cmd" and tok.text in _LATEX_OPS:
            return _LATEX_OPS[tok.text] in texts
        return tok.kind == "op" and tok.text in texts

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ParseError(f"the expression is nested more than {MAX_DEPTH} levels deep")

    # grammar ------------------------------------------------------------------
    def parse(self) -> sp.Expr:
        if not self.text.strip():
            raise ParseError("the expression is empty")
        e = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            raise ParseError(f"unexpected {tok.text!r} at column {tok.pos + 1}")
        return e

    def expr(self) -> sp.Expr:
        self.enter()
        terms = [self.term()]
        while self.is_op("+", "-"):
            op = self.take().text
            t = self.term()
            terms.append(_neg(t) if op == "-" else t)
        self.depth -= 1
        return terms[0] if len(terms) == 1 else sp.Add(*terms, evaluate=False)

    def _starts_atom(self) -> bool:
        tok = self.peek()
        if tok.kind in ("num", "name"):
            return True
        if tok.kind == "cmd":
            return tok.text not in _LATEX_OPS
        return tok.kind == "op" and tok.text in ("(", "{")

    def term(self) -> sp.Expr:
        factors = [self.unary()]
        while True:
            if self.is_op("*", "/"):
                tok = self.take()
                op = _LATEX_OPS.get(tok.text, tok.text)
                f = self.unary()
                factors.append(sp.Pow(f, -1, evaluate=False) if op == "/" else f)
            elif self._starts_atom():
                factors.append(self.power())
            else:
                break
        if len(factors) == 2 and factors[0] == 1 and isinstance(factors[1], sp.Pow) \
                and factors[1].exp == -1:
            return factors[1]  # 1/a: the reciprocal gate
        return factors[0] if len(factors) == 1 else sp.Mul(*factors, evaluate=False)

    def unary(self) -> sp.Expr:
        if self.is_op("-"):
            self.take()
            self.enter()
            inner = self.unary()
            self.depth -= 1
            if isinstance(inner, sp.Number):
                return -inner
            return _neg(inner)
        if self.is_op("+"):
            self.take()
            return self.unary()
        return self.power()

    def power(self) -> sp.Expr:
        base = self.atom()
        if self.is_op("^"):
            self.take()
            self.enter()
            exponent = self.group() if self.is_op("{") else self.unary()
            self.depth -= 1
            if base is sp.E:
                return sp.exp(exponent, evaluate=False)
            return sp.Pow(base, exponent, evaluate=False)
        return base

    def group(self) -> sp.Expr:
        """`{ expr }` in LaTeX, or a single atom (as in `\\frac12`)."""
        if self.is_op("{"):
            self.take()
            e = self.expr()
            self.expect("}")
            return e
        return self.atom()

    def args(self) -> list[sp.Expr]:
        """Function arguments: `(a, b, ...)` or, in LaTeX, `{a}` or a bare atom."""
        if self.is_op("("):
            self.take()
            out = [self.expr()]
            while self.is_op(","):
                self.take()
                out.append(self.expr())
            self.expect(")")
            return out
        if self.latex:
            return [self.power()]
        tok = self.peek()
        raise ParseError(f"expected '(' after the function name at column {tok.pos + 1}")

    def call(self, name: str, pos: int) -> sp.Expr:
        args = self.args()
        try:
            return FUNCTIONS[name](*args)
        except ParseError as exc:
            raise ParseError(f"{name} at column {pos + 1} {exc}") from None

    def atom(self) -> sp.Expr:
        tok = self.take()
        if tok.kind == "num":
            if len(tok.text) > 40:
                raise ParseError(f"the number at column {tok.pos + 1} is too long")
            return sp.Rational(tok.text) if any(c in tok.text for c in ".eE") \
                else sp.Integer(tok.text)
        if tok.kind == "op" and tok.text in ("(", "{"):
            e = self.expr()
            self.expect(")" if tok.text == "(" else "}")
            return e
        if tok.kind == "cmd":
            return self.command(tok)
        if tok.kind == "name":
            return self.name(tok)
        if tok.kind == "end":
            raise ParseError("the expression ends too early")
        raise ParseError(f"unexpected {tok.text!r} at column {tok.pos + 1}")

    def command(self, tok: Token) -> sp.Expr:
        c = tok.text
        if c in ("frac", "dfrac", "tfrac"):
            num = self.group()
            den = self.group()
            if num == 1:
                return sp.Pow(den, -1, evaluate=False)
            return sp.Mul(num, sp.Pow(den, -1, evaluate=False), evaluate=False)
        if c == "sqrt":
            return sp.Pow(self.group(), sp.Rational(1, 2), evaluate=False)
        if c in FUNCTIONS and c not in ("sigma",) or c == "operatorname":
            if c == "operatorname":
                name = "".join(t.text for t in self._braced_word())
                if name not in FUNCTIONS:
                    raise ParseError(f"unknown function {name!r} at column {tok.pos + 1}")
                return self.call(name, tok.pos)
            return self.call(c, tok.pos)
        if c == "sigma" and self.is_op("("):
            return self.call("sigma", tok.pos)
        if c == "pi":
            return sp.pi
        if c in GREEK or c == "sigma":
            return self._symbol(c, tok)
        raise ParseError(f"unknown LaTeX command '\\{c}' at column {tok.pos + 1}")

    def _braced_word(self) -> list[Token]:
        self.expect("{")
        out = []
        while not self.is_op("}"):
            t = self.take()
            if t.kind == "end":
                raise ParseError("missing '}'")
            out.append(t)
        self.take()
        return out

    def name(self, tok: Token) -> sp.Expr:
        raw = tok.text
        if self.is_op("(") and not self.latex or raw in FUNCTIONS and self.latex \
                and self.is_op("("):
            if raw not in FUNCTIONS:
                raise ParseError(f"unknown function {raw!r} at column {tok.pos + 1} (known: "
                                 f"{', '.join(FUNCTIONS)})")
            return self.call(raw, tok.pos)
        if raw in FUNCTIONS:
            raise ParseError(f"{raw} at column {tok.pos + 1} needs its argument in "
                             "parentheses")
        if raw in CONSTANTS:
            return CONSTANTS[raw]
        if raw.startswith("_") or "__" in raw:
            raise ParseError(f"name {raw!r} at column {tok.pos + 1}: names start with a letter")
        return self._symbol(_name_of(raw), tok)

    def _symbol(self, name: str, tok: Token) -> sp.Symbol:
        if name not in self.symbols:
            self.symbols[name] = sp.Symbol(name, real=True)
        return self.symbols[name]


def is_latex(text: str) -> bool:
    """Inputs holding a backslash or a brace are read as LaTeX."""
    return "\\" in text or "{" in text


def parse(text: str) -> sp.Expr:
    """The sympy expression (unevaluated, real symbols) that `text` writes."""
    if not isinstance(text, str):
        raise ParseError("the expression must be a string")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the expression is longer than {MAX_LENGTH} characters")
    text = text.strip().strip("$").strip()
    return _Parser(text, is_latex(text)).parse()
