"""Deadlines interrupt pure-Python work and nest."""

from __future__ import annotations

import time

import pytest

from proofs import budget


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


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
    assert budget.remaining() == float("inf")


def test_exception_handlers_for_exception_do_not_swallow_it() -> None:
    with pytest.raises(budget.BudgetExceeded), budget.deadline(0.1):
        try:
            _spin(2)
        except Exception:  # what sympy does in places
            pytest.fail("BudgetExceeded must not be an Exception")
