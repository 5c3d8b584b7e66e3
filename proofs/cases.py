"""Case analysis: orderings made into assumptions by a change of variables.

`a >= b` becomes `a = b + δ` with a fresh δ >= 0, so that sympy's assumption system
and the sign rules can use the ordering. The substitution is a bijection between the
case and the new domain, so a proof in the new variables is a proof of the case.
"""

from __future__ import annotations

import sympy as sp

_counter = [0]


def restart_numbering() -> None:
    """Number the δ's of the next proof from 1, so that a proof's steps do not depend
    on what else this process proved before (sheets must be byte-identical)."""
    _counter[0] = 0


def fresh(strict: bool) -> sp.Dummy:
    _counter[0] += 1
    return sp.Dummy(f"delta{_counter[0]}", positive=True) if strict else sp.Dummy(
        f"delta{_counter[0]}", nonnegative=True)


Made = tuple[sp.Basic, tuple[sp.Basic, ...], tuple[sp.Symbol, sp.Expr]]


def solve_into(statement: sp.Basic, given: tuple[sp.Basic, ...], diff: sp.Expr,
               target: sp.Expr, prefer: sp.Expr | None = None) -> Made | None:
    """`statement` and `given` with `diff = target` solved for a variable of `diff` in
    which it is linear with a non-zero coefficient, and the substitution used.

    Plain unconstrained variables are solved for first (those of `prefer` before the
    others), the δ's of earlier cases last; the variable's own sign assumption moves into
    `given`. A bijection, so a proof in the new variables is a proof of the case.
    """
    diff = sp.expand(diff)
    if diff.is_number:
        return None

    def preference(v: sp.Basic) -> tuple:
        constrained = any(getattr(v, f"is_{k}") for k in ("positive", "negative",
                                                         "nonnegative", "nonpositive"))
        favoured = prefer is not None and v in prefer.free_symbols
        return (isinstance(v, sp.Dummy), constrained, not favoured, sp.default_sort_key(v))

    for var in sorted(diff.free_symbols, key=preference):
        if not isinstance(var, sp.Symbol) or var.is_integer:
            continue
        if not diff.is_polynomial(var) or sp.degree(diff, var) != 1:
            continue
        coeff = sp.diff(diff, var)
        if not coeff.is_nonzero or not coeff.is_real:
            continue
        value = sp.expand(var + (target - diff) / coeff)
        extra: list[sp.Basic] = []
        for name, rel in (("positive", sp.Gt), ("negative", sp.Lt)):
            if getattr(var, f"is_{name}"):
                extra.append(rel(value, 0))
        if var.is_nonnegative and not var.is_positive:
            extra.append(sp.Ge(value, 0))
        if var.is_nonpositive and not var.is_negative:
            extra.append(sp.Le(value, 0))
        new_stmt = statement.xreplace({var: value})
        new_given = tuple(g.xreplace({var: value}) for g in given) + tuple(extra)
        if any(g is sp.false for g in new_given):
            return None  # the case is empty
        return new_stmt, tuple(g for g in new_given if g is not sp.true), (var, value)
    return None


def embody_order(statement: sp.Basic, given: tuple[sp.Basic, ...], big: sp.Expr,
                 small: sp.Expr, strict: bool, prefer: sp.Expr | None = None) -> Made | None:
    """Statement and given with `big >= small` (or >) built in as `big - small = δ`."""
    return solve_into(statement, given, big - small, fresh(strict), prefer)
