"""Numeric cross-checks of proofs and the search for counterexamples."""

from __future__ import annotations

import itertools
import random
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import sympy as sp

from . import budget
from .domain import undefined_points
from .numeric import DIGITS, decide, evaluate
from .points import Point, Sampler
from .substitute import instantiate


@dataclass(frozen=True)
class CrossCheck:
    """How the numbers went: points where the statement held, and a point where not."""

    held: int
    unknown: int
    failed_at: Point | None = None
    note: str = ""
    closed: bool = False  # no variables: one evaluation is all there is

    @property
    def ok(self) -> bool:
        if self.failed_at is not None:
            return False
        return self.held >= 3 or (self.closed and self.held >= 1 and self.unknown == 0)


def seed_of(name: str) -> int:
    return zlib.crc32(name.encode())


Seen = dict[frozenset, bool | None]
"""Truth at the points evaluated so far for one statement (a point as a frozenset of its
items), so that the cross-check does not evaluate again a point the search for a
counterexample already evaluated at the same precision."""


_NUDGES = (sp.Integer(0), sp.Rational(1, 10**3), -sp.Rational(1, 10**3), sp.Rational(1, 10**9),
           -sp.Rational(1, 10**9))


def _landmark_points(sampler: Sampler, landmarks: tuple) -> list[Point]:
    """Points at and just beside each value a proof relied on (a minimum, a pole)."""
    out = []
    for var, value in landmarks:
        for nudge in _NUDGES:
            pt = sampler.points_at(sampler.dim_choices()[0], {var: value + nudge})
            if pt is not None:
                out.append(pt)
    return out


LARGE_SECONDS = 3.0
"""At most this long (and a third of the time left) on points in large dimensions."""


def _large_points(sampler: Sampler, wide: bool, until: float, every: bool = True
                  ) -> Iterator[Point]:
    """A point for each of the sampler's large dimensions (`Sampler.large_dims`),
    smallest first, until the monotonic clock reads `until`."""
    for dims in sampler.large_dims(every):
        if time.monotonic() >= until:
            return
        pt = _bounded(lambda dims=dims: sampler.points_at(dims, wide=wide),
                      max(min(until - time.monotonic(), budget.remaining() / 4), 0.01))
        if pt is not None:
            yield pt


def _bounded(fn, seconds: float):
    """fn() under a deadline of its own: None when that deadline (not an outer one) passes."""
    try:
        with budget.deadline(seconds):
            return fn()
    except budget.BudgetExceeded:
        if budget.remaining() <= 0:
            raise
        return None


def cross_check(statement: sp.Basic, given: tuple[sp.Basic, ...], seed: int,
                boundary: int = 12, randoms: int = 12, digits: int = DIGITS,
                near: tuple = (), seen: Seen | None = None) -> CrossCheck:
    """Evaluate at boundary points, random points (moderate, then with large denominators
    and wide magnitudes), points at and beside the values in `near` ((variable, value)
    pairs a proof relied on) and, for claims in n dimensions, large n; every point meets
    every assumption. `seen`: truths already known at some points (`find_counterexample`
    at DIGITS), taken instead of evaluating again."""
    seen = seen if seen is not None and digits == DIGITS else {}
    sampler = Sampler([statement], given, seed=seed)
    rng = random.Random(seed)
    held = unknown = 0
    points: list = list(sampler.boundary_points(limit=boundary))
    points += list(sampler.random_points(randoms))
    points += list(sampler.random_points(max(randoms // 2, 4), wide=True))
    points += _landmark_points(sampler, near)
    large_until = time.monotonic() + min(LARGE_SECONDS, max(budget.remaining() / 3, 0.0))
    for pt in itertools.chain(points, _large_points(sampler, False, large_until, every=False)):
        budget.check()
        key = frozenset(pt.items())
        if key in seen:
            truth = seen[key]
        else:
            out = _bounded(lambda pt=pt: evaluate(statement, pt, rng, digits),
                           min(3.0, max(budget.remaining() / 4, 0.05)))
            if out is not None and out.truth is False:
                return CrossCheck(held, unknown, {**pt, **out.witness}, out.note)
            truth = None if out is None else out.truth
        if truth is None:
            unknown += 1
        else:
            held += 1
    shape = sampler.shape
    return CrossCheck(held, unknown, closed=not (shape.plain or shape.dims or shape.bases))


def confirm(statement: sp.Basic, point: Point, seed: int) -> bool:
    """A counterexample holds up at double precision too, by the route that instantiates
    the statement first (independent of the in-place evaluation that found it); where
    the statement holds a
    limit (estimated numerically), the limit at the point, computed symbolically with
    every parameter a number, must make the statement false as well."""
    out = evaluate(statement, point, random.Random(seed), DIGITS * 2, fast=False)
    if out.truth is not False:
        return False
    if not statement.has(sp.Limit):
        return True
    try:
        exact = instantiate(statement, point).replace(
            lambda e: isinstance(e, sp.Limit) and not e.free_symbols, lambda e: e.doit())
    except Exception:
        return False
    if exact.has(sp.Limit):
        return False
    return decide(exact) is False


def beside_undefined(statement: sp.Basic, given: tuple[sp.Basic, ...]) -> tuple:
    """(variable, value) pairs at the points where a denominator of the statement
    vanishes: a jump or a pole is where a claim most often fails."""
    out = []
    for cond in undefined_points(statement, given):
        lhs, rhs = cond.lhs, cond.rhs
        if isinstance(lhs, sp.Symbol) and rhs.is_number and rhs.is_real:
            out.append((lhs, rhs))
    return tuple(out)


def find_counterexample(statement: sp.Basic, given: tuple[sp.Basic, ...], seed: int,
                        boundary: int = 200, randoms: int = 150, large: bool = True,
                        seen: Seen | None = None) -> tuple[Point, str] | None:
    """A point meeting every assumption where the statement is false, checked twice;
    the truth at each point that did not refute it goes into `seen` when given.

    Boundary points come first (0, equal arguments, edges of the domains), because
    strict inequalities fail exactly there; random points follow, then (with `large`)
    points with large denominators and wide magnitudes and, in n dimensions, large n.
    """
    sampler = Sampler([statement], given, seed=seed)
    rng = random.Random(seed + 1)

    def points():
        yield from sampler.boundary_points(limit=boundary)
        yield from sampler.random_points(randoms)
        if large:
            yield from _landmark_points(sampler, beside_undefined(statement, given))
            yield from sampler.random_points(max(randoms // 4, 4), wide=True)
            until = time.monotonic() + min(LARGE_SECONDS, max(budget.remaining() / 3, 0.0))
            yield from _large_points(sampler, False, until)
            yield from _large_points(sampler, True, until)

    for pt in points():
        budget.check()
        out = _bounded(lambda pt=pt: evaluate(statement, pt, rng),
                       min(3.0, max(budget.remaining() / 4, 0.05)))
        if out is not None and out.truth is False:
            full = {**pt, **out.witness}
            if out.witness or confirm(statement, pt, seed):
                return full, out.note
        elif out is not None and seen is not None:
            seen[frozenset(pt.items())] = out.truth
    return None
