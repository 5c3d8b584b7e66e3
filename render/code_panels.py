"""Code panels: a Python function shown beside the mathematics it implements.

An `Exercise(code=...)` entry is a plain Python function declared with its sheet (the
catalog's in `derivations/`, a user's in their own module). The LaTeX sheet shows it
through latexify-py's `algorithmic` output, the Markdown sheet as Python source with
latexify's formula below it.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable

_OPTIONS = {"use_math_symbols": True}


def resolve(entry: object) -> Callable:
    """The function of an `Exercise.code` entry (a one-line error for anything else)."""
    if inspect.isfunction(entry):
        return entry
    raise ValueError(f"a code panel is a Python function declared with the sheet, got "
                     f"{entry!r}")


def _latexify(entry: object, style: str) -> str:
    import latexify  # only where a sheet shows code (it pulls in numpy)

    fn = resolve(entry)
    try:
        return latexify.get_latex(fn, style=getattr(latexify.Style, style), **_OPTIONS)
    except Exception as exc:  # latexify's errors for what it cannot typeset
        detail = " ".join(str(exc).split())[:200]
        raise ValueError(f"code panel {fn.__name__}: latexify cannot typeset it "
                         f"({type(exc).__name__}: {detail})") from None


def algorithmic(entry: object) -> str:
    """latexify's `\\begin{algorithmic}` panel (needs the algpseudocode package)."""
    return _latexify(entry, "ALGORITHMIC")


def formula(entry: object) -> str:
    """latexify's formula for the function (math mode; KaTeX can typeset it)."""
    return _latexify(entry, "FUNCTION")


def source(entry: object) -> str:
    """The Python source of the function."""
    fn = resolve(entry)
    try:
        return textwrap.dedent(inspect.getsource(fn)).rstrip() + "\n"
    except (OSError, TypeError):
        raise ValueError(f"code panel {fn.__name__}: its source is not available") from None


def name(entry: object) -> str:
    return resolve(entry).__name__
