"""Graph drawings: the numbers on the edges agree with sympy.diff of the whole expression."""

import pytest
import sympy as sp

from render.graph_drawing import NOTES_GRAPHS, notes_graph, number, to_tikz

NAMES = ("graph-sum-times", "graph-squared-sum", "graph-max", "graph-sigmoid-neuron")


@pytest.mark.parametrize("name", NAMES)
def test_gradients_match_diff_of_whole_expression(name):
    g = notes_graph(name)
    inputs = [gate for gate in g.gates if not gate.inputs]
    at = {sp.Symbol(i.key, real=True): i.value for i in inputs}
    assert sp.simplify(g.expr.subs(at) - g.output.value) == 0
    for i in inputs:
        d = sp.diff(g.expr, sp.Symbol(i.key, real=True)).subs(at)
        assert sp.simplify(d.rewrite(sp.Piecewise) - i.grad) == 0, (name, i.key)
    assert set(NOTES_GRAPHS) == set(NAMES)


def test_notes_values_and_max_convention():
    g = notes_graph("graph-max")
    assert [number(g.gate(k).grad) for k in "xyzw"] == ["2", "2", "2", "0"]
    assert number(notes_graph("graph-squared-sum").gate("D").grad) == "36"
    s = notes_graph("graph-sigmoid-neuron")
    assert s.gate("x0").grad == sp.simplify(2 * sp.exp(-1) / (1 + sp.exp(-1)) ** 2)


def test_tikz_draws_every_edge():
    g = notes_graph("graph-sigmoid-neuron")
    tikz = to_tikz(g)
    assert tikz.count(r"\draw[->]") == sum(len(gate.inputs) for gate in g.gates) + 1
