"""Calls of functions in a formula: the functions of the vocabulary (of numbers listed as
arguments, or of a whole vector such as softmax in a vocabulary that has it), primes
`f'(x)`, and the functions the document defined, with vector arguments read by their
coordinates. A part of `latex_grammar.Reader`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from .latex_notation import ONES, FunctionDef, ReadError, VectorValue, base, index, real
from .latex_substitution import fresh_index, plain_symbols, substitute, with_entries
from .latex_tokens import Token
from .latex_vocabulary import VocabularyError


class CallReading:
    """Reading calls (a mixin of `latex_grammar.Reader`)."""

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
        k = fresh_index(index("k"), {n} | set(getattr(args[0], "free_symbols", set())))
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
        plain = plain_symbols(f.body)
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
