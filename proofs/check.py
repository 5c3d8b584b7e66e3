"""Numeric cross-checks of proofs and the search for counterexamples."""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass

import sympy as sp

from . import budget
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


def cross_check(statement: sp.Basic, given: tuple[sp.Basic, ...], seed: int,
                boundary: int = 12, randoms: int = 12, digits: int = DIGITS) -> CrossCheck:
    """Evaluate at boundary and random points that meet every assumption."""
    sampler = Sampler([statement], given, seed=seed)
    rng = random.Random(seed)
    held = unknown = 0
    points = list(sampler.boundary_points(limit=boundary))
    points += list(sampler.random_points(randoms))
    for pt in points:
        budget.check()
        out = evaluate(statement, pt, rng, digits)
        if out.truth is False:
            return CrossCheck(held, unknown, {**pt, **out.witness}, out.note)
        if out.truth is None:
            unknown += 1
        else:
            held += 1
    shape = sampler.shape
    return CrossCheck(held, unknown, closed=not (shape.plain or shape.dims or shape.bases))


def confirm(statement: sp.Basic, point: Point, seed: int) -> bool:
    """A counterexample holds up at double precision too; where the statement holds a
    limit (estimated numerically), the limit at the point, computed symbolically with
    every parameter a number, must make the statement false as well."""
    out = evaluate(statement, point, random.Random(seed), DIGITS * 2)
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


def find_counterexample(statement: sp.Basic, given: tuple[sp.Basic, ...], seed: int,
                        boundary: int = 200, randoms: int = 150
                        ) -> tuple[Point, str] | None:
    """A point meeting every assumption where the statement is false, checked twice.

    Boundary points come first (0, equal arguments, edges of the domains), because
    strict inequalities fail exactly there; random points follow.
    """
    sampler = Sampler([statement], given, seed=seed)
    rng = random.Random(seed + 1)

    def points():
        yield from sampler.boundary_points(limit=boundary)
        yield from sampler.random_points(randoms)

    for pt in points():
        budget.check()
        out = evaluate(statement, pt, rng)
        if out.truth is False:
            full = {**pt, **out.witness}
            if out.witness or confirm(statement, pt, seed):
                return full, out.note
    return None
