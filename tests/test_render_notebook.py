"""Sheets as Jupyter notebooks: valid nbformat, the same bytes on every build, no stored
outputs, a code cell per claim that imports and proves it; a user's sheet executed top
to bottom in a fresh kernel, and the catalog's sheets too (from the proof cache)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import render_fixture as fx
from render_tools import katex_failures, math_fragments, run_notebook

from render.build import prove_all, sheet_claims
from render.notebook import sheet_ipynb


@pytest.fixture(scope="module")
def verdicts():
    return prove_all(sheet_claims(fx.SHEET), budget=10, workers=1)


def _cells(text: str) -> list[dict]:
    return json.loads(text)["cells"]


def _code(cells: list[dict]) -> list[str]:
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


def test_the_notebook_is_valid_and_the_same_on_every_build(tmp_path: Path, verdicts):
    text = sheet_ipynb(fx.SHEET, verdicts, tmp_path)
    assert text == sheet_ipynb(fx.SHEET, verdicts, tmp_path)
    nbformat.validate(nbformat.reads(text, as_version=4))
    cells = _cells(text)
    assert [c["id"] for c in cells] == [f"cell-{k}" for k in range(1, len(cells) + 1)]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert text.endswith("}\n") and json.loads(text)["metadata"]["kernelspec"]["name"] == \
        "python3"


def test_every_claim_has_a_cell_that_imports_and_proves_it(tmp_path: Path, verdicts):
    code = _code(_cells(sheet_ipynb(fx.SHEET, verdicts, tmp_path)))
    for c, var in ((fx.RSM_GT_MAX, "RSM_GT_MAX"), (fx.SHIFT_WRONG, "SHIFT_WRONG")):
        assert f"from render_fixture import {var}\n\nprove({var})" in code, c.name
    assert "from render_fixture import SIGMA_DERIV\n\nfor link in SIGMA_DERIV.link_claims():" \
        "\n    display(prove(link))" in code
    assert "def prove(claim):" in code[0]


def test_questions_and_answers_are_markdown_cells_katex_reads(tmp_path: Path, verdicts):
    cells = _cells(sheet_ipynb(fx.SHEET, verdicts, tmp_path))
    md = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    assert any(m.startswith('<a id="ex-5-1"></a>\n\n## 5.1 RealSoftMax and max\n\n**Question.**')
               for m in md)
    assert any(m.startswith("**Answer.** Yes: with") for m in md)
    frags = [f for m in md for f in math_fragments(m)]
    assert len(frags) > 10 and katex_failures(frags) == []


NOTES = '''\
"""My notes for a notebook."""
import sympy as sp
from proofs import Claim, Derivation, Eq, Exercise, Ge, Sheet

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", positive=True)

tangent = Claim("exp-above-tangent", Ge(sp.exp(x), 1 + x), title="e^x ≥ 1 + x")
slip = Claim("exp-strictly-above", sp.exp(x) > 1 + x, expect="refuted")
square = Derivation.chain("square-expand", (x + 1)**2, (x**2 + 2*x + 1, "expand the square"))
SHEET = Sheet("mynotes", "My notes", "Three facts.", (
    Exercise("1", "mine/exp", "Exponential", "Is e^x above its tangent?", "Yes, not strictly.",
             claims=(tangent, slip)),
    Exercise("2", "mine/logs", "Logs", "What is log(y^2)?", "Twice log y.",
             claims=(Claim("log-square", Eq(sp.log(y**2), 2 * sp.log(y))),),
             derivations=(square,)),
))
'''


def test_a_users_notebook_runs_top_to_bottom_in_a_fresh_kernel(tmp_path: Path):
    """Built by `qedsheet build notes/mynotes.py --format ipynb` into another folder: the
    notebook finds the file from its own folder, proves each claim and shows verdicts."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "mynotes.py").write_text(NOTES)
    r = subprocess.run([sys.executable, "-m", "qedsheet", "build", "notes/mynotes.py",
                        "--format", "ipynb", "-o", "out"], cwd=tmp_path, capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    path = tmp_path / "out" / "mynotes.ipynb"
    code = _code(_cells(path.read_text()))
    assert "sys.path.insert(0, os.path.abspath('../notes'))" in code[0]
    assert "from mynotes import tangent\n\nprove(tangent)" in code
    nb = run_notebook(path)
    shown = ["".join(o["data"]["text/markdown"]) for c in nb.cells if c.cell_type == "code"
             for o in c.outputs if "text/markdown" in o.get("data", {})]
    assert any(s.startswith("**exp-above-tangent**: **proved**") for s in shown)
    assert any(s.startswith("**exp-strictly-above**: **refuted**") for s in shown)
    assert any(s.startswith("**log-square**: **proved**") for s in shown)  # held by SHEET
    assert sum(s.startswith("**square-expand.step") for s in shown) == 1
    assert len(shown) == 4


@pytest.mark.catalog
def test_the_catalog_notebooks_run_from_the_proof_cache(tmp_path: Path):
    """Both catalog sheets as notebooks, executed in fresh kernels: every cell imports its
    claim and shows the verdict the build shows (the verdicts come from the session's
    proof cache, which `real_sheets` fills)."""
    from catalog_sheets import real_sheets

    from render.build import write_sheets

    chosen, verdicts = real_sheets()
    write_sheets(list(chosen), verdicts, tmp_path, {"ipynb"})
    start = time.monotonic()
    for sheet in chosen:
        nb = run_notebook(tmp_path / f"{sheet.name}.ipynb")
        nbformat.validate(nb)
        shown = {}
        for c in nb.cells:
            for o in c.outputs if c.cell_type == "code" else ():
                text = "".join(o.get("data", {}).get("text/markdown", ""))
                if text.startswith("**"):
                    name, _, rest = text[2:].partition("**: **")
                    shown[name] = rest.partition("**")[0]
        names = {c.name for c in sheet_claims(sheet)}
        assert set(shown) == names, sheet.name
        assert {n: s for n, s in shown.items() if verdicts[n].status != s} == {}
    assert time.monotonic() - start < 60


def test_a_claim_no_module_holds_shows_the_builds_verdict_as_text(tmp_path: Path, verdicts):
    from render.claim_imports import Origins

    cells = _cells(sheet_ipynb(fx.SHEET, verdicts, tmp_path, Origins([])))
    assert len(_code(cells)) == 1                      # the set-up cell alone
    md = "".join("".join(c["source"]) for c in cells)
    assert "**It is false**: counterexample" in md and "**Proved**" in md
