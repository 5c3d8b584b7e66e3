"""Atomic writes: whole files or the old ones, no temporary files left behind."""

from pathlib import Path

import pytest

from render import atomic


def test_write_replaces_and_leaves_no_temp(tmp_path: Path):
    p = tmp_path / "sub" / "f.txt"
    atomic.write_text(p, "one")
    atomic.write_text(p, "two\n")
    assert p.read_bytes() == b"two\n"
    assert [q.name for q in p.parent.iterdir()] == ["f.txt"]


def test_failed_write_keeps_old_file(tmp_path: Path, monkeypatch):
    p = tmp_path / "f.bin"
    atomic.write_bytes(p, b"old")

    def boom(*_a):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OSError):
        atomic.write_bytes(p, b"new")
    assert p.read_bytes() == b"old" and [q.name for q in tmp_path.iterdir()] == ["f.bin"]
