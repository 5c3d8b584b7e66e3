"""qedsheet's proof engine: claims, verdicts, tactics, numeric cross-checks, budgets.

    >>> import sympy as sp
    >>> from proofs import Claim, prove
    >>> a, b = sp.symbols("a b", real=True)
    >>> prove(Claim("rsm-exceeds-max", sp.log(sp.exp(a) + sp.exp(b)) > sp.Max(a, b))).status
    'proved'
"""

import os

# sympy picks python-flint's integers for its polynomials when python-flint is installed
# (it is: proofs.balls needs its ball arithmetic), and its heuristic gcd then kills the
# process with SIGFPE on some inputs. The engine runs sympy on plain Python integers;
# this holds when proofs (or qedsheet) is imported before sympy, or the variable is set.
os.environ.setdefault("SYMPY_GROUND_TYPES", "python")

from .claim import Claim
from .derivation import Derivation, Link
from .exercise import Exercise, Sheet
from .forms import PSD, Convex
from .prover import DEFAULT_BUDGET, prove
from .verdict import Proof, Step, Verdict

__all__ = ["Claim", "Convex", "DEFAULT_BUDGET", "Derivation", "Exercise", "Link", "PSD",
           "Proof", "Sheet", "Step", "Verdict", "prove"]
