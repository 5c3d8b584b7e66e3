"""`qedsheet backprop`: the four worked graphs via --json, the table, and bad inputs."""

import json
import math
import subprocess
import sys

import pytest

from qedsheet.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "qedsheet", "backprop", *args],
                          capture_output=True, text=True, timeout=60)


def run_json(expr, at):
    p = run(expr, "--at", at, "--json")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


S1 = 1 / (1 + math.exp(-1))
DS1 = S1 * (1 - S1)


@pytest.mark.parametrize("expr,at,value,grads", [
    ("(x+y)*z", "x=-2,y=5,z=-4", -12, {"x": -4, "y": -4, "z": 3}),
    ("(C+D)*(X+Y)^2", "C=3,D=-5,X=2,Y=4", -72, {"C": 36, "D": 36, "X": -24, "Y": -24}),
    ("2*(x+y+max(z,w))", "x=3,y=-4,z=2,w=-1", 2, {"x": 2, "y": 2, "z": 2, "w": 0}),
    ("2*(x*y+max(z,w))", "x=3,y=-4,z=2,w=-1", -20, {"x": -8, "y": 6, "z": 2, "w": 0}),
    ("1/(1+exp(-(w0*x0+w1*x1+w2)))", "w0=2,x0=-1,w1=-3,x1=-2,w2=-3", S1,
     {"w0": -DS1, "x0": 2 * DS1, "w1": -2 * DS1, "x1": -3 * DS1, "w2": DS1}),
    (r"\frac{1}{1+e^{-(w_0x_0+w_1x_1+w_2)}}", "w_0=2,x_0=-1,w_1=-3,x_1=-2,w_2=-3", S1,
     {"w0": -DS1, "x0": 2 * DS1, "w1": -2 * DS1, "x1": -3 * DS1, "w2": DS1}),
])
def test_worked_examples_json(expr, at, value, grads):
    out = run_json(expr, at)
    assert abs(out["value"] - value) < 1e-12
    assert set(out["gradients"]) == set(grads)
    for k, v in grads.items():
        assert abs(out["gradients"][k] - v) < 1e-12, k
    assert out["check"]["ok"] and out["exact"]
    assert all(s == "exact" for s in out["check"]["inputs"].values())
    assert {"op", "inputs", "value", "grad", "local"} <= set(out["nodes"][0])


def test_sigmoid_exact_values_in_terms_of_e():
    out = run_json("sigma(w0*x0+w1*x1+w2)", "w0=2,x0=-1,w1=-3,x1=-2,w2=-3")
    assert out["value_exact"] == "E/(1 + E)"
    assert out["gradients_exact"]["w2"] == "E/(1 + E)**2"


def test_table_in_process(capsys):
    assert main(["backprop", "2*(x*y+max(z,w))", "--at", "x=3,y=-4,z=2,w=-1"]) == 0
    text = capsys.readouterr().out
    assert "d f/d x = -8" in text and "d f/d w = 0" in text and "max" in text
    assert "4 of 4 gradients agree with sympy.diff" in text


def test_tie_is_reported(capsys):
    assert main(["backprop", "max(z,w)", "--at", "z=1,w=1"]) == 0
    text = capsys.readouterr().out
    assert "d f/d z = 1/2" in text and "tie convention" in text


@pytest.mark.parametrize("expr,at,msg", [
    ("__import__('os').system('id')", "x=1", "unknown function '__import__'"),
    ("x+", "x=1", "ends too early"),
    ("foo(x)", "x=1", "unknown function 'foo'"),
    ("x*y", "x=1", "no value given for y"),
    ("x", "x=1,y=2", "'y' is not a variable"),
    ("x", "x=abc", "is not a number"),
    ("x", "x=nan", "is not a number"),
    ("x", "x=1e999", "not a finite"),
    ("1/(x-y)", "x=1,y=1", "division by zero"),
    ("log(x)", "x=0", "non-positive"),
    ("x", "x", "name=number"),
])
def test_bad_inputs_exit_2_with_one_line(expr, at, msg):
    p = run(expr, "--at", at)
    assert p.returncode == 2
    assert p.stdout == ""
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and msg in lines[0], p.stderr
    assert "Traceback" not in p.stderr


@pytest.mark.parametrize("expr,at,value,grads", [
    ("-----x", "x=3", -3, {"x": -1}),
    ("-x*y", "x=3,y=2", -6, {"x": -2, "y": -3}),
    ("-(x+y)", "x=3,y=2", -5, {"x": -1, "y": -1}),
])
def test_expression_starting_with_minus_is_not_an_option(expr, at, value, grads):
    out = run_json(expr, at)
    assert out["value"] == value
    assert out["gradients"] == grads


def test_options_still_read_after_a_dash_expression():
    p = run("-x", "--at=x=2", "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["value"] == -2


def test_a_decimal_below_float64_stays_exact():
    out = run_json("x*y", "x=1e-400,y=0.5")
    assert out["exact"] is True
    assert out["value_exact"] == "1/" + "2" + "0" * 400
    assert out["gradients_exact"]["y"] == "1/1" + "0" * 400


def test_ordinary_decimals_still_make_a_float_pass():
    out = run_json("x*y", "x=0.25,y=2")
    assert out["exact"] is False and out["value"] == 0.5
