"""A `qedsheet check` or `build` of the catalog, replayed when nothing it depends on has
changed.

The catalog's verdicts depend only on the source of `proofs`, `derivations` and
`qedsheet`, the versions of the libraries they compute with, Python's version, the
command's options and qedsheet's environment variables. When all of these are as they
were for an earlier run in which every claim came out as expected (exit status 0), that
run's output is given again without importing sympy or building the catalog: the warm path
of CI. Any change (an edited claim, another sympy) misses and runs the check in full;
`--no-cache` and named targets (a user's files, whose imports cannot be followed
without running them) always run it. Entries live beside the proof cache's verdicts,
in `runs/`, and `qedsheet cache clear` removes them too.

A build depends on `render` and the drawing libraries too, on its output folder and on
the TeX it ran; it is replayed only when every file it left there still has the bytes it
wrote (a file edited or removed by hand means a build, which then remakes only what it
must), and a build that could not make everything asked for (no TeX) is not recorded.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TextIO

PACKAGES = ("proofs", "derivations", "qedsheet")
LIBRARIES = ("sympy", "mpmath", "python-flint", "numpy")
SHAPING = {"--budget", "--jobs", "-j", "--only", "--import-timeout"}


@dataclass(frozen=True)
class Command:
    """What a replayable command's result depends on beyond the catalog's source."""

    flags: frozenset[str]
    valued: frozenset[str]
    packages: tuple[str, ...] = ()
    libraries: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    output: str | None = None  # the default folder of a command that writes files there


COMMANDS = {
    "check": Command(frozenset({"--json"}), frozenset(SHAPING)),
    "build": Command(frozenset(), frozenset(SHAPING | {"-o", "--output", "--format"}),
                     packages=("render",), libraries=("matplotlib", "latexify-py", "nbformat"),
                     tools=("latexmk", "pdflatex"), output="build"),
}


def cache_folder() -> Path:
    """The proof cache's folder (`proofs.cache.default_folder`, without importing sympy)."""
    chosen = os.environ.get("QEDSHEET_CACHE_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("qedsheet"))


def _options(argv: list[str]) -> dict[str, str] | None:
    """The options of a replayable command line (flag -> "", option -> value); None when
    it is not one: another command, a target, --no-cache, a value missing."""
    command = COMMANDS.get(argv[0]) if argv else None
    if command is None:
        return None
    found: dict[str, str] = {}
    rest = iter(argv[1:])
    for arg in rest:
        name, eq, value = arg.partition("=")
        if arg in command.flags:
            found[arg] = ""
        elif name in command.valued and eq:
            found[name] = value
        elif arg in command.valued and (value := next(rest, None)) is not None:
            found[arg] = value
        else:
            return None
    return found


def eligible(argv: list[str]) -> bool:
    """Whether `argv` is a check or build of the catalog: with options that only shape
    the run (no targets, no --no-cache)."""
    return _options(argv) is not None


def writes_files(argv: list[str]) -> bool:
    """Whether the replayable command `argv` writes files (a build): its record must list
    them, and it is replayed only while they are unchanged."""
    return COMMANDS[argv[0]].output is not None


def output_folder(argv: list[str]) -> Path:
    """The folder a replayable command that writes files writes to, resolved."""
    options = _options(argv) or {}
    default = COMMANDS[argv[0]].output or "."
    return Path(options.get("--output", options.get("-o", default))).resolve()


def _tool(name: str) -> str:
    """Where a program is and which build of it (its size and time), or that it is absent."""
    path = shutil.which(name)
    if path is None:
        return f"{name}=absent"
    real = os.path.realpath(path)
    stat = os.stat(real)
    return f"{name}={real}:{stat.st_size}:{stat.st_mtime_ns}"


def run_key(argv: list[str]) -> str:
    """A digest of everything a check or build of the catalog depends on."""
    command = COMMANDS[argv[0]]
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for package in (*PACKAGES, *command.packages):
        for path in sorted((root / package).rglob("*.py")):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for lib in (*LIBRARIES, *command.libraries):
        try:
            h.update(f"{lib}={metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=?\0".encode())
    for tool in command.tools:
        h.update(_tool(tool).encode() + b"\0")
    h.update(sys.version.encode())
    h.update(json.dumps(argv).encode())
    if command.output is not None:
        h.update(str(output_folder(argv)).encode())
    env = sorted((k, v) for k, v in os.environ.items()
                 if k.startswith("QEDSHEET_") or k == "SYMPY_GROUND_TYPES")
    h.update(json.dumps(env).encode())
    return h.hexdigest()


def _path(key: str) -> Path:
    return cache_folder() / "runs" / f"{key}.json"


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def replay(key: str, out: TextIO, err: TextIO) -> int | None:
    """Write the recorded run's output and return its exit status; None when there is
    no sound record (missing, damaged, for another key, or a file it left changed)."""
    try:
        data = json.loads(_path(key).read_text(encoding="utf-8"))
        if data.get("key") != key or data.get("status") != 0:
            return None
        stdout, stderr, status = str(data["stdout"]), str(data["stderr"]), data["status"]
        files = dict(data.get("files", {}))
        if not all(_sha256(Path(name)) == sha for name, sha in files.items()):
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    out.write(stdout)
    if files:  # a build: its messages told what it wrote, and this run writes nothing
        folder = os.path.commonpath(list(files))
        err.write(f"qedsheet: nothing changed since the last build: its {len(files)} files "
                  f"in {folder} are as it wrote them (--no-cache builds everything again)\n")
        return status
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


@dataclass
class Run:
    """A run being recorded: its exit status, and for a build every file it left (none
    when it could not make everything asked for, and then it is not recorded)."""

    status: int | None = None
    files: list[Path] = field(default_factory=list)


@contextmanager
def recording(key: str, build: bool = False) -> Iterator[Run]:
    """Run the block with stdout and stderr copied; it sets the `Run`'s status (and a
    build its files). A run with status 0 is recorded (atomically) for `replay`; one with
    a claim not as expected is not, since an undecided verdict may be a budget that ran
    out on a busy machine and must be tried again."""
    run = Run()
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        yield run
    finally:
        sys.stdout, sys.stderr = saved
    if run.status != 0 or (build and not run.files):
        return
    files = {}
    for path in run.files:
        sha = _sha256(path)
        if sha is None:
            return
        files[str(path.resolve())] = sha
    text = json.dumps({"key": key, "status": run.status, "stdout": out.kept.getvalue(),
                       "stderr": err.kept.getvalue(), "files": files}, sort_keys=True)
    from render.atomic import write_text  # (the run has imported everything by now)

    try:
        write_text(_path(key), text)
    except OSError:
        pass  # a cache that cannot be written only costs the next run its speed
