"""qedsheet's proof engine: claims, verdicts, tactics, numeric cross-checks, budgets.

    >>> import sympy as sp
    >>> from proofs import Claim, Eq, prove
    >>> a, b = sp.symbols("a b", real=True)
    >>> prove(Claim("rsm-exceeds-max", sp.log(sp.exp(a) + sp.exp(b)) > sp.Max(a, b))).status
    'proved'
    >>> prove(Claim("log-of-product", Eq(sp.log(sp.exp(a) * sp.exp(b)), a + b))).status
    'proved'

`Eq`, `Ne`, `Lt`, `Le`, `Gt` and `Ge` build relations that sympy does not evaluate on
construction (sympy's own `Eq(diff(s, x), s*(1 - s))` is already `True`).
"""

import os
from importlib import import_module
from typing import TYPE_CHECKING, Any

# sympy picks python-flint's integers for its polynomials when python-flint is installed
# (it is: proofs.balls needs its ball arithmetic), and its heuristic gcd then kills the
# process with SIGFPE on some inputs. The engine runs sympy on plain Python integers;
# this holds when proofs (or qedsheet) is imported before sympy, or the variable is set.
os.environ.setdefault("SYMPY_GROUND_TYPES", "python")

from .claim import Claim
from .derivation import Derivation, Link
from .exercise import Exercise, Figure, Sheet
from .forms import PSD, Convex
from .relations import Eq, Ge, Gt, Le, Lt, Ne
from .verdict import Proof, Step, Verdict

if TYPE_CHECKING:
    from .prover import DEFAULT_BUDGET, prove

__all__ = ["Claim", "Convex", "DEFAULT_BUDGET", "Derivation", "Eq", "Exercise", "Figure", "Ge",
           "Gt", "Le", "Link", "Lt", "Ne", "PSD", "Proof", "Sheet", "Step", "Verdict", "prove"]


def __getattr__(name: str) -> Any:
    # The prover (and with it python-flint and the numeric checks) is imported on first
    # use: importing claims, sheets or derivations proves nothing.
    if name in ("DEFAULT_BUDGET", "prove"):
        return getattr(import_module("proofs.prover"), name)
    raise AttributeError(f"module 'proofs' has no attribute {name!r}")
