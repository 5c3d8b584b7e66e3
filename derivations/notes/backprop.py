"""The lecture notes on backpropagation: four worked computational graphs.

Every value and gradient the notes compute is a claim, checked symbolically; the
notes' slips are recorded as claims that the engine must refute.
"""

from __future__ import annotations

import sympy as sp

from proofs import Claim, Eq, Exercise, Ge

from . import code
from ._calculus import at, partial

SRC = "notes/backprop"
x, y, z, w = sp.symbols("x y z w", real=True)
C, D, X, Y, A, V = sp.symbols("C D X Y A V", real=True)
w0, x0, w1, x1, w2 = sp.symbols("w0 x0 w1 x1 w2", real=True)
t = sp.Symbol("t", real=True)


def _grads(f: sp.Expr, point: dict, values: dict) -> sp.Basic:
    """All the gradients at a point, as one conjunction."""
    return sp.And(*[Eq(partial(f, v, point), values[v]) for v in values])


# 1. f = (x + y) z ------------------------------------------------------------------
F1 = (x + y) * z
P1 = {x: -2, y: 5, z: -4}
SIMPLE = Exercise(
    key="simple-graph", source=SRC, title="f = (x + y) z",
    question=r"For $f = (x + y) z$, find the three partial derivatives, then the value "
             r"and the gradient at $x = -2$, $y = 5$, $z = -4$ by a forward and a backward "
             r"pass.",
    answer=r"With $q = x + y$, $f = q z$: the multiply gate sends $z$ back to $q$ and $q$ "
           r"to $z$, and the add gate copies the gradient to $x$ and $y$. So "
           r"$\partial f/\partial x = \partial f/\partial y = z$ and "
           r"$\partial f/\partial z = x + y$. At the point $q = 3$, $f = -12$ and the "
           r"gradient is $(-4, -4, 3)$. The notes write the chain rule once as a sum "
           r"($\partial f/\partial x = \partial f/\partial q + \partial q/\partial x$); it "
           r"is a product, "
           r"$\partial f/\partial x = \partial f/\partial q \cdot \partial q/\partial x$, "
           r"which is what their numbers use.",
    claims=(
        Claim("notes-bp-simple-dfdx", Eq(partial(F1, x), z), source=SRC,
              title="df/dx = z"),
        Claim("notes-bp-simple-dfdy", Eq(partial(F1, y), z), source=SRC,
              title="df/dy = z"),
        Claim("notes-bp-simple-dfdz", Eq(partial(F1, z), x + y),
              source=SRC, title="df/dz = x + y"),
        Claim("notes-bp-simple-value", Eq(at(F1, P1), -12), source=SRC,
              title="f(-2, 5, -4) = -12"),
        Claim("notes-bp-simple-gradient", _grads(F1, P1, {x: -4, y: -4, z: 3}), source=SRC,
              title="the gradient at (-2, 5, -4) is (-4, -4, 3)"),
        Claim("notes-bp-chain-rule-as-sum", Eq(partial(F1, x), z + 1),
              source=SRC, expect="refuted",
              title="the notes' slip: df/dx = df/dq + dq/dx = z + 1 (the chain rule "
                    "multiplies)"),
    ),
    figures=("graph:(x+y)*z@x=-2,y=5,z=-4",),
)

# 2. f = (C + D)(X + Y)^2 --------------------------------------------------------------
F2 = (C + D) * (X + Y) ** 2
P2 = {C: 3, D: -5, X: 2, Y: 4}
SQUARE = Exercise(
    key="square-graph", source=SRC, title="f = (C + D)(X + Y)²",
    question=r"With $A = C + D$, $V = X + Y$ and $B = V^2$, $f = A B$. Find the value and "
             r"every gradient at $C = 3$, $D = -5$, $X = 2$, $Y = 4$.",
    answer=r"Forward: $A = -2$, $V = 6$, $B = 36$, $f = -72$. Backward: "
           r"$\partial f/\partial A = B = 36$ and $\partial f/\partial B = A = -2$; the add "
           r"gate copies 36 to $C$ and $D$; $\partial B/\partial V = 2V = 12$ so "
           r"$\partial f/\partial V = -2 \cdot 12 = -24$, copied to $X$ and $Y$. So "
           r"$\partial f/\partial C = \partial f/\partial D = 36$ and "
           r"$\partial f/\partial X = \partial f/\partial Y = -24$. The notes box "
           r"$\partial f/\partial D$ as $-36$ after writing $36 \cdot 1$: the sign is a slip.",
    claims=(
        Claim("notes-bp-square-value", Eq(at(F2, P2), -72), source=SRC,
              title="f(3, -5, 2, 4) = -72"),
        Claim("notes-bp-square-dfdV",
              Eq(partial(A * V ** 2, V, {A: -2, V: 6}), -24),
              source=SRC, title="df/dV = df/dB * dB/dV = -2 * 12 = -24"),
        Claim("notes-bp-square-gradient", _grads(F2, P2, {C: 36, D: 36, X: -24, Y: -24}),
              source=SRC, title="df/dC = df/dD = 36, df/dX = df/dY = -24"),
        Claim("notes-bp-square-dfdD-minus-36",
              Eq(partial(F2, D, P2), -36), source=SRC, expect="refuted",
              title="the notes' slip: df/dD = -36"),
    ),
    figures=("graph:(C+D)*(X+Y)^2@C=3,D=-5,X=2,Y=4",),
)

# 3. f = 2 (x + y + max(z, w)) and f = 2 (x y + max(z, w)) -----------------------------
F3 = 2 * (x + y + sp.Max(z, w))
F4 = 2 * (x * y + sp.Max(z, w))
P3 = {x: 3, y: -4, z: 2, w: -1}
MAX = Exercise(
    key="max-graph", source=SRC, title="f = 2(x + y + max(z, w)) and f = 2(x y + max(z, w))",
    question=r"Run both graphs at $x = 3$, $y = -4$, $z = 2$, $w = -1$. How does the max "
             r"gate pass the gradient back, and what happens when its inputs tie?",
    answer=r"The max gate routes the whole upstream gradient to its larger input and 0 to "
           r"the other. In $2(x + y + \max(z, w))$: $f = 2$ and the gradient is "
           r"$(2, 2, 2, 0)$; the notes' $\partial f/\partial z = 4$ (and "
           r"$\partial f/\partial w = 4$, written before they note it is 0 because $2 > -1$) "
           r"double-count the factor 2. In $2(x y + \max(z, w))$: $f = -20$ and the gradient "
           r"is $(-8, 6, 2, 0)$. At a tie $z = w$, max is not differentiable; the notes pass "
           r"1 to both inputs, which is not a subgradient (the sum would be 2, while moving "
           r"both inputs by $h$ moves max by $h$). qedsheet splits the gradient equally "
           r"($1/2$ each), which is a subgradient.",
    claims=(
        Claim("notes-bp-max-add-value", Eq(at(F3, P3), 2), source=SRC,
              title="2(x + y + max(z, w)) = 2 at (3, -4, 2, -1)"),
        Claim("notes-bp-max-add-gradient", _grads(F3, P3, {x: 2, y: 2, z: 2, w: 0}),
              source=SRC, title="the gradient is (2, 2, 2, 0)"),
        Claim("notes-bp-max-dfdz-4", Eq(partial(F3, z, P3), 4),
              source=SRC, expect="refuted", title="the notes' slip: df/dz = 4"),
        Claim("notes-bp-max-dfdw-4", Eq(partial(F3, w, P3), 4),
              source=SRC, expect="refuted",
              title="the notes' first line: df/dw = 2 * 2 = 4 (it is 0: 2 > -1)"),
        Claim("notes-bp-max-mul-value", Eq(at(F4, P3), -20), source=SRC,
              title="2(x y + max(z, w)) = -20 at (3, -4, 2, -1)"),
        Claim("notes-bp-max-mul-gradient", _grads(F4, P3, {x: -8, y: 6, z: 2, w: 0}),
              source=SRC, title="the gradient is (-8, 6, 2, 0)"),
        Claim("notes-bp-max-tie-split-is-subgradient",
              Ge(sp.Max(z, w), t + (z - t) / 2 + (w - t) / 2), source=SRC,
              title="at a tie z = w = t, the split (1/2, 1/2) is a subgradient of max"),
        Claim("notes-bp-max-tie-both-not-subgradient",
              Ge(sp.Max(z, w), t + (z - t) + (w - t)), source=SRC, expect="refuted",
              title="the notes' tie rule (1, 1) is not a subgradient of max"),
    ),
    figures=("graph:2*(x+y+max(z,w))@x=3,y=-4,z=2,w=-1",
             "graph:2*(x*y+max(z,w))@x=3,y=-4,z=2,w=-1"),
)

# 4. the sigmoid neuron ------------------------------------------------------------------
DOT = w0 * x0 + w1 * x1 + w2
F5 = 1 / (1 + sp.exp(-DOT))
P5 = {w0: 2, x0: -1, w1: -3, x1: -2, w2: -3}
E1 = sp.exp(-1)
SIG1 = 1 / (1 + E1)                       # σ(1)
DSIG1 = E1 / (1 + E1) ** 2                # σ'(1) = σ(1)(1 - σ(1))
NEURON = Exercise(
    key="sigmoid-neuron", source=SRC, title="the sigmoid neuron σ(w0 x0 + w1 x1 + w2)",
    question=r"At $w_0 = 2$, $x_0 = -1$, $w_1 = -3$, $x_1 = -2$, $w_2 = -3$, find $f$ and "
             r"its gradient, exactly.",
    answer=r"The dot product is $2(-1) + (-3)(-2) - 3 = 1$, so "
           r"$f = \sigma(1) = 1/(1 + e^{-1}) \approx 0.7311$. The whole sigmoid is one gate "
           r"with local gradient "
           r"$\sigma'(1) = \sigma(1)(1 - \sigma(1)) = e^{-1}/(1 + e^{-1})^2 \approx 0.1966$; "
           r"the multiply gates then give "
           r"$\partial f/\partial w_0 = x_0 \sigma'(1) = -\sigma'(1)$, "
           r"$\partial f/\partial x_0 = w_0 \sigma'(1) = 2\sigma'(1)$, "
           r"$\partial f/\partial w_1 = x_1 \sigma'(1) = -2\sigma'(1)$, "
           r"$\partial f/\partial x_1 = w_1 \sigma'(1) = -3\sigma'(1)$ and "
           r"$\partial f/\partial w_2 = \sigma'(1)$.",
    claims=(
        Claim("notes-bp-neuron-dot", Eq(at(DOT, P5), 1), source=SRC,
              title="w0 x0 + w1 x1 + w2 = 1"),
        Claim("notes-bp-neuron-value", Eq(at(F5, P5), SIG1), source=SRC,
              title="f = σ(1) = 1/(1 + e^{-1})"),
        Claim("notes-bp-neuron-gradient",
              _grads(F5, P5, {w0: -DSIG1, x0: 2 * DSIG1, w1: -2 * DSIG1, x1: -3 * DSIG1,
                              w2: DSIG1}),
              source=SRC, title="the gradient in terms of e"),
    ),
    figures=("graph:1/(1+exp(-(w0*x0+w1*x1+w2)))@w0=2,x0=-1,w1=-3,x1=-2,w2=-3",),
    code=(code.sigmoid_neuron_backward,),
)

EXERCISES = (SIMPLE, SQUARE, MAX, NEURON)
