"""Collect the claims and the solution sheet of a Python file (`notes.py`) or module
(`mypkg.notes`).

    >>> from proofs.collect import collect_claims, collect_sheets
    >>> collect_claims("notes.py")            # doctest: +SKIP
    (<Claim exp-ge-1-plus-x: exp(x) >= x + 1>, ...)
    >>> collect_sheets(["notes.py"])[0].name  # doctest: +SKIP
    'notes'

A module that defines `SHEET = proofs.Sheet(...)` has that sheet; any other module's
sheet is named after the file and shows its claims and derivations in file order.
Bad input (no such file, a module that does not import, no claims at all) raises
`CollectError` with a one-line message.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import re
import sys
import traceback
import zlib
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from .claim import Claim
from .derivation import Derivation
from .exercise import Exercise, Sheet

_MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")


class CollectError(ValueError):
    """The target cannot be read as claims; the message is one line for the user."""


def _public(module: ModuleType, kind: type | tuple[type, ...]) -> list:
    """The objects of `kind` bound to public module-level names, in definition order (an
    object bound to two names counts once; names starting with "_" are skipped)."""
    seen: set[int] = set()
    out = []
    for name, value in vars(module).items():
        if isinstance(value, kind) and not name.startswith("_") and id(value) not in seen:
            seen.add(id(value))
            out.append(value)
    return out


def claims_of(module: ModuleType) -> tuple[Claim, ...]:
    """The module's claims: those bound to public module-level names and the steps of
    its public derivations (each step a claim), in definition order, then those of its
    `SHEET` (if it has one) not among them, its derivations' steps included."""
    items: list = _public(module, (Claim, Derivation))
    sheet = getattr(module, "SHEET", None)
    if isinstance(sheet, Sheet):
        items += [item for ex in sheet.exercises for item in (*ex.claims, *ex.derivations)]
    out: list[Claim] = []
    for item in items:
        for c in item.link_claims() if isinstance(item, Derivation) else (item,):
            if not any(c is seen or (c.name == seen.name and c == seen) for seen in out):
                out.append(c)
    return tuple(out)


def sheet_of(module: ModuleType, name: str, target: str | None = None) -> Sheet:
    """The module's solution sheet: its `SHEET` (a proofs.Sheet) when it defines one;
    otherwise a sheet called `name`, titled by the first line of the module's docstring
    (the rest is its introduction), that shows each public module-level Claim and
    Derivation in definition order. `target` names the module in messages."""
    target = target or name
    sheet = getattr(module, "SHEET", None)
    if sheet is not None:
        if not isinstance(sheet, Sheet):
            raise CollectError(f"{target}: SHEET must be a proofs.Sheet, got "
                               f"{type(sheet).__name__}")
        return sheet
    doc = inspect.cleandoc(module.__doc__ or "")
    title, _, intro = doc.partition("\n")
    exercises = []
    for k, item in enumerate(_public(module, (Claim, Derivation)), 1):
        if isinstance(item, Claim):
            exercises.append(Exercise(str(k), item.source or name, item.title or item.name,
                                      "", "", claims=(item,)))
        else:
            exercises.append(Exercise(str(k), item.source or name, item.title or item.name,
                                      "", "", derivations=(item,)))
    if not exercises:
        raise CollectError(f"{target} defines no module-level proofs.Claim, Derivation or "
                           "SHEET")
    return Sheet(name, title.strip() or name, intro.strip(), tuple(exercises))


def _where(exc: BaseException, path: str | None) -> str:
    """' (notes.py, line 3)' for the innermost frame in the user's file, if any."""
    if isinstance(exc, SyntaxError) and exc.lineno:
        return f" (line {exc.lineno})"
    frames = traceback.extract_tb(exc.__traceback__)
    if path is not None:
        mine = [f for f in frames if os.path.abspath(f.filename) == os.path.abspath(path)]
        frames = mine or frames
    if not frames:
        return ""
    f = frames[-1]
    return f" ({os.path.basename(f.filename)}, line {f.lineno})"


def _failure(target: str, exc: BaseException, path: str | None = None) -> CollectError:
    detail = exc.msg if isinstance(exc, SyntaxError) and exc.msg else str(exc)
    detail = " ".join(detail.split())[:200]
    return CollectError(f"cannot import {target}: {type(exc).__name__}: {detail}"
                        f"{_where(exc, path)}")


def _load_file(target: str) -> ModuleType:
    path = Path(target)
    if not path.exists():
        raise CollectError(f"no such file: {target}")
    if path.is_dir():
        raise CollectError(f"{target} is a directory; name a .py file or a module")
    if path.suffix != ".py":
        raise CollectError(f"{target} is not a Python file (.py)")
    path = path.resolve()
    stem = re.sub(r"\W", "_", path.stem)
    name = f"_qedsheet_user_{stem}_{zlib.crc32(str(path).encode()):08x}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - .py files always have one
        raise CollectError(f"cannot import {target}")
    module = importlib.util.module_from_spec(spec)
    folder = str(path.parent)
    sys.path.insert(0, folder)  # so that the file can import its neighbours
    sys.modules[name] = module  # dataclasses and pickling look the module up by name
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as exc:
        sys.modules.pop(name, None)
        raise _failure(target, exc, str(path)) from None
    finally:
        if folder in sys.path:
            sys.path.remove(folder)
    return module


def _load_module(target: str) -> ModuleType:
    if not _MODULE_NAME.fullmatch(target):
        raise CollectError(f"{target!r} is neither a .py file nor a module name such as "
                           "mypkg.notes")
    cwd = os.getcwd()
    added = cwd not in sys.path
    if added:
        sys.path.insert(0, cwd)  # as `python -m` does
    try:
        return importlib.import_module(target)
    except ModuleNotFoundError as exc:
        if exc.name and (target == exc.name or target.startswith(exc.name + ".")):
            raise CollectError(f"no such file or module: {target}") from None
        raise _failure(target, exc) from None
    except (Exception, SystemExit) as exc:
        raise _failure(target, exc) from None
    finally:
        if added and cwd in sys.path:
            sys.path.remove(cwd)


def load(target: str) -> ModuleType:
    """Import `target`: a path to a .py file, or a dotted module name importable from here."""
    looks_like_file = target.endswith(".py") or os.sep in target or "/" in target
    if looks_like_file or Path(target).is_file():
        return _load_file(target)
    return _load_module(target)


def collect_claims(target: str) -> tuple[Claim, ...]:
    """The claims of one file or module (see `claims_of`); CollectError when there are
    none."""
    claims = claims_of(load(target))
    if not claims:
        raise CollectError(f"{target} defines no module-level proofs.Claim")
    return claims


def sheet_name(target: str) -> str:
    """The name of a target's sheet: the file's stem (`notes.py`, `mypkg/notes.py` ->
    `notes`) or a module's last name (`mypkg.notes` -> `notes`)."""
    if target.endswith(".py") or os.sep in target or "/" in target or Path(target).is_file():
        stem = Path(target).stem
    else:
        stem = target.rpartition(".")[2]
    return re.sub(r"[^A-Za-z0-9_.\-]", "-", stem).lstrip("._-") or "sheet"


def collect_sheets(targets: Iterable[str]) -> tuple[Sheet, ...]:
    """The sheet of every target, in the order given (see `sheet_of`; a target named
    twice counts once); CollectError when two sheets would write the same files or two
    different claims share a name."""
    sheets: list[Sheet] = []
    first: dict[str, str] = {}  # sheet name -> the target that has it
    for target in dict.fromkeys(targets):  # a target named twice counts once
        sheet = sheet_of(load(target), sheet_name(target), target)
        earlier = first.setdefault(sheet.name, target)
        if earlier != target:
            raise CollectError(f"two sheets are named {sheet.name!r} ({earlier} and {target}); "
                               "they would write the same files")
        sheets.append(sheet)
    _one_claim_per_name([(c, t) for s, t in zip(sheets, first.values(), strict=True)
                         for c in s.claims()])
    return tuple(sheets)


def _one_claim_per_name(claims: list[tuple[Claim, str]]) -> None:
    """CollectError when two claims that differ share a name (claims are paired with the
    target they come from, for the message)."""
    where: dict[str, tuple[Claim, str]] = {}
    for claim, origin in claims:
        first = where.setdefault(claim.name, (claim, origin))
        if first[0] is not claim and first[0] != claim:
            places = (f"both in {origin}" if first[1] == origin else
                      f"{first[1]} and {origin}")
            raise CollectError(f"two different claims are named {claim.name!r} ({places}); "
                               "give each a name of its own")


def collect_all(targets: Iterable[str]) -> tuple[Claim, ...]:
    """The claims of every target, in the order given (a claim object imported by two
    targets counts once); CollectError when two claims that differ share a name, since
    names are what verdicts, anchors and --only refer to."""
    out: list[Claim] = []
    where: dict[str, tuple[Claim, str]] = {}
    for target in targets:
        for claim in collect_claims(target):
            if claim.name in where:
                first, origin = where[claim.name]
                if first is claim:
                    continue
                if first == claim:  # the same statement under the same name: no clash
                    out.append(claim)
                    continue
                places = f"both in {target}" if origin == target else f"{origin} and {target}"
                raise CollectError(f"two different claims are named {claim.name!r} "
                                   f"({places}); give each a name of its own")
            where[claim.name] = (claim, target)
            out.append(claim)
    return tuple(out)
