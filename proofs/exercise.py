"""The shape of a solution sheet: sheets hold exercises, exercises hold claims."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .claim import Claim
from .derivation import Derivation

_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]*")
_SHEET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*")


@dataclass(frozen=True)
class Figure:
    """A plot declared with its sheet: `draw(fig)` draws into an empty matplotlib figure
    of `size` inches (render/ gives it fixed styles, so the PNG has the same bytes on
    every build); `caption` is prose shown under it; `name` names its file."""

    name: str
    draw: Callable[[Any], None]
    caption: str = ""
    size: tuple[float, float] = (6.0, 3.8)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _FILE_NAME.fullmatch(self.name) or \
                self.name.startswith("graph"):
            raise ValueError(f"a figure name holds letters, digits, '_' and '-' (and does "
                             f"not start with 'graph'), got {self.name!r}")
        if not callable(self.draw):
            raise TypeError(f"figure {self.name!r}: draw must be a function of a matplotlib "
                            "figure")


@dataclass(frozen=True)
class Exercise:
    """One sub-exercise: the question in our words, the answer, and what backs it.

    `claims` are the facts the answer rests on (recorded mistakes among them, with
    `expect="refuted"`); `derivations` are the chains of steps shown on the sheet;
    `figures` are `Figure`s, or computational graphs written `"graph:EXPR@x=1,y=2"`;
    `code` holds Python functions shown as code panels beside the mathematics.
    """

    key: str            # "5.4", or "stable-softmax" for notes
    source: str         # "d2l-4.1.5/ex5.4"
    title: str
    question: str
    answer: str
    claims: tuple[Claim, ...] = ()
    derivations: tuple[Derivation, ...] = ()
    figures: tuple[Figure | str, ...] = ()
    code: tuple[Callable, ...] = ()  # Python reference implementations beside the math


@dataclass(frozen=True)
class Sheet:
    """A solution sheet for one source document (or one notes module)."""

    name: str           # "d2l-4.1.5", "lecture-notes", "mynotes"
    title: str
    intro: str
    exercises: tuple[Exercise, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not _SHEET_NAME.fullmatch(self.name):
            raise ValueError(f"a sheet name holds letters, digits, '.', '_' and '-' (it names "
                             f"the files written), got {self.name!r}")
        object.__setattr__(self, "exercises", tuple(self.exercises))

    def claims(self) -> tuple[Claim, ...]:
        return tuple(c for ex in self.exercises for c in ex.claims)
