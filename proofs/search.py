"""Proof search: goals, the tactic registry, and the loop that tries tactics in order.

A tactic is a small function `tactic(goal) -> Proof | None` that either returns the
checked steps of a proof or declines (returns None or raises `Decline` with a reason).
Tactics may split a goal into subgoals and call `solve` on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp

from . import budget
from .algebra_guard import too_large_for_algebra
from .forms import PSD, Convex
from .verdict import Proof, Scope, Step

MAX_DEPTH = 6


class Trail:
    """The scopes of the subproofs found while a tactic runs, so that a proof built on a
    partial subproof (n = 1..8 only, points excluded) is partial too, whether or not the
    tactic passes the subproof's scope on. Shared by a goal and all its subgoals."""

    def __init__(self) -> None:
        self.records: list[Scope] = []
        self.failed: dict[tuple, list[tuple[int, frozenset[str]]]] = {}
        """Subgoals `solve` did not prove in this search: key -> (depth, tactics avoided)."""

    def mark(self) -> int:
        return len(self.records)

    def reset(self, mark: int) -> None:
        del self.records[mark:]

    def since(self, mark: int) -> Scope:
        out = Scope()
        for s in self.records[mark:]:
            out = out.merge(s)
        return out


class Decline(Exception):  # noqa: N818 - a tactic's polite "no"
    """A tactic does not apply or did not succeed; the message says why."""


@dataclass(frozen=True)
class Goal:
    """What is to be shown: a statement under `given` relations, with optional hints."""

    statement: sp.Basic
    given: tuple[sp.Basic, ...] = ()
    hints: tuple[Any, ...] = ()
    depth: int = 0
    avoid: tuple[str, ...] = ()  # tactics that would undo the move that made this goal
    trail: Trail = field(default_factory=Trail, compare=False, repr=False)

    @property
    def kind(self) -> str:
        s = self.statement
        if isinstance(s, PSD):
            return "psd"
        if isinstance(s, Convex):
            return "convex"
        if isinstance(s, sp.Rel):
            if s.has(sp.Limit):
                return "limit"
            if isinstance(s, sp.Eq):
                if isinstance(s.lhs, sp.MatrixBase) or isinstance(s.rhs, sp.MatrixBase):
                    return "matrix"
                return "identity"
            if isinstance(s, sp.Ne):
                return "other"
            return "inequality"
        return "boolean"

    def sub(self, statement: sp.Basic, given: tuple[sp.Basic, ...] | None = None,
            avoid: tuple[str, ...] = ()) -> Goal:
        return replace(self, statement=statement,
                       given=self.given if given is None else given, depth=self.depth + 1,
                       avoid=avoid)


TacticFn = Callable[[Goal], Proof | None]


@dataclass(frozen=True)
class Tactic:
    name: str
    kinds: tuple[str, ...]
    fn: TacticFn
    cost: int = 1  # cheap tactics first


REGISTRY: list[Tactic] = []


def tactic(*kinds: str, cost: int = 1) -> Callable[[TacticFn], TacticFn]:
    """Register a function as a tactic for goals of the given kinds."""

    def wrap(fn: TacticFn) -> TacticFn:
        REGISTRY.append(Tactic(fn.__name__, kinds, fn, cost))
        REGISTRY.sort(key=lambda t: t.cost)
        return fn

    return wrap


@dataclass
class Attempt:
    """The reasons tactics gave for declining, kept for the verdict."""

    declined: list[str] = field(default_factory=list)


def solve(goal: Goal, attempt: Attempt | None = None) -> Proof | None:
    """Try every tactic for the goal's kind, cheapest first; the first proof wins. Its
    scope holds the scopes of every subproof the winning tactic found (`Trail`)."""
    from . import tactics  # noqa: F401 - registers the tactics

    if goal.depth > MAX_DEPTH:
        return None
    if goal.depth == 0:
        hostile = too_large_for_algebra(goal.statement)
        if hostile:
            if attempt is not None:
                attempt.declined.append(hostile)
            return None
    kind = goal.kind
    trail = goal.trail
    for t in REGISTRY:
        if kind not in t.kinds or t.name in goal.avoid:
            continue
        budget.check()
        mark = trail.mark()
        try:
            proof = t.fn(goal)
        except Decline as why:
            trail.reset(mark)
            if attempt is not None and goal.depth == 0:
                attempt.declined.append(f"{t.name}: {why}")
            continue
        except budget.BudgetExceeded:
            trail.reset(mark)
            raise
        except (RecursionError, MemoryError):
            trail.reset(mark)
            continue
        except Exception as exc:  # sympy raising on an odd input: decline
            trail.reset(mark)
            if attempt is not None and goal.depth == 0:
                attempt.declined.append(f"{t.name}: {_reason(exc)}")
            continue
        if proof is not None:
            scope = trail.since(mark).merge(proof.scope)
            trail.reset(mark)
            trail.records.append(scope)
            return replace(proof, scope=scope)
        trail.reset(mark)
    return None


def _reason(exc: Exception) -> str:
    """A tactic's failure in words a user can read (no internal exception names)."""
    return "sympy could not handle an expression on the way"


def sub_steps(steps: tuple[Step, ...] | list[Step], extra: int = 1) -> tuple[Step, ...]:
    """Steps of a subproof, nested one level deeper."""
    return tuple(s.nested(extra) for s in steps)
