"""Atomic file writes: a reader never sees a half-written sheet or figure."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file in the same directory and a rename."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write `text` as UTF-8 (with "\\n" line ends) atomically."""
    return write_bytes(path, text.encode("utf-8"))


def write_text_if_changed(path: str | os.PathLike, text: str) -> bool:
    """Write `text` atomically unless the file already holds exactly it (its time stamp
    then stays, so tools that watch it see no change); whether it was written."""
    data = text.encode("utf-8")
    try:
        if Path(path).read_bytes() == data:
            return False
    except OSError:
        pass
    write_bytes(path, data)
    return True


def ready_folder(path: str | os.PathLike) -> Path:
    """Create the folder `path` (and its parents) and make sure a file can be written in
    it, so that a build fails before its work, not after; OSError (with the path)
    otherwise."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "Not a folder", str(folder))
    folder.mkdir(parents=True, exist_ok=True)
    fd, probe = tempfile.mkstemp(prefix=".qedsheet-probe-", dir=folder)
    os.close(fd)
    os.unlink(probe)
    return folder
