"""Proof hints a Claim may carry in `hints=`: suggestions that tactics check, never trust.

`Squeeze(lower, upper)` proposes bounds `lower <= f <= upper` for the function `f` of a
limit claim, valid once the limit variable is close enough to its target; the squeeze
tactic proves both bounds and both limits before it uses them.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp


@dataclass(frozen=True)
class Squeeze:
    """Bounds `lower <= f <= upper` for the function under a limit (in its variable)."""

    lower: sp.Expr
    upper: sp.Expr

    def __post_init__(self) -> None:
        for name in ("lower", "upper"):
            value = getattr(self, name)
            try:
                value = sp.sympify(value, strict=True)
            except (sp.SympifyError, TypeError) as exc:
                raise TypeError(f"Squeeze {name} bound must be a sympy expression: "
                                f"{value!r}") from exc
            if not isinstance(value, sp.Expr):
                raise TypeError(f"Squeeze {name} bound must be a sympy expression, "
                                f"got {type(value).__name__}")
            object.__setattr__(self, name, value)

    def __str__(self) -> str:
        return f"Squeeze({sp.sstr(self.lower)}, {sp.sstr(self.upper)})"
