"""Names in a formula: letters and Greek letters with their subscripts and primes, as the
notation and the vocabulary read them (a variable, an entry `o_j` of a vector, a value
or a definition of the document, a call of a function). A part of
`latex_grammar.Reader`."""

from __future__ import annotations

from typing import Any

import sympy as sp

from .latex_notation import FUNCTION_LETTERS, ReadError, base, index, real
from .latex_substitution import substitute
from .latex_tokens import CLOSE, GREEK, OPEN, Token


class NameReading:
    """Reading names (a mixin of `latex_grammar.Reader`)."""

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
            if t.kind == "op" and t.text in OPEN:
                depth += 1
            elif t.kind == "op" and t.text in CLOSE:
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
