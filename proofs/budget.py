"""Time budgets: a deadline that interrupts pure-Python work (sympy) when it passes."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class BudgetExceeded(BaseException):  # noqa: N818 - not an error, a stop signal
    """Raised inside the work when its deadline passes (a BaseException, so that
    sympy's `except Exception` handlers cannot swallow it)."""


_stack: list[float] = []


def _can_interrupt() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")


def _handler(signum: int, frame: object) -> None:  # pragma: no cover - timing dependent
    if _stack and time.monotonic() >= _stack[-1] - 1e-3:
        raise BudgetExceeded()
    _arm()


def _arm() -> None:
    if not _stack:
        signal.setitimer(signal.ITIMER_REAL, 0)
        return
    remaining = max(_stack[-1] - time.monotonic(), 1e-3)
    signal.setitimer(signal.ITIMER_REAL, remaining)


@contextmanager
def deadline(seconds: float) -> Iterator[float]:
    """Run the block for at most `seconds`; raise BudgetExceeded when they pass.

    Deadlines nest (an inner one never outlives the outer one). Off the main thread no
    signal can interrupt the work, and the deadline is only checked by `check()`.
    """
    end = time.monotonic() + max(seconds, 0.0)
    if _stack:
        end = min(end, _stack[-1])
    interrupt = _can_interrupt()
    previous = signal.getsignal(signal.SIGALRM) if interrupt else None
    _stack.append(end)
    try:
        if interrupt:
            signal.signal(signal.SIGALRM, _handler)
            _arm()
        yield end
    finally:
        _stack.pop()
        if interrupt:
            _arm()
            if not _stack:
                signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)


def remaining() -> float:
    """Seconds left before the innermost deadline (infinity when there is none)."""
    return _stack[-1] - time.monotonic() if _stack else float("inf")


def check() -> None:
    """Raise BudgetExceeded when the innermost deadline has passed."""
    if _stack and time.monotonic() >= _stack[-1]:
        raise BudgetExceeded()
