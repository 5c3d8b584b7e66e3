"""Importing the packages proves nothing and loads no heavy optional library."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("numpy", "matplotlib", "latexify", "nbformat", "z3", "flint", "proofs.prover",
         "render.figures")

PROBE = f"""
import json, sys
import derivations, proofs, render
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
"""


def test_importing_the_packages_loads_no_heavy_library() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, timeout=120)
    assert json.loads(out.stdout) == []


LAZY_PROBE = """
import sys
import proofs, render
assert "proofs.prover" not in sys.modules
print(proofs.prove.__module__, proofs.DEFAULT_BUDGET is sys.modules["proofs.prover"].DEFAULT_BUDGET,
      render.latex.__module__, render.preamble_lines.__module__)
from proofs import prove
print(prove is proofs.prove)
"""


def test_the_prover_and_the_writers_load_on_first_use() -> None:
    out = subprocess.run([sys.executable, "-c", LAZY_PROBE], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.split() == ["proofs.prover", "True", "render.latex_printer",
                                  "render.tex_sheet", "True"]


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    import proofs
    import render
    for module in (proofs, render):
        try:
            module.no_such_name  # noqa: B018
        except AttributeError as e:
            assert "no_such_name" in str(e)
        else:
            raise AssertionError(f"{module.__name__}.no_such_name did not raise")


CATALOG_PROBE = """
import sys
calls = []

def watch(frame, event, arg):
    code = frame.f_code
    if event == "call" and code.co_name == "prove" and code.co_filename.endswith("prover.py"):
        calls.append(code.co_filename)

sys.setprofile(watch)
import derivations
derivations.catalog()
derivations.sheets()
sys.setprofile(None)
print(len(calls))
"""


def test_importing_the_catalog_proves_nothing() -> None:
    out = subprocess.run([sys.executable, "-c", CATALOG_PROBE], capture_output=True,
                         text=True, check=True, timeout=120)
    assert out.stdout.strip() == "0"
