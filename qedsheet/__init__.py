"""qedsheet's command line: a thin shell over proofs, derivations and render."""

import os

# before anything imports sympy: see proofs/__init__.py (sympy on plain Python integers)
os.environ.setdefault("SYMPY_GROUND_TYPES", "python")

__version__ = "0.1.0"
