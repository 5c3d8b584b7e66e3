"""Statements that are not plain relations: positive semidefiniteness and convexity.

`PSD(M)` reads "the symmetric matrix M is positive semidefinite"; `Convex(f, (x, y))`
reads "f is convex in x, y over the domain the symbols' assumptions allow". Both are
sympy Booleans, so they sit in a Claim like any relation and print as mathematics.
"""

from __future__ import annotations

import sympy as sp
from sympy.logic.boolalg import Boolean

from .serial import register


@register
class PSD(Boolean):
    """The matrix argument is positive semidefinite (vᵀ M v ≥ 0 for all real v)."""

    def __new__(cls, matrix: sp.MatrixBase) -> PSD:
        m = sp.ImmutableMatrix(matrix)
        if not m.is_square:
            raise ValueError(f"PSD needs a square matrix, got shape {m.shape}")
        return Boolean.__new__(cls, m)

    @property
    def matrix(self) -> sp.ImmutableMatrix:
        return self.args[0]

    @property
    def free_symbols(self) -> set[sp.Basic]:
        return self.matrix.free_symbols

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        return f"{printer._print(self.matrix)} \\succeq 0"

    def _sympystr(self, printer: sp.printing.str.StrPrinter) -> str:
        return f"PSD({printer._print(self.matrix)})"


@register
class Convex(Boolean):
    """`f` is a convex function of the given variables."""

    def __new__(cls, expr: sp.Expr, variables: tuple[sp.Symbol, ...] | sp.Symbol) -> Convex:
        expr = sp.sympify(expr)
        if isinstance(variables, sp.Symbol):
            variables = (variables,)
        variables = sp.Tuple(*variables)
        if not variables or not all(isinstance(v, sp.Symbol) for v in variables):
            raise TypeError("Convex needs the variables as a tuple of symbols")
        return Boolean.__new__(cls, expr, variables)

    @property
    def expr(self) -> sp.Expr:
        return self.args[0]

    @property
    def variables(self) -> tuple[sp.Symbol, ...]:
        return tuple(self.args[1])

    @property
    def free_symbols(self) -> set[sp.Basic]:
        return self.expr.free_symbols - set(self.variables)

    def hessian(self) -> sp.Matrix:
        return sp.hessian(self.expr, self.variables)

    def _latex(self, printer: sp.printing.latex.LatexPrinter) -> str:
        vs = ", ".join(printer._print(v) for v in self.variables)
        return (f"{printer._print(self.expr)} \\text{{ is convex in }} ({vs})"
                if len(self.variables) > 1 else
                f"{printer._print(self.expr)} \\text{{ is convex in }} {vs}")

    def _sympystr(self, printer: sp.printing.str.StrPrinter) -> str:
        vs = ", ".join(printer._print(v) for v in self.variables)
        return f"Convex({printer._print(self.expr)}, ({vs}))"
