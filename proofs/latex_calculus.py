"""Calculus notation in a formula: fractions that are derivatives (`\\frac{d}{dx}`,
`\\frac{\\partial^2 l}{\\partial o_j^2}`, mixed partials), the variable of a derivative or a
limit, sums and products over an index (`\\sum_i`, `\\sum_{k=1}^{q}`), and limits
(`\\lim_{x \\to a^{+}}`). A part of `latex_grammar.Reader`."""

from __future__ import annotations

from typing import Any

import sympy as sp

from .latex_notation import ReadError, base, index, real
from .latex_substitution import fresh_bounds, substitute
from .latex_tokens import GREEK, Token


class CalculusReading:
    """Reading calculus notation (a mixin of `latex_grammar.Reader`)."""

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
            operand = self.term_holding(held)
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
            r = type(self)(part, self.text, self.nt, self.suspended | {
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
        body = self.term_holding(held)
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
        r = type(self)(var_toks, self.text, self.nt, self.suspended | {
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
        body = self.term_holding(held)
        if not body.has(v):
            raise ReadError(f"the limit at column {tok.pos + 1}: the expression does not "
                            f"depend on {sp.sstr(v)}")
        return sp.Limit(body, v, point, direction)


def _depends(e: sp.Basic, v: sp.Basic) -> bool:
    """`e` holds the variable v (for an entry x[j]: any entry of x, which a sum may hold)."""
    if isinstance(v, sp.Indexed):
        return any(a.base == v.base for a in e.atoms(sp.Indexed))
    return e.has(v)


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
