"""Importing the packages proves nothing and loads no heavy optional library."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("numpy", "matplotlib", "latexify", "nbformat", "z3")

PROBE = f"""
import json, sys
import derivations, proofs, render
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
"""


def test_importing_the_packages_loads_no_heavy_library() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, timeout=120)
    assert json.loads(out.stdout) == []


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
