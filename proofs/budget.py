"""Time budgets: a deadline that interrupts pure-Python work (sympy) when it passes.

`deadline(seconds)` bounds a block on any thread: deadlines nest (an inner one never
outlives the outer one), each thread has its own, and when the innermost one passes,
BudgetExceeded is raised inside the block's running code. A blocking C call (a sleep, a
lock, one long C routine) is not cut short: the exception arrives when the thread runs
Python code again. `check()` raises it cooperatively, `remaining()` tells the time left,
`shield()` holds it off during a short critical section.

No signals or timers are used, so the caller's own are left alone. BudgetExceeded never
surfaces after the block it was meant for has exited. When the last open deadline of the
process closes after an interrupt, mpmath's working precision (`mpmath.mp.prec`, global
to the process) is set back to its value when the first of them opened.
"""

from __future__ import annotations

import ctypes
import functools
import math
import os
import sys
import threading
import time
import weakref
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

__all__ = ["BudgetExceeded", "check", "deadline", "remaining", "shield"]


class BudgetExceeded(BaseException):  # noqa: N818 - not an error, a stop signal
    """Raised inside the work when its deadline passes (a BaseException, so that
    sympy's `except Exception` handlers cannot swallow it)."""


_REINJECT = 0.25  # seconds between interrupts while an expired block keeps running
_RETRY = 0.01  # seconds before the next try when the thread was inside this module
_MPMATH_PREC = 53  # mpmath's precision when it is imported

# PyThreadState_SetAsyncExc(thread id, exception type), and with NULL to drop a pending one
_raise_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
_drop_pending = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
_EXCEPTION = ctypes.py_object(BudgetExceeded)


def _mp_prec() -> int | None:
    mpmath = sys.modules.get("mpmath")
    return mpmath.mp.prec if mpmath is not None else None


class _Thread:
    """One thread's open deadlines (innermost last) and open shields."""

    __slots__ = ("ident", "stack", "shields")

    def __init__(self, ident: int) -> None:
        self.ident = ident
        self.stack: list[_Block] = []
        self.shields = 0


class _ExitCallable:
    """`__exit__` of a block: closes it, and raises BudgetExceeded on leaving it normally
    after its deadline passed."""

    # The `with` statement looks `__exit__` up as the block starts and holds what it got
    # until `__exit__` has returned or raised. Handing it a C-level callable (a partial)
    # whose death also closes the block means that the block is closed even when an
    # interrupt lands on the first instruction of the Python exit code, before any of it
    # has run: the interrupt then propagates out of the `with`, and nothing is left open.
    def __get__(self, block: _Block | None, owner: type | None = None) -> Callable:
        if block is None:
            return _Block._exit
        call = functools.partial(_Block._exit, block)
        block._exit_ref = weakref.ref(call, block._abandoned)
        return call


class _Block:
    """A `with` block that the watchdog keeps track of: a deadline or a shield."""

    __slots__ = ("owner", "_exit_ref")

    def __init__(self) -> None:
        self.owner: _Thread | None = None
        self._exit_ref: weakref.ref | None = None

    def _close(self) -> bool:
        """Close the block (once); True when a deadline passed while it ran."""
        raise NotImplementedError

    def _exit(self, exc_type: type | None, exc: BaseException | None, tb: Any) -> bool:
        if self._close() and exc_type is None:
            raise BudgetExceeded()
        return False

    def _abandoned(self, _ref: weakref.ref) -> None:
        self._close()

    __exit__ = _ExitCallable()


class _Deadline(_Block):
    __slots__ = ("seconds", "end", "shields_outside", "interrupted")

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.end = math.inf
        self.shields_outside = 0  # the thread's open shields when the block opened
        self.interrupted: float | None = None  # when the watchdog last interrupted it

    def __enter__(self) -> float:
        return _WATCHDOG.enter(self)

    def _close(self) -> bool:
        return _WATCHDOG.leave(self)


class _Shield(_Block):
    __slots__ = ()

    def __enter__(self) -> None:
        _WATCHDOG.enter_shield(self)

    def _close(self) -> bool:
        return _WATCHDOG.leave_shield(self)


class _Watchdog:
    """Every thread's open deadlines, and the daemon thread that interrupts a thread
    whose innermost deadline has passed.

    One per process: a thread can only be interrupted from another thread, and a
    single thread sleeping until the earliest deadline of all threads serves them all
    without signals or timers. It is rebuilt in a forked child, where the watchdog
    thread does not exist.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._wakeup = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._threads: dict[int, _Thread] = {}
        self._wake_at = math.inf
        self._saved_prec: int | None = None  # mpmath's precision when the first thread entered
        self._disturbed = False  # whether a thread was interrupted since then

    def after_fork_in_child(self) -> None:
        """Forget the threads that did not survive the fork, and the watchdog thread."""
        me = self._threads.get(threading.get_ident())
        saved, disturbed = self._saved_prec, self._disturbed
        self._reset()
        if me is not None:
            self._threads[me.ident] = me
            self._saved_prec, self._disturbed = saved, disturbed
            if me.stack:
                with self._lock:
                    self._start()

    # called by the threads that run deadlines ------------------------------------
    def enter(self, block: _Deadline) -> float:
        """Open `block` on this thread; its end (time.monotonic())."""
        ident = threading.get_ident()
        with self._lock:
            # an interrupt still pending for this thread must not surface in this module's
            # code: the watchdog raises it again where it belongs
            _drop_pending(ident, None)
            if block.owner is not None:
                raise RuntimeError("a deadline block cannot be entered twice")
            me = self._threads.get(ident)
            if me is None:
                me = self._threads[ident] = _Thread(ident)
            if not any(t.stack for t in self._threads.values()):
                self._saved_prec, self._disturbed = _mp_prec(), False
            end = time.monotonic() + block.seconds
            if me.stack:
                end = min(end, me.stack[-1].end)
            block.end, block.owner, block.shields_outside = end, me, me.shields
            me.stack.append(block)
            if end < self._wake_at:
                self._start()
                self._wakeup.notify()
            return end

    def leave(self, block: _Deadline) -> bool:
        """Close `block` (once); True when its deadline had passed."""
        ident = threading.get_ident()
        with self._lock:
            _drop_pending(ident, None)  # never to surface after the block
            block._exit_ref = None
            me, block.owner = block.owner, None
            if me is None:
                return False
            late = time.monotonic() >= block.end
            if me.stack and me.stack[-1] is block:
                me.stack.pop()
                me.shields = block.shields_outside  # shields opened inside it are over
            elif block in me.stack:  # a generator's block, closed out of order
                me.stack.remove(block)
            self._forget_if_idle(me)
            if me.stack and me.stack[-1].end <= time.monotonic():
                self._wakeup.notify()  # the enclosing deadline has passed too
            return late

    def enter_shield(self, block: _Shield) -> None:
        """Hold off interrupts on this thread until `block` closes."""
        ident = threading.get_ident()
        with self._lock:
            _drop_pending(ident, None)
            me = self._threads.get(ident)
            if me is None:
                me = self._threads[ident] = _Thread(ident)
            me.shields += 1
            block.owner = me

    def leave_shield(self, block: _Shield) -> bool:
        """Close `block` (once); True when this thread's innermost deadline has passed."""
        ident = threading.get_ident()
        with self._lock:
            _drop_pending(ident, None)
            block._exit_ref = None
            me, block.owner = block.owner, None
            if me is None:
                return False
            me.shields = max(me.shields - 1, 0)
            late = bool(me.stack) and me.stack[-1].end <= time.monotonic()
            self._forget_if_idle(me)
            return late

    def innermost_end(self) -> float:
        """The end of this thread's innermost deadline (infinity when there is none)."""
        me = self._threads.get(threading.get_ident())
        try:
            return me.stack[-1].end if me is not None else math.inf
        except IndexError:
            return math.inf

    def _forget_if_idle(self, me: _Thread) -> None:
        if me.stack or me.shields:
            return
        self._threads.pop(me.ident, None)
        if self._disturbed and not any(t.stack for t in self._threads.values()):
            # the last open deadline of the process closed after an interrupt, which may
            # have landed inside an mpmath block that sets the precision and restores it
            self._disturbed = False
            mpmath = sys.modules.get("mpmath")
            prec = self._saved_prec if self._saved_prec is not None else _MPMATH_PREC
            if mpmath is not None and mpmath.mp.prec != prec:
                mpmath.mp.prec = prec

    # the watchdog thread ------------------------------------------------------------
    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="proofs.budget watchdog",
                                            daemon=True)
            self._thread.start()

    def _run(self) -> None:
        with self._lock:
            try:
                while True:
                    delay = self._interrupt_expired(time.monotonic())
                    self._wake_at = time.monotonic() + delay
                    self._wakeup.wait(None if delay == math.inf else delay)
            finally:
                self._wake_at = math.inf  # the next deadline starts a new watchdog thread

    def _interrupt_expired(self, now: float) -> float:
        """Interrupt each thread whose innermost deadline has passed; seconds until the
        next pass is due."""
        delay = math.inf
        frames: dict[int, Any] | None = None
        for me in list(self._threads.values()):
            if not me.stack:
                continue
            block = me.stack[-1]
            if block.end > now:
                delay = min(delay, block.end - now)
                continue
            if me.shields:  # leaving the shield raises BudgetExceeded itself
                delay = min(delay, _REINJECT)
                continue
            if block.interrupted is not None and now - block.interrupted < _REINJECT:
                delay = min(delay, block.interrupted + _REINJECT - now)
                continue
            if frames is None:
                frames = sys._current_frames()
            frame = frames.get(me.ident)
            if frame is None:  # the thread has ended
                self._threads.pop(me.ident, None)
                continue
            if frame.f_code.co_filename == _HERE:
                # this module's own code: it is opening or closing a block or a shield
                delay = min(delay, _RETRY)
                continue
            _raise_in(me.ident, _EXCEPTION)
            block.interrupted = now
            self._disturbed = True
            delay = min(delay, _REINJECT)
        return delay


_HERE = _Watchdog.enter.__code__.co_filename
_WATCHDOG = _Watchdog()
os.register_at_fork(after_in_child=_WATCHDOG.after_fork_in_child)


def deadline(seconds: float) -> AbstractContextManager[float]:
    """Run the block for at most `seconds` (0 allowed); raise BudgetExceeded inside it
    when they pass, or on leaving it when they passed while it ran.

    Deadlines nest on each thread (an inner one never outlives the outer one); threads
    do not share them. The block's value is its end on the `time.monotonic()` clock.
    """
    seconds = float(seconds)
    if math.isnan(seconds) or seconds < 0:
        raise ValueError(f"a deadline needs a duration >= 0 seconds, got {seconds!r}")
    return _Deadline(seconds)


def within(seconds: float, fn: Callable[..., Any], *args: Any) -> Any:
    """fn(*args) under a deadline of its own; None when that deadline (not an outer one)
    passes first."""
    try:
        with deadline(seconds):
            return fn(*args)
    except BudgetExceeded:
        if remaining() <= 0:
            raise
        return None


def shield() -> AbstractContextManager[None]:
    """Hold off BudgetExceeded during a short critical section (a lock held, a global
    precision set); on leaving it, raise BudgetExceeded if the deadline has passed."""
    return _Shield()


def remaining() -> float:
    """Seconds left before this thread's innermost deadline (infinity when there is none)."""
    return _WATCHDOG.innermost_end() - time.monotonic()


def check() -> None:
    """Raise BudgetExceeded when this thread's innermost deadline has passed."""
    if time.monotonic() >= _WATCHDOG.innermost_end():
        raise BudgetExceeded()
