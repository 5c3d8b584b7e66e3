"""Claims about IEEE 754 floating-point arithmetic, settled by running the computation.

A claim about the real numbers is never settled by numbers. A claim about float64
arithmetic itself ("naive log-sum-exp of (225, 617, 950) is inf in float64") is
different: IEEE 754 arithmetic is deterministic, so running the computation is the
proof. Such a claim is a `Float64` statement:

    >>> from proofs import Claim, prove
    >>> from proofs.float64 import Float64
    >>> c = Claim("naive-lse-overflows", Float64("naive_lse", (225, 617, 950), "inf"))
    >>> prove(c).status
    'proved'

`Float64(computation, inputs, outcome)` reads "the registered float64 computation
applied to these inputs gives this outcome". The outcome is one of

- "inf", "-inf", "nan": exactly that value;
- "finite": not inf, -inf or nan;
- "subnormal": non-zero and smaller in magnitude than the smallest normal number;
- a real number (a sympy expression without symbols, such as `950` or
  `-1000 + log(1 + exp(-1))`): the result is finite and within `ulps` units in the
  last place of that exact value (default 4); the number 0 means exactly zero;
- a tuple of these, for a computation that returns a vector (one per component).

Computations are registered by name (`register`); the built-in ones are listed in
`COMPUTATIONS` (exp, exp_float32, log, naive_lse, stable_lse, naive_softmax,
stable_softmax). Inputs are converted to float64 (correctly rounded) before the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import mpmath
import sympy as sp
from sympy.core.symbol import Str
from sympy.logic.boolalg import Boolean

from . import serial

if TYPE_CHECKING:  # numpy is imported where a computation runs, not with the engine
    import numpy as np

METHOD = "settled by running the float64 computation (IEEE 754 is deterministic)"
KINDS = ("inf", "-inf", "nan", "finite", "subnormal")

Computation = Callable[["np.ndarray"], Any]
COMPUTATIONS: dict[str, Computation] = {}


def register(name: str) -> Callable[[Computation], Computation]:
    """Register `fn(inputs: float64 array) -> scalar or array` under `name`."""

    def wrap(fn: Computation) -> Computation:
        COMPUTATIONS[name] = fn
        return fn

    return wrap


@register("exp")
def _exp(x: np.ndarray) -> np.floating:
    import numpy as np
    return np.exp(x[0])


@register("exp_float32")
def _exp32(x: np.ndarray) -> np.floating:
    import numpy as np
    return np.exp(np.float32(x[0]))


@register("log")
def _log(x: np.ndarray) -> np.floating:
    import numpy as np
    return np.log(x[0])


@register("naive_lse")
def _naive_lse(x: np.ndarray) -> np.floating:
    import numpy as np
    return np.log(np.sum(np.exp(x)))


@register("stable_lse")
def _stable_lse(x: np.ndarray) -> np.floating:
    import numpy as np
    m = np.max(x)
    return m + np.log(np.sum(np.exp(x - m)))


@register("naive_softmax")
def _naive_softmax(x: np.ndarray) -> np.ndarray:
    import numpy as np
    e = np.exp(x)
    return e / np.sum(e)


@register("stable_softmax")
def _stable_softmax(x: np.ndarray) -> np.ndarray:
    import numpy as np
    e = np.exp(x - np.max(x))
    return e / np.sum(e)


def _as_input(value: Any) -> sp.Expr:
    v = sp.sympify(value)
    if v in (sp.oo, -sp.oo, sp.nan):
        return v
    if not (v.is_number and v.is_real):
        raise ValueError(f"a float64 input must be a real number, inf, -inf or nan: {value!r}")
    return v


def _as_outcome(value: Any) -> sp.Basic:
    if isinstance(value, Str):  # already built (sympy rebuilding the statement)
        value = value.name
    if isinstance(value, (tuple, list, sp.Tuple)):
        if not value:
            raise ValueError("an outcome tuple needs at least one entry")
        return sp.Tuple(*[_as_outcome(v) for v in value])
    if isinstance(value, str):
        if value not in KINDS:
            raise ValueError(f"outcome {value!r} is not one of {', '.join(KINDS)} or a number")
        return Str(value)
    v = sp.sympify(value)
    if not (v.is_number and v.is_real) or v.has(sp.oo, -sp.oo, sp.nan, sp.zoo):
        raise ValueError(f"outcome must be a kind ({', '.join(KINDS)}) or a real number: "
                         f"{value!r}")
    return v


def to_float(value: sp.Expr) -> float:
    """The float64 nearest to an exact input (inf, -inf, nan kept)."""
    if value is sp.oo:
        return float("inf")
    if value == -sp.oo:
        return float("-inf")
    if value is sp.nan:
        return float("nan")
    return float(value)


def describe(x: float) -> str:
    """A float as its kind or its repr ('inf', 'nan', '950.0', '5e-324 (subnormal)')."""
    import numpy as np
    x = float(x)
    if np.isnan(x):
        return "nan"
    if np.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x) + (" (subnormal)" if _is_subnormal(x, np.float64) else "")


def _is_subnormal(x: float, dtype: Any) -> bool:
    import numpy as np
    return x != 0 and abs(x) < np.finfo(dtype).tiny


def matches(x: Any, outcome: sp.Basic, ulps: int = 4) -> bool:
    """Does the float `x` (numpy scalar) meet the outcome (a kind or an exact number)?"""
    import numpy as np
    dtype = getattr(x, "dtype", np.dtype(np.float64))
    x = float(x)
    if isinstance(outcome, Str):
        kind = outcome.name
        if kind == "nan":
            return bool(np.isnan(x))
        if kind == "inf":
            return x == float("inf")
        if kind == "-inf":
            return x == float("-inf")
        if kind == "finite":
            return bool(np.isfinite(x))
        return _is_subnormal(x, dtype)
    if not np.isfinite(x):
        return False
    if outcome == 0:
        return x == 0.0
    with mpmath.workdps(50):
        exact = mpmath.mpf(sp.N(outcome, 50))
        spacing = float(np.spacing(np.abs(np.asarray(float(exact), dtype=dtype))))
        return bool(abs(mpmath.mpf(x) - exact) <= ulps * spacing)


@serial.register
class Float64(Boolean):
    """`computation(inputs)`, run in IEEE 754 arithmetic, gives `outcome`."""

    def __new__(cls, computation: str, inputs: Sequence[Any] | Any,
                outcome: Any, ulps: int = 4) -> Float64:
        if isinstance(computation, Str):  # as sympy rebuilds it (unpickling, xreplace)
            computation = computation.name
        if isinstance(ulps, sp.Integer):
            ulps = int(ulps)
        if not isinstance(computation, str) or computation not in COMPUTATIONS:
            raise ValueError(f"unknown float64 computation {computation!r}; registered: "
                             f"{', '.join(sorted(COMPUTATIONS))}")
        if isinstance(inputs, sp.Tuple):
            inputs = tuple(inputs)
        if not isinstance(inputs, (tuple, list)):
            inputs = (inputs,)
        if not inputs:
            raise ValueError("a float64 computation needs at least one input")
        if not isinstance(ulps, int) or ulps < 0:
            raise ValueError("ulps must be a non-negative integer")
        return Boolean.__new__(cls, Str(computation), sp.Tuple(*[_as_input(v) for v in inputs]),
                               _as_outcome(outcome), sp.Integer(ulps))

    @property
    def computation(self) -> str:
        return self.args[0].name

    @property
    def inputs(self) -> tuple[sp.Expr, ...]:
        return tuple(self.args[1])

    @property
    def outcome(self) -> sp.Basic:
        return self.args[2]

    @property
    def ulps(self) -> int:
        return int(self.args[3])

    @property
    def free_symbols(self) -> set[sp.Basic]:
        return set()

    def run(self) -> Any:
        """The result of the computation (a numpy scalar or array)."""
        import numpy as np
        x = np.array([to_float(v) for v in self.inputs], dtype=np.float64)
        with np.errstate(all="ignore"):
            return COMPUTATIONS[self.computation](x)

    def check(self) -> tuple[bool, str]:
        """(holds, the result in words)."""
        import numpy as np
        result = self.run()
        arr = np.atleast_1d(result)
        if isinstance(self.outcome, sp.Tuple):
            if arr.shape != (len(self.outcome),):
                return False, f"a result of shape {arr.shape}"
            ok = all(matches(r, o, self.ulps) for r, o in zip(arr, self.outcome, strict=True))
            return ok, "(" + ", ".join(describe(r) for r in arr) + ")"
        if np.ndim(result) != 0:
            return False, "a vector, not a number"
        return matches(result, self.outcome, self.ulps), describe(result)

    def result_expr(self) -> sp.Basic:
        """The result as a sympy value (Float, oo, -oo, nan; a Tuple for vectors)."""
        import numpy as np

        def one(r: Any) -> sp.Expr:
            import numpy as np
            r = float(r)
            if np.isnan(r):
                return sp.nan
            if np.isinf(r):
                return sp.oo if r > 0 else -sp.oo
            return sp.Float(r, 17)

        res = self.run()
        if np.ndim(res) == 0:
            return one(res)
        return sp.Tuple(*[one(r) for r in np.atleast_1d(res)])

    def call(self) -> sp.Expr:
        """The computation as an applied function, for the sheets."""
        return sp.Function(f"fl64_{self.computation}")(*self.inputs)

    def _outcome_text(self, printer: Any, latex: bool) -> str:
        def one(o: sp.Basic) -> str:
            if isinstance(o, Str):
                if latex:
                    return {"inf": r"\infty", "-inf": r"-\infty", "nan": r"\mathrm{NaN}"}.get(
                        o.name, rf"\text{{{o.name}}}")
                return o.name
            return printer._print(o)

        if isinstance(self.outcome, sp.Tuple):
            return "(" + ", ".join(one(o) for o in self.outcome) + ")"
        return one(self.outcome)

    def _latex(self, printer: Any) -> str:
        args = ", ".join(printer._print(v) for v in self.inputs)
        name = self.computation.replace("_", r"\_")
        return (rf"\operatorname{{fl}}_{{64}}\left(\mathtt{{{name}}}({args})\right) "
                rf"\to {self._outcome_text(printer, True)}")

    def _sympystr(self, printer: Any) -> str:
        args = ", ".join(printer._print(v) for v in self.inputs)
        return f"Float64({self.computation}({args}) -> {self._outcome_text(printer, False)})"
