"""A user's own notes in, their own sheets out: build, list, show and check on files
written here (a plain module and one with a SHEET), fragments that paste into a bare
amsmath document, and the displays Jupyter shows."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from render_tools import compile_tex, katex_failures, math_fragments, need

NOTES = '''\
"""My calculus notes: the sigmoid and friends.

Facts I keep needing, checked by qedsheet.
"""
import sympy as sp
from proofs import Claim, Derivation, Eq, Ge

x = sp.Symbol("x", real=True)
s = 1 / (1 + sp.exp(-x))

sigmoid_slope = Claim("sigmoid-slope", Eq(sp.diff(s, x), s * (1 - s)),
                      title="σ' = σ(1 − σ)")
square = Derivation.chain("square-expand", (x + 1)**2,
                          (x**2 + 2*x + 1, "expand the square"),
                          (">=", 2*x, "x^2 + 1 ≥ 0"), title="a lower bound of (x+1)^2")
tangent = Claim("exp-above-tangent", Ge(sp.exp(x), 1 + x), title="e^x ≥ 1 + x")
slip = Claim("exp-strictly-above", sp.exp(x) > 1 + x, expect="refuted",
             title="a common slip: e^x > 1 + x")
hope = Claim("exp-above-square", Ge(sp.exp(x), x**2))  # false, and not known to be
'''

SHEETED = '''\
"""Two exercises in the shape of a solution sheet."""
import math

import sympy as sp
from proofs import Claim, Derivation, Eq, Exercise, Figure, Sheet

y = sp.Symbol("y", positive=True)
b = sp.Symbol("b", real=True)


def halve(v: float) -> float:
    return v / 2


def _draw(fig) -> None:
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [0, 1, 4])


LOG_CHAIN = Derivation.chain("log-chain", sp.log(y**2), (2 * sp.log(y), "log of a power"),
                             title="the log of a square")
SHEET = Sheet("calculus", "Calculus, my way", "Two short exercises.", (
    Exercise("1", "mine/logs", "Logs", "What is log(y^2)?", "Twice log y.",
             claims=(Claim("log-square", Eq(sp.log(y**2), 2 * sp.log(y)), source="mine/logs"),),
             derivations=(LOG_CHAIN,), figures=(Figure("parabola", _draw, "A parabola."),),
             code=(halve,)),
    Exercise("2", "mine/halves", "Halves", "Is b/2 below b?", "Only for b > 0.",
             claims=(Claim("half-below", sp.Lt(b / 2, b), source="mine/halves",
                           expect="refuted"),)),
))
'''


def qedsheet(cwd: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    r = subprocess.run([sys.executable, "-m", "qedsheet", *args], cwd=cwd, capture_output=True,
                       text=True, timeout=timeout)
    assert "Traceback" not in r.stderr, r.stderr
    return r


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "notes.py").write_text(NOTES)
    (tmp_path / "sheeted.py").write_text(SHEETED)
    return tmp_path


def test_a_users_file_becomes_a_sheet_named_after_it(project: Path) -> None:
    need("latexmk")
    need("pdflatex")
    r = qedsheet(project, "build", "notes.py", "-o", "out", "--budget", "10")
    assert r.returncode == 1, r.stderr  # one claim is not as expected: the sheets say so
    out = project / "out"
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "notes.md", "notes.pdf", "notes.tex"]  # (.qedsheet holds the build's stamps)
    assert (out / "notes.pdf").read_bytes()[:5] == b"%PDF-"
    md, tex = (out / "notes.md").read_text(), (out / "notes.tex").read_text()
    assert md.startswith("# My calculus notes: the sigmoid and friends.\n\nFacts I keep needing")
    assert "\\title{My calculus notes: the sigmoid and friends.}" in tex
    anchors = [line for line in md.splitlines() if line.startswith("<a id=")
               and not line.startswith("<a id=\"ex-")]  # (ex-: exercise headings)
    assert anchors == ['<a id="sigmoid-slope"></a>',
                       '<a id="deriv-square-expand"></a><a id="square-expand.step1"></a>'
                       '<a id="square-expand.step2"></a>',
                       '<a id="exp-above-tangent"></a>', '<a id="exp-strictly-above"></a>',
                       '<a id="exp-above-square"></a>']
    # the user's claims, in the user's words: nothing of "the catalog"
    assert "catalog" not in md.lower() and "catalog" not in tex.lower()
    assert "It was expected to be proved." in md and "It was expected to be proved." in tex
    assert "1 not as expected" in r.stderr
    assert re.search(r"qedsheet: \S+: \w+, expected proved", r.stderr), r.stderr
    assert "Question." not in md and "It is false" in md
    assert katex_failures(math_fragments(md)) == []


def test_a_module_with_a_sheet_keeps_its_structure(project: Path) -> None:
    r = qedsheet(project, "build", "sheeted.py", "-o", "out", "--format", "tex,md",
                 "--budget", "10")
    assert r.returncode == 0, r.stderr
    out = project / "out"
    md, tex = (out / "calculus.md").read_text(), (out / "calculus.tex").read_text()
    assert md.startswith("# Calculus, my way\n") and "**Question.** What is log" in md
    assert md.index("## 1 Logs") < md.index("## 2 Halves")
    assert "![A parabola.](figures/parabola.png)" in md and (out / "figures/parabola.png").is_file()
    assert "def halve(v: float) -> float:" in md and "\\begin{algorithmic}" in tex
    assert "**Derivation** (the log of a square)" in md
    # a cut-down sheet gets a name of its own and leaves the whole sheet's files alone
    before = (out / "calculus.md").read_bytes()
    r = qedsheet(project, "build", "sheeted.py", "-o", "out", "--format", "md",
                 "--only", "mine/halves", "--budget", "10")
    assert r.returncode == 0, r.stderr
    part = (out / "calculus--mine-halves.md").read_text()
    assert "## 2 Halves" in part and "## 1 Logs" not in part and "(only mine/halves)" in part
    assert (out / "calculus.md").read_bytes() == before


def test_list_and_show_take_paths(project: Path) -> None:
    listed = qedsheet(project, "list", "notes.py", "sheeted.py")
    assert listed.returncode == 0, listed.stderr
    assert [ln.split()[0] for ln in listed.stdout.splitlines()] == [  # steps are claims too
        "sigmoid-slope", "square-expand.step1", "square-expand.step2", "exp-above-tangent",
        "exp-strictly-above", "exp-above-square", "log-chain.step1", "log-square",
        "half-below"]
    # options may come between the name and the paths, as users write them
    shown = qedsheet(project, "show", "log-square", "--budget", "10", "sheeted.py")
    assert shown.returncode == 0, shown.stderr
    assert "`log-square`" in shown.stdout and "log of a power" in shown.stdout
    missing = qedsheet(project, "show", "log-sqare", "sheeted.py")
    assert missing.returncode == 2
    assert missing.stderr == ("qedsheet: error: no claim named 'log-sqare' in sheeted.py; "
                              "did you mean log-square?\n")
    forgot = qedsheet(project, "show", "notes.py")
    assert forgot.returncode == 2 and forgot.stderr.count("\n") == 1
    assert "show takes the NAME of a claim first" in forgot.stderr


def test_show_tex_pastes_into_a_bare_amsmath_document(project: Path) -> None:
    """`show --format tex` (a claim and its exercise's derivation, links marked) and
    render.to_latex (a proved claim with steps, a recorded mistake, a claim that is not
    as expected) compile with amsmath and amssymb alone, and in colour with the lines of
    `show --preamble`."""
    from proofs import prove
    from render import preamble_lines, to_latex

    shown = qedsheet(project, "show", "log-square", "sheeted.py", "--format", "tex",
                     "--budget", "10")
    assert shown.returncode == 0, shown.stderr
    notes = _load(project, "notes.py")
    verdicts = [prove(c, budget=10) for c in (notes.sigmoid_slope, notes.slip, notes.hope)]
    assert [v.ok for v in verdicts] == [True, True, False]
    body = "\n".join([shown.stdout, *(to_latex(v) for v in verdicts)])
    assert "\\begin{align*}" in body and "\\checkmark" in body and "counterexample" in body
    assert "It was expected to be proved." in body and "catalog" not in body
    preamble = qedsheet(project, "show", "--preamble").stdout
    assert preamble == preamble_lines() and "\\usepackage{xcolor}" in preamble
    for name, extra in (("bare", ""), ("styled", preamble)):
        tex = project / name / f"{name}.tex"
        tex.parent.mkdir()
        tex.write_text("\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n" + extra +
                       "\\begin{document}\n" + body + "\n\\end{document}\n")
        proc = compile_tex(tex)
        assert proc.returncode == 0, (name, proc.stdout[-2000:])


def test_markdown_fragment_math_parses_with_katex(project: Path) -> None:
    r = qedsheet(project, "show", "sigmoid-slope", "notes.py", "--budget", "10")
    frags = math_fragments(r.stdout)
    assert len(frags) >= 2 and katex_failures(frags) == []  # the statement, the domain


# ---- displays where people work (Jupyter) -----------------------------------------------

def _load(project: Path, name: str):
    from proofs.collect import load

    return load(str(project / name))


def test_jupyter_shows_a_claim_with_name_title_statement_and_assumptions(project) -> None:
    notes = _load(project, "notes.py")
    md = notes.tangent._repr_markdown_()
    assert md.startswith("**Claim** `exp-above-tangent` — e^x ≥ 1 + x")
    assert "e^{x} \\geq x + 1" in md and "where $x \\in \\mathbb{R}$" in md
    latex = notes.tangent._repr_latex_()
    assert latex.startswith("$") and "exp-above-tangent" in latex and "\\mathbb{R}" in latex
    assert notes.slip._repr_markdown_().startswith("**Recorded mistake**")
    assert katex_failures(math_fragments(md) + [(latex.strip("$"), False)]) == []


def test_jupyter_shows_a_verdict_with_its_steps_and_counterexample(project) -> None:
    from proofs import prove

    notes = _load(project, "notes.py")
    refuted = prove(notes.slip, budget=10)._repr_markdown_()
    assert refuted.startswith("**exp-strictly-above**: **refuted**")
    assert "counterexample: $x = 0$" in refuted
    proved = prove(notes.sigmoid_slope, budget=10)
    md = proved._repr_markdown_()
    assert md.startswith("**sigmoid-slope**: **proved**") and "steps:" in md
    assert md.count("\n- ") >= 1 and len(proved.steps) >= 1
    derivation = notes.square._repr_markdown_()
    assert "**Derivation** `square-expand`" in derivation and "\\begin{aligned}" in derivation
    assert "1. expand the square" in derivation
    frags = [f for text in (refuted, md, derivation) for f in math_fragments(text)]
    assert len(frags) >= 6 and katex_failures(frags) == []


def test_a_sheet_module_with_an_odd_sheet_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "odd.py").write_text(textwrap.dedent('''\
        SHEET = "not a sheet"
        '''))
    r = qedsheet(tmp_path, "build", "odd.py", "-o", "out", timeout=60)
    assert r.returncode == 2
    assert r.stderr == "qedsheet: error: odd.py: SHEET must be a proofs.Sheet, got str\n"


def test_a_figure_that_fails_to_draw_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text(textwrap.dedent('''\
        import sympy as sp
        from proofs import Claim, Eq, Exercise, Figure, Sheet

        def _draw(fig):
            raise RuntimeError("no data file")

        x = sp.Symbol("x", real=True)
        SHEET = Sheet("broken", "Broken", "", (Exercise(
            "1", "b/1", "One", "", "", claims=(Claim("log-exp", Eq(sp.log(sp.exp(x)), x)),),
            figures=(Figure("plot", _draw),)),))
        '''))
    r = qedsheet(tmp_path, "build", "broken.py", "-o", "out", "--format", "md",
                 "--budget", "10", timeout=120)
    assert r.returncode == 2
    assert r.stderr == ("qedsheet: error: figure plot: its draw function failed "
                        "(RuntimeError: no data file)\n")


def test_show_a_derivation_by_its_name(project: Path) -> None:
    r = qedsheet(project, "show", "square-expand", "notes.py", "--budget", "10")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith('<a id="deriv-square-expand"></a>')
    assert r.stdout.count("\\checkmark") == 2 and "expand the square" in r.stdout


def test_the_readme_example_is_a_sheet(tmp_path: Path) -> None:
    """The mynotes.py of the README's "Your own sheets" imports and makes the sheet the
    README describes (the proofs of these claims are tested above)."""
    from proofs.collect import collect_sheets

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    start = readme.index("```python\n# mynotes.py\n") + len("```python\n")
    (tmp_path / "mynotes.py").write_text(readme[start:readme.index("```", start)])
    (sheet,) = collect_sheets([str(tmp_path / "mynotes.py")])
    assert (sheet.name, sheet.title) == ("mynotes", "My calculus notes: the sigmoid and friends.")
    assert [ex.title for ex in sheet.exercises] == [
        "σ' = σ(1 − σ)", "e^x ≥ 1 + x", "a common slip: e^x > 1 + x", "square-expand"]
