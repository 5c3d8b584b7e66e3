"""Verdicts kept on disk, so that an unchanged claim is not proved again.

An entry is keyed by everything that decides a verdict: the claim's name (it seeds the
sampling), statement, assumptions and hints (their srepr, fresh variables numbered), and
the engine's fingerprint (the source of the `proofs` package and the versions of sympy,
mpmath and python-flint); it holds the verdict as `proofs.serial` data, steps
unevaluated. Only "proved" and "refuted" are kept: they hold whatever the budget. A
cached refutation is checked again before use (its counterexample evaluated, certified).
An entry that is unreadable, half written, for another key or fails that check is
ignored and written anew; writes are atomic, so concurrent runs never see a torn one.

The folder is `QEDSHEET_CACHE_DIR` if set, else the user's cache folder (platformdirs).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import sympy as sp

from . import serial
from .claim import Claim
from .verdict import Verdict, verdict_data, verdict_from_data

KEPT = ("proved", "refuted")


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of the engine's source and of the libraries its verdicts depend on."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    for lib in ("sympy", "mpmath", "python-flint"):
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=?".encode())
    h.update(os.environ.get("SYMPY_GROUND_TYPES", "").encode())
    return h.hexdigest()


def default_folder() -> Path:
    """QEDSHEET_CACHE_DIR, else the per-user cache folder of qedsheet."""
    chosen = os.environ.get("QEDSHEET_CACHE_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("qedsheet"))


@dataclass
class ProofCache:
    """The verdicts in one folder (see the module's docstring); `hits` counts the verdicts
    taken from it by this object."""

    folder: Path
    hits: int = 0

    @classmethod
    def default(cls) -> ProofCache:
        return cls(default_folder())

    def key(self, claim: Claim) -> str | None:
        """The entry's name for `claim`, or None when the claim holds something without
        a stable written form (an object that prints its memory address, say)."""
        text = "\n".join([engine_fingerprint(), claim.name,
                          _text((claim.statement, claim.given, tuple(claim.hints)))])
        if " at 0x" in text:
            return None
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / "verdicts" / key[:2] / f"{key}.json"

    def get(self, claim: Claim) -> Verdict | None:
        """The cached verdict of `claim`, checked again; None when there is none."""
        key = self.key(claim)
        if key is None:
            return None
        path = self._path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") != key:
                return None
            verdict = verdict_from_data(claim, data["verdict"])
        except (OSError, ValueError, KeyError, TypeError, serial.NotSerializable):
            return None
        except Exception:  # whatever a damaged entry makes sympy raise: not trusted
            return None
        if verdict.status not in KEPT or not _still_holds(verdict):
            return None
        self.hits += 1
        return verdict

    def put(self, claim: Claim, verdict: Verdict) -> bool:
        """Keep a "proved" or "refuted" verdict; False when it was not kept."""
        if verdict.status not in KEPT:
            return False
        key = self.key(claim)
        if key is None:
            return False
        try:
            text = json.dumps({"key": key, "verdict": verdict_data(verdict)})
        except serial.NotSerializable:
            return False
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return False
        return True

    def usage(self) -> tuple[int, int]:
        """(entries, bytes) in the folder."""
        count = size = 0
        for path in (self.folder / "verdicts").rglob("*.json"):
            try:
                size += path.stat().st_size
                count += 1
            except OSError:
                pass
        return count, size

    def clear(self) -> int:
        """Remove every entry (and the recorded runs of `qedsheet check`, which rest on
        them); the number of verdicts removed."""
        for path in (self.folder / "runs").glob("*.json"):
            path.unlink(missing_ok=True)
        removed = 0
        for path in (self.folder / "verdicts").rglob("*.json"):
            try:
                path.unlink()
                removed += 1
            except OSError:
                pass
        return removed


def _text(obj: object) -> str:
    """A written form of `obj` that is the same in every process: sympy's srepr with the
    indices of fresh (Dummy) variables renumbered by first appearance (in the text, so
    that objects xreplace cannot rebuild are covered too), dataclass fields in order."""
    return _DUMMY_INDEX.sub(_Renumber(), _raw_text(obj))


_DUMMY_INDEX = re.compile(r"dummy_index=(\d+)")


class _Renumber:
    """Replaces each distinct dummy index by its rank of first appearance."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, match: re.Match) -> str:
        return f"dummy_index={self.seen.setdefault(match.group(1), len(self.seen))}"


def _raw_text(obj: object) -> str:
    if isinstance(obj, sp.Basic):
        return sp.srepr(obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return type(obj).__name__ + "(" + ", ".join(
            _raw_text(getattr(obj, f.name)) for f in dataclasses.fields(obj)) + ")"
    if isinstance(obj, (tuple, list)):
        return "(" + ", ".join(_raw_text(a) for a in obj) + ")"
    return repr(obj)


def _still_holds(v: Verdict) -> bool:
    """The cheap re-check of a cached verdict: a refutation's counterexample is evaluated
    again, certified (a proof is not: its numbers were checked when it was made, by the
    engine of this very fingerprint, and re-sampling it costs as much as the
    cross-check). A statement with derivatives is instantiated at the point's integers
    before it is differentiated: one point does not need the derivative for every n."""
    from .forms import Convex
    from .numeric import evaluate

    if v.status != "refuted":
        return True
    statement = v.claim.statement
    if isinstance(statement, Convex):  # its witness is a pair, not a point
        return True
    point = dict(v.counterexample or {})
    fast = not statement.has(sp.Derivative, sp.Subs)
    return evaluate(statement, point, fast=fast).truth is False
