"""`qedsheet grade` as a subprocess: the annotated sheets, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "grade"
SHEETS = ("d2l_4_1_5_answers.md", "stable_softmax_backprop_notes.tex",
          "softmax_sigmoid_answers.md")


def grade(*args: str, stdin: str | None = None, timeout: float = 600):
    return subprocess.run([sys.executable, "-m", "qedsheet", "grade", *args],
                          capture_output=True, text=True, timeout=timeout, input=stdin)


def expected(sheet: str) -> dict[tuple[int, str], str]:
    out = {}
    for row in (DATA / Path(sheet).with_suffix(".expected").name).read_text().splitlines():
        if row.strip() and not row.startswith("#"):
            line, verdict, latex = row.split("\t", 2)
            out[(int(line), latex)] = verdict
    return out


@pytest.fixture(scope="module", params=SHEETS)
def graded(request):
    start = time.monotonic()
    # a generous budget: a loaded CI machine must not turn a proof into "unchecked"
    p = grade(str(DATA / request.param), "--json", "--budget", "30")
    return request.param, p, time.monotonic() - start


def test_every_annotated_relation_gets_its_verdict(graded):
    sheet, p, _ = graded
    assert p.returncode == 1, p.stderr  # the sheets hold wrong formulas
    findings = json.loads(p.stdout)["findings"]
    got = {(f["line"], f["latex"]): f for f in findings}
    exp = expected(sheet)
    assert set(got) == set(exp)
    mismatched = {k: (v, got[k]["verdict"], got[k]["reason"]) for k, v in exp.items()
                  if got[k]["verdict"] != v}
    assert not mismatched
    assert sum(v == "wrong" for v in exp.values()) >= 6
    assert sum(v == "correct" for v in exp.values()) >= 20


def test_no_correct_formula_is_reported_wrong_and_wrong_ones_carry_evidence(graded):
    sheet, p, _ = graded
    exp = expected(sheet)
    for f in json.loads(p.stdout)["findings"]:
        if f["verdict"] == "wrong":
            assert exp[(f["line"], f["latex"])] == "wrong"
            assert f["counterexample"] or "correct_value" in f or " ≈ " in f["reason"]


def test_json_shape_and_summary(graded):
    _, p, _ = graded
    data = json.loads(p.stdout)
    assert set(data) >= {"findings", "summary"}
    s = data["summary"]
    assert s["relations"] == len(data["findings"]) == s["correct"] + s["wrong"] + \
        s["unchecked"]
    for f in data["findings"]:
        assert set(f) >= {"line", "latex", "verdict", "reason", "counterexample"}


def test_grading_a_sheet_takes_seconds_not_minutes(graded):
    _, _, seconds = graded
    assert seconds < 120


def test_text_output_one_line_per_relation_and_a_summary(tmp_path):
    sheet = tmp_path / "s.md"
    sheet.write_text("# 1\n$$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$$\n\n"
                     "$$\\sigma(0) = 1$$\n")
    p = grade(str(sheet))
    assert p.returncode == 1
    lines = p.stdout.strip().splitlines()
    assert lines[0].startswith(f"{sheet}:2: correct: \\sigma'(x) = ")
    assert lines[1].startswith(f"{sheet}:4: wrong: \\sigma(0) = 1  -- ")
    assert lines[2] == "2 relations: 1 correct, 1 wrong, 0 unchecked (2 formulas, " \
                       "0 definitions, 0 conditions)"


def test_nothing_wrong_is_exit_0_and_stdin_works():
    p = grade("-", "--format", "latex", stdin="\\[ e^x \\ge 1 + x \\]\n")
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[0].startswith("-:1: correct:")


def test_unbalanced_dollar_is_reported_and_the_rest_is_read(tmp_path):
    sheet = tmp_path / "s.md"
    sheet.write_text("First $x = 1 is never closed\n\nThen $1 + 1 = 2$.\n")
    p = grade(str(sheet), "--json")
    assert p.returncode == 0
    f = json.loads(p.stdout)["findings"]
    assert [(x["line"], x["verdict"]) for x in f] == [(1, "unchecked"), (3, "correct")]
    assert "never closed" in f[0]["reason"]


def test_code_in_a_formula_is_never_run(tmp_path):
    marker = tmp_path / "pwned"
    sheet = tmp_path / "s.md"
    sheet.write_text(f"$$__import__('os').system('touch {marker}') = 1$$\n\n"
                     f"$$\\text{{{marker}}} = \\exec(1)$$\n")
    p = grade(str(sheet), "--json")
    assert p.returncode == 0 and not marker.exists()
    assert {f["verdict"] for f in json.loads(p.stdout)["findings"]} == {"unchecked"}


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    (tmp_path / "empty.md").write_text("  \n")
    (tmp_path / "bin.md").write_bytes(b"$x$\0\1\2")
    (tmp_path / "latin1.md").write_bytes("$x = 1$ caf\xe9".encode("latin-1"))
    (tmp_path / "prose.md").write_text("# Notes\nNo formulas here, $5 and $10.\n")
    big = tmp_path / "big.md"
    with big.open("w") as fh:
        fh.write("$x = 1$\n" * 1_400_000)
    return {
        "missing": ([str(tmp_path / "nope.md")], "no such file"),
        "directory": ([str(tmp_path)], "is a directory"),
        "empty": ([str(tmp_path / "empty.md")], "is empty"),
        "binary": ([str(tmp_path / "bin.md")], "binary file"),
        "not utf-8": ([str(tmp_path / "latin1.md")], "not UTF-8"),
        "no formulas": ([str(tmp_path / "prose.md")], "no formulas found"),
        "too large": ([str(big)], "larger than 2 MB"),
        "bad jobs": ([str(tmp_path / "prose.md"), "--jobs", "0"], "--jobs must be"),
        "bad budget": ([str(tmp_path / "prose.md"), "--budget", "-1"], "positive"),
    }


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    for what, (args, msg) in _bad_inputs(tmp_path).items():
        start = time.monotonic()
        p = grade(*args, timeout=60)
        assert p.returncode == 2, (what, p.stdout, p.stderr)
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1 and msg in lines[0], (what, p.stderr)
        assert "Traceback" not in p.stderr and p.stdout == ""
        assert time.monotonic() - start < 30, what


def test_malformed_formulas_are_unchecked_not_crashes(tmp_path):
    sheet = tmp_path / "s.md"
    sheet.write_text("$$\\frac{1}{ = 2$$\n\n$$x = $$\n\n$$" + "{" * 500 + "x" + "}" * 500
                     + " = 1$$\n\n$$\\frac{" * 200 + "$$\n\n$$1 = 1$$\n")
    p = grade(str(sheet), "--json", timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    verdicts = [f["verdict"] for f in json.loads(p.stdout)["findings"]]
    assert verdicts[-1] == "correct" and set(verdicts[:-1]) == {"unchecked"}
