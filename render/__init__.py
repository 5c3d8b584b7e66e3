"""Renderers: claims, derivations and verdicts as LaTeX and Markdown, plots, graphs.

    >>> import sympy as sp
    >>> from proofs import Claim
    >>> from render import to_latex
    >>> x = sp.Symbol("x", real=True)
    >>> print(to_latex(Claim("exp-above-x", sp.exp(x) > x)).splitlines()[3])
    \\[e^{x} > x\\]
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

from proofs import Claim, Derivation, Verdict

if TYPE_CHECKING:
    from .latex_printer import latex
    from .tex_sheet import preamble_lines

__all__ = ["latex", "preamble_lines", "to_latex", "to_markdown"]

# Imported on first use: `import render` stays as cheap as `import proofs`.
_LAZY = {"latex": "render.latex_printer", "preamble_lines": "render.tex_sheet"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'render' has no attribute {name!r}")


def to_latex(obj: Claim | Verdict | Derivation,
             verdicts: Mapping[str, Verdict] | None = None) -> str:
    """A pasteable LaTeX fragment (statement, derivation, verdict) that compiles in any
    document with amsmath and amssymb; with `preamble_lines()` in the preamble its
    verdicts are in colour.

    A Verdict shows its claim with the verdict; a Derivation shows each link, marked
    when `verdicts` (claim name -> Verdict of the link claims) is given.
    """
    from .tex_sheet import FRAGMENT_DEFAULTS, claim_tex, derivation_tex
    if isinstance(obj, Verdict):
        return FRAGMENT_DEFAULTS + claim_tex(obj.claim, obj)
    if isinstance(obj, Claim):
        return FRAGMENT_DEFAULTS + claim_tex(obj)
    if isinstance(obj, Derivation):
        return FRAGMENT_DEFAULTS + derivation_tex(obj, verdicts)
    raise TypeError(f"to_latex renders a Claim, a Verdict or a Derivation, not "
                    f"{type(obj).__name__}")


def to_markdown(obj: Claim | Verdict | Derivation,
                verdicts: Mapping[str, Verdict] | None = None) -> str:
    """A pasteable Markdown fragment with KaTeX math, as `to_latex`."""
    from .md_sheet import claim_md, derivation_md
    if isinstance(obj, Verdict):
        return claim_md(obj.claim, obj)
    if isinstance(obj, Claim):
        return claim_md(obj)
    if isinstance(obj, Derivation):
        return derivation_md(obj, verdicts)
    raise TypeError(f"to_markdown renders a Claim, a Verdict or a Derivation, not "
                    f"{type(obj).__name__}")
