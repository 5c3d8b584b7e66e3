"""The pytest plugin, run as a subprocess on a new user's project in a temporary folder."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

NOTES = """
import sympy as sp
from proofs import Claim

x = sp.Symbol("x", real=True)
exp_ge = Claim("exp-ge-1-plus-x", sp.exp(x) >= 1 + x)
exp_gt = Claim("exp-gt-1-plus-x", sp.exp(x) > 1 + x)
square_pos = Claim("square-positive-wrong", x**2 > 0, expect="refuted")
"""
TEST_NOTES = """
import sympy as sp
from proofs import Claim, Lt
from proofs.testing import assert_proved

from notes import exp_ge, exp_gt, square_pos, x

same_again = exp_ge                                   # collected once
_helper = Claim("private-not-collected", Lt(x**2, 0))    # underscore: data, not a test


class TestHolder:
    held = Claim("held-by-a-class", Lt(x**2, 0))          # only module-level claims are tests

    def test_ordinary(self):
        assert_proved(exp_ge, budget=10)


def test_assert_proved_message():
    assert_proved(Claim("cosh-gt-1", sp.cosh(x) > 1), budget=10)
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "notes.py").write_text(textwrap.dedent(NOTES))
    (tmp_path / "test_notes.py").write_text(textwrap.dedent(TEST_NOTES))
    return tmp_path


def run_pytest(cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v",
                           "-W", "error::pytest.PytestAssertRewriteWarning", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_claims_become_items_named_by_the_claim(project):
    out = run_pytest(project)
    text = out.stdout
    assert out.returncode == 1, text + out.stderr
    assert "test_notes.py::exp-ge-1-plus-x PASSED" in text
    assert "test_notes.py::exp-gt-1-plus-x FAILED" in text
    assert "test_notes.py::square-positive-wrong PASSED" in text
    assert "test_notes.py::TestHolder::test_ordinary PASSED" in text
    assert "test_notes.py::test_assert_proved_message FAILED" in text
    assert "private-not-collected" not in text and "held-by-a-class" not in text
    assert text.count("exp-ge-1-plus-x PASSED") == 1
    assert "2 failed, 3 passed" in text


def test_a_failure_shows_verdict_reason_and_counterexample(project):
    text = run_pytest(project, "-k", "exp and gt").stdout
    assert "claim exp-gt-1-plus-x: refuted, expected proved\n" in text
    assert "  reason: false at a point that meets every assumption" in text
    assert "  counterexample:\n    x = 0\n" in text
    assert "Traceback" not in text
    # the same message from proofs.testing inside an ordinary test
    text = run_pytest(project, "-k", "test_assert_proved_message").stdout
    assert "claim cosh-gt-1: refuted, expected proved" in text
    assert "    x = 0" in text


def test_a_notes_module_that_fails_to_import_is_a_collection_error(project):
    (project / "notes.py").write_text("import sympy as sp\nvalue = undefined_name + 1\n")
    out = run_pytest(project)
    assert out.returncode == 2
    assert "ERROR collecting test_notes.py" in out.stdout
    assert "NameError: name 'undefined_name' is not defined" in out.stdout


def test_a_missing_test_file_is_reported(project):
    out = run_pytest(project, "test_missing.py")
    assert out.returncode == 4
    assert "file or directory not found: test_missing.py" in out.stderr


def test_the_plugin_can_be_switched_off(project):
    off = run_pytest(project, "-p", "no:qedsheet", "-k", "not assert_proved")
    assert off.returncode == 0, off.stdout
    assert "exp-ge-1-plus-x" not in off.stdout and "1 passed" in off.stdout
    (project / "pytest.ini").write_text("[pytest]\nqedsheet_collect = false\n")
    ini = run_pytest(project, "-k", "not assert_proved")
    assert ini.returncode == 0 and "exp-gt-1-plus-x" not in ini.stdout


def test_budget_option_reaches_the_prover(project):
    slow = """
import sympy as sp
from proofs import Claim
a, b = sp.symbols("a b", real=True)
lse = Claim("lse-gt-max", sp.log(sp.exp(a) + sp.exp(b)) > sp.Max(a, b))
"""
    (project / "test_slow.py").write_text(textwrap.dedent(slow))
    out = run_pytest(project, "test_slow.py", "--qedsheet-budget", "0.001")
    assert out.returncode == 1
    assert "claim lse-gt-max: undecided, expected proved" in out.stdout
    assert "budget" in out.stdout


def test_distinct_claims_sharing_a_name_are_each_run(project):
    namesakes = """
import sympy as sp
from proofs import Claim

x = sp.Symbol("x", real=True)
a = Claim("same", sp.exp(x) >= 1 + x)
b = Claim("same", sp.exp(x) > 1 + x)                  # false: refuted at x = 0
a_again = a                                           # the same object: one item
single = Claim("single", sp.cosh(x) >= 1)
"""
    (project / "test_namesakes.py").write_text(textwrap.dedent(namesakes))
    out = run_pytest(project, "test_namesakes.py")
    text = out.stdout
    assert out.returncode == 1, text + out.stderr
    assert "test_namesakes.py::same[a] PASSED" in text
    assert "test_namesakes.py::same[b] FAILED" in text
    assert "test_namesakes.py::single PASSED" in text
    assert "a_again" not in text and text.count("same[a] PASSED") == 1
    assert "claim same: refuted, expected proved" in text
    assert "1 failed, 2 passed" in text
