"""The shape of a solution sheet: sheets hold exercises, exercises hold claims."""

from __future__ import annotations

from dataclasses import dataclass

from .claim import Claim
from .derivation import Derivation


@dataclass(frozen=True)
class Exercise:
    """One sub-exercise: the question in our words, the answer, and what backs it.

    `claims` are the facts the answer rests on (recorded mistakes among them, with
    `expect="refuted"`); `derivations` are the chains of steps shown on the sheet;
    `figures` name figures that the renderer knows how to draw.
    """

    key: str            # "5.4", or "stable-softmax" for notes
    source: str         # "d2l-4.1.5/ex5.4"
    title: str
    question: str
    answer: str
    claims: tuple[Claim, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    figures: tuple[str, ...] = ()
    code: tuple[object, ...] = ()  # Python reference implementations shown beside the math


@dataclass(frozen=True)
class Sheet:
    """A solution sheet for one source document."""

    name: str           # "d2l-4.1.5", "lecture-notes"
    title: str
    intro: str
    exercises: tuple[Exercise, ...]

    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for ex in self.exercises for c in ex.claims)
