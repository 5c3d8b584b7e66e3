"""prove_many: the same verdicts in the same order as one process, claims never re-built;
a claim that exits, kills or blocks its worker costs only its own verdict; Ctrl-C is quick."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sympy as sp
from interrupts import ctrl_c_default

from proofs import Claim, Step, Verdict, parallel
from proofs.parallel import prove_many

x = sp.Symbol("x", real=True)
CLAIMS = [
    # sympy would evaluate these to True if they were re-built (as unpickling does)
    Claim("ceil-log2-3", sp.Eq(sp.ceiling(sp.log(3) / sp.log(2)), 2, evaluate=False)),
    Claim("third-sum", sp.Eq(sp.Rational(1, 3) + sp.Rational(2, 3), 1, evaluate=False)),
    Claim("tangent", sp.exp(x) > 1 + x),
    Claim("tangent-ge", sp.exp(x) >= 1 + x),
]


@pytest.fixture(autouse=True)
def no_workers_left_behind():
    yield
    assert multiprocessing.active_children() == []


def test_workers_prove_the_claims_themselves() -> None:
    serial = prove_many(CLAIMS, budget=10, jobs=1)
    forked = prove_many(CLAIMS, budget=10, jobs=2)
    assert [v.claim.name for v in forked] == [c.name for c in CLAIMS]
    assert [(v.status, v.method) for v in forked] == [(v.status, v.method) for v in serial]
    assert all("sympy evaluated" not in v.method for v in forked)
    assert [v.status for v in forked] == ["proved", "proved", "refuted", "proved"]


def test_progress_is_reported_per_claim() -> None:
    seen: list[str] = []
    prove_many(CLAIMS[:2], budget=10, jobs=2, advance=seen.append)
    assert sorted(seen) == sorted(c.name for c in CLAIMS[:2])


# --- claims that end the process proving them -------------------------------------------

def _ending(how: str) -> type[sp.Function]:
    """A function that ends the process as soon as the prover evaluates it at a number
    (claims holding it can be built: eval leaves a symbolic argument alone)."""

    class End(sp.Function):
        @classmethod
        def eval(cls, arg):
            if arg.is_Number:
                if how == "os._exit":
                    os._exit(0)
                if how == "sys.exit":
                    sys.exit(0)
                if how == "SIGKILL":
                    os.kill(os.getpid(), signal.SIGKILL)
            return None

    End.__name__ = f"End_{how.replace('.', '_')}"
    return End


def _mixed(bomb: type[sp.Function]) -> list[Claim]:
    return [
        Claim("sq-ge-0", sp.Ge(x**2, 0, evaluate=False)),
        Claim("ends-first", bomb(x) >= 0),
        Claim("cube-ge-0", x**3 >= 0),
        Claim("third-sum", sp.Eq(sp.Rational(1, 3) + sp.Rational(2, 3), 1, evaluate=False)),
        Claim("ends-again", bomb(x) + 1 >= 1),
        Claim("tangent-ge", sp.exp(x) >= 1 + x),
    ]


@pytest.mark.parametrize("jobs, isolate", [(2, False), (1, True)])
@pytest.mark.parametrize("how", ["os._exit", "sys.exit", "SIGKILL"])
def test_a_claim_that_ends_its_worker_is_undecided_and_the_run_goes_on(how, jobs, isolate):
    claims = _mixed(_ending(how))
    verdicts = prove_many(claims, budget=10, jobs=jobs, isolate=isolate)
    assert [v.claim for v in verdicts] == claims
    assert all(v.claim is c for v, c in zip(verdicts, claims, strict=True))
    assert [v.status for v in verdicts] == [
        "proved", "undecided", "refuted", "proved", "undecided", "proved"]
    for v in (verdicts[1], verdicts[4]):
        if how == "os._exit":
            assert v.reason == "the worker process exited with code 0 while proving this claim"
        elif how == "SIGKILL":
            assert v.reason == ("the worker process was killed by SIGKILL (signal 9) while "
                                "proving this claim")
        else:  # the process exit, or `prove` itself reporting SystemExit
            assert "exit" in v.reason.lower()
    assert verdicts[2].counterexample[x] < 0
    healthy = [c for c in claims if not c.name.startswith("ends")]
    assert [(v.status, v.method, v.reason) for v in verdicts if v.claim in healthy] == \
        [(v.status, v.method, v.reason) for v in prove_many(healthy, budget=10, jobs=1)]


def test_an_isolated_single_claim_cannot_end_the_caller():
    [v] = prove_many([Claim("ends", _ending("os._exit")(x) >= 0)], budget=10, isolate=True)
    assert v.status == "undecided" and "exited with code 0" in v.reason


# --- the hard wall-clock limit ----------------------------------------------------------

class Stuck(sp.Function):
    """Blocks like C code that never returns to the interpreter: SIGALRM (the in-process
    budget) is blocked, so `prove` itself would wait the full minute."""

    @classmethod
    def eval(cls, arg):
        if arg.is_Number:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        return None


def test_a_claim_blocked_past_budget_and_grace_is_killed_and_undecided():
    claims = [Claim("stuck", Stuck(x) >= 0), Claim("cube-ge-0", x**3 >= 0),
              Claim("stuck-too", Stuck(x) <= 1)]
    started = time.monotonic()
    verdicts = prove_many(claims, budget=1, jobs=2, grace=1)
    elapsed = time.monotonic() - started
    assert elapsed < 1 + 1 + 3, elapsed  # two stuck claims side by side, plus slack
    assert [v.status for v in verdicts] == ["undecided", "refuted", "undecided"]
    for v in (verdicts[0], verdicts[2]):
        assert v.reason.startswith("budget: 1 s ran out and the proof was still running 1 s "
                                   "later"), v.reason
        assert "worker process was killed" in v.reason
        assert 2 <= v.seconds < 4


# --- verdicts that do not travel back ---------------------------------------------------

class Opaque:
    """An object that cannot be pickled."""

    def __reduce__(self):
        raise TypeError("Opaque objects stay where they are")


def _fake_prove(bad: str):
    def fake(claim: Claim, budget: float) -> Verdict:
        if claim.name != "bad":
            return Verdict(claim, "proved", method="fake")
        if bad == "steps":
            return Verdict(claim, "proved", method="fake", steps=(Step(Opaque(), "=", 1, ""),))
        return Verdict(claim, "refuted", method="fake", counterexample={x: Opaque()})
    return fake


def test_unpicklable_steps_are_dropped_and_the_verdict_kept(monkeypatch):
    monkeypatch.setattr(parallel, "prove", _fake_prove("steps"))  # inherited by the fork
    claims = [Claim("good", x**3 >= 0), Claim("bad", x**3 >= 1)]
    good, bad = prove_many(claims, budget=5, jobs=2)
    assert (good.status, bad.status, bad.method, bad.steps) == ("proved", "proved", "fake", ())
    assert "Opaque objects stay where they are" in bad.extra["transport"]


def test_an_unpicklable_verdict_is_undecided_when_isolated_else_proved_here(monkeypatch):
    monkeypatch.setattr(parallel, "prove", _fake_prove("counterexample"))
    claims = [Claim("good", x**3 >= 0), Claim("bad", x**3 >= 1)]
    good, bad = prove_many(claims, budget=5, jobs=1, isolate=True)
    assert good.status == "proved" and bad.status == "undecided"
    assert bad.reason.startswith("the verdict (refuted) could not be sent back from the "
                                 "worker process: TypeError: Opaque objects stay")
    good, bad = prove_many(claims, budget=5, jobs=2)  # not isolated: proved in the caller
    assert bad.status == "refuted" and isinstance(bad.counterexample[x], Opaque)


# --- Ctrl-C -----------------------------------------------------------------------------

SLOW = """
import os, sys, time
import sympy as sp
from proofs import Claim
from proofs.parallel import prove_many

class Slow(sp.Function):
    @classmethod
    def eval(cls, arg):
        if arg.is_Number:
            print("busy", os.getpid(), flush=True)
            time.sleep(30)
        return None

x = sp.Symbol("x", real=True)
claims = [Claim(f"slow-{k}", Slow(x) + k >= k) for k in range(12)]
prove_many(claims, budget=60, jobs=int(sys.argv[1]), isolate=sys.argv[2] == "isolate")
print("finished", flush=True)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.parametrize("jobs, isolate", [(2, "shared"), (1, "isolate")])
def test_ctrl_c_stops_the_run_and_its_workers_at_once(tmp_path, jobs, isolate):
    script = tmp_path / "slow.py"
    script.write_text(textwrap.dedent(SLOW))
    proc = subprocess.Popen([sys.executable, str(script), str(jobs), isolate],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=ctrl_c_default)
    try:
        line = proc.stdout.readline()  # a worker is proving a claim
        assert line.startswith("busy"), line + proc.stderr.read()
        worker = int(line.split()[1])
        assert worker != proc.pid
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        elapsed = time.monotonic() - sent
    finally:
        proc.kill()
        proc.wait()
    out, err = proc.stdout.read(), proc.stderr.read()
    assert elapsed < 2.0, elapsed
    assert "KeyboardInterrupt" in err and "finished" not in out
    assert proc.returncode != 0
    for line in out.splitlines():  # every worker that started a claim is gone
        assert not _alive(int(line.split()[1]))
    assert not _alive(worker)
