"""`qedsheet backprop EXPR --at x=3,y=-4`: the computational graph of EXPR, forward and back."""

from __future__ import annotations

import argparse
import json
import re
import sys

import sympy as sp

from proofs.graph import GraphError, Result, backprop
from proofs.parsing import ParseError, parse
from render.numbers import exact as exact_text
from render.numbers import json_number, number

from ..cli import COMMANDS, UsageError

_INT = re.compile(r"^[+-]?\d+$")
_FRACTION = re.compile(r"^[+-]?\d+/\d+$")
_FLOAT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backprop", help=COMMANDS["backprop"],
        description="Build the computational graph of EXPR (plain math such as "
        "'2*(x*y+max(z,w))' or LaTeX such as '\\frac{1}{1+e^{-x}}'), run the forward pass "
        "and the backward pass at the point, print one line per node (op, value, gradient) "
        "and the gradient of every input, checked against sympy.diff. Integers and "
        "fractions p/q are exact; decimals make a float pass. At a tie, max and min split "
        "the gradient equally between the tied inputs.")
    # EXPR may start with '-' ('-x*y', '-----x'): only --OPTION and -h read as options
    p._negative_number_matcher = re.compile(r"^-(?!-[A-Za-z][A-Za-z0-9-]*(?:=|$)|h$)")
    p.add_argument("expr", metavar="EXPR", help="the expression (quote it for the shell)")
    p.add_argument("--at", required=True, metavar="x=3,y=-4",
                   help="a value for every variable: integers, fractions p/q or decimals")
    p.add_argument("--json", action="store_true", help="print a JSON object instead")
    p.set_defaults(run=run)


def parse_point(text: str) -> dict[str, sp.Expr | float]:
    """`x=3,y=-4,z=1/2,t=0.5` as {name: value}; exact for integers and fractions, floats
    for decimals unless a decimal underflows float64 (then every value is exact)."""
    out: dict[str, sp.Expr | float] = {}
    decimals: dict[str, str] = {}
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise UsageError(f"--at: {part!r} is not of the form name=number")
        name, _, raw = (s.strip() for s in part.partition("="))
        if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", name):
            raise UsageError(f"--at: {name!r} is not a variable name")
        name = re.sub(r"_\{?([A-Za-z0-9]+)\}?$", r"\1", name)
        if name in out:
            raise UsageError(f"--at: {name} is given twice")
        if len(raw) > 60:
            raise UsageError(f"--at: the value of {name} is too long")
        if _INT.match(raw):
            out[name] = sp.Integer(raw)
        elif _FRACTION.match(raw):
            p, q = raw.split("/")
            if int(q) == 0:
                raise UsageError(f"--at: {name}={raw} divides by zero")
            out[name] = sp.Rational(int(p), int(q))
        elif _FLOAT.match(raw):
            out[name] = float(raw)
            decimals[name] = raw
            if out[name] in (float("inf"), float("-inf")):
                raise UsageError(f"--at: {name}={raw} is not a finite float64 number")
        else:
            raise UsageError(f"--at: the value of {name}, {raw!r}, is not a number")
    if not out:
        raise UsageError("--at needs values such as x=3,y=-4")
    if any(abs(out[k]) < sys.float_info.min and sp.Rational(r) != 0
           for k, r in decimals.items()):  # 1e-400 is not 0: keep every value exact
        out.update({k: sp.Rational(r) for k, r in decimals.items()})
    return out


def as_json(r: Result) -> dict:
    """The JSON object: value, gradients, nodes, check."""
    num = json_number

    def exact(v):
        return None if v is None or not r.exact else exact_text(v)

    nodes = []
    for n in r.nodes:
        nodes.append({
            "id": n.id, "op": n.op, "label": n.label, "expr": sp.sstr(n.expr),
            "inputs": list(n.inputs), "value": num(n.value), "value_exact": exact(n.value),
            "local": [num(v) for v in n.local], "grad": num(n.grad),
            "grad_exact": exact(n.grad)})
    return {
        "expr": sp.sstr(r.graph.expr), "exact": r.exact,
        "at": {k.name: num(v) for k, v in r.point.items()},
        "value": num(r.value), "value_exact": exact(r.value),
        "gradients": {k.name: num(v) for k, v in r.gradients.items()},
        "gradients_exact": ({k.name: exact_text(v) for k, v in r.gradients.items()}
                            if r.exact else None),
        "nodes": nodes,
        "check": {"ok": r.check.ok, "summary": r.check.summary(),
                  "inputs": {c.name: c.status for c in r.check.inputs}},
        "tie_convention": "max/min split the upstream gradient equally among tied inputs",
    }


def table(r: Result) -> str:
    """The per-node table and the input gradients, as text."""
    rows = [("node", "op", "inputs", "value", "gradient")]
    for n in r.nodes:
        rows.append((f"n{n.id}", n.label, " ".join(f"n{i}" for i in n.inputs),
                     number(n.value), number(n.grad)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [f"f = {sp.sstr(r.graph.expr)}  at "
             + ", ".join(f"{k.name}={number(v)}" for k, v in r.point.items())]
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True))
                     + "  " + row[4])
    lines.append(f"value: {number(r.value)}")
    lines.append("gradients:")
    for k, v in r.gradients.items():
        lines.append(f"  d f/d {k.name} = {number(v)}")
    lines.append(f"check: {r.check.summary()}")
    if r.check.kinks:
        lines.append("tie convention: max/min split the gradient equally among tied inputs")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        expr = parse(args.expr)
    except ParseError as exc:
        raise UsageError(f"cannot read the expression: {exc}") from None
    point = parse_point(args.at)
    try:
        result = backprop(expr, point)
    except GraphError as exc:
        raise UsageError(str(exc)) from None
    except (RecursionError, MemoryError):
        raise UsageError("the expression is too large") from None
    if args.json:
        print(json.dumps(as_json(result), indent=2, allow_nan=False))
    else:
        print(table(result))
    return 0 if result.check.ok else 1
