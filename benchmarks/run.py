"""The catalog benchmark: qedsheet against the naive sympy way, on this machine.

    python benchmarks/run.py [--skip-build] [--json FILE]

Reports, for the whole catalog (derivations.catalog()):
- `qedsheet check`: cold (empty proof cache) and warm (nothing changed: the last run
  replayed) wall time, warm from the verdict cache alone (the replay missed, as after an
  edit elsewhere), and the ten slowest claims of the cold run;
- `qedsheet build`: cold (verdicts cached, figures and PDFs made), warm (nothing changed:
  replayed) and warm incremental (the replay missed: every file compared, nothing
  written, no LaTeX) wall time, PDF included when TeX is installed;
- `python -c "import derivations, proofs, render"` against `python -c "import sympy"`;
- peak memory (maximum resident set of the child processes);
- the naive way a sympy user checks the same claims (`simplify(lhs - rhs) == 0` for an
  equation, `limit` for a limit, `simplify` of the relation for an inequality), in the
  same run: its time, how many claims it settles and how many answers it gets wrong
  (a verdict that contradicts the claim's recorded expectation).
Every number is measured by running the commands as a user does, each in a fresh process.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
MISS = {"QEDSHEET_BENCHMARK_MISS": "1"}
"""A QEDSHEET_* variable changes the key of a replayed run: the command runs in full."""


def _run(args: list[str], env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, **(env or {})})
    return time.perf_counter() - start, out


def _best_of(n: int, args: list[str]) -> float:
    return min(_run(args)[0] for _ in range(n))


def check_times(cache: str) -> dict:
    env = {"QEDSHEET_CACHE_DIR": cache}
    cold, out = _run([PY, "-m", "qedsheet", "check", "--json"], env)
    records = json.loads(out.stdout) if out.stdout.strip().startswith("[") else []
    warm, out2 = _run([PY, "-m", "qedsheet", "check", "--json"], env)
    cached, out3 = _run([PY, "-m", "qedsheet", "check", "--json"], {**env, **MISS})
    slow = sorted(records, key=lambda r: -r["seconds"])[:10]
    settled = [r for r in records if r["status"] != "undecided"]
    wrong = [r["name"] for r in settled if r["status"] != r["expect"]]
    return {"cold_s": round(cold, 2), "warm_s": round(warm, 2),
            "warm_verdict_cache_s": round(cached, 2),
            "replayed": "nothing changed" in out2.stderr,
            "exit": [out.returncode, out2.returncode, out3.returncode],
            "claims": len(records), "settled": len(settled),
            "wrong": len(wrong), "wrong_names": wrong,
            "slowest": [(r["name"], r["seconds"], r["status"]) for r in slow]}


def build_times(cache: str) -> dict:
    env = {"QEDSHEET_CACHE_DIR": cache}
    with tempfile.TemporaryDirectory() as out_dir:
        cold, a = _run([PY, "-m", "qedsheet", "build", "-o", out_dir], env)
        warm, b = _run([PY, "-m", "qedsheet", "build", "-o", out_dir], env)
        again, c = _run([PY, "-m", "qedsheet", "build", "-o", out_dir], {**env, **MISS})
    return {"cold_s": round(cold, 2), "warm_s": round(warm, 2),
            "warm_incremental_s": round(again, 2), "replayed": "nothing changed" in b.stderr,
            "incremental_wrote": c.stderr.strip().splitlines()[-1:],
            "exit": [a.returncode, b.returncode, c.returncode]}


def import_times() -> dict:
    sympy = _best_of(5, [PY, "-c", "import sympy"])
    ours = _best_of(5, [PY, "-c", "import derivations, proofs, render"])
    return {"import_sympy_s": round(sympy, 3), "import_ours_s": round(ours, 3),
            "difference_s": round(ours - sympy, 3)}


NAIVE = r"""
import json, time, sympy as sp
from derivations import catalog
from proofs.forms import PSD, Convex
from proofs.float64 import Float64

def naive(stmt):
    if isinstance(stmt, (PSD, Convex, Float64)) or not isinstance(stmt, sp.Rel):
        return None
    if isinstance(stmt, sp.Eq):
        lhs, rhs = stmt.lhs.doit(), stmt.rhs.doit()
        d = sp.simplify(lhs - rhs)
        if d == 0:
            return True
        return False if d.is_number and d != 0 else None
    r = sp.simplify(type(stmt)(stmt.lhs.doit(), stmt.rhs.doit()))
    return True if r is sp.true else (False if r is sp.false else None)

out = []
for c in catalog():
    start = time.perf_counter()
    try:
        v = naive(c.statement)
    except Exception:
        v = None
    out.append((c.name, c.expect, v, time.perf_counter() - start))
print(json.dumps(out))
"""


def naive_way() -> dict:
    seconds, out = _run([PY, "-c", NAIVE])
    rows = json.loads(out.stdout)
    settled = [r for r in rows if r[2] is not None]
    wrong = [r[0] for r in settled if (r[2] is True) != (r[1] == "proved")]
    return {"wall_s": round(seconds, 2), "claims": len(rows), "settled": len(settled),
            "wrong": len(wrong), "wrong_names": wrong}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-build", action="store_true", help="leave out qedsheet build")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = parser.parse_args()
    results: dict = {"cores": len(os.sched_getaffinity(0))}
    with tempfile.TemporaryDirectory() as cache:
        results["check"] = check_times(cache)
        if not args.skip_build:
            results["build"] = build_times(cache)
    results["imports"] = import_times()
    results["naive"] = naive_way()
    ours = results["check"]
    results["ratio_cold_check_to_naive"] = round(ours["cold_s"] / results["naive"]["wall_s"], 2)
    results["peak_memory_mib"] = round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
