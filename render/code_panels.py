"""Reference implementations shown as code panels beside the mathematics they implement.

An `Exercise(code=...)` entry is either one of the names in `REFERENCE`
("stable_softmax", "stable_logsumexp", "sigmoid", "sigmoid_neuron_backward") or a
plain Python function. The LaTeX sheet shows it through latexify-py's `algorithmic`
output, the Markdown sheet as Python source with latexify's formula below it.
"""

from __future__ import annotations

import inspect
import math
import textwrap
from collections.abc import Callable, Sequence

import latexify


# softmax(x) as exp(x - max x) / sum: no overflow for finite x
def stable_softmax(x: Sequence[float]) -> list[float]:
    m = max(x)
    e = [math.exp(x_i - m) for x_i in x]
    s = sum(e)
    return [e_i / s for e_i in e]


# log sum exp(x) as m + log sum exp(x - m), m = max x: finite for finite x
def stable_logsumexp(x: Sequence[float]) -> float:
    m = max(x)
    return m + math.log(sum(math.exp(x_i - m) for x_i in x))


# the logistic sigmoid
def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


# gradients of sigmoid(w_0 x_0 + w_1 x_1 + w_2) in (w_0, x_0, w_1, x_1, w_2)
def sigmoid_neuron_backward(w_0: float, x_0: float, w_1: float, x_1: float,
                            w_2: float) -> list[float]:
    z = w_0 * x_0 + w_1 * x_1 + w_2
    f = 1 / (1 + math.exp(-z))
    g = (1 - f) * f
    return [x_0 * g, w_0 * g, x_1 * g, w_1 * g, g]


REFERENCE: dict[str, Callable] = {f.__name__: f for f in (
    stable_softmax, stable_logsumexp, sigmoid, sigmoid_neuron_backward)}

_OPTIONS = {"use_math_symbols": True}


def resolve(entry: object) -> Callable:
    """The function an `Exercise.code` entry names."""
    if isinstance(entry, str):
        if entry not in REFERENCE:
            raise ValueError(f"unknown code panel {entry!r}; known: {', '.join(REFERENCE)}")
        return REFERENCE[entry]
    if callable(entry):
        return entry
    raise TypeError(f"a code panel is a function or a name, got {entry!r}")


def algorithmic(entry: object) -> str:
    """latexify's `\\begin{algorithmic}` panel (needs the algpseudocode package)."""
    return latexify.get_latex(resolve(entry), style=latexify.Style.ALGORITHMIC, **_OPTIONS)


def formula(entry: object) -> str:
    """latexify's formula for the function (math mode; KaTeX can typeset it)."""
    return latexify.get_latex(resolve(entry), style=latexify.Style.FUNCTION, **_OPTIONS)


def source(entry: object) -> str:
    """The Python source of the function (reference panels carry no docstring)."""
    return textwrap.dedent(inspect.getsource(resolve(entry))).rstrip() + "\n"


def name(entry: object) -> str:
    return resolve(entry).__name__
