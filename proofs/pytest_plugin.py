"""pytest plugin: every module-level `Claim` of a test file is a test item named by the claim.

The item passes when the verdict equals the claim's `expect`; a failure shows the verdict,
its reason and, for a refutation, the counterexample as `x = 0` lines. Registered as the
`pytest11` entry point `qedsheet`; switch it off with `-p no:qedsheet`, for one file by
naming its claims with a leading underscore, or everywhere with the ini option
`qedsheet_collect = false`. The plugin imports nothing of the engine until a test file
holds a claim, so pytest runs of other projects do not pay for sympy.
"""

from __future__ import annotations

import sys
from typing import Any

import pytest

DEFAULT_BUDGET = 20.0


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("qedsheet", "qedsheet claims")
    group.addoption("--qedsheet-budget", type=float, default=None, metavar="S",
                    help="seconds allowed per collected claim (default: ini qedsheet_budget, "
                         f"else {DEFAULT_BUDGET:g})")
    parser.addini("qedsheet_budget", help="seconds allowed per collected claim",
                  default=str(DEFAULT_BUDGET))
    parser.addini("qedsheet_collect", type="bool", default=True,
                  help="collect module-level proofs.Claim objects of test files as tests")


def _claim_type() -> type | None:
    """proofs.Claim when some module has imported it (no claim can exist otherwise)."""
    module = sys.modules.get("proofs.claim")
    return getattr(module, "Claim", None)


def _budget(config: pytest.Config) -> float:
    option = config.getoption("qedsheet_budget")
    return float(option if option is not None else config.getini("qedsheet_budget"))


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: pytest.Collector, name: str, obj: Any) -> Any:
    claim_type = _claim_type()
    if claim_type is None or not isinstance(obj, claim_type) or name.startswith("_"):
        return None
    if not isinstance(collector, pytest.Module):
        return []  # a claim held by a test class is data, not a test
    if not collector.config.getini("qedsheet_collect"):
        return []
    seen = collector.__dict__.setdefault("_qedsheet_seen", set())
    if obj.name in seen:  # the same claim under two module names: one item
        return []
    seen.add(obj.name)
    return ClaimItem.from_parent(collector, name=obj.name, claim=obj)


class ClaimItem(pytest.Item):
    """One claim to prove; passes when the verdict is the claim's `expect`."""

    def __init__(self, *, claim: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim = claim

    def runtest(self) -> None:
        from proofs.prover import prove
        from proofs.testing import ClaimFailure, failure_message

        verdict = prove(self.claim, budget=_budget(self.config))
        self.user_properties.append(("verdict", verdict.status))
        if not verdict.ok:
            raise ClaimFailure(failure_message(verdict))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str:
        from proofs.testing import ClaimFailure

        if isinstance(excinfo.value, ClaimFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, None, f"claim {self.claim.name}"
