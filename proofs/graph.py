"""Computational graphs: forward and backward passes through the gates of an expression.

    >>> import sympy as sp
    >>> from proofs.graph import backprop
    >>> x, y, z = sp.symbols("x y z", real=True)
    >>> g = backprop((x + y) * z, {x: -2, y: 5, z: -4})
    >>> g.value, g.gradients
    (-12, {x: -4, y: -4, z: 3})
    >>> g.check.ok
    True

`Graph.build(expr)` turns a sympy expression into a graph of gates, one node per
distinct subexpression (a variable or subexpression used twice is one node with two
consumers: a fork). `Graph.run(point)` does the forward pass (exact sympy numbers when
every value of `point` is exact, Python floats otherwise) and the backward pass, and
checks every input gradient against `sympy.diff` of the whole expression.

Each gate is a `Gate` whose forward rule and local-gradient rule sit side by side (as
in micrograd): add, mul, div, inv (1/a), pow (constant exponent), powv (a^b), exp, log,
max, min, abs, tanh, sin, cos. At a fork the gradients arriving from the consumers add
up (the multivariable chain rule).

Tie convention of max and min: when k inputs tie for the largest (smallest) value, each
of them receives 1/k of the upstream gradient. Why: the split is a subgradient (a
convex combination of the one-sided gradients), it does not depend on the order of the
arguments, and it keeps the derivative along the diagonal right (moving every tied
input by h moves max by h, and the split gradients add up to exactly 1). The lecture
notes pass the whole gradient to *both* inputs at a tie; that sums to 2 and is not a
subgradient. Likewise abs passes 0 at 0 (the middle of its subdifferential [-1, 1]).

The check at a kink: where a max/min gate ties or abs sees 0, the expression need not
be differentiable, so `sympy.diff` has no value to compare with. The check marks every
input that feeds such a gate as `"kink"` (neither agreeing nor disagreeing) and says so.
An input whose comparison neither algebra nor ball arithmetic settles is "unchecked".
`GradientCheck.ok` is True when no input disagrees or went unchecked.

Bounded exact arithmetic: an exact power or product whose integers would exceed
`MAX_EXACT_BITS` bits (`3^(10^8)`, `10^(10^10)`) is not computed; it is held unevaluated
(`sympy.UnevaluatedExpr`), printed as written, and its size and sign come from ball
arithmetic (`proofs.certified`). So every pass ends quickly, whatever the numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from flint import arb

from . import balls, certified

Number = Any  # a sympy number (exact mode) or a Python float (float mode)


class GraphError(ValueError):
    """The expression has an operation with no gate, or the point is outside its domain."""


# ---------------------------------------------------------------------------- arithmetic
MAX_EXACT_BITS = 4096
"""An exact power or product whose integers would be longer than this is held unevaluated."""

_NORMAL_FORM_OPS = 60  # values with more operations than this skip factor/cancel/expand
_BIG_LOG2 = 4096  # so do numbers beyond 2^±4096


def _bits(q: sp.Rational) -> int:
    return max(int(q.p).bit_length(), int(q.q).bit_length())


def held(expr: sp.Expr) -> sp.Expr:
    """`expr` kept as written: sympy does not evaluate it, nor combine it with others."""
    return sp.UnevaluatedExpr(expr)


def bare(expr: Any) -> Any:
    """`expr` with its held parts put back in place unevaluated: what ball arithmetic
    (`proofs.certified`) evaluates. Never hand it to sympy's own arithmetic."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.UnevaluatedExpr):
        return expr
    with sp.evaluate(False):
        return expr.replace(lambda e: isinstance(e, sp.UnevaluatedExpr), lambda e: e.args[0])


def _hold_big_powers(e: sp.Basic) -> sp.Basic:
    """`e` with its constant powers longer than MAX_EXACT_BITS held (the parser leaves
    `9^50000000` unevaluated, and the first sympy operation on it would compute it)."""
    if e.is_Atom or isinstance(e, sp.UnevaluatedExpr):
        return e
    if isinstance(e, sp.Pow) and not e.free_symbols:
        value = Arith(True).settle(e)
        return value if isinstance(value, sp.UnevaluatedExpr) else e
    args = [_hold_big_powers(a) for a in e.args]
    if all(a is b for a, b in zip(args, e.args, strict=True)):
        return e
    with sp.evaluate(False):
        return e.func(*args)


def _bulky(v: sp.Basic) -> bool:
    """Too large for factor, cancel, expand or simplify to be quick (sympy's numeric
    evaluation of a number like e^(e^(e^5)) alone can take minutes)."""
    if v.has(sp.UnevaluatedExpr) or sp.count_ops(v) > _NORMAL_FORM_OPS:
        return True
    if any(p.exp.is_Integer and abs(p.exp) > 12 for p in v.atoms(sp.Pow)):
        return True
    if v.is_Rational or not v.is_number:
        return False
    got = certified.ball(v, lambda b: True)
    if got is None:
        return True
    size = abs(got[0]).upper()
    return bool(size > arb(2) ** _BIG_LOG2 or 0 < size < arb(2) ** -_BIG_LOG2)


def _within_balls(v: sp.Basic) -> bool:
    """`v` has a finite ball: it is not beyond the range of ball arithmetic."""
    return bool(v.is_Rational) or certified.ball(bare(v), lambda b: True) is not None


@dataclass(frozen=True)
class Arith:
    """The number system of a pass: exact sympy numbers or Python floats."""

    exact: bool

    def num(self, v: Any) -> Number:
        return sp.nsimplify(v) if self.exact and not isinstance(v, sp.Basic) else (
            v if self.exact else float(v))

    def exp(self, a: Number) -> Number:
        return sp.exp(a) if self.exact else math.exp(a)

    def log(self, a: Number) -> Number:
        return sp.log(a) if self.exact else math.log(a)

    def tanh(self, a: Number) -> Number:
        return sp.tanh(a) if self.exact else math.tanh(a)

    def sin(self, a: Number) -> Number:
        return sp.sin(a) if self.exact else math.sin(a)

    def cos(self, a: Number) -> Number:
        return sp.cos(a) if self.exact else math.cos(a)

    def pow(self, a: Number, b: Number) -> Number:
        """a^b; an exact power of rationals longer than MAX_EXACT_BITS is held."""
        if not self.exact:
            return float(a) ** float(b)
        if a.is_Rational and b.is_Rational and abs(a) != 1 and a != 0 \
                and abs(b) * _bits(a) > MAX_EXACT_BITS:
            return held(sp.Pow(a, b, evaluate=False))
        return sp.Pow(a, b)

    def mul(self, a: Number, b: Number) -> Number:
        """a·b; an exact product of rationals longer than MAX_EXACT_BITS is held."""
        if self.exact and a.is_Rational and b.is_Rational and \
                _bits(a) + _bits(b) > MAX_EXACT_BITS:
            return held(sp.Mul(a, b, evaluate=False))
        return a * b

    def div(self, a: Number, b: Number) -> Number:
        return self.mul(a, 1 / b) if self.exact else a / b

    def settle(self, e: sp.Basic) -> Number:
        """The exact number `e` (possibly written unevaluated, as the parser leaves
        `10^10`) evaluated bottom-up with the size bounds of `pow` and `mul`."""
        if not self.exact:
            return float(e)
        if e.is_Atom or isinstance(e, sp.UnevaluatedExpr):
            return e
        args = [self.settle(a) for a in e.args]
        if isinstance(e, sp.Pow):
            return self.pow(*args)
        if isinstance(e, sp.Mul):
            return _prod(args, sp.Integer(1), self)
        if isinstance(e, sp.Add):
            return sum(args[1:], args[0])
        if any(a.has(sp.UnevaluatedExpr) for a in args):  # sympy would evaluate it
            with sp.evaluate(False):
                return e.func(*args)
        out = e.func(*args)
        return out.doit() if isinstance(out, (sp.Derivative, sp.Subs)) else out

    def clean(self, v: Number) -> Number:
        """Exact values in a light normal form (so 1 - 1 shows as 0)."""
        if not self.exact:
            return v
        out = sp.nsimplify(v) if v.is_Float else v
        if out.is_Rational or _bulky(out):
            return out
        forms = [out, sp.factor(out), sp.cancel(out), sp.expand(out)]
        return min(forms, key=lambda f: (sp.count_ops(f), len(sp.sstr(f))))

    def sign(self, a: Number) -> int:
        """-1, 0 or 1 (exact values: certified by ball arithmetic, 0 only exactly)."""
        if not self.exact:
            return (a > 0) - (a < 0)
        try:
            s = certified.sign(bare(a))
        except ArithmeticError:  # certified.enclose's decimals end at 10^±999999
            got = certified.ball(bare(a), lambda b: balls.sign_of_ball(b) is not None)
            s = None if got is None else balls.sign_of_ball(got[0])
        if s is None:
            raise GraphError(f"cannot decide the sign of {_show(a)}")
        return s

    def compare(self, a: Number, b: Number) -> int:
        return self.sign(a - b)


# ---------------------------------------------------------------------------- gates
@dataclass(frozen=True)
class Gate:
    """A gate: its forward rule next to its local-gradient rule.

    `forward(A, param, *inputs) -> value`; `local(A, param, out, *inputs) -> tuple` of
    d out / d input, one per input. `param` is a constant of the gate (the exponent of
    `pow`), or None.
    """

    name: str
    forward: Callable[..., Number]
    local: Callable[..., tuple[Number, ...]]


def _prod(xs: list[Number], one: Number, A: Arith) -> Number:
    out = one
    for x in xs:
        out = A.mul(out, x)
    return out


def _nonzero(A: Arith, a: Number, what: str) -> Number:
    if A.sign(a) == 0:
        raise GraphError(f"division by zero at the point: {what} is 0")
    return a


def _positive(A: Arith, a: Number, what: str) -> Number:
    if A.sign(a) <= 0:
        raise GraphError(f"log of a non-positive number at the point: {what} is "
                         f"{_show(a)}")
    return a


def _argext(A: Arith, xs: tuple[Number, ...], largest: bool) -> list[int]:
    """Indices of the inputs that tie for the largest (smallest) value."""
    best = [0]
    for i in range(1, len(xs)):
        c = A.compare(xs[i], xs[best[0]])
        if c == 0:
            best.append(i)
        elif (c > 0) == largest:
            best = [i]
    return best


def _ext_local(A: Arith, xs: tuple[Number, ...], largest: bool) -> tuple[Number, ...]:
    idx = _argext(A, xs, largest)
    share = A.num(sp.Rational(1, len(idx))) if A.exact else 1.0 / len(idx)
    zero = A.num(0)
    return tuple(share if i in idx else zero for i in range(len(xs)))


def _pow_forward(A: Arith, p: Number, a: Number) -> Number:
    if A.sign(a) == 0 and A.sign(p) < 0:
        raise GraphError("division by zero at the point: 0 to a negative power")
    if A.sign(a) < 0 and not (p.is_integer if A.exact else float(p).is_integer()):
        raise GraphError(f"a negative number ({_show(a)}) to the non-integer power "
                         f"{_show(p)} is not real")
    return A.pow(a, p)


GATES: dict[str, Gate] = {g.name: g for g in (
    Gate("add", lambda A, p, *xs: sum(xs[1:], xs[0]),
         lambda A, p, out, *xs: tuple(A.num(1) for _ in xs)),
    Gate("mul", lambda A, p, *xs: _prod(list(xs), A.num(1), A),
         lambda A, p, out, *xs: tuple(_prod([x for j, x in enumerate(xs) if j != i],
                                            A.num(1), A) for i in range(len(xs)))),
    Gate("div", lambda A, p, a, b: A.div(a, _nonzero(A, b, "the divisor")),
         lambda A, p, out, a, b: (1 / b, -A.div(a, A.mul(b, b)))),
    Gate("inv", lambda A, p, a: 1 / _nonzero(A, a, "the input of 1/x"),
         lambda A, p, out, a: (-1 / A.mul(a, a),)),
    Gate("pow", lambda A, p, a: _pow_forward(A, p, a),
         lambda A, p, out, a: (A.mul(p, A.pow(a, p - 1)),)),
    Gate("powv", lambda A, p, a, b: A.pow(_positive(A, a, "the base of a^b"), b),
         lambda A, p, out, a, b: (A.mul(b, A.pow(a, b - 1)), A.mul(out, A.log(a)))),
    Gate("exp", lambda A, p, a: A.exp(a), lambda A, p, out, a: (out,)),
    Gate("log", lambda A, p, a: A.log(_positive(A, a, "the input of log")),
         lambda A, p, out, a: (1 / a,)),
    Gate("max", lambda A, p, *xs: xs[_argext(A, xs, True)[0]],
         lambda A, p, out, *xs: _ext_local(A, xs, True)),
    Gate("min", lambda A, p, *xs: xs[_argext(A, xs, False)[0]],
         lambda A, p, out, *xs: _ext_local(A, xs, False)),
    Gate("abs", lambda A, p, a: a if A.sign(a) >= 0 else -a,
         lambda A, p, out, a: (A.num(A.sign(a)),)),
    Gate("tanh", lambda A, p, a: A.tanh(a), lambda A, p, out, a: (1 - A.mul(out, out),)),
    Gate("sin", lambda A, p, a: A.sin(a), lambda A, p, out, a: (A.cos(a),)),
    Gate("cos", lambda A, p, a: A.cos(a), lambda A, p, out, a: (-A.sin(a),)),
)}
_FUNCS = {sp.exp: "exp", sp.log: "log", sp.Max: "max", sp.Min: "min", sp.Abs: "abs",
          sp.tanh: "tanh", sp.sin: "sin", sp.cos: "cos"}
KINKS = ("max", "min", "abs")


# ---------------------------------------------------------------------------- the graph
@dataclass
class Node:
    """One node: a variable, a constant or a gate applied to earlier nodes.

    After `Graph.run`: `value` (forward), `local` (d value / d input, one per input),
    `grad` (d output / d this node: the upstream gradient; None for constants).
    """

    id: int
    op: str                    # "var", "const" or a gate name
    expr: sp.Basic
    inputs: tuple[int, ...] = ()
    param: Any = None          # the exponent of a pow gate
    value: Number = None
    local: tuple[Number, ...] = ()
    grad: Number = None

    @property
    def label(self) -> str:
        if self.op in ("var", "const"):
            return sp.sstr(self.expr)
        if self.op == "pow":
            return f"^{sp.sstr(self.param)}"
        return self.op


@dataclass(frozen=True)
class InputCheck:
    """The engine's gradient for one input against sympy.diff at the point."""

    name: str
    engine: Number
    reference: sp.Expr | None     # diff(expr, input) at the point; None at a kink
    status: str                   # "exact", "numeric", "kink", "unchecked" or "DISAGREES"


@dataclass(frozen=True)
class GradientCheck:
    """Every input gradient compared with `sympy.diff` of the whole expression."""

    inputs: tuple[InputCheck, ...]
    kinks: tuple[str, ...] = ()   # the gates at a tie (max/min) or at 0 (abs)

    @property
    def ok(self) -> bool:
        """No input disagrees, and every input away from a kink was compared."""
        return all(c.status not in ("DISAGREES", "unchecked") for c in self.inputs)

    def summary(self) -> str:
        agree = [c.name for c in self.inputs if c.status in ("exact", "numeric")]
        kink = [c.name for c in self.inputs if c.status == "kink"]
        bad = [c.name for c in self.inputs if c.status == "DISAGREES"]
        parts = [f"{len(agree)} of {len(self.inputs)} gradients agree with sympy.diff"]
        if kink:
            parts.append(f"{', '.join(kink)} not compared: the expression has a kink at "
                         f"the point ({'; '.join(self.kinks)}), where diff is undefined")
        unchecked = [c.name for c in self.inputs if c.status == "unchecked"]
        if unchecked:
            parts.append(f"{', '.join(unchecked)} not compared: neither symbolic algebra nor "
                         "ball arithmetic could settle the comparison")
        if bad:
            parts.append(f"DISAGREE: {', '.join(bad)}")
        return "; ".join(parts)


@dataclass
class Result:
    """The outcome of a forward and backward pass at a point."""

    graph: Graph
    point: dict[sp.Symbol, Number]
    exact: bool
    check: GradientCheck

    @property
    def nodes(self) -> list[Node]:
        return self.graph.nodes

    @property
    def value(self) -> Number:
        return self.graph.nodes[self.graph.output].value

    @property
    def gradients(self) -> dict[sp.Symbol, Number]:
        return {n.expr: n.grad for n in self.graph.nodes if n.op == "var"}


@dataclass
class Graph:
    """The gates of an expression, in topological order (inputs before consumers)."""

    expr: sp.Basic
    nodes: list[Node] = field(default_factory=list)
    output: int = -1
    _index: dict[sp.Basic, int] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, expr: sp.Basic) -> Graph:
        expr = sp.sympify(expr)
        if not isinstance(expr, sp.Expr):
            raise GraphError(f"not an expression: {sp.sstr(expr)}")
        g = cls(_hold_big_powers(expr))
        g.output = g._node(g.expr)
        return g

    @property
    def variables(self) -> list[sp.Symbol]:
        return [n.expr for n in self.nodes if n.op == "var"]

    def _add(self, e: sp.Basic, op: str, inputs: tuple[int, ...] = (), param: Any = None) -> int:
        node = Node(len(self.nodes), op, e, inputs, param)
        self.nodes.append(node)
        self._index[e] = node.id
        return node.id

    def _node(self, e: sp.Basic) -> int:
        if e in self._index:
            return self._index[e]
        if isinstance(e, sp.Symbol):
            return self._add(e, "var")
        if e.is_number and not e.free_symbols and not e.has(sp.Function, sp.Max, sp.Min) \
                and (e.is_Atom or isinstance(e, (sp.NumberSymbol, sp.UnevaluatedExpr))):
            return self._add(e, "const")
        if isinstance(e, sp.Add):
            return self._add(e, "add", tuple(self._node(a) for a in e.args))
        if isinstance(e, sp.Mul):
            args = e.args
            recips = [a for a in args if isinstance(a, sp.Pow) and a.exp == -1]
            if len(args) == 2 and len(recips) == 1 and not (
                    isinstance(args[0], sp.Pow) and args[0].exp == -1
                    and isinstance(args[1], sp.Pow) and args[1].exp == -1):
                num = args[0] if args[1] is recips[0] else args[1]
                return self._add(e, "div", (self._node(num), self._node(recips[0].base)))
            return self._add(e, "mul", tuple(self._node(a) for a in args))
        if isinstance(e, sp.Pow):
            base, ex = e.args
            if base is sp.E:
                return self._add(e, "exp", (self._node(ex),))
            if ex == -1:
                return self._add(e, "inv", (self._node(base),))
            if ex.is_number and not ex.free_symbols:
                return self._add(e, "pow", (self._node(base),), param=ex)
            return self._add(e, "powv", (self._node(base), self._node(ex)))
        for cls, name in _FUNCS.items():
            if isinstance(e, cls):
                if name == "log" and len(e.args) != 1:
                    break
                return self._add(e, name, tuple(self._node(a) for a in e.args))
        raise GraphError(f"no gate for {type(e).__name__} in {sp.sstr(e)} (gates: "
                         f"{', '.join(GATES)})")

    # passes -----------------------------------------------------------------
    def forward(self, point: Mapping[sp.Symbol, Any], arith: Arith) -> None:
        for n in self.nodes:
            if n.op == "var":
                n.value = arith.num(point[n.expr])
            elif n.op == "const":
                n.value = n.expr if arith.exact else float(n.expr)
            else:
                gate = GATES[n.op]
                xs = tuple(self.nodes[i].value for i in n.inputs)
                param = _param(n, arith)
                try:
                    n.value = arith.clean(gate.forward(arith, param, *xs))
                except OverflowError:
                    raise GraphError(f"float overflow in {n.op} at the point") from None
                except ZeroDivisionError:
                    raise GraphError(f"division by zero in {n.op} at the point") from None
                except GraphError as exc:
                    raise GraphError(f"{exc} (in {sp.sstr(n.expr)})") from None
                if arith.exact and n.value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
                    raise GraphError(f"{n.op} is not finite at the point")
                if arith.exact and not _within_balls(n.value):
                    raise GraphError(f"the value of {_short(n.expr)} at the point is too "
                                     "large for certified arithmetic")
                if not arith.exact and not math.isfinite(n.value):
                    raise GraphError(f"{n.op} is not finite at the point (float64)")

    def backward(self, arith: Arith) -> None:
        for n in self.nodes:
            n.grad = None if n.op == "const" else arith.num(0)
            n.local = ()
        self.nodes[self.output].grad = arith.num(1)
        for n in reversed(self.nodes):
            if n.op in ("var", "const"):
                continue
            gate = GATES[n.op]
            xs = tuple(self.nodes[i].value for i in n.inputs)
            param = _param(n, arith)
            try:
                n.local = tuple(arith.clean(v) for v in gate.local(arith, param, n.value, *xs))
            except (OverflowError, ZeroDivisionError):
                n.local = (sp.zoo,)
            if any(_infinite(v, arith) for v in n.local):
                raise GraphError(f"the local gradient of {n.label} is not finite at the point "
                                 f"(its input is {_show(xs[0])})")
            for i, loc in zip(n.inputs, n.local, strict=True):
                child = self.nodes[i]
                if child.op != "const":  # a fork: contributions add up
                    child.grad = arith.clean(child.grad + arith.mul(n.grad, loc))
                    if not arith.exact and not math.isfinite(child.grad):
                        raise GraphError(f"float overflow in the gradient of {child.label} "
                                         "(float64)")

    def run(self, point: Mapping[sp.Symbol | str, Any]) -> Result:
        """Forward and backward pass at `point` (every variable, nothing else)."""
        pt = self._point(point)
        exact = all(isinstance(v, sp.Basic) and not v.has(sp.Float) or isinstance(v, int)
                    for v in pt.values())
        arith = Arith(exact)
        self.forward(pt, arith)
        self.backward(arith)
        return Result(self, {k: arith.num(v) for k, v in pt.items()}, exact,
                      self.check(pt, arith))

    def _point(self, point: Mapping[sp.Symbol | str, Any]) -> dict[sp.Symbol, Any]:
        by_name = {v.name: v for v in self.variables}
        pt: dict[sp.Symbol, Any] = {}
        for k, v in point.items():
            name = k if isinstance(k, str) else getattr(k, "name", str(k))
            if name not in by_name:
                raise GraphError(f"'{name}' is not a variable of the expression (variables: "
                                 f"{', '.join(sorted(by_name)) or 'none'})")
            pt[by_name[name]] = v
        missing = sorted(n for n, s in by_name.items() if s not in pt)
        if missing:
            raise GraphError(f"no value given for {', '.join(missing)}")
        return pt

    def kinks(self, arith: Arith) -> list[Node]:
        """max/min gates with tied inputs and abs gates at 0, after a forward pass."""
        out = []
        for n in self.nodes:
            xs = tuple(self.nodes[i].value for i in n.inputs)
            if n.op in ("max", "min") and len(_argext(arith, xs, n.op == "max")) > 1:
                out.append(n)
            elif n.op == "abs" and arith.sign(xs[0]) == 0:
                out.append(n)
        return out

    def ancestors(self, node: Node) -> set[int]:
        seen: set[int] = set()
        stack = list(node.inputs)
        while stack:
            i = stack.pop()
            if i not in seen:
                seen.add(i)
                stack.extend(self.nodes[i].inputs)
        return seen

    def check(self, pt: dict[sp.Symbol, Any], arith: Arith) -> GradientCheck:
        """Each input's gradient against diff(whole expression, input) at the point."""
        kinks = self.kinks(arith)
        near_kink: set[int] = set()
        for k in kinks:
            near_kink |= self.ancestors(k)
        exact_pt = {k: (arith.num(v) if arith.exact else sp.Float(v, 30))
                    for k, v in pt.items()}  # (nsimplify would move 0.333...3 to 1/3)
        out = []
        for n in self.nodes:
            if n.op != "var":
                continue
            if n.id in near_kink:
                out.append(InputCheck(n.expr.name, n.grad, None, "kink"))
                continue
            ref = _at(sp.diff(self.expr, n.expr), exact_pt, arith)
            out.append(InputCheck(n.expr.name, n.grad, ref, _compare(n.grad, ref, arith)))
        return GradientCheck(tuple(out), tuple(sp.sstr(k.expr) for k in kinks))


def _at(expr: sp.Basic, point: dict[sp.Symbol, Any], arith: Arith) -> sp.Expr:
    """`expr` at the point: exact values evaluated within the size bounds of `arith`."""
    if not arith.exact:
        return expr.xreplace(point).doit()
    with sp.evaluate(False):
        placed = expr.xreplace(point)
    return arith.settle(placed)


def _compare(engine: Number, ref: sp.Expr, arith: Arith) -> str:
    """"exact" (the difference is 0 symbolically), "numeric" (the balls agree to 30
    digits), "DISAGREES", or "unchecked" when neither can tell."""
    if arith.exact:
        d = engine - ref
        if d == 0:
            return "exact"
        if d.is_Rational:
            return "DISAGREES"
        if not _bulky(d) and sp.simplify(d) == 0:
            return "exact"
        agree = _balls_agree(bare(engine), bare(ref))
        return {True: "numeric", False: "DISAGREES", None: "unchecked"}[agree]
    r = sp.N(ref, 30)
    if not r.is_real:
        return "DISAGREES"
    return "numeric" if abs(float(r) - engine) <= 1e-9 * (1 + abs(float(r))) else "DISAGREES"


def _balls_agree(a: sp.Expr, b: sp.Expr, digits: int = 30) -> bool | None:
    """True when the balls of a and b agree to `digits` digits, False when they are
    certainly apart, None when no precision tried settles it."""
    for bits in certified.BITS:
        try:
            va, vb = balls.evaluate(a, bits), balls.evaluate(b, bits)
        except balls.Undefined:
            return None
        if va is None or vb is None:
            continue
        d = va - vb
        if certified.nonzero(d):
            return False
        if certified.radius(d) < certified.tolerance([va, vb], digits):
            return True
    return None


def _param(n: Node, arith: Arith) -> Any:
    """The constant of a gate (the exponent of pow) in the pass's number system."""
    if n.param is None:
        return None
    if arith.exact:
        return arith.settle(n.param)
    try:
        return float(n.param)
    except OverflowError:
        raise GraphError(f"float overflow in the exponent of {sp.sstr(n.expr)}") from None


def _infinite(v: Number, arith: Arith) -> bool:
    if arith.exact or isinstance(v, sp.Basic):
        return bool(sp.sympify(v).has(sp.zoo, sp.nan, sp.oo, -sp.oo))
    return not math.isfinite(v)


def _short(e: sp.Basic, limit: int = 60) -> str:
    text = sp.sstr(e)
    return text if len(text) <= limit else text[:limit // 2 - 1] + "…" + text[-(limit // 2 - 1):]


def _show(v: Number) -> str:
    return sp.sstr(v) if isinstance(v, sp.Basic) else repr(v)


def backprop(expr: sp.Basic, point: Mapping[sp.Symbol | str, Any]) -> Result:
    """Build the graph of `expr` and run it at `point`."""
    return Graph.build(expr).run(point)
