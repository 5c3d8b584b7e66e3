"""Proving many claims in worker processes, verdicts in the claims' order.

Workers are forked and find the claims in their inherited memory: claims are never
pickled on the way out (unpickling a relation built with evaluate=False lets sympy
evaluate it, so a worker would prove `True` instead of the claim). Verdicts come back
without their claim. Their statuses, methods and counterexamples are exact, but sympy
rebuilds the expressions of their steps on the way back and may evaluate them
(`-950 + 225` comes back as `-725`): where the steps are printed, prove in one process
(jobs=1). Where fork is not available, claims are proved here.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed

from .claim import Claim
from .prover import prove
from .verdict import Verdict

_CLAIMS: Sequence[Claim] = ()


def _prove_index(index: int, budget: float) -> Verdict:
    return dataclasses.replace(prove(_CLAIMS[index], budget=budget), claim=None)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def prove_many(claims: Sequence[Claim], budget: float, jobs: int = 1,
               advance: Callable[[str], None] | None = None) -> list[Verdict]:
    """The verdict of each claim, in order, proved in up to `jobs` forked processes."""
    global _CLAIMS
    tick = advance or (lambda _name: None)
    claims = list(claims)
    if jobs <= 1 or len(claims) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        out = []
        for c in claims:
            out.append(prove(c, budget=budget))
            tick(c.name)
        return out
    results: list[Verdict | None] = [None] * len(claims)
    _CLAIMS = claims  # inherited by the forked workers
    try:
        with ProcessPoolExecutor(max_workers=min(jobs, len(claims)),
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_prove_index, k, budget): k for k in range(len(claims))}
            try:
                for fut in as_completed(futures):
                    k = futures[fut]
                    try:
                        results[k] = dataclasses.replace(fut.result(), claim=claims[k])
                    except Exception:  # the verdict did not travel back: prove it here
                        results[k] = prove(claims[k], budget=budget)
                    tick(claims[k].name)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        _CLAIMS = ()
    return [v for v in results if v is not None]
