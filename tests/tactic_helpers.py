"""Running one tactic on a goal in the tactic tests: under a 20 s deadline, and whether it
declines (None or Decline)."""

from __future__ import annotations

from proofs import budget
from proofs.search import Decline, Goal


def run(tactic, statement, given=()):
    """The tactic's proof (or None) of `statement` under `given`."""
    with budget.deadline(20):
        return tactic(Goal(statement, tuple(given)))


def declines(tactic, statement, given=()) -> bool:
    """Whether the tactic gives no proof: None, or a Decline."""
    try:
        return run(tactic, statement, given) is None
    except Decline:
        return True
