"""What a build made from what: a product is remade only when its inputs changed.

A stamp (`DIR/.qedsheet/stamps/NAME.json`) holds the digest of a product's inputs and the
digest of each file made from them. A product is up to date when its stamp's input
digest equals the current one and every file it made is there with the same bytes; a
missing, unreadable or damaged stamp means "not up to date", never an error. Stamps are
written atomically after the product, so a build stopped half way remakes it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

from .atomic import write_text

FOLDER = Path(".qedsheet") / "stamps"


def digest(*parts: bytes | str) -> str:
    """sha256 of the parts, each length-prefixed (so that no two lists of parts share one)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _stamp_path(out: Path, name: str) -> Path:
    return out / FOLDER / (re.sub(r"[^A-Za-z0-9_.\-]", "_", name) + ".json")


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def up_to_date(out: Path, name: str, inputs: str) -> bool:
    """Whether product `name` in `out` was made from `inputs` and is there unchanged."""
    try:
        data = json.loads(_stamp_path(out, name).read_text(encoding="utf-8"))
        if data["inputs"] != inputs or not data["files"]:
            return False
        return all(_file_digest(out / rel) == sha for rel, sha in data["files"].items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def record(out: Path, name: str, inputs: str, files: Iterable[Path]) -> None:
    """Note that `files` (in `out`) were made from `inputs`; best effort (a stamp that
    cannot be written only means the product is remade next time)."""
    made = {}
    for f in files:
        sha = _file_digest(f)
        if sha is None:
            return
        made[f.resolve().relative_to(out.resolve()).as_posix()] = sha
    try:
        write_text(_stamp_path(out, name), json.dumps({"inputs": inputs, "files": made},
                                                      sort_keys=True))
    except OSError:
        pass
