"""Proving many claims in worker processes, verdicts in the claims' order.

Workers are forked and find the claims in their inherited memory, by index: claims are
never pickled on the way out (unpickling a relation built with evaluate=False lets sympy
evaluate it, so a worker would prove `True` instead of the claim). Verdicts come back
without their claim, as the data of `proofs.serial`, which rebuilds every step exactly as
it was (`-950 + 225` stays a sum); a verdict that cannot travel so is pickled, and then
sympy may evaluate its steps on the way back. Where fork is not available, claims are
proved here.

A worker tells the parent which claim it starts. When a worker dies (any exit code, a
signal, `os._exit` or `sys.exit` inside a claim), that claim is "undecided" with a reason
naming the exit, a new worker is forked and the run goes on. A worker still busy
`budget + grace` seconds after it started a claim (stuck in C code that the in-process
budget cannot interrupt) is killed and the claim is "undecided" with a budget reason.
When the parent is interrupted (Ctrl-C) or fails, every worker is killed at once and the
exception propagates.

There is no module-level state: the claims reach the workers as arguments of a forked
`multiprocessing.Process`, which fork hands over without pickling.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from .cache import ProofCache
from .claim import Claim
from .prover import prove
from .serial import NotSerializable
from .verdict import Verdict, verdict_data, verdict_from_data

DEFAULT_GRACE = 3.0
"""Seconds a worker may run past the budget before it is killed."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True where worker processes can be forked (they need the parent's memory)."""
    return "fork" in multiprocessing.get_all_start_methods()


# --- the worker side ------------------------------------------------------------------

def _message(index: int, verdict: Verdict) -> tuple:
    """What a worker sends back for a verdict: ("done", index, pickled verdict without its
    claim), the same without steps when the steps do not pickle, or ("lost", index,
    status, error) when even that fails."""
    try:  # as data that comes back unevaluated (pickling lets sympy evaluate steps)
        return ("data", index, json.dumps(verdict_data(verdict)))
    except NotSerializable:
        pass
    bare = dataclasses.replace(verdict, claim=None)
    try:
        return ("done", index, pickle.dumps(bare))
    except Exception as exc:  # any failure to pickle user objects
        first = f"{type(exc).__name__}: {exc}"[:300]
    try:
        note = f"the proof steps could not be sent back from the worker process: {first}"
        stripped = dataclasses.replace(bare, steps=(), extra={**bare.extra, "transport": note})
        return ("done", index, pickle.dumps(stripped))
    except Exception:
        return ("lost", index, verdict.status, first)


def _work(claims: Sequence[Claim], budget: float, conn: Connection,
          parent_end: Connection) -> None:
    """A worker's loop: receive an index, say it started, prove that claim, send the
    verdict; stop on None or when the parent is gone."""
    parent_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and kills us
    while True:
        try:
            index = conn.recv()
        except (EOFError, OSError):
            return
        if index is None:
            return
        conn.send(("start", index))
        conn.send(_message(index, prove(claims[index], budget=budget)))


# --- the parent side ------------------------------------------------------------------

@dataclasses.dataclass
class _Worker:
    """A forked worker as the parent sees it: the claim it was given and since when."""

    process: BaseProcess
    conn: Connection
    task: int | None = None
    started: bool = False
    since: float = 0.0
    deadline: float = float("inf")


def _exit_text(code: int | None) -> str:
    if code is None:
        return "the worker process vanished"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return f"the worker process was killed by {name} (signal {-code})"
    return f"the worker process exited with code {code}"


class _Pool:
    """Forked persistent workers proving `claims` by index, one claim at a time each."""

    def __init__(self, claims: list[Claim], budget: float, size: int, grace: float,
                 fallback: bool, advance: Callable[[str], None]) -> None:
        self.claims, self.budget, self.size, self.grace = claims, budget, size, grace
        self.fallback, self.advance = fallback, advance
        self.context = multiprocessing.get_context("fork")
        self.results: list[Verdict | None] = [None] * len(claims)
        self.pending: deque[int] = deque(range(len(claims)))
        self.unstarted_deaths: dict[int, int] = {}
        self.workers: list[_Worker] = []

    # life and death of workers
    def _spawn(self) -> None:
        parent_end, child_end = multiprocessing.Pipe(duplex=True)
        process = self.context.Process(target=_work, daemon=True, name="qedsheet-prover",
                                       args=(self.claims, self.budget, child_end, parent_end))
        try:
            process.start()
        finally:
            child_end.close()  # so that the parent sees EOF when the worker dies
        self.workers.append(_Worker(process, parent_end))

    def _remove(self, w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join()
        w.conn.close()
        self.workers.remove(w)

    def kill_all(self) -> None:
        """Kill every worker at once (SIGKILL), then reap them."""
        for w in self.workers:
            try:
                w.process.kill()
            except Exception:  # already gone
                pass
        for w in list(self.workers):
            w.process.join(timeout=5)
            w.conn.close()
        self.workers.clear()

    def stop_all(self) -> None:
        """Ask idle workers to stop; kill those that do not within a second."""
        for w in self.workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        end = time.monotonic() + 1.0
        for w in self.workers:
            w.process.join(timeout=max(end - time.monotonic(), 0.0))
        self.kill_all()

    # verdicts
    def _finish(self, index: int, verdict: Verdict) -> None:
        self.results[index] = verdict
        self.advance(self.claims[index].name)

    def _undecided(self, index: int, reason: str, seconds: float) -> None:
        self._finish(index, Verdict(self.claims[index], "undecided", reason=reason,
                                    seconds=seconds))

    def _not_sent(self, index: int, status: str, error: str, seconds: float) -> None:
        if self.fallback:  # last resort: this claim was proved in a worker without harm
            self._finish(index, prove(self.claims[index], budget=self.budget))
            return
        self._undecided(index, f"the verdict ({status}) could not be sent back from the "
                        f"worker process: {error}", seconds)

    def _receive(self, w: _Worker, message: tuple) -> None:
        kind, index = message[0], message[1]
        if kind == "start":
            w.started, w.since = True, time.monotonic()
            w.deadline = w.since + self.budget + self.grace
            return
        seconds = time.monotonic() - w.since
        w.task, w.started, w.deadline = None, False, float("inf")
        if kind == "lost":
            self._not_sent(index, message[2], message[3], seconds)
            return
        try:
            if kind == "data":
                verdict = verdict_from_data(None, json.loads(message[2]))
            else:
                verdict = pickle.loads(message[2])
        except Exception as exc:
            self._not_sent(index, "unknown", f"{type(exc).__name__}: {exc}"[:300], seconds)
            return
        self._finish(index, dataclasses.replace(verdict, claim=self.claims[index]))

    def _drain(self, w: _Worker) -> bool:
        """Read every message the worker has sent; False when its pipe is closed."""
        try:
            while w.conn.poll():
                self._receive(w, w.conn.recv())
        except (EOFError, OSError):
            return False
        return True

    def _died(self, w: _Worker) -> None:
        w.process.join(timeout=1.0)
        self._remove(w)
        index = w.task
        if index is None:
            return
        code = w.process.exitcode
        seconds = time.monotonic() - w.since
        if w.started:
            self._undecided(index, f"{_exit_text(code)} while proving this claim", seconds)
            return
        deaths = self.unstarted_deaths[index] = self.unstarted_deaths.get(index, 0) + 1
        if deaths < 2:  # it died before this claim began: give the claim another worker
            self.pending.appendleft(index)
        else:
            self._undecided(index, f"{_exit_text(code)} before it started this claim, twice",
                            seconds)

    def _overtime(self, w: _Worker) -> None:
        index = w.task
        self._remove(w)
        if index is not None:
            self._undecided(index, f"budget: {self.budget:g} s ran out and the proof was "
                            f"still running {self.grace:g} s later (blocked where the budget "
                            "cannot interrupt it); its worker process was killed",
                            time.monotonic() - w.since)

    # the loop
    def run(self) -> list[Verdict]:
        """Prove every claim; the verdicts in the claims' order."""
        while self.pending or any(w.task is not None for w in self.workers):
            idle = [w for w in self.workers if w.task is None]
            while len(self.workers) < self.size and len(self.pending) > len(idle):
                self._spawn()
                idle.append(self.workers[-1])
            for w in idle:
                if not self.pending:
                    break
                index = self.pending.popleft()
                w.task, w.started, w.since = index, False, time.monotonic()
                w.deadline = w.since + self.budget + self.grace
                try:
                    w.conn.send(index)
                except OSError:
                    pass  # dead already: found below
            busy = [w for w in self.workers if w.task is not None]
            if not busy:  # pragma: no cover - every pending claim was just handed out
                continue
            timeout = max(min(w.deadline for w in busy) - time.monotonic(), 0.0)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                             timeout))
            for w in busy:
                if w.conn in ready or w.process.sentinel in ready:
                    open_ = self._drain(w)
                    if not open_ or not w.process.is_alive():
                        self._died(w)
            now = time.monotonic()
            for w in list(self.workers):
                if w.task is not None and now >= w.deadline:
                    self._overtime(w)
        return [v for v in self.results if v is not None]


def prove_many(claims: Sequence[Claim], budget: float, jobs: int = 1,
               advance: Callable[[str], None] | None = None, *, isolate: bool = False,
               grace: float = DEFAULT_GRACE, cache: ProofCache | None = None
               ) -> list[Verdict]:
    """The verdict of each claim, in order, proved in up to `jobs` forked processes.

    With jobs=1 and not `isolate` the claims are proved in this process (their steps stay
    exact). Otherwise each claim is proved in a forked worker, so that a claim that exits
    the process or blocks past `budget + grace` seconds costs only its own verdict
    ("undecided", with the reason). With a `cache`, verdicts found there (and checked
    again) are not proved again, and new "proved"/"refuted" verdicts are kept in it.
    `advance(name)` is called as each claim is done. On an exception here (Ctrl-C) every
    worker is killed and the exception propagates.
    """
    tick = advance or (lambda _name: None)
    claims = list(claims)
    out: list[Verdict | None] = [None] * len(claims)
    if cache is not None:
        for k, c in enumerate(claims):
            out[k] = cache.get(c)
            if out[k] is not None:
                tick(c.name)
    todo = [k for k, v in enumerate(out) if v is None]
    fresh = _prove_all([claims[k] for k in todo], budget, jobs, tick, isolate, grace)
    for k, v in zip(todo, fresh, strict=True):
        out[k] = v
        if cache is not None:
            cache.put(claims[k], v)
    return [v for v in out if v is not None]


def _prove_all(claims: list[Claim], budget: float, jobs: int, tick: Callable[[str], None],
               isolate: bool, grace: float) -> list[Verdict]:
    if not claims:
        return []
    if (jobs <= 1 and not isolate) or not can_fork():
        out = []
        for c in claims:
            out.append(prove(c, budget=budget))
            tick(c.name)
        return out
    pool = _Pool(claims, float(budget), min(max(jobs, 1), len(claims)), float(grace),
                 fallback=not isolate, advance=tick)
    try:
        verdicts = pool.run()
    except BaseException:
        pool.kill_all()
        raise
    pool.stop_all()
    return verdicts
