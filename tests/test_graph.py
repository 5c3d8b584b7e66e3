"""The computational-graph engine: per-node values and gradients, forks, max ties, checks."""

import math

import pytest
import sympy as sp

from proofs.graph import Graph, GraphError, backprop
from proofs.parsing import parse

x, y, z, w = sp.symbols("x y z w", real=True)
w0, x0, w1, x1, w2 = sp.symbols("w0 x0 w1 x1 w2", real=True)


def _f(v):
    return float(sp.N(v, 30)) if isinstance(v, sp.Basic) else float(v)


def test_sigmoid_neuron_every_gate():
    """Forward value and upstream gradient of every gate, computed by hand with math."""
    f = parse("1/(1+exp(-(w0*x0+w1*x1+w2)))")  # unevaluated: the notes' gates
    pt = {w0: 2, x0: -1, w1: -3, x1: -2, w2: -3}
    r = backprop(f, {str(k): v for k, v in pt.items()})
    # independent forward pass
    a, b = 2 * -1, -3 * -2
    dot = a + b - 3
    e = math.exp(-dot)
    d = 1 + e
    out = 1 / d
    # independent backward pass (CS231n style)
    g_d = -1 / d ** 2
    g_e = g_d * 1
    g_negdot = g_e * e          # exp gate: local gradient is its output
    g_dot = -g_negdot           # the *-1 gate
    expected = {
        "w0": (2, g_dot * -1), "x0": (-1, g_dot * 2), "w1": (-3, g_dot * -2),
        "x1": (-2, g_dot * -3), "w2": (-3, g_dot),
        "w0*x0": (a, g_dot), "w1*x1": (b, g_dot), "w0*x0 + w1*x1 + w2": (dot, g_dot),
        "-(w0*x0 + w1*x1 + w2)": (-dot, g_negdot),
        "exp(-(w0*x0 + w1*x1 + w2))": (e, g_e), "1 + exp(-(w0*x0 + w1*x1 + w2))": (d, g_d),
        "1/(1 + exp(-(w0*x0 + w1*x1 + w2)))": (out, 1.0),
    }
    seen = set()
    for n in r.nodes:
        if n.op == "const":
            continue
        key = sp.sstr(n.expr)
        assert key in expected, key
        val, grad = expected[key]
        assert abs(_f(n.value) - val) < 1e-12, key
        assert abs(_f(n.grad) - grad) < 1e-12, key
        seen.add(key)
    assert seen == set(expected)
    assert abs(_f(r.value) - 0.7310585786300049) < 1e-12
    assert r.exact and r.check.ok
    assert all(c.status == "exact" for c in r.check.inputs)
    # exact values in terms of e
    s1 = 1 / (1 + sp.exp(-1))
    assert sp.simplify(r.value - s1) == 0
    grads = {k.name: v for k, v in r.gradients.items()}
    assert sp.simplify(grads["x0"] - 2 * s1 * (1 - s1)) == 0
    ops = sorted(n.op for n in r.nodes if n.op not in ("var", "const"))
    assert ops == ["add", "add", "exp", "inv", "mul", "mul", "mul"]


def test_local_gradients_sit_next_to_the_gate():
    r = backprop(x * y, {x: 3, y: -4})
    mul = [n for n in r.nodes if n.op == "mul"][0]
    assert mul.local == (-4, 3)


def test_fork_adds_gradients():
    r = backprop(x * y + x, {x: 3, y: -4})
    assert [n.op for n in r.nodes].count("var") == 2
    assert r.gradients[x] == -4 + 1
    xnode = [n for n in r.nodes if n.expr == x][0]
    consumers = [n for n in r.nodes if xnode.id in n.inputs]
    assert len(consumers) == 2
    r2 = backprop(x * x, {x: 5})
    assert r2.gradients[x] == 10


def test_shared_subexpression_is_one_node():
    e = x * y + sp.exp(x * y)
    g = Graph.build(e)
    assert sum(1 for n in g.nodes if n.expr == x * y) == 1
    r = g.run({x: 1, y: 2})
    assert sp.simplify(r.gradients[x] - (2 + 2 * sp.exp(2))) == 0


def test_max_routes_to_larger_input():
    r = backprop(2 * (x + y + sp.Max(z, w)), {x: 3, y: -4, z: 2, w: -1})
    assert (r.value, r.gradients[z], r.gradients[w]) == (2, 2, 0)
    r = backprop(sp.Min(z, w), {z: 2, w: -1})
    assert (r.gradients[z], r.gradients[w]) == (0, 1)


def test_max_tie_splits_equally():
    r = backprop(2 * (x + y + sp.Max(z, w)), {x: 3, y: -4, z: 2, w: 2})
    assert r.gradients[z] == 1 and r.gradients[w] == 1  # 2 * 1/2 each
    status = {c.name: c.status for c in r.check.inputs}
    assert status == {"x": "exact", "y": "exact", "z": "kink", "w": "kink"}
    assert r.check.ok and "kink" in r.check.summary()
    r3 = backprop(sp.Max(x, y, z), {x: 1, y: 1, z: 1})
    assert all(v == sp.Rational(1, 3) for v in r3.gradients.values())
    rf = backprop(sp.Max(z, w), {z: 0.5, w: 0.5})
    assert rf.gradients[z] == 0.5 and rf.gradients[w] == 0.5


OTHERS = [
    (x * y + sp.Max(z, w) * x, {x: 2, y: -3, z: 5, w: 1}),
    (sp.log(1 + sp.exp(x)) - x * y, {x: 1, y: 2}),
    ((x - y) ** 3 / (1 + z ** 2), {x: 1, y: -2, z: 3}),
    (sp.tanh(w0 * x0 + w1) * x0, {w0: sp.Rational(1, 2), x0: 3, w1: -1}),
    (sp.sqrt(x ** 2 + y ** 2) + sp.Abs(x - 3 * y), {x: 3, y: 4}),
    (x ** y + sp.sin(x) * sp.cos(y), {x: 2, y: 3}),
    (sp.Min(x, y) * sp.exp(-z) + 1 / x, {x: 0.7, y: 1.3, z: -0.2}),
    (1 / (1 + sp.exp(-(w0 * x0 + w1 * x1 + w2))), {w0: 0.3, x0: -1.5, w1: 2.0, x1: 0.25,
                                                   w2: 0.1}),
]


@pytest.mark.parametrize("expr,pt", OTHERS)
def test_gradients_agree_with_sympy_diff(expr, pt):
    r = backprop(expr, pt)
    assert r.check.ok
    for v, g in r.gradients.items():
        ref = sp.N(sp.diff(expr, v).subs({k: sp.nsimplify(val) for k, val in pt.items()}), 30)
        assert abs(_f(g) - float(ref)) < 1e-9 * (1 + abs(float(ref))), v
    ref_val = sp.N(expr.subs({k: sp.nsimplify(val) for k, val in pt.items()}), 30)
    assert abs(_f(r.value) - float(ref_val)) < 1e-9 * (1 + abs(float(ref_val)))


def test_float_mode_for_decimal_values():
    r = backprop(x * y, {x: 0.5, y: 2})
    assert not r.exact and isinstance(r.value, float)


@pytest.mark.parametrize("expr,pt,msg", [
    (1 / (x - y), {x: 1, y: 1}, "division by zero"),
    (sp.log(x), {x: -1}, "non-positive"),
    (x / y, {x: 1, y: 0}, "division by zero"),
    (x * y, {x: 1}, "no value given for y"),
    (x, {x: 1, y: 2}, "not a variable"),
    (sp.sqrt(x), {x: 0}, "not finite"),
    (sp.exp(x), {x: 1000.0}, "overflow"),
])
def test_bad_points(expr, pt, msg):
    with pytest.raises(GraphError, match=msg):
        backprop(expr, pt)


def test_unsupported_operation():
    with pytest.raises(GraphError, match="no gate"):
        Graph.build(sp.gamma(x))


def test_huge_exact_powers_are_held_and_checked_quickly() -> None:
    import time

    x = sp.Symbol("x", real=True)
    start = time.monotonic()
    r = backprop(x ** 100000000, {x: 3})
    assert time.monotonic() - start < 5
    assert sp.sstr(r.value) == "3**100000000" and r.check.ok
    assert [c.status for c in r.check.inputs] == ["exact"]


def test_the_reference_gradient_is_taken_at_the_point_given() -> None:
    """nsimplify once moved 0.333...3 (18 digits) to 1/3 before sympy.diff was evaluated."""
    x, y = sp.symbols("x y", real=True)
    near = sp.Rational(333333333333333333, 10 ** 18)
    r = backprop(1 / (x - y), {x: sp.Rational(1, 3), y: near})
    assert r.check.ok and r.gradients[x] == -1 / (sp.Rational(1, 3) - near) ** 2
