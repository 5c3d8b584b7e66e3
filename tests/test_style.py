"""The code is ruff-clean (the style the project holds itself to)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean() -> None:
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "proofs", "derivations",
                        "render", "qedsheet", "tests"], cwd=ROOT, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_packages_point_one_way() -> None:
    """proofs imports neither derivations nor render; derivations does not import render."""
    bad = []
    for pkg, forbidden in (("proofs", ("derivations", "render", "qedsheet")),
                           ("derivations", ("render", "qedsheet")),
                           ("render", ("derivations", "qedsheet"))):
        for f in (ROOT / pkg).rglob("*.py"):
            for line in f.read_text().splitlines():
                words = line.strip().split()
                if len(words) >= 2 and words[0] in ("import", "from") and \
                        words[1].split(".")[0] in forbidden:
                    bad.append(f"{f.relative_to(ROOT)}: {line.strip()}")
    assert not bad, "\\n".join(bad)
