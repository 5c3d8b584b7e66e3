"""Graph drawings: `graph:EXPR@point` names drawn from proofs.graph, numbers checked by diff."""

import pytest
import sympy as sp

from proofs.parsing import parse
from render.graph_drawing import drawing, layout, number, parse_spec, point_tex, to_tikz

NOTES = ("graph:(x+y)*z@x=-2,y=5,z=-4", "graph:(C+D)*(X+Y)^2@C=3,D=-5,X=2,Y=4",
         "graph:2*(x+y+max(z,w))@x=3,y=-4,z=2,w=-1",
         "graph:1/(1+exp(-(w0*x0+w1*x1+w2)))@w0=2,x0=-1,w1=-3,x1=-2,w2=-3")


@pytest.mark.parametrize("name", NOTES)
def test_drawn_numbers_are_diff_of_the_whole_expression(name):
    g = drawing(name)
    expr_text, _, point_text = name[len("graph:"):].rpartition("@")
    f = parse(expr_text).doit()
    at = {}
    for item in point_text.split(","):
        k, v = item.split("=")
        at[sp.Symbol(k, real=True)] = sp.Integer(v)
    assert sp.simplify(f.subs(at) - g.output.value) == 0
    for s in at:
        d = sp.diff(f, s).subs(at)
        assert sp.simplify(d - g.variable(s.name).grad) == 0, (name, s)
    assert g.output.grad == 1


def test_slide_numbers_and_the_engine_is_the_source():
    g = drawing(NOTES[2])
    assert [number(g.variable(k).grad) for k in "xyzw"] == ["2", "2", "2", "0"]
    assert number(drawing(NOTES[1]).variable("D").grad) == "36"
    s = drawing(NOTES[3])
    assert number(s.output.value) == "0.73" and number(s.variable("x0").grad) == "0.39"
    assert s.result.check.ok            # proofs.graph checked every input against diff
    assert [n.op for n in s.result.nodes][-1] == "inv"


def test_tikz_draws_every_edge_and_constants_have_no_gradient():
    g = drawing(NOTES[3])
    tikz = to_tikz(g)
    assert tikz.count(r"\draw[->]") == sum(len(gate.inputs) for gate in g.gates) + 1
    consts = [gate for gate in g.gates if gate.op == "const"]
    assert consts and all(gate.grad is None for gate in consts)
    assert tikz.count("node[grad") == tikz.count(r"\draw[->]") - len(consts)
    xs = [x for x, _ in layout(g).values()]
    assert min(xs) >= -0.6


@pytest.mark.parametrize("bad", ["graph:(x+y)*z", "graph:x+@x=1", "graph:x*y@x=1",
                                 "graph:log(x)@x=-1", "graph:x@x=y", "sum-times"])
def test_bad_graph_names_are_one_line_value_errors(bad):
    with pytest.raises(ValueError) as exc:
        drawing(bad)
    assert "\n" not in str(exc.value)


def test_point_is_shown_as_latex():
    assert parse_spec(NOTES[0])[1] == {"x": -2, "y": 5, "z": -4}
    assert point_tex(NOTES[3]).startswith(r"w_{0} = 2,\ x_{0} = -1")
