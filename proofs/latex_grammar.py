"""The expression grammar of one side of a relation: sums, products, powers, groups and
the atoms they are built of, by recursive descent over the tokens. Names and
subscripts (`latex_names`), calls of functions (`latex_calls`), and derivatives, limits
and sums (`latex_calculus`) are parts of the same `Reader`."""

from __future__ import annotations

from typing import Any

import sympy as sp

from .latex_calculus import CalculusReading
from .latex_calls import CallReading
from .latex_names import NameReading
from .latex_notation import ONES, Notation, ReadError, VectorValue, key_symbol, vector_marker
from .latex_substitution import replace_symbols
from .latex_tokens import CLOSE, GREEK, OPEN, Token

MAX_DEPTH = 60
_MUL_CMDS = {"cdot": "*", "times": "*", "div": "/", "ast": "*"}
_UNREAD = {
    "cdots": "an ellipsis (...)", "ldots": "an ellipsis (...)", "dots": "an ellipsis (...)",
    "vdots": "an ellipsis", "nabla": "a gradient ∇ (vector calculus)",
    "top": "a transpose (matrix notation)", "intercal": "a transpose (matrix notation)",
    "pm": "±", "mp": "∓", "int": "an integral", "binom": "a binomial coefficient",
    "mathbb": "a set", "begin": "an environment inside a formula (a matrix?)",
    "end": "an environment inside a formula", "circ": "a composition or Hadamard product",
    "odot": "a Hadamard product", "otimes": "a tensor product", "langle": "an inner product",
    "Pr": "a probability", "mathcal": "a calligraphic name", "det": "a determinant",
    "operatorname": "an operator name", "arg": "arg", "argmax": "argmax", "argmin": "argmin",
}


class Reader(NameReading, CallReading, CalculusReading):
    """Recursive descent over the tokens of one side (the grammar here; names, calls
    and calculus notation in the parts it is built of)."""

    def __init__(self, toks: list[Token], text: str, notation: Notation,
                 suspended: frozenset[str]) -> None:
        self.toks = list(toks) + [Token("end", "", toks[-1].pos + 1 if toks else 0)]
        self.text, self.nt, self.suspended = text, notation, suspended
        self.vocabulary = notation.vocabulary
        self.i, self.depth, self.abs_depth = 0, 0, 0
        self.guesses: list[str] = []
        self.used = False  # whether a definition of the document was used

    def term_holding(self, held: frozenset[str]) -> Any:
        """The next term as a scalar, with the names in `held` read as bound variables
        (not as the document's definitions) while it is read."""
        saved, self.suspended = self.suspended, held
        try:
            return self.scalar(self.term())
        finally:
            self.suspended = saved

    # tokens --------------------------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token:
        return self.toks[min(self.i + ahead, len(self.toks) - 1)]

    def take(self) -> Token:
        t = self.peek()
        self.i += 1
        return t

    def at(self, kind: str, *texts: str) -> bool:
        t = self.peek()
        return t.kind == kind and (not texts or t.text in texts)

    def expect(self, text: str) -> None:
        t = self.take()
        if t.kind != "op" or t.text != text:
            got = "the end" if t.kind == "end" else repr(t.text)
            raise ReadError(f"expected {text!r} at column {t.pos + 1}, got {got}")

    def fail(self, what: str, tok: Token | None = None) -> ReadError:
        tok = tok or self.peek()
        return ReadError(f"{what} (column {tok.pos + 1}) is not read here")

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ReadError(f"the formula is nested more than {MAX_DEPTH} levels deep")

    # grammar -------------------------------------------------------------------------
    def whole(self) -> Any:
        if self.at("end"):
            raise ReadError("an empty side")
        e = self.expr()
        if not self.at("end"):
            t = self.peek()
            raise ReadError(f"unexpected {t.text or t.kind!r} at column {t.pos + 1}")
        return self.finish(e)

    def finish(self, e: Any) -> Any:
        if isinstance(e, VectorValue):
            return e
        if not isinstance(e, sp.Basic):
            raise ReadError("not an expression")
        e = self.apply_values(e)
        for s in e.free_symbols:
            if isinstance(s, sp.Symbol) and (s == ONES or s.name.startswith("𝐯")):
                raise ReadError(f"the vector {s.name.lstrip('𝐯')} in arithmetic outside "
                                "a function of a vector")
        return e

    def apply_values(self, e: sp.Basic) -> sp.Basic:
        """`e` with the values the document gave (`x = 3`) put in where definitions
        brought their variables in; derivatives at such a point are taken first."""
        vals = {}
        for key, val in self.nt.names.items():
            if key in self.suspended or not isinstance(val, sp.Basic) or val.free_symbols:
                continue
            sym = key_symbol(key, self.nt)
            if e.has(sym):
                vals[sym] = val
        if not vals:
            return e
        e = replace_symbols(e, vals)
        return e.replace(lambda x: isinstance(x, sp.Subs), lambda x: x.doit())

    def expr(self) -> Any:
        self.enter()
        sign = 1
        if self.at("op", "+", "-"):
            sign = -1 if self.take().text == "-" else 1
        terms = [self.term() if sign == 1 else -self.scalar(self.term())]
        while self.at("op", "+", "-"):
            op = self.take().text
            t = self.scalar(self.term())
            terms.append(-t if op == "-" else t)
        self.depth -= 1
        if len(terms) == 1:
            return terms[0]
        return sp.Add(*(self.scalar(t) for t in terms))

    def scalar(self, e: Any) -> sp.Expr:
        if isinstance(e, VectorValue):
            raise ReadError(f"{e.text} is a vector; arithmetic on vectors is not read here")
        return e

    def starts_factor(self) -> bool:
        t = self.peek()
        if t.kind in ("num", "letter", "vec", "word"):
            return True
        if t.kind == "cmd":
            return t.text not in _MUL_CMDS and t.text not in ("rceil", "rfloor", "rvert",
                                                               "rVert")
        if t.kind == "op":
            return t.text in "({[" or (t.text == "|" and self.abs_depth == 0)
        return False

    def term(self) -> Any:
        factors = [self.factor()]
        while True:
            t = self.peek()
            if t.kind == "op" and t.text in "*/" or t.kind == "cmd" and t.text in _MUL_CMDS:
                op = _MUL_CMDS.get(t.text, t.text)
                self.take()
                f = self.scalar(self.factor())
                factors.append(1 / f if op == "/" else f)
            elif self.starts_factor():
                factors.append(self.scalar(self.factor()))
            else:
                break
        if len(factors) == 1:
            return factors[0]
        return sp.Mul(*(self.scalar(f) for f in factors))

    def factor(self) -> Any:
        if self.at("op", "-"):
            self.take()
            self.enter()
            inner = self.scalar(self.factor())
            self.depth -= 1
            return -inner
        if self.at("op", "+"):
            self.take()
            return self.factor()
        return self.power()

    def power(self) -> Any:
        b = self.primary()
        while self.at("op", "^"):
            tok = self.take()
            self.enter()
            ex = self.exponent(tok)
            self.depth -= 1
            b = self.scalar(b)
            if b is sp.E:
                b = sp.exp(ex)
            elif isinstance(b, sp.exp) and _surely_real(b.args[0]):
                b = sp.exp(b.args[0] * ex)  # (e^u)^v = e^{uv} for real u
            elif b.is_Number and ex.is_Number and abs(ex) * sp.log(abs(b) + 2) > 2000:
                b = sp.Pow(b, ex, evaluate=False)  # never a number with a million digits
            else:
                b = sp.Pow(b, ex)
        if self.at("op", "!"):
            raise self.fail("a factorial")
        return b

    def exponent(self, tok: Token) -> sp.Expr:
        t = self.peek()
        if t.kind == "cmd" and t.text in ("top", "intercal", "prime", "ast", "star"):
            raise self.fail({"prime": "a prime written as ^\\prime"}.get(
                t.text, "a transpose or starred name"), t)
        if t.kind == "op" and t.text == "{":
            inner = self.peek(1)
            if inner.kind == "cmd" and inner.text in ("top", "intercal", "prime", "ast"):
                raise self.fail("a transpose, prime or starred name", inner)
            if inner.kind == "op" and inner.text == "(" and self.peek(3).text == ")" \
                    and self.peek(4).text == "}":
                raise self.fail("a superscript index x^{(i)}", inner)
            if inner.kind == "letter" and inner.text == "T" and self.peek(2).text == "}" \
                    and not self.nt.defines("T"):
                self.guesses.append("^{T} read as the power T, not a transpose")
            return self.group()
        if t.kind == "num" and len(t.text) > 1 and "." not in t.text:
            # x^23 is x^2 times 3 in LaTeX: the exponent is one character
            self.toks[self.i] = Token("num", t.text[1:], t.pos + 1)
            return sp.Integer(t.text[0])
        if t.kind == "op" and t.text in "*-+" and self.peek(1).kind in ("end", "op", "rel"):
            raise self.fail(f"the superscript {t.text}", t)
        return self.scalar(self.primary_for_exponent())

    def primary_for_exponent(self) -> Any:
        if self.at("op", "-"):
            self.take()
            return -self.scalar(self.primary())
        return self.primary()

    def group(self) -> Any:
        """`{ expr }`, or one atom (as in `\\frac12`)."""
        if self.at("op", "{"):
            self.take()
            e = self.expr()
            self.expect("}")
            return e
        return self.primary()

    def group_tokens(self) -> list[Token]:
        """The tokens of the `{...}` group here (or of the single token), consumed."""
        if not self.at("op", "{"):
            t = self.take()
            if t.kind == "end":
                raise ReadError("the formula ends where a group was expected")
            return [t]
        self.take()
        depth, out = 1, []
        while True:
            t = self.take()
            if t.kind == "end":
                raise ReadError("unbalanced braces")
            if t.kind == "op" and t.text in OPEN:
                depth += 1
            elif t.kind == "op" and t.text in CLOSE:
                depth -= 1
                if depth == 0:
                    return out
            out.append(t)

    def sub(self, toks: list[Token], suspended: frozenset[str] | None = None) -> Any:
        """Read a token list on its own (a group taken apart), with this reader's context."""
        r = Reader(toks, self.text, self.nt,
                    self.suspended if suspended is None else suspended)
        r.depth = self.depth
        try:
            e = r.expr()
            if not r.at("end"):
                t = r.peek()
                raise ReadError(f"unexpected {t.text or t.kind!r} at column {t.pos + 1}")
        finally:
            self.guesses.extend(r.guesses)
            self.used = self.used or r.used
        return e

    def primary(self) -> Any:
        t = self.peek()
        if t.kind == "num":
            self.take()
            if len(t.text) > 60:
                raise ReadError(f"the number at column {t.pos + 1} has more than 60 digits")
            return sp.Rational(t.text) if "." in t.text else sp.Integer(t.text)
        if t.kind == "op" and t.text in "([{":
            self.take()
            close = {"(": ")", "[": "]", "{": "}"}[t.text]
            e = self.expr()
            nxt = self.take()
            if nxt.kind != "op" or nxt.text not in ")]}":
                got = "the end" if nxt.kind == "end" else repr(nxt.text)
                raise ReadError(f"expected {close!r} at column {nxt.pos + 1}, got {got}")
            return self.after_group(e)
        if t.kind == "op" and t.text == "|":
            self.take()
            self.abs_depth += 1
            e = self.scalar(self.expr())
            self.abs_depth -= 1
            self.expect("|")
            return sp.Abs(e)
        if t.kind == "letter":
            return self.name_or_call()
        if t.kind == "vec":
            self.take()
            if self.at("op", "_"):
                raise self.fail("an entry of a bold vector", t)
            return vector_marker(t.text)
        if t.kind == "word":
            self.take()
            return self.function(t.text, t)
        if t.kind == "cmd":
            return self.command()
        if t.kind == "end":
            raise ReadError("the formula ends too early")
        if t.kind == "set":
            raise self.fail(f"the set {t.text}", t)
        if t.kind in ("name", "text"):
            raise ReadError(f"the name {t.text!r} at column {t.pos + 1} is not defined in the "
                            "document")
        raise ReadError(f"unexpected {t.text!r} at column {t.pos + 1}")

    def after_group(self, e: Any) -> Any:
        """A subscript after a parenthesised vector: `(softmax(o))_j`."""
        if self.at("op", "_") and isinstance(e, VectorValue):
            return e.at(self.index_arg())
        return e

    # commands ------------------------------------------------------------------------
    def command(self) -> Any:
        tok = self.take()
        c = tok.text
        if c == "frac":
            return self.fraction(tok)
        if c == "sqrt":
            if self.at("op", "["):
                self.take()
                k = self.expr()
                self.expect("]")
                return sp.Pow(self.scalar(self.group()), 1 / k)
            return sp.sqrt(self.scalar(self.group()))
        if c in ("sum", "prod"):
            return self.big_operator(tok)
        if c == "lim":
            return self.limit(tok)
        if c in ("lceil", "lfloor"):
            e = self.scalar(self.expr())
            close = self.take()
            if close.text != {"lceil": "rceil", "lfloor": "rfloor"}[c]:
                raise ReadError(f"\\{c} at column {tok.pos + 1} is not closed")
            return sp.ceiling(e) if c == "lceil" else sp.floor(e)
        if c in ("lvert", "vert", "lVert"):
            e = self.scalar(self.expr())
            self.take()
            return sp.Abs(e)
        if c == "infty":
            return sp.oo
        if c == "pi" and not self.at("op", "_") and not self.nt.defines("pi"):
            return sp.pi
        if c in ("exp", "log", "ln", "max", "min", "sin", "cos", "tan", "tanh", "sinh",
                 "cosh", "lg", "sgn"):
            return self.function(c, tok)
        if c in ("partial", "mathrm", "d"):
            raise self.fail("a derivative written outside \\frac", tok)
        if c in GREEK or c in ("ell", "imath", "jmath"):
            return self.named({"ell": "l"}.get(c, c), tok)
        if c in _UNREAD:
            raise self.fail(_UNREAD[c], tok)
        raise ReadError(f"the LaTeX command '\\{c}' at column {tok.pos + 1} is not read here")


_REAL_FUNCTIONS = (sp.exp, sp.Max, sp.Min, sp.Abs, sp.tanh, sp.sin, sp.cos)


def _surely_real(u: sp.Basic) -> bool:
    """`u` is real wherever it is defined: real variables and numbers under +, *,
    integer powers and real functions (so that (e^u)^v = e^{uv})."""
    if u.is_extended_real:
        return True
    if u.is_Symbol or isinstance(u, sp.Indexed):
        return bool(u.is_real)
    if u.is_Number:
        return bool(u.is_real)
    if isinstance(u, sp.Pow):
        return u.exp.is_Integer and _surely_real(u.base)
    if isinstance(u, (sp.Add, sp.Mul, *_REAL_FUNCTIONS)):
        return all(_surely_real(a) for a in u.args)
    return False
