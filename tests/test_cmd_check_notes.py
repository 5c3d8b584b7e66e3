"""`qedsheet check notes.md` / `notes.tex`: the relations of Markdown and LaTeX notes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

GOOD_MD = r"""# Sigmoid

Let $f(x) = \log(1 + e^{x})$.

$$f'(x) = \frac{1}{1 + e^{-x}}$$

For $\lambda > 0$: $$e^{\lambda} > 1 = e^0$$
"""
MIXED_MD = r"""# Notes

$$(a + b)^2 = a^2 + 2ab + b^2$$

$$\log(x^2) = 2\log x$$

$$\max_i x_i \le \log n$$

$$a(b + c) = ab$$
"""
GOOD_TEX = r"""\documentclass{article}
\begin{document}
\section{Squares}
\begin{align}
(x+1)^2 &= x^2 + 2x + 1 \\
&\ge 2x
\end{align}
\end{document}
"""
CLAIMS_PY = """
import sympy as sp
from proofs import Claim

x = sp.Symbol("x", real=True)
exp_ge = Claim("exp-ge-1-plus-x", sp.exp(x) >= 1 + x)
"""


@pytest.fixture
def notes(tmp_path):
    (tmp_path / "good.md").write_text(GOOD_MD)
    (tmp_path / "mixed.md").write_text(MIXED_MD)
    (tmp_path / "good.tex").write_text(GOOD_TEX)
    (tmp_path / "claims.py").write_text(CLAIMS_PY)
    return tmp_path


def check(cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qedsheet", "check", "--jobs", "1", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_a_note_whose_relations_are_all_proved_exits_0(notes):
    out = check(notes, "good.md")
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    # the definition of f is no claim; the chain gives one line per link, on its line
    assert [ln.split(":")[0] for ln in lines[:3]] == [
        "ok   good.md-L5", "ok   good.md-L7", "ok   good.md-L7.2"]
    assert lines[0].endswith("-- good.md:5: f'(x) = \\frac{1}{1 + e^{-x}}")
    assert " proved " in lines[1] and lines[1].endswith("-- good.md:7: e^{\\lambda} > 1")
    assert lines[-1] == "3 claims: 3 proved, 0 refuted, 0 undecided; 3 as expected, 0 not"


def test_refuted_and_undecided_relations_exit_1_and_say_why(notes):
    out = check(notes, "mixed.md", "--json")
    assert out.returncode == 1, out.stderr
    records = {r["name"]: r for r in json.loads(out.stdout)}
    assert list(records) == ["mixed.md-L3", "mixed.md-L5", "mixed.md-L7", "mixed.md-L9"]
    assert records["mixed.md-L3"]["status"] == "proved" and records["mixed.md-L3"]["ok"]
    wrong = records["mixed.md-L5"]
    assert wrong["status"] == "refuted" and wrong["counterexample"]
    assert wrong["source"] == "mixed.md:5" and wrong["latex"] == "\\log(x^2) = 2\\log x"
    unread = records["mixed.md-L7"]
    assert unread["status"] == "undecided" and "maximum of n numbers" in unread["reason"]
    # false as read, but only under a guessed reading: never a refutation
    guess = records["mixed.md-L9"]
    assert guess["status"] == "undecided" and guess["counterexample"] is None
    assert "a(...) read as a times (...)" in guess["reason"]


def test_latex_notes_rows_and_python_claims_together(notes):
    out = check(notes, "good.tex", "claims.py", "--only", "good.tex-*", "--only", "exp-*")
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    # the claims of Python files first, then the relations of the notes
    assert [ln.split(":")[0] for ln in lines[:3]] == [
        "ok   exp-ge-1-plus-x", "ok   good.tex-L5", "ok   good.tex-L6"]
    assert lines[2].endswith("-- good.tex:6: x^2 + 2x + 1 \\ge 2x")


@pytest.mark.parametrize("name, content, message", [
    ("missing.md", None, "missing.md: no such file"),
    ("empty.md", "  \n", "empty.md is empty"),
    ("bin.tex", b"$x$\0\1", "bin.tex is a binary file"),
    ("prose.md", "Only $5 and $10 here.\n\nLet $f(x) = x^2$.\n", "prose.md: no relation "
     "to check"),
])
def test_bad_notes_are_one_line_and_exit_2(tmp_path, name, content, message):
    if isinstance(content, bytes):
        (tmp_path / name).write_bytes(content)
    elif content is not None:
        (tmp_path / name).write_text(content)
    out = check(tmp_path, name)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith(f"qedsheet: error: {message}")
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
