"""`qedsheet check` on a user's own project: files, modules, exit codes, --jobs, --only."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap

import pytest
import sympy as sp

from proofs import Claim, Ge, Step, Verdict
from qedsheet.cli import main
from qedsheet.commands.check import check_claims

NOTES = """
import sympy as sp
from proofs import Claim

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", positive=True)
exp_ge = Claim("exp-ge-1-plus-x", sp.exp(x) >= 1 + x, source="my/notes")
exp_gt = Claim("exp-gt-1-plus-x", sp.exp(x) > 1 + x)
square_pos = Claim("square-positive-wrong", x**2 > 0, expect="refuted")
log_prod = Claim("log-of-square", sp.Eq(sp.log(y**2), 2 * sp.log(y), evaluate=False))
"""
GOOD = """
import sympy as sp
from proofs import Claim

y = sp.Symbol("y", positive=True)
log_prod = Claim("log-of-square", sp.Eq(sp.log(y**2), 2 * sp.log(y), evaluate=False))
recip = Claim("y-plus-recip-ge-2", y + 1 / y >= 2)
"""


@pytest.fixture
def project(tmp_path):
    """A new user's project: notes.py with claims, good.py all true, broken.py, a package."""
    (tmp_path / "notes.py").write_text(textwrap.dedent(NOTES))
    (tmp_path / "good.py").write_text(textwrap.dedent(GOOD))
    (tmp_path / "broken.py").write_text("import sympy as sp\nvalue = undefined_name + 1\n")
    pkg = tmp_path / "mypkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "notes.py").write_text(textwrap.dedent(GOOD))
    return tmp_path


def qedsheet(cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qedsheet", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_all_true_claims_of_a_file_exit_0(project):
    out = qedsheet(project, "check", "good.py", "--jobs", "1")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[0].startswith("ok   log-of-square: proved")
    assert out.stdout.splitlines()[1].startswith("ok   y-plus-recip-ge-2: proved")
    assert "2 claims: 2 proved" in out.stdout
    assert out.stderr == ""  # no progress when piped


def test_a_failing_claim_exits_1_with_its_counterexample(project):
    out = qedsheet(project, "check", "notes.py", "--jobs", "1")
    assert out.returncode == 1, out.stderr
    lines = out.stdout.splitlines()
    assert [ln.split(":")[0] for ln in lines[:4]] == [
        "ok   exp-ge-1-plus-x", "FAIL exp-gt-1-plus-x", "ok   square-positive-wrong",
        "ok   log-of-square"]
    assert "refuted (expected proved)" in lines[1] and "counterexample x = 0" in lines[1]
    assert "counterexample x = 0" in lines[2]
    assert "; 3 as expected, 1 not" in lines[-1]  # "; N from the proof cache" may follow


def test_json_and_only(project):
    out = qedsheet(project, "check", "notes.py", "--json", "--only", "exp-*", "--jobs", "1")
    assert out.returncode == 1
    records = json.loads(out.stdout)
    assert [r["name"] for r in records] == ["exp-ge-1-plus-x", "exp-gt-1-plus-x"]
    assert records[0]["source"] == "my/notes" and records[0]["ok"] is True
    assert records[1]["status"] == "refuted" and records[1]["counterexample"] == {"x": "0"}
    only_good = qedsheet(project, "check", "notes.py", "--only", "exp-ge*", "--only", "log-*")
    assert only_good.returncode == 0, only_good.stdout
    assert "2 claims: 2 proved" in only_good.stdout


def test_a_module_name_is_imported_from_the_working_directory(project):
    out = qedsheet(project, "check", "mypkg.notes", "--jobs", "1")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 claims: 2 proved" in out.stdout


@pytest.mark.parametrize("args, message", [
    (("broken.py",), "qedsheet: error: cannot import broken.py: NameError: name "
                     "'undefined_name' is not defined (broken.py, line 2)"),
    (("missing.py",), "qedsheet: error: no such file: missing.py"),
    (("mypkg.missing",), "qedsheet: error: no such file or module: mypkg.missing"),
    (("notes.py", "--only", "nothing-*"), "qedsheet: error: no claim matches --only nothing-*"),
    (("notes.py", "--jobs", "0"), "qedsheet: error: --jobs must be at least 1, got 0"),
])
def test_bad_input_is_one_line_and_exit_2(project, args, message):
    out = qedsheet(project, "check", *args)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith(message) and out.stderr.count("\n") == 1
    assert "Traceback" not in out.stderr


def _essence(records: list[dict]) -> list[tuple]:
    return [(r["name"], r["status"], r["ok"], r["method"], r["reason"], r["counterexample"])
            for r in records]


def test_jobs_2_gives_the_verdicts_of_jobs_1_in_the_same_order(project):
    one = qedsheet(project, "check", "notes.py", "good.py", "--json", "--jobs", "1")
    two = qedsheet(project, "check", "notes.py", "good.py", "--json", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    first, second = json.loads(one.stdout), json.loads(two.stdout)
    assert len(first) == 6
    assert _essence(first) == _essence(second)


def test_check_claims_in_processes_keeps_order_and_claim_objects():
    x = sp.Symbol("x", real=True)
    claims = (Claim("sq-ge-0", Ge(x**2, 0)), Claim("exp-gt", sp.exp(x) > 1 + x),
              Claim("cosh-ge-1", sp.cosh(x) >= 1), Claim("abs-ge", sp.Abs(x) >= x))
    serial = check_claims(claims, budget=10, jobs=1)
    parallel = check_claims(claims, budget=10, jobs=2)
    assert [v.claim for v in parallel] == list(claims)
    assert all(p.claim is c for p, c in zip(parallel, claims, strict=True))
    assert [(v.status, v.method, v.reason, v.counterexample) for v in serial] == \
        [(v.status, v.method, v.reason, v.counterexample) for v in parallel]
    assert [v.status for v in serial][1] == "refuted"


def test_claims_and_verdicts_pickle_with_dummy_symbols():
    x = sp.Symbol("x", real=True)
    t = sp.Dummy("t", positive=True)
    claim = Claim("dummy-pos", t + x**2 > x, given=(x > -1,), hints=(t,))
    verdict = Verdict(claim, "proved", method="m", steps=(Step(t + x**2, ">", t, "why"),),
                      counterexample={t: sp.Rational(1, 3)})
    back = pickle.loads(pickle.dumps(verdict))
    assert back == verdict and back.claim == claim and back.claim.hints == (t,)
    assert back.steps[0].rhs == t and back.counterexample == {t: sp.Rational(1, 3)}


def test_catalog_check_runs_without_targets(monkeypatch, capsys):
    x = sp.Symbol("x", real=True)
    mine = (Claim("mine-sq", Ge(x**2, 0)), Claim("mine-cube", x**3 >= 0))
    monkeypatch.setattr("derivations.catalog", lambda: mine)
    assert main(["check", "--jobs", "1", "--only", "mine-sq"]) == 0
    assert "1 claims: 1 proved" in capsys.readouterr().out
    assert main(["check", "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "FAIL mine-cube: refuted (expected proved)" in out
