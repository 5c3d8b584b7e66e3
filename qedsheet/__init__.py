"""qedsheet's command line: a thin shell over proofs, derivations and render."""

import os
import sys

# before anything imports sympy: see proofs/__init__.py (sympy on plain Python integers)
os.environ.setdefault("SYMPY_GROUND_TYPES", "python")

__version__ = "0.1.0"

# what a Ctrl-C at any moment prints, its whole report (exit status 130)
INTERRUPTED = "qedsheet: interrupted"


def run() -> None:
    """The `qedsheet` program (its console script and `python -m qedsheet`): the command
    line in sys.argv, run, and the process ended with its status. Ctrl-C while the command
    line's own modules are imported is one line and status 130 too."""
    try:
        from .cli import main
    except KeyboardInterrupt:  # Ctrl-C before the command line is even read
        print(INTERRUPTED, file=sys.stderr)
        raise SystemExit(130) from None
    raise SystemExit(main())
