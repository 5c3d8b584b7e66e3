"""qedsheet's command line: a thin shell over proofs, derivations and render."""

__version__ = "0.1.0"
