"""Formulas as authors write them in LaTeX, read into sympy relations (never evaluated).

    >>> from proofs.latex_math import Notation, read_statements
    >>> [s] = read_statements(r"\\frac{d}{dx} \\log(1 + e^{x}) = \\frac{1}{1 + e^{-x}}", Notation())
    >>> [side.expr for side in s.sides]
    [Derivative(log(exp(x) + 1), x), 1/(1 + exp(-x))]
    >>> [op.text for op in s.ops]
    ['=']

A formula is cut into statements (at `\\quad`, at words such as `\\text{for}`, at
top-level commas) and each statement into its sides at the relations; each side is read
on its own, so an unreadable side costs only the links that touch it. What is read:
numbers (decimals exactly), letters and Greek letters as real variables, subscripts as
indices (`o_j` is the j-th entry of the vector o, `w_0` its entry 0; `o_{apple}` is a
name), `e^{...}`, `\\exp`, `\\log`/`\\ln` (natural; `\\log_2` a base), `\\sqrt`, `\\frac`,
`\\cdot`, `\\times`, `|x|`, `\\lceil\\rceil`, `\\lfloor\\rfloor`, the functions of the
notation's vocabulary (`proofs.latex_vocabulary`: by default the standard ones, such as
tanh and max/min of a list; a caller passes the names of its subject),
sums and products over an index (`\\sum_i` runs over 1..n for the document's dimension n,
`\\sum_{k=1}^{q}` as written), limits (`\\lim_{x \\to a^{+}}`), derivatives
(`\\frac{d}{dx}`, `\\frac{\\partial^2 l}{\\partial o_j^2}`, mixed partials, primes
`f'(x)`), the Kronecker delta `\\delta_{ij}`, and the names the document defined
(`Notation`): functions `f(x) = ...`, families `p_j = ...`, names and values `x = 3`.
Everything else (matrices, `\\max_i`, ellipses, expectations, ...) is a `ReadError`
naming what could not be read: the reader never guesses a meaning.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.core.relational import Relational

from .latex_tokens import GREEK, Token, TokenError, tokenize
from .latex_vocabulary import STANDARD, Vocabulary, VocabularyError

MAX_DEPTH = 60
#: letters that name functions in notes (`f(x)` is a call, never f times x)
FUNCTION_LETTERS = frozenset("fghFGHLlPQJ")
_BOUND_NAMES = ("k", "t", "s", "r", "u", "m", "q", "a", "b", "c")


class ReadError(ValueError):
    """A part of a formula that this reader does not read (the message is one line)."""


def real(name: str) -> sp.Symbol:
    """The real variable `name`."""
    return sp.Symbol(name, real=True)


def index(name: str) -> sp.Symbol:
    """The index (or dimension) `name`: a positive integer."""
    return sp.Symbol(name, integer=True, positive=True)


def base(name: str) -> sp.IndexedBase:
    """The vector `name`, with real entries."""
    return sp.IndexedBase(name, real=True)


ONES = real("𝟏")  # \mathbf{1}, the all-ones vector, until it is read at an index


def _vec(name: str) -> sp.Symbol:
    """The marker of `\\mathbf{name}` until it is read at an index."""
    return ONES if name == "1" else real("𝐯" + name)


@dataclass(frozen=True)
class FunctionDef:
    """`f(x, y) = body` (a vector parameter shows in `body` as its entries `x[k]`);
    `index` is the free index of a coordinate function such as `softmax(o)_j = ...`."""

    name: str
    params: tuple[str, ...]
    body: Any
    index: sp.Symbol | None = None
    line: int = 0


@dataclass(frozen=True)
class Family:
    """`p_j = body`: the entries of a vector defined by a formula in the index."""

    name: str
    index: sp.Symbol
    body: sp.Expr
    line: int = 0


@dataclass(frozen=True)
class Notation:
    """What the document has defined so far: functions, families, names (scalar
    definitions and values, keyed `x` or `w[0]`), the names used as vectors, and the
    dimension symbols (`n`, or the upper bounds of the document's sums); and the
    vocabulary of functions known before the document (`proofs.latex_vocabulary`)."""

    functions: Mapping[str, FunctionDef] = field(default_factory=dict)
    families: Mapping[str, Family] = field(default_factory=dict)
    names: Mapping[str, sp.Expr] = field(default_factory=dict)
    vectors: frozenset[str] = frozenset()
    dimensions: frozenset[str] = frozenset({"n"})
    dimension: str = "n"
    vocabulary: Vocabulary = STANDARD

    def with_function(self, f: FunctionDef) -> Notation:
        return dataclasses.replace(self, functions={**self.functions, f.name: f})

    def with_family(self, f: Family) -> Notation:
        return dataclasses.replace(self, families={**self.families, f.name: f})

    def with_name(self, key: str, value: sp.Expr) -> Notation:
        return dataclasses.replace(self, names={**self.names, key: value})

    def defines(self, name: str) -> bool:
        """True when `name` (a function, family or name key) has a meaning here."""
        return name in self.functions or name in self.families or name in self.names


class VectorValue:
    """A vector-valued result (`softmax(o)`): its coordinate at any index."""

    def __init__(self, at: Callable[[sp.Expr], sp.Expr], text: str) -> None:
        self.at, self.text = at, text


@dataclass(frozen=True)
class Side:
    """One side of a relation: the expression read (None when unreadable, with `error`),
    where it is in the formula, and the readings that were choices (`guesses`)."""

    expr: Any
    start: int
    end: int
    error: str = ""
    guesses: tuple[str, ...] = ()
    tokens: tuple[Token, ...] = ()
    defined: bool = False   # a definition of the document was used


@dataclass(frozen=True)
class Statement:
    """Sides joined by relations (`a = b \\le c`), and the word that introduced it inside
    the formula (`\\text{for}`), lower-case."""

    sides: tuple[Side, ...]
    ops: tuple[Token, ...]
    lead: str = ""


# --- bound variables ---------------------------------------------------------------

def fresh_bounds(expr: Any, taken: set[sp.Symbol]) -> Any:
    """`expr` with each summation index renamed where it collides with `taken` or with an
    index of an enclosing sum, so that substituting or differentiating cannot capture it."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum, sp.Product):
        return expr
    taken = set(taken) | {s for s in expr.free_symbols if isinstance(s, sp.Symbol)}
    return _rename(expr, taken)


def on_sides(statement: sp.Basic, f: Callable[[sp.Basic], sp.Basic]) -> sp.Basic:
    """`statement` (a relation, or And/Or of relations) with `f` applied to each side,
    rebuilt without letting sympy decide it on construction."""
    if isinstance(statement, Relational):
        return statement.func(f(statement.lhs), f(statement.rhs), evaluate=False)
    if isinstance(statement, (sp.And, sp.Or, sp.Not)):
        return statement.func(*(on_sides(a, f) for a in statement.args), evaluate=False)
    return f(statement)


def _rename(expr: sp.Basic, taken: set[sp.Symbol]) -> sp.Basic:
    if isinstance(expr, (Relational, sp.And, sp.Or, sp.Not)):
        return on_sides(expr, lambda e: _rename(e, taken))
    if isinstance(expr, (sp.Sum, sp.Product)):
        body, limits = expr.function, []
        for lim in expr.limits:
            v = lim[0]
            if v in taken:
                new = _fresh(v, taken | body.free_symbols)
                body = body.xreplace({v: new})
                v = new
            taken = taken | {v}
            limits.append((v, *lim[1:]))
        return type(expr)(_rename(body, taken), *limits)
    if not expr.args or not expr.has(sp.Sum, sp.Product):
        return expr
    return expr.func(*(_rename(a, taken) for a in expr.args))


def _fresh(v: sp.Symbol, taken: set) -> sp.Symbol:
    names = {s.name for s in taken if isinstance(s, sp.Symbol)}
    for cand in (*_BOUND_NAMES, *(f"{v.name}{i}" for i in range(2, 50))):
        if cand not in names:
            return index(cand)
    raise ReadError("too many nested sums")


def substitute(expr: Any, mapping: Mapping[sp.Basic, Any]) -> Any:
    """`expr` with `mapping` applied and no summation index captured."""
    taken: set[sp.Symbol] = set()
    for k, v in mapping.items():
        for x in (k, v):
            if isinstance(x, sp.Basic):
                taken |= {s for s in x.free_symbols if isinstance(s, sp.Symbol)}
    return replace_symbols(fresh_bounds(expr, taken), mapping)


def replace_symbols(e: Any, mapping: Mapping[sp.Basic, Any], rename: bool = False) -> Any:
    """`e` with the symbols (and entries) of `mapping` replaced where they are free: never
    inside the name of a vector (`x = 3` leaves the vector x alone), never a summation
    index or the variable of a limit; a derivative by a replaced variable is taken first.
    With `rename` (a symbol for the same symbol with more assumptions) every occurrence
    is replaced, bound ones and derivative variables too."""
    if not mapping or not isinstance(e, sp.Basic):
        return e

    def walk(x: sp.Basic, m: Mapping[sp.Basic, Any]) -> sp.Basic:
        if not m or isinstance(x, sp.IndexedBase):
            return x
        if x in m:
            return m[x]
        if not x.args:
            return x
        if not rename and isinstance(x, sp.Derivative) and any(
                v in m for v, _ in x.variable_count):
            taken = x.doit()
            if not isinstance(taken, sp.Derivative):
                return walk(taken, m)
            return x.subs({k: v for k, v in m.items() if not isinstance(k, sp.Indexed)})
        if not rename and isinstance(x, (sp.Sum, sp.Product, sp.Limit)):
            bound = {x.args[1]} if isinstance(x, sp.Limit) else {lim[0] for lim in x.limits}
            inner = {k: v for k, v in m.items() if k not in bound}
            if isinstance(x, sp.Limit):
                return sp.Limit(walk(x.args[0], inner), x.args[1], walk(x.args[2], inner),
                                str(x.args[3]))
            limits = [(lim[0], *(walk(b, inner) for b in lim[1:])) for lim in x.limits]
            return x.func(walk(x.function, inner), *limits)
        args = [walk(a, m) for a in x.args]
        if all(a is b for a, b in zip(args, x.args, strict=True)):
            return x
        if isinstance(x, Relational):
            return x.func(*args, evaluate=False)
        return x.func(*args)

    return walk(e, mapping)


# --- cutting a formula into statements and sides ---------------------------------------

_OPEN, _CLOSE = "({[", ")}]"
_CONNECTORS = ("for all", "for every", "for any", "for", "if", "when", "whenever", "where",
               "with", "since", "so", "thus", "hence", "then", "and", "or", "i.e.", "as",
               "because", "therefore", "giving", "which", "that", "gives")


def _lead_word(text: str) -> str:
    t = " ".join(text.lower().split())
    return t.rstrip(",.:;")


def split_statements(tokens: list[Token]) -> list[tuple[str, list[Token]]]:
    """The statements of a formula: (introducing word, tokens), cut at gaps, text words
    and top-level commas or semicolons. A part without a relation is joined to the next
    one (the list `a, b > 0`)."""
    out: list[tuple[str, list[Token]]] = []
    lead, cur, depth = "", [], 0
    pending: list[Token] = []
    for t in tokens:
        if t.kind == "op" and t.text in _OPEN:
            depth += 1
        elif t.kind == "op" and t.text in _CLOSE:
            depth -= 1
        cut = depth <= 0 and (t.kind in ("gap", "text", "end")
                              or (t.kind == "op" and t.text in ",;"))
        if not cut:
            cur.append(t)
            continue
        if cur:
            if any(x.kind == "rel" for x in cur):
                out.append((lead, pending + cur))
                pending, lead = [], ""
            elif t.kind == "op" and t.text == ",":
                pending = pending + cur + [t]
            else:
                out.append((lead, pending + cur))
                pending, lead = [], ""
        cur = []
        if t.kind == "text":
            lead = _lead_word(t.text)
    if pending:
        out.append((lead, pending[:-1] if pending[-1].text == "," else pending))
    return out


def split_sides(tokens: list[Token]) -> tuple[list[list[Token]], list[Token]]:
    """The sides of a statement and the relations between them (top level only)."""
    sides, ops, cur, depth = [], [], [], 0
    for t in tokens:
        if t.kind == "op" and t.text in _OPEN:
            depth += 1
        elif t.kind == "op" and t.text in _CLOSE:
            depth -= 1
        if t.kind == "rel" and depth <= 0:
            sides.append(cur)
            ops.append(t)
            cur = []
        else:
            cur.append(t)
    sides.append(cur)
    while sides and sides[-1] and sides[-1][-1].kind == "op" and sides[-1][-1].text in ".,;":
        sides[-1] = sides[-1][:-1]
    return sides, ops


def read_statements(text: str, notation: Notation,
                    suspended: frozenset[str] = frozenset()) -> list[Statement]:
    """The statements of the formula `text`, each side read with `notation` (the names in
    `suspended` are read as plain variables, not by their definitions). A formula that
    cannot even be cut into tokens is a ReadError."""
    try:
        tokens = tokenize(text, notation.vocabulary.names
                          | frozenset(n.lower() for n in notation.functions))
    except TokenError as exc:
        raise ReadError(str(exc)) from None
    out = []
    for lead, toks in split_statements(tokens):
        sides_toks, ops = split_sides(toks)
        sides = tuple(read_side(s, text, notation, suspended) for s in sides_toks)
        out.append(Statement(sides, tuple(ops), lead))
    return out


def read_side(toks: list[Token], text: str, notation: Notation,
              suspended: frozenset[str] = frozenset()) -> Side:
    """One side read into sympy, or a Side whose `error` says why not."""
    if not toks:
        return Side(None, 0, 0, "an empty side", tokens=())
    start = _side_start(text, toks[0].pos)
    end = _end_of(toks[-1], text)
    items = _top_level_commas(toks)
    if len(items) > 1:  # a list `a, b` (as in `a, b > 0`)
        sides = [read_side(t, text, notation, suspended) for t in items]
        bad = next((s for s in sides if s.error), None)
        guesses = tuple(g for s in sides for g in s.guesses)
        if bad is not None:
            return Side(None, start, end, bad.error, guesses, tuple(toks))
        return Side(tuple(s.expr for s in sides), start, end, "", guesses, tuple(toks),
                    any(s.defined for s in sides))
    reader = _Reader(toks, text, notation, suspended)
    try:
        expr = reader.whole()
    except (ReadError, VocabularyError) as exc:
        return Side(None, start, end, str(exc), tuple(reader.guesses), tuple(toks))
    except (RecursionError, TypeError, ValueError, AttributeError, IndexError,
            NotImplementedError, ZeroDivisionError) as exc:
        return Side(None, start, end, f"sympy cannot build it ({type(exc).__name__})",
                    tuple(reader.guesses), tuple(toks))
    return Side(expr, start, end, "", tuple(reader.guesses), tuple(toks), reader.used)


def _side_start(text: str, pos: int) -> int:
    """`pos`, moved back over a `\\left` (or `\\bigl`, ...) that made no token."""
    m = re.search(r"\\(?:left|right|bigl|Bigl|biggl|Biggl|big|Big|bigg|Bigg)\s*$",
                  text[:pos])
    return m.start() if m else pos


def _top_level_commas(toks: list[Token]) -> list[list[Token]]:
    out, cur, depth = [], [], 0
    for t in toks:
        if t.kind == "op" and t.text in _OPEN:
            depth += 1
        elif t.kind == "op" and t.text in _CLOSE:
            depth -= 1
        if t.kind == "op" and t.text == "," and depth == 0 and cur:
            out.append(cur)
            cur = []
        else:
            cur.append(t)
    if cur:
        out.append(cur)
    return out


def _end_of(tok: Token, text: str) -> int:
    if tok.kind == "end":
        return tok.pos
    m = re.compile(r"\\[A-Za-z]+\*?|\\.").match(text, tok.pos)
    if tok.kind in ("vec", "text", "word", "set", "letter") and text[tok.pos] == "\\":
        depth, j = 0, tok.pos
        while j < len(text):  # through the braced argument
            if text[j] == "{":
                depth += 1
            elif text[j] == "}":
                depth -= 1
                if depth == 0:
                    return j + 1
            j += 1
    if m:
        return m.end()
    return tok.pos + max(1, len(tok.text))


# --- reading one side ---------------------------------------------------------------

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


class _Reader:
    """Recursive descent over the tokens of one side."""

    def __init__(self, toks: list[Token], text: str, notation: Notation,
                 suspended: frozenset[str]) -> None:
        self.toks = list(toks) + [Token("end", "", toks[-1].pos + 1 if toks else 0)]
        self.text, self.nt, self.suspended = text, notation, suspended
        self.vocabulary = notation.vocabulary
        self.i, self.depth, self.abs_depth = 0, 0, 0
        self.guesses: list[str] = []
        self.used = False  # whether a definition of the document was used

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
            if t.kind == "op" and t.text in _OPEN:
                depth += 1
            elif t.kind == "op" and t.text in _CLOSE:
                depth -= 1
                if depth == 0:
                    return out
            out.append(t)

    def sub(self, toks: list[Token], suspended: frozenset[str] | None = None) -> Any:
        """Read a token list on its own (a group taken apart), with this reader's context."""
        r = _Reader(toks, self.text, self.nt,
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
            return _vec(t.text)
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

    # names ---------------------------------------------------------------------------
    def subscript(self) -> tuple[str, Any] | None:
        """After `_`: ("index", sympy index), ("indices", (i, j)) or ("name", suffix)."""
        if not self.at("op", "_"):
            return None
        self.take()
        toks = self.group_tokens()
        kinds = [t.kind for t in toks]
        if kinds in (["text"], ["name"]) or all(k == "letter" for k in kinds) and len(toks) > 2:
            return "name", "".join(t.text for t in toks).replace(" ", "")
        if kinds == ["letter", "letter"]:
            return "indices", (self.index_symbol(toks[0]), self.index_symbol(toks[1]))
        if len(toks) == 3 and kinds[0] == kinds[2] == "letter" and toks[1].text == ",":
            return "indices", (self.index_symbol(toks[0]), self.index_symbol(toks[2]))
        if kinds == ["letter"]:
            return "index", self.index_symbol(toks[0])
        if kinds == ["num"] and "." not in toks[0].text:
            return "index", sp.Integer(toks[0].text)
        if kinds == ["cmd"] and toks[0].text in GREEK:
            return "name", toks[0].text
        e = self.sub(toks, self.suspended | {t.text for t in toks if t.kind == "letter"})
        e = self.scalar(e).xreplace({s: index(s.name) for s in e.free_symbols
                                     if isinstance(s, sp.Symbol) and s.is_real
                                     and not s.is_integer})
        return "index", e

    def index_symbol(self, tok: Token) -> sp.Symbol:
        if len(tok.text) != 1:
            raise self.fail(f"the index {tok.text}", tok)
        return index(tok.text)

    def index_arg(self) -> Any:
        sub = self.subscript()
        if sub is None or sub[0] != "index":
            raise ReadError("an entry of a vector needs one index")
        return sub[1]

    def name_or_call(self) -> Any:
        tok = self.take()
        name = tok.text
        if tok.run:
            self.guesses.append(f"{tok.run} read as the product of its letters")
        if name == "e" and not self.at("op", "_") and not self.nt.defines("e") \
                and "e" not in self.suspended:
            return sp.E
        return self.named(name, tok)

    def primes(self) -> int:
        k = 0
        while self.at("op", "'"):
            self.take()
            k += 1
        return k

    def named(self, name: str, tok: Token) -> Any:
        """A letter or Greek name with its subscript, primes and call, as the notation
        and the vocabulary read it."""
        sub = self.subscript()
        if sub is not None and self.at("op", "_"):
            raise self.fail("a double subscript", tok)
        primes = self.primes()
        if sub is None and self.at("op", "^") and self.peek(1).text == "{" \
                and self.peek(2).kind == "op" and self.peek(2).text == "(":
            raise self.fail("a superscript in parentheses (x^{(i)}: a sample index or a "
                            "derivative order)", tok)
        calls = self.at("op", "(")
        if self.at("op", "["):
            raise self.fail(f"{name}[...] (an expectation, a probability or an index?)", tok)
        key = name if sub is None or sub[0] == "name" else None
        if sub is not None and sub[0] == "name":
            key = f"{name}_{sub[1]}"
        fdef = self.nt.functions.get(key) if key else None
        if fdef is not None and key not in self.suspended:
            return self.call_defined(fdef, tok, primes)
        if primes:
            known = self.vocabulary.scalar.get(key.lower()) if key else None
            if known is not None and key.lower() not in ("max", "min"):
                return self.prime_call(lambda a: known(a), key, primes, tok)
            raise ReadError(f"{key or name}' at column {tok.pos + 1}: {key or name} is not "
                            "defined in the document")
        if sub is None and calls and name in self.vocabulary.scalar \
                and not self.nt.defines(name):  # σ(x) when the vocabulary has σ
            return self.call_scalar(name, tok)
        if name == "delta" and sub is not None and sub[0] == "indices":
            return sp.KroneckerDelta(*sub[1])
        if sub is not None and sub[0] == "indices":
            raise self.fail(f"the entry {name}_{{ij}} of a matrix", tok)
        if sub is not None and sub[0] == "index":
            return self.entry(name, sub[1], tok)
        value = self.resolve(key)
        if calls and value is None and (name in FUNCTION_LETTERS or self.call_has_comma()):
            raise ReadError(f"{key}(...) at column {tok.pos + 1}: {key} is not defined in "
                            "the document")
        if calls and value is None:
            self.guesses.append(f"{key}(...) read as {key} times (...)")
        if value is not None:
            return value
        if key in self.nt.dimensions:
            return index(key)
        if name == "pi" and sub is None:
            return sp.pi
        if name == "infty":
            return sp.oo
        return real(key)

    def call_has_comma(self) -> bool:
        depth, j = 0, self.i
        while j < len(self.toks):
            t = self.toks[j]
            if t.kind == "op" and t.text in _OPEN:
                depth += 1
            elif t.kind == "op" and t.text in _CLOSE:
                depth -= 1
                if depth == 0:
                    return False
            elif t.kind == "op" and t.text == "," and depth == 1:
                return True
            elif t.kind == "end":
                return False
            j += 1
        return False

    def resolve(self, key: str) -> Any:
        """The meaning the notation gives to the name `key` (None: a plain variable)."""
        if key in self.suspended:
            return None
        if key in self.nt.names:
            self.used = True
            value = self.nt.names[key]
            return self.late(value) if getattr(value, "free_symbols", None) else value
        return None

    def entry(self, name: str, idx: Any, tok: Token) -> sp.Expr:
        """`name_idx`: a family's formula at idx, a value given to that entry, or the entry
        of the vector `name`."""
        fam = self.nt.families.get(name)
        if fam is not None and name not in self.suspended:
            self.used = True
            return self.late(substitute(fam.body, {fam.index: idx}))
        key = f"{name}[{idx}]"
        if key in self.nt.names and key not in self.suspended:
            self.used = True
            return self.nt.names[key]
        if name in self.nt.functions:
            raise self.fail(f"{name} with a subscript", tok)
        return base(name)[idx]

    # calls ---------------------------------------------------------------------------
    def call_args(self) -> list[Any]:
        """`(a, b, ...)` (also `\\{a, b\\}` and `[a, b]`), or, without brackets, one
        factor as in `\\log x`."""
        if self.at("op", "(", "["):
            self.take()
            out = [self.expr()]
            while self.at("op", ","):
                self.take()
                out.append(self.expr())
            t = self.take()
            if t.kind != "op" or t.text not in ")]}":
                raise ReadError(f"expected ')' at column {t.pos + 1}")
            return out
        if self.at("op", "{"):
            return [self.group()]
        if self.at("end") or self.at("op", "+", "-", "*", "/", ")", "}", ","):
            raise ReadError(f"a function without its argument at column {self.peek().pos + 1}")
        return [self.power()]

    def call_scalar(self, name: str, tok: Token) -> Any:
        args = [self.scalar(a) for a in self.call_args()]
        try:
            return self.vocabulary.scalar[name](*args)
        except VocabularyError as exc:
            raise ReadError(f"{exc} (column {tok.pos + 1})") from None

    def function(self, word: str, tok: Token) -> Any:
        """A function known by its name (a `word` token or a command)."""
        key = word.lower()
        if word in self.nt.functions and word not in self.suspended:
            return self.call_defined(self.nt.functions[word], tok, self.primes())
        if self.at("op", "'"):
            k = self.primes()
            if key in self.vocabulary.scalar:
                return self.prime_call(lambda a: self.vocabulary.scalar[key](a), word, k, tok)
            raise self.fail(f"{word}'", tok)
        if key in ("log", "ln", "lg") and self.at("op", "_"):
            self.take()
            b = self.scalar(self.group())
            if self.at("op", "^"):
                raise self.fail("a power written on the logarithm", tok)
            (arg,) = [self.scalar(a) for a in self.one_arg(tok)]
            return sp.log(arg) / sp.log(b)
        if key == "lg":
            raise self.fail("lg (its base is ambiguous)", tok)
        if key in ("max", "min") and self.at("op", "_"):
            raise self.fail(f"\\{key} over an index (a maximum of n numbers)", tok)
        if self.at("op", "^") and key in self.vocabulary.scalar and key not in ("max", "min"):
            raise self.fail(f"a power written on {word} (\\{word}^2 x)", tok)
        if key in self.vocabulary.vector:
            return self.vector_call(word, tok)
        if key in self.vocabulary.scalar:
            return self.call_scalar(key, tok)
        raise ReadError(f"the function {word!r} at column {tok.pos + 1} is not defined in the "
                        "document")

    def one_arg(self, tok: Token) -> list[Any]:
        args = self.call_args()
        if len(args) != 1:
            raise ReadError(f"one argument expected at column {tok.pos + 1}")
        return args

    def prime_call(self, fn: Callable[[sp.Expr], sp.Expr], name: str, k: int,
                   tok: Token) -> sp.Expr:
        """f'(a): the k-th derivative of f, at a."""
        (arg,) = [self.scalar(a) for a in self.one_arg(tok)]
        if isinstance(arg, sp.Symbol) and arg.is_real and not arg.is_integer:
            return sp.Derivative(fn(arg), (arg, k))
        t = sp.Dummy("t", real=True)
        return sp.diff(fn(t), t, k).xreplace({t: arg})

    def vector_arg(self, a: Any, tok: Token) -> Callable[[sp.Expr], sp.Expr]:
        """The coordinates of a vector argument (`x`, `\\mathbf{x} + b`, `x + b\\mathbf{1}`)."""
        if isinstance(a, VectorValue):
            return a.at
        vecs = {s for s in a.free_symbols if isinstance(s, sp.Symbol)
                and (s == ONES or s.name.startswith("𝐯") or s.name in self.nt.vectors)}
        if not vecs:
            raise ReadError(f"column {tok.pos + 1}: a function of a vector applied to "
                            f"{sp.sstr(a)}, which is not a vector of the document")

        def at(k: sp.Expr) -> sp.Expr:
            return a.xreplace({s: (1 if s == ONES else base(s.name.lstrip("𝐯"))[k])
                               for s in vecs})
        return at

    def vector_call(self, word: str, tok: Token) -> Any:
        args = self.call_args()
        key = word.lower()
        if len(args) > 1 or (not self.vocabulary.vector[key].vector
                             and not self.is_vector(args[0])):
            if key in self.vocabulary.scalar:
                return self.vocabulary.scalar[key](*[self.scalar(a) for a in args])
            raise ReadError(f"{word} of a list at column {tok.pos + 1} is not read here")
        n = index(self.nt.dimension)
        entry = self.vector_arg(args[0], tok)
        k = _fresh(index("k"), {n} | set(getattr(args[0], "free_symbols", set())))
        kind, value = self.vocabulary.vector_value(word, entry, n, k)
        if kind == "scalar":
            return value
        vec = VectorValue(value, word)
        if self.at("op", "_"):
            return vec.at(self.index_arg())
        return vec

    def is_vector(self, a: Any) -> bool:
        return isinstance(a, VectorValue) or isinstance(a, sp.Basic) and any(
            isinstance(s, sp.Symbol) and (s == ONES or s.name.startswith("𝐯")
                                          or s.name in self.nt.vectors)
            for s in a.free_symbols)

    def call_defined(self, f: FunctionDef, tok: Token, primes: int) -> Any:
        """A call of a function the document defined (bare `f` is f at its parameters)."""
        self.used = True
        if not self.at("op", "("):
            if primes:
                raise self.fail(f"{f.name}' without an argument", tok)
            body = self.late(f.body)
            if f.index is not None:
                if not self.at("op", "_"):
                    return VectorValue(lambda j, b=body, ix=f.index: substitute(b, {ix: j}),
                                       f.name)
                return substitute(body, {f.index: self.index_arg()})
            return body
        args = self.call_args()
        if len(args) != len(f.params):
            raise ReadError(f"{f.name} takes {len(f.params)} argument(s), got {len(args)} "
                            f"(column {tok.pos + 1})")
        scalars: dict[sp.Basic, Any] = {}
        vectors: dict[sp.Basic, Callable[[sp.Expr], sp.Expr]] = {}
        plain = _plain_symbols(f.body)
        for p, a in zip(f.params, args, strict=True):
            if f.body.has(base(p)):
                vectors[base(p)] = self.vector_arg(a, tok)
                if real(p) in plain:
                    raise ReadError(f"{f.name} uses {p} both as a vector and as a number")
            else:
                scalars[real(p)] = self.scalar(a)
        body = f.body
        if primes:
            if len(f.params) != 1 or vectors:
                raise self.fail(f"{f.name}' of a function of several variables", tok)
            t = real(f.params[0])
            arg = scalars[t]
            if isinstance(arg, sp.Symbol) and arg.is_real and not arg.is_integer:
                return sp.Derivative(substitute(body, {t: arg}), (arg, primes))
            return substitute(sp.diff(body, t, primes), {t: arg})
        value = substitute(body, scalars) if scalars else body
        value = self.late(with_entries(value, vectors))
        if f.index is not None:
            if not self.at("op", "_"):
                return VectorValue(lambda j, v=value, ix=f.index: substitute(v, {ix: j}),
                                   f.name)
            return substitute(value, {f.index: self.index_arg()})
        return value

    def late(self, e: sp.Basic) -> sp.Basic:
        """A stored body with the families and names defined after it was stored
        (`l = -\\sum_j y_j \\log \\hat{y}_j` with `\\hat{y}_j = ...` defined next)."""
        for _ in range(4):
            names = {}
            for x in e.free_symbols:
                value = self.nt.names.get(getattr(x, "name", ""))
                if isinstance(x, sp.Symbol) and x.name not in self.suspended and \
                        isinstance(value, sp.Basic) and value.free_symbols and \
                        x == real(x.name):
                    names[x] = value
            families = {}
            for a in e.atoms(sp.Indexed):
                label = str(a.base.label)
                fam = self.nt.families.get(label)
                if fam is not None and label not in self.suspended:
                    families[a.base] = (lambda i, f=fam: substitute(f.body, {f.index: i}))
            if not names and not families:
                return e
            e = with_entries(substitute(e, names) if names else e, families)
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

    def fraction(self, tok: Token) -> Any:
        num = self.group_tokens()
        den = self.group_tokens()
        kind = _derivative_kind(num, den)
        if kind == "delta":
            raise self.fail("a derivative written with δ (δf/δx)", tok)
        if kind:
            return self.derivative(num, den, tok)
        a = self.scalar(self.sub(num))
        b = self.scalar(self.sub(den))
        return a / b

    def derivative(self, num: list[Token], den: list[Token], tok: Token) -> Any:
        """`\\frac{d f}{d x}`, `\\frac{\\partial^2 l}{\\partial o_i \\partial o_j}`, and the
        operator forms `\\frac{d}{dx} (...)` (applied to the rest of the term)."""
        order, rest = _numerator(num)
        variables = self.derivative_variables(den, tok)
        total = sum(k for _, k in variables)
        if order != total:
            raise ReadError(f"the derivative at column {tok.pos + 1} has order {order} above "
                            f"and {total} below")
        names = frozenset(_var_key(v) for v, _ in variables)
        held = self.suspended | names
        if rest:
            operand = self.scalar(self.sub(rest, held))
        else:
            saved = self.suspended
            self.suspended = held
            try:
                operand = self.scalar(self.term())
            finally:
                self.suspended = saved
        syms = [v for v, _ in variables]
        if not all(_depends(operand, v) for v in syms):
            raise ReadError(f"the derivative at column {tok.pos + 1}: what is differentiated "
                            f"does not depend on {', '.join(sp.sstr(v) for v in syms)} as "
                            "written (is it defined in the document?)")
        operand = fresh_bounds(operand, set().union(*(v.free_symbols for v in syms)))
        d = sp.Derivative(operand, *variables)
        later = {v: self.resolve_var(v) for v in syms}
        later = {v: val for v, val in later.items() if val is not None}
        if later:  # the variable has a definition or a value: differentiate, then put it in
            return substitute(d.doit(), later)
        return d

    def resolve_var(self, v: sp.Basic) -> Any:
        key = _var_key(v)
        if key in self.suspended:
            return None
        return self.nt.names.get(key)

    def derivative_variables(self, den: list[Token],
                             tok: Token) -> list[tuple[sp.Basic, int]]:
        out: list[tuple[sp.Basic, int]] = []
        i = 0
        while i < len(den):
            t = den[i]
            if not (t.kind == "cmd" and t.text == "partial" or t.kind == "letter"
                    and t.text == "d"):
                raise ReadError(f"the denominator of the derivative at column {tok.pos + 1} "
                                "is not a list of ∂x or dx")
            j = i + 1
            while j < len(den) and not (den[j].kind == "cmd" and den[j].text == "partial"
                                        or den[j].kind == "letter" and den[j].text == "d"
                                        and t.text == "d" and j > i + 1):
                j += 1
            part = den[i + 1:j]
            k = 1
            if len(part) >= 2 and part[-2].kind == "op" and part[-2].text == "^":
                if part[-1].kind != "num":
                    raise ReadError("the order of a derivative must be a number")
                k = int(part[-1].text)
                part = part[:-2]
            if not part:
                raise ReadError(f"a derivative with respect to nothing at column "
                                f"{tok.pos + 1}")
            r = _Reader(part, self.text, self.nt, self.suspended | {
                t.text for t in part if t.kind in ("letter", "cmd")})
            v = r.variable()
            out.append((v, k))
            i = j
        return out

    def variable(self) -> sp.Basic:
        """The variable of a derivative or a limit: a name, or an entry `o_j`."""
        t = self.take()
        if t.kind == "vec":
            raise self.fail("a derivative with respect to a vector", t)
        if t.kind not in ("letter", "cmd") or t.kind == "cmd" and t.text not in GREEK:
            raise ReadError(f"{t.text!r} at column {t.pos + 1} is not a variable")
        sub = self.subscript()
        if not self.at("end"):
            raise ReadError(f"unexpected {self.peek().text!r} at column {self.peek().pos + 1}"
                            " after the variable")
        if sub is None:
            return index(t.text) if t.text in self.nt.dimensions else real(t.text)
        if sub[0] == "name":
            return real(f"{t.text}_{sub[1]}")
        if sub[0] == "index":
            return base(t.text)[sub[1]]
        raise self.fail("a derivative with respect to a matrix entry", t)

    def big_operator(self, tok: Token) -> sp.Expr:
        """`\\sum_i`, `\\sum_{i=1}^{n}`, `\\sum_{i,j}`, `\\prod_k`: the body is the term
        that follows."""
        if not self.at("op", "_"):
            raise self.fail(f"\\{tok.text} without its index", tok)
        self.take()
        spec = self.group_tokens()
        upper = None
        if self.at("op", "^"):
            self.take()
            upper_toks = self.group_tokens()
            names = {t.text for t in upper_toks if t.kind == "letter"}
            upper = self.scalar(self.sub(upper_toks, self.suspended | names))
            upper = upper.xreplace({s: index(s.name) for s in upper.free_symbols
                                    if isinstance(s, sp.Symbol) and not s.is_integer})
        idx, lower = _sum_spec(spec, tok)
        if upper is None:
            if lower is not None:
                raise self.fail(f"\\{tok.text} with a lower bound and no upper bound", tok)
            upper = index(self.nt.dimension)
        if lower is None:
            lower = sp.Integer(1)
        held = self.suspended | {i.name for i in idx}
        saved = self.suspended
        self.suspended = held
        try:
            body = self.scalar(self.term())
        finally:
            self.suspended = saved
        limits = [(i, lower, upper) for i in idx]
        op = sp.Sum if tok.text == "sum" else sp.Product
        outer = {s for s in body.free_symbols if isinstance(s, sp.Symbol)} - set(idx)
        return fresh_bounds(op(body, *limits), outer)

    def limit(self, tok: Token) -> sp.Expr:
        """`\\lim_{x \\to a}`, with `a^{+}`, `a^-`, `\\infty`, `-\\infty`: the body is the term
        that follows."""
        if not self.at("op", "_"):
            raise self.fail("\\lim without its variable", tok)
        self.take()
        spec = self.group_tokens()
        arrows = [k for k, t in enumerate(spec) if t.kind == "rel" and t.text == "to"]
        if len(arrows) != 1:
            raise self.fail("a limit that is not written x \\to a", tok)
        var_toks, target = spec[:arrows[0]], spec[arrows[0] + 1:]
        r = _Reader(var_toks, self.text, self.nt, self.suspended | {
            t.text for t in var_toks if t.kind in ("letter", "cmd")})
        v = r.variable()
        direction = "+-"
        if len(target) >= 2 and target[-2].kind == "op" and target[-2].text == "^":
            direction = {"+": "+", "-": "-"}.get(target[-1].text, "")
            target = target[:-2]
        elif len(target) >= 4 and target[-4].text == "^" and target[-3].text == "{" \
                and target[-1].text == "}":
            direction = {"+": "+", "-": "-"}.get(target[-2].text, "")
            target = target[:-4]
        if not direction:
            raise self.fail("a one-sided limit written this way", tok)
        point = self.scalar(self.sub(target))
        if point in (sp.oo, -sp.oo):
            direction = "-" if point == sp.oo else "+"
        if point.free_symbols:
            raise self.fail("a limit towards a variable point", tok)
        held = self.suspended | {_var_key(v)}
        saved = self.suspended
        self.suspended = held
        try:
            body = self.scalar(self.term())
        finally:
            self.suspended = saved
        if not body.has(v):
            raise ReadError(f"the limit at column {tok.pos + 1}: the expression does not "
                            f"depend on {sp.sstr(v)}")
        return sp.Limit(body, v, point, direction)


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


def with_entries(e: sp.Basic, vectors: Mapping[sp.Basic, Callable[[sp.Expr], sp.Expr]]
                 ) -> sp.Basic:
    """`e` with every entry `x[i]` of a vector in `vectors` replaced by `vectors[x](i)`,
    under sums too (the index of a sum stays the index of the entry)."""
    if not vectors:
        return e
    return e.replace(lambda x: isinstance(x, sp.Indexed) and x.base in vectors,
                     lambda x: vectors[x.base](x.indices[0]))


def _plain_symbols(e: sp.Basic) -> set[sp.Basic]:
    """The free symbols of `e` that are not the name of a vector of it."""
    labels = {b.label for b in e.atoms(sp.IndexedBase)}
    return {s for s in e.free_symbols if isinstance(s, sp.Symbol) and s not in labels}


def _depends(e: sp.Basic, v: sp.Basic) -> bool:
    """`e` holds the variable v (for an entry x[j]: any entry of x, which a sum may hold)."""
    if isinstance(v, sp.Indexed):
        return any(a.base == v.base for a in e.atoms(sp.Indexed))
    return e.has(v)


def key_symbol(key: str, notation: Notation) -> sp.Basic:
    """The symbol that a name key of the notation stands for: `x`, or the entry `w[0]`."""
    m = re.fullmatch(r"(.+)\[(\d+)\]", key)
    if m:
        return base(m.group(1))[int(m.group(2))]
    return index(key) if key in notation.dimensions else real(key)


def _var_key(v: sp.Basic) -> str:
    if isinstance(v, sp.Indexed):
        return f"{v.base.label}[{v.indices[0]}]"
    return v.name


def _is_d(t: Token) -> bool:
    return t.kind == "cmd" and t.text == "partial" or t.kind == "letter" and t.text == "d"


def _derivative_kind(num: list[Token], den: list[Token]) -> str:
    """"d" for a derivative `\\frac{d...}{d...}`, "delta" for `\\frac{\\delta f}{\\delta x}`,
    "" for an ordinary fraction."""
    if not num or not den:
        return ""
    if num[0].kind == "cmd" and num[0].text in ("delta", "Delta") and den[0].kind == "cmd" \
            and den[0].text == num[0].text:
        return "delta"
    if not (_is_d(num[0]) and _is_d(den[0])) or len(den) < 2:
        return ""
    if num[0].text != den[0].text:
        return ""
    nxt = den[1]
    if nxt.kind in ("letter", "cmd", "vec") or nxt.kind == "op" and nxt.text == "{":
        return "d"
    return ""


def _numerator(num: list[Token]) -> tuple[int, list[Token]]:
    """The order and what is differentiated, from `d^2 f` or `\\partial l`."""
    rest = num[1:]
    order = 1
    if len(rest) >= 2 and rest[0].kind == "op" and rest[0].text == "^":
        if rest[1].kind != "num":
            raise ReadError("the order of a derivative must be a number")
        order = int(rest[1].text)
        rest = rest[2:]
    if len(rest) >= 2 and rest[0].kind == "op" and rest[0].text == "{" \
            and rest[-1].kind == "op" and rest[-1].text == "}":
        rest = rest[1:-1]
    return order, rest


def _sum_spec(spec: list[Token], tok: Token) -> tuple[list[sp.Symbol], sp.Expr | None]:
    """The indices and the lower bound of `\\sum_{...}`: `i`, `{i=1}`, `{i,j}`."""
    kinds = [t.kind for t in spec]
    if kinds == ["letter"]:
        return [index(spec[0].text)], None
    if len(spec) == 3 and kinds[0] == kinds[2] == "letter" and spec[1].text == ",":
        return [index(spec[0].text), index(spec[2].text)], None
    if len(spec) >= 3 and kinds[0] == "letter" and spec[1].kind == "rel" \
            and spec[1].text == "=":
        rest = spec[2:]
        if [t.kind for t in rest] == ["num"] and "." not in rest[0].text:
            return [index(spec[0].text)], sp.Integer(rest[0].text)
    raise ReadError(f"the index of the sum at column {tok.pos + 1} is not read here (only "
                    "\\sum_i, \\sum_{i=1}^{n} and \\sum_{i,j})")
