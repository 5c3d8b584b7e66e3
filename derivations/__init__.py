"""The catalog: every claim of the solution sheets, one module per source document.

    >>> from derivations import catalog, sheets
    >>> [s.name for s in sheets()]            # doctest: +SKIP
    ['d2l-4.1.5', 'lecture-notes']
"""

from __future__ import annotations

from importlib import import_module

from proofs import Claim, Sheet

# Each entry names a module that defines SHEET, a proofs.Sheet; order is sheet order.
SHEET_MODULES: tuple[str, ...] = ("derivations.d2l", "derivations.notes")


def sheets() -> tuple[Sheet, ...]:
    """The solution sheets, in order."""
    return tuple(import_module(name).SHEET for name in SHEET_MODULES)


def catalog() -> tuple[Claim, ...]:
    """Every claim of every sheet, in sheet order (exercise order within a sheet)."""
    return tuple(c for sheet in sheets() for c in sheet.claims())
