"""Deadlines interrupt pure-Python work on any thread, nest, leave the caller's timers,
signal handlers and mpmath's precision alone, and never raise after their block."""

from __future__ import annotations

import os
import random
import signal
import socket
import threading
import time

import mpmath
import pytest
import sympy as sp

from proofs import Claim, budget, prove


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _in_thread(fn, *args):
    """fn(*args) on a new thread; its result, or the exception it raised."""
    out: list = []

    def run() -> None:
        try:
            out.append(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join(60)
    assert not t.is_alive(), "the thread did not stop"
    return out[0]


def _timed_block(seconds: float, work, *args) -> tuple[str, float]:
    """("stopped" or "finished", seconds taken) for `work` under a deadline."""
    start = time.monotonic()
    try:
        with budget.deadline(seconds):
            work(*args)
    except budget.BudgetExceeded:
        return "stopped", time.monotonic() - start
    return "finished", time.monotonic() - start


# nesting, remaining(), check() ------------------------------------------------------

def test_deadline_interrupts_a_busy_loop() -> None:
    start = time.monotonic()
    with pytest.raises(budget.BudgetExceeded), budget.deadline(0.2):
        _spin(5)
    assert time.monotonic() - start < 1


def test_inner_deadline_never_outlives_outer() -> None:
    start = time.monotonic()
    with pytest.raises(budget.BudgetExceeded), budget.deadline(0.2), budget.deadline(10):
        _spin(5)
    assert time.monotonic() - start < 1


def test_inner_deadline_ends_without_ending_outer() -> None:
    with budget.deadline(5):
        with pytest.raises(budget.BudgetExceeded), budget.deadline(0.1):
            _spin(2)
        assert 4 < budget.remaining() <= 5
        _spin(0.5)  # the outer deadline keeps running, uninterrupted
        assert 3.5 < budget.remaining() < 4.6
    assert budget.remaining() == float("inf")


def test_remaining_and_check() -> None:
    assert budget.remaining() == float("inf")
    budget.check()  # no deadline: never raises
    with budget.deadline(3) as end:
        assert 2.5 < budget.remaining() <= 3
        assert abs(end - time.monotonic() - budget.remaining()) < 0.05
        budget.check()
        with budget.shield():  # no interrupt here: only check() can notice the deadline
            with pytest.raises(budget.BudgetExceeded), budget.deadline(0.05):
                _spin(0.2)
                assert budget.remaining() < 0
                with pytest.raises(budget.BudgetExceeded):
                    budget.check()
                # leaving the block raises too: its deadline passed while it ran
        assert 2 < budget.remaining() < 3
    budget.check()


def test_exception_handlers_for_exception_do_not_swallow_it() -> None:
    with pytest.raises(budget.BudgetExceeded), budget.deadline(0.1):
        try:
            _spin(2)
        except Exception:  # what sympy does in places
            pytest.fail("BudgetExceeded must not be an Exception")


@pytest.mark.parametrize("seconds", [float("nan"), -1, -1e-9])
def test_nan_and_negative_durations_are_refused(seconds: float) -> None:
    with pytest.raises(ValueError):
        budget.deadline(seconds)


def test_zero_expires_at_once() -> None:
    start = time.monotonic()
    with pytest.raises(budget.BudgetExceeded), budget.deadline(0):
        _spin(5)
    assert time.monotonic() - start < 0.5
    with pytest.raises(budget.BudgetExceeded), budget.deadline(0):
        pass  # too short to be interrupted: leaving a block after its deadline raises


def test_a_block_that_ends_in_time_does_not_raise() -> None:
    with budget.deadline(2):
        _spin(0.1)
    with budget.deadline(1):
        time.sleep(0.05)
    _spin(1.2)  # no late interrupt from either block


def test_other_exceptions_pass_through_unchanged() -> None:
    with pytest.raises(KeyError), budget.deadline(5):
        raise KeyError("x")
    with pytest.raises(ZeroDivisionError), budget.deadline(0.05):
        _spin(0.02)
        1 / 0  # noqa: B018


def test_a_swallowed_interrupt_is_raised_again() -> None:
    def careless_library() -> None:
        try:
            _spin(10)
        except BaseException:  # noqa: BLE001 - what some libraries do
            pass
        _spin(10)

    state, took = _timed_block(0.2, careless_library)
    assert state == "stopped" and took < 1.5


def test_shield_holds_the_interrupt_until_it_ends() -> None:
    inside = []
    start = time.monotonic()
    with pytest.raises(budget.BudgetExceeded), budget.deadline(0.1):
        with budget.shield():
            _spin(0.6)
            inside.append(time.monotonic() - start)
        pytest.fail("leaving the shield after the deadline must raise")
    assert inside and inside[0] >= 0.6
    assert time.monotonic() - start < 0.9


# any thread, several threads ---------------------------------------------------------

def test_a_busy_loop_on_another_thread_stops_in_time() -> None:
    state, took = _in_thread(_timed_block, 2, _spin, 30)
    assert state == "stopped"
    assert 1.95 < took < 4


def test_slow_sympy_work_on_another_thread_stops_in_time() -> None:
    x, y, z = sp.symbols("x y z")

    def slow() -> None:  # several minutes of pure-Python polynomial arithmetic
        sp.factor(sp.expand((x + y + z + 1) ** 40 * (x - 2 * y + 3 * z - 5) ** 40))

    state, took = _in_thread(_timed_block, 2, slow)
    assert state == "stopped"
    assert 1.95 < took < 4


def test_two_threads_each_stop_at_their_own_deadline() -> None:
    results: dict[float, tuple[str, float]] = {}

    def run(seconds: float) -> None:
        results[seconds] = _timed_block(seconds, _spin, 30)

    threads = [threading.Thread(target=run, args=(s,)) for s in (0.5, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert results[0.5][0] == "stopped" and 0.49 < results[0.5][1] < 2
    assert results[3][0] == "stopped" and 2.99 < results[3][1] < 5


def test_main_and_other_threads_at_once() -> None:
    other = threading.Thread(target=lambda: _timed_block(0.3, _spin, 30))
    other.start()
    state, took = _timed_block(1.5, _spin, 30)  # the other thread's expiry is not ours
    other.join()
    assert state == "stopped" and 1.49 < took < 3


# the caller's timers and signal handlers ----------------------------------------------

@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers here")
def test_the_callers_interval_timer_and_handler_are_left_alone() -> None:
    fired: list[float] = []

    def handler(signum, frame) -> None:
        fired.append(time.monotonic())

    previous = signal.signal(signal.SIGALRM, handler)
    try:
        start = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, 1.2)
        with pytest.raises(budget.BudgetExceeded), budget.deadline(0.2):
            _spin(5)
        with budget.deadline(0.3):
            _spin(0.1)
        assert 0.7 < signal.getitimer(signal.ITIMER_REAL)[0] < 1.0  # still armed
        assert signal.getsignal(signal.SIGALRM) is handler
        with budget.deadline(3):  # the timer fires while a deadline runs
            _spin(1.5)
        assert len(fired) == 1 and 1.15 < fired[0] - start < 1.5
        assert signal.getsignal(signal.SIGALRM) is handler
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# no BudgetExceeded after its block ----------------------------------------------------

def _many_short_blocks(count: int, seed: int) -> tuple[int, int]:
    """(interrupted blocks, BudgetExceeded seen outside any block)."""
    rng = random.Random(seed)
    interrupted = leaked = 0
    for i in range(count):
        try:
            try:
                with budget.deadline(rng.uniform(0, 0.002)):
                    if i % 3 == 0:
                        time.sleep(0.0005)  # a C call that lets other threads run
                    _spin(rng.uniform(0, 0.002))
            except budget.BudgetExceeded:
                interrupted += 1
            _spin(0.0005)  # plain code after the block
            sum(range(200))
        except budget.BudgetExceeded:
            leaked += 1
    try:
        _spin(0.6)  # a while after the last block: nothing arrives late
    except budget.BudgetExceeded:
        leaked += 1
    return interrupted, leaked


def test_no_budget_exceeded_after_the_block_has_exited() -> None:
    interrupted, leaked = _many_short_blocks(2000, seed=1)
    assert leaked == 0
    assert interrupted > 500  # most of the blocks were cut short


def test_no_budget_exceeded_after_the_block_with_threads_at_once() -> None:
    results: list[tuple[int, int]] = []
    threads = [threading.Thread(target=lambda s=s: results.append(_many_short_blocks(800, s)))
               for s in (2, 3, 4)]
    for t in threads:
        t.start()
    leaked_main = _many_short_blocks(800, seed=5)[1]
    for t in threads:
        t.join(120)
    assert len(results) == 3
    assert leaked_main == 0 and all(leaked == 0 for _, leaked in results)
    assert sum(interrupted for interrupted, _ in results) > 500


def test_no_budget_exceeded_when_the_deadline_passes_in_a_failing_c_call() -> None:
    # The thread waits in a C call (the GIL released) when its deadline passes; the call
    # then fails with TimeoutError, so the interrupt arrives as the block is being left.
    a, b = socket.socketpair()
    a.settimeout(0.001)
    rng = random.Random(9)
    outcomes = {"stopped": 0, "timed out": 0, "leaked": 0, "left open": 0}
    try:
        for _ in range(1500):
            try:
                try:
                    with budget.deadline(rng.uniform(0, 0.002)):
                        a.recv(1)
                except budget.BudgetExceeded:
                    outcomes["stopped"] += 1
                except TimeoutError:
                    outcomes["timed out"] += 1
                if budget.remaining() != float("inf"):
                    outcomes["left open"] += 1
                _spin(0.0005)
            except budget.BudgetExceeded:
                outcomes["leaked"] += 1
        _spin(0.6)
    except budget.BudgetExceeded:
        outcomes["leaked"] += 1
    finally:
        a.close()
        b.close()
    assert outcomes["leaked"] == 0 and outcomes["left open"] == 0, outcomes
    assert outcomes["stopped"] > 50 and outcomes["timed out"] > 50, outcomes  # both paths ran


# mpmath and sympy after interrupts --------------------------------------------------

def test_mpmath_precision_is_restored_after_interrupts() -> None:
    assert mpmath.mp.prec == 53
    rng = random.Random(7)
    interrupted = 0
    for _ in range(1000):
        try:
            with budget.deadline(rng.uniform(0, 0.003)):
                while True:
                    with mpmath.workprec(2):  # a precision that is easy to spot
                        mpmath.mpf(1) / 3
        except budget.BudgetExceeded:
            interrupted += 1
        assert mpmath.mp.prec == 53
    assert interrupted > 900


def test_sympy_is_right_after_interrupted_evalf_and_simplify() -> None:
    x = sp.Symbol("x", positive=True)
    y = sp.Symbol("y", real=True)
    hard = (sp.sin(x) ** 4 - sp.cos(x) ** 4 + sp.cos(2 * x)) * sp.exp(y) + sp.log(x * y ** 2)
    rng = random.Random(11)
    interrupted = 0
    for _ in range(300):
        try:
            with budget.deadline(rng.uniform(0, 0.02)):
                sp.N(sp.pi * sp.E + sp.zeta(3), 3000)
                sp.simplify(hard)
                sp.factor(sp.expand((x + y + 1) ** 15))
                ((x + 1) ** 2 + y ** 2).is_positive  # noqa: B018
        except budget.BudgetExceeded:
            interrupted += 1
    assert interrupted > 250
    assert mpmath.mp.prec == 53
    assert str(sp.N(sp.pi, 30)) == "3.14159265358979323846264338328"
    assert str(sp.N(sp.zeta(3), 20)) == "1.2020569031595942854"
    assert sp.simplify(sp.sin(x) ** 4 - sp.cos(x) ** 4 + sp.cos(2 * x)) == 0
    assert sp.factor(sp.expand((x + y + 1) ** 15)) == (x + y + 1) ** 15
    assert ((x + 1) ** 2 + y ** 2).is_positive is True
    assert sp.integrate(sp.sin(x) ** 2, (x, 0, sp.pi)) == sp.pi / 2


# fork ------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")
@pytest.mark.parametrize("from_inside_a_block", [False, True])
def test_a_forked_child_can_use_deadlines(from_inside_a_block: bool) -> None:
    busy = threading.Thread(target=lambda: _timed_block(1, _spin, 30))
    busy.start()  # another thread holds a deadline while we fork
    time.sleep(0.1)

    def child() -> int:
        state, took = _timed_block(0.3, _spin, 30)
        ok = state == "stopped" and took < 2.3
        state, took = _timed_block(1, _spin, 0.05)
        return 0 if ok and state == "finished" else 1

    if from_inside_a_block:
        with budget.deadline(30):
            pid = os.fork()
            if pid == 0:
                os._exit(child())
    else:
        pid = os.fork()
        if pid == 0:
            os._exit(child())
    _, status = os.waitpid(pid, 0)
    busy.join()
    assert os.waitstatus_to_exitcode(status) == 0


# the engine: prove() on threads ---------------------------------------------------

_fresh = iter(range(10**6))


def _slow_claim() -> Claim:
    """A true claim that no tactic settles in time: it uses a budget of 60 s to the end
    (factoring the degree-30 difference alone takes longer). Its symbols are new on each
    call, so that sympy's cache holds nothing from an earlier attempt."""
    n = next(_fresh)
    a, b, c = sp.symbols(f"a_{n} b_{n} c_{n}", positive=True)
    return Claim(f"slow-power-mean-{n}", sp.Ge((a + b + c) ** 30,
                                               3**15 * (a * b + b * c + c * a) ** 15,
                                               evaluate=False))


def _prove_then_plain_code(claim: Claim, seconds: float) -> tuple[object, float, int]:
    """(verdict, seconds taken, BudgetExceeded seen after prove() returned)."""
    start = time.monotonic()
    verdict = prove(claim, budget=seconds)
    took = time.monotonic() - start
    try:
        _spin(0.5)
        return verdict, took, 0
    except budget.BudgetExceeded:
        return verdict, took, 1


def test_prove_on_a_thread_keeps_its_budget() -> None:
    verdict, took, leaked = _in_thread(_prove_then_plain_code, _slow_claim(), 2)
    assert verdict.status == "undecided"
    assert 1.4 < took < 4  # its tactics had 2 - 0.5 s (the rest is for the numeric search)
    assert leaked == 0


def test_two_proofs_on_threads_keep_their_own_budgets() -> None:
    results: dict[float, tuple] = {}
    threads = [threading.Thread(target=lambda s=s: results.update(
        {s: _prove_then_plain_code(_slow_claim(), s)})) for s in (1, 6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    (short, short_took, short_leaked), (long, long_took, long_leaked) = results[1], results[6]
    assert short.status == long.status == "undecided"
    assert short_took < 1 + 2 and long_took < 6 + 2
    # the 6 s proof gives its tactics 6 - 1.5 s (the rest is kept for the numeric search):
    # the 1 s proof running out did not cut it short
    assert long_took > 4.4
    assert short_leaked == long_leaked == 0
    assert mpmath.mp.prec == 53
