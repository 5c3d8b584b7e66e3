"""Computational graphs drawn as lecture slides draw them: forward values above each
edge, gradients flowing back below it (TikZ for LaTeX, a PNG for Markdown).

A graph figure is named by a string `"graph:EXPR@x=-2,y=5,z=-4"`: EXPR is parsed by
`proofs.parsing.parse` (plain math, never `eval`), and the forward and backward passes
are those of the graph engine `proofs.graph` (exact numbers at an exact point, each
input gradient checked against `sympy.diff`). This module only lays the engine's nodes
out and draws them; it has no gate model of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy as sp

from proofs.graph import Arith, GraphError, Result, backprop
from proofs.parsing import ParseError, parse

from .latex_printer import latex
from .numbers import approx

PREFIX = "graph:"

# engine gate name -> the label drawn in its circle (LaTeX math)
GATE_LABELS: dict[str, str] = {
    "add": "+", "mul": r"\times", "div": r"\div", "inv": r"1/x", "powv": r"a^{b}",
    "exp": r"\exp", "log": r"\log", "max": r"\max", "min": r"\min", "abs": r"|\cdot|",
    "tanh": r"\tanh", "sin": r"\sin", "cos": r"\cos",
}


@dataclass(frozen=True)
class Gate:
    """One node to draw: an input or constant (no inputs) or a gate of earlier nodes."""

    key: str
    op: str
    inputs: tuple[str, ...]
    value: sp.Expr
    grad: sp.Expr | None      # None for a constant (nothing flows back into it)
    label: str


@dataclass(frozen=True)
class GraphDrawing:
    """A graph to draw: nodes in topological order, the last one the output."""

    name: str
    title: str
    expr: sp.Expr
    gates: tuple[Gate, ...]
    result: Result

    @property
    def output(self) -> Gate:
        return self.gates[-1]

    def gate(self, key: str) -> Gate:
        return next(g for g in self.gates if g.key == key)

    def variable(self, name: str) -> Gate:
        """The input node of the variable called `name`."""
        return next(g for g in self.gates if g.op == "var" and g.key == "v" + name)


def parse_spec(name: str) -> tuple[sp.Expr, dict[str, sp.Expr]]:
    """`graph:EXPR@x=1,y=2` as (expression, point); a one-line ValueError otherwise."""
    if not name.startswith(PREFIX) or "@" not in name:
        raise ValueError(f"a graph figure is 'graph:EXPR@x=...,y=...', got {name!r}")
    text, _, point_text = name[len(PREFIX):].rpartition("@")
    try:
        expr = parse(text)
        point: dict[str, sp.Expr] = {}
        for item in point_text.split(","):
            var, eq, value = item.partition("=")
            if not eq or not var.strip():
                raise ValueError(f"a point is 'x=1,y=2', got {point_text!r}")
            point[var.strip()] = Arith(exact=True).settle(parse(value))  # size-bounded
            if point[var.strip()].free_symbols:
                raise ValueError(f"the value of {var.strip()} is not a number")
    except ParseError as exc:
        raise ValueError(f"graph figure {name!r}: {exc}") from None
    return expr, point


def point_tex(name: str) -> str:
    """The point of a graph figure as LaTeX: `x = -2,\\ y = 5`."""
    _, point = parse_spec(name)
    return r",\ ".join(f"{latex(sp.Symbol(k))} = {latex(v)}" for k, v in point.items())


@lru_cache(maxsize=64)
def drawing(name: str) -> GraphDrawing:
    """The graph of a `graph:EXPR@point` figure, run forward and backward by proofs.graph."""
    expr, point = parse_spec(name)
    try:
        result = backprop(expr, point)
    except GraphError as exc:
        raise ValueError(f"graph figure {name!r}: {exc}") from None
    if not result.check.ok:
        raise ValueError(f"graph figure {name!r}: the engine's gradients disagree with "
                         f"sympy.diff ({result.check.summary()})")
    nodes = result.nodes
    gates = []
    for n in nodes:
        key = "v" + n.expr.name if n.op == "var" else f"n{n.id}"
        if n.op == "var":
            label = latex(n.expr)
        elif n.op == "const":
            label = latex(n.expr)
        elif n.op == "pow":
            label = r"(\cdot)^{" + latex(n.param) + "}"
        else:
            label = GATE_LABELS.get(n.op, r"\operatorname{" + n.op + "}")
        ins = tuple(("v" + nodes[i].expr.name if nodes[i].op == "var" else f"n{i}")
                    for i in n.inputs)
        gates.append(Gate(key, n.op, ins, sp.sympify(n.value),
                          None if n.grad is None else sp.sympify(n.grad), label))
    return GraphDrawing(name, "$f = " + latex(expr) + "$", expr, tuple(gates), result)


# ---- layout and number format -----------------------------------------------------

def number(value: Any) -> str:
    """A value as slides print it: integers exactly, other numbers to two decimals;
    beyond 10^15 three certified digits, `2.23e308`."""
    value = sp.sympify(value)
    value = sp.nsimplify(value) if value.is_Float else value
    if value.is_Integer and abs(value) < 10 ** 15:
        return str(int(value))
    near = float((approx(value, 17) or "0").split(" ")[0])
    if abs(near) >= 1e15:
        return approx(value, 3) or "?"
    text = f"{near:.2f}"
    return "0.00" if text == "-0.00" else text


def layout(g: GraphDrawing) -> dict[str, tuple[float, float]]:
    """(column, row) per node: variables in column 0, each gate right of its inputs,
    a constant just left of (and below) the gate that uses it."""
    col: dict[str, float] = {}
    row: dict[str, float] = {}
    n_vars = 0
    consumer: dict[str, str] = {}
    for gate in g.gates:
        for i in gate.inputs:
            consumer.setdefault(i, gate.key)
    for gate in g.gates:
        if gate.op == "var":
            col[gate.key], row[gate.key] = 0.0, float(n_vars)
            n_vars += 1
        elif gate.inputs:
            live = [i for i in gate.inputs if g.gate(i).op != "const"] or list(gate.inputs)
            col[gate.key] = 1 + max(col.get(i, 0.0) for i in live)
            row[gate.key] = sum(row.get(i, 0.0) for i in live) / len(live)
    for gate in g.gates:            # constants: next to their consumer
        if gate.op == "const":
            c = consumer.get(gate.key, g.output.key)
            col[gate.key] = col[c] - 0.55
            row[gate.key] = row[c] + 0.8
    return {k: (col[k], row[k]) for k in col}


def _edges(g: GraphDrawing) -> list[tuple[str, str]]:
    return [(i, gate.key) for gate in g.gates for i in gate.inputs]


# ---- TikZ ------------------------------------------------------------------------

def to_tikz(g: GraphDrawing, xscale: float = 2.0, yscale: float = 1.6) -> str:
    """A `tikzpicture`: gates as circles, values (green, above) and gradients (red, below)."""
    pos = layout(g)
    width = max(x for x, _ in pos.values()) + 0.9
    if width * xscale > 14.5:            # keep the picture inside the text width
        xscale = 14.5 / width
    lines = [r"\begin{tikzpicture}[>=stealth, every node/.style={font=\small},",
             r"  gate/.style={circle, draw, thick, minimum size=7mm, inner sep=1pt},",
             r"  leaf/.style={inner sep=2pt},",
             r"  val/.style={above, sloped, text=green!45!black, font=\scriptsize},",
             r"  grad/.style={below, sloped, text=red!75!black, font=\scriptsize}]"]
    for gate in g.gates:
        x, y = pos[gate.key]
        style = "gate" if gate.inputs else "leaf"
        lines.append(rf"\node[{style}] ({gate.key}) at ({x * xscale:.2f}, "
                     rf"{-y * yscale:.2f}) {{${gate.label}$}};")
    for src, dst in _edges(g):
        s = g.gate(src)
        grad = "" if s.grad is None else rf" node[grad, pos=0.35] {{${number(s.grad)}$}}"
        lines.append(rf"\draw[->] ({src}) -- node[val, pos=0.35] {{${number(s.value)}$}}"
                     rf"{grad} ({dst});")
    out = g.output
    ox, oy = pos[out.key]
    lines.append(rf"\node[leaf] (out) at ({(ox + 0.9) * xscale:.2f}, {-oy * yscale:.2f}) "
                 r"{$f$};")
    lines.append(rf"\draw[->] ({out.key}) -- node[val] {{${number(out.value)}$}} "
                 rf"node[grad] {{${number(out.grad)}$}} (out);")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


# ---- matplotlib -----------------------------------------------------------------

def figure_size(g: GraphDrawing) -> tuple[float, float]:
    """Inches for the PNG: wide enough for the columns, tall enough for the rows."""
    pos = layout(g)
    cols = max(x for x, _ in pos.values()) + 1.9
    rows = max(y for _, y in pos.values()) + 1.4
    return (min(11.0, 1.45 * cols), min(6.5, 0.9 + 0.95 * rows))


def draw(g: GraphDrawing, ax: Any) -> None:
    """Draw the graph on a matplotlib Axes (used for the Markdown sheet's PNG)."""
    pos = layout(g)
    xs, ys = 2.6, 1.5
    out = g.output
    ox, oy = pos[out.key]
    points = {k: (x * xs, -y * ys) for k, (x, y) in pos.items()}
    points["__out__"] = ((ox + 0.9) * xs, -oy * ys)
    edges = _edges(g) + [(out.key, "__out__")]
    radius = 0.36
    for src, dst in edges:
        (x0, y0), (x1, y1) = points[src], points[dst]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "->", "lw": 1.2, "shrinkA": 14, "shrinkB": 14})
        gate = g.gate(src)
        t = 0.45 if src != out.key else 0.5
        mx, my = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
        ax.text(mx, my + 0.1, number(gate.value), color="#1f7a1f", ha="center", va="bottom",
                fontsize=10)
        if gate.grad is not None:
            ax.text(mx, my - 0.1, number(gate.grad), color="#b22222", ha="center", va="top",
                    fontsize=10)
    for gate in g.gates:
        x, y = points[gate.key]
        if gate.inputs:
            ax.add_patch(_circle((x, y), radius))
        size = 12 if len(gate.label) <= 7 else 9
        ax.text(x, y, f"${gate.label}$", ha="center", va="center", fontsize=size)
    ax.text(*points["__out__"], "$f$", ha="center", va="center", fontsize=12)
    all_x = [p[0] for p in points.values()]
    all_y = [p[1] for p in points.values()]
    ax.set_xlim(min(all_x) - 0.6, max(all_x) + 0.6)
    ax.set_ylim(min(all_y) - 0.6, max(all_y) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")


def _circle(center: tuple[float, float], radius: float) -> Any:
    from matplotlib.patches import Circle

    return Circle(center, radius, fill=False, lw=1.4)
