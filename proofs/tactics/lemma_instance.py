"""A goal that is a named lemma with its variables renamed (and both sides scaled).

`lemma_instance` tries each lemma of `proofs.lemmas` (in two or three plain variables,
available here) whose variables can be mapped one to one onto the goal's: the goal's
difference must be a positive number times the lemma's difference under the map
(checked by algebra), each variable's sign assumption must hold for its image, and each
relation the lemma assumes must hold for the images (a sign under the goal's `given`, or
a given equality itself). The step names the lemma.
"""

from __future__ import annotations

from itertools import permutations

import sympy as sp

from .. import budget
from ..domain import sign_under
from ..lemmas import LEMMAS, Lemma, available
from ..search import Decline, Goal, tactic
from ..verdict import Proof, rel
from .inequality import op_of, oriented

MAX_VARIABLES = 4


def _difference(statement: sp.Basic) -> tuple[sp.Expr, bool] | None:
    if isinstance(statement, (sp.Gt, sp.Ge)):
        return statement.lhs - statement.rhs, isinstance(statement, sp.Gt)
    if isinstance(statement, (sp.Lt, sp.Le)):
        return statement.rhs - statement.lhs, isinstance(statement, sp.Lt)
    return None


def _heads(e: sp.Expr) -> frozenset:
    return frozenset(type(a) for a in sp.preorder_traversal(e)
                     if isinstance(a, sp.Function))


def _side_conditions(lemma: Lemma, mapping: dict, goal: Goal) -> bool:
    for v, image in mapping.items():
        for name, strict in (("positive", True), ("nonnegative", False)):
            if getattr(v, f"is_{name}") and not sign_under(image, goal.given, strict):
                return False
        if v.is_real and not image.is_real:
            return False
    for g in lemma.claim.given:
        inst = g.xreplace(mapping)
        if inst is sp.true:
            continue
        if isinstance(inst, sp.Eq):
            d = sp.expand(inst.lhs - inst.rhs)
            if not any(isinstance(h, sp.Eq) and sp.expand(h.lhs - h.rhs - d) == 0
                       for h in goal.given):
                return False
            continue
        got = _difference(inst)
        if got is None or not sign_under(sp.expand(got[0]), goal.given, got[1]):
            return False
    return True


def match(lemma: Lemma, d: sp.Expr, goal: Goal) -> tuple[dict, sp.Expr] | None:
    """(the variables' images, the positive factor c) with d = c · (the lemma's
    difference under the map), or None."""
    got = _difference(lemma.claim.statement)
    if got is None:
        return None
    dl = got[0]
    targets = sorted(d.free_symbols, key=sp.default_sort_key)
    vs = list(lemma.variables)
    if len(targets) != len(vs) or _heads(dl) != _heads(d):
        return None
    for images in permutations(targets):
        budget.check()
        mapping = dict(zip(vs, images, strict=True))
        inst = dl.xreplace(mapping)
        ratio = sp.cancel(sp.together(d / inst)) if inst != 0 else None
        if ratio is None or not ratio.is_number or not ratio.is_Rational or ratio <= 0:
            continue
        if sp.expand(d - ratio * inst) != 0:
            continue
        if _side_conditions(lemma, mapping, goal):
            return mapping, ratio
    return None


@tactic("inequality", cost=1)
def lemma_instance(goal: Goal) -> Proof | None:
    """The goal is a named lemma under a renaming of its variables (up to a positive
    factor), with the lemma's assumptions checked for the new variables."""
    big, small, strict = oriented(goal)
    d = big - small
    if len(d.free_symbols) > MAX_VARIABLES or d.has(sp.Sum, sp.Indexed, sp.Limit):
        raise Decline("not a goal in a few plain variables")
    for lemma in LEMMAS:
        if not available(lemma.name) or not lemma.variables or (
                len(lemma.variables) > MAX_VARIABLES):
            continue
        got = _difference(lemma.claim.statement)
        if got is None or (strict and not got[1]):
            continue
        found = match(lemma, d, goal)
        if found is None:
            continue
        mapping, ratio = found
        names = ", ".join(f"${sp.latex(v)} = {sp.latex(e)}$" for v, e in mapping.items())
        scale = "" if ratio == 1 else f", times ${sp.latex(ratio)}$"
        return Proof(f"by the lemma {lemma.title}", (
            rel(big, op_of(strict), small,
                f"{lemma.title} (lemma {lemma.name}, proved by the engine) with {names}"
                f"{scale}; its assumptions hold"),
        ))
    raise Decline("no lemma matches the goal")
