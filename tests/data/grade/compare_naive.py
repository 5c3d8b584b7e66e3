"""Catch rates of `qedsheet grade` and of the naive approach on the annotated sheets.

    .venv/bin/python tests/data/grade/compare_naive.py --naive-python /path/to/python

The naive approach (naive_judge.py: latex2sympy2_extended + sympy.simplify) runs under
`--naive-python`, an interpreter that has latex2sympy2_extended installed; it is given
each relation already cut out of its chain or align row (a help it would not have on
its own). qedsheet grades the whole sheet with `qedsheet grade --json`. For each sheet
and in total: wrong relations reported wrong (caught), correct ones reported correct
(confirmed), and correct ones reported wrong (false alarms).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHEETS = ("d2l_4_1_5_answers.md", "stable_softmax_backprop_notes.tex",
          "softmax_sigmoid_answers.md")


def expected(sheet: str) -> list[tuple[int, str, str]]:
    """(line, expected verdict, LaTeX) of every relation of the sheet."""
    out = []
    for row in (HERE / Path(sheet).with_suffix(".expected").name).read_text().splitlines():
        if row.startswith("#") or not row.strip():
            continue
        line, verdict, latex = row.split("\t", 2)
        out.append((int(line), verdict, latex))
    return out


def score(exp: list[tuple[int, str, str]], got: dict[tuple[int, str], str]) -> dict:
    wrong = [(ln, x) for ln, v, x in exp if v == "wrong"]
    right = [(ln, x) for ln, v, x in exp if v == "correct"]
    return {"wrong": len(wrong), "caught": sum(got.get(k) == "wrong" for k in wrong),
            "correct": len(right), "confirmed": sum(got.get(k) == "correct" for k in right),
            "false_alarms": sum(got.get(k) == "wrong" for k in right)}


def qedsheet(sheet: str, python: str) -> tuple[dict[tuple[int, str], str], float]:
    start = time.monotonic()
    p = subprocess.run([python, "-m", "qedsheet", "grade", str(HERE / sheet), "--json"],
                       capture_output=True, text=True, timeout=900)
    data = json.loads(p.stdout)
    return ({(f["line"], f["latex"]): f["verdict"] for f in data["findings"]},
            time.monotonic() - start)


def naive(exp: list[tuple[int, str, str]], python: str) -> tuple[dict, float]:
    start = time.monotonic()
    p = subprocess.run([python, str(HERE / "naive_judge.py")],
                       input=json.dumps([x for _, _, x in exp]), capture_output=True,
                       text=True, timeout=1800)
    if p.returncode != 0:
        raise SystemExit(f"naive judge failed: {p.stderr.strip().splitlines()[-1:]}")
    verdicts = json.loads(p.stdout)
    return ({(ln, x): v for (ln, _, x), v in zip(exp, verdicts, strict=True)},
            time.monotonic() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--naive-python", required=True,
                    help="a Python interpreter with latex2sympy2_extended installed")
    ap.add_argument("--qedsheet-python", default=sys.executable)
    args = ap.parse_args()
    totals: dict[str, dict[str, int]] = {"qedsheet": {}, "naive": {}}
    for sheet in SHEETS:
        exp = expected(sheet)
        for who, (got, seconds) in (("qedsheet", qedsheet(sheet, args.qedsheet_python)),
                                    ("naive", naive(exp, args.naive_python))):
            s = score(exp, got)
            for k, v in s.items():
                totals[who][k] = totals[who].get(k, 0) + v
            print(f"{sheet:40s} {who:9s} caught {s['caught']}/{s['wrong']} wrong, "
                  f"confirmed {s['confirmed']}/{s['correct']} correct, "
                  f"{s['false_alarms']} false alarms, {seconds:.1f} s")
    for who, s in totals.items():
        print(f"{'total':40s} {who:9s} caught {s['caught']}/{s['wrong']} wrong, "
              f"confirmed {s['confirmed']}/{s['correct']} correct, "
              f"{s['false_alarms']} false alarms")


if __name__ == "__main__":
    main()
