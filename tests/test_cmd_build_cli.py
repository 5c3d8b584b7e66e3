"""`qedsheet build` as a user runs it: a subprocess, a relative output folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from render_tools import need


def test_relative_output_folder_gets_its_pdf(tmp_path: Path) -> None:
    need("latexmk")
    need("pdflatex")
    r = subprocess.run([sys.executable, "-m", "qedsheet", "build", "-o", "out", "--only",
                        "notes/sigmoid"], cwd=tmp_path, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    assert "failed" not in r.stderr
    # one exercise of the lecture notes: a sheet of its own, never the full sheet's name
    assert (tmp_path / "out" / "lecture-notes--notes-sigmoid.pdf").read_bytes()[:5] == b"%PDF-"
    assert not (tmp_path / "out" / "lecture-notes.pdf").exists()
    assert not (tmp_path / "out" / "out").exists()
    assert r.stdout == ""  # piped: quiet on stdout, a summary on stderr only
