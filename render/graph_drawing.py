"""Computational graphs drawn as lecture slides draw them: forward values above each
edge, gradients flowing back below it (TikZ for LaTeX, a PNG for Markdown).

The drawing reads a small interface, `GraphDrawing` (gates in topological order, each
with `key`, `op`, `inputs`, `value`, `grad`). `evaluate(...)` fills it from a gate list
and a point with exact sympy arithmetic (forward pass, then reverse accumulation);
`from_graph(obj)` adapts any object whose `nodes` carry those attributes (such as the
graph engine of `proofs`). The four graphs of the lecture notes are in `NOTES_GRAPHS`.
Max gate convention: the whole gradient goes to the first largest input (at a tie, the
first one listed); the other inputs get 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from .latex_printer import latex

# op -> (TikZ/mathtext label, forward function of the input values)
OPS: dict[str, tuple[str, Any]] = {
    "+": ("+", lambda xs: sp.Add(*xs)),
    "*": (r"\times", lambda xs: sp.Mul(*xs)),
    "*2": (r"\times 2", lambda xs: 2 * xs[0]),
    "^2": (r"x^2", lambda xs: xs[0] ** 2),
    "max": (r"\max", lambda xs: sp.Max(*xs)),
    "sigmoid": (r"\sigma", lambda xs: 1 / (1 + sp.exp(-xs[0]))),
}


@dataclass(frozen=True)
class Gate:
    """One node: an input (`op == "input"`) or a gate applied to earlier nodes."""

    key: str
    op: str
    inputs: tuple[str, ...]
    value: sp.Expr
    grad: sp.Expr
    label: str = ""   # LaTeX; defaults to the op's label or the input's name


@dataclass(frozen=True)
class GraphDrawing:
    """A graph to draw: gates in topological order, the last one the output."""

    name: str
    title: str
    expr: sp.Expr
    gates: tuple[Gate, ...]

    @property
    def output(self) -> Gate:
        return self.gates[-1]

    def gate(self, key: str) -> Gate:
        return next(g for g in self.gates if g.key == key)


def _local_grads(op: str, values: list[sp.Expr]) -> list[sp.Expr]:
    if op == "max":
        top = max(range(len(values)), key=lambda i: (values[i], -i))
        return [sp.Integer(1 if i == top else 0) for i in range(len(values))]
    syms = sp.symbols(f"_u0:{len(values)}")
    out = OPS[op][1](list(syms))
    at = dict(zip(syms, values, strict=True))
    return [sp.simplify(sp.diff(out, s).subs(at)) for s in syms]


def evaluate(name: str, title: str, spec: Iterable[tuple[str, str, tuple[str, ...]]],
             point: Mapping[str, Any]) -> GraphDrawing:
    """Forward values and gradients of a gate list `(key, op, inputs)` at `point`."""
    spec = list(spec)
    values: dict[str, sp.Expr] = {k: sp.sympify(v) for k, v in point.items()}
    exprs: dict[str, sp.Expr] = {k: sp.Symbol(k, real=True) for k in point}
    for key, op, inputs in spec:
        if op not in OPS:
            raise ValueError(f"unknown gate {op!r} in graph {name!r}")
        values[key] = sp.simplify(OPS[op][1]([values[i] for i in inputs]))
        exprs[key] = OPS[op][1]([exprs[i] for i in inputs])
    grads: dict[str, sp.Expr] = dict.fromkeys(values, sp.Integer(0))
    grads[spec[-1][0]] = sp.Integer(1)
    for key, op, inputs in reversed(spec):
        for i, local in zip(inputs, _local_grads(op, [values[i] for i in inputs]), strict=True):
            grads[i] = sp.simplify(grads[i] + grads[key] * local)
    gates = [Gate(k, "input", (), values[k], grads[k], latex(sp.Symbol(k))) for k in point]
    gates += [Gate(k, op, tuple(ins), values[k], grads[k], OPS[op][0]) for k, op, ins in spec]
    return GraphDrawing(name, title, exprs[spec[-1][0]], tuple(gates))


def from_graph(obj: Any, name: str = "", title: str = "") -> GraphDrawing:
    """Adapt a graph object whose `nodes` have key|name, op, inputs, value, grad."""
    gates = []
    for n in obj.nodes:
        key = getattr(n, "key", None) or n.name
        op = getattr(n, "op", "input") or "input"
        label = getattr(n, "label", "") or (OPS[op][0] if op in OPS else
                                             latex(sp.Symbol(key)) if op == "input" else op)
        gates.append(Gate(key, op, tuple(getattr(n, "inputs", ())), sp.sympify(n.value),
                          sp.sympify(n.grad), label))
    return GraphDrawing(name or getattr(obj, "name", ""), title or getattr(obj, "title", ""),
                        sp.sympify(getattr(obj, "expr", 0)), tuple(gates))


NOTES_GRAPHS: dict[str, GraphDrawing] = {}


def notes_graph(name: str) -> GraphDrawing:
    """One of the four graphs of the lecture notes, by figure name (built on first use)."""
    if not NOTES_GRAPHS:
        NOTES_GRAPHS.update(_notes_graphs())
    return NOTES_GRAPHS[name]


def _notes_graphs() -> dict[str, GraphDrawing]:
    return {g.name: g for g in (
        evaluate("graph-sum-times", r"$f = (x + y)\,z$",
                 [("q", "+", ("x", "y")), ("f", "*", ("q", "z"))],
                 {"x": -2, "y": 5, "z": -4}),
        evaluate("graph-squared-sum", r"$f = (C + D)(X + Y)^2$",
                 [("a", "+", ("C", "D")), ("b", "+", ("X", "Y")), ("c", "^2", ("b",)),
                  ("f", "*", ("a", "c"))],
                 {"C": 3, "D": -5, "X": 2, "Y": 4}),
        evaluate("graph-max", r"$f = 2\,(x + y + \max(z, w))$",
                 [("s", "+", ("x", "y")), ("m", "max", ("z", "w")), ("t", "+", ("s", "m")),
                  ("f", "*2", ("t",))],
                 {"x": 3, "y": -4, "z": 2, "w": -1}),
        evaluate("graph-sigmoid-neuron", r"$f = \sigma(w_0 x_0 + w_1 x_1 + w_2)$",
                 [("p0", "*", ("w0", "x0")), ("p1", "*", ("w1", "x1")),
                  ("s", "+", ("p0", "p1")), ("d", "+", ("s", "w2")), ("f", "sigmoid", ("d",))],
                 {"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3}),
    )}


# ---- layout and number format -----------------------------------------------------

def number(value: sp.Expr) -> str:
    """A value as slides print it: integers exactly, other numbers to two decimals."""
    value = sp.nsimplify(value) if value.is_Float else value
    if value.is_Integer:
        return str(int(value))
    text = f"{float(value):.2f}"
    return "0.00" if text == "-0.00" else text


def layout(g: GraphDrawing) -> dict[str, tuple[float, float]]:
    """(column, row) per gate: inputs in column 0, each gate right of its inputs."""
    col: dict[str, int] = {}
    row: dict[str, float] = {}
    n_inputs = 0
    for gate in g.gates:
        if not gate.inputs:
            col[gate.key], row[gate.key] = 0, float(n_inputs)
            n_inputs += 1
        else:
            col[gate.key] = 1 + max(col[i] for i in gate.inputs)
            row[gate.key] = sum(row[i] for i in gate.inputs) / len(gate.inputs)
    return {k: (float(col[k]), row[k]) for k in col}


def _edges(g: GraphDrawing) -> list[tuple[str, str]]:
    return [(i, gate.key) for gate in g.gates for i in gate.inputs]


# ---- TikZ ------------------------------------------------------------------------

def to_tikz(g: GraphDrawing, xscale: float = 2.6, yscale: float = 1.5) -> str:
    """A `tikzpicture`: gates as circles, values (green, above) and gradients (red, below)."""
    pos = layout(g)
    lines = [r"\begin{tikzpicture}[>=stealth, every node/.style={font=\small},",
             r"  gate/.style={circle, draw, thick, minimum size=7mm, inner sep=1pt},",
             r"  leaf/.style={inner sep=2pt},",
             r"  val/.style={above, sloped, text=green!45!black, font=\scriptsize},",
             r"  grad/.style={below, sloped, text=red!75!black, font=\scriptsize}]"]
    for gate in g.gates:
        x, y = pos[gate.key]
        style = "leaf" if not gate.inputs else "gate"
        lines.append(rf"\node[{style}] ({_tid(gate.key)}) at ({x * xscale:.2f}, "
                     rf"{-y * yscale:.2f}) {{${gate.label}$}};")
    for src, dst in _edges(g):
        s = g.gate(src)
        lines.append(rf"\draw[->] ({_tid(src)}) -- node[val, pos=0.4] {{${number(s.value)}$}} "
                     rf"node[grad, pos=0.4] {{${number(s.grad)}$}} ({_tid(dst)});")
    out = g.output
    ox, oy = pos[out.key]
    lines.append(rf"\node[leaf] (out) at ({(ox + 0.9) * xscale:.2f}, {-oy * yscale:.2f}) "
                 r"{$f$};")
    lines.append(rf"\draw[->] ({_tid(out.key)}) -- node[val] {{${number(out.value)}$}} "
                 rf"node[grad] {{${number(out.grad)}$}} (out);")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def _tid(key: str) -> str:
    return "n" + "".join(ch if ch.isalnum() else "x" for ch in key)


# ---- matplotlib -----------------------------------------------------------------

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
        t = 0.4 if src != out.key else 0.5
        mx, my = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
        ax.text(mx, my + 0.12, number(gate.value), color="#1f7a1f", ha="center", va="bottom",
                fontsize=10)
        ax.text(mx, my - 0.12, number(gate.grad), color="#b22222", ha="center", va="top",
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
