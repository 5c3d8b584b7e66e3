"""proofs.serial: sympy objects to JSON and back exactly as built, never eval-ed."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from derivations import catalog
from proofs import Claim, prove, serial
from proofs.verdict import verdict_data, verdict_from_data

x = sp.Symbol("x", real=True)
d = sp.Dummy("delta", nonnegative=True)
o = sp.IndexedBase("o", real=True)
n = sp.Symbol("n", integer=True, positive=True)
k = sp.Symbol("k", integer=True)


@pytest.mark.parametrize("expr", [
    sp.Add(-950, 225, evaluate=False),
    sp.Eq(2, 2, evaluate=False),
    sp.Gt(sp.exp(x), 1 + x, evaluate=False),
    sp.Mul(2, sp.Rational(1, 2), evaluate=False) + d,
    sp.Sum(sp.exp(o[k]), (k, 1, n)),
    sp.Max(x, 0) + sp.Float("0.1", 30),
    sp.Matrix([[1, x], [x, sp.pi]]).as_immutable(),
    sp.Derivative(sp.log(1 + sp.exp(x)), x),
    sp.Limit(sp.sin(x) / x, x, 0),
    sp.Float(0.0),  # Float._new of a zero gives the Integer 0
    sp.Tuple(sp.Float(0.0, 30), sp.Float(-1.5), sp.nan),
])
def test_round_trip_keeps_the_very_structure(expr) -> None:
    back = serial.loads(serial.dumps(expr))
    assert type(back) is type(expr) and sp.srepr(back) == sp.srepr(expr)


@pytest.mark.parametrize("matrix", [sp.Matrix([[1, x], [0, 2]]),
                                    sp.ImmutableMatrix([[sp.Add(1, 1, evaluate=False)]])])
def test_matrices_keep_their_kind_and_entries(matrix) -> None:
    back = serial.loads(serial.dumps(matrix))
    assert type(back) is type(matrix)
    assert [sp.srepr(a) for a in back] == [sp.srepr(a) for a in matrix]


def test_every_catalog_statement_travels() -> None:
    for c in catalog():
        back = serial.decode(json.loads(json.dumps(serial.encode(c.statement))))
        assert sp.srepr(back) == sp.srepr(c.statement), c.name


def test_a_users_function_class_does_not_travel() -> None:
    class Mine(sp.Function):
        pass

    with pytest.raises(serial.NotSerializable):
        serial.encode(Mine(x) + 1)


def test_nothing_is_evaluated_as_code() -> None:
    evil = ["B", "__import__('os').system('echo hacked')", []]
    with pytest.raises(serial.NotSerializable):
        serial.decode(evil)
    with pytest.raises(serial.NotSerializable):
        serial.decode(["B", "Float64Computation", []])


def test_verdict_round_trip_keeps_steps_unevaluated() -> None:
    c = Claim("shift", sp.Eq(sp.log(sp.exp(x + 3)), x + 3, evaluate=False))
    v = prove(c, budget=10)
    back = verdict_from_data(c, json.loads(json.dumps(verdict_data(v))))
    assert back.status == v.status and back.method == v.method and back.scope == v.scope
    assert [sp.srepr(s.lhs) for s in back.steps] == [sp.srepr(s.lhs) for s in v.steps]
    assert [sp.srepr(s.rhs) for s in back.steps] == [sp.srepr(s.rhs) for s in v.steps]
