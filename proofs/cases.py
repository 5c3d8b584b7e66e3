"""Case analysis: orderings made into assumptions by a change of variables.

`a >= b` becomes `a = b + δ` with a fresh δ >= 0, so that sympy's assumption system
and the sign rules can use the ordering. The substitution is a bijection between the
case and the new domain, so a proof in the new variables is a proof of the case.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from .verdict import Step

FRESH = "delta"
"""The name of every variable a case introduces; `numbered` makes them δ₁, δ₂, ... in
the order a proof's steps first show them."""


def fresh(strict: bool) -> sp.Dummy:
    """A new variable δ > 0 (`strict`) or δ >= 0; distinct from every other, whatever
    its printed name."""
    return sp.Dummy(FRESH, positive=True) if strict else sp.Dummy(FRESH, nonnegative=True)


def numbered(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """`steps` with the case variables renamed δ₁, δ₂, ... by first appearance, so a
    proof reads the same whichever tactics were tried before it (and sheets are
    byte-identical)."""
    found: dict[sp.Dummy, sp.Dummy] = {}
    for step in steps:
        for part in (step.lhs, step.rhs, *step.terms):
            for d in sorted(getattr(part, "free_symbols", ()), key=sp.default_sort_key):
                if isinstance(d, sp.Dummy) and d.name == FRESH and d not in found:
                    found[d] = sp.Dummy(f"{FRESH}{len(found) + 1}", **d.assumptions0)
    if not found:
        return steps

    def swap(x: object) -> object:
        if not isinstance(x, sp.Basic):
            return x
        with sp.evaluate(False):  # a renaming: nothing to evaluate again
            return x.xreplace(found)
    return tuple(replace(s, lhs=swap(s.lhs), rhs=swap(s.rhs),
                         terms=tuple(swap(t) for t in s.terms)) for s in steps)


def range_of(var: sp.Symbol) -> sp.Basic | None:
    """`var > 0`, `var >= 0`, `var < 0` or `var <= 0` as its assumptions say (for a
    reason's terms); None when they give no sign."""
    for name, rel in (("positive", sp.Gt), ("negative", sp.Lt), ("nonnegative", sp.Ge),
                      ("nonpositive", sp.Le)):
        if getattr(var, f"is_{name}"):
            return rel(var, 0, evaluate=False)
    return None


def new_variable_step(var: sp.Symbol, value: sp.Expr, extra: tuple[sp.Basic, ...] = ()
                      ) -> Step:
    """The row `var = value` of a case, saying the range of the variables it brings in
    (a case variable's sign, then `extra` bounds on it)."""
    ranges = [r for v in sorted(value.free_symbols - var.free_symbols, key=sp.default_sort_key)
              if isinstance(v, sp.Dummy) and (r := range_of(v)) is not None]
    ranges += list(extra)
    if not ranges:
        return Step(var, "=", value, "the case solved for {0}", terms=(var,))
    why = "with " + " and ".join(f"{{{k}}}" for k in range(len(ranges)))
    return Step(var, "=", value, why, terms=tuple(ranges))


def shown_after(statement: sp.Basic, subs: list[tuple[sp.Symbol, sp.Expr]]) -> sp.Basic:
    """`statement` with `subs` made in turn, each side collected but max, min and |·| left
    unevaluated: what a reader sees once the variables are replaced, before the signs
    of the new ones decide it."""
    with sp.evaluate(False):
        for var, value in subs:
            statement = statement.xreplace({var: value})

    def tidy(e: sp.Basic) -> sp.Basic:
        if not e.args:
            return e
        args = [tidy(a) for a in e.args]
        if isinstance(e, (sp.Max, sp.Min, sp.Abs, sp.Rel)):
            return e.func(*args, evaluate=False)
        return e.func(*args)
    return tidy(statement)


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


def closing_row(before: sp.Basic, subs: list[tuple[sp.Symbol, sp.Expr]], after: sp.Basic
                ) -> Step | None:
    """When `after` (`before` with `subs` made) came out True on construction, decided by
    the signs of its variables: the row that shows `before` with the substitutions made
    (max, min and |·| kept) and names those signs. None otherwise."""
    if after is not sp.true:
        return None
    shown = shown_after(before, subs)
    if not isinstance(shown, sp.Rel) or isinstance(shown, sp.Ne) or not shown.free_symbols:
        return None
    signs = tuple(r for v in sorted(shown.free_symbols, key=sp.default_sort_key)
                  if (r := range_of(v)) is not None)
    why = ("substitute; true as " + ", ".join(f"{{{k}}}" for k in range(len(signs)))
           if signs else "substitute; true for every value")
    return Step(shown.lhs, "=" if shown.rel_op == "==" else shown.rel_op, shown.rhs, why,
                terms=signs)
