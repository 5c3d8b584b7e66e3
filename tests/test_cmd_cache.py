"""The proof cache from the command line: check reuses it, --no-cache bypasses it,
`qedsheet cache` shows and clears it, damaged entries are proved again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

NOTES = """
import sympy as sp
from proofs import Claim

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", positive=True)
recip = Claim("y-plus-recip-ge-2", y + 1 / y >= 2)
square = Claim("square-positive-wrong", x**2 > 0, expect="refuted")
"""


def qedsheet(cwd: Path, cache: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QEDSHEET_CACHE_DIR": str(cache)}
    return subprocess.run([sys.executable, "-m", "qedsheet", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "notes.py").write_text(textwrap.dedent(NOTES))
    return tmp_path


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "verdicts").rglob("*.json"))


def test_a_second_check_takes_every_verdict_from_the_cache(project, tmp_path):
    cache = tmp_path / "cache"
    first = qedsheet(project, cache, "check", "notes.py")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "from the proof cache" not in first.stdout
    assert len(entries(cache)) == 2  # one proved, one refuted
    second = qedsheet(project, cache, "check", "notes.py")
    assert second.returncode == 0, second.stdout + second.stderr
    assert second.stdout.splitlines()[:2] == first.stdout.splitlines()[:2]
    assert second.stdout.rstrip().endswith("; 2 from the proof cache")


def test_no_cache_neither_reads_nor_writes_it(project, tmp_path):
    cache = tmp_path / "cache"
    out = qedsheet(project, cache, "check", "notes.py", "--no-cache")
    assert out.returncode == 0, out.stdout + out.stderr
    assert entries(cache) == []
    qedsheet(project, cache, "check", "notes.py")
    again = qedsheet(project, cache, "check", "notes.py", "--no-cache")
    assert "from the proof cache" not in again.stdout


def test_cache_info_and_clear(project, tmp_path):
    cache = tmp_path / "cache"
    qedsheet(project, cache, "check", "notes.py")
    info = qedsheet(project, cache, "cache")
    assert info.returncode == 0 and f"{cache}: 2 cached verdicts" in info.stdout
    assert qedsheet(project, cache, "cache", "path").stdout.strip() == str(cache)
    cleared = qedsheet(project, cache, "cache", "clear")
    assert cleared.returncode == 0
    assert cleared.stdout.strip() == f"removed 2 cached verdicts from {cache}"
    assert entries(cache) == []
    bad = qedsheet(project, cache, "cache", "burn")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"key": "other", "verdict": {}}'])
def test_a_damaged_entry_is_proved_again_and_rewritten(project, tmp_path, damage):
    cache = tmp_path / "cache"
    first = qedsheet(project, cache, "check", "notes.py")
    for path in entries(cache):
        path.write_bytes(damage)
    again = qedsheet(project, cache, "check", "notes.py")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Traceback" not in again.stderr
    assert "from the proof cache" not in again.stdout
    assert again.stdout.splitlines()[1].split()[:3] == first.stdout.splitlines()[1].split()[:3]
    for path in entries(cache):
        assert json.loads(path.read_text())["verdict"]["status"] in ("proved", "refuted")


def test_a_forged_refutation_is_not_trusted(project, tmp_path):
    cache = tmp_path / "cache"
    qedsheet(project, cache, "check", "notes.py")
    for path in entries(cache):
        data = json.loads(path.read_text())
        if data["verdict"]["status"] == "proved":  # forge: the true claim "refuted" at y = 1
            data["verdict"]["status"] = "refuted"
            data["verdict"]["counterexample"] = data["verdict"]["counterexample"] or None
            path.write_text(json.dumps(data))
    again = qedsheet(project, cache, "check", "notes.py")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.startswith("ok   y-plus-recip-ge-2: proved")
