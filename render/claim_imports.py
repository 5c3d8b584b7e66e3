"""Where a claim or a derivation can be imported from, for code that refers to it (the
code cells of a notebook): the public module-level name that binds it, or else a
module-level Exercise or Sheet that holds it.

Claims do not record their module; the modules imported so far are searched instead
(`Origins`). Of several names for one object, the one in the deepest module is taken
(`derivations.d2l.ex5_realsoftmax` rather than `derivations.d2l`, which imports it),
then the first by module and attribute name. A user's file loaded by
`proofs.collect.load` (`notes/mynotes.py`) is imported by its stem, `mynotes`, from its
folder.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from proofs import Claim, Derivation, Exercise, Sheet

USER_PREFIX = "_qedsheet_user_"
"""How `proofs.collect` names the module of a user's file."""


@dataclass(frozen=True)
class Origin:
    """`from MODULE import ATTRIBUTE`; with `name`, ATTRIBUTE is an Exercise (`holder`
    "exercise") or a Sheet ("sheet") that holds the claim or derivation called `name`.
    `folder` (absolute) must be on sys.path first: the folder of a user's file, or None."""

    module: str
    attribute: str
    name: str = ""
    folder: str | None = None
    holder: str = ""

    def code(self, variable: str) -> str:
        """Python lines that bind the object to `variable`."""
        imported = f"from {self.module} import {self.attribute}"
        if not self.name:
            return imported + (f" as {variable}" if variable != self.attribute else "")
        pad = " " * (len(variable) + 8)
        if self.holder == "exercise":
            found = (f"next(x for x in (*{self.attribute}.claims, "
                     f"*{self.attribute}.derivations)\n{pad}if x.name == {self.name!r})")
        else:
            found = (f"next(x for ex in {self.attribute}.exercises "
                     f"for x in (*ex.claims, *ex.derivations)\n{pad}if x.name == {self.name!r})")
        return f"{imported}\n\n{variable} = {found}"


def _importable(module: ModuleType) -> tuple[str, str | None] | None:
    """(the name to import the module by, the folder to put on sys.path), or None."""
    name = module.__name__
    if name == "__main__":
        return None
    if not name.startswith(USER_PREFIX):
        return name, None
    file = getattr(module, "__file__", None)
    if not file or not Path(file).stem.isidentifier():
        return None
    return Path(file).stem, str(Path(file).resolve().parent)


class Origins:
    """The origins of the Claims and Derivations bound in the given modules (by default
    every module imported so far), looked up by identity."""

    def __init__(self, modules: Iterable[ModuleType] | None = None) -> None:
        found = list(sys.modules.values()) if modules is None else list(modules)
        self._bound: dict[int, tuple] = {}
        self._in_exercise: dict[int, tuple] = {}
        self._in_sheet: dict[int, tuple] = {}
        for module in found:
            where = _importable(module) if isinstance(module, ModuleType) else None
            if where is None:
                continue
            rank_module = (-module.__name__.count("."), module.__name__)
            for attr, value in list(getattr(module, "__dict__", {}).items()):
                if attr.startswith("_"):
                    continue
                if isinstance(value, (Claim, Derivation)):
                    self._keep(self._bound, value, (*rank_module, attr),
                               Origin(where[0], attr, folder=where[1]))
                elif isinstance(value, Exercise):
                    for item in (*value.claims, *value.derivations):
                        self._keep(self._in_exercise, item, (*rank_module, attr),
                                   Origin(where[0], attr, item.name, where[1], "exercise"))
                elif isinstance(value, Sheet):
                    for ex in value.exercises:
                        for item in (*ex.claims, *ex.derivations):
                            self._keep(self._in_sheet, item, (*rank_module, attr),
                                       Origin(where[0], attr, item.name, where[1], "sheet"))

    @staticmethod
    def _keep(index: dict, obj: object, rank: tuple, origin: Origin) -> None:
        held = index.get(id(obj))
        if held is None or rank < held[0]:
            index[id(obj)] = (rank, origin, obj)  # the object itself: its id stays its own

    def of(self, obj: Claim | Derivation) -> Origin | None:
        """Where `obj` can be imported from, or None when no module binds or holds it."""
        for index in (self._bound, self._in_exercise, self._in_sheet):
            held = index.get(id(obj))
            if held is not None and held[2] is obj:
                return held[1]
        return None
