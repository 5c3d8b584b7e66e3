"""A `qedsheet check` of the catalog, replayed when nothing it depends on has changed.

The catalog's verdicts depend only on the source of `proofs`, `derivations` and
`qedsheet`, the versions of the libraries they compute with, Python's version, the
command's options and qedsheet's environment variables. When all of these are as they
were for an earlier run in which every claim came out as expected (exit status 0), that
run's output is given again without importing sympy or building the catalog: the warm path
of CI. Any change (an edited claim, another sympy) misses and runs the check in full;
`--no-cache` and named targets (a user's files, whose imports cannot be followed
without running them) always run it. Entries live beside the proof cache's verdicts,
in `runs/`, and `qedsheet cache clear` removes them too.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import TextIO

PACKAGES = ("proofs", "derivations", "qedsheet")
LIBRARIES = ("sympy", "mpmath", "python-flint", "numpy")
FLAGS = {"--json"}
VALUED = {"--budget", "--jobs", "-j", "--only", "--import-timeout"}


def cache_folder() -> Path:
    """The proof cache's folder (`proofs.cache.default_folder`, without importing sympy)."""
    chosen = os.environ.get("QEDSHEET_CACHE_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("qedsheet"))


def eligible(argv: list[str]) -> bool:
    """Whether `argv` is a check of the catalog: `check` with options that only shape
    the run (no targets, no --no-cache)."""
    if not argv or argv[0] != "check":
        return False
    rest = iter(argv[1:])
    for arg in rest:
        name = arg.split("=", 1)[0]
        if arg in FLAGS or (name in VALUED and "=" in arg):
            continue
        if arg in VALUED and next(rest, None) is not None:
            continue
        return False
    return True


def run_key(argv: list[str]) -> str:
    """A digest of everything a check of the catalog depends on."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=?\0".encode())
    h.update(sys.version.encode())
    h.update(json.dumps(argv).encode())
    env = sorted((k, v) for k, v in os.environ.items()
                 if k.startswith("QEDSHEET_") or k == "SYMPY_GROUND_TYPES")
    h.update(json.dumps(env).encode())
    return h.hexdigest()


def _path(key: str) -> Path:
    return cache_folder() / "runs" / f"{key}.json"


def replay(key: str, out: TextIO, err: TextIO) -> int | None:
    """Write the recorded run's output and return its exit status; None when there is
    no sound record (missing, damaged, or for another key)."""
    try:
        data = json.loads(_path(key).read_text(encoding="utf-8"))
        if data.get("key") != key or data.get("status") != 0:
            return None
        stdout, stderr, status = str(data["stdout"]), str(data["stderr"]), data["status"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    out.write(stdout)
    err.write(stderr)
    err.write("qedsheet: nothing changed since the last check of the catalog: its result "
              "again (--no-cache checks everything)\n")
    return status


class _Tee(io.TextIOBase):
    """Writes through to `stream` and keeps a copy (a terminal's progress lines aside)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.kept = stream, io.StringIO()

    def write(self, text: str) -> int:
        if not text.startswith("\r"):
            self.kept.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.stream, "isatty", lambda: False)())


@contextmanager
def recording(key: str) -> Iterator[list[int]]:
    """Run the block with stdout and stderr copied; put its exit status in the list it
    gives. A run with status 0 is recorded (atomically) for `replay`; one with a claim
    not as expected is not, since an undecided verdict may be a budget that ran out on
    a busy machine and must be tried again."""
    result: list[int] = []
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        yield result
    finally:
        sys.stdout, sys.stderr = saved
    if result != [0]:
        return
    text = json.dumps({"key": key, "status": result[0], "stdout": out.kept.getvalue(),
                       "stderr": err.kept.getvalue()})
    from render.atomic import write_text  # (the run has imported everything by now)

    try:
        write_text(_path(key), text)
    except OSError:
        pass  # a cache that cannot be written only costs the next run its speed
