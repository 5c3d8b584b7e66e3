"""`qedsheet list` and `qedsheet show` on a catalog made of one sheet defined here."""

from __future__ import annotations

import json
import textwrap

import pytest

from qedsheet.cli import main

SHEET = """
import sympy as sp
from proofs import Claim, Derivation, Exercise, Lt, Sheet

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", positive=True)
SHEET = Sheet("my-sheet", "My sheet", "intro", (
    Exercise("1", "my/notes/ex1", "Exponential", "Is e^x above its tangent?", "Yes.",
             claims=(Claim("exp-ge-tangent", sp.exp(x) >= 1 + x, source="my/notes/ex1"),
                     Claim("exp-gt-tangent", sp.exp(x) > 1 + x, source="my/notes/ex1",
                           expect="refuted")),
             derivations=(Derivation.chain("square-expand", (x + 1)**2,
                                           (x**2 + 2*x + 1, "expand the square"),
                                           (">=", 2*x, "x**2 + 1 >= 0")),)),
    Exercise("2", "my/notes/ex2", "Logs", "log of a square?", "2 log y.",
             claims=(Claim("log-square", sp.Eq(sp.log(y**2), 2*sp.log(y), evaluate=False),
                           given=(y > 1,)),
                     Claim("y-over-two-wrong", Lt(y / 2, y), expect="undecided"))),
))
"""


@pytest.fixture
def my_catalog(tmp_path, monkeypatch):
    """The catalog is exactly the sheet above (module qs_test_sheet in tmp_path)."""
    (tmp_path / "qs_test_sheet.py").write_text(textwrap.dedent(SHEET))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr("derivations.SHEET_MODULES", ("qs_test_sheet",))


def test_list_prints_name_source_and_statement_in_sheet_order(my_catalog, capsys):
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [ln.split()[0] for ln in lines] == ["exp-ge-tangent", "exp-gt-tangent",
                                                "log-square", "y-over-two-wrong"]
    assert lines[0].split()[1] == "my/notes/ex1"
    assert lines[0].endswith("exp(x) >= x + 1")
    assert lines[1].endswith("exp(x) > x + 1  [expect refuted]")
    assert lines[2].endswith("Eq(log(y**2), 2*log(y))  given y > 1")
    assert [ln.split()[1] for ln in lines[2:]] == ["-", "-"]  # claims without a source
    column = len("y-over-two-wrong") + 2  # the longest name, two spaces
    assert all(ln[column - 1] == " " and ln[column] != " " for ln in lines)


def test_list_json_and_only(my_catalog, capsys):
    assert main(["list", "--json", "--only", "exp-*"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in records] == ["exp-ge-tangent", "exp-gt-tangent"]
    assert records[1]["expect"] == "refuted" and records[1]["statement"] == "exp(x) > x + 1"
    assert main(["list", "--json", "--only", "log-*"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["given"] == ["y > 1"]


def test_show_markdown_has_statement_verdict_and_derivation(my_catalog, capsys):
    assert main(["show", "exp-gt-tangent", "--budget", "10"]) == 0
    out = capsys.readouterr().out
    assert "`exp-gt-tangent`" in out and "e^{x} > x + 1" in out
    assert "counterexample $x = 0$" in out
    assert "square-expand" in out and "expand the square" in out
    assert out.index("exp-gt-tangent") < out.index("square-expand")


def test_show_latex(my_catalog, capsys):
    assert main(["show", "log-square", "--format", "tex", "--budget", "10"]) == 0
    out = capsys.readouterr().out
    assert "\\texttt{log-square}" in out and "\\log{\\left(y^{2} \\right)}" in out
    assert "$$" not in out and "square-expand" not in out  # exercise 2 has no derivation


def test_show_exit_1_when_the_verdict_is_not_expected(my_catalog, capsys):
    assert main(["show", "y-over-two-wrong", "--budget", "10"]) == 1
    assert "y-over-two-wrong" in capsys.readouterr().out


def test_show_unknown_name_is_one_line_exit_2(my_catalog, capsys):
    assert main(["show", "exp-ge-tangnet"]) == 2
    err = capsys.readouterr().err
    assert err == ("qedsheet: error: no claim named 'exp-ge-tangnet' in the catalog; "
                   "did you mean exp-ge-tangent, exp-gt-tangent?\n")
