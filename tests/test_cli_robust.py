"""The real command line under bad input, huge values, closed pipes, full disks and
concurrent builds: each case ends in time, with its exit status, one line on stderr and
never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from interrupts import await_python_catching_ctrl_c, ctrl_c_default
from render_tools import need

QEDSHEET = [sys.executable, "-m", "qedsheet"]


class Run:
    """A finished `qedsheet` subprocess and how long it took."""

    def __init__(self, proc: subprocess.CompletedProcess, seconds: float) -> None:
        self.code, self.out, self.err, self.seconds = (proc.returncode, proc.stdout,
                                                       proc.stderr, seconds)


def qedsheet(*args: str, cwd: Path | None = None, limit: float = 10.0, **kw) -> Run:
    """Run the CLI; fail when it runs past `limit` seconds."""
    start = time.monotonic()
    proc = subprocess.run([*QEDSHEET, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=limit + 30, **kw)
    run = Run(proc, time.monotonic() - start)
    assert run.seconds < limit, f"took {run.seconds:.1f} s: {args}"
    assert "Traceback" not in run.err, run.err
    return run


def one_line_error(run: Run, code: int = 2) -> str:
    """The single stderr line of a failed run (asserting the exit status)."""
    assert run.code == code, (run.code, run.err)
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qedsheet: error: "), run.err
    return lines[0]


def strict_json(text: str) -> object:
    """JSON as the standard defines it: Infinity and NaN are errors."""
    def refuse(constant: str) -> None:
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


# ---- backprop: bounded evaluation, certified numbers -----------------------------------

NESTED_99 = "exp(" * 99 + "x" + ")" * 99


@pytest.mark.parametrize("expr, at, value", [
    ("exp(exp(exp(x)))", "x=3", "exp(exp(exp(3))) ≈ 2.05098643605e229520860"),
    ("exp(exp(exp(x)))", "x=5", "exp(exp(exp(5))) ≈ 1.80771685256e123822723278332"),
    ("x^100000000", "x=3", "3**100000000 ≈ 2.96460095196e47712125"),
    ("x^1000000", "x=3", "3**1000000 ≈ 1.79771011668e477121"),
    ("10^10^10*x", "x=1", "10**10000000000 ≈ 1e10000000000"),
    ("exp(710)*x", "x=1", "exp(710) ≈ 2.23399476616e308"),
    ("x^-100000000", "x=3", "3**(-100000000) ≈ 3.37313525902e-47712126"),
])
def test_huge_exact_values_stay_symbolic_with_a_certified_decimal(expr, at, value) -> None:
    run = qedsheet("backprop", expr, "--at", at)
    assert run.code == 0, run.err
    value_line = next(ln for ln in run.out.splitlines() if ln.startswith("value: "))
    assert value_line.startswith("value: " + value)
    assert "inf" not in run.out and "check: 1 of 1 gradients agree" in run.out


def test_json_of_values_beyond_float64_is_valid_with_strings() -> None:
    run = qedsheet("backprop", "exp(710)*x", "--at", "x=1", "--json")
    out = strict_json(run.out)
    assert out["value"].startswith("2.2339947661617") and out["value_exact"] == "exp(710)"
    assert out["gradients"]["x"] == out["value"] and out["nodes"][0]["value"] == 710.0
    huge = strict_json(qedsheet("backprop", "x^1000000", "--at", "x=3", "--json").out)
    assert huge["value"].endswith("e477121") and huge["value_exact"] == "3**1000000"


@pytest.mark.parametrize("expr, at, message", [
    (NESTED_99, "x=1", "too large for certified arithmetic"),
    ("exp(exp(exp(exp(x))))", "x=3", "too large for certified arithmetic"),
    ("max(x^100000000, 9^50000000)", "x=3", "cannot decide the sign"),
    ("x^y", "x=2.0,y=5000", "float overflow"),
])
def test_values_beyond_reach_are_one_line(expr, at, message) -> None:
    assert message in one_line_error(qedsheet("backprop", expr, "--at", at))


def test_the_check_uses_the_point_as_given() -> None:
    """0.333...3 (18 threes) is not 1/3: the gradient is checked at the point given."""
    run = qedsheet("backprop", "1/(x-y)", "--at",
                   "x=1/3,y=333333333333333333/1000000000000000000")
    assert "d f/d x = -9000000000000000000000000000000000000" in run.out
    assert run.code == 0 and "2 of 2 gradients agree" in run.out, run.out + run.err


# ---- output: paths, closed pipes, full disks --------------------------------------------

def test_build_into_a_file_fails_before_proving(tmp_path) -> None:
    (tmp_path / "afile").write_text("")
    for target in ("afile", "afile/sub"):
        run = qedsheet("build", "-o", target, "--only", "notes/sigmoid", cwd=tmp_path,
                       limit=8)
        assert target in one_line_error(run)
    assert (tmp_path / "afile").read_text() == ""


def test_unwritable_output_folder_fails_before_proving(tmp_path) -> None:
    """A folder where nothing can be written: with real permissions when not root, else
    with the permission error injected where the build probes the folder."""
    folder = tmp_path / "ro"
    folder.mkdir()
    argv = ["build", "-o", str(folder / "out"), "--only", "notes/sigmoid"]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            run = qedsheet(*argv, limit=8)
        finally:
            folder.chmod(0o755)
    else:
        code = ("import errno, tempfile\n"
                "def deny(*a, dir=None, **k):\n"
                "    raise PermissionError(errno.EACCES, 'Permission denied', dir)\n"
                "tempfile.mkstemp = deny\n"
                "from qedsheet.cli import main\n"
                f"raise SystemExit(main({argv!r}))\n")
        start = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=60)
        run = Run(proc, time.monotonic() - start)
        assert run.seconds < 8
    assert "Permission denied" in one_line_error(run)
    assert not list(folder.rglob("*.tex"))


@pytest.mark.parametrize("argv", [["list"], ["backprop", "x*y", "--at", "x=1,y=2", "--json"]])
def test_a_reader_that_left_ends_the_command_quietly(argv) -> None:
    """`qedsheet list | true`: stopped as by SIGPIPE (status 141), nothing on stderr."""
    proc = subprocess.Popen([*QEDSHEET, *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 128 + signal.SIGPIPE and err == ""


@pytest.mark.parametrize("argv", [["list"], ["backprop", "x", "--at", "x=1"]])
def test_a_full_disk_is_one_line(argv) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        start = time.monotonic()
        proc = subprocess.run([*QEDSHEET, *argv], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60)
        run = Run(proc, time.monotonic() - start)
    assert "No space left on device" in one_line_error(run)


# ---- check: the user's files ------------------------------------------------------------

@pytest.mark.parametrize("body", ["while True:\n    pass\n", "import time\ntime.sleep(10**6)\n"])
def test_an_import_that_never_returns_is_stopped(tmp_path, body) -> None:
    write(tmp_path, "stuck.py", body)
    run = qedsheet("check", "stuck.py", "--import-timeout", "1.5", cwd=tmp_path, limit=8)
    assert "importing stuck.py did not finish within 1.5 s" in one_line_error(run)


@pytest.mark.parametrize("line, message", [
    ('Claim("bad\\n", x > 0)', "claim name 'bad\\n' must start with a letter"),
    ('Claim("c", x > 1, given="x > 0")', "not the string 'x > 0'"),
    ('Claim("c", x > 1, hints=5)', "hints of claim 'c' must be a tuple"),
])
def test_malformed_claims_in_a_file_are_one_line(tmp_path, line, message) -> None:
    write(tmp_path, "notes.py", f"""
        import sympy as sp
        from proofs import Claim
        x = sp.Symbol("x", real=True)
        c = {line}
        """)
    err = one_line_error(qedsheet("check", "notes.py", cwd=tmp_path))
    assert message in err and "notes.py, line 5" in err


def test_matrix_counterexample_stays_on_its_claims_line(tmp_path) -> None:
    write(tmp_path, "mats.py", """
        import sympy as sp
        from proofs import PSD, Claim, Ge
        x = sp.Symbol("x", real=True)
        not_psd = Claim("not-psd", PSD(sp.Matrix([[1, x], [x, 1]])), expect="refuted")
        ok = Claim("square", Ge(x**2, 0))
        """)
    run = qedsheet("check", "mats.py", "--budget", "5", "--jobs", "1", cwd=tmp_path,
                   limit=40)
    lines = run.out.splitlines()
    assert run.code == 0 and len(lines) == 3, run.out
    assert lines[0].startswith("ok   not-psd: refuted") and "v = [[" in lines[0]


def test_ctrl_c_stops_parallel_check_within_a_second() -> None:
    # --no-cache: proving for certain, never a replay of an earlier run or cached verdicts
    proc = subprocess.Popen([*QEDSHEET, "check", "--jobs", "2", "--no-cache"],
                            stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=ctrl_c_default)
    time.sleep(4)  # the catalog is imported and two workers are proving
    group = os.getpgid(proc.pid)
    start = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - start < 1.5
    assert proc.returncode == 130 and err.strip() == "qedsheet: interrupted"
    time.sleep(0.3)
    left = subprocess.run(["pgrep", "-g", str(group)], capture_output=True, text=True).stdout
    assert left.split() == []  # no orphan workers



# the console script that pip installs beside the interpreter, and `python -m qedsheet`
SCRIPT = [str(Path(sys.executable).with_name("qedsheet"))]


@pytest.mark.parametrize("program, delay", [(QEDSHEET, 0.3), (QEDSHEET, 0.8), (SCRIPT, 0.3)],
                         ids=["module-0.3", "module-0.8", "script-0.3"])
def test_ctrl_c_while_the_libraries_load_is_one_line(program: list[str], delay: float) -> None:
    # early: while sympy and the catalog are still being imported (no command runs yet),
    # timed from the moment the interpreter catches Ctrl-C: before it, SIGINT kills any
    # Python program outright, and a loaded machine may take long to get there
    proc = subprocess.Popen([*program, "check", "--no-cache"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=ctrl_c_default)
    await_python_catching_ctrl_c(proc.pid)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err.strip() == "qedsheet: interrupted"  # no traceback

# ---- build: a shared output folder ------------------------------------------------------

TINY = '''"""A tiny sheet for concurrent builds."""
import sympy as sp
from proofs import Claim, Eq

x = sp.Symbol("x", real=True)
log_exp = Claim("log-exp", Eq(sp.log(sp.exp(x)), x))
tangent = Claim("exp-above-tangent", sp.exp(x) >= 1 + x)
'''


def _build(folder: Path) -> subprocess.Popen:
    return subprocess.Popen([*QEDSHEET, "build", "tiny.py", "-o", "out", "--format", "tex,pdf",
                             "--budget", "10"], cwd=folder, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_concurrent_builds_share_a_folder_and_later_builds_work(tmp_path) -> None:
    need("latexmk")
    need("pdflatex")
    write(tmp_path, "tiny.py", TINY)
    out = tmp_path / "out"
    runs = [_build(tmp_path) for _ in range(3)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in runs]
    assert [code for code, _ in results] == [0, 0, 0], results
    assert all("Traceback" not in err and "LaTeX failed" not in err for _, err in results)
    pdf = out / "tiny.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    # an old-style shared work folder, damaged: ignored
    (out / ".latex").mkdir(exist_ok=True)
    (out / ".latex" / "tiny.aux").write_text("\\@newl@bel{")
    again = _build(tmp_path)
    assert again.wait(timeout=300) == 0, again.stderr.read()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_an_unforeseen_error_is_still_one_line_and_traceback_on_request() -> None:
    """Whatever a command raises reaches the user as one line (exit 2), and in full with
    QEDSHEET_TRACEBACK=1, for a bug report."""
    code = ("import qedsheet.commands.list as cmd\n"
            "def boom(args):\n"
            "    raise RuntimeError('a bug\\nover two lines')\n"
            "cmd.run = boom\n"
            "from qedsheet.cli import main\n"
            "raise SystemExit(main(['list']))\n")
    quiet = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=60)
    run = Run(quiet, 0.0)
    assert "cannot handle this input (RuntimeError: a bug over two lines)" in \
        one_line_error(run)
    loud = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "QEDSHEET_TRACEBACK": "1"})
    assert loud.returncode == 1 and "Traceback" in loud.stderr
